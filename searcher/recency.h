// Recency for news: a relevance score multiplied by a decay by age.
//
//   score' = score x 2^(-age / half_life),   age = max(0, reference - date) in days
//
// where the reference is the request's `now`, else the newest article's date in the database.
// An article as old as the half-life counts half; an undated article counts as the oldest
// dated one (it never outranks an equally relevant dated article). Articles dated after the
// reference count as age 0.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace newsdex {

// How many of the best by relevance are re-ranked by score x decay. Decay only lowers scores,
// so the page is exact while its decayed scores stay above the 1,000th relevance score; below
// that an article outside the pool could belong on it (an approximation, for old pools).
inline constexpr std::size_t kRecencyPool = 1000;

// 2^(-max(0, age_days) / half_life_days).
double recency_decay(double age_days, double half_life_days);

// Multiplies each (docid, score) by its decay and re-sorts (ties: lower docid first). Ages
// count from the youngest article in `ranked` (a factor shared by all, so the order is the
// formula's and scores stay readable when `reference` is far past the archive). Dates
// come from the documents' date value slot; `reference` and `oldest` are YYYY-MM-DD ("" when
// the database has no dated article: then nothing changes).
void apply_recency(const Xapian::Database& db, double half_life_days, const std::string& reference,
                   const std::string& oldest,
                   std::vector<std::pair<Xapian::docid, double>>& ranked);

}  // namespace newsdex
