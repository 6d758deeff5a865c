// SearchRequest: what one search asks for, parsed and validated from name/value parameters.
// The CLI and the HTTP server both fill it through parse_search_params, so both accept and
// reject exactly the same things.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "searcher/ranking_features.h"

namespace newsdex {

enum class SortOrder { kRelevance, kNewestFirst, kOldestFirst };

// Which articles a query of plain words matches (see searcher/query_plan.h): kAuto relaxes
// from all words to most to any until the first page is full; the others fix one level.
enum class MatchMode { kAuto, kAll, kMost, kAny };

struct Filter {
  std::string field;  // a facet field: year, month, company, topic, source
  std::string value;
};

struct SearchRequest {
  std::string query;  // Xapian query-parser syntax; "" matches every article
  std::size_t limit = 10;
  std::size_t offset = 0;
  SortOrder sort = SortOrder::kRelevance;
  std::vector<Filter> filters;  // values of one field are ORed, different fields ANDed
  std::string from, to;         // inclusive dates (YYYY-MM-DD), "" = open
  std::vector<std::string> facets = {"company", "topic", "year"};
  std::size_t facet_size = 10;
  bool stemming = true;     // false: words match only as written
  bool exact_total = true;  // false: with no facets asked, the total may be Xapian's estimate
  bool full_hits = true;    // false: hits carry only rank, id and score (no stored data read)
  // true (SPEC): a facet's counts ignore the filters on its own field, so the other values
  // of a filtered field stay visible. false ("drilldown", as Elasticsearch aggregations and
  // Meilisearch facet distributions): every count is over the filtered matches.
  bool multi_select = true;
  MatchMode match = MatchMode::kAuto;
  // > 0: relevance is multiplied by 2^(-age / recency_days), age in days before `now` (or the
  // newest article's date when `now` is ""); undated articles count as the oldest dated one
  // (searcher/recency.h).
  double recency_days = 0;
  std::string now;  // YYYY-MM-DD or ""
  // One hit per story (near-duplicate group): its best-ranked article under `sort`; offset and
  // limit count stories. total stays articles; total_stories is added.
  bool collapse = false;
  // Facet counts count stories (a value once per story with a counted match carrying it)
  // instead of articles. parse_search_params makes it follow `collapse` unless `count` is given.
  bool count_stories = false;
  // true (`feedback=rm3`): a query answered by a relaxed level ("most", "any") is re-ranked
  // with pseudo-relevance feedback (searcher/feedback.h); the matches and counts stay the same.
  // Off by default: it lowered nDCG@10 on NPL by 0.021 (bench/ir/README.md), and a default
  // feature must lower no development collection by more than 0.005 (issue 22).
  bool feedback = false;
  RankingFeatures ranking;  // the query-time ranking features (defaults; eval --ranking only)

  // True when every match must be visited: for the exact total or for facet counts.
  bool counts_matches() const {
    return exact_total || !facets.empty() || collapse || count_stories;
  }
};

// Deepest result a request may reach (offset + limit), as in Elasticsearch's
// index.max_result_window.
inline constexpr std::size_t kMaxResultWindow = 10000;
inline constexpr std::size_t kMaxFacetSize = 1000;
inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr std::size_t kMaxFilters = 64;
inline constexpr double kMaxRecencyDays = 36525;

// Builds a request from parameters named q, limit, offset, sort (relevance|date|-date),
// filter (FIELD=VALUE or FIELD:VALUE, repeatable), from, to, facets (comma list, "" = none)
// facet_size, facet_mode (multiselect|drilldown), stemming (on|off), total (exact|estimate),
// hits (full|ids), match (auto|all|most|any), recency (a half-life: N followed by d, w or y,
// at most 100 years), now (YYYY-MM-DD), collapse (story, or "" for none) and count (stories|
// articles; default stories when collapsed, else articles) and feedback (rm3|none; default
// none). Throws UsageError
// naming the parameter for a malformed or out-of-range value, an unknown filter field, facet or
// sort, or an unknown parameter.
SearchRequest parse_search_params(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace newsdex
