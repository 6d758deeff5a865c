// `newsdex bench index`: a real build of the bundled sample, reported by speed, memory, bytes
// per table and the wall time of each phase of the (default, sharded) build.
#include "bench/index_bench.h"

#include <gtest/gtest.h>

#include <string>

#include "core/errors.h"
#include "indexer/indexer.h"
#include "test_util.h"

namespace newsdex {
namespace {

TEST(IndexBench, ReportsSpeedSizeAndEachPhaseOfTheBuild) {
  testing::TempDir dir;
  bench::IndexBenchOptions o;
  o.inputs = {testing::bundled("sample/articles.jsonl")};
  o.index.db_path = dir / "db";
  o.index.shards = 2;
  const nlohmann::json j = bench::run_index_bench(o);
  EXPECT_EQ(j["docs"], 40);  // the lines of sample/articles.jsonl
  EXPECT_EQ(j["shards"], 2);
  EXPECT_GT(j["cpu_s"].get<double>(), 0);
  EXPECT_GT(j["peak_rss_mb"].get<double>(), 1);
  // Each table's bytes, adding up to at most the database's.
  long tables = 0;
  for (const char* t : {"position", "postlist", "termlist", "docdata"}) {
    ASSERT_TRUE(j["size"]["tables"].contains(t)) << t;
    EXPECT_GT(j["size"]["tables"][t].get<long>(), 0) << t;
    tables += j["size"]["tables"][t].get<long>();
  }
  EXPECT_LE(tables, j["size_bytes"].get<long>());
  // The phases in the order the build enters them, each timed, together within the build.
  const auto& phases = j["phases_s"];
  double sum = 0;
  for (const auto phase : {kPhaseWriting, kPhaseJoining, kPhaseMerging, kPhaseSwapping}) {
    ASSERT_TRUE(phases.contains(std::string(phase))) << phase;
    EXPECT_GE(phases[std::string(phase)].get<double>(), 0) << phase;
    sum += phases[std::string(phase)].get<double>();
  }
  EXPECT_GT(phases[std::string(kPhaseWriting)].get<double>(), 0);
  EXPECT_LE(sum, j["build_s"].get<double>() + 0.5);
  // A second run on the same path is refused: the benchmark builds from nothing.
  EXPECT_THROW(bench::run_index_bench(o), UsageError);
}

}  // namespace
}  // namespace newsdex
