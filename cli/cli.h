// What the newsdex command's subcommands share. Each subcommand lives in its own file and is
// registered by one add_X_command() call in main.cc; the library does the work and throws, the
// subcommand prints, and main turns errors into exit statuses.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "indexer/indexer.h"

namespace newsdex::cli {

// What the chosen subcommand runs once the whole command line is parsed; returns the exit
// status. Set by the subcommand's CLI11 callback.
using Action = std::function<int()>;

// Options every subcommand has.
struct CommonOptions {
  std::string db;
  bool json = false;
  // Registers --db (and --json when with_json) on app.
  void add_to(CLI::App& app, bool with_json = true);
};

void print_json(const nlohmann::json& j);

// Writes a file through `write`, then checks that every byte reached it: the stream's state,
// the close, and fsync (regular files). Throws Error "PATH: cannot write: REASON" (exit 1)
// otherwise. Standard output is checked once, at exit (cli.cc): a failed write there ends the
// command with exit status 1 and a message.
void write_output_file(const std::string& path, const std::function<void(std::ostream&)>& write);

// Inside a catch block: rethrows the current newsdex::Error with its message made
// text::terminal_safe (file names and values from the input may hold escape sequences);
// other exceptions are rethrown as they are.
[[noreturn]] void rethrow_terminal_safe();

// Registers the build options that `index` and `bench index` share on cmd: --batch-size,
// --shards, --no-extract (sets no_extract; the caller turns it into options.extract) and
// --no-stories.
void add_build_options(CLI::App& cmd, IndexOptions& options, bool& no_extract);

// Each adds one subcommand with its options to app; when that subcommand is chosen, its
// callback sets action. The options live as long as app (owned by the callbacks).
void add_index_command(CLI::App& app, Action& action);
void add_search_command(CLI::App& app, Action& action);
void add_serve_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_stats_command(CLI::App& app, Action& action);
void add_delete_command(CLI::App& app, Action& action);
void add_compact_command(CLI::App& app, Action& action);
// trends series|surging|bench (searcher/trends.h, bench/trends_bench.h).
void add_trends_command(CLI::App& app, Action& action);
// story ID: every article of one story (searcher/stories.h).
void add_story_command(CLI::App& app, Action& action);
// eval: ranking quality of search as typed, against TREC-style judgments.
void add_eval_command(CLI::App& app, Action& action);

}  // namespace newsdex::cli
