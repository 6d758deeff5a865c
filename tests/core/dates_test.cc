#include "core/dates.h"

#include <gtest/gtest.h>

namespace newsdex {

TEST(Dates, ParsesIsoDatesAndTimestamps) {
  EXPECT_EQ(parse_iso_date("2018-11-07")->iso(), "2018-11-07");
  EXPECT_EQ(parse_iso_date("2018-11-07T18:15:00Z")->iso(), "2018-11-07");
  EXPECT_EQ(parse_iso_date("2018-11-07 18:15:00+09:00")->iso(), "2018-11-07");
}

TEST(Dates, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_iso_date("2018-13-45"));
  EXPECT_FALSE(parse_iso_date("2019-02-29"));
  EXPECT_TRUE(parse_iso_date("2020-02-29"));
  EXPECT_FALSE(parse_iso_date("yesterday"));
  EXPECT_FALSE(parse_iso_date("2018-11-07Tnoon"));
  EXPECT_FALSE(parse_iso_date(""));
}

TEST(Dates, CountsDaysAndWeekdays) {
  EXPECT_EQ((Date{1970, 1, 1}.days_since_epoch()), 0);
  EXPECT_EQ((Date{2020, 3, 29}.weekday()), 0);  // a Sunday
  EXPECT_EQ((Date{1987, 2, 26}.weekday()), 4);  // a Thursday
  const Date d{2018, 11, 7};
  EXPECT_EQ(Date::from_days_since_epoch(d.days_since_epoch()), d);
  EXPECT_EQ(d.iso_month(), "2018-11");
}

}  // namespace newsdex
