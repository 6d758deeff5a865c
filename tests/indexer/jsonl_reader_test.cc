#include "indexer/readers/jsonl_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "test_util.h"

namespace newsdex {

using testing::CollectingSink;

namespace {
CollectingSink read(const std::string& input, JsonlOptions options = {}) {
  std::istringstream in(input);
  CollectingSink sink;
  read_jsonl(in, "in.jsonl", options, sink);
  return sink;
}
}  // namespace

TEST(JsonlReader, ReadsEveryFieldOfAnArticle) {
  const auto s = read(
      R"({"id":"a1","title":"Samsung and Microsoft","body":"They agree.","date":"2018-11-07T18:15:00Z",)"
      R"("url":"https://x.example/1","source":"Wire","author":"Kim","companies":["Samsung"],"topics":["AI","Cloud"]})"
      "\n");
  ASSERT_EQ(s.articles.size(), 1U);
  const auto& a = s.articles[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.title, "Samsung and Microsoft");
  EXPECT_EQ(a.body, "They agree.");
  EXPECT_EQ(a.date, "2018-11-07");
  EXPECT_EQ(a.published, "2018-11-07T18:15:00Z");
  EXPECT_EQ(a.url, "https://x.example/1");
  EXPECT_EQ(a.source, "Wire");
  EXPECT_EQ(a.author, "Kim");
  EXPECT_TRUE(a.companies_given);
  EXPECT_EQ(a.topics, (std::vector<std::string>{"AI", "Cloud"}));
  EXPECT_TRUE(s.skips.empty());
}

TEST(JsonlReader, AcceptsTextAsBodyAndIntegerIds) {
  const auto s = read(R"({"id":7,"title":"T","text":"the body"})"
                      "\n");
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].id, "7");
  EXPECT_EQ(s.articles[0].body, "the body");
  EXPECT_FALSE(s.articles[0].companies_given);
}

TEST(JsonlReader, SkipsBadRecordsWithLineAndReasonAndKeepsTheRest) {
  const auto s = read(
      "{\"id\":\"ok1\",\"title\":\"fine\"}\n"
      "{not json}\n"
      "[1,2,3]\n"
      "{\"id\":\"t\",\"title\":42}\n"
      "{\"title\":\"no id here\"}\n"
      "{\"id\":\"u\",\"title\":\"M\xFCnchen\"}\n"
      "{\"id\":\"c\",\"title\":\"x\",\"companies\":\"Samsung\",\"topics\":[1]}\n"
      "\n"
      "{\"id\":\"ok2\",\"body\":\"fine too\"}\n");
  ASSERT_EQ(s.articles.size(), 2U);
  EXPECT_EQ(s.articles[1].id, "ok2");
  EXPECT_EQ(s.locations[1].line, 9U);
  ASSERT_EQ(s.skips.size(), 6U);
  EXPECT_EQ(s.skips[0].reason, "malformed_json");
  EXPECT_EQ(s.skips[0].where.to_string(), "in.jsonl:2");
  EXPECT_EQ(s.skips[1].reason, "not_an_object");
  EXPECT_EQ(s.skips[2].reason, "wrong_type");
  EXPECT_NE(s.skips[2].message.find("'title'"), std::string::npos);
  EXPECT_EQ(s.skips[3].reason, "missing_id");
  EXPECT_NE(s.skips[3].message.find("needs a stable unique id"), std::string::npos);
  EXPECT_EQ(s.skips[4].reason, "invalid_utf8");
  EXPECT_EQ(s.skips[5].reason, "wrong_type");
  EXPECT_NE(s.skips[5].message.find("'topics'"), std::string::npos);
}

TEST(JsonlReader, KeepsAnArticleWithAnUnparseableDateUndatedAndWarns) {
  const auto s = read(R"({"id":"d","title":"T","date":"the day after tomorrow"})"
                      "\n");
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].date, "");
  ASSERT_EQ(s.warnings.size(), 1U);
  EXPECT_NE(s.warnings[0].find("in.jsonl:1"), std::string::npos);
  EXPECT_NE(s.warnings[0].find("without a date"), std::string::npos);
}

TEST(JsonlReader, TruncatesAnOverlongBodyWithAWarning) {
  const std::string body(kMaxBodyBytes + 100, 'x');
  const auto s = read("{\"id\":\"big\",\"title\":\"T\",\"body\":\"" + body + "\"}\n");
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].body.size(), kMaxBodyBytes);
  ASSERT_EQ(s.warnings.size(), 1U);
  EXPECT_NE(s.warnings[0].find("truncated"), std::string::npos);
}

TEST(JsonlReader, TakesTheIdFromAnotherFieldWhenAsked) {
  JsonlOptions o;
  o.id_field = "link";
  const auto s = read(
      R"({"link":"https://x.example/a","headline":"H","short_description":"D","category":"TECH"})"
      "\n",
      o);
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].id, "https://x.example/a");
  EXPECT_EQ(s.articles[0].title, "H");
  EXPECT_EQ(s.articles[0].topics, std::vector<std::string>{"TECH"});
}

}  // namespace newsdex
