#include "searcher/request.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <iterator>

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

// A request being parsed: `count` is resolved after every parameter is read, because its
// default depends on `collapse`.
struct Parsing {
  SearchRequest r;
  std::string count;  // "" when not given
};

// `value` when it is one of `choices` (a choice's "" key accepts the empty value too), else
// UsageError with `message`.
template <class T>
T choose(const std::string& value, std::initializer_list<std::pair<std::string_view, T>> choices,
         const std::string& message) {
  for (const auto& [word, v] : choices) {
    if (value == word) return v;
  }
  throw UsageError(message);
}

// The search parameters, one row each: the name (and an older spelling still taken) and what
// its value sets. Every front end (CLI flags, HTTP query strings, trends) goes through it.
struct SearchParam {
  std::string_view name;
  std::string_view alias;  // "" for none
  void (*apply)(Parsing&, const std::string& name, const std::string& value);
};

const SearchParam kSearchParams[] = {
    {"q", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       if (v.size() > kMaxQueryBytes) {
         throw UsageError("parameter 'q' is longer than " + std::to_string(kMaxQueryBytes) +
                          " bytes");
       }
       p.r.query = p.r.query.empty() ? v : p.r.query + " " + v;
     }},
    {"limit", "",
     [](Parsing& p, const std::string& n, const std::string& v) {
       p.r.limit = parse_count(n, v, kMaxResultWindow);
     }},
    {"offset", "",
     [](Parsing& p, const std::string& n, const std::string& v) {
       p.r.offset = parse_count(n, v, kMaxResultWindow);
     }},
    {"sort", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.sort = choose<SortOrder>(v,
                                    {{"relevance", SortOrder::kRelevance},
                                     {"", SortOrder::kRelevance},
                                     {"date", SortOrder::kNewestFirst},
                                     {"-date", SortOrder::kOldestFirst}},
                                    "unknown sort '" + v + "' (use relevance, date or -date)");
     }},
    {"filter", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       const auto sep = v.find_first_of("=:");
       if (sep == std::string::npos || sep == 0 || sep + 1 == v.size()) {
         throw UsageError("filter '" + v + "' must look like FIELD=VALUE (e.g. company=Microsoft)");
       }
       const std::string field = text::to_lower_ascii(text::trim(v.substr(0, sep)));
       facet_field("filter field", field);
       if (p.r.filters.size() == kMaxFilters) {
         throw UsageError("at most " + std::to_string(kMaxFilters) + " filters per request");
       }
       p.r.filters.push_back({field, std::string(text::trim(v.substr(sep + 1)))});
     }},
    {"from", "",
     [](Parsing& p, const std::string& n, const std::string& v) {
       p.r.from = v.empty() ? "" : parse_date(n, v);
     }},
    {"to", "",
     [](Parsing& p, const std::string& n, const std::string& v) {
       p.r.to = v.empty() ? "" : parse_date(n, v);
     }},
    {"facets", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.facets.clear();
       for (auto part : text::split(v, ',')) {
         part = text::trim(part);
         if (!part.empty()) p.r.facets.emplace_back(facet_field("facet", std::string(part)).name);
       }
     }},
    {"facet_size", "facet-size",
     [](Parsing& p, const std::string& n, const std::string& v) {
       p.r.facet_size = parse_count(n, v, kMaxFacetSize);
     }},
    {"facet_mode", "facet-mode",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.multi_select = choose<bool>(v, {{"multiselect", true}, {"drilldown", false}},
                                       "parameter 'facet_mode' must be multiselect or drilldown");
     }},
    {"stemming", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.stemming = choose<bool>(v, {{"on", true}, {"off", false}},
                                   "parameter 'stemming' must be on or off");
     }},
    {"hits", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.full_hits = choose<bool>(v, {{"full", true}, {"ids", false}},
                                    "parameter 'hits' must be full or ids");
     }},
    {"match", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.match = choose<MatchMode>(v,
                                     {{"auto", MatchMode::kAuto},
                                      {"", MatchMode::kAuto},
                                      {"all", MatchMode::kAll},
                                      {"most", MatchMode::kMost},
                                      {"any", MatchMode::kAny}},
                                     "parameter 'match' must be auto, all, most or any");
     }},
    {"recency", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.recency_days = v.empty() || v == "off" ? 0 : parse_half_life(v);
     }},
    {"now", "",
     [](Parsing& p, const std::string& n, const std::string& v) {
       p.r.now = v.empty() ? "" : parse_date(n, v);
     }},
    {"collapse", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.collapse = choose<bool>(v, {{"story", true}, {"", false}, {"none", false}},
                                   "parameter 'collapse' must be story (or none)");
     }},
    {"count", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.count = choose<std::string>(v, {{"stories", v}, {"articles", v}},
                                     "parameter 'count' must be stories or articles");
     }},
    {"feedback", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.feedback = choose<bool>(v, {{"rm3", true}, {"none", false}, {"", false}},
                                   "parameter 'feedback' must be rm3 or none");
     }},
    {"total", "",
     [](Parsing& p, const std::string&, const std::string& v) {
       p.r.exact_total = choose<bool>(v, {{"exact", true}, {"estimate", false}},
                                      "parameter 'total' must be exact or estimate");
     }},
};

}  // namespace

SearchRequest parse_search_params(const std::vector<std::pair<std::string, std::string>>& params) {
  Parsing p;
  for (const auto& param : params) {
    // Named copies, not a structured binding: clang 14 (the fuzz build) refuses a lambda that
    // captures a binding.
    const std::string& name = param.first;
    const std::string& value = param.second;
    // Checked first, so that no message below quotes bytes that are not text.
    if (!text::is_valid_utf8(name)) throw UsageError("a parameter name is not valid UTF-8");
    if (!text::is_valid_utf8(value)) {
      throw UsageError("parameter '" + name + "' is not valid UTF-8");
    }
    const auto* row = std::find_if(
        std::begin(kSearchParams), std::end(kSearchParams), [&](const SearchParam& sp) {
          return name == sp.name || (!sp.alias.empty() && name == sp.alias);
        });
    if (row == std::end(kSearchParams)) throw UsageError("unknown parameter '" + name + "'");
    row->apply(p, name, value);
  }
  SearchRequest& r = p.r;
  const std::string& count = p.count;
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
