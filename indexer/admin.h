// Maintenance of a Newsdex database: deleting articles and compacting.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace newsdex {

struct DeleteResult {
  std::vector<std::string> deleted;
  std::vector<std::string> not_found;
  std::size_t total_documents = 0;
  nlohmann::json to_json() const;
};

// Removes the articles with these ids and commits. Unknown ids are listed, not fatal.
// Throws DatabaseError when the database cannot be opened for writing.
DeleteResult delete_articles(const std::string& db_path, const std::vector<std::string>& ids);

struct CompactResult {
  std::uintmax_t bytes_before = 0;
  std::uintmax_t bytes_after = 0;
  double seconds = 0;
  // Temporary directories of compact and --shards runs that were killed, removed on the way
  // (not part of to_json; the command reports them on stderr).
  std::vector<std::string> removed_temporaries;
  nlohmann::json to_json() const;
};

// Writes a compacted copy of the database next to it, then swaps it in with one atomic
// rename (renameat2 RENAME_EXCHANGE) while holding the write lock, so no commit is lost and
// readers always find a whole database. The copy is made in a DB.compact-XXXXXX directory of
// its own (indexer/temporaries.h), and temporaries of killed runs are removed first.
// `db_path` may end in '/'. Throws DatabaseError on failure; the original is then left as it
// was.
CompactResult compact_database(const std::string& db_path);

// Bytes in the files of a directory.
std::uintmax_t directory_size(const std::string& path);

}  // namespace newsdex
