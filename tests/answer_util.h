// What two databases that should be the same are compared by: every article's stored data,
// and the answers to searches (tests of the default build and of archives).
#pragma once

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/database.h"
#include "searcher/search.h"

namespace newsdex::testing {

// Every article's stored data (its fields and its story), by id.
inline std::map<std::string, std::string> stored_articles(const std::string& db_path) {
  const auto db = open_database_for_reading(db_path);
  std::map<std::string, std::string> out;
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    const auto data = nlohmann::json::parse(db.get_document(*p).get_data());
    out[data.at("id").get<std::string>()] = data.dump();
  }
  return out;
}

// `j`'s hits as "score id" strings ordered by score, then id (equal scores come in docid
// order, which differs between layouts); `keep_id(score)` says whether to show the id.
template <class KeepId>
nlohmann::ordered_json sorted_hits(const nlohmann::ordered_json& j, const KeepId& keep_id) {
  std::vector<std::pair<double, std::string>> hits;
  for (const auto& h : j["hits"]) hits.emplace_back(-h.at("score").get<double>(), h.at("id"));
  std::sort(hits.begin(), hits.end());
  auto out = nlohmann::ordered_json::array();
  for (const auto& [score, id] : hits) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", -score);
    out.push_back(std::string(text) + (keep_id(-score, hits.back().first) ? " " + id : ""));
  }
  return out;
}

// What a search answers, without its timing. Articles of equal score come in docid order,
// which differs between layouts, so every match is asked for and the hits are listed by
// score, then id; collapsed, a story's representative among equal scores may differ too, so
// only the counts are kept. `request` gives the query, filters and options; its limit, hits
// and facets are set here.
inline nlohmann::ordered_json answer(Searcher& s, SearchRequest r) {
  r.limit = 100000;
  r.full_hits = false;
  r.facets = {"company", "topic", "year", "month"};
  auto j = result_to_json(s.search(r));
  j.erase("took_ms");
  const auto hits = sorted_hits(j, [](double, double) { return true; });
  j.erase("hits");
  if (!r.collapse && !hits.empty()) j["hits"] = hits;
  return j;
}

// One page as the user asked for it (its limit kept: the level that answers depends on it):
// the counts, the scores, and the ids of the hits scored above the page's lowest score (ids
// tied at the page's end may differ between layouts).
inline nlohmann::ordered_json page_answer(Searcher& s, SearchRequest r) {
  r.full_hits = false;
  auto j = result_to_json(s.search(r));
  j.erase("took_ms");
  // (lowest: minus the page's lowest score, as sorted_hits keys them)
  const auto hits = sorted_hits(j, [](double score, double lowest) { return -score < lowest; });
  j.erase("hits");
  if (!hits.empty()) j["hits"] = hits;
  return j;
}

inline nlohmann::ordered_json answer(Searcher& s, const std::string& query, bool collapse) {
  SearchRequest r;
  r.query = query;
  r.collapse = collapse;
  return answer(s, r);
}

}  // namespace newsdex::testing
