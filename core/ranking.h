// Ranking with precomputed impacts. BM25's term-frequency saturation and length normalisation
// are computed when a document is indexed and stored as the term's wdf (quantised), the way
// Lucene stores length norms; at query time a term scores idf x impact (ImpactWeight in
// searcher/). Xapian then never looks up document lengths, which in Xapian 1.4 cost a
// B-tree lookup per matching document and dominated query time.
#pragma once

#include <xapian.h>

namespace newsdex::ranking {

inline constexpr double kK1 = 1.2;               // BM25 saturation
inline constexpr double kB = 0.75;               // BM25 length normalisation
inline constexpr double kAverageLength = 250.0;  // words per article, fixed at index time
inline constexpr double kImpactScale = 50.0;     // stored wdf = impact x this, rounded

// The wdf to store for a term that occurs `tf` times (title occurrences weighted) in a
// document of `length` words: BM25's (k1+1) tf / (tf + k1 (1 - b + b length / avglen)),
// scaled and rounded, at least 1.
Xapian::termcount impact_wdf(Xapian::termcount tf, Xapian::termcount length);

// Rewrites the term frequencies of `raw` (as TermGenerator made them) into impacts, keeping
// positions; boolean terms (wdf 0) stay as they are. Document length counts unprefixed terms.
Xapian::Document with_impacts(const Xapian::Document& raw);

}  // namespace newsdex::ranking
