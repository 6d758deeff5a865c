#include "core/database.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/errors.h"
#include "core/ranking.h"
#include "core/schema.h"
#include "core/stub.h"

namespace newsdex {

namespace fs = std::filesystem;

unsigned shard_timeout_ms() {
  const char* env = std::getenv("NEWSDEX_SHARD_TIMEOUT_MS");
  if (env == nullptr || *env == '\0') return kDefaultShardTimeoutMs;
  const std::string text(env);
  if (text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(text) < 100 || std::stoul(text) > 600000) {
    throw UsageError("NEWSDEX_SHARD_TIMEOUT_MS must be milliseconds from 100 to 600000, not '" +
                     text.substr(0, 20) + "'");
  }
  return static_cast<unsigned>(std::stoul(text));
}

CompanyGazetteer stored_gazetteer(const Xapian::Database& db) {
  try {
    return CompanyGazetteer::parse(db.get_metadata(std::string(schema::kMetaCompaniesKey)),
                                   "the stored gazetteer");
  } catch (const InputError& e) {
    throw DamagedDatabaseError(std::string("the database is damaged (") + e.what() +
                               "): restore it from a copy or index the articles again");
  }
}

std::string default_database_path() {
  const char* env = std::getenv("NEWSDEX_DB");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string("./newsdex-db");
}

namespace {
bool looks_like_xapian(const fs::path& p) {
  return fs::exists(p / "iamglass") || fs::exists(p / "iamchert");
}

void require_newsdex(const Xapian::Database& db, const std::string& path) {
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaKey));
  // An empty database without metadata is what a first 'newsdex index' killed before its
  // first commit leaves: an empty Newsdex database, which the next run fills.
  if (version.empty() && db.get_doccount() == 0 &&
      db.metadata_keys_begin() == db.metadata_keys_end()) {
    return;
  }
  if (version.empty()) {
    throw DatabaseError(path + " is a Xapian database, but not a Newsdex database");
  }
  if (version != schema::kMetaSchemaVersion) {
    throw DatabaseError(path + " was written by another version of Newsdex (schema " + version +
                        ", this one reads " + std::string(schema::kMetaSchemaVersion) +
                        "); index the articles again into a new database");
  }
}
}  // namespace

std::string normalized_database_path(const std::string& path) {
  std::string p = fs::path(path).lexically_normal().string();
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

std::string unwritable_reason(const std::string& path) {
  if (access(path.c_str(), W_OK) != 0) return path + ": " + std::strerror(errno);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    if (e.is_regular_file(ec) && access(e.path().c_str(), W_OK) != 0) {
      return e.path().string() + ": " + std::strerror(errno);
    }
  }
  return {};
}

std::string revision_key(const Xapian::Database& db) {
  try {
    return db.get_uuid() + "@" + std::to_string(db.get_revision());
  } catch (const Xapian::UnimplementedError&) {  // a remote shard
    return db.get_uuid() + "@" + std::to_string(db.get_doccount()) + "/" +
           std::to_string(db.get_lastdocid()) + "/" + std::to_string(db.get_total_length());
  }
}

std::string revision_key(const std::vector<Xapian::Database>& parts) {
  std::string key;
  for (const auto& part : parts) key += (key.empty() ? "" : ",") + revision_key(part);
  return key;
}

namespace {
// One Newsdex database at `path`, named `name` in messages.
Xapian::Database open_one(const std::string& path, const std::string& name) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw DatabaseError("no database at " + name + " (create one with 'newsdex index')");
  }
  if (!looks_like_xapian(path)) {
    throw DatabaseError(name + " is not a Newsdex database");
  }
  try {
    // A writer committing twice while the database opens can overwrite what the opening
    // reads: open the newer revision instead.
    return retry_if_modified([&] {
      Xapian::Database db(path);
      require_newsdex(db, name);
      return db;
    });
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DatabaseError(name + " is not a Newsdex database (" + e.get_msg() + ")");
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw DatabaseError(name + " is damaged (" + e.get_msg() +
                        "): restore it from a copy or index the articles again");
  } catch (const Xapian::DatabaseError& e) {
    throw DatabaseError(name + ": " + e.get_description());
  }
}

// A shard a xapian-tcpsrv serves, named `name` in messages.
Xapian::Database open_shard(const StubPart& part, const std::string& name) {
  const unsigned ms = shard_timeout_ms();
  try {
    Xapian::Database db = Xapian::Remote::open(part.host, part.port, ms, ms);
    require_newsdex(db, name);
    if (db.get_doccount() > 0 && db.get_metadata(std::string(schema::kMetaFacetSlotsKey)) != "1") {
      throw DatabaseError(name + " was begun by a version of Newsdex that did not keep facet " +
                          "values in slots, which a cluster counts; index its articles again " +
                          "into a new database");
    }
    return db;
  } catch (const Xapian::Error& e) {
    throw ShardError("shard " + name + " cannot be reached: " + e.get_msg());
  }
}

// What makes two parts' scores comparable: the ranking constants and the average length the
// impacts were computed with (whether that average was given or learnt does not matter).
std::string ranking_of(const Xapian::Database& db) {
  const std::string stored = db.get_metadata(std::string(ranking::kMetaParamsKey));
  ranking::Params p = stored.empty() ? ranking::kLegacyParams : ranking::parse_params(stored);
  p.fixed_length = 0;
  const std::string average = db.get_metadata(std::string(ranking::kMetaAverageLengthKey));
  return ranking::format_params(p) + ", average length " + (average.empty() ? "250" : average);
}

std::string read_stub(const std::string& stub) {
  std::ifstream in(stub, std::ios::binary);
  if (!in) throw DatabaseError(stub + ": " + std::strerror(errno));
  std::string text(kMaxStubBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw DatabaseError(stub + ": cannot be read");
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

ReadHandles open_archive(const std::string& stub) {
  const std::string text = read_stub(stub);
  ReadHandles h;
  h.layout = text;
  std::vector<std::string> names, uuids;
  std::string ranking, ranking_part;
  for (const auto& part : parse_stub(text, stub)) {
    const std::string name = part.path + " (" + stub + ":" + std::to_string(part.line) + ")";
    Xapian::Database db = part.remote() ? open_shard(part, name) : open_one(part.path, name);
    h.remote = h.remote || part.remote();
    const std::string uuid = db.get_uuid();
    for (std::size_t i = 0; i < uuids.size(); ++i) {
      if (uuids[i] == uuid) throw DatabaseError(name + " is the same database as " + names[i]);
    }
    if (db.get_doccount() > 0) {
      if (ranking_part.empty()) {
        ranking = ranking_of(db);
        ranking_part = name;
      } else if (ranking_of(db) != ranking) {
        throw DatabaseError(name + " was built with other ranking constants than " + ranking_part +
                            " (" + ranking_of(db) + " against " + ranking +
                            "); their scores cannot be compared: build every part with the " +
                            "same --bm25");
      }
    }
    h.all.add_database(db);
    h.parts.push_back(std::move(db));
    h.paths.push_back(part.path);
    names.push_back(name);
    uuids.push_back(uuid);
  }
  return h;
}
}  // namespace

std::string unreachable_shards(const std::string& path) {
  const std::string stub = stub_file_of(path);
  if (stub.empty()) return {};
  std::string out;
  for (const auto& part : parse_stub(read_stub(stub), stub)) {
    if (!part.remote()) continue;
    try {
      open_shard(part, part.path + " (" + stub + ":" + std::to_string(part.line) + ")");
    } catch (const ShardError& e) {
      out += (out.empty() ? "" : "; ") + std::string(e.what());
    }
  }
  return out;
}

std::string archive_layout(const std::string& path) {
  const std::string stub = stub_file_of(path);
  return stub.empty() ? std::string() : read_stub(stub);
}

ReadHandles open_parts_for_reading(const std::string& path) {
  if (const std::string stub = stub_file_of(path); !stub.empty()) return open_archive(stub);
  ReadHandles h;
  h.parts.push_back(open_one(path, path));
  h.paths.push_back(path);
  h.all = h.parts.front();
  return h;
}

Xapian::Database open_database_for_reading(const std::string& path) {
  return open_parts_for_reading(path).all;
}

namespace {
// The metadata a database Newsdex creates starts with.
void mark_new(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kMetaSchemaKey), std::string(schema::kMetaSchemaVersion));
  db.set_metadata(std::string(schema::kMetaFacetSlotsKey), "1");
}

// Creates an empty Newsdex database at `path` (absent or an empty directory) atomically: built
// in a sibling directory, then renamed into place. Xapian writes a new database's files one by
// one, the version file last, so a run killed while creating one in place left a directory that
// is neither empty nor a database, which nothing would open again. When another writer
// creates it first, the rename fails and its database is used.
void create_in_place(const std::string& path) {
  // (mkdir, not mkdtemp: the database directory gets the umask's permissions, as in place.)
  std::error_code ec;
  std::string pattern;
  for (int attempt = 0;; ++attempt) {
    if (attempt == 100) return;  // (then Xapian creates it in place)
    pattern = normalized_database_path(path) + ".newsdex-create-" + std::to_string(getpid()) + "-" +
              std::to_string(attempt);
    if (fs::create_directory(pattern, ec)) break;
    if (ec) return;  // (no such parent, no permission: Xapian says so in place)
  }
  {
    Xapian::WritableDatabase fresh(pattern, Xapian::DB_CREATE);
    mark_new(fresh);
    fresh.commit();
  }
  fs::rename(pattern, path, ec);  // replaces an empty directory; fails on a non-empty one
  if (ec) fs::remove_all(pattern, ec);
}
}  // namespace

Xapian::WritableDatabase open_database_for_writing(const std::string& path) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (exists && fs::is_directory(path, ec) && !stub_file_of(path).empty()) {
    throw DatabaseError(path + " is an archive (" + stub_file_of(path) +
                        " lists its parts): 'newsdex index' and 'delete' write it, and " +
                        "'newsdex compact --by year|month' rewrites it");
  }
  if (exists && !fs::is_directory(path, ec)) {
    throw DatabaseError(path + " is a file, not a Newsdex database directory");
  }
  const bool empty_dir = exists && fs::is_empty(path, ec);
  if (exists && !empty_dir && !looks_like_xapian(path)) {
    throw DatabaseError(path + " is not a Newsdex database (the directory holds other files)");
  }
  // Xapian reports a database it cannot write as locked: say what it is.
  if (const std::string why = exists ? unwritable_reason(path) : ""; !why.empty()) {
    throw DatabaseError("database " + path + " is read-only: this user cannot write it (" + why +
                        ")");
  }
  try {
    if (!exists || empty_dir) create_in_place(path);
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    if (db.get_metadata(std::string(schema::kMetaSchemaKey)).empty() && db.get_doccount() == 0) {
      mark_new(db);
      db.commit();  // a run killed before its first batch still leaves a Newsdex database
    }
    require_newsdex(db, path);
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError("database " + path +
                        " is locked by another writer (is another 'newsdex index' running?)");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DatabaseError(path + " is not a Newsdex database (" + e.get_msg() + ")");
  } catch (const Xapian::DatabaseError& e) {
    throw DatabaseError(path + ": " + e.get_description());
  }
}

WriteHandles open_parts_for_writing(const std::string& path) {
  WriteHandles h;
  if (stub_file_of(path).empty()) {
    h.parts.push_back(open_database_for_writing(path));
    h.all = h.parts.front();
    return h;
  }
  const std::string stub = stub_file_of(path);
  for (const auto& part : parse_stub(read_stub(stub), stub)) {
    if (part.remote()) {
      throw DatabaseError(stub + ":" + std::to_string(part.line) + ": a remote shard (a " +
                          "cluster): each shard is written where it is served, with " +
                          "'newsdex index --db SHARD' on that machine");
    }
  }
  for (const auto& part : open_parts_for_reading(path).paths) {
    h.parts.push_back(open_database_for_writing(part));
    h.all.add_database(h.parts.back());
  }
  return h;
}

}  // namespace newsdex
