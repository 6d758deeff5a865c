#include "indexer/temporaries.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/database.h"
#include "core/errors.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

// "DB.KIND-" for the database at (normalised) `db`.
std::string prefix_of(const std::string& db, std::string_view kind) {
  return db + "." + std::string(kind) + "-";
}

// Whether `name` is PREFIX followed by the six letters and digits mkdtemp puts there.
bool is_temporary_name(std::string_view name, std::string_view prefix) {
  if (name.size() != prefix.size() + 6 || name.substr(0, prefix.size()) != prefix) return false;
  for (const char c : name.substr(prefix.size())) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// Whether the directory `dir` is a temporary nobody holds: its lock file is free, or it is
// empty. Removes it when so.
bool remove_if_stale(const fs::path& dir) {
  std::error_code ec;
  const std::string lock = (dir / std::string(kTemporaryLockFile)).string();
  const int fd = open(lock.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    // An empty directory was made and the run killed before the lock file: nothing to lose.
    return fs::is_empty(dir, ec) && fs::remove(dir, ec);
  }
  bool removed = false;
  if (flock(fd, LOCK_EX | LOCK_NB) == 0) removed = fs::remove_all(dir, ec) > 0 && !ec;
  close(fd);
  return removed;
}

}  // namespace

OwnTemporary::OwnTemporary(const std::string& db_path, std::string_view kind) {
  std::string tmpl = prefix_of(normalized_database_path(db_path), kind) + "XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    throw DatabaseError("cannot create a working directory beside " + db_path + " (" + tmpl +
                        "): " + std::strerror(errno));
  }
  path_ = tmpl;
  const std::string lock = path_ + "/" + std::string(kTemporaryLockFile);
  lock_fd_ = open(lock.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (lock_fd_ < 0 || flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const std::string why = std::strerror(errno);
    remove();
    throw DatabaseError("cannot lock the working directory " + tmpl + ": " + why);
  }
}

OwnTemporary::~OwnTemporary() { remove(); }

void OwnTemporary::remove() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
  path_.clear();
  if (lock_fd_ >= 0) close(lock_fd_);
  lock_fd_ = -1;
}

std::vector<std::string> remove_stale_temporaries(const std::string& db_path) {
  const fs::path db = normalized_database_path(db_path);
  const std::string name = db.filename().string();
  fs::path parent = db.parent_path();
  if (parent.empty()) parent = ".";
  std::vector<std::string> removed;
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (!is_temporary_name(entry, prefix_of(name, kCompactTemporary)) &&
        !is_temporary_name(entry, prefix_of(name, kShardsTemporary))) {
      continue;
    }
    std::error_code type_ec;
    if (!it->is_directory(type_ec) || it->is_symlink(type_ec)) continue;
    if (remove_if_stale(it->path())) {
      removed.push_back(db.has_parent_path() ? (parent / entry).string() : entry);
    }
  }
  return removed;
}

}  // namespace newsdex
