// Match levels end to end, on a small corpus written for it: when each level answers, what the
// page holds, stopwords, queries in capitals, and operators that are never relaxed.
#include <gtest/gtest.h>

#include "core/errors.h"
#include "indexer/indexer.h"
#include "search_fixture.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsdex {

namespace {

using P = std::vector<std::pair<std::string, std::string>>;

// 12 articles with alpha beta gamma, 3 with alpha beta delta, 10 with delta epsilon, 2 with
// zeta, one "the who live".
class MatchLevels : public testing::CorpusSuite<MatchLevels> {
 public:
  static std::string jsonl() {
    std::string jsonl;
    auto add = [&](const std::string& id, const std::string& body, const std::string& date) {
      jsonl += R"({"id":")" + id + R"(","title":")" + id + R"(","body":")" + body +
               R"(","date":")" + date + "\"}\n";
    };
    for (int i = 1; i <= 12; ++i) add("a" + std::to_string(i), "alpha beta gamma", "2020-01-01");
    for (int i = 1; i <= 3; ++i) add("b" + std::to_string(i), "alpha beta delta", "2020-01-01");
    for (int i = 1; i <= 10; ++i) add("c" + std::to_string(i), "delta epsilon", "2020-01-01");
    add("d1", "zeta", "2019-01-01");
    add("d2", "zeta", "2020-01-01");
    add("e1", "the who live", "2020-01-01");
    return jsonl;
  }

 protected:
  static SearchResult search(const std::string& q, P more = {}) {
    more.emplace_back("q", q);
    return searcher().search(parse_search_params(more));
  }
};

}  // namespace

TEST_F(MatchLevels, AllWordsAnswerWhenTheyFillAPage) {
  const auto r = search("alpha beta gamma");
  EXPECT_EQ(r.matching, "all");
  EXPECT_EQ(r.total, 12U);
  EXPECT_EQ(result_to_json(r)["matching"], "all");
}

TEST_F(MatchLevels, MostWordsAnswerBelowAPageAndTheAllWordHitsComeFirst) {
  const auto r = search("alpha beta delta");
  EXPECT_EQ(r.matching, "most");
  EXPECT_EQ(r.total, 15U);     // the 3 with all words and the 12 with alpha and beta
  EXPECT_EQ(r.all_words, 3U);  // the message counts them: never "no article has all"
  EXPECT_EQ(result_to_json(r)["all_words"], 3);
  EXPECT_FALSE(search("alpha beta gamma").all_words.has_value());
  ASSERT_EQ(r.hits.size(), 10U);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(r.hits[i].id[0], 'b') << i;
  EXPECT_EQ(r.hits[3].id[0], 'a');
  // The second page continues the same list: the total does not change with paging.
  const auto page2 = search("alpha beta delta", {{"offset", "10"}});
  EXPECT_EQ(page2.matching, "most");
  EXPECT_EQ(page2.total, 15U);
  EXPECT_EQ(page2.hits.size(), 5U);
  EXPECT_EQ(page2.hits[0].rank, 11U);
}

TEST_F(MatchLevels, AnyWordAnswersWhenNothingHasMost) {
  const auto r = search("delta zeta omega");
  EXPECT_EQ(r.matching, "any");
  EXPECT_EQ(r.total, 15U);  // 10 c, 3 b, 2 d
  const auto fixed = search("delta zeta omega", {{"match", "all"}});
  EXPECT_EQ(fixed.matching, "all");
  EXPECT_EQ(fixed.total, 0U);
  EXPECT_EQ(search("alpha beta delta", {{"match", "any"}}).total, 25U);
  EXPECT_EQ(search("alpha beta delta", {{"match", "most"}}).total, 15U);
}

TEST_F(MatchLevels, FacetsCountTheAnsweringLevel) {
  const auto r = search("alpha beta delta", {{"facets", "year"}});
  ASSERT_EQ(r.facets.size(), 1U);
  ASSERT_EQ(r.facets[0].second.size(), 1U);
  EXPECT_EQ(r.facets[0].second[0].count, 15U);
}

TEST_F(MatchLevels, StopwordsNeverMakeAQueryFail) {
  EXPECT_EQ(search("the alpha of beta and gamma").total, 12U);
  EXPECT_EQ(search("the alpha of beta and gamma").matching, "all");
  const auto only = search("the who");
  EXPECT_EQ(only.total, 1U);
  EXPECT_EQ(only.hits.at(0).id, "e1");
  // Inside quotes, stopwords stay.
  EXPECT_EQ(search("\"the who\"").total, 1U);
}

TEST_F(MatchLevels, CapitalsFindWhatLowerCaseFinds) {
  EXPECT_EQ(search("ALPHAS BETAS GAMMAS").total, search("alphas betas gammas").total);
  EXPECT_EQ(search("ALPHAS BETAS GAMMAS").total, 12U);
  // All in capitals, OR is a word (a stopword); in mixed case it is the operator.
  const auto caps = search("DELTA OR ZETA");
  EXPECT_EQ(caps.matching, "any");
  EXPECT_EQ(caps.total, 15U);
  const auto op = search("delta OR zeta");
  EXPECT_EQ(op.matching, "all");
  EXPECT_EQ(op.total, 15U);
}

TEST_F(MatchLevels, QueriesWithOperatorsAreNeverRelaxed) {
  for (const char* q : {"+alpha +beta +delta", "title:zeta alpha", "alpha AND beta AND zeta",
                        "\"alpha beta\" title:zeta"}) {
    const auto r = search(q);
    EXPECT_EQ(r.matching, "all") << q;
    EXPECT_LT(r.total, 10U) << q;
  }
  EXPECT_EQ(search("+alpha +beta +delta").total, 3U);
  EXPECT_EQ(search("alpha AND beta AND zeta").total, 0U);
  // Quotes and signs alone are relaxed only when the query as written matches nothing.
  EXPECT_EQ(search("\"alpha beta\" zeta").matching, "words");
}

TEST_F(MatchLevels, SignedWordsAreObeyedAtEveryLevel) {
  // alpha, beta and delta relax; gamma stays excluded: the b's (3) and the c's (delta).
  const auto r = search("alpha beta delta -gamma");
  EXPECT_EQ(r.matching, "any");
  EXPECT_EQ(r.total, 13U);
  for (const auto& h : r.hits) EXPECT_NE(h.id[0], 'a') << h.id;
  // delta required: only the b's have it beside alpha or beta.
  const auto req = search("alpha beta +delta");
  EXPECT_EQ(req.total, 3U);
}

// Issue 22: a quoted phrase no article has, inside typed text, never empties the answer: the
// query is read as its words (the phrase adds weight where it occurs), and says so.
TEST_F(MatchLevels, AQuotedPhraseThatMatchesNothingIsReadAsWords) {
  const auto r = search("alpha \"gamma beta\"");
  EXPECT_EQ(r.matching, "words");
  EXPECT_EQ(r.total, 12U);  // alpha, beta and gamma: the a's
  const auto para = search(
      "we want articles about the alpha \"delta beta\" system and how epsilon relates to it "
      "in practice");
  EXPECT_EQ(para.matching, "words");
  EXPECT_GT(para.total, 0U);
  // A phrase that occurs ranks its articles first among the words' matches.
  const auto both =
      search("we look for \"alpha beta delta\" and gamma or epsilon in the texts now");
  EXPECT_EQ(both.matching, "words");
  ASSERT_FALSE(both.hits.empty());
  EXPECT_EQ(both.hits[0].id[0], 'b');
}

TEST_F(MatchLevels, AShortOperatorQueryKeepsItsMeaningWhenItMatches) {
  const auto r = search("\"alpha beta\" -gamma");
  EXPECT_EQ(r.matching, "all");
  EXPECT_EQ(r.total, 3U);  // the b's: the phrase, without gamma
  const auto plus = search("+delta +epsilon");
  EXPECT_EQ(plus.matching, "all");
  EXPECT_EQ(plus.total, 10U);
  // An excluded word stays excluded in the words reading of a short query.
  const auto none = search("\"gamma alpha\" -beta");
  EXPECT_EQ(none.total, 0U);
}

TEST_F(MatchLevels, BadMatchValuesAreUsageErrors) {
  EXPECT_THROW(search("alpha", {{"match", "some"}}), UsageError);
  EXPECT_THROW(search("alpha", {{"match", "ALL"}}), UsageError);
}

TEST_F(MatchLevels, RecencyPutsTheNewerOfEquallyRelevantArticlesFirst) {
  // d1 (2019) and d2 (2020) score the same for "zeta": the lower docid wins the tie.
  const auto plain = search("zeta");
  ASSERT_EQ(plain.hits.size(), 2U);
  EXPECT_EQ(plain.hits[0].id, "d1");
  const auto recent = search("zeta", {{"recency", "30d"}});
  ASSERT_EQ(recent.hits.size(), 2U);
  EXPECT_EQ(recent.hits[0].id, "d2");
  // From now=2019-01-01 neither is older than `now`: the tie stands.
  EXPECT_EQ(search("zeta", {{"recency", "1y"}, {"now", "2019-01-01"}}).hits[0].id, "d1");
  // d1 is 365 days older than d2: at a half-life of 365 days it scores half.
  EXPECT_NEAR(search("zeta", {{"recency", "365d"}}).hits[1].score, search("zeta").hits[0].score / 2,
              0.01);
}

// Issue 30: a reference far past the archive at a 1-day half-life underflowed every decayed
// score to 0, and the order fell back to docids.
TEST_F(MatchLevels, RecencyFarPastTheArchiveKeepsScoresAndOrder) {
  const auto r = search("zeta", {{"recency", "1d"}, {"now", "2200-01-01"}});
  ASSERT_EQ(r.hits.size(), 2U);
  EXPECT_EQ(r.hits[0].id, "d2");  // the newer one, 365 half-lives younger
  EXPECT_GT(r.hits[0].score, 0.0);
  EXPECT_NEAR(r.hits[0].score, search("zeta").hits[0].score, 1e-9);
}

TEST_F(MatchLevels, BadRecencyValuesAreUsageErrors) {
  for (const char* v : {"0d", "30", "d", "abc", "-5d", "101y", "36526d", "1.5d"}) {
    EXPECT_THROW(search("zeta", {{"recency", v}}), UsageError) << v;
  }
  EXPECT_THROW(search("zeta", {{"now", "2019-13-01"}}), UsageError);
  EXPECT_NO_THROW(search("zeta", {{"recency", "100y"}}));
}

}  // namespace newsdex
