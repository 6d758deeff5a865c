// Archives (issue 24's tiers): a database rewritten by `compact --by` as sealed parts by period
// plus a live part answers every search, stats, trends and story lookup as the one database
// did; a Searcher sees a commit to any part; parts that cannot be searched together are
// refused with a message naming them.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "answer_util.h"
#include "core/database.h"
#include "core/errors.h"
#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "indexer/tiers.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

std::vector<SearchRequest> requests() {
  std::vector<SearchRequest> out;
  for (const char* q :
       {"", "oil prices", "\"interest rates\"", "interest NEAR rates", "bank OR banks",
        "grain -wheat", "topic:Earnings", "dollar yen", "net profit", "title:bank",
        "year:1987 trade", "samsung chip factory in texas", "oil prices opec output cut",
        "japan trade surplus dollar yen", "new smartphone sales growth asia"}) {
    SearchRequest r;
    r.query = q;
    out.push_back(r);
    r.collapse = true;
    out.push_back(r);
    r.collapse = false;
    r.sort = SortOrder::kNewestFirst;
    out.push_back(r);
  }
  SearchRequest filtered;
  filtered.query = "prices";
  filtered.filters = {{"topic", "Earnings"}, {"topic", "Crude Oil"}, {"company", "opec"}};
  out.push_back(filtered);
  filtered.from = "1987-03-01";
  filtered.to = "1987-04-15";
  out.push_back(filtered);
  return out;
}

// The one database at `one`, and the same tiered by `period` at `archive`: equal articles,
// searches, stats, trends and stories. Returns how many requests were answered by most of
// their words (ranked within that level's set of documents).
int expect_archive_answers_as_one(const std::string& one, const std::string& archive,
                                  TierPeriod period) {
  fs::copy(one, archive, fs::copy_options::recursive);
  const TierResult tiers = tier_database(archive, period);
  EXPECT_GE(tiers.parts.size(), 3U) << "too few periods to test an archive";
  EXPECT_EQ(tiers.parts.back().name, kLivePart);
  EXPECT_TRUE(fs::is_regular_file(archive + "/XAPIANDB"));
  EXPECT_EQ(open_parts_for_reading(archive).parts.size(), tiers.parts.size());
  EXPECT_EQ(testing::stored_articles(one), testing::stored_articles(archive));

  Searcher a(one), b(archive), split(archive);
  int relaxed = 0;  // requests answered by most of their words (ranked within that level's set)
  split.set_parallel_count_postings(1);  // every walk split over two threads by docid range
  for (const auto& r : requests()) {
    const auto expected = testing::answer(a, r).dump(1);
    EXPECT_EQ(expected, testing::answer(b, r).dump(1))
        << "'" << r.query << "' collapse " << r.collapse;
    EXPECT_EQ(expected, testing::answer(split, r).dump(1))
        << "'" << r.query << "' collapse " << r.collapse << ", split";
    const auto page = testing::page_answer(a, r);
    relaxed += page.at("matching") == "most";
    EXPECT_EQ(page.dump(1), testing::page_answer(b, r).dump(1)) << "'" << r.query << "' page";
    EXPECT_EQ(page.dump(1), testing::page_answer(split, r).dump(1)) << "'" << r.query << "' page";
  }
  for (const std::string cmd :
       {"stats --json --top 20", "trends series --json --field topic --interval week",
        "trends series --json --field company oil", "search --json --limit 5 oil"}) {
    const auto x = testing::run_newsdex(cmd + " --db " + one);
    const auto y = testing::run_newsdex(cmd + " --db " + archive);
    EXPECT_EQ(x.status, 0) << x.out;
    EXPECT_EQ(y.status, 0) << y.out;
    if (x.status != 0 || y.status != 0) continue;
    auto jx = nlohmann::json::parse(x.out), jy = nlohmann::json::parse(y.out);
    jx.erase("took_ms");
    jy.erase("took_ms");
    EXPECT_EQ(jx.dump(1), jy.dump(1)) << cmd;
  }
  // A story looked up by one of its articles.
  const auto hit = nlohmann::json::parse(
                       testing::run_newsdex("search --json --limit 1 --db " + one + " oil prices")
                           .out)["hits"][0]["id"]
                       .get<std::string>();
  const auto sx = testing::run_newsdex("story --json --db " + one + " " + hit);
  const auto sy = testing::run_newsdex("story --json --db " + archive + " " + hit);
  EXPECT_EQ(sx.status, 0) << sx.out;
  EXPECT_EQ(sx.out, sy.out);
  return relaxed;
}

TEST(Archive, TheBundledCorpusByMonthAnswersAsTheOneDatabase) {
  testing::TempDir dir;
  const std::string one = dir / "one";
  testing::index_quietly(one, {testing::bundled("sample/articles.jsonl")});
  expect_archive_answers_as_one(one, dir / "archive", TierPeriod::kMonth);
}

// Reuters has stories of many copies, some across a month's end: they must stay one story.
TEST(Archive, ReutersByMonthAnswersAsTheOneDatabaseStoriesIncluded) {
  if (!testing::shared_corpus_present("reuters21578")) {
    GTEST_SKIP() << "../shared/data/reuters21578 is absent";
  }
  const std::string dir_in = testing::shared_data_dir() + "/reuters21578/";
  testing::TempDir dir;
  IndexOptions o;
  o.db_path = dir / "one";
  index_paths({dir_in + "reut2-000.sgm", dir_in + "reut2-009.sgm", dir_in + "reut2-018.sgm"}, o,
              IndexObserver{});
  EXPECT_GT(expect_archive_answers_as_one(o.db_path, dir / "archive", TierPeriod::kMonth), 0)
      << "no request covers the most-words level";
}

Article article(const std::string& id, const std::string& company) {
  Article a;
  a.id = id;
  a.title = "Quarterly results";
  a.body = "The company reported quarterly results above expectations.";
  a.date = id == "a1" ? "2024-01-10" : id == "a2" ? "2024-02-10" : "2024-03-10";
  a.companies = {company};
  return a;
}

TEST(Archive, ASearcherSeesACommitToAnyPart) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db);
    for (const char* id : {"a1", "a2", "a3"}) w.add(article(id, "Acme"));
    w.commit();
  }
  tier_database(db, TierPeriod::kMonth);
  Searcher s(db);
  SearchRequest r;
  r.query = "results";
  r.facets = {"company"};
  auto count = [&](const std::string& value) {
    for (const auto& [field, counts] : s.search(r).facets) {
      for (const auto& f : counts) {
        if (field == "company" && f.value == value) return f.count;
      }
    }
    return Xapian::doccount{0};
  };
  ASSERT_EQ(count("Acme"), 3U);
  {
    // The same article, same length, another company, replaced in its sealed part: no
    // document count or length changes, only that part's revision.
    IndexWriter w(db + "/2024-02");
    w.add(article("a2", "Globex"));
    w.commit();
  }
  s.refresh();
  EXPECT_EQ(count("Acme"), 2U);
  EXPECT_EQ(count("Globex"), 1U);
}

// A served database that `compact --by` rewrites (into an archive, then with one part more) is
// followed without a restart: reopen() alone keeps the parts a handle has.
TEST(Archive, ASearcherFollowsTheLayoutThatCompactByRewrites) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db);
    for (const char* id : {"a1", "a2"}) w.add(article(id, "Acme"));
    w.commit();
  }
  Searcher s(db);
  SearchRequest r;
  r.query = "results";
  ASSERT_EQ(s.search(r).total, 2U);
  tier_database(db, TierPeriod::kMonth);  // the database becomes an archive
  EXPECT_EQ(s.search(r).total, 2U);
  {
    IndexWriter w(db);  // into the live part
    w.add(article("a3", "Acme"));
    w.commit();
  }
  EXPECT_EQ(s.search(r).total, 3U);
  tier_database(db, TierPeriod::kMonth);  // a3 moves from the live part to a new part
  EXPECT_EQ(s.search(r).total, 3U);
  EXPECT_EQ(open_parts_for_reading(db).parts.size(), 4U);
}

// Writes a stub listing `lines` under `dir` and returns why opening it fails.
std::string refusal(const testing::TempDir& dir, const std::string& lines) {
  testing::write_file(dir / "stub", lines);
  try {
    open_parts_for_reading(dir / "stub");
  } catch (const DatabaseError& e) {
    return e.what();
  }
  return "(opened)";
}

TEST(Archive, PartsThatCannotBeSearchedTogetherAreRefusedByName) {
  testing::TempDir dir;
  testing::index_quietly(dir / "a", {testing::bundled("sample/articles.jsonl")});
  IndexOptions o;
  o.db_path = dir / "b";
  o.extract = false;
  o.bm25 = ranking::parse_params("k1=1.2");
  index_paths({testing::bundled("sample/articles.jsonl")}, o, IndexObserver{});
  {
    Xapian::WritableDatabase other(dir / "other", Xapian::DB_CREATE);
    other.set_metadata("newsdex:schema", "1");
    other.commit();
  }
  fs::create_directories(dir / "empty-dir");

  EXPECT_NE(refusal(dir, "auto a\nauto b\n").find("other ranking constants"), std::string::npos);
  EXPECT_NE(refusal(dir, "auto a\nauto b\n").find("stub:2"), std::string::npos);
  EXPECT_NE(refusal(dir, "auto a\n# again\nauto " + (dir / "a") + "\n").find("same database"),
            std::string::npos);
  EXPECT_NE(refusal(dir, "auto a\nauto other\n").find("another version of Newsdex"),
            std::string::npos);
  EXPECT_NE(refusal(dir, "auto a\nauto missing\n").find("no database at"), std::string::npos);
  EXPECT_NE(refusal(dir, "auto a\nauto empty-dir\n").find("not a Newsdex database"),
            std::string::npos);
  EXPECT_NE(refusal(dir, "remote 127.0.0.1:1\n")
                .find("shard 127.0.0.1:1 (" + dir.path() + "/stub:1) cannot be reached"),
            std::string::npos);
  EXPECT_EQ(refusal(dir, "# a comment\n\nauto a\n"), "(opened)");
}

TEST(Archive, CompactByRefusesWhatItCannotTier) {
  testing::TempDir dir;
  testing::index_quietly(dir / "a", {testing::bundled("sample/articles.jsonl")});
  testing::write_file(dir / "stub", "auto a\n");
  auto r = testing::run_newsdex("compact --by week --db " + (dir / "a"));
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("--by: expected year or month"), std::string::npos) << r.out;
  r = testing::run_newsdex("compact --by year --db " + (dir / "stub"));
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("is a stub file"), std::string::npos) << r.out;
  r = testing::run_newsdex("compact --by year --db " + (dir / "nothing"));
  EXPECT_EQ(r.status, 1) << r.out;
  // The database refused is left as it was.
  EXPECT_TRUE(fs::exists(dir / "a/iamglass"));
}

}  // namespace
}  // namespace newsdex
