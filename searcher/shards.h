// What the cluster route (Route::kShards, searcher/shards.cc) builds from Xapian's built-ins.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "core/schema.h"
#include "searcher/facets.h"

namespace newsdex {

// The most word combinations at_least_query() writes out: "most" of up to 11 words.
inline constexpr std::size_t kMaxCombinations = 256;

// The most words whose "most" level at_least_query() writes out, and whether n words are within.
inline constexpr std::size_t kMaxMostWords = 11;
bool exact_most_on_shards(std::size_t n);

// The documents matching at least `min` of `words`: the OR of every `min` of them ANDed. An
// empty query when there would be more than kMaxCombinations combinations (or min <= 1).
Xapian::Query at_least_query(const std::vector<Xapian::Query>& words, std::size_t min);

// How many value slots of facet field `f` some article of `db` uses (schema::facet_slot).
unsigned used_slots(const Xapian::Database& db, const schema::FieldSpec& f);

// The `n` highest counts of `column`'s values that `spies` (over the field's slots) saw, by
// count descending then value, as one database's FacetColumn::top gives them.
std::vector<FacetValueCount> spied_counts(
    const FacetColumn& column, const std::vector<const Xapian::ValueCountMatchSpy*>& spies,
    std::size_t n);

}  // namespace newsdex
