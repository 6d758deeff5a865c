// newsdex index: files, directories or stdin into the database, with a progress bar on a
// terminal; --explain prints what extraction finds instead of indexing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "core/text.h"
#include "indexer/indexer.h"

namespace newsdex::cli {
namespace {

// A one-line progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
 public:
  void update(std::size_t docs, std::uintmax_t done, std::uintmax_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? docs / secs : 0;
    const double frac = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
    const int width = 30;
    const int filled = static_cast<int>(frac * width);
    const double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::fprintf(stderr, "\r[%s%s] %3.0f%%  %zu docs  %.0f docs/s  ETA %d:%02d ",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), frac * 100,
                 docs, rate, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    drawn_ = true;
  }
  void finish() {
    if (drawn_) std::fputs("\n", stderr);
    drawn_ = false;
  }
  bool drawn() const { return drawn_; }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

struct IndexCommand {
  CommonOptions common;
  IndexOptions options;
  std::string format = "auto";
  std::vector<std::string> paths;
  bool explain = false, no_extract = false;
};

void print_summary(const IndexSummary& s, const std::string& db) {
  std::printf(
      "indexed %zu articles (%zu replaced), skipped %zu, %zu warnings, in %.2f s "
      "(%.0f docs/s)\n",
      s.indexed, s.replaced, s.skipped_total(), s.warnings, s.seconds, s.docs_per_second());
  for (const auto& [reason, count] : s.skipped)
    std::printf("  skipped %-20s %zu\n", reason.c_str(), count);
  std::printf("the database %s holds %zu articles\n", text::terminal_safe(db).c_str(),
              s.total_documents);
}

int run_index(IndexCommand& c) {
  c.options.db_path = c.common.db;
  c.options.format = parse_input_format(c.format);
  c.options.extract = !c.no_extract;
  if (c.explain) {
    explain_paths(c.paths, c.options, std::cout, std::cin, c.common.json);
    return 0;
  }
  ProgressBar bar;
  IndexObserver observer;
  observer.message = [&](const std::string& m) {
    if (bar.drawn()) std::fputs("\n", stderr);
    std::cerr << "newsdex: " << text::terminal_safe(m) << "\n";
  };
  if (isatty(STDERR_FILENO) != 0)
    observer.progress = [&](std::size_t d, std::uintmax_t b, std::uintmax_t t) {
      bar.update(d, b, t);
    };
  IndexSummary s;
  try {
    s = index_paths(c.paths, c.options, observer);
  } catch (...) {
    bar.finish();
    throw;
  }
  bar.finish();
  if (c.common.json) {
    print_json(s.to_json());
  } else {
    print_summary(s, c.common.db);
  }
  if (s.unreadable() > 0) {
    std::cerr << "newsdex: " << s.unreadable()
              << " input files or directories could not be read (listed above); the rest was "
                 "indexed\n";
    return 1;
  }
  return 0;
}

}  // namespace

void add_build_options(CLI::App& cmd, IndexOptions& options, bool& no_extract) {
  cmd.add_option("--batch-size", options.batch_size, "Articles per commit")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  cmd.add_option("--shards", options.shards,
                 "Writer threads: 0 = one per core for a new database (merged and compacted at "
                 "the end), one writer adding to an existing one; 1 = one writer in place; N = "
                 "build a new database with N")
      ->capture_default_str()
      ->check(CLI::Range(0, 64));
  cmd.add_flag("--no-extract", no_extract,
               "Index only the metadata the articles give; extract nothing from text");
  cmd.add_option_function<std::string>(
      "--bm25", [&options](const std::string& spec) { options.bm25 = ranking::parse_params(spec); },
      "BM25 constants of a new database: k1=X,b=Y,title=N,avglen=L|learn,headline=H (default: " +
          ranking::format_params({}) + ")");
  cmd.add_flag("--no-stories{false}", options.stories,
               "Do not detect near duplicates (no story ids; for measuring their cost)");
}

void add_index_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("index", "Index articles from files, directories or stdin (-)");
  auto c = std::make_shared<IndexCommand>();
  c->common.add_to(*cmd);
  cmd->add_option("--format", c->format,
                  "auto (by extension), jsonl, text, reuters, html, warc or feed")
      ->capture_default_str();
  cmd->add_option("--companies", c->options.companies_path,
                  "Company gazetteer TSV (default: the bundled data/companies.tsv)");
  cmd->add_option("--topics", c->options.topics_path,
                  "Topic taxonomy TSV (default: the bundled data/topics.tsv)");
  cmd->add_flag("--strict", c->options.strict,
                "Fail (exit 1) on the first unreadable record, committing nothing of its batch");
  add_build_options(*cmd, c->options, c->no_extract);
  cmd->add_option("--id-field", c->options.id_field, "JSON Lines key that holds the id")
      ->capture_default_str();
  cmd->add_flag("--explain", c->explain,
                "Print what extraction finds in each article and why; index nothing");
  cmd->add_option("paths", c->paths, "Files and directories (recursive); - for JSON Lines on stdin")
      ->required();
  cmd->callback([c, &action] {
    action = [c] {
      try {
        return run_index(*c);
      } catch (...) {
        rethrow_terminal_safe();  // paths and values in messages may hold escape sequences
      }
    };
  });
}

}  // namespace newsdex::cli
