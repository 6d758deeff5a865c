// The newsdex command: CLI11 subcommands, each a few lines that call a library and print.
// Errors are caught in one place (main) and turned into exit statuses: 2 for bad usage,
// 1 for failed work.
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "bench/generator.h"
#include "bench/index_bench.h"
#include "bench/query_bench.h"
#include "cli/eval_command.h"
#include "cli/progress_bar.h"
#include "core/database.h"
#include "core/errors.h"
#include "indexer/admin.h"
#include "indexer/indexer.h"
#include "searcher/search.h"
#include "searcher/server/server.h"
#include "searcher/stats.h"

namespace {

using newsdex::UsageError;
using newsdex::cli::ProgressBar;

// Options every subcommand has.
struct CommonOptions {
  std::string db = newsdex::default_database_path();
  bool json = false;
  void add_to(CLI::App& app, bool with_json = true) {
    app.add_option("--db", db, "Database directory (default: $NEWSDEX_DB, else ./newsdex-db)");
    if (with_json) app.add_flag("--json", json, "Print one JSON document on stdout");
  }
};

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

int run_index(const CommonOptions& common, newsdex::IndexOptions options, const std::string& format,
              const std::vector<std::string>& paths, bool explain, bool no_extract) {
  options.db_path = common.db;
  options.format = newsdex::parse_input_format(format);
  options.extract = !no_extract;
  if (explain) {
    newsdex::explain_paths(paths, options, std::cout);
    return 0;
  }
  ProgressBar bar;
  const bool tty = isatty(STDERR_FILENO) != 0;
  newsdex::IndexObserver observer;
  observer.message = [&](const std::string& m) {
    if (bar.drawn()) std::fputs("\n", stderr);
    std::cerr << "newsdex: " << m << "\n";
  };
  if (tty)
    observer.progress = [&](std::size_t d, std::uintmax_t b, std::uintmax_t t) {
      bar.update(d, b, t);
    };
  newsdex::IndexSummary s;
  try {
    s = newsdex::index_paths(paths, options, observer);
  } catch (...) {
    bar.finish();
    throw;
  }
  bar.finish();
  if (common.json) {
    print_json(s.to_json());
    return 0;
  }
  std::printf(
      "indexed %zu articles (%zu replaced), skipped %zu, %zu warnings, in %.2f s "
      "(%.0f docs/s)\n",
      s.indexed, s.replaced, s.skipped_total(), s.warnings, s.seconds, s.docs_per_second());
  for (const auto& [reason, count] : s.skipped)
    std::printf("  skipped %-20s %zu\n", reason.c_str(), count);
  std::printf("the database %s holds %zu articles\n", common.db.c_str(), s.total_documents);
  return 0;
}

// Strips <mark> tags for the terminal, showing matches in bold when stdout is a terminal.
std::string terminal_snippet(std::string s, bool tty) {
  for (const auto& [tag, rep] :
       {std::pair<std::string, std::string>{"<mark>", tty ? "\033[1m" : "["},
        {"</mark>", tty ? "\033[0m" : "]"},
        {"&amp;", "&"},
        {"&lt;", "<"},
        {"&gt;", ">"},
        {"&quot;", "\""},
        {"&#39;", "'"}}) {
    for (std::size_t p = 0; (p = s.find(tag, p)) != std::string::npos; p += rep.size()) {
      s.replace(p, tag.size(), rep);
    }
  }
  return s;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

int run_search(const CommonOptions& common,
               std::vector<std::pair<std::string, std::string>> params) {
  const auto request = newsdex::parse_search_params(params);
  newsdex::Searcher searcher(common.db);
  const auto r = searcher.search(request);
  if (common.json) {
    std::cout << newsdex::result_to_json(r).dump(2) << "\n";
    return 0;
  }
  const bool tty = isatty(STDOUT_FILENO) != 0;
  std::printf("%u matches (%s words, %.1f ms)%s\n", r.total, r.matching.c_str(), r.took_ms,
              r.did_you_mean ? (" - did you mean: " + *r.did_you_mean + "?").c_str() : "");
  for (const auto& h : r.hits) {
    std::printf("\n%zu. %s\n   %s | %s | %s | score %.2f | id %s\n   %s\n", h.rank, h.title.c_str(),
                h.date.empty() ? "undated" : h.date.c_str(), join(h.companies).c_str(),
                join(h.topics).c_str(), h.score, h.id.c_str(),
                terminal_snippet(h.snippet, tty).c_str());
  }
  for (const auto& [name, values] : r.facets) {
    std::printf("\n%-8s", name.c_str());
    for (const auto& v : values) std::printf(" %s (%u);", v.value.c_str(), v.count);
  }
  std::printf("\n");
  return 0;
}

int run_serve(const CommonOptions& common, newsdex::ServerOptions options) {
  options.db_path = common.db;
  // SIGINT and SIGTERM stop the server cleanly: a thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  newsdex::NewsServer server(options);
  const int port = server.bind();
  const std::string url = "http://" + options.host + ":" + std::to_string(port) + "/";
  std::printf("newsdex: serving %s on %s (Ctrl-C stops)\n", common.db.c_str(), url.c_str());
  std::printf("  open %s in a browser, or try:\n  curl '%sapi/search?q=samsung&filter=topic:AI'\n",
              url.c_str(), url.c_str());
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  server.serve();
  // serve() also returns on its own failure; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}

int run_bench(const CommonOptions& common, newsdex::bench::BenchOptions options,
              const std::string& mode, const std::string& stemming, const std::string& report) {
  options.db_path = common.db;
  options.mode = newsdex::bench::parse_bench_mode(mode);
  if (stemming != "on" && stemming != "off") throw UsageError("--stemming must be on or off");
  options.stemming = stemming == "on";
  const auto r = newsdex::bench::run_query_bench(options);
  const auto j = newsdex::bench::bench_to_json(r);
  if (!report.empty()) {
    std::ofstream out(report);
    if (!out) throw newsdex::InputError(report + ": cannot write the report");
    out << newsdex::bench::bench_to_html(r);
    std::cerr << "newsdex: wrote " << report << "\n";
  }
  if (common.json) {
    print_json(j);
    return 0;
  }
  const auto& o = j["overall"];
  std::printf(
      "%s: %zu queries x %d passes, best-of-passes latency ms: min %.3f p50 %.3f p95 %.3f "
      "p99 %.3f max %.3f; %.0f queries/s (1 thread), %.0f queries/s (%d threads)\n",
      mode.c_str(), r.queries.size(), options.passes, o["best"]["min_ms"].get<double>(),
      o["best"]["p50_ms"].get<double>(), o["best"]["p95_ms"].get<double>(),
      o["best"]["p99_ms"].get<double>(), o["best"]["max_ms"].get<double>(), o["qps"].get<double>(),
      o["qps_threads"].get<double>(), options.threads);
  for (const auto& [cls, c] : j["classes"].items()) {
    std::printf("  %-18s %3zu queries  p50 %8.3f  p95 %8.3f  p99 %8.3f ms\n", cls.c_str(),
                c["best"]["count"].get<std::size_t>(), c["best"]["p50_ms"].get<double>(),
                c["best"]["p95_ms"].get<double>(), c["best"]["p99_ms"].get<double>());
  }
  return 0;
}

int run_stats(const CommonOptions& common, std::size_t top) {
  const auto db = newsdex::open_database_for_reading(common.db);
  const auto st = newsdex::database_stats(db, top);
  if (common.json) {
    print_json(st);
    return 0;
  }
  std::printf("%s: %s articles, %s undated, dates %s .. %s\n", common.db.c_str(),
              st["total_documents"].dump().c_str(), st["undated_documents"].dump().c_str(),
              st["date_min"].is_null() ? "-" : st["date_min"].get<std::string>().c_str(),
              st["date_max"].is_null() ? "-" : st["date_max"].get<std::string>().c_str());
  auto show = [](const std::string& name, const nlohmann::json& f) {
    std::printf("%-21s %6s distinct:", name.c_str(), f["distinct"].dump().c_str());
    for (const auto& v : f["top"]) {
      std::printf(" %s (%s);", v["value"].get<std::string>().c_str(), v["count"].dump().c_str());
    }
    std::printf("\n");
  };
  for (const auto& [name, f] : st["fields"].items()) show(name, f);
  show("discovered companies", st["discovered_companies"]);
  return 0;
}

int run_delete(const CommonOptions& common, const std::vector<std::string>& ids) {
  const auto r = newsdex::delete_articles(common.db, ids);
  for (const auto& id : r.not_found) std::cerr << "newsdex: no article with id '" << id << "'\n";
  if (common.json) {
    print_json(r.to_json());
  } else {
    std::printf("deleted %zu articles, %zu not found; the database holds %zu articles\n",
                r.deleted.size(), r.not_found.size(), r.total_documents);
  }
  return 0;
}

int run_compact(const CommonOptions& common) {
  const auto r = newsdex::compact_database(common.db);
  if (common.json) {
    print_json(r.to_json());
  } else {
    std::printf("compacted %s: %.1f MB -> %.1f MB in %.2f s\n", common.db.c_str(),
                static_cast<double>(r.bytes_before) / 1e6, static_cast<double>(r.bytes_after) / 1e6,
                r.seconds);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Newsdex: full-text search for news, with exact facets"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "newsdex 0.1.0");
  std::function<int()> action;

  CommonOptions common;
  // index
  auto* index = app.add_subcommand("index", "Index articles from files, directories or stdin (-)");
  newsdex::IndexOptions index_options;
  std::string format = "auto";
  std::vector<std::string> paths;
  bool explain = false, no_extract = false;
  common.add_to(*index);
  index->add_option("--format", format, "auto (by extension), jsonl, text or reuters")
      ->capture_default_str();
  index->add_option("--companies", index_options.companies_path,
                    "Company gazetteer TSV (default: the bundled data/companies.tsv)");
  index->add_option("--topics", index_options.topics_path,
                    "Topic taxonomy TSV (default: the bundled data/topics.tsv)");
  index->add_flag("--strict", index_options.strict,
                  "Fail (exit 1) on the first unreadable record, committing nothing of its batch");
  index->add_option("--batch-size", index_options.batch_size, "Articles per commit")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  index
      ->add_option("--shards", index_options.shards,
                   "Build a new database with N writer threads, merged at the end")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  index->add_option("--id-field", index_options.id_field, "JSON Lines key that holds the id")
      ->capture_default_str();
  index->add_flag("--no-extract", no_extract,
                  "Index only the metadata the articles give; extract nothing from text");
  index->add_flag("--explain", explain,
                  "Print what extraction finds in each article and why; index nothing");
  index->add_option("paths", paths, "Files and directories (recursive); - for JSON Lines on stdin")
      ->required();
  index->callback([&] {
    action = [&] { return run_index(common, index_options, format, paths, explain, no_extract); };
  });

  // search
  auto* search = app.add_subcommand("search", "Search with ranked hits, exact facets and filters");
  common.add_to(*search);
  std::vector<std::string> words, filters;
  std::string sort = "relevance", from, to, facets;
  std::size_t limit = 10, offset = 0, facet_size = 10;
  search->add_option("query", words,
                     "Query words (Xapian syntax: \"phrases\", AND, OR, NOT, "
                     "+word, -word, word*, title:, company:, topic:, year:, month:, "
                     "date:A..B); empty browses everything");
  search->add_option("--limit", limit, "Hits per page")->capture_default_str();
  search->add_option("--offset", offset, "Hits to skip")->capture_default_str();
  search->add_option("--sort", sort, "relevance, date (newest first) or -date")
      ->capture_default_str();
  // One value per --filter, so `--filter topic=AI chips` searches for "chips".
  search->add_option("--filter", filters, "FIELD=VALUE (repeatable; one field ORed, fields ANDed)")
      ->allow_extra_args(false);
  search->add_option("--from", from, "Earliest date YYYY-MM-DD (inclusive)");
  search->add_option("--to", to, "Latest date YYYY-MM-DD (inclusive)");
  search->add_option("--facets", facets, "Comma list of facets (default company,topic,year)");
  search->add_option("--facet-size", facet_size, "Values per facet")->capture_default_str();
  std::string facet_mode = "multiselect", match = "auto", recency, now;
  search->add_option("--match", match, "auto (all words, else most, else any), all, most or any")
      ->capture_default_str();
  search->add_option("--recency", recency, "Prefer recent articles: a half-life like 30d, 2w, 1y");
  search->add_option("--now", now, "The date --recency counts ages from (default: newest article)");
  search
      ->add_option("--facet-mode", facet_mode,
                   "multiselect: a facet ignores its own field's filters; drilldown: counts "
                   "only the filtered matches")
      ->capture_default_str();
  search->callback([&] {
    action = [&] {
      std::string q;
      for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
      std::vector<std::pair<std::string, std::string>> p = {
          {"q", q},
          {"limit", std::to_string(limit)},
          {"offset", std::to_string(offset)},
          {"sort", sort},
          {"facet_size", std::to_string(facet_size)},
          {"facet_mode", facet_mode},
          {"match", match}};
      if (!recency.empty()) p.emplace_back("recency", recency);
      if (!now.empty()) p.emplace_back("now", now);
      for (const auto& f : filters) p.emplace_back("filter", f);
      if (!from.empty()) p.emplace_back("from", from);
      if (!to.empty()) p.emplace_back("to", to);
      if (search->count("--facets") > 0) p.emplace_back("facets", facets);
      return run_search(common, p);
    };
  });

  // serve
  auto* serve = app.add_subcommand("serve", "Serve the JSON API and the web page over HTTP");
  newsdex::ServerOptions server_options;
  bool quiet = false;
  common.add_to(*serve, false);
  serve->add_option("--host", server_options.host, "Address to bind (only this machine by default)")
      ->capture_default_str();
  serve->add_option("--port", server_options.port, "Port (0 picks a free one)")
      ->capture_default_str();
  serve->add_option("--threads", server_options.threads, "Worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  serve->add_flag("--quiet", quiet, "No access log on stderr");
  serve->callback([&] {
    action = [&] {
      server_options.access_log = !quiet;
      return run_serve(common, server_options);
    };
  });

  // bench, bench generate, bench index
  auto* bench = app.add_subcommand("bench", "Measure query speed (and: generate, index)");
  bench->require_subcommand(0, 1);
  newsdex::bench::BenchOptions bench_options;
  std::string bench_mode = "w3", stemming = "on", report;
  common.add_to(*bench);
  bench->add_option("--queries", bench_options.queries_path,
                    "Query file: query TAB filter TAB class per line (# comments)");
  bench->add_option("--mode", bench_mode, "w2 top-10, w3 top-10 + facets, w4 filtered + facets")
      ->capture_default_str();
  bench->add_option("--warmup", bench_options.warmup_passes, "Unmeasured passes")
      ->capture_default_str();
  bench
      ->add_option("--min-warmup-seconds", bench_options.min_warmup_seconds,
                   "Warm up at least this long")
      ->capture_default_str();
  bench->add_option("--passes", bench_options.passes, "Measured passes")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  bench->add_option("--threads", bench_options.threads, "Threads for the multi-threaded queries/s")
      ->capture_default_str();
  bench->add_option("--stemming", stemming, "on, or off to match words only as written")
      ->capture_default_str();
  std::string bench_facet_mode = "multiselect";
  bench
      ->add_option("--facet-mode", bench_facet_mode,
                   "multiselect (SPEC) or drilldown (counts over the filtered matches only)")
      ->capture_default_str()
      ->check(CLI::IsMember({"multiselect", "drilldown"}));
  bench->add_option("--report", report, "Also write a self-contained HTML report here");
  std::string bench_hits = "full";
  bench->add_option("--hits", bench_hits, "full (titles, snippets...) or ids (ids and scores only)")
      ->capture_default_str()
      ->check(CLI::IsMember({"full", "ids"}));
  auto* generate = bench->add_subcommand("generate", "Write a synthetic news corpus as JSON Lines");
  newsdex::bench::GeneratorOptions gen;
  std::string gen_out;
  generate->add_option("--docs", gen.docs, "Articles to write")->required();
  generate->add_option("--seed", gen.seed, "Random seed (same seed, same corpus)")
      ->capture_default_str();
  generate->add_option("--out", gen_out, "Output file (- for stdout)")->required();
  generate->callback([&] {
    action = [&] {
      if (gen_out == "-") {
        newsdex::bench::generate_corpus(gen, std::cout);
        return 0;
      }
      std::ofstream out(gen_out);
      if (!out) throw newsdex::InputError(gen_out + ": cannot write");
      newsdex::bench::generate_corpus(gen, out);
      return 0;
    };
  });
  auto* index_bench =
      bench->add_subcommand("index", "Measure indexing: docs/s, index size, peak memory");
  newsdex::bench::IndexBenchOptions ib;
  bool ib_no_extract = false, ib_no_compact = false;
  index_bench->add_option("--db", ib.db_path, "New database directory to build")->required();
  index_bench->add_flag("--no-extract", ib_no_extract, "Index only given metadata");
  index_bench->add_flag("--no-compact", ib_no_compact, "Skip the compaction step");
  index_bench->add_option("--batch-size", ib.batch_size, "Articles per commit")
      ->capture_default_str();
  index_bench->add_option("--shards", ib.shards, "Writer threads (shards merged at the end)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  index_bench->add_option("inputs", ib.inputs, "Corpus files or directories")->required();
  index_bench->callback([&] {
    action = [&] {
      ib.extract = !ib_no_extract;
      ib.compact = !ib_no_compact;
      print_json(newsdex::bench::run_index_bench(ib));
      return 0;
    };
  });
  bench->callback([&] {
    if (bench->got_subcommand(generate) || bench->got_subcommand(index_bench)) return;
    if (bench_options.queries_path.empty()) throw CLI::RequiredError("--queries");
    action = [&] {
      bench_options.full_hits = bench_hits == "full";
      bench_options.multi_select = bench_facet_mode == "multiselect";
      return run_bench(common, bench_options, bench_mode, stemming, report);
    };
  });

  // stats
  auto* stats = app.add_subcommand("stats", "Show document counts, date span and top facet values");
  std::size_t top = 10;
  common.add_to(*stats);
  stats->add_option("--top", top, "Top values to list per field")->capture_default_str();
  stats->callback([&] { action = [&] { return run_stats(common, top); }; });

  // delete
  auto* del = app.add_subcommand("delete", "Delete articles by id");
  std::vector<std::string> ids;
  common.add_to(*del);
  del->add_option("ids", ids, "Article ids")->required();
  del->callback([&] { action = [&] { return run_delete(common, ids); }; });

  newsdex::cli::add_eval_command(app, action);

  // compact
  auto* compact = app.add_subcommand("compact", "Rewrite the database compactly and swap it in");
  common.add_to(*compact);
  compact->callback([&] { action = [&] { return run_compact(common); }; });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return action();
  } catch (const UsageError& e) {
    std::cerr << "newsdex: " << e.what() << "\n";
    return 2;
  } catch (const newsdex::InputError& e) {
    std::cerr << "newsdex: " << e.what() << "\n";
    return 1;
  } catch (const newsdex::DatabaseError& e) {
    std::cerr << "newsdex: " << e.what() << "\n";
    return 1;
  } catch (const Xapian::Error& e) {
    std::cerr << "newsdex: " << e.get_description() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "newsdex: " << e.what() << "\n";
    return 1;
  }
}
