// Calendar dates: validation, ISO 8601 parsing and formatting, day numbers, and recognising
// the forms of a full date that news pages and wires write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  // True for a real calendar date between years 1000 and 2999.
  bool valid() const;
  std::string iso() const;        // "2018-11-07"
  std::string iso_month() const;  // "2018-11"
  // Days since 1970-01-01 (negative before); orders dates.
  long days_since_epoch() const;
  static Date from_days_since_epoch(long days);
  // 0 = Sunday .. 6 = Saturday.
  int weekday() const;
  auto operator<=>(const Date&) const = default;
};

int days_in_month(int year, int month);

// Reads "YYYY-MM-DD" or a full ISO 8601 timestamp ("2018-11-07T18:15:00Z",
// "2018-11-07 18:15:00+09:00"); the date part must be a real date. nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view s);

// One full date (day, month and year) found in text.
struct DateMention {
  Date date;
  std::size_t offset = 0;  // byte offset in the scanned text
  std::size_t length = 0;
  // Which form matched: "iso" (2018-11-07), "ymd-slash" (2018/11/07), "month-day-year"
  // (November 7, 2018 / Nov. 7, 2018 / Sunday, March 29, 2020), "day-month-year"
  // (7 November 2018), "reuters" (26-FEB-1987 15:01:01.79).
  std::string form;
};

// Every full date in `text`, in order. Linear in the length of the text.
std::vector<DateMention> find_dates(std::string_view text);

}  // namespace newsdex
