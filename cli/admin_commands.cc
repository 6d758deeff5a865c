// newsdex stats, delete and compact: small commands over the whole database.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "core/database.h"
#include "core/text.h"
#include "indexer/admin.h"
#include "indexer/tiers.h"
#include "searcher/stats.h"

namespace newsdex::cli {
namespace {

void print_stats(const std::string& db, const nlohmann::json& st) {
  std::printf("%s: %s %s, %s undated, dates %s .. %s\n", text::terminal_safe(db).c_str(),
              st["total_documents"].dump().c_str(),
              st["total_documents"] == 1 ? "article" : "articles",
              st["undated_documents"].dump().c_str(),
              st["date_min"].is_null() ? "-" : st["date_min"].get<std::string>().c_str(),
              st["date_max"].is_null() ? "-" : st["date_max"].get<std::string>().c_str());
  auto show = [](const std::string& name, const nlohmann::json& f) {
    std::printf("%-21s %6s distinct:", name.c_str(), f["distinct"].dump().c_str());
    for (const auto& v : f["top"]) {
      std::printf(" %s (%s);", text::terminal_safe(v["value"].get<std::string>()).c_str(),
                  v["count"].dump().c_str());
    }
    std::printf("\n");
  };
  for (const auto& [name, f] : st["fields"].items()) show(name, f);
  show("discovered companies", st["discovered_companies"]);
  std::printf("%-21s %6s distinct; the largest:\n", "stories",
              st["stories"]["distinct"].dump().c_str());
  for (const auto& v : st["stories"]["top"]) {
    std::string title;  // on one line
    for (const char ch : v.value("title", std::string())) {
      const bool space = ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
      if (!space)
        title += ch;
      else if (!title.empty() && title.back() != ' ')
        title += ' ';
    }
    while (!title.empty() && title.back() == ' ') title.pop_back();
    std::printf("  %5s %-8s  %s  (newsdex story %s)\n", v["count"].dump().c_str(),
                v["count"] == 1 ? "article" : "articles", text::terminal_safe(title).c_str(),
                text::terminal_safe(v["value"].get<std::string>()).c_str());
  }
}

struct StatsCommand {
  CommonOptions common;
  std::size_t top = 10;
};

struct DeleteCommand {
  CommonOptions common;
  std::vector<std::string> ids;
};

int run_delete(const DeleteCommand& c) {
  const auto r = delete_articles(c.common.db, c.ids);
  for (const auto& id : r.not_found) {
    std::cerr << "newsdex: no article with id '" << text::terminal_safe(id) << "'\n";
  }
  if (c.common.json) {
    print_json(r.to_json());
  } else {
    std::printf("deleted %zu articles, %zu not found; the database holds %zu articles\n",
                r.deleted.size(), r.not_found.size(), r.total_documents);
  }
  return 0;
}

struct CompactCommand {
  CommonOptions common;
  std::string by;  // "": compact in place; year or month: rewrite as an archive (tiers.h)
};

int run_tiers(const CompactCommand& c) {
  const auto r = tier_database(c.common.db, parse_tier_period(c.by));
  if (c.common.json) {
    print_json(r.to_json());
    return 0;
  }
  std::printf("tiered %s by %s: %.1f MB -> %.1f MB in %.2f s\n",
              text::terminal_safe(c.common.db).c_str(), c.by.c_str(),
              static_cast<double>(r.bytes_before) / 1e6, static_cast<double>(r.bytes_after) / 1e6,
              r.seconds);
  for (const auto& p : r.parts) std::printf("  %-10s %u articles\n", p.name.c_str(), p.documents);
  return 0;
}

int run_compact(const CompactCommand& c) {
  if (!c.by.empty()) return run_tiers(c);
  const CommonOptions& common = c.common;
  const auto r = compact_database(common.db);
  for (const auto& dir : r.removed_temporaries) {
    std::cerr << "newsdex: " << text::terminal_safe(dir)
              << ": removed (left by an interrupted compact or --shards build)\n";
  }
  if (common.json) {
    print_json(r.to_json());
  } else {
    std::printf("compacted %s: %.1f MB -> %.1f MB in %.2f s\n",
                text::terminal_safe(common.db).c_str(), static_cast<double>(r.bytes_before) / 1e6,
                static_cast<double>(r.bytes_after) / 1e6, r.seconds);
  }
  return 0;
}

}  // namespace

void add_stats_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("stats", "Show document counts, date span and top facet values");
  auto c = std::make_shared<StatsCommand>();
  c->common.add_to(*cmd);
  cmd->add_option("--top", c->top, "Top values to list per field")->capture_default_str();
  cmd->callback([c, &action] {
    action = [c] {
      const auto st = database_stats(open_database_for_reading(c->common.db), c->top);
      if (c->common.json) {
        print_json(st);
      } else {
        print_stats(c->common.db, st);
      }
      return 0;
    };
  });
}

void add_delete_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("delete", "Delete articles by id");
  auto c = std::make_shared<DeleteCommand>();
  c->common.add_to(*cmd);
  cmd->add_option("ids", c->ids, "Article ids")->required();
  cmd->callback([c, &action] {
    action = [c] {
      try {
        return run_delete(*c);
      } catch (...) {
        rethrow_terminal_safe();
      }
    };
  });
}

void add_compact_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("compact", "Rewrite the database compactly and swap it in");
  auto c = std::make_shared<CompactCommand>();
  c->common.add_to(*cmd);
  cmd->add_option("--by", c->by,
                  "year or month: rewrite as an archive of sealed, compacted parts by period of "
                  "publication plus a live part for new articles, searched as one");
  cmd->callback([c, &action] {
    action = [c] {
      try {
        return run_compact(*c);
      } catch (...) {
        rethrow_terminal_safe();
      }
    };
  });
}

}  // namespace newsdex::cli
