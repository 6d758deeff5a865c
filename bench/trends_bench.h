// The trends benchmark behind `newsdex trends bench`: on one thread, W3 (top-10 with exact
// company and topic counts, bench/query_bench) as the yardstick, then per field (company,
// topic) a series by month over the whole archive and a one-month surging window against the
// previous month, for random common words of the query file, all in one run.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace newsdex::bench {

struct TrendsBenchOptions {
  std::string db_path;
  std::string queries_path;  // ../shared/peers/queries.tsv format; words of the single-* classes
  std::vector<std::string> fields = {"company", "topic"};
  int runs = 50;  // random queries per measurement
  unsigned seed = 1;
};

// {"documents", "w3": {...}, FIELD: {"series_by_month", "surging_month_vs_previous"},
// "words_termlists": reading the term lists of each surging window's and baseline's matches} with
// milliseconds per query (one measured run each, after one warm-up run per word). Throws what
// Searcher throws, and InputError for an unreadable query file.
nlohmann::json run_trends_bench(const TrendsBenchOptions& options);

}  // namespace newsdex::bench
