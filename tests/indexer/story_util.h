// What the story tests share: every article's story by article id, how many stories, and the
// Reuters-21578 articles from the shared data.
#pragma once

#include <xapian.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "core/article.h"
#include "core/schema.h"
#include "core/text.h"
#include "indexer/readers/reuters_reader.h"
#include "test_util.h"

namespace newsdex::testing {

// id -> story id of every article in `db`.
inline std::map<std::string, std::string> stories_in(const Xapian::Database& db) {
  std::map<std::string, std::string> out;
  const auto id_slot = static_cast<Xapian::valueno>(schema::field("id").value_slot);
  const auto story_slot = static_cast<Xapian::valueno>(schema::field("story").value_slot);
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    const auto doc = db.get_document(*p);
    out[doc.get_value(id_slot)] = doc.get_value(story_slot);
  }
  return out;
}

inline std::size_t distinct_stories(const std::map<std::string, std::string>& stories) {
  std::set<std::string> s;
  for (const auto& [id, story] : stories) s.insert(story);
  return s.size();
}

// The Reuters articles of reut2-000.sgm .. reut2-`last`.sgm, by id.
inline std::map<std::string, Article> reuters_articles(int last = 21) {
  CollectingSink sink;
  const std::string dir = shared_data_dir() + "/reuters21578";
  for (int i = 0; i <= last; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/reut2-%03d.sgm", i);
    read_reuters_sgml(text::read_file(dir + name), dir + name, sink);
  }
  std::map<std::string, Article> out;
  for (auto& a : sink.articles) out[a.id] = std::move(a);
  return out;
}

}  // namespace newsdex::testing
