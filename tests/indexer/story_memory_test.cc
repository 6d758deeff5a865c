// StoryIndex with a memory budget far below the input: days dropped from memory are read
// again from the database, and the stories come out as with everything in memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "core/database.h"
#include "core/schema.h"
#include "indexer/index_writer.h"
#include "indexer/stories/story_index.h"
#include "story_util.h"
#include "test_util.h"

namespace newsdex {
namespace {

Article dated(const std::string& id, const std::string& body, const std::string& date) {
  Article a;
  a.id = id;
  a.title = "Market report";
  a.body = body;
  a.date = date;
  return a;
}

// Writes `articles` in order as IndexWriter does, with a StoryIndex holding at most
// `max_articles` articles' band keys; returns id -> story.
std::map<std::string, std::string> stories_with_budget(const std::vector<Article>& articles,
                                                       const std::string& path,
                                                       std::size_t max_articles) {
  Xapian::WritableDatabase db = open_database_for_writing(path);
  stories::StoryIndex index(db, max_articles);
  Xapian::TermGenerator tg;
  for (const auto& a : articles) {
    const auto sig = stories::make_signature(a.title, a.body, a.date);
    const std::string story = index.resolve(sig, stories::article_key(a.id), 0);
    Xapian::Document doc = make_document(a, tg, 250, story);
    stories::StoryIndex::add_terms(doc, sig, story);
    index.added(db.replace_document(schema::term(schema::field("id"), a.id), doc), sig);
  }
  db.commit();
  return testing::stories_in(db);
}

TEST(StoryMemory, DaysDroppedFromMemoryAreReadAgainAndTheStoriesStayTheSame) {
  testing::TempDir dir;
  // Eight days ten days apart (no article's window reaches another's day), each with three
  // stories of three copies, in shuffled order so that days are dropped and read again.
  std::vector<Article> all;
  for (int day = 0; day < 8; ++day) {
    const std::string date = "2020-0" + std::to_string(1 + day) + "-15";
    for (int story = 0; story < 3; ++story) {
      // Words of letters only (a token with a digit is a figure, and figures keep stories apart).
      std::string body = "The report said";
      for (int w = 0; w < 60; ++w) {
        const int k = (w * (3 + 4 * story) + day * 29) % 97;  // another order per story
        body +=
            std::string(" w") + static_cast<char>('a' + k % 26) + static_cast<char>('a' + k / 26);
      }
      for (int copy = 0; copy < 3; ++copy) {
        all.push_back(dated(
            "d" + std::to_string(day) + "s" + std::to_string(story) + "c" + std::to_string(copy),
            body + (copy == 2 ? " Reporting by a correspondent." : ""), date));
      }
    }
  }
  std::mt19937 rng(7);
  std::shuffle(all.begin(), all.end(), rng);
  const auto roomy = stories_with_budget(all, dir / "roomy", 0);
  const auto tight = stories_with_budget(all, dir / "tight", 2);
  EXPECT_EQ(tight, roomy);
  std::map<std::string, int> sizes;
  for (const auto& [id, story] : roomy) ++sizes[story];
  EXPECT_EQ(sizes.size(), 24U);  // every copy found its story
  for (const auto& [story, n] : sizes) EXPECT_EQ(n, 3) << story;
}

}  // namespace
}  // namespace newsdex
