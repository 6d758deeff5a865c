#include <gtest/gtest.h>

#include "indexer/extract/dates.h"

namespace newsdex {

namespace {
std::string first_date(const std::string& s) {
  const auto d = find_dates(s);
  return d.empty() ? "" : d.front().date.iso();
}
}  // namespace

TEST(DateExtraction, ReadsTheFormsNewsUses) {
  EXPECT_EQ(first_date("2018-11-07"), "2018-11-07");
  EXPECT_EQ(first_date("November 7, 2018, 18:15"), "2018-11-07");
  EXPECT_EQ(first_date("Nov. 7, 2018"), "2018-11-07");
  EXPECT_EQ(first_date("Sept. 3, 2019"), "2019-09-03");
  EXPECT_EQ(first_date("7 November 2018"), "2018-11-07");
  EXPECT_EQ(first_date("Sunday, March 29, 2020"), "2020-03-29");
  EXPECT_EQ(first_date("2018/11/07"), "2018-11-07");
  EXPECT_EQ(first_date("26-FEB-1987 15:01:01.79"), "1987-02-26");
  EXPECT_EQ(first_date("  3-MAR-1987 00:43:42.82"), "1987-03-03");
  EXPECT_EQ(first_date("on the 21st May 2024 they met"), "2024-05-21");
}

TEST(DateExtraction, IgnoresPartialAndImpossibleDates) {
  EXPECT_EQ(first_date("in March 2024 sales rose"), "");
  EXPECT_EQ(first_date("February 30, 2020"), "");
  EXPECT_EQ(first_date("2018-13-45"), "");
  EXPECT_EQ(first_date("May 5"), "");
  EXPECT_EQ(first_date("version 12345-11-07"), "");
}

TEST(DateExtraction, PrefersTheBylineDateOverACrawlStamp) {
  const auto d = find_publication_date(
      "Chip output rises\nRetrieved 2025-01-15\nBy Jane Doe | May 2, 2023\n\nBody on June 1, "
      "2020.");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date.iso(), "2023-05-02");
  EXPECT_EQ(d->source, "byline");
}

TEST(DateExtraction, UsesTheLineNextToTheByline) {
  const auto d =
      find_publication_date("Title\nUpdated: 2024-02-02\nBy Kim Lee\n2023-12-30\n\nBody.");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date.iso(), "2023-12-30");
  EXPECT_EQ(d->source, "byline");
}

TEST(DateExtraction, FallsBackToTheFirstBodyDateAndMarksIt) {
  const auto d = find_publication_date(
      "Title\n\nFirst paragraph without a date.\nSecond.\nThird.\nFourth.\nOn March 3, 2021, it "
      "said.");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->date.iso(), "2021-03-03");
  EXPECT_EQ(d->source, "body");
}

TEST(DateExtraction, NeverInventsADate) {
  EXPECT_FALSE(find_publication_date("Title\n\nLast Tuesday the firm said 2024 would be good."));
  EXPECT_FALSE(find_publication_date("Title\nRetrieved 2025-01-15\n\nNo other date."));
}

}  // namespace newsdex
