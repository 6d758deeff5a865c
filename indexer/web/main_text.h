// The main-text rule: which blocks of a page are its article. Paragraph-like blocks vote for
// the elements above them (by their length and commas); the element with most votes, less its
// share of link text, is the article's container; its siblings join when they score near it.
// Inside, blocks that are mostly links, and lists and tables that are mostly links, are
// left out. Boilerplate (boilerplate.h) never votes and is never kept.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/web/html_page.h"

namespace newsdex::web {

struct MainText {
  std::vector<std::size_t> kept;  // indices of the blocks kept, in document order
  std::int32_t container = -1;    // the element chosen as the article's container
  // Why each block was left out ("" when kept): the boilerplate reason, "links" (mostly link
  // text), "outside" (outside the article's container), "title" (it repeats the headline).
  std::vector<std::string> why;
};

// Chooses the article's blocks. `title` is the headline (a block equal to it is dropped).
MainText main_text(const HtmlPage& page, const std::string& title);

// `s` reduced to what two spellings of one headline share: letters and digits (ASCII lower
// case) and every non-ASCII byte; for comparing headlines, titles and site names.
std::string comparison_key(std::string_view s);

// The kept blocks' text, joined by blank lines.
std::string join_blocks(const HtmlPage& page, const MainText& m);

}  // namespace newsdex::web
