// The eval metrics on examples worked out by hand.
#include "searcher/eval_metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "core/errors.h"

namespace newsdex::eval {

TEST(EvalMetrics, OneRankedListMatchesTheHandWorkedFigures) {
  // Relevant: d1 (grade 3), d2 (1), d3 (2); d9 judged not relevant. Ranked: d2 x d1 y d9.
  const std::map<std::string, int> judged = {{"d1", 3}, {"d2", 1}, {"d3", 2}, {"d9", 0}};
  const auto m = score_query({"d2", "x", "d1", "y", "d9"}, judged);
  // DCG = 1/log2(2) + 3/log2(4) = 2.5; ideal 3/log2(2) + 2/log2(3) + 1/log2(4) = 4.761859.
  EXPECT_NEAR(m.ndcg10, 2.5 / (3 + 2 / std::log2(3.0) + 0.5), 1e-12);
  EXPECT_NEAR(m.ndcg10, 0.525004, 1e-6);
  EXPECT_DOUBLE_EQ(m.p10, 0.2);                       // 2 relevant in the first 10
  EXPECT_NEAR(m.ap, (1.0 / 1 + 2.0 / 3) / 3, 1e-12);  // precision at ranks 1 and 3, over 3
  EXPECT_NEAR(m.recall1000, 2.0 / 3, 1e-12);
  EXPECT_FALSE(m.no_results);
}

TEST(EvalMetrics, OnlyTheFirstTenCountForNdcgAndPrecision) {
  const std::map<std::string, int> judged = {{"r", 1}};
  std::vector<std::string> ranked(10, "x");
  ranked.push_back("r");  // rank 11
  const auto m = score_query(ranked, judged);
  EXPECT_EQ(m.ndcg10, 0);
  EXPECT_EQ(m.p10, 0);
  EXPECT_NEAR(m.ap, 1.0 / 11, 1e-12);
  EXPECT_EQ(m.recall1000, 1);
}

TEST(EvalMetrics, AnEmptyAnswerScoresZeroAndIsCounted) {
  const auto empty = score_query({}, {{"a", 2}});
  EXPECT_TRUE(empty.no_results);
  const auto perfect = score_query({"a"}, {{"a", 2}});
  EXPECT_DOUBLE_EQ(perfect.ndcg10, 1);
  const auto s = summarise({empty, perfect});
  EXPECT_EQ(s.queries, 2U);
  EXPECT_EQ(s.no_results, 1U);
  EXPECT_DOUBLE_EQ(s.ndcg10, 0.5);
  EXPECT_DOUBLE_EQ(s.p10, 0.05);
  EXPECT_DOUBLE_EQ(s.map, 0.5);
  EXPECT_DOUBLE_EQ(s.recall1000, 0.5);
}

TEST(EvalMetrics, ReadsTopicsAndQrelsAndNamesTheBadLine) {
  std::istringstream topics("1\tfirst query\r\n\n2\tsecond\n");
  const auto t = read_topics(topics, "t.tsv");
  ASSERT_EQ(t.size(), 2U);
  EXPECT_EQ(t[0], (std::pair<std::string, std::string>{"1", "first query"}));
  std::istringstream qrels("1 0 d1 2\n1 0 d2 0\n2 0 d3 1\n");
  const auto q = read_qrels(qrels, "q");
  EXPECT_EQ(q.at("1").at("d1"), 2);
  EXPECT_EQ(q.at("2").size(), 1U);

  std::istringstream bad_topic("1\tok\nno tab here\n");
  try {
    read_topics(bad_topic, "t.tsv");
    FAIL() << "a line without a TAB was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("t.tsv:2"), std::string::npos) << e.what();
  }
  for (const char* line : {"1 0 d1\n", "1 0 d1 x\n", "1 0 d1 2 extra\n"}) {
    std::istringstream bad(std::string("1 0 d0 1\n") + line);
    try {
      read_qrels(bad, "q");
      FAIL() << "accepted: " << line;
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("q:2"), std::string::npos) << e.what();
    }
  }
}

}  // namespace newsdex::eval
