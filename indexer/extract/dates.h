// The rule that picks the publication date from the first lines of a story, and the header
// lines it reads (bylines, stamps, labels). Recognising a date in text is core/dates.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"

namespace newsdex {

// The publication date of a story and how it was chosen.
struct PublicationDate {
  Date date;
  // "labelled": on a "Published"/"Posted" line; "byline": on or next to a "By ..." line;
  // "header": in the header block; "body": the first full date that the text mentions, used
  // only when the header block gives none.
  std::string source;
  std::string form;      // DateMention::form
  std::size_t line = 0;  // 1-based line of `text` where it was found
  std::string evidence;  // that line, trimmed
};

// The most non-empty lines at the top of a story that count as its header block; the block
// ends earlier, at the first body paragraph (see find_publication_date).
inline constexpr std::size_t kHeaderLines = 20;

// `line` without surrounding spaces and without a leading list marker ("• ", "- ", "* ", "· "):
// markers are layout, not text.
std::string_view strip_list_marker(std::string_view line);
// True for a line that names the author ("By Jane Doe", "By JANE DOE, Reuters", "• By Jane").
bool is_byline(std::string_view line);
// True for a line that stamps when a page was fetched, printed or edited, not published
// ("Retrieved 2025-01-15", "Updated: 2023-05-02", "Printed from ...", "Crawled ...").
bool is_crawl_stamp(std::string_view line);
// True for a line that labels its date as the publication date ("Published: ...",
// "Posted on ...", "Date: ...").
bool is_labelled_date(std::string_view line);

// Picks the publication date of `text` (a whole story: title, header lines, body). The header
// block is every non-empty line before the first body paragraph (a line of 25+ words, a line
// of 8+ words followed by another such line, or a sentence of 4+ words ending in . ! or ?
// after which no byline or labelled date follows), at most kHeaderLines lines. In it:
//   1. a labelled publication date ("Published ...", "Posted ...");
//   2. else a date on a byline line, or on the line just before or after it;
//   3. else the first date in a header line that is not a crawl/print/update stamp;
//   4. else the first full date anywhere in the text outside stamps ("body").
// A stamp never beats 1-3. Never invents a date: nullopt when the text holds no full date.
std::optional<PublicationDate> find_publication_date(std::string_view text);

}  // namespace newsdex
