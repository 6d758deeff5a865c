// The document-at-a-time walk: a query made of terms joined by AND, OR, NOT, FILTER,
// AND_MAYBE, weight scaling, phrases and NEAR, evaluated over its posting lists as a tree of
// cursors. It visits every match (so one pass can count, collect and rank them) and keeps the
// best k in a heap. A phrase's positions are checked by Xapian, once, on the walk's range.
#pragma once

#include <xapian.h>

#include "searcher/ranked_match.h"

namespace newsdex {

// True when walk_documents() can evaluate `query` scaled by `factor` (see rankable()).
bool walkable(const Xapian::Query& query, double factor);

// Every match of `query` in [options.first, options.end), restricted to options.restrict_to,
// collected into options.matched when set, counted in rank_only, and the k best of them.
// `query` must be walkable().
Ranking walk_documents(const Xapian::Database& db, const Xapian::Query& query,
                       const RankOptions& options);

}  // namespace newsdex
