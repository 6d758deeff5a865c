// newsdex trends series|surging|bench. Every option is handed to parse_series_params /
// parse_surging_params as the name/value pair the HTTP API takes, so the CLI and the server
// validate them in one place; this file only prints.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench/trends_bench.h"
#include "cli/cli.h"
#include "core/database.h"
#include "core/text.h"
#include "searcher/trends.h"

namespace newsdex::cli {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// What series and surging share: the database, --json, the query, and the options given (by
// their API parameter names).
struct TrendsOptions {
  std::string db = default_database_path();
  bool json = false;
  std::vector<std::string> words, filters;
  std::vector<std::pair<std::string, std::unique_ptr<std::string>>> named;  // API name, value
  CLI::App* app = nullptr;

  void add_common(CLI::App& sub) {
    app = &sub;
    sub.add_option("--db", db, "Database directory (default: $NEWSDEX_DB, else ./newsdex-db)");
    sub.add_flag("--json", json, "Print the API's JSON on stdout");
    sub.add_option("query", words, "Query (search syntax); empty: every article");
    sub.add_option("--filter", filters, "FIELD=VALUE (repeatable; one field ORed, fields ANDed)")
        ->allow_extra_args(false);
    add("--field", "field", "Facet field whose values are counted (default company)");
    add("--top", "top", "How many values (1-100, default 10)");
    add("--stemming", "stemming", "on (default), or off to match words only as written");
    add("--count", "count", "articles, or stories (each story counted once)");
  }
  void add(const std::string& flag, const std::string& api_name, const std::string& help) {
    named.emplace_back(api_name, std::make_unique<std::string>());
    app->add_option(flag, *named.back().second, help);
  }
  Params params() const {
    std::string q;
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    Params p = {{"q", q}};
    for (const auto& f : filters) p.emplace_back("filter", f);
    for (const auto& [api_name, value] : named) {
      const std::string flag = "--" + (api_name == "min_count" ? "min-count" : api_name);
      if (app->count(flag) > 0) p.emplace_back(api_name, *value);
    }
    return p;
  }
};

// A stored value for the terminal: escape codes shown as text, at most n bytes.
std::string cut(const std::string& value, std::size_t n) {
  const std::string s = text::terminal_safe(value);
  return s.size() <= n ? s : s.substr(0, n - 1) + "~";
}

void print_series(const SeriesResult& r) {
  std::printf("%s by %s: %u dated matches%s%s%s, %u undated (%.1f ms)\n", r.field.c_str(),
              interval_name(r.interval).c_str(), r.matches, r.from.empty() ? "" : " from ",
              r.from.c_str(), r.to.empty() ? "" : (" to " + r.to).c_str(), r.undated, r.took_ms);
  if (r.buckets.empty()) return;
  std::printf("%-10s %8s", "bucket", "total");
  for (const auto& line : r.series)
    std::printf(" %12s", cut(line.label.empty() ? line.value : line.label, 12).c_str());
  std::printf("\n");
  for (std::size_t b = 0; b < r.buckets.size(); ++b) {
    std::printf("%-10s %8u", r.buckets[b].c_str(), r.total[b]);
    for (const auto& line : r.series) std::printf(" %12u", line.counts[b]);
    std::printf("\n");
  }
  std::printf("%-10s %8u", "all", r.matches);
  for (const auto& line : r.series) std::printf(" %12u", line.total);
  std::printf("\n");
}

std::string sparkline(const std::vector<Xapian::doccount>& counts) {
  static const char* const kBars[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                      "\u2585", "\u2586", "\u2587", "\u2588"};
  const Xapian::doccount top = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  std::string out;
  for (const auto c : counts) out += top == 0 ? kBars[0] : kBars[c * 7 / top];
  return out;
}

void print_surging(const SurgingResult& r) {
  std::printf("%s surging in %s..%s (%u matches) against ", r.field.c_str(), r.window_from.c_str(),
              r.window_to.c_str(), r.window_matches);
  if (r.baseline == Baseline::kPrevious) {
    std::printf("%s..%s (%u matches)", r.baseline_from.c_str(), r.baseline_to.c_str(),
                r.baseline_matches);
  } else {
    std::printf("every other dated match (%u)", r.baseline_matches);
  }
  std::printf("; G2 score, at least %zu in the window (%.1f ms)\n", r.min_count, r.took_ms);
  if (r.values.empty()) {
    std::printf("nothing surging\n");
    return;
  }
  std::printf("%-28s %7s %9s %8s %8s %9s  %s\n", "value", "count", "baseline", "share", "before",
              "G2", ("trend from " + r.spark_from).c_str());
  for (const auto& v : r.values) {
    std::printf("%-28s %7u %9u %7.2f%% %7.2f%% %9.2f  %s\n",
                cut(v.label.empty() ? v.value : v.label, 28).c_str(), v.count, v.baseline_count,
                100 * v.share, 100 * v.baseline_share, v.score, sparkline(v.sparkline).c_str());
  }
}

}  // namespace

void add_trends_command(CLI::App& app, std::function<int()>& action) {
  auto* trends =
      app.add_subcommand("trends", "Counts of a facet's values over time; surging values");
  trends->require_subcommand(1);

  auto series_options = std::make_shared<TrendsOptions>();
  auto* series = trends->add_subcommand(
      "series", "Matches per day/week/month/year of the top values of a field (exact)");
  series_options->add_common(*series);
  series_options->add("--interval", "interval", "day, week, month (default) or year");
  series_options->add("--from", "from", "First day YYYY-MM-DD (default: the first match)");
  series_options->add("--to", "to", "Last day YYYY-MM-DD (default: the last match)");
  series->callback([&action, series_options] {
    action = [series_options] {
      const auto r = parse_series_params(series_options->params());
      Searcher searcher(series_options->db);
      const auto result = trend_series(searcher, r);
      if (series_options->json) {
        std::cout << series_to_json(result).dump(2) << "\n";
      } else {
        print_series(result);
      }
      return 0;
    };
  });

  auto surging_options = std::make_shared<TrendsOptions>();
  auto* surging = trends->add_subcommand(
      "surging", "Values whose share of the matches rose most in a window (Dunning's G2)");
  surging_options->add_common(*surging);
  surging_options->add("--window", "window", "FROM..TO, dates YYYY-MM-DD (required)");
  surging_options->add("--baseline", "baseline", "previous (default: as many days before) or all");
  surging_options->add("--min-count", "min_count", "Fewest window matches to surge (default 5)");
  surging->callback([&action, surging_options] {
    action = [surging_options] {
      const auto r = parse_surging_params(surging_options->params());
      Searcher searcher(surging_options->db);
      const auto result = trend_surging(searcher, r);
      if (surging_options->json) {
        std::cout << surging_to_json(result).dump(2) << "\n";
      } else {
        print_surging(result);
      }
      return 0;
    };
  });

  auto bench_options = std::make_shared<bench::TrendsBenchOptions>();
  bench_options->db_path = default_database_path();
  auto* bench = trends->add_subcommand(
      "bench", "Time series and surging on random common words, with W3 as the yardstick");
  bench->add_option("--db", bench_options->db_path, "Database directory");
  bench->add_option("--queries", bench_options->queries_path, "Query file (peers' queries.tsv)")
      ->required();
  bench->add_option("--runs", bench_options->runs, "Random queries per measurement")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  bench->add_option("--seed", bench_options->seed, "Random seed")->capture_default_str();
  bench->callback([&action, bench_options] {
    action = [bench_options] {
      std::cout << bench::run_trends_bench(*bench_options).dump(2) << "\n";
      return 0;
    };
  });
}

}  // namespace newsdex::cli
