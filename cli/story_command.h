// `newsdex story ID`: every article of a story (its near duplicates), with date and source.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace newsdex::cli {

// Registers the `story` subcommand on `app`; when it is chosen, sets `action` to run it.
void add_story_command(CLI::App& app, std::function<int()>& action);

}  // namespace newsdex::cli
