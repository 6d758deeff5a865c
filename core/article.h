// Article: one news story as readers produce it, the indexer stores it and the searcher shows it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace newsdex {

struct Article {
  std::string id;  // stable and unique; the Q term
  std::string title;
  std::string body;
  std::string date;       // publication date "YYYY-MM-DD", or "" when unknown
  std::string published;  // the full timestamp when the source gave one, else ""
  std::string url, source, author;
  std::vector<std::string> companies;   // canonical names
  std::vector<std::string> topics;      // taxonomy names (or the source's own categories)
  std::vector<std::string> orgs;        // organisations the source names (OPEC, World Bank)
  std::vector<std::string> discovered;  // companies found by suffix only (also in companies)
  std::vector<std::string> places;      // countries and places the source files it under
  // Where the date came from: "given" (a metadata field), "page" (a web page's own metadata:
  // article:published_time, JSON-LD, <time>), "header" (the first lines), "byline" (next to a
  // By-line), "body" (first full date in the text), "crawl" (the day a crawler fetched the
  // page, when nothing else gave one), or "".
  std::string date_source;
  // Whether the source gave companies / topics explicitly (then they are not extracted).
  bool companies_given = false;
  bool topics_given = false;
};

// The stored form (Xapian document data) and the API form of an article are the same JSON:
// {"id","title","body","date","published","url","source","author","date_source"} and, for each
// list field of the schema, its stored_key ("companies", "topics", "orgs", "discovered",
// "places"); empty optional strings are null.
nlohmann::json article_to_json(const Article& a);
// Reads the stored form back; missing keys are empty.
Article article_from_json(const nlohmann::json& j);

}  // namespace newsdex
