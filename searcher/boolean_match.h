// The count-only pass: the set of documents a query matches, without ranking them.
#pragma once

#include <xapian.h>

#include "searcher/docset.h"

namespace newsdex {

// Every document that `query` matches in `db`, as a DocSet over 1..db.get_lastdocid().
// Terms, AND/OR/NOT/XOR/FILTER/AND_MAYBE/SYNONYM/ELITE_SET/MAX and weight scaling are
// evaluated directly on posting lists (a few ns per posting); anything else (phrases, NEAR,
// wildcards, value ranges) is handed to Xapian's matcher with boolean weighting.
DocSet match_documents(const Xapian::Database& db, const Xapian::Query& query);

// The same, always by Xapian's matcher with boolean weighting.
DocSet match_with_xapian(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace newsdex
