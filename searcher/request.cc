#include "searcher/request.h"

#include <charconv>

#include "core/dates.h"
#include "core/errors.h"
#include "core/schema.h"
#include "core/text.h"

namespace newsdex {

namespace {

std::size_t parse_count(const std::string& name, const std::string& value, std::size_t max) {
  std::size_t n = 0;
  const auto* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (value.empty() || ec != std::errc() || ptr != end) {
    throw UsageError("parameter '" + name + "' must be a non-negative integer, not '" + value +
                     "'");
  }
  if (n > max) {
    throw UsageError("parameter '" + name + "' must be at most " + std::to_string(max));
  }
  return n;
}

std::string parse_date(const std::string& name, const std::string& value) {
  const auto d = parse_iso_date(value);
  if (!d || value.size() != 10) {
    throw UsageError("parameter '" + name + "' must be a date YYYY-MM-DD, not '" + value + "'");
  }
  return d->iso();
}

const schema::FieldSpec& facet_field(const std::string& what, const std::string& name) {
  const auto* f = schema::find_field(name);
  if (f == nullptr || !f->has(schema::kFacet)) {
    throw UsageError("unknown " + what + " '" + name +
                     "' (use one of: " + schema::facet_field_names() + ")");
  }
  return *f;
}

// "30d", "2w", "1y" -> days; throws UsageError naming the parameter.
double parse_half_life(const std::string& value) {
  const std::string unit = value.empty() ? "" : value.substr(value.size() - 1);
  const double per = unit == "d" ? 1 : unit == "w" ? 7 : unit == "y" ? 365.25 : 0;
  const std::string digits = value.empty() ? "" : value.substr(0, value.size() - 1);
  std::size_t n = 0;
  const auto* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, n);
  if (per == 0 || digits.empty() || ec != std::errc() || ptr != end || n == 0 ||
      static_cast<double>(n) * per > kMaxRecencyDays) {
    throw UsageError(
        "parameter 'recency' must be a half-life like 30d, 2w or 1y (at most 100y), "
        "not '" +
        value + "'");
  }
  return static_cast<double>(n) * per;
}

}  // namespace

SearchRequest parse_search_params(const std::vector<std::pair<std::string, std::string>>& params) {
  SearchRequest r;
  std::string count;  // "" when not given
  for (const auto& [name, value] : params) {
    // Checked first, so that no message below quotes bytes that are not text.
    if (!text::is_valid_utf8(name)) throw UsageError("a parameter name is not valid UTF-8");
    if (!text::is_valid_utf8(value)) {
      throw UsageError("parameter '" + name + "' is not valid UTF-8");
    }
    if (name == "q") {
      if (value.size() > kMaxQueryBytes) {
        throw UsageError("parameter 'q' is longer than " + std::to_string(kMaxQueryBytes) +
                         " bytes");
      }
      r.query = r.query.empty() ? value : r.query + " " + value;
    } else if (name == "limit") {
      r.limit = parse_count(name, value, kMaxResultWindow);
    } else if (name == "offset") {
      r.offset = parse_count(name, value, kMaxResultWindow);
    } else if (name == "sort") {
      if (value == "relevance" || value.empty()) {
        r.sort = SortOrder::kRelevance;
      } else if (value == "date") {
        r.sort = SortOrder::kNewestFirst;
      } else if (value == "-date") {
        r.sort = SortOrder::kOldestFirst;
      } else {
        throw UsageError("unknown sort '" + value + "' (use relevance, date or -date)");
      }
    } else if (name == "filter") {
      const auto sep = value.find_first_of("=:");
      if (sep == std::string::npos || sep == 0 || sep + 1 == value.size()) {
        throw UsageError("filter '" + value +
                         "' must look like FIELD=VALUE (e.g. company=Microsoft)");
      }
      const std::string field = text::to_lower_ascii(text::trim(value.substr(0, sep)));
      facet_field("filter field", field);
      if (r.filters.size() == kMaxFilters) {
        throw UsageError("at most " + std::to_string(kMaxFilters) + " filters per request");
      }
      r.filters.push_back({field, std::string(text::trim(value.substr(sep + 1)))});
    } else if (name == "from") {
      r.from = value.empty() ? "" : parse_date(name, value);
    } else if (name == "to") {
      r.to = value.empty() ? "" : parse_date(name, value);
    } else if (name == "facets") {
      r.facets.clear();
      for (auto part : text::split(value, ',')) {
        part = text::trim(part);
        if (part.empty()) continue;
        r.facets.emplace_back(facet_field("facet", std::string(part)).name);
      }
    } else if (name == "facet_size" || name == "facet-size") {
      r.facet_size = parse_count(name, value, kMaxFacetSize);
    } else if (name == "facet_mode" || name == "facet-mode") {
      if (value != "multiselect" && value != "drilldown")
        throw UsageError("parameter 'facet_mode' must be multiselect or drilldown");
      r.multi_select = value == "multiselect";
    } else if (name == "stemming") {
      if (value != "on" && value != "off")
        throw UsageError("parameter 'stemming' must be on or off");
      r.stemming = value == "on";
    } else if (name == "hits") {
      if (value != "full" && value != "ids")
        throw UsageError("parameter 'hits' must be full or ids");
      r.full_hits = value == "full";
    } else if (name == "match") {
      if (value == "auto" || value.empty()) {
        r.match = MatchMode::kAuto;
      } else if (value == "all") {
        r.match = MatchMode::kAll;
      } else if (value == "most") {
        r.match = MatchMode::kMost;
      } else if (value == "any") {
        r.match = MatchMode::kAny;
      } else {
        throw UsageError("parameter 'match' must be auto, all, most or any");
      }
    } else if (name == "recency") {
      r.recency_days = value.empty() || value == "off" ? 0 : parse_half_life(value);
    } else if (name == "now") {
      r.now = value.empty() ? "" : parse_date(name, value);
    } else if (name == "collapse") {
      if (value != "story" && !value.empty() && value != "none") {
        throw UsageError("parameter 'collapse' must be story (or none)");
      }
      r.collapse = value == "story";
    } else if (name == "count") {
      if (value != "stories" && value != "articles") {
        throw UsageError("parameter 'count' must be stories or articles");
      }
      count = value;
    } else if (name == "feedback") {
      if (value != "rm3" && value != "none" && !value.empty()) {
        throw UsageError("parameter 'feedback' must be rm3 or none");
      }
      r.feedback = value == "rm3";
    } else if (name == "total") {
      if (value != "exact" && value != "estimate") {
        throw UsageError("parameter 'total' must be exact or estimate");
      }
      r.exact_total = value == "exact";
    } else {
      throw UsageError("unknown parameter '" + name + "'");
    }
  }
  r.count_stories = count.empty() ? r.collapse : count == "stories";
  if (r.offset + r.limit > kMaxResultWindow) {
    throw UsageError("offset + limit must be at most " + std::to_string(kMaxResultWindow) +
                     " (page deeper with a narrower query or filters)");
  }
  if (!r.from.empty() && !r.to.empty() && r.from > r.to) {
    throw UsageError("'from' (" + r.from + ") is after 'to' (" + r.to + ")");
  }
  return r;
}

}  // namespace newsdex
