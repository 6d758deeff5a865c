// Where a database's bytes go: each Xapian table's files, and for each kind of term Newsdex
// writes, how many distinct terms and postings it has (issue 24's "find and cut the size").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace newsdex::bench {

// {"tables": {"postlist": bytes (with the value slots), "position", "termlist", "docdata",
// ...}, "terms": {kind: {"terms": n, "postings": n}}}. Kinds: "word" (as written, with
// positions), "stem" (Z-prefixed stems of words typed in lower case), "title", "title stem",
// then each prefixed field of core/schema.h by name ("company", "date", "story", ...).
// Throws DatabaseError when db_path is not a Newsdex database.
nlohmann::json size_report(const std::string& db_path);

}  // namespace newsdex::bench
