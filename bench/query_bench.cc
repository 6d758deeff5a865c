#include "bench/query_bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "bench/latency.h"
#include "core/errors.h"
#include "core/text.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace newsdex::bench {

namespace {

nlohmann::json summary(const std::vector<double>& v) {
  double mean = 0;
  for (double x : v) mean += x;
  mean = v.empty() ? 0 : mean / static_cast<double>(v.size());
  return {{"count", v.size()},
          {"min_ms", percentile(v, 0)},
          {"p50_ms", percentile(v, 0.50)},
          {"p95_ms", percentile(v, 0.95)},
          {"p99_ms", percentile(v, 0.99)},
          {"max_ms", percentile(v, 1.0)},
          {"mean_ms", mean}};
}

// The request a front end would send for `q` in this mode, through the same parser.
SearchRequest request_for(const BenchQuery& q, const BenchOptions& o) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"q", q.text},
      {"limit", "10"},
      {"stemming", o.stemming ? "on" : "off"},
      {"hits", o.full_hits ? "full" : "ids"},
      {"facet_mode", o.multi_select ? "multiselect" : "drilldown"},
      {"collapse", o.collapse ? "story" : ""},
      {"count", o.count_stories ? "stories" : "articles"}};
  if (o.mode == BenchMode::kTop10) {
    params.insert(params.end(), {{"facets", ""}, {"total", "estimate"}});
  } else {
    params.insert(params.end(), {{"facets", "company,topic"}, {"facet_size", "10"}});
  }
  if (o.mode == BenchMode::kFiltered && !q.filter.empty()) params.emplace_back("filter", q.filter);
  try {
    return parse_search_params(params);
  } catch (const UsageError& e) {
    throw InputError(o.queries_path + ": query '" + q.text + "': " + e.what());
  }
}
}  // namespace

double QueryTiming::best_ms() const {
  return samples_ms.empty() ? 0 : *std::min_element(samples_ms.begin(), samples_ms.end());
}

std::vector<BenchQuery> load_query_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read the query file");
  std::vector<BenchQuery> out;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (text::trim(line).empty() || line[0] == '#') continue;
    const auto cols = text::split(line, '\t');
    BenchQuery q{std::string(cols[0]), cols.size() > 1 ? std::string(cols[1]) : "",
                 cols.size() > 2 ? std::string(cols[2]) : "all"};
    if (!q.filter.empty() && q.filter.find('=') == std::string::npos) {
      throw InputError(path + ":" + std::to_string(line_no) + ": filter '" + q.filter +
                       "' must look like FIELD=VALUE");
    }
    out.push_back(std::move(q));
  }
  return out;
}

BenchMode parse_bench_mode(const std::string& name) {
  if (name == "w2") return BenchMode::kTop10;
  if (name == "w3") return BenchMode::kFacets;
  if (name == "w4") return BenchMode::kFiltered;
  throw UsageError("unknown --mode '" + name + "' (use w2, w3 or w4)");
}

BenchResult run_query_bench(const BenchOptions& options) {
  BenchResult result;
  result.options = options;
  auto queries = load_query_file(options.queries_path);
  if (options.mode == BenchMode::kFiltered) {
    std::erase_if(queries, [](const BenchQuery& q) { return q.filter.empty(); });
  }
  if (queries.empty()) throw UsageError("the query file has no queries for this mode");
  std::vector<SearchRequest> requests;
  for (const auto& q : queries) requests.push_back(request_for(q, options));

  auto cache = std::make_shared<RevisionStateCache>();
  Searcher searcher(options.db_path, cache);
  const auto start = Clock::now();
  for (int p = 0; p < options.warmup_passes || ms_since(start) < options.min_warmup_seconds * 1000;
       ++p) {
    for (const auto& r : requests) searcher.search(r);
  }
  result.queries.resize(queries.size());
  double measured_ms = 0;
  for (int p = 0; p < options.passes; ++p) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const auto t = Clock::now();
      const SearchResult r = searcher.search(requests[i]);
      const double ms = ms_since(t);
      measured_ms += ms;
      auto& qt = result.queries[i];
      qt.samples_ms.push_back(ms);
      if (p + 1 == options.passes) {
        qt.query = queries[i];
        qt.matches = r.total;
        for (const auto& h : r.hits) qt.top_ids.push_back(h.id);
        for (const auto& [name, values] : r.facets) {
          auto& dest = name == "topic" ? qt.topics : qt.companies;
          for (const auto& v : values) dest.emplace_back(v.value, v.count);
        }
      }
    }
  }
  result.single_thread_qps =
      measured_ms > 0 ? 1000.0 * options.passes * requests.size() / measured_ms : 0;

  // Throughput with several threads, each with its own Searcher (one Xapian handle per thread).
  const int threads = options.threads;
  if (threads < 1) {
    result.seconds = ms_since(start) / 1000;
    return result;
  }
  const auto mt_start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      Searcher mine(options.db_path, cache);
      for (int p = 0; p < options.passes; ++p) {
        for (std::size_t i = 0; i < requests.size(); ++i)
          mine.search(requests[(i + static_cast<std::size_t>(t) * 7) % requests.size()]);
      }
    });
  }
  for (auto& th : pool) th.join();
  result.multi_thread_qps =
      1000.0 * threads * options.passes * requests.size() / ms_since(mt_start);
  result.seconds = ms_since(start) / 1000;
  return result;
}

nlohmann::json bench_to_json(const BenchResult& r) {
  static const char* kModes[] = {"w2", "w3", "w4"};
  std::vector<double> best, all;
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> by_class;
  nlohmann::json per_query = nlohmann::json::array();
  for (const auto& q : r.queries) {
    best.push_back(q.best_ms());
    all.insert(all.end(), q.samples_ms.begin(), q.samples_ms.end());
    auto& c = by_class[q.query.cls];
    c.first.push_back(q.best_ms());
    c.second.insert(c.second.end(), q.samples_ms.begin(), q.samples_ms.end());
    per_query.push_back({{"query", q.query.text},
                         {"filter", q.query.filter},
                         {"class", q.query.cls},
                         {"matches", q.matches},
                         {"top_ids", q.top_ids},
                         {"companies", q.companies},
                         {"topics", q.topics},
                         {"best_ms", q.best_ms()},
                         {"samples_ms", q.samples_ms}});
  }
  nlohmann::json classes = nlohmann::json::object();
  for (const auto& [name, c] : by_class) {
    classes[name] = {{"best", summary(c.first)}, {"all", summary(c.second)}};
  }
  return {{"mode", kModes[static_cast<int>(r.options.mode)]},
          {"database", r.options.db_path},
          {"queries", r.queries.size()},
          {"passes", r.options.passes},
          {"threads", r.options.threads},
          {"stemming", r.options.stemming},
          {"facet_mode", r.options.multi_select ? "multiselect" : "drilldown"},
          {"collapse", r.options.collapse ? "story" : "none"},
          {"facet_count", r.options.count_stories ? "stories" : "articles"},
          {"seconds", r.seconds},
          {"overall",
           {{"best", summary(best)},
            {"all", summary(all)},
            {"qps", r.single_thread_qps},
            {"qps_threads", r.multi_thread_qps}}},
          {"classes", classes},
          {"per_query", per_query}};
}

std::string bench_to_html(const BenchResult& r) {
  const nlohmann::json j = bench_to_json(r);
  std::ostringstream h;
  auto fmt = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, v < 1 ? "%.3f" : (v < 100 ? "%.2f" : "%.0f"), v);
    return std::string(b);
  };
  h << "<!doctype html><html lang=en><head><meta charset=utf-8><title>Newsdex bench: "
    << text::html_escape(j["mode"].get<std::string>()) << "</title><style>"
    << "body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 "
       "1rem;color:#1d2430}"
    << "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}.cards{display:flex;gap:1rem;flex-"
       "wrap:wrap}"
    << ".card{border:1px solid #d8dee8;border-radius:10px;padding:.8rem 1.1rem;min-width:150px}"
    << ".card "
       "b{display:block;font-size:1.6rem}table{border-collapse:collapse;width:100%;margin-top:."
       "5rem}"
    << "th,td{padding:.3rem .6rem;border-bottom:1px solid "
       "#e5e9f0;text-align:right}th:first-child,td:first-child{text-align:left}"
    << ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1rem}"
    << "figure{margin:0;border:1px solid "
       "#e5e9f0;border-radius:8px;padding:.5rem}figcaption{font-weight:600}"
    << "svg text{font-size:10px;fill:#556}</style></head><body>";
  const auto& o = j["overall"];
  h << "<h1>Newsdex query benchmark — " << text::html_escape(j["mode"].get<std::string>())
    << "</h1>"
    << "<p>Database <code>" << text::html_escape(r.options.db_path) << "</code>, " << j["queries"]
    << " queries × " << j["passes"]
    << " measured passes after warm-up. Latencies are each query's best "
    << "time over the passes (the machine is shared); “all samples” columns include every "
       "pass.</p>";
  h << "<div class=cards>";
  std::vector<std::pair<std::string, std::string>> cards = {
      {"p50", fmt(o["best"]["p50_ms"]) + " ms"},
      {"p95", fmt(o["best"]["p95_ms"]) + " ms"},
      {"p99", fmt(o["best"]["p99_ms"]) + " ms"},
      {"queries/s, 1 thread", fmt(o["qps"])}};
  if (r.options.threads > 0) {
    cards.emplace_back("queries/s, " + std::to_string(r.options.threads) + " threads",
                       fmt(o["qps_threads"]));
  }
  for (const auto& [label, value] : cards) {
    h << "<div class=card>" << text::html_escape(label) << "<b>" << value << "</b></div>";
  }
  h << "</div><h2>Latency distribution per class</h2><div class=charts>";
  // One chart per class: each query's best latency, sorted, on a log scale (a CDF).
  std::map<std::string, std::vector<double>> by_class;
  for (const auto& q : r.queries) by_class[q.query.cls].push_back(q.best_ms());
  double lo = 1e9, hi = 0;
  for (const auto& q : r.queries) {
    lo = std::min(lo, std::max(q.best_ms(), 0.001));
    hi = std::max(hi, q.best_ms());
  }
  const double llo = std::floor(std::log10(lo)), lhi = std::ceil(std::log10(std::max(hi, lo * 10)));
  for (auto& [cls, v] : by_class) {
    std::sort(v.begin(), v.end());
    const double W = 300, H = 150, L = 30, B = 20;
    h << "<figure><figcaption>" << text::html_escape(cls) << " (" << v.size() << " queries, p50 "
      << fmt(percentile(v, 0.5)) << " ms)</figcaption><svg viewBox='0 0 " << W + L + 24 << " "
      << H + B << "' role=img aria-label='latency distribution of " << text::html_escape(cls)
      << "'>";
    for (double e = llo; e <= lhi; ++e) {
      const double x = L + (e - llo) / (lhi - llo) * W;
      h << "<line x1=" << x << " x2=" << x << " y1=0 y2=" << H << " stroke='#e5e9f0'/><text x=" << x
        << " y=" << H + 14 << " text-anchor=middle>" << fmt(std::pow(10, e))
        << (e == lhi ? " ms" : "") << "</text>";
    }
    h << "<text x=0 y=10>100%</text><text x=0 y=" << H
      << ">0%</text><polyline fill=none stroke='#2f6fde' stroke-width=2 points='";
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double x = L + (std::log10(std::max(v[i], 0.001)) - llo) / (lhi - llo) * W;
      const double y = H - H * static_cast<double>(i + 1) / static_cast<double>(v.size());
      h << x << "," << y << " ";
    }
    h << "'/></svg></figure>";
  }
  h << "</div><h2>Per class "
       "(ms)</h2><table><tr><th>class</th><th>queries</th><th>min</th><th>p50</th>"
    << "<th>p95</th><th>p99</th><th>max</th><th>p50 all samples</th><th>p99 all samples</th></tr>";
  for (const auto& [cls, c] : j["classes"].items()) {
    const auto& b = c["best"];
    h << "<tr><td>" << text::html_escape(cls) << "</td><td>" << b["count"] << "</td><td>"
      << fmt(b["min_ms"]) << "</td><td>" << fmt(b["p50_ms"]) << "</td><td>" << fmt(b["p95_ms"])
      << "</td><td>" << fmt(b["p99_ms"]) << "</td><td>" << fmt(b["max_ms"]) << "</td><td>"
      << fmt(c["all"]["p50_ms"]) << "</td><td>" << fmt(c["all"]["p99_ms"]) << "</td></tr>";
  }
  h << "</table><h2>Slowest "
       "queries</h2><table><tr><th>query</th><th>filter</th><th>class</th><th>matches</th><th>best "
       "ms</th></tr>";
  std::vector<const QueryTiming*> slow;
  for (const auto& q : r.queries) slow.push_back(&q);
  std::sort(slow.begin(), slow.end(), [](auto* a, auto* b) { return a->best_ms() > b->best_ms(); });
  for (std::size_t i = 0; i < std::min<std::size_t>(15, slow.size()); ++i) {
    h << "<tr><td>" << text::html_escape(slow[i]->query.text) << "</td><td>"
      << text::html_escape(slow[i]->query.filter) << "</td><td>"
      << text::html_escape(slow[i]->query.cls) << "</td><td>" << slow[i]->matches << "</td><td>"
      << fmt(slow[i]->best_ms()) << "</td></tr>";
  }
  h << "</table></body></html>\n";
  return h.str();
}

}  // namespace newsdex::bench
