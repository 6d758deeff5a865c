// Issue 22's ranking constants and switches: `index --bm25` (stored per database, refused when
// they differ from an existing database's), `eval --ranking`, the typed-twice weight and the
// headline-only rule, each on a real database on disk.
#include <gtest/gtest.h>

#include "core/database.h"
#include "core/errors.h"
#include "core/ranking.h"
#include "indexer/index_writer.h"
#include "searcher/query_plan.h"
#include "searcher/ranking_features.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsdex {

namespace {

Article article(const std::string& id, const std::string& title, const std::string& body) {
  Article a;
  a.id = id;
  a.title = title;
  a.body = body;
  a.date = "1987-03-02";
  return a;
}

std::vector<std::string> ranked_ids(const std::string& db, const std::string& query,
                                    const RankingFeatures& features = {}) {
  Searcher searcher(db);
  SearchRequest r;
  r.query = query;
  r.facets.clear();
  r.ranking = features;
  std::vector<std::string> ids;
  for (const auto& h : searcher.search(r).hits) ids.push_back(h.id);
  return ids;
}

}  // namespace

TEST(RankingConstants, ParseAndFormatRoundTrip) {
  const auto p = ranking::parse_params("k1=1.6, b=0.5,title=2,avglen=120,headline=0");
  EXPECT_DOUBLE_EQ(p.k1, 1.6);
  EXPECT_DOUBLE_EQ(p.b, 0.5);
  EXPECT_EQ(p.title, 2U);
  EXPECT_DOUBLE_EQ(p.fixed_length, 120);
  EXPECT_DOUBLE_EQ(p.headline_length, 0);
  EXPECT_EQ(ranking::parse_params(ranking::format_params(p)), p);
  EXPECT_EQ(ranking::parse_params(""), ranking::Params{});
  EXPECT_EQ(ranking::parse_params(ranking::format_params({})), ranking::Params{});
}

TEST(RankingConstants, HostileSpecsAreRefusedNamingThePart) {
  for (const char* bad : {"k1=", "k1=abc", "k1=-1", "k1=11", "k1=nan", "k1=inf", "b=1.5", "title=0",
                          "title=2.5", "title=99", "avglen=0", "avglen=1e9", "headline=maybe",
                          "headline=11", "k3=1", "k1", "=1", "k1=1x"}) {
    try {
      ranking::parse_params(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("--bm25"), std::string::npos) << e.what();
    }
  }
  for (const char* bad : {"stopwords=maybe", "exact=-1", "exact=x", "qtf=1e9", "tiers", "phrases=1",
                          "speed=fast", "near=-0.1", "near=x", "near=11"}) {
    try {
      parse_ranking_features(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("--ranking"), std::string::npos) << e.what();
    }
  }
}

TEST(RankingConstants, ANewDatabaseKeepsItsConstantsAndRefusesOthers) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  const auto chosen = ranking::parse_params("k1=1,b=0.3");
  {
    IndexWriter w(db, false, chosen);
    w.add(article("a", "Oil prices", "Crude oil rose."));
    w.commit();
  }
  EXPECT_EQ(ranking::parse_params(
                open_database_for_reading(db).get_metadata(std::string(ranking::kMetaParamsKey))),
            chosen);
  { IndexWriter same(db, false, chosen); }  // the same constants: accepted
  { IndexWriter unspecified(db, false); }   // none given: the stored ones are used
  try {
    IndexWriter other(db, false, ranking::Params{});
    ADD_FAILURE() << "different constants accepted on an existing database";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("k1=1,b=0.3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(open_database_for_reading(db).get_doccount(), 1U);  // nothing lost
}

TEST(RankingConstants, AHeadlineOnlyArticleRanksBelowTheFullStory) {
  testing::TempDir dir;
  std::vector<Article> articles;
  // Filler so that the average length is a real article's.
  for (int i = 0; i < 30; ++i) {
    articles.push_back(article("f" + std::to_string(i), "Grain report " + std::to_string(i),
                               "Wheat and corn shipments were steady this week in the markets "
                               "of the midwest, traders said, with little change in prices."));
  }
  articles.push_back(article("flash", "TEXACO SAYS PENNZOIL TALKS CONTINUE", ""));
  articles.push_back(article(
      "full", "Texaco says Pennzoil talks continue",
      "Texaco Inc said its talks with Pennzoil Co on settling the damages award continue, and "
      "that no agreement has been reached with Pennzoil. The companies met in Houston on "
      "Monday, Texaco said, and will meet again this week to discuss the judgment."));
  for (const bool average : {true, false}) {
    const std::string db = dir / (average ? "average" : "own");
    ranking::Params p;  // the default: a headline counts as twice the average length
    if (!average) p.headline_length = 0;
    IndexWriter w(db, false, p);
    for (const auto& a : articles) w.add(a);
    w.commit();
    const auto ids = ranked_ids(db, "texaco pennzoil");
    ASSERT_EQ(ids.size(), 2U);
    // With its own (very short) length the flash's two title words outrank the story (twice
    // the average length); normalised as a long article, it ranks below the story, which has
    // the words in its headline and body.
    EXPECT_EQ(ids[0], average ? "full" : "flash");
  }
}

TEST(RankingConstants, AWordTypedTwiceWeighsMoreWhenAsked) {
  EXPECT_EQ(plan_query("oil gas oil", MatchMode::kAuto).repeats, (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(plan_query("Oil gas OIL the", MatchMode::kAuto).words,
            (std::vector<std::string>{"Oil", "gas"}));
  EXPECT_EQ(plan_query("oil the gas", MatchMode::kAuto, false).words,
            (std::vector<std::string>{"oil", "the", "gas"}));
  testing::TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db, false);
    // oil in 2 articles, gas in 3, of 10: oil is the rarer word, so with each word once the
    // oil article ranks first.
    const std::string longer = " Traders in London and New York watched the figures closely.";
    w.add(article("o", "Oil", "Oil output fell in the north sea fields this month."));
    w.add(article("o2", "Output", "Oil output fell this month." + longer + longer));
    w.add(article("g", "Gas", "Gas output fell in the north sea fields this month."));
    w.add(article("g2", "Output", "Gas output fell this month." + longer + longer));
    w.add(article("g3", "Output", "Gas output rose this month." + longer + longer));
    for (int i = 0; i < 5; ++i) w.add(article("x" + std::to_string(i), "Coal", "Coal use rose."));
    w.commit();
  }
  EXPECT_EQ(ranked_ids(db, "oil gas")[0], "o");
  RankingFeatures repeated;
  repeated.query_tf_k3 = 1000;  // about linear: gas typed 3 times weighs almost 3 times
  EXPECT_EQ(ranked_ids(db, "oil gas gas gas", repeated)[0], "g");
  RankingFeatures once;
  once.query_tf_k3 = 0;  // each distinct word once: as "oil gas"
  EXPECT_EQ(ranked_ids(db, "oil gas gas gas", once)[0], "o");
}

TEST(RankingConstants, NeighbouringWordsCloseTogetherRankFirstWithTheProximityOption) {
  EXPECT_DOUBLE_EQ(parse_ranking_features("near=0.25").proximity, 0.25);
  EXPECT_DOUBLE_EQ(parse_ranking_features("").proximity, 0);  // off by default
  testing::TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db, false);
    // The same words, as often, in texts of one length: 12 positions apart in "far" (past the
    // window of 8), side by side in "near".
    w.add(article("far", "Report",
                  "Solar output rose while costs of the new factory and its roof panels fell."));
    w.add(article("near", "Report",
                  "Solar panels output rose while costs of the new factory and its roof fell."));
    for (int i = 0; i < 5; ++i) w.add(article("x" + std::to_string(i), "Coal", "Coal use rose."));
    w.commit();
  }
  Searcher searcher(db);
  SearchRequest r;
  r.query = "solar panels";
  r.facets.clear();
  const auto plain = searcher.search(r).hits;
  ASSERT_EQ(plain.size(), 2U);
  EXPECT_DOUBLE_EQ(plain[0].score, plain[1].score);  // without it the two are alike
  r.ranking.proximity = 0.25;
  const auto near = searcher.search(r).hits;
  ASSERT_EQ(near.size(), 2U);
  EXPECT_EQ(near[0].id, "near");
  EXPECT_GT(near[0].score, near[1].score);
  EXPECT_NEAR(near[1].score, plain[0].score, 1e-9);  // the far pair gains nothing
}

}  // namespace newsdex
