// `newsdex bench index`: indexing speed, index size and peak memory on a corpus.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "indexer/indexer.h"

namespace newsdex::bench {

struct IndexBenchOptions {
  std::vector<std::string> inputs;
  IndexOptions index;   // index.db_path must not exist yet (the benchmark builds from scratch)
  bool compact = true;  // compact a one-writer build and time it
};

// {"docs","build_s","cpu_s","docs_per_second","compact_s","size_bytes_built","size_bytes",
//  "shards","stories","peak_rss_mb","size": size_report()}. A one-writer build is compacted
// afterwards (compact_s) when `compact`; a sharded build is compacted already (compact_s 0).
// Throws InputError/DatabaseError like index_paths.
nlohmann::json run_index_bench(const IndexBenchOptions& options);

// This process's peak resident set size, in MiB.
double peak_rss_mib();

}  // namespace newsdex::bench
