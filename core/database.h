// Opening Newsdex databases: the checks and error messages shared by every subcommand.
#pragma once

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/gazetteer.h"

namespace newsdex {

// "uuid@revision": names one revision of one database, for caches of what was read from it.
// Two handles on the same revision give the same key; a commit, or a database rebuilt at the
// same path, gives a new one. `db` must be one database (Xapian has no revision for several).
// A remote shard has no revision either: its key is its uuid, document count, last id and
// total length, which every commit that adds, replaces or deletes an article changes (unless a
// replacement has the same length).
std::string revision_key(const Xapian::Database& db);

// The revision keys of `parts`, joined by ','.
std::string revision_key(const std::vector<Xapian::Database>& parts);

// How many times retry_if_modified calls its function in all.
inline constexpr int kModifiedTries = 5;

// Returns read(), calling it again, at most kModifiedTries times in all, while it throws
// Xapian::DatabaseModifiedError: a writer that commits twice while a reader reads can
// overwrite blocks of the reader's revision, and reading again from the newest revision then
// succeeds. `read` reopens what it reads if it needs to (Xapian::Database::reopen).
// The last DatabaseModifiedError, and any other error, reaches the caller; except that
// Xapian 1.4 reports some damaged blocks (a tag length overwritten) as std::length_error from
// inside libxapian, which becomes a DamagedDatabaseError.
template <class Read>
auto retry_if_modified(const Read& read) -> decltype(read()) {
  for (int tries = 1;; ++tries) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (tries == kModifiedTries) throw;
    } catch (const std::length_error&) {
      throw DamagedDatabaseError(
          "the database is damaged (Xapian read a length no block can hold): restore it from a "
          "copy or index the articles again");
    }
  }
}

// The gazetteer `index` stored in `db` (empty when none is): it resolves company names typed in
// searches and groups a company's names in facets. A stored text that does not parse is a
// damaged database: DamagedDatabaseError.
CompanyGazetteer stored_gazetteer(const Xapian::Database& db);

// $NEWSDEX_DB, else "./newsdex-db".
std::string default_database_path();

// `path` without "." and ".." steps and without trailing slashes ("DB/" -> "DB"), so that
// paths made beside it ("DB.compact-XXXXXX") are siblings of the database, not inside it.
std::string normalized_database_path(const std::string& path);

// Why this process may not write the directory `path` or a file in it (access(2), so a
// read-only mount counts too): "PATH: Permission denied"; "" when it may.
std::string unwritable_reason(const std::string& path);

// A database opened for reading: `all` searches it; `parts` are its databases one by one (the
// one database, or those an archive's stub lists, core/stub.h), sharing all's handles, so that
// all.reopen() moves them too.
struct ReadHandles {
  Xapian::Database all;
  std::vector<Xapian::Database> parts;
  std::vector<std::string> paths;  // each part's directory
  std::string layout;              // archive_layout() when opened
  bool remote = false;             // a part is a remote shard (a cluster): Xapian's built-ins only
};

// How long a remote shard may take to connect and to answer one request, in milliseconds:
// $NEWSDEX_SHARD_TIMEOUT_MS (100 to 600000), else kDefaultShardTimeoutMs. Throws UsageError
// for another value.
inline constexpr unsigned kDefaultShardTimeoutMs = 10000;
unsigned shard_timeout_ms();

// What an archive at `path` lists (its stub's text), or "" for one database: a reader that
// finds it changed (compact --by rewrote the layout) must open the parts again, since
// reopen() only moves the parts it has.
std::string archive_layout(const std::string& path);

// For a cluster whose request failed: "shard HOST:PORT (STUB:LINE) cannot be reached: WHY" for
// each remote shard that does not answer now, joined by "; " ("" when all answer).
std::string unreachable_shards(const std::string& path);

// Opens an existing Newsdex database, or archive, for reading.
// Throws DatabaseError when `path` does not exist, is not a Xapian database, or was not
// written by Newsdex; for an archive, also when its stub cannot be read (core/stub.h), when a
// part is listed twice, or when its parts were built with different ranking constants or
// average lengths (their scores could not be compared; the message names both parts); for
// a cluster, ShardError naming a shard that cannot be reached within shard_timeout_ms().
ReadHandles open_parts_for_reading(const std::string& path);

// open_parts_for_reading(path).all.
Xapian::Database open_database_for_reading(const std::string& path);

// Opens a Newsdex database for writing, creating it (and its directory) when absent.
// Throws DatabaseError when `path` holds something that is not a Newsdex database, when this
// user cannot write it ("is read-only"), or when another writer holds the lock; for an
// archive, saying that it is one (open_parts_for_writing writes archives).
Xapian::WritableDatabase open_database_for_writing(const std::string& path);

// A database, or archive, opened for writing: `all` reads, replaces and deletes across its
// parts (Xapian maps its document ids to theirs); `parts` are its databases one by one,
// sharing all's handles, the last being where new articles go (an archive's live part).
struct WriteHandles {
  Xapian::WritableDatabase all;
  std::vector<Xapian::WritableDatabase> parts;
};

// open_database_for_writing for a database; for an archive, checks its parts as
// open_parts_for_reading does, then takes every part's write lock.
WriteHandles open_parts_for_writing(const std::string& path);

}  // namespace newsdex
