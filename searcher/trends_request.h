// What one trends request asks for (a series of a facet field's values over time, or the values
// surging in a window), parsed and validated from name/value parameters. The CLI and the HTTP
// server both fill it here, so both accept and reject exactly the same things.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "searcher/request.h"

namespace newsdex {

enum class Interval { kDay, kWeek, kMonth, kYear };
// "day", "week", "month", "year".
std::string interval_name(Interval i);

enum class Baseline {
  kPrevious,  // the days just before the window, as many as the window has
  kAll,       // every dated match outside the window
};

struct SeriesRequest {
  SearchRequest match;  // the query, filters and stemming that select the matches counted
  std::string field = "company";
  Interval interval = Interval::kMonth;
  std::string from, to;  // inclusive YYYY-MM-DD; "" = the first / last dated match
  std::size_t top = 10;  // values drawn, by their count over the whole range
};

struct SurgingRequest {
  SearchRequest match;
  std::string field = "company";
  std::string window_from, window_to;  // inclusive YYYY-MM-DD, both set
  Baseline baseline = Baseline::kPrevious;
  std::size_t top = 10;
  std::size_t min_count = 5;  // fewer window matches than this never surge
};

// Limits that keep every answer small: buckets per series (an interval too fine for the range is
// a usage error, not a huge answer) and values per answer.
inline constexpr std::size_t kMaxTrendBuckets = 1000;
inline constexpr std::size_t kMaxTrendValues = 100;
inline constexpr std::size_t kMaxMinCount = 1000000000;

// Parameters: q, filter (repeatable), stemming (as for search), field (a facet field),
// interval (day|week|month|year), from, to, top (1..kMaxTrendValues), count (articles|stories;
// match.count_stories) and collapse (story: count=stories unless count is given). Throws UsageError
// naming the parameter for a malformed or out-of-range value or an unknown parameter.
SeriesRequest parse_series_params(const std::vector<std::pair<std::string, std::string>>& params);

// Parameters: q, filter, stemming, field, window (FROM..TO, required), baseline
// (previous|all), top, min_count (1..kMaxMinCount), count, collapse. Throws UsageError as above.
SurgingRequest parse_surging_params(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace newsdex
