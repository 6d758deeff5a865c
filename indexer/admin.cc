#include "indexer/admin.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "core/database.h"
#include "core/errors.h"
#include "indexer/index_writer.h"
#include "indexer/temporaries.h"

namespace newsdex {

namespace fs = std::filesystem;

nlohmann::json DeleteResult::to_json() const {
  return {{"deleted", deleted}, {"not_found", not_found}, {"total_documents", total_documents}};
}

DeleteResult delete_articles(const std::string& db_path, const std::vector<std::string>& ids) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    throw DatabaseError("no database at " + db_path + " (create one with 'newsdex index')");
  }
  IndexWriter writer(db_path);
  DeleteResult r;
  for (const auto& id : ids) (writer.remove(id) ? r.deleted : r.not_found).push_back(id);
  writer.commit();
  r.total_documents = writer.document_count();
  return r;
}

nlohmann::json CompactResult::to_json() const {
  return {{"bytes_before", bytes_before}, {"bytes_after", bytes_after}, {"seconds", seconds}};
}

std::uintmax_t directory_size(const std::string& path) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  }
  return total;
}

CompactResult compact_database(const std::string& given_path) {
  const auto start = std::chrono::steady_clock::now();
  // "DB/" (tab completion) is DB: the copy must go beside the database, not into it.
  const std::string db_path = normalized_database_path(given_path);
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    throw DatabaseError("no database at " + db_path + " (create one with 'newsdex index')");
  }
  open_database_for_reading(db_path);  // says so when it is not a Newsdex database
  CompactResult r;
  r.bytes_before = directory_size(db_path);
  // Holding the write lock keeps indexers out until the compacted copy is in place.
  Xapian::WritableDatabase lock = open_database_for_writing(db_path);
  r.removed_temporaries = remove_stale_temporaries(db_path);
  // A fresh directory of our own beside the database (same filesystem, for the swap):
  // nothing that was there before, such as a user's DB.compact-tmp, is ever removed.
  OwnTemporary own_dir(db_path, kCompactTemporary);
  const std::string tmp = own_dir.path() + "/db";
  try {
    lock.compact(tmp, Xapian::DBCOMPACT_NO_RENUMBER);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("compacting " + db_path + " failed: " + e.get_description());
  }
  if (syscall(SYS_renameat2, AT_FDCWD, tmp.c_str(), AT_FDCWD, db_path.c_str(), RENAME_EXCHANGE) !=
      0) {
    throw DatabaseError("swapping in the compacted copy of " + db_path +
                        " failed: " + std::strerror(errno));
  }
  // Its db is now the old copy. Removed before the lock is released, so that a writer that
  // takes the lock next never finds it.
  own_dir.remove();
  lock.close();
  r.bytes_after = directory_size(db_path);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace newsdex
