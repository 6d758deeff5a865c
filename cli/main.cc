// The newsdex command: CLI11 subcommands (one file each, see cli.h). Errors are caught here,
// once per kind, and turned into exit statuses: 2 for bad usage, 1 for failed work.
#include <xapian.h>

#include <iostream>

#include "cli/cli.h"
#include "core/errors.h"

int main(int argc, char** argv) {
  CLI::App app{"Newsdex: full-text search for news, with exact facets"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "newsdex 0.1.0");
  newsdex::cli::Action action;
  for (auto* add : {newsdex::cli::add_index_command, newsdex::cli::add_search_command,
                    newsdex::cli::add_serve_command, newsdex::cli::add_bench_command,
                    newsdex::cli::add_stats_command, newsdex::cli::add_delete_command,
                    newsdex::cli::add_compact_command, newsdex::cli::add_trends_command,
                    newsdex::cli::add_story_command, newsdex::cli::add_eval_command}) {
    add(app, action);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return action();
  } catch (const newsdex::UsageError& e) {
    std::cerr << "newsdex: " << e.what() << "\n";
    return 2;
  } catch (const Xapian::Error& e) {
    std::cerr << "newsdex: " << e.get_description() << "\n";
    return 1;
  } catch (const std::exception& e) {  // newsdex::Error and the standard library's
    std::cerr << "newsdex: " << e.what() << "\n";
    return 1;
  }
}
