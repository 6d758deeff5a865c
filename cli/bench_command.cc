// newsdex bench (query speed), bench generate (a synthetic corpus) and bench index (indexing
// speed, size and memory).
#include <cstdio>
#include <iostream>
#include <memory>

#include "bench/generator.h"
#include "bench/index_bench.h"
#include "bench/query_bench.h"
#include "cli/cli.h"
#include "core/errors.h"
#include "searcher/request.h"

namespace newsdex::cli {
namespace {

struct BenchCommand {
  CommonOptions common;
  bench::BenchOptions options;
  std::string mode = "w3", stemming = "on", report, facet_mode = "multiselect", hits = "full";
  std::vector<std::pair<std::string, std::string>> search_params;  // --collapse, --count
};

void print_bench(const std::string& mode, const bench::BenchResult& r, const nlohmann::json& j) {
  const auto& o = j["overall"];
  std::printf(
      "%s: %zu queries x %d passes, best-of-passes latency ms: min %.3f p50 %.3f p95 %.3f "
      "p99 %.3f max %.3f; %.0f queries/s (1 thread), %.0f queries/s (%d threads)\n",
      mode.c_str(), r.queries.size(), r.options.passes, o["best"]["min_ms"].get<double>(),
      o["best"]["p50_ms"].get<double>(), o["best"]["p95_ms"].get<double>(),
      o["best"]["p99_ms"].get<double>(), o["best"]["max_ms"].get<double>(), o["qps"].get<double>(),
      o["qps_threads"].get<double>(), r.options.threads);
  for (const auto& [cls, c] : j["classes"].items()) {
    std::printf("  %-18s %3zu queries  p50 %8.3f  p95 %8.3f  p99 %8.3f ms\n", cls.c_str(),
                c["best"]["count"].get<std::size_t>(), c["best"]["p50_ms"].get<double>(),
                c["best"]["p95_ms"].get<double>(), c["best"]["p99_ms"].get<double>());
  }
}

int run_bench(BenchCommand& c) {
  auto& options = c.options;
  options.db_path = c.common.db;
  options.mode = bench::parse_bench_mode(c.mode);
  if (c.stemming != "on" && c.stemming != "off") throw UsageError("--stemming must be on or off");
  options.stemming = c.stemming == "on";
  options.full_hits = c.hits == "full";
  options.multi_select = c.facet_mode == "multiselect";
  const SearchRequest given = parse_search_params(c.search_params);  // (validates them)
  options.collapse = given.collapse;
  options.count_stories = given.count_stories;
  const auto r = bench::run_query_bench(options);
  const auto j = bench::bench_to_json(r);
  if (!c.report.empty()) {
    write_output_file(c.report, [&](std::ostream& out) { out << bench::bench_to_html(r); });
    std::cerr << "newsdex: wrote " << c.report << "\n";
  }
  if (c.common.json) {
    print_json(j);
  } else {
    print_bench(c.mode, r, j);
  }
  return 0;
}

CLI::App* add_generate(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("generate", "Write a synthetic news corpus as JSON Lines");
  struct Generate {
    bench::GeneratorOptions options;
    std::string out;
  };
  auto g = std::make_shared<Generate>();
  cmd->add_option("--docs", g->options.docs, "Articles to write")->required();
  cmd->add_option("--seed", g->options.seed, "Random seed (same seed, same corpus)")
      ->capture_default_str();
  cmd->add_option("--out", g->out, "Output file (- for stdout)")->required();
  cmd->callback([g, &action] {
    action = [g] {
      if (g->out == "-") {
        bench::generate_corpus(g->options, std::cout);  // checked at exit (cli.cc)
        return 0;
      }
      write_output_file(g->out,
                        [&](std::ostream& out) { bench::generate_corpus(g->options, out); });
      return 0;
    };
  });
  return cmd;
}

CLI::App* add_index_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("index", "Measure indexing: docs/s, index size, peak memory");
  struct IndexBench {
    bench::IndexBenchOptions options;
    bool no_extract = false, no_compact = false;
  };
  auto ib = std::make_shared<IndexBench>();
  cmd->add_option("--db", ib->options.index.db_path, "New database directory to build")->required();
  add_build_options(*cmd, ib->options.index, ib->no_extract);
  cmd->add_flag("--no-compact", ib->no_compact, "Skip the compaction step");
  cmd->add_option("inputs", ib->options.inputs, "Corpus files or directories")->required();
  cmd->callback([ib, &action] {
    action = [ib] {
      ib->options.index.extract = !ib->no_extract;
      ib->options.compact = !ib->no_compact;
      print_json(bench::run_index_bench(ib->options));
      return 0;
    };
  });
  return cmd;
}

}  // namespace

void add_bench_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("bench", "Measure query speed (and: generate, index)");
  cmd->require_subcommand(0, 1);
  auto c = std::make_shared<BenchCommand>();
  c->common.add_to(*cmd);
  cmd->add_option("--queries", c->options.queries_path,
                  "Query file: query TAB filter TAB class per line (# comments)");
  cmd->add_option("--mode", c->mode, "w2 top-10, w3 top-10 + facets, w4 filtered + facets")
      ->capture_default_str();
  cmd->add_option("--warmup", c->options.warmup_passes, "Unmeasured passes")->capture_default_str();
  cmd->add_option("--min-warmup-seconds", c->options.min_warmup_seconds,
                  "Warm up at least this long")
      ->capture_default_str();
  cmd->add_option("--passes", c->options.passes, "Measured passes")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--threads", c->options.threads, "Threads for the multi-threaded queries/s")
      ->capture_default_str();
  cmd->add_option("--stemming", c->stemming, "on, or off to match words only as written")
      ->capture_default_str();
  cmd->add_option("--facet-mode", c->facet_mode,
                  "multiselect (SPEC) or drilldown (counts over the filtered matches only)")
      ->capture_default_str()
      ->check(CLI::IsMember({"multiselect", "drilldown"}));
  cmd->add_option("--report", c->report, "Also write a self-contained HTML report here");
  cmd->add_option("--hits", c->hits, "full (titles, snippets...) or ids (ids and scores only)")
      ->capture_default_str()
      ->check(CLI::IsMember({"full", "ids"}));
  for (const auto& [flag, help] :
       {std::pair<std::string, std::string>{"collapse", "story: one hit per story (as search)"},
        {"count", "stories or articles: what facets count (as search)"}}) {
    cmd->add_option_function<std::string>(
        "--" + flag,
        [c, name = flag](const std::string& v) { c->search_params.emplace_back(name, v); }, help);
  }
  auto* generate = add_generate(*cmd, action);
  auto* index = add_index_bench(*cmd, action);
  cmd->callback([cmd, generate, index, c, &action] {
    if (cmd->got_subcommand(generate) || cmd->got_subcommand(index)) return;
    if (c->options.queries_path.empty()) throw CLI::RequiredError("--queries");
    action = [c] { return run_bench(*c); };
  });
}

}  // namespace newsdex::cli
