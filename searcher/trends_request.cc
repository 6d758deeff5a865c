#include "searcher/trends_request.h"

#include <charconv>

#include "core/dates.h"
#include "core/errors.h"
#include "core/schema.h"
#include "core/text.h"

namespace newsdex {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

std::size_t parse_bounded(const std::string& name, const std::string& value, std::size_t min,
                          std::size_t max) {
  std::size_t n = 0;
  const auto* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (value.empty() || ec != std::errc() || ptr != end || n < min || n > max) {
    throw UsageError("parameter '" + name + "' must be an integer from " + std::to_string(min) +
                     " to " + std::to_string(max) + ", not '" + value.substr(0, 40) + "'");
  }
  return n;
}

std::string parse_day(const std::string& name, std::string_view value) {
  const auto d = parse_iso_date(value);
  if (!d || value.size() != 10) {
    throw UsageError("parameter '" + name + "' must be a date YYYY-MM-DD, not '" +
                     std::string(value.substr(0, 40)) + "'");
  }
  return d->iso();
}

std::string parse_field(const std::string& value) {
  const auto* f = schema::find_field(value);
  if (f == nullptr || !f->has(schema::kFacet)) {
    throw UsageError("parameter 'field': unknown field '" + value.substr(0, 40) +
                     "' (use one of: " + schema::facet_field_names() + ")");
  }
  return std::string(f->name);
}

// Hands the parameters that select the matches to parse_search_params (one place validates q,
// filters and stemming for search and trends alike); the rest go to `own`, which returns false
// for a parameter it does not know.
template <class Own>
SearchRequest split_params(const Params& params, const Own& own) {
  Params match = {{"facets", ""}, {"limit", "0"}};
  for (const auto& [name, value] : params) {
    // (count=stories, or collapse=story alone, counts each story once: count_stories.)
    if (name == "q" || name == "filter" || name == "stemming" || name == "count" ||
        name == "collapse") {
      match.emplace_back(name, value);
    } else if (!own(name, value)) {
      throw UsageError("unknown parameter '" + name.substr(0, 40) + "'");
    }
  }
  return parse_search_params(match);
}

}  // namespace

std::string interval_name(Interval i) {
  switch (i) {
    case Interval::kDay:
      return "day";
    case Interval::kWeek:
      return "week";
    case Interval::kMonth:
      return "month";
    case Interval::kYear:
      return "year";
  }
  return "";
}

SeriesRequest parse_series_params(const Params& params) {
  SeriesRequest r;
  r.match = split_params(params, [&](const std::string& name, const std::string& value) {
    if (name == "field") {
      r.field = parse_field(value);
    } else if (name == "interval") {
      if (value == "day") {
        r.interval = Interval::kDay;
      } else if (value == "week") {
        r.interval = Interval::kWeek;
      } else if (value == "month") {
        r.interval = Interval::kMonth;
      } else if (value == "year") {
        r.interval = Interval::kYear;
      } else {
        throw UsageError("parameter 'interval' must be day, week, month or year");
      }
    } else if (name == "from") {
      r.from = value.empty() ? "" : parse_day(name, value);
    } else if (name == "to") {
      r.to = value.empty() ? "" : parse_day(name, value);
    } else if (name == "top") {
      r.top = parse_bounded(name, value, 1, kMaxTrendValues);
    } else {
      return false;
    }
    return true;
  });
  if (!r.from.empty() && !r.to.empty() && r.from > r.to) {
    throw UsageError("parameters 'from' (" + r.from + ") and 'to' (" + r.to +
                     "): the range is reversed");
  }
  return r;
}

SurgingRequest parse_surging_params(const Params& params) {
  SurgingRequest r;
  bool has_window = false;
  r.match = split_params(params, [&](const std::string& name, const std::string& value) {
    if (name == "field") {
      r.field = parse_field(value);
    } else if (name == "window") {
      const auto sep = value.find("..");
      if (sep == std::string::npos) {
        throw UsageError("parameter 'window' must look like FROM..TO (dates YYYY-MM-DD), not '" +
                         value.substr(0, 40) + "'");
      }
      r.window_from = parse_day("window", std::string_view(value).substr(0, sep));
      r.window_to = parse_day("window", std::string_view(value).substr(sep + 2));
      if (r.window_from > r.window_to) {
        throw UsageError("parameter 'window': " + r.window_from + ".." + r.window_to +
                         " is reversed (FROM must not be after TO)");
      }
      has_window = true;
    } else if (name == "baseline") {
      if (value == "previous") {
        r.baseline = Baseline::kPrevious;
      } else if (value == "all") {
        r.baseline = Baseline::kAll;
      } else {
        throw UsageError("parameter 'baseline' must be previous or all");
      }
    } else if (name == "top") {
      r.top = parse_bounded(name, value, 1, kMaxTrendValues);
    } else if (name == "min_count" || name == "min-count") {
      r.min_count = parse_bounded("min_count", value, 1, kMaxMinCount);
    } else {
      return false;
    }
    return true;
  });
  if (!has_window) throw UsageError("parameter 'window' is required (FROM..TO)");
  return r;
}

}  // namespace newsdex
