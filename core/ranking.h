// Ranking with precomputed impacts. BM25's term-frequency saturation and length normalisation
// are computed when a document is indexed and stored as the term's wdf (quantised), the way
// Lucene stores length norms; at query time a term scores idf x impact (ImpactWeight in
// searcher/). Xapian then never looks up document lengths, which in Xapian 1.4 cost a
// B-tree lookup per matching document and dominated query time.
#pragma once

#include <xapian.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::ranking {

// The constants impacts are computed with, fixed when a database is created (`index --bm25`)
// and stored in its metadata (kMetaParamsKey), so that every article of a database agrees.
// The defaults are bench/ir/features.sh's choice (bench/RESULTS.md); a database written before
// they were stored used k1 1.2, b 0.75, title 3 (kLegacyParams).
struct Params {
  double k1 = 1.6;          // BM25 saturation
  double b = 0.5;           // BM25 length normalisation
  unsigned title = 3;       // how many body words one title word counts as
  double fixed_length = 0;  // > 0: the average document length to use; 0: learn it
  // An article that is only a headline (a wire flash: no body words) is normalised as if it
  // were this many times the average length (0: its own length), so that its few title words
  // do not outrank the full story, which has them in its headline and body (issue 22). At 2,
  // a full story up to three times the average length ranks above its flash.
  double headline_length = 2;
  bool operator==(const Params&) const = default;
};
inline constexpr Params kLegacyParams{1.2, 0.75, 3, 0, 0};
inline constexpr std::string_view kMetaParamsKey = "newsdex:bm25";

// Parses "k1=X,b=Y,title=N,avglen=L|learn,headline=H" over the defaults. Throws UsageError
// naming the part (k1 0-10, b 0-1, title 1-20, avglen 1-100000, headline 0-10).
Params parse_params(const std::string& spec);
// The stored form, which parse_params reads back.
std::string format_params(const Params& p);
// The average document length impacts are computed with is the database's own: measured on
// its first kLearnAverageFrom articles and stored in its metadata (kMetaAverageLengthKey),
// then used for every later article, so that all stored impacts agree. Databases written before
// it was stored use kDefaultAverageLength, as their impacts do.
inline constexpr double kDefaultAverageLength = 250.0;
inline constexpr std::size_t kLearnAverageFrom = 1000;
inline constexpr std::string_view kMetaAverageLengthKey = "newsdex:average_length";
inline constexpr double kImpactScale = 50.0;  // stored wdf = impact x this, rounded

// The wdf to store for a term that occurs `tf` times (title occurrences weighted) in a
// document of `length` words: BM25's (k1+1) tf / (tf + k1 (1 - b + b length / avglen)),
// scaled and rounded, at least 1. REQUIRES: average_length > 0.
Xapian::termcount impact_wdf(Xapian::termcount tf, Xapian::termcount length, double average_length,
                             const Params& params = {});

// What one unit of stored impact scores for a term in `termfreq` of `doccount` documents:
// Lucene's always-positive BM25 idf, ln(1 + (N - n + 0.5) / (n + 0.5)), times the query's
// weight factor, over the impact scale. ImpactWeight and the searcher's own walk both use it.
inline double weight_per_wdf(double termfreq, double doccount, double factor) {
  const double idf = std::log(1 + (doccount - termfreq + 0.5) / (termfreq + 0.5));
  return factor * idf / kImpactScale;
}

// A document's length for BM25: the wdfs of its unprefixed terms (title words weighted).
Xapian::termcount document_length(const Xapian::Document& raw);

// Rewrites the term frequencies of `doc` (as TermGenerator made them) into impacts, in place,
// keeping positions; boolean terms (wdf 0) stay as they are. `headline_only`: the article has
// no body words (see Params::headline_length).
void set_impacts(Xapian::Document& doc, double average_length, const Params& params = {},
                 bool headline_only = false);

}  // namespace newsdex::ranking
