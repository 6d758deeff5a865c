// Directories a command works in beside a database (compact's copy, a --shards build's shards
// and merge), and the removal of those that a killed run left behind.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// The kinds of temporary directory: "DB.compact-XXXXXX" and "DB.newsdex-shards-XXXXXX".
inline constexpr std::string_view kCompactTemporary = "compact";
inline constexpr std::string_view kShardsTemporary = "newsdex-shards";

// The file inside each temporary directory that its creator holds an flock on while it lives.
inline constexpr std::string_view kTemporaryLockFile = ".newsdex-lock";

// A fresh directory "DB.KIND-XXXXXX" (mkdtemp) beside the database at `db_path`, with an flock
// held on its kTemporaryLockFile for as long as the object lives. remove() and the destructor
// remove that directory and nothing else. Create one only while holding the database's write
// lock, so that remove_stale_temporaries() never sees it half made.
// Throws DatabaseError when the directory cannot be made.
class OwnTemporary {
 public:
  OwnTemporary(const std::string& db_path, std::string_view kind);
  ~OwnTemporary();
  OwnTemporary(const OwnTemporary&) = delete;
  OwnTemporary& operator=(const OwnTemporary&) = delete;
  const std::string& path() const { return path_; }
  // Removes the directory with everything in it, then releases the flock.
  void remove();

 private:
  std::string path_;
  int lock_fd_ = -1;
};

// Removes the temporary directories of the database at `db_path` that no live process holds:
// those beside it named DB.compact-XXXXXX or DB.newsdex-shards-XXXXXX that hold a
// kTemporaryLockFile nobody has an flock on, or that are empty (killed before the lock file
// was made). Anything else, such as a user's DB.compact-tmp, is left alone. Call it only while
// holding the database's write lock. Returns the directories it removed.
std::vector<std::string> remove_stale_temporaries(const std::string& db_path);

}  // namespace newsdex
