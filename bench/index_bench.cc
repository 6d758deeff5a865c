#include "bench/index_bench.h"

#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <string>

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
  // A sharded build's phases, each with the wall seconds until the next (or the end).
  using Clock = std::chrono::steady_clock;
  std::vector<std::pair<std::string, Clock::time_point>> phases;
  IndexObserver observer;
  observer.phase = [&](std::string_view p) { phases.emplace_back(p, Clock::now()); };
  const IndexSummary s = index_paths(options.inputs, io, observer);
  const auto end = Clock::now();
  nlohmann::json phase_seconds = nlohmann::json::object();
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const auto until = i + 1 < phases.size() ? phases[i + 1].second : end;
    phase_seconds[phases[i].first] =
        std::chrono::duration<double>(until - phases[i].second).count();
  }
  nlohmann::json j = {{"docs", s.indexed},
                      {"build_s", s.seconds},
                      {"cpu_s", cpu_seconds() - cpu_before},
                      {"docs_per_second", s.docs_per_second()},
                      {"size_bytes_built", directory_size(io.db_path)},
                      {"extract", io.extract},
                      {"shards", s.shards},
                      {"phases_s", phase_seconds},
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
