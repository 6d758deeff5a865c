// The query benchmark behind `newsdex bench`: warm-up passes, measured passes, latency
// percentiles per query and per class, queries/s single- and multi-threaded, as JSON or as a
// self-contained HTML report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace newsdex::bench {

// One line of a query file: query TAB filter TAB class ('#' starts a comment line).
struct BenchQuery {
  std::string text;
  std::string filter;  // FIELD=VALUE or ""
  std::string cls;     // e.g. "single-common", "and", "phrase"
};

// Reads a query file in the format of ../shared/peers/queries.tsv. Throws InputError.
std::vector<BenchQuery> load_query_file(const std::string& path);

enum class BenchMode {
  kTop10,     // w2: top-10 by relevance; filters ignored; the total may be an estimate
  kFacets,    // w3: top-10 plus exact company and topic facets over all matches
  kFiltered,  // w4: queries with a filter only: filter + top-10 + facets
};
// "w2", "w3", "w4"; throws UsageError.
BenchMode parse_bench_mode(const std::string& name);

struct BenchOptions {
  std::string db_path;
  std::string queries_path;
  BenchMode mode = BenchMode::kFacets;
  int warmup_passes = 2;
  double min_warmup_seconds = 2.0;
  int passes = 5;
  int threads = 2;  // for the multi-threaded queries/s; 0 skips that phase
  bool stemming = true;
  bool full_hits = true;       // false: ids and scores only, as the peers return
  bool multi_select = true;    // false: drill-down facet counts (SearchRequest::multi_select)
  bool collapse = false;       // SearchRequest::collapse
  bool count_stories = false;  // SearchRequest::count_stories
};

struct QueryTiming {
  BenchQuery query;
  long matches = 0;
  std::vector<double> samples_ms;  // one per measured pass
  std::vector<std::string> top_ids;
  std::vector<std::pair<std::string, long>> topics, companies;
  double best_ms() const;
};

struct BenchResult {
  BenchOptions options;
  std::vector<QueryTiming> queries;
  double single_thread_qps = 0;  // over all measured samples, one thread
  double multi_thread_qps = 0;   // options.threads threads, each with its own Searcher
  double seconds = 0;
};

// Runs the benchmark; each query becomes a request through parse_search_params, as the
// front ends' do. Throws InputError for an unreadable query file or a query that the search
// parameters refuse (naming the file and the query), and what Searcher throws (DatabaseError,
// UsageError).
BenchResult run_query_bench(const BenchOptions& options);

// {"mode","queries","threads","overall":{best:{min,p50,p95,p99,max,mean}, all:{...}, qps,
//  qps_threads}, "classes":{CLASS:{count, best:{...}, all:{...}}}, "per_query":[...]}
nlohmann::json bench_to_json(const BenchResult& r);
// A self-contained HTML page: a latency distribution chart per class (inline SVG), tables,
// no network fetches.
std::string bench_to_html(const BenchResult& r);

}  // namespace newsdex::bench
