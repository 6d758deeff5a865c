// The plan for each query shape: which queries are plain words, their levels, and the route.
#include "searcher/query_plan.h"

#include <gtest/gtest.h>

namespace newsdex {

namespace {
std::vector<std::string> level_names(const QueryPlan& p) {
  std::vector<std::string> out;
  for (const auto& l : p.levels) out.emplace_back(l.name);
  return out;
}
using Names = std::vector<std::string>;
}  // namespace

TEST(QueryPlan, PlainWordsRelaxFromAllToMostToAny) {
  const auto p = plan_query("oil prices asia", MatchMode::kAuto);
  EXPECT_TRUE(p.plain);
  EXPECT_EQ(p.words, (Names{"oil", "prices", "asia"}));
  EXPECT_EQ(level_names(p), (Names{"all", "most", "any"}));
  EXPECT_EQ(p.levels[1].min_words, 2U);
  // Two words: "most" would be "all".
  EXPECT_EQ(level_names(plan_query("oil prices", MatchMode::kAuto)), (Names{"all", "any"}));
  // One word: nothing to relax.
  EXPECT_EQ(level_names(plan_query("oil", MatchMode::kAuto)), (Names{"all"}));
}

TEST(QueryPlan, MostIsTwoThirdsRoundedUp) {
  EXPECT_EQ(most_words(3), 2U);
  EXPECT_EQ(most_words(4), 3U);
  EXPECT_EQ(most_words(5), 4U);
  EXPECT_EQ(most_words(6), 4U);
  EXPECT_EQ(most_words(9), 6U);
  EXPECT_EQ(most_words(10), 7U);
}

TEST(QueryPlan, AFixedLevelIsTheOnlyLevel) {
  EXPECT_EQ(level_names(plan_query("oil prices asia", MatchMode::kAll)), (Names{"all"}));
  EXPECT_EQ(level_names(plan_query("oil prices asia", MatchMode::kMost)), (Names{"most"}));
  EXPECT_EQ(level_names(plan_query("oil prices asia", MatchMode::kAny)), (Names{"any"}));
  EXPECT_EQ(level_names(plan_query("oil prices", MatchMode::kMost)), (Names{"all"}));
}

TEST(QueryPlan, StopwordsAreDroppedUnlessThereIsNothingElse) {
  const auto p = plan_query("what are the prices of oil in Asia?", MatchMode::kAuto);
  EXPECT_EQ(p.words, (Names{"prices", "oil", "Asia"}));
  EXPECT_EQ(p.text, "prices oil Asia");
  const auto only = plan_query("the who", MatchMode::kAuto);
  EXPECT_EQ(only.words, (Names{"the", "who"}));
  // Repeated words count once; punctuation around words goes.
  EXPECT_EQ(plan_query("(oil) oil, /gas/", MatchMode::kAuto).words, (Names{"oil", "gas"}));
}

TEST(QueryPlan, CapitalsAreWordsWhenTheWholeQueryIsInCapitals) {
  const auto p = plan_query("OIL AND GAS PRICES IN ASIA", MatchMode::kAuto);
  EXPECT_TRUE(p.plain);
  EXPECT_EQ(p.words, (Names{"oil", "gas", "prices", "asia"}));
  // In a mixed-case query, AND is an operator.
  EXPECT_FALSE(plan_query("oil AND gas", MatchMode::kAuto).plain);
}

TEST(QueryPlan, OperatorsQuotesSignsFieldsAndWildcardsAreNeverRelaxed) {
  for (const char* q :
       {"oil OR gas", "\"oil prices\" asia", "+oil +gas", "-oil", "company:ibm oil",
        "title:oil gas", "oil* gas", "oil NEAR gas", "oil NOT gas", "oil XOR gas"}) {
    const auto p = plan_query(q, MatchMode::kAuto);
    EXPECT_FALSE(p.plain) << q;
    EXPECT_EQ(level_names(p), (Names{"all"})) << q;
    // Only -words are written as their pure NOT (Xapian reads a lone "-oil" as "oil").
    EXPECT_EQ(p.text, std::string(q) == "-oil" ? "NOT oil" : q);
  }
  EXPECT_EQ(plan_query("-oil -gas", MatchMode::kAuto).text, "NOT oil NOT gas");
  EXPECT_EQ(plan_query("-oil -gas", MatchMode::kAuto).words_reading, nullptr);
  // Quotes and signs alone have a words reading: the phrase as a bonus, -word still excluded in
  // a short query, read as a word in long text (which is read as words at once).
  const auto quoted = plan_query("\"oil prices\" -opec", MatchMode::kAuto);
  ASSERT_NE(quoted.words_reading, nullptr);
  EXPECT_FALSE(quoted.words_first);
  EXPECT_EQ(quoted.words_reading->phrases, std::vector<std::string>{"oil prices"});
  EXPECT_EQ(quoted.words_reading->excluded, std::vector<std::string>{"opec"});
  const auto paragraph = plan_query(
      "the system \"user specialty languages\" (USL) for -retrieval of data in large files",
      MatchMode::kAuto);
  ASSERT_NE(paragraph.words_reading, nullptr);
  EXPECT_TRUE(paragraph.words_first);
  EXPECT_TRUE(paragraph.words_reading->excluded.empty());
  // Fields, wildcards and operators keep the query as written.
  EXPECT_EQ(plan_query("\"oil prices\" title:gas", MatchMode::kAuto).words_reading, nullptr);
  EXPECT_EQ(plan_query("\"oil prices\" OR gas", MatchMode::kAuto).words_reading, nullptr);
  // A colon after a word that names no field, hyphens inside words and a lone dash are words.
  EXPECT_TRUE(plan_query("ratio: oil high-speed - gas", MatchMode::kAuto).plain);
  EXPECT_FALSE(plan_query("", MatchMode::kAuto).plain);
}

TEST(QueryPlan, SignedWordsAreObeyedWhileTheOtherWordsRelax) {
  const auto p = plan_query("oil gas asia -dash +prices", MatchMode::kAuto);
  EXPECT_TRUE(p.plain);
  EXPECT_EQ(p.words, (Names{"oil", "gas", "asia"}));
  EXPECT_EQ(p.required, (Names{"prices"}));
  EXPECT_EQ(p.excluded, (Names{"dash"}));
  EXPECT_EQ(level_names(p), (Names{"all", "most", "any"}));
  EXPECT_EQ(p.text, "oil gas asia +prices -dash");
  // A sign before punctuation is not a word's sign.
  EXPECT_FALSE(plan_query("oil -\"gas prices\"", MatchMode::kAuto).plain);
}

TEST(QueryPlan, TheRouteFollowsTheQueryAndTheRequest) {
  const Xapian::Query word("oil");
  const Xapian::Query two(Xapian::Query::OP_AND, word, Xapian::Query("gas"));
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, word, Xapian::Query("gas"));
  const Xapian::Query wildcard(Xapian::Query::OP_WILDCARD, "oi");
  const auto route = [](const Xapian::Query& q, SortOrder sort, bool count, bool own = true) {
    return plan_pass(q, sort, count, 0, 10, own).route;
  };
  const auto relevance = SortOrder::kRelevance;
  EXPECT_EQ(route(two, relevance, true), Route::kWalk);
  EXPECT_EQ(route(phrase, relevance, true), Route::kWalk);
  EXPECT_EQ(route(word, relevance, false), Route::kPruned);
  EXPECT_EQ(route(two, relevance, false), Route::kWalk);
  EXPECT_EQ(route(phrase, relevance, false), Route::kXapian);
  EXPECT_EQ(route(two, SortOrder::kNewestFirst, true), Route::kXapian);
  EXPECT_EQ(route(wildcard, relevance, true), Route::kXapian);
  EXPECT_EQ(route(two, relevance, true, false), Route::kXapian);
  const RankPass pass = plan_pass(two, relevance, false, 20, 5, true);
  EXPECT_FALSE(pass.count);
  EXPECT_EQ(pass.offset, 20U);
  EXPECT_EQ(pass.limit, 5U);
}

}  // namespace newsdex
