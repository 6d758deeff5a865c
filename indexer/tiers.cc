#include "indexer/tiers.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include "core/database.h"
#include "core/errors.h"
#include "core/schema.h"
#include "indexer/admin.h"
#include "indexer/temporaries.h"

namespace newsdex {

namespace fs = std::filesystem;

TierPeriod parse_tier_period(const std::string& text) {
  if (text == "year") return TierPeriod::kYear;
  if (text == "month") return TierPeriod::kMonth;
  throw UsageError("--by: expected year or month, got '" + text + "'");
}

std::string tier_of(const std::string& iso_date, TierPeriod period) {
  if (iso_date.size() < 7) return "undated";
  return iso_date.substr(0, period == TierPeriod::kYear ? 4 : 7);
}

nlohmann::json TierResult::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : parts) list.push_back({{"name", p.name}, {"documents", p.documents}});
  return {{"parts", list},
          {"bytes_before", bytes_before},
          {"bytes_after", bytes_after},
          {"seconds", seconds}};
}

namespace {

// Parts open for writing at once while articles are copied, and how many articles a part
// takes between commits: bounds the memory Xapian buffers (about 16 x 2,000 articles).
constexpr std::size_t kMaxOpenParts = 16;
constexpr Xapian::doccount kCommitEvery = 2000;

// Writes the parts of an archive under `dir`, each first as NAME.building.
class PartWriter {
 public:
  PartWriter(std::string dir, std::vector<std::pair<std::string, std::string>> metadata)
      : dir_(std::move(dir)), metadata_(std::move(metadata)) {}

  void add(const std::string& name, const Xapian::Document& doc) {
    Open& part = open(name);
    part.db.add_document(doc);
    part.used = ++clock_;
    if (++counts_[name] % kCommitEvery == 0) part.db.commit();
  }

  // Makes dir/NAME the sealed part at `from` as it is: its files hard-linked, not copied
  // (no writer may change them meanwhile: the caller holds its write lock).
  void link(const std::string& name, const std::string& from, Xapian::doccount documents) {
    fs::create_directory(dir_ + "/" + name);
    for (const auto& e : fs::directory_iterator(from)) {
      if (e.is_regular_file() && e.path().filename() != "flintlock") {
        fs::create_hard_link(e.path(), dir_ + "/" + name + "/" + e.path().filename().string());
      }
    }
    linked_[name] = documents;
  }

  // Commits and closes every part, then writes each compacted as dir/NAME, plus an empty live
  // part. Returns the parts with their article counts, in the stub's order.
  std::vector<TierResult::Part> finish() {
    for (auto& [name, part] : open_) part.db.close();
    open_.clear();
    for (const auto& [name, count] : counts_) {
      const std::string building = dir_ + "/" + name + ".building";
      Xapian::Database(building).compact(dir_ + "/" + name);
      fs::remove_all(building);
    }
    std::map<std::string, Xapian::doccount> all = linked_;
    all.insert(counts_.begin(), counts_.end());
    std::vector<TierResult::Part> parts;
    for (const auto& [name, count] : all) parts.push_back({name, count});
    create(dir_ + "/" + kLivePart).close();
    parts.push_back({kLivePart, 0});
    return parts;
  }

 private:
  struct Open {
    Xapian::WritableDatabase db;
    std::uint64_t used = 0;
  };
  Xapian::WritableDatabase create(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    for (const auto& [key, value] : metadata_) db.set_metadata(key, value);
    db.commit();
    return db;
  }
  Open& open(const std::string& name) {
    if (const auto it = open_.find(name); it != open_.end()) return it->second;
    if (open_.size() == kMaxOpenParts) {  // the part used least recently makes room
      auto oldest = open_.begin();
      for (auto it = open_.begin(); it != open_.end(); ++it) {
        if (it->second.used < oldest->second.used) oldest = it;
      }
      oldest->second.db.close();
      open_.erase(oldest);
    }
    const std::string path = dir_ + "/" + name + ".building";
    Xapian::WritableDatabase db =
        counts_.count(name) != 0 ? Xapian::WritableDatabase(path, Xapian::DB_OPEN) : create(path);
    return open_.emplace(name, Open{std::move(db), 0}).first->second;
  }

  std::string dir_;
  std::vector<std::pair<std::string, std::string>> metadata_;
  std::map<std::string, Open> open_;
  std::map<std::string, Xapian::doccount> counts_;  // every part started, sorted by name
  std::map<std::string, Xapian::doccount> linked_;  // parts kept as they were
  std::uint64_t clock_ = 0;
};

const auto kDateSlot = static_cast<Xapian::valueno>(schema::field("date").value_slot);

// Whether `part` (at `path`, inside the archive `db_path`) is a sealed part of `period` that
// holds articles of that one period only (by its date bounds, which are never too narrow).
bool holds_one_period(const Xapian::Database& part, const std::string& path,
                      const std::string& db_path, TierPeriod period) {
  const std::string name = fs::path(path).filename().string();
  return fs::path(path).parent_path() == fs::path(db_path) && name != kLivePart &&
         part.get_doccount() > 0 && part.get_value_freq(kDateSlot) == part.get_doccount() &&
         tier_of(part.get_value_lower_bound(kDateSlot), period) == name &&
         tier_of(part.get_value_upper_bound(kDateSlot), period) == name;
}

// Which parts of `source` are kept as they are: sealed parts of one period that no article of
// the other parts falls in. The other parts' articles are copied into their periods' parts.
std::vector<bool> parts_to_keep(const ReadHandles& source, const std::string& db_path,
                                TierPeriod period) {
  const std::size_t n = source.parts.size();
  std::vector<bool> keep(n);
  for (std::size_t i = 0; i < n; ++i) {
    keep[i] = holds_one_period(source.parts[i], source.paths[i], db_path, period);
  }
  std::set<std::string> touched;  // periods that copied articles go to
  for (std::size_t i = 0; i < n; ++i) {
    if (keep[i]) continue;
    const Xapian::Database& part = source.parts[i];
    for (auto v = part.valuestream_begin(kDateSlot); v != part.valuestream_end(kDateSlot); ++v) {
      touched.insert(tier_of(*v, period));
    }
    if (part.get_value_freq(kDateSlot) < part.get_doccount()) touched.insert("undated");
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (keep[i] && touched.count(fs::path(source.paths[i]).filename().string()) != 0) {
      keep[i] = false;
    }
  }
  return keep;
}

void write_stub(const std::string& path, const std::vector<TierResult::Part>& parts) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "# A Newsdex archive (newsdex compact --by): sealed parts by period, then the live "
         "part\n";
  for (const auto& p : parts) out << "auto " << p.name << "\n";
  out.close();
  if (!out) throw DatabaseError(path + ": cannot be written");
}

}  // namespace

TierResult tier_database(const std::string& given_path, TierPeriod period,
                         const std::function<void(std::string_view)>& phase) {
  const auto enter = [&](std::string_view p) {
    if (phase) phase(p);
  };
  const auto start = std::chrono::steady_clock::now();
  const std::string db_path = normalized_database_path(given_path);
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    throw DatabaseError("no database at " + db_path + " (create one with 'newsdex index')");
  }
  if (!fs::is_directory(db_path, ec)) {
    throw UsageError(db_path + " is a stub file: give the directory of a database, or of an " +
                     "archive (a directory holding XAPIANDB), to tier");
  }
  ReadHandles source = open_parts_for_reading(db_path);
  // Every part's write lock keeps indexers out until the new layout is in place; the source
  // is read after they are held, so no commit is missed.
  std::vector<Xapian::WritableDatabase> locks;
  for (const auto& part : source.paths) locks.push_back(open_database_for_writing(part));
  source.all.reopen();
  TierResult r;
  r.bytes_before = directory_size(db_path);
  remove_stale_temporaries(db_path);
  OwnTemporary own_dir(db_path, kCompactTemporary);
  const std::string out = own_dir.path() + "/db";
  const Xapian::Database& all = source.all;
  try {
    fs::create_directory(out);
    std::vector<std::pair<std::string, std::string>> metadata;
    const Xapian::Database& first = source.parts.front();
    for (auto k = first.metadata_keys_begin(); k != first.metadata_keys_end(); ++k) {
      metadata.emplace_back(*k, first.get_metadata(*k));
    }
    PartWriter writer(out, std::move(metadata));
    enter(kTierCopying);
    const std::vector<bool> keep = parts_to_keep(source, db_path, period);
    for (std::size_t i = 0; i < source.parts.size(); ++i) {
      const Xapian::Database& part = source.parts[i];
      if (keep[i]) {
        writer.link(fs::path(source.paths[i]).filename().string(), source.paths[i],
                    part.get_doccount());
        continue;
      }
      for (auto p = part.postlist_begin(""); p != part.postlist_end(""); ++p) {
        const Xapian::Document doc = part.get_document(*p);
        writer.add(tier_of(doc.get_value(kDateSlot), period), doc);
      }
    }
    enter(kTierCompacting);
    r.parts = writer.finish();
    write_stub(out + "/XAPIANDB", r.parts);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("tiering " + db_path + " failed: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    throw DatabaseError("tiering " + db_path + " failed: " + e.what());
  }
  // Nothing may be lost: the new archive must hold every article before it is swapped in.
  if (const auto n = open_database_for_reading(out).get_doccount(); n != all.get_doccount()) {
    throw DatabaseError("tiering " + db_path + " failed: the new archive holds " +
                        std::to_string(n) + " articles, the database " +
                        std::to_string(all.get_doccount()));
  }
  enter(kTierSwapping);
  if (syscall(SYS_renameat2, AT_FDCWD, out.c_str(), AT_FDCWD, db_path.c_str(), RENAME_EXCHANGE) !=
      0) {
    throw DatabaseError("swapping in the archive of " + db_path +
                        " failed: " + std::strerror(errno));
  }
  enter(kTierSwapped);
  own_dir.remove();  // the old layout, now in the temporary directory
  for (auto& lock : locks) lock.close();
  r.bytes_after = directory_size(db_path);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace newsdex
