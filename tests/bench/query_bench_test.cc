// `newsdex bench`: its requests go through parse_search_params, as the CLI's and the server's do.
#include "bench/query_bench.h"

#include <gtest/gtest.h>

#include "bench/latency.h"
#include "core/errors.h"
#include "searcher/search_fixture.h"

namespace newsdex {

namespace {
bench::BenchOptions quick_options(const std::string& queries, bench::BenchMode mode) {
  bench::BenchOptions o;
  o.db_path = testing::sample_database();
  o.queries_path = queries;
  o.mode = mode;
  o.warmup_passes = 0;
  o.min_warmup_seconds = 0;
  o.passes = 1;
  o.threads = 0;
  return o;
}
}  // namespace

TEST(QueryBench, CountsWhatTheSearchParametersCount) {
  testing::TempDir dir;
  testing::write_file(dir / "q.tsv", "# query\tfilter\tclass\nsamsung\tcompany=Microsoft\tand\n");
  const auto r = bench::run_query_bench(quick_options(dir / "q.tsv", bench::BenchMode::kFiltered));
  ASSERT_EQ(r.queries.size(), 1U);
  const auto direct = testing::search_sample(
      {{"q", "samsung"}, {"filter", "company=Microsoft"}, {"facets", "company,topic"}});
  EXPECT_GT(direct.total, 0U);
  EXPECT_EQ(r.queries[0].matches, static_cast<long>(direct.total));
  EXPECT_EQ(r.queries[0].top_ids, testing::hit_ids(direct));
  // --json lists each query's hits and facet values, for comparing two runs' answers.
  const auto j = bench::bench_to_json(r)["per_query"][0];
  EXPECT_EQ(j["matches"], direct.total);
  EXPECT_EQ(j["top_ids"], nlohmann::json(testing::hit_ids(direct)));
  ASSERT_EQ(direct.facets[0].first, "company");
  ASSERT_FALSE(direct.facets[0].second.empty());
  EXPECT_EQ(j["companies"][0][0], direct.facets[0].second[0].value);
  EXPECT_EQ(j["companies"][0][1], direct.facets[0].second[0].count);
}

TEST(QueryBench, AQueryTheSearchParametersRefuseNamesTheFileAndTheQuery) {
  testing::TempDir dir;
  testing::write_file(dir / "q.tsv", "samsung\tcolour=red\tand\n");
  try {
    bench::run_query_bench(quick_options(dir / "q.tsv", bench::BenchMode::kFiltered));
    FAIL() << "an unknown filter field was accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(dir / "q.tsv"), std::string::npos) << what;
    EXPECT_NE(what.find("samsung"), std::string::npos) << what;
    EXPECT_NE(what.find("colour"), std::string::npos) << what;
  }
}

TEST(Latency, PercentileIsTheNearestRank) {
  const std::vector<double> v = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
  EXPECT_EQ(bench::percentile(v, 0), 1);
  EXPECT_EQ(bench::percentile(v, 0.5), 5);
  EXPECT_EQ(bench::percentile(v, 0.95), 10);
  EXPECT_EQ(bench::percentile(v, 1), 10);
  EXPECT_EQ(bench::percentile({}, 0.5), 0);
}

}  // namespace newsdex
