#include "bench/size_report.h"

#include <xapian.h>

#include <filesystem>
#include <map>

#include "core/database.h"
#include "core/schema.h"

namespace newsdex::bench {

namespace {

// The kind of a term: the field whose prefix it carries (the longest that matches), a stem
// ("Z" + a prefix or a word), or a word as written.
std::string kind_of(const std::string& term) {
  if (!term.empty() && term[0] == 'Z') {
    const std::string rest = kind_of(term.substr(1));
    return rest == "word" ? "stem" : rest + " stem";
  }
  std::string best;
  std::size_t best_length = 0;
  for (const auto& f : schema::kFields) {
    if (f.prefix.size() > best_length && term.compare(0, f.prefix.size(), f.prefix) == 0) {
      best = std::string(f.name);
      best_length = f.prefix.size();
    }
  }
  return best_length > 0 ? best : "word";
}

}  // namespace

nlohmann::json size_report(const std::string& db_path) {
  nlohmann::json tables = nlohmann::json::object();
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(db_path, ec)) {
    if (!e.is_regular_file(ec)) continue;
    const std::string name = e.path().filename().string();
    const std::string table = name.substr(0, name.find('.'));
    tables[table] = tables.value(table, std::uintmax_t{0}) + e.file_size(ec);
  }
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> kinds;  // terms, postings
  const Xapian::Database db = open_database_for_reading(db_path);
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    auto& [terms, postings] = kinds[kind_of(*t)];
    ++terms;
    postings += t.get_termfreq();
  }
  nlohmann::json terms = nlohmann::json::object();
  for (const auto& [kind, counts] : kinds) {
    terms[kind] = {{"terms", counts.first}, {"postings", counts.second}};
  }
  return {{"tables", tables}, {"terms", terms}};
}

}  // namespace newsdex::bench
