// Pseudo-relevance feedback on a corpus written for it: which words it adds, that it re-ranks
// a relaxed query's matches without changing them or their counts, and that queries obeyed as
// written (operators, quotes, fields) and queries answered by every word are never expanded.
#include "searcher/feedback.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "indexer/indexer.h"
#include "search_fixture.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsdex {

namespace {

// 80 articles. "nuclear plant inspection" has no article with all three words; 6 have two of
// them (n1..n6: nuclear plant, with reactor and coolant), fewer than a page, so "any" answers.
// p1..p4 have only "inspection" (rarer than "nuclear", so they outrank one-word "nuclear"
// articles); x1 and r1 have only "nuclear", the same length, x1 indexed first, and only r1
// shares the n articles' other words. 66 fillers make "market" a word of most articles.
class Feedback : public testing::CorpusSuite<Feedback> {
 public:
  static std::string jsonl() {
    std::string jsonl;
    auto add = [&](const std::string& id, const std::string& body, const std::string& topic) {
      jsonl += R"({"id":")" + id + R"(","title":"report","body":")" + body +
               R"(","date":"2020-01-01","topics":[")" + topic + "\"]}\n";
    };
    for (int i = 1; i <= 6; ++i) {
      add("n" + std::to_string(i),
          "the nuclear plant reactor coolant leak 1987 in the reactor coolant loop", "energy");
    }
    for (int i = 1; i <= 4; ++i)
      add("p" + std::to_string(i), "inspection of fertilizer sacks", "farm");
    add("x1", "nuclear weapons treaty talks signed", "defence");
    add("r1", "nuclear reactor coolant pumps ordered", "energy");
    for (int i = 1; i <= 66; ++i) add("f" + std::to_string(i), "market closing prices", "market");
    return jsonl;
  }

 protected:
  static SearchResult search(const std::string& q, bool feedback,
                             std::vector<std::pair<std::string, std::string>> more = {}) {
    more.emplace_back("q", q);
    more.emplace_back("facets", "topic,year");
    SearchRequest request = parse_search_params(more);
    request.feedback = feedback;
    return searcher().search(request);
  }
  static std::ptrdiff_t position(const SearchResult& r, const std::string& id) {
    const auto ids = testing::hit_ids(r);
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : it - ids.begin();
  }
};

}  // namespace

TEST_F(Feedback, AddsTheFeedbackArticlesWordsButNotQueryWordsStopwordsNumbersOrCommonWords) {
  const Xapian::Database& db = searcher().database();
  std::vector<std::pair<Xapian::docid, double>> feedback;
  for (auto p = db.postlist_begin("Znuclear"); p != db.postlist_end("Znuclear"); ++p) {
    if (feedback.size() < 6) feedback.emplace_back(*p, 2.0);  // n1..n6, indexed first
  }
  const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("Znuclear"),
                            Xapian::Query("Zplant"));
  const auto terms = expansion_terms(db, feedback, query, true);
  std::vector<std::string> words;
  double sum = 0;
  for (const auto& t : terms) {
    words.push_back(t.term);
    sum += t.weight;
  }
  // reactor and coolant occur twice in each, leak once; "report" (the title) is in every
  // article, "the" a stopword, 1987 a number, nuclear and plant the query's own.
  ASSERT_GE(words.size(), 3U);
  EXPECT_EQ(words[0], "Zcoolant");
  EXPECT_EQ(words[1], "Zreactor");
  EXPECT_EQ(words[2], "Zleak");
  for (const char* absent : {"Znuclear", "Zplant", "Zreport", "Zthe", "Z1987", "reactor"})
    EXPECT_EQ(std::count(words.begin(), words.end(), absent), 0) << absent;
  EXPECT_LE(terms.size(), kFeedbackTerms);
  EXPECT_NEAR(sum, 1.0, 1e-9);
  // Without stemming, the words as written.
  const auto exact = expansion_terms(db, feedback, Xapian::Query("nuclear"), false);
  ASSERT_FALSE(exact.empty());
  EXPECT_EQ(exact[0].term, "coolant");
  // Nothing to learn from no article.
  EXPECT_TRUE(expansion_terms(db, {}, query, true).empty());
}

TEST_F(Feedback, ReRanksARelaxedQuerysMatchesWithoutChangingThemOrTheirCounts) {
  const auto with = search("nuclear plant inspection", true, {{"limit", "100"}});
  const auto without = search("nuclear plant inspection", false, {{"limit", "100"}});
  EXPECT_EQ(with.matching, "any");
  EXPECT_EQ(without.matching, "any");
  EXPECT_EQ(with.total, 12U);
  EXPECT_EQ(with.total, without.total);
  EXPECT_EQ(result_to_json(with)["facets"], result_to_json(without)["facets"]);
  auto a = testing::hit_ids(with), b = testing::hit_ids(without);
  ASSERT_EQ(a.size(), 12U);
  // Without feedback the tie between x1 and r1 goes to x1; with it, r1 shares the best
  // articles' words (reactor, coolant) and ranks above x1.
  EXPECT_LT(position(without, "x1"), position(without, "r1"));
  EXPECT_LT(position(with, "r1"), position(with, "x1"));
  EXPECT_GT(with.hits[position(with, "r1")].score, without.hits[position(without, "r1")].score);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_EQ(a, b);
  // The first page is built from the same re-ranking: paging lists each match once.
  const auto page1 = search("nuclear plant inspection", true, {{"limit", "6"}});
  const auto page2 = search("nuclear plant inspection", true, {{"limit", "6"}, {"offset", "6"}});
  auto paged = testing::hit_ids(page1);
  for (const auto& id : testing::hit_ids(page2)) paged.push_back(id);
  std::sort(paged.begin(), paged.end());
  EXPECT_EQ(paged, a);
}

TEST_F(Feedback, QueriesObeyedAsWrittenAreNeverExpanded) {
  for (const std::string q : {"nuclear OR inspection", "nuclear OR plant OR inspection",
                              "\"nuclear plant\" OR nuclear", "title:report nuclear", "nuclear*"}) {
    const auto with = search(q, true, {{"limit", "100"}});
    const auto without = search(q, false, {{"limit", "100"}});
    EXPECT_EQ(with.matching, "all") << q;
    EXPECT_EQ(result_to_json(with)["hits"], result_to_json(without)["hits"]) << q;
    EXPECT_EQ(result_to_json(with)["facets"], result_to_json(without)["facets"]) << q;
  }
  // As above, x1 ties with r1 and keeps its place: nothing was added.
  const auto ored = search("nuclear OR inspection", true, {{"limit", "100"}});
  EXPECT_LT(position(ored, "x1"), position(ored, "r1"));
}

TEST_F(Feedback, QueriesAnsweredByEveryWordOrSortedByDateAreNotExpanded) {
  // "market prices": every word in 66 articles, so "all" answers.
  const auto all_words = search("market prices", true, {{"limit", "100"}});
  EXPECT_EQ(all_words.matching, "all");
  EXPECT_EQ(result_to_json(all_words)["hits"],
            result_to_json(search("market prices", false, {{"limit", "100"}}))["hits"]);
  // Date order is not a ranking: the same list with and without.
  const std::vector<std::pair<std::string, std::string>> by_date = {{"limit", "100"},
                                                                    {"sort", "date"}};
  EXPECT_EQ(result_to_json(search("nuclear plant inspection", true, by_date))["hits"],
            result_to_json(search("nuclear plant inspection", false, by_date))["hits"]);
}

}  // namespace newsdex
