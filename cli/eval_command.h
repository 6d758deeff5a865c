// `newsdex eval`: ranking quality of the search as typed, against TREC-style judgments.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace newsdex::cli {

// Adds the `eval` subcommand to `app`; when it is chosen, `action` runs it and returns the exit
// status.
void add_eval_command(CLI::App& app, std::function<int()>& action);

}  // namespace newsdex::cli
