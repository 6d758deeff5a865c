#include "bench/index_bench.h"

#include <sys/resource.h>

#include <filesystem>

#include "core/errors.h"
#include "indexer/admin.h"
#include "indexer/indexer.h"

namespace newsdex::bench {

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

nlohmann::json run_index_bench(const IndexBenchOptions& options) {
  const IndexOptions& io = options.index;
  if (std::filesystem::exists(io.db_path)) {
    throw UsageError("--db " + io.db_path + " exists; the index benchmark builds a new database");
  }
  const IndexSummary s = index_paths(options.inputs, io, IndexObserver{});
  nlohmann::json j = {{"docs", s.indexed},
                      {"build_s", s.seconds},
                      {"docs_per_second", s.docs_per_second()},
                      {"size_bytes_built", directory_size(io.db_path)},
                      {"extract", io.extract},
                      {"shards", io.shards},
                      {"stories", io.stories}};
  if (options.compact) {
    const CompactResult c = compact_database(io.db_path);
    j["compact_s"] = c.seconds;
    j["size_bytes"] = c.bytes_after;
  } else {
    j["size_bytes"] = j["size_bytes_built"];
  }
  j["peak_rss_mb"] = peak_rss_mib();
  return j;
}

}  // namespace newsdex::bench
