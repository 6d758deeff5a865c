// Finding dates in article text: the forms news pages and wires use, and the rule that picks
// the publication date from the first lines of a story.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"

namespace newsdex {

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

// The publication date of a story and how it was chosen.
struct PublicationDate {
  Date date;
  // "byline": on or next to a "By ..." line; "header": in the first lines; "body": the first
  // full date that the text mentions, used only when the first lines give none.
  std::string source;
  std::string form;      // DateMention::form
  std::size_t line = 0;  // 1-based line of `text` where it was found
  std::string evidence;  // that line, trimmed
};

// How many non-empty lines at the top of a story count as its header.
inline constexpr std::size_t kHeaderLines = 5;

// True for a line that names the author ("By Jane Doe", "By JANE DOE, Reuters").
bool is_byline(std::string_view line);
// True for a line that stamps when a page was fetched or edited, not published
// ("Retrieved 2025-01-15", "Updated: 2023-05-02", "Accessed ...", "Crawled ...").
bool is_crawl_stamp(std::string_view line);

// Picks the publication date of `text` (a whole story: title, header lines, body):
//   1. a date on a byline line, or on the line just before or after it;
//   2. else the first date in the header lines that is not a crawl/update stamp;
//   3. else the first full date anywhere in the text ("body").
// Never invents one: nullopt when the text holds no full date.
std::optional<PublicationDate> find_publication_date(std::string_view text);

}  // namespace newsdex
