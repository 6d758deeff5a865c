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

namespace {
std::string first_date(const std::string& s) {
  const auto d = find_dates(s);
  return d.empty() ? "" : d.front().date.iso();
}
}  // namespace

TEST(DateMentions, ReadsTheFormsNewsUses) {
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

TEST(DateMentions, IgnoresPartialAndImpossibleDates) {
  EXPECT_EQ(first_date("in March 2024 sales rose"), "");
  EXPECT_EQ(first_date("February 30, 2020"), "");
  EXPECT_EQ(first_date("2018-13-45"), "");
  EXPECT_EQ(first_date("May 5"), "");
  EXPECT_EQ(first_date("version 12345-11-07"), "");
}

}  // namespace newsdex
