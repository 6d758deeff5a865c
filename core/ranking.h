// Ranking with precomputed impacts. BM25's term-frequency saturation and length normalisation
// are computed when a document is indexed and stored as the term's wdf (quantised), the way
// Lucene stores length norms; at query time a term scores idf x impact (ImpactWeight in
// searcher/). Xapian then never looks up document lengths, which in Xapian 1.4 cost a
// B-tree lookup per matching document and dominated query time.
#pragma once

#include <xapian.h>

#include <cmath>

namespace newsdex::ranking {

inline constexpr double kK1 = 1.2;               // BM25 saturation
inline constexpr double kB = 0.75;               // BM25 length normalisation
inline constexpr double kAverageLength = 250.0;  // words per article, fixed at index time
inline constexpr double kImpactScale = 50.0;     // stored wdf = impact x this, rounded

// The wdf to store for a term that occurs `tf` times (title occurrences weighted) in a
// document of `length` words: BM25's (k1+1) tf / (tf + k1 (1 - b + b length / avglen)),
// scaled and rounded, at least 1.
Xapian::termcount impact_wdf(Xapian::termcount tf, Xapian::termcount length);

// What one unit of stored impact scores for a term in `termfreq` of `doccount` documents:
// Lucene's always-positive BM25 idf, ln(1 + (N - n + 0.5) / (n + 0.5)), times the query's
// weight factor, over the impact scale. ImpactWeight and the searcher's own walk both use it.
inline double weight_per_wdf(double termfreq, double doccount, double factor) {
  const double idf = std::log(1 + (doccount - termfreq + 0.5) / (termfreq + 0.5));
  return factor * idf / kImpactScale;
}

// Rewrites the term frequencies of `raw` (as TermGenerator made them) into impacts, keeping
// positions; boolean terms (wdf 0) stay as they are. Document length counts unprefixed terms.
Xapian::Document with_impacts(const Xapian::Document& raw);

}  // namespace newsdex::ranking
