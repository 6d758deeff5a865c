// Trends: how a facet field's values move over time, exact over every match of a query and its
// filters (no sampling). Both computations take the match set from Searcher::matches(), read
// each match's publication day from a DayColumn and its values from the revision's FacetColumn,
// and count in plain arrays: the cost is a few array reads per match.
//
// Series: per bucket (day, week from Monday, calendar month, year) of [from, to], the number of
// matches, and for the N values with the most matches over the whole range, their matches per
// bucket.
//
// Surging: for a window and a baseline (the same number of days just before it, or every dated
// match outside it), each value's window count a of n window matches and baseline count b of m
// baseline matches. A value surges when its share rose (a/n > b/m) and a >= min_count; surging
// values are ranked by Dunning's log-likelihood ratio over the 2x2 table
// [[a, n - a], [b, m - b]]:  G2 = 2 * sum O * ln(O / E), E = row total * column total / (n + m),
// with 0 * ln 0 = 0 (G2 > 3.84 is significant at p < 0.05, > 10.83 at p < 0.001, one degree of
// freedom); ties by window count, then value.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "searcher/day_column.h"
#include "searcher/search.h"
#include "searcher/trends_request.h"

namespace newsdex {

struct SeriesLine {
  std::string value;
  std::vector<Xapian::doccount> counts;  // per bucket
  Xapian::doccount total = 0;
  std::string label = {};  // as FacetValueCount::label: a company's most counted name
};

struct SeriesResult {
  std::string query, field;
  Interval interval = Interval::kMonth;
  std::string from, to;  // the range counted ("" when nothing is dated)
  std::vector<std::string>
      buckets;  // labels: 2018-11-07, 2018-11-05 (a week's Monday), 2018-11, 2018
  std::vector<Xapian::doccount> total;  // matches per bucket
  Xapian::doccount matches = 0;         // matches dated in the range
  Xapian::doccount undated = 0;         // matches without a date (in no bucket)
  std::vector<SeriesLine> series;       // the top values, most matches first
  // The buckets (indices, ascending) in which the archive holds no dated article at all, match
  // or not: gaps in the archive, which a chart draws as gaps, not as zero coverage.
  std::vector<std::uint32_t> gaps;
  // true: every count above counts stories, a story once per bucket in which it has a match.
  bool counts_stories = false;
  double took_ms = 0;
};

struct SurgingValue {
  std::string value;
  Xapian::doccount count = 0, baseline_count = 0;
  double share = 0, baseline_share = 0, score = 0;  // share: count / window matches
  std::vector<Xapian::doccount> sparkline;          // per slice, see SurgingResult
  std::string label = {};  // as FacetValueCount::label: a company's most counted name
};

struct SurgingResult {
  std::string query, field;
  Baseline baseline = Baseline::kPrevious;
  std::string window_from, window_to, baseline_from, baseline_to;  // baseline "" when all
  Xapian::doccount window_matches = 0, baseline_matches = 0;
  std::size_t min_count = 0;
  // The sparklines cover [spark_from, window_to]: the window and as many days before it, in
  // kSparkSlices equal slices (one a day when that is fewer days).
  std::string spark_from;
  std::size_t spark_slices = 0;
  static constexpr std::size_t kSparkSlices = 16;
  // Only values whose G2 reaches this are called surging: 10.83 is chi-squared's 0.1% point
  // for one degree of freedom (p < 0.001), Rayson and Garside's threshold for corpus keywords.
  static constexpr double kMinScore = 10.83;
  std::vector<SurgingValue> values;
  // What the answer cannot say, for people (SPEC's "notices"): a baseline period without any
  // article (a gap in the archive, or before it starts) compares against nothing.
  std::vector<std::string> notices;
  // true: counts are of stories: once in the window, in the baseline and in each sparkline
  // slice in which the story has a match.
  bool counts_stories = false;
  double took_ms = 0;
};

// Dunning's G2 for window count a of n and baseline count b of m (see the top of this file).
double log_likelihood_ratio(double a, double n, double b, double m);

// The series for `request` on the searcher's newest revision. Throws UsageError (e.g. more than
// kMaxTrendBuckets buckets, naming the interval and the range).
// Each match's day comes from the revision's DayColumn (RevisionState::days).
SeriesResult trend_series(Searcher& searcher, const SeriesRequest& request);
// The surging values for `request`. Throws UsageError.
SurgingResult trend_surging(Searcher& searcher, const SurgingRequest& request);

// The JSON of the API and of `trends ... --json` (one function each for both).
nlohmann::ordered_json series_to_json(const SeriesResult& r);
nlohmann::ordered_json surging_to_json(const SurgingResult& r);

}  // namespace newsdex
