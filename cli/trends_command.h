// newsdex trends: series, surging, and the trends benchmark (searcher/trends.h, bench/).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace newsdex::cli {

// Adds the `trends` subcommand (with series, surging, bench) to app; when one of them is chosen,
// its callback sets action, which returns the exit status. The options live as long as app.
void add_trends_command(CLI::App& app, std::function<int()>& action);

}  // namespace newsdex::cli
