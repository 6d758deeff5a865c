#include "cli/cli.h"

#include <iostream>

#include "core/database.h"

namespace newsdex::cli {

void CommonOptions::add_to(CLI::App& app, bool with_json) {
  db = default_database_path();
  app.add_option("--db", db, "Database directory (default: $NEWSDEX_DB, else ./newsdex-db)");
  if (with_json) app.add_flag("--json", json, "Print one JSON document on stdout");
}

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

}  // namespace newsdex::cli
