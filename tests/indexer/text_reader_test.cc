#include "indexer/readers/text_reader.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace newsdex {

using testing::CollectingSink;

TEST(TextReader, ReadsTitleDateBylineAndBody) {
  CollectingSink s;
  read_text_article(
      "Samsung and Microsoft agree to cooperate on AI\n"
      "November 7, 2018, 18:15\n"
      "By Jane Doe\n"
      "\n"
      "Samsung Electronics and Microsoft said on Wednesday...\n\nSecond paragraph.\n",
      "news/a.txt", "/in/news/a.txt", s);
  ASSERT_EQ(s.articles.size(), 1U);
  const auto& a = s.articles[0];
  EXPECT_EQ(a.id, "news/a.txt");
  EXPECT_EQ(a.title, "Samsung and Microsoft agree to cooperate on AI");
  EXPECT_EQ(a.date, "2018-11-07");
  EXPECT_EQ(a.author, "Jane Doe");
  EXPECT_EQ(a.body, "Samsung Electronics and Microsoft said on Wednesday...\n\nSecond paragraph.");
}

TEST(TextReader, ADateBeforeTheTitleIsNotTheTitle) {
  CollectingSink s;
  read_text_article("Sunday, March 29, 2020\nChip output slows\n\nBody text.\n", "b.txt", "b.txt",
                    s);
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].title, "Chip output slows");
  EXPECT_EQ(s.articles[0].date, "2020-03-29");
  EXPECT_EQ(s.articles[0].body, "Body text.");
}

TEST(TextReader, SkipsEmptyAndBinaryFiles) {
  CollectingSink s;
  read_text_article("  \n\n", "e.txt", "e.txt", s);
  read_text_article(std::string("PK\x03\x04\0\0binary", 12), "z.txt", "z.txt", s);
  EXPECT_TRUE(s.articles.empty());
  ASSERT_EQ(s.skips.size(), 2U);
  EXPECT_EQ(s.skips[0].reason, "empty_file");
  EXPECT_EQ(s.skips[1].reason, "binary_file");
  EXPECT_EQ(s.skips[1].where.to_string(), "z.txt");
}

TEST(TextReader, ReadsLatin1TextWithAWarning) {
  CollectingSink s;
  read_text_article("M\xFCnchen chip plant opens\n2019-05-02\n\nText.\n", "m.txt", "m.txt", s);
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].title, "M\xC3\xBCnchen chip plant opens");
  EXPECT_EQ(s.warnings.size(), 1U);
}

TEST(TextReader, AnArticleWithoutADateHasNone) {
  CollectingSink s;
  read_text_article("A title\n\nNo date is mentioned anywhere here.\n", "n.txt", "n.txt", s);
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].date, "");
}

}  // namespace newsdex
