#include "searcher/stories.h"

#include <algorithm>
#include <set>
#include <vector>

#include "core/errors.h"
#include "core/schema.h"

namespace newsdex {

namespace {
bool is_story_id(const std::string& id) {
  return id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

struct Member {
  std::string id, date, source, title;
};

std::string string_at(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

// The story that `id` names: a story id, or the id of an article (whose story it is); ""
// when neither an article nor a story has it.
std::string story_named(const Xapian::Database& db, const std::string& id) {
  if (is_story_id(id) && db.term_exists(schema::term(schema::field("story"), id))) return id;
  const auto& article = schema::field("id");
  const std::string id_term = schema::term(article, id);
  const auto p = db.postlist_begin(id_term);
  if (p == db.postlist_end(id_term)) return "";
  const Xapian::Document doc = db.get_document(*p);
  if (doc.get_value(static_cast<Xapian::valueno>(article.value_slot)) != id) return "";
  return doc.get_value(static_cast<Xapian::valueno>(schema::field("story").value_slot));
}

nlohmann::ordered_json story_to_json(const Xapian::Database& db, const std::string& given) {
  if (given.empty() || given.size() > kMaxStoryLookup) {
    throw UsageError("a story id or article id is 1 to " + std::to_string(kMaxStoryLookup) +
                     " bytes");
  }
  const std::string id = story_named(db, given);
  if (id.empty()) {
    throw NotFoundError("no story and no article with id '" + given.substr(0, 64) + "'");
  }
  const std::string term = schema::term(schema::field("story"), id);
  std::vector<Member> members;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    const auto j = nlohmann::json::parse(db.get_document(*p).get_data(), nullptr, false);
    if (!j.is_object()) continue;
    members.push_back(
        {string_at(j, "id"), string_at(j, "date"), string_at(j, "source"), string_at(j, "title")});
  }
  if (members.empty()) throw NotFoundError("no story with id '" + id + "'");  // deleted meanwhile
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    if (a.date.empty() != b.date.empty()) return b.date.empty();
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
  std::set<std::string> sources;
  std::string first, last;
  for (const auto& m : members) {
    if (!m.source.empty()) sources.insert(m.source);
    if (m.date.empty()) continue;
    if (first.empty()) first = m.date;
    last = m.date;
  }
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  nlohmann::ordered_json articles = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < members.size() && i < kMaxStoryArticles; ++i) {
    const auto& m = members[i];
    articles.push_back({{"id", m.id},
                        {"date", or_null(m.date)},
                        {"source", or_null(m.source)},
                        {"title", m.title}});
  }
  return {{"id", id},
          {"size", members.size()},
          {"first_date", or_null(first)},
          {"last_date", or_null(last)},
          {"sources", sources},
          {"articles", articles}};
}

}  // namespace newsdex
