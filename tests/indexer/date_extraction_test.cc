#include <gtest/gtest.h>

#include "indexer/extract/dates.h"

namespace newsdex {

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
