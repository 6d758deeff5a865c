#include "indexer/extract/topics.h"

#include <gtest/gtest.h>

#include "core/errors.h"
#include "test_util.h"

namespace newsdex {

namespace {
const TopicClassifier& rules() {
  static const auto tc = TopicClassifier::parse(
      "# test taxonomy\n"
      "Memory Chips\t3\thbm\nMemory Chips\t2\tdram\nMemory Chips\t1\tmemory\n"
      "AI\t3\tartificial intelligence\nAI\t1\tai\nAI\t2\tchatbot*\n",
      "test");
  return tc;
}
}  // namespace

TEST(TopicClassifier, TokenisesLikeTheTaxonomySays) {
  EXPECT_EQ(topic_tokens("Samsung's E-commerce AT&T"),
            (std::vector<std::string>{"samsung", "e", "commerce", "at", "t"}));
}

TEST(TopicClassifier, TagsWhenTheScorePassesTheThreshold) {
  EXPECT_EQ(rules().classify("HBM demand soars", "Memory makers expand."),
            std::vector<std::string>{"Memory Chips"});
  EXPECT_EQ(rules().classify("Chatbots everywhere", "Artificial intelligence spreads."),
            std::vector<std::string>{"AI"});
}

TEST(TopicClassifier, OnePassingMentionDoesNotTagALongArticle) {
  std::string body = "The council discussed parks and roads. ";
  for (int i = 0; i < 60; ++i) body += "Residents spoke about traffic and bus routes today. ";
  body += "One speaker mentioned artificial intelligence.";
  EXPECT_TRUE(rules().classify("City council meeting", body).empty());
  const auto scores = rules().score("City council meeting", body);
  ASSERT_FALSE(scores.empty());
  EXPECT_GT(scores[0].threshold, TopicClassifier::kBaseThreshold);
}

TEST(TopicClassifier, TitleMatchesCountMoreThanBodyMatches) {
  const auto title = rules().score("dram", "");
  const auto body = rules().score("", "dram");
  ASSERT_EQ(title.size(), 1U);
  ASSERT_EQ(body.size(), 1U);
  EXPECT_DOUBLE_EQ(title[0].score, TopicClassifier::kTitleFactor * body[0].score);
}

TEST(TopicClassifier, ABadRuleLineIsAnErrorWithItsLine) {
  EXPECT_THROW(TopicClassifier::parse("AI\tmany\tai\n", "t.tsv"), InputError);
  try {
    TopicClassifier::parse("AI\t1\tai\nAI\t2\n", "t.tsv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.tsv:2"), std::string::npos);
  }
}

TEST(TopicClassifier, TheBundledTaxonomyHasAtLeast25Topics) {
  const auto tc = TopicClassifier::load(testing::bundled("topics.tsv"));
  EXPECT_GE(tc.topics().size(), 25U);
  const auto t =
      tc.classify("SK Hynix starts mass production of HBM3E for AI accelerators",
                  "The memory chipmaker said high bandwidth memory demand from AI servers "
                  "keeps DRAM prices high.");
  EXPECT_NE(std::find(t.begin(), t.end(), "Memory Chips"), t.end());
}

}  // namespace newsdex
