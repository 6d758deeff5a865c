#include "core/article.h"

#include "core/schema.h"

namespace newsdex {

namespace {
nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}
std::string string_or_empty(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::vector<std::string> list_or_empty(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? it->get<std::vector<std::string>>()
                                         : std::vector<std::string>();
}
}  // namespace

nlohmann::json article_to_json(const Article& a) {
  nlohmann::json j{
      {"id", a.id},
      {"title", a.title},
      {"body", a.body},
      {"date", or_null(a.date)},
      {"published", or_null(a.published)},
      {"url", or_null(a.url)},
      {"source", or_null(a.source)},
      {"author", or_null(a.author)},
      {"date_source", or_null(a.date_source)},
  };
  for (const auto& f : schema::kFields) {
    if (f.values != nullptr) j[std::string(f.stored_key)] = a.*f.values;
  }
  return j;
}

Article article_from_json(const nlohmann::json& j) {
  Article a;
  a.id = string_or_empty(j, "id");
  a.title = string_or_empty(j, "title");
  a.body = string_or_empty(j, "body");
  a.date = string_or_empty(j, "date");
  a.published = string_or_empty(j, "published");
  a.url = string_or_empty(j, "url");
  a.source = string_or_empty(j, "source");
  a.author = string_or_empty(j, "author");
  for (const auto& f : schema::kFields) {
    if (f.values != nullptr) a.*f.values = list_or_empty(j, std::string(f.stored_key).c_str());
  }
  a.date_source = string_or_empty(j, "date_source");
  return a;
}

}  // namespace newsdex
