// The pruned top-k: for queries whose score is a sum of term weights (a word, words ORed, and
// the stemmed-plus-exact forms of those), the k best are found without visiting every match,
// skipping runs of documents that cannot reach the top k: block maxima for one required term,
// MaxScore for several. Counts are then estimates (exact for one term over the whole database).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/ranked_match.h"

namespace newsdex {

// One term of a sum of term weights: `required` terms (any of them makes a match) and optional
// ones (AND_MAYBE's right side: they only add weight).
struct WeightedTerm {
  std::string term;
  double factor;
  bool required;
};

// `query` as a sum of term weights, or false when it is not one.
bool as_term_sum(const Xapian::Query& query, std::vector<WeightedTerm>& out);

// The k best of the terms' sum in [options.first, options.end) among options.rank_only (all
// when null). options.matched and options.restrict_to must be unset.
Ranking rank_pruned(const Xapian::Database& db, std::vector<WeightedTerm> terms,
                    const RankOptions& options);

}  // namespace newsdex
