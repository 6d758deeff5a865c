// The ranking pass without Xapian's matcher: a query made of terms joined by AND, OR, NOT,
// FILTER, AND_MAYBE, weight scaling, phrases and NEAR is evaluated document-at-a-time over its
// posting lists, scoring each match with ImpactWeight's formula (idf x stored impact) and
// keeping the best k in a heap (a phrase's positions are still checked by Xapian, once). The
// same walk can list every match, so a search that needs exact counts and a page of hits reads
// each posting list once instead of twice. Without that list, sums of term weights are pruned
// with block maxima (one word) or MaxScore (several). Posting lists come from memory when the
// caller keeps them (TermPostings, RevisionState::postings), else through Xapian. The walk is in
// walk.cc, the pruning in pruned.cc, the posting lists and their cursor in term_postings.h.
//
// Ties go to the lower document id, as in Xapian. Scores equal Xapian's with ImpactWeight up to
// the order of floating-point additions (tests compare the two on random queries).
#pragma once

#include <xapian.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "searcher/docset.h"
#include "searcher/term_postings.h"

namespace newsdex {

struct RankedDoc {
  Xapian::docid docid;
  double score;
};

// Ranking order: higher score first, ties to the lower document id (as in Xapian).
inline bool ranks_before(const RankedDoc& a, const RankedDoc& b) {
  return a.score != b.score ? a.score > b.score : a.docid < b.docid;
}

// Keeps (d, s) in `heap` if it is among the k best so far (a heap by ranks_before: the worst
// on top).
void offer_top_k(std::vector<RankedDoc>& heap, std::size_t k, Xapian::docid d, double s);

// The factor of an OP_SCALE_WEIGHT query. Xapian 1.4 keeps it out of the public interface
// but writes it first in the description ("Query(0.5 * ...)"); NaN if that ever changes.
double scale_factor(const Xapian::Query& query);

struct RankOptions {
  std::size_t k = 10;                 // how many of the best to keep (offset + limit)
  const DocSet* rank_only = nullptr;  // rank only matches in this set (the filters); all if null
  // When set, documents outside it are not matches at all (not ranked, counted or collected),
  // and the walk leapfrogs over it like an AND.
  std::shared_ptr<const DocSet> restrict_to;
  Xapian::doccount restrict_count = 0;            // restrict_to->count(), when the caller knows it
  std::vector<Xapian::docid>* matched = nullptr;  // when set, every match is appended to it
  Xapian::docid first = 1;                        // only documents in [first, end)
  Xapian::docid end = 0;                          // 0: no upper bound
  // The documents of an unweighted (boolean) subquery, e.g. a date range under FILTER; the
  // caller may cache them. Defaults to match_documents().
  std::function<std::shared_ptr<const DocSet>(const Xapian::Query&)> boolean_set;
  // Each term's postings, kept in memory by the caller (RevisionState::postings), or null: the walk
  // reads lists it cannot get here through Xapian. A pruned ranking (rank_documents) skips
  // runs of documents that cannot reach the top k using the lists' block maxima (read for the
  // query when this is unset).
  std::function<std::shared_ptr<const TermPostings>(const std::string&)> postings;
};

// True when rank_documents() can evaluate `query` (wildcards, value ranges, synonyms, XOR, and
// phrases over anything but plain terms, in a weighted position, are left to Xapian's matcher).
bool rankable(const Xapian::Query& query);

struct Ranking {
  std::vector<RankedDoc> top;  // the k best, best first
  Xapian::doccount count = 0;  // matches in rank_only (all matches when it is null)
  bool count_exact = true;     // false when runs of documents were skipped: count estimates
};

// About how many postings the walk reads for `query`: an AND costs its rarest part (the
// leapfrog starts there), an OR or a phrase the sum of its parts.
Xapian::doccount walk_estimate(const Xapian::Database& db, const Xapian::Query& query);

// The postings of all of `query`'s terms: what Xapian's matcher, or a count of the query's
// matches, reads.
Xapian::doccount postings_of_terms(const Xapian::Database& db, const Xapian::Query& query);

// True when `query` has a phrase or NEAR anywhere in it.
bool positional_anywhere(const Xapian::Query& query);

// True when rank_documents() can prune `query`: a sum of term weights.
bool prunable(const Xapian::Query& query);

// The k best matches of `query` and how many there are. `query` must be rankable(). `pruned`
// (a pass planned Route::kPruned, query_plan.h) skips runs of documents that cannot reach the
// top k; it REQUIRES prunable(query), no `matched` and no `restrict_to`. Else the walk visits
// every match.
Ranking rank_documents(const Xapian::Database& db, const Xapian::Query& query,
                       const RankOptions& options, bool pruned);

}  // namespace newsdex
