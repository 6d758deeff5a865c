// A sample-corpus database built once per test binary run, for the searcher tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "indexer/indexer.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsdex::testing {

// The bundled sample corpus, indexed into a temporary database.
inline const std::string& sample_database() {
  static TempDir dir;
  static const std::string path = [] {
    IndexOptions o;
    o.db_path = dir / "sample-db";
    index_paths({bundled("sample/text"), bundled("sample/articles.jsonl")}, o, IndexObserver{});
    return o.db_path;
  }();
  return path;
}

inline SearchResult search_sample(std::vector<std::pair<std::string, std::string>> params) {
  static Searcher searcher(sample_database());
  return searcher.search(parse_search_params(params));
}

inline std::vector<std::string> hit_ids(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  return ids;
}

// A test suite with a small corpus of its own, written for it: Suite::jsonl() (JSON Lines) is
// indexed once for the suite (no extraction), and the suite's tests search it through
// searcher(). Use: class MySuite : public testing::CorpusSuite<MySuite> { static std::string
// jsonl(); ... };
template <class Suite>
class CorpusSuite : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    write_file(*dir_ / "docs.jsonl", Suite::jsonl());
    index_quietly(*dir_ / "db", {*dir_ / "docs.jsonl"});
    searcher_ = new Searcher(*dir_ / "db");
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
    searcher_ = nullptr;
    dir_ = nullptr;
  }

 protected:
  static Searcher& searcher() { return *searcher_; }

 private:
  static inline TempDir* dir_ = nullptr;
  static inline Searcher* searcher_ = nullptr;
};

}  // namespace newsdex::testing
