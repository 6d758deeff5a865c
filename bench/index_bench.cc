#include "bench/index_bench.h"

#include <sys/resource.h>

#include <filesystem>

#include "bench/size_report.h"
#include "core/errors.h"
#include "indexer/admin.h"
#include "indexer/indexer.h"

namespace newsdex::bench {

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

nlohmann::json run_index_bench(const IndexBenchOptions& options) {
  const IndexOptions& io = options.index;
  if (std::filesystem::exists(io.db_path)) {
    throw UsageError("--db " + io.db_path + " exists; the index benchmark builds a new database");
  }
  const double cpu_before = cpu_seconds();
  const IndexSummary s = index_paths(options.inputs, io, IndexObserver{});
  nlohmann::json j = {{"docs", s.indexed},
                      {"build_s", s.seconds},
                      {"cpu_s", cpu_seconds() - cpu_before},
                      {"docs_per_second", s.docs_per_second()},
                      {"size_bytes_built", directory_size(io.db_path)},
                      {"extract", io.extract},
                      {"shards", s.shards},
                      {"stories", io.stories}};
  if (options.compact && !s.merged) {  // a sharded build leaves a compacted database
    const CompactResult c = compact_database(io.db_path);
    j["compact_s"] = c.seconds;
    j["size_bytes"] = c.bytes_after;
  } else {
    j["compact_s"] = 0.0;
    j["size_bytes"] = j["size_bytes_built"];
  }
  j["peak_rss_mb"] = peak_rss_mib();
  j["size"] = size_report(io.db_path);
  return j;
}

}  // namespace newsdex::bench
