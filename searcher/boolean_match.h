// The count-only pass: the set of documents a query matches, without ranking them.
#pragma once

#include <xapian.h>

#include <memory>

#include "searcher/docset.h"

namespace newsdex {

// Every document that `query` matches in `db`, as a DocSet over 1..db.get_lastdocid().
// Terms, AND/OR/NOT/XOR/FILTER/AND_MAYBE/SYNONYM/ELITE_SET/MAX and weight scaling are
// evaluated directly on posting lists (a few ns per posting); anything else (phrases, NEAR,
// wildcards, value ranges) is handed to Xapian's matcher with boolean weighting.
DocSet match_documents(const Xapian::Database& db, const Xapian::Query& query);

// The same, always by Xapian's matcher with boolean weighting.
DocSet match_with_xapian(const Xapian::Database& db, const Xapian::Query& query);

// A query that matches exactly `set`'s documents of `db`, unweighted (for OP_FILTER).
// `db` may be an archive: Xapian gives match spies, deciders and posting sources each of its
// databases with that database's own document ids (an archive's id is (own - 1) x parts +
// part + 1), so set membership is tested here, not on Document::get_docid().
Xapian::Query docset_query(const Xapian::Database& db, std::shared_ptr<const DocSet> set);

}  // namespace newsdex
