// A sample-corpus database built once per test binary run, for the searcher tests.
#pragma once

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

}  // namespace newsdex::testing
