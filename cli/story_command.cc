// newsdex story ID: every article of one story, with its date, source and title.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "core/database.h"
#include "core/text.h"
#include "searcher/stories.h"

namespace newsdex::cli {

namespace {
struct StoryOptions {
  std::string db = default_database_path();
  std::string id;
  bool json = false;
};

int run_story(const StoryOptions& o) {
  const auto j = story_to_json(open_database_for_reading(o.db), o.id);
  if (o.json) {
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  // Stored text is shown through terminal_safe: an article cannot send escape codes.
  auto shown = [](const nlohmann::ordered_json& v, const char* none) {
    return v.is_string() ? text::terminal_safe(v.get<std::string>()) : std::string(none);
  };
  const auto size = j["size"].get<std::size_t>();
  std::printf("story %s: %zu article%s, %s .. %s\n", text::terminal_safe(o.id).c_str(), size,
              size == 1 ? "" : "s", shown(j["first_date"], "undated").c_str(),
              shown(j["last_date"], "undated").c_str());
  for (const auto& a : j["articles"]) {
    std::printf("  %-10s  %-24s  %-16s  %s\n", shown(a["date"], "undated").c_str(),
                shown(a["id"], "").c_str(), shown(a["source"], "-").c_str(),
                shown(a["title"], "").c_str());
  }
  if (j["articles"].size() < j["size"].get<std::size_t>()) {
    std::printf("  (the first %zu listed)\n", j["articles"].size());
  }
  return 0;
}
}  // namespace

void add_story_command(CLI::App& app, std::function<int()>& action) {
  auto options = std::make_shared<StoryOptions>();
  auto* story = app.add_subcommand("story", "List every article of a story (its near duplicates)");
  story->add_option("--db", options->db,
                    "Database directory (default: $NEWSDEX_DB, else ./newsdex-db)");
  story->add_flag("--json", options->json, "Print one JSON document on stdout");
  story
      ->add_option("id", options->id,
                   "Story id (16 hex digits, as stored with each article), or an article's id")
      ->required();
  story->callback([options, &action] { action = [options] { return run_story(*options); }; });
}

}  // namespace newsdex::cli
