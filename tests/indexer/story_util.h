// What the story tests read back: every article's story, by article id.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "core/schema.h"

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

}  // namespace newsdex::testing
