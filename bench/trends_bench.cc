#include "bench/trends_bench.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include "bench/latency.h"
#include "bench/query_bench.h"
#include "core/dates.h"
#include "core/errors.h"
#include "searcher/search.h"
#include "searcher/trends.h"

namespace newsdex::bench {

namespace {

nlohmann::json summary(const std::vector<double>& ms) {
  return {{"queries", ms.size()},
          {"p50_ms", percentile(ms, 0.5)},
          {"p95_ms", percentile(ms, 0.95)},
          {"max_ms", percentile(ms, 1.0)}};
}

// This thread's CPU time in ms: on a shared machine the wall time of a short query is mostly
// waiting for a core, and its CPU time shows the work itself.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Runs f; adds its wall time to `wall` and its CPU time to `cpu`.
template <class F>
void time_ms(std::vector<double>& wall, std::vector<double>& cpu, const F& f) {
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_ms();
  f();
  cpu.push_back(thread_cpu_ms() - cpu_start);
  wall.push_back(ms_since(start));
}

nlohmann::json summary(const std::vector<double>& wall, const std::vector<double>& cpu) {
  auto s = summary(wall);
  s["cpu_p50_ms"] = percentile(cpu, 0.5);
  s["cpu_p95_ms"] = percentile(cpu, 0.95);
  return s;
}

// The one-word queries of the file's single-common and single-vcommon classes.
std::vector<std::string> common_words(const std::string& path) {
  std::vector<std::string> words;
  for (const auto& q : load_query_file(path)) {
    if (q.cls == "single-common" || q.cls == "single-vcommon") words.push_back(q.text);
  }
  if (words.empty()) {
    throw InputError(path + ": no queries of class single-common or single-vcommon");
  }
  return words;
}

}  // namespace

nlohmann::json run_trends_bench(const TrendsBenchOptions& options) {
  nlohmann::json out;
  // The yardstick first, in the same run: W3 on one thread.
  BenchOptions w3;
  w3.db_path = options.db_path;
  w3.queries_path = options.queries_path;
  w3.mode = BenchMode::kFacets;
  w3.threads = 0;
  const auto w3_best = bench_to_json(run_query_bench(w3))["overall"]["best"];
  out["w3"] = {
      {"p50_ms", w3_best["p50_ms"]}, {"p95_ms", w3_best["p95_ms"]}, {"max_ms", w3_best["max_ms"]}};

  const auto words = common_words(options.queries_path);
  Searcher searcher(options.db_path);
  const auto stats = searcher.stats();
  out["documents"] = stats["total_documents"];
  if (stats["date_min"].is_null()) throw InputError(options.db_path + ": no dated articles");
  const auto first = parse_iso_date(stats["date_min"].get<std::string>()).value();
  const auto last = parse_iso_date(stats["date_max"].get<std::string>()).value();
  const int months = (last.year - first.year) * 12 + last.month - first.month + 1;
  std::mt19937 rng(options.seed);
  auto pick_word = [&] {
    return words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(rng)];
  };

  for (const auto& field : options.fields) {
    auto series_params = [&](const std::string& word) {
      return parse_series_params({{"q", word}, {"field", field}, {"interval", "month"}});
    };
    for (const auto& w : words) series_to_json(trend_series(searcher, series_params(w)));
    std::vector<double> series_ms, surging_ms, words_ms, series_cpu, surging_cpu, words_cpu;
    std::size_t terms_read = 0;
    for (int i = 0; i < options.runs; ++i) {
      const auto request = series_params(pick_word());
      time_ms(series_ms, series_cpu, [&] { series_to_json(trend_series(searcher, request)); });
    }
    for (int i = 0; i < options.runs; ++i) {
      const int k = std::uniform_int_distribution<int>(0, months - 1)(rng);
      const int y = first.year + (first.month - 1 + k) / 12, m = (first.month - 1 + k) % 12 + 1;
      const Date from{y, m, 1}, to{y, m, days_in_month(y, m)};
      const auto request = parse_surging_params({{"q", pick_word()},
                                                 {"field", field},
                                                 {"window", from.iso() + ".." + to.iso()},
                                                 {"baseline", "previous"}});
      time_ms(surging_ms, surging_cpu, [&] { surging_to_json(trend_surging(searcher, request)); });
      // What surging words of the text would cost at the least: reading the term list of every
      // window and baseline match (Xapian keeps no per-document term column).
      if (field != options.fields.front()) continue;
      time_ms(words_ms, words_cpu, [&] {
        const auto matches = searcher.matches(request.match);
        const auto day_of = matches.state->days(searcher.database());
        const auto lo =
            from.days_since_epoch() - (to.days_since_epoch() - from.days_since_epoch() + 1);
        const auto hi = to.days_since_epoch();
        std::size_t terms = 0;
        matches.docs.for_each([&](Xapian::docid d) {
          const auto day = day_of->day(d);
          if (day == DayColumn::kUndated || day < lo || day > hi) return;
          const auto& db = searcher.database();
          for (auto t = db.termlist_begin(d); t != db.termlist_end(d); ++t) ++terms;
        });
        terms_read += terms;
      });
    }
    out[field] = {{"series_by_month", summary(series_ms, series_cpu)},
                  {"surging_month_vs_previous", summary(surging_ms, surging_cpu)}};
    if (field == options.fields.front()) {
      out["words_termlists"] = summary(words_ms, words_cpu);
      out["words_termlists"]["terms_read"] = terms_read;
    }
  }
  return out;
}

}  // namespace newsdex::bench
