// Newsdex's driver for the peer harness in ../shared/peers (protocol in its README):
//   newsdex-peers-driver build CORPUS.jsonl INDEXDIR
//   newsdex-peers-driver search INDEXDIR QUERIES.tsv MODE WARM REPS DETAIL.tsv
// Matching follows the peers: words as written (no stemming), companies and topics as the
// corpus gives them (no extraction).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/index_bench.h"
#include "bench/query_bench.h"
#include "core/errors.h"

namespace {

using namespace newsdex;

int build(const std::string& corpus, const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/db";
  std::filesystem::remove_all(db);
  bench::IndexBenchOptions o;
  o.inputs = {corpus};
  o.index.db_path = db;
  o.index.extract = false;
  o.index.batch_size = 50000;
  // The default build: a new database on every core, merged and compacted at the end.
  const auto j = bench::run_index_bench(o);
  const nlohmann::json out = {{"docs", j["docs"]},
                              {"build_s", j["build_s"]},
                              {"optimize_s", j["compact_s"]},
                              {"size_raw_bytes", j["size_bytes_built"]},
                              {"size_bytes", j["size_bytes"]},
                              {"cpu_s", j["cpu_s"]},
                              {"peak_rss_mb", j["peak_rss_mb"]},
                              {"shards", j["shards"]},
                              {"tables", j["size"]["tables"]}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

std::string facet_string(const std::vector<std::pair<std::string, long>>& f) {
  std::string s;
  for (const auto& [v, c] : f) s += (s.empty() ? "" : ",") + v + ":" + std::to_string(c);
  return s;
}

int search(const std::string& dir, const std::string& queries, const std::string& mode, int warm,
           int reps, const std::string& detail) {
  bench::BenchOptions o;
  o.db_path = dir + "/db";
  o.queries_path = queries;
  o.mode = bench::parse_bench_mode(mode.substr(0, 2));
  o.warmup_passes = warm;
  const char* min_warm = std::getenv("PEERS_MIN_WARM_S");
  o.min_warmup_seconds = min_warm != nullptr ? std::atof(min_warm) : 5.0;
  if (warm == 0) o.min_warmup_seconds = 0;
  o.passes = reps;
  o.threads = 0;
  o.stemming = false;
  o.full_hits = false;  // the peers return the top-10 ids; `newsdex bench` measures full hits
  // The peers count facets over the filtered matches (drill-down); so does the driver, unless
  // NEWSDEX_FACET_MODE=multiselect asks for the SPEC's default (which counts the filtered
  // field over every match of the text, a different and bigger job).
  const char* facet_mode = std::getenv("NEWSDEX_FACET_MODE");
  o.multi_select = facet_mode != nullptr && std::string(facet_mode) == "multiselect";
  const bench::BenchResult r = bench::run_query_bench(o);
  const auto j = bench::bench_to_json(r);
  std::ofstream d(detail);
  for (std::size_t i = 0; i < r.queries.size(); ++i) {
    const auto& q = r.queries[i];
    d << i << "\t" << q.query.text << "\t"
      << (o.mode == bench::BenchMode::kFiltered ? q.query.filter : "") << "\t" << q.matches << "\t";
    for (std::size_t k = 0; k < q.top_ids.size(); ++k) d << (k ? "," : "") << q.top_ids[k];
    d << "\t" << facet_string(q.topics) << "\t" << facet_string(q.companies) << "\t" << q.best_ms()
      << "\n";
  }
  long matches = 0;
  for (const auto& q : r.queries) matches += q.matches;
  const auto& best = j["overall"]["best"];
  const auto& all = j["overall"]["all"];
  std::printf(
      "{\"peer\":\"newsdex\",\"mode\":\"%s\",\"queries\":%zu,\"samples\":%zu,\"p50_ms\":%.4f,"
      "\"p95_ms\":%.4f,\"p99_ms\":%.4f,\"mean_ms\":%.4f,\"qps\":%.1f,\"raw_p50_ms\":%.4f,"
      "\"raw_p95_ms\":%.4f,\"raw_p99_ms\":%.4f,\"raw_mean_ms\":%.4f,\"raw_qps\":%.1f,"
      "\"matches_sum\":%ld,\"matches_exact\":%s}\n",
      mode.c_str(), r.queries.size(), all["count"].get<std::size_t>(), best["p50_ms"].get<double>(),
      best["p95_ms"].get<double>(), best["p99_ms"].get<double>(), best["mean_ms"].get<double>(),
      1000.0 / best["mean_ms"].get<double>(), all["p50_ms"].get<double>(),
      all["p95_ms"].get<double>(), all["p99_ms"].get<double>(), all["mean_ms"].get<double>(),
      r.single_thread_qps, matches, o.mode == bench::BenchMode::kTop10 ? "false" : "true");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() == 3 && a[0] == "build") return build(a[1], a[2]);
    if (a.size() == 7 && a[0] == "search") {
      return search(a[1], a[2], a[3], std::stoi(a[4]), std::stoi(a[5]), a[6]);
    }
    std::cerr << "usage: newsdex-peers-driver build CORPUS.jsonl INDEXDIR\n"
                 "       newsdex-peers-driver search INDEXDIR QUERIES.tsv w2|w3|w4 WARM REPS "
                 "DETAIL.tsv\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "newsdex-peers-driver: " << e.what() << "\n";
    return 1;
  }
}
