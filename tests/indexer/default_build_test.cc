// The default build of a new database (one writer thread per shard, stories joined across the
// shards, merged by compaction) against one writer on the same input: the same articles with
// the same stored fields and stories, and the same answers to searches, weights and facet
// counts included (issue 24).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "answer_util.h"
#include "core/database.h"
#include "indexer/indexer.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsdex {
namespace {

using testing::answer;
using testing::stored_articles;

void expect_same_as_one_writer(const std::vector<std::string>& inputs, unsigned shards,
                               const std::vector<std::string>& queries) {
  testing::TempDir dir;
  IndexOptions one;
  one.db_path = dir / "one";
  one.shards = 1;
  IndexOptions sharded = one;
  sharded.db_path = dir / "sharded";
  sharded.shards = shards;
  const auto a = index_paths(inputs, one, IndexObserver{});
  const auto b = index_paths(inputs, sharded, IndexObserver{});
  EXPECT_EQ(b.shards, shards);
  EXPECT_EQ(a.indexed, b.indexed);
  EXPECT_EQ(a.replaced, b.replaced);
  ASSERT_GT(a.total_documents, 0U);
  const auto left = stored_articles(one.db_path), right = stored_articles(sharded.db_path);
  ASSERT_EQ(left.size(), right.size());
  std::size_t differing = 0;
  for (const auto& [id, data] : left) {
    const auto it = right.find(id);
    if (it == right.end() || it->second != data) {
      if (++differing <= 3)
        ADD_FAILURE() << id << "\n one writer: " << data
                      << "\n sharded: " << (it == right.end() ? "(absent)" : it->second);
    }
  }
  EXPECT_EQ(differing, 0U);
  Searcher x(one.db_path), y(sharded.db_path);
  for (const auto& q : queries) {
    for (const bool collapse : {false, true}) {
      EXPECT_EQ(answer(x, q, collapse).dump(1), answer(y, q, collapse).dump(1))
          << q << " collapse " << collapse;
    }
  }
}

const std::vector<std::string> kQueries = {"",
                                           "oil prices",
                                           "\"interest rates\"",
                                           "bank OR banks",
                                           "company:Samsung",
                                           "grain -wheat",
                                           "topic:Earnings",
                                           "dollar yen",
                                           "net profit"};

TEST(DefaultBuild, TheBundledCorpusMatchesOneWriterArticleForArticle) {
  expect_same_as_one_writer(
      {testing::bundled("sample/text"), testing::bundled("sample/articles.jsonl")}, 3, kQueries);
}

// Reuters has many near duplicates (re-sent and corrected items), so stories split across
// shards must be joined for the groups to match.
TEST(DefaultBuild, ReutersMatchesOneWriterArticleForArticleStoriesIncluded) {
  if (!testing::shared_corpus_present("reuters21578")) {
    GTEST_SKIP() << "../shared/data/reuters21578 is absent";
  }
  const std::string dir = testing::shared_data_dir() + "/reuters21578/";
  expect_same_as_one_writer({dir + "reut2-000.sgm", dir + "reut2-001.sgm", dir + "reut2-002.sgm"},
                            3, kQueries);
}

}  // namespace
}  // namespace newsdex
