// Document ids read from posting lists, checked before they index an array. A damaged
// postlist table can yield any number, and the facet, story and match columns are arrays by
// docid: an unchecked id wrote out of bounds and crashed `search` and `serve` (issue 30).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "core/errors.h"

namespace newsdex {

[[noreturn]] inline void throw_damaged_postings(Xapian::docid d, Xapian::docid last,
                                                std::string_view term) {
  throw DamagedDatabaseError("the database is damaged: its postlist table gives document " +
                             std::to_string(d) + " in the list of term '" + std::string(term) +
                             "', beyond the last document " + std::to_string(last) +
                             "; restore it from a copy or index the articles again");
}

// `d` when it is a document id of a database whose last id is `last`; else throws
// DamagedDatabaseError naming the table and the term.
inline Xapian::docid checked_docid(Xapian::docid d, Xapian::docid last, std::string_view term) {
  if (d == 0 || d > last) throw_damaged_postings(d, last, term);
  return d;
}

}  // namespace newsdex
