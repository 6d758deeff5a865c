// Indexing into an archive (issue 24's live part): a new article goes to the live part, an
// article that lives in a sealed part is replaced where it is, a copy of a sealed article
// joins its story, and a deleted one leaves its part. Afterwards the archive holds, article
// for article, what one database given the same input holds, and answers alike.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "answer_util.h"
#include "core/database.h"
#include "indexer/admin.h"
#include "indexer/indexer.h"
#include "indexer/tiers.h"
#include "test_util.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

std::vector<nlohmann::json> sample_articles() {
  std::ifstream in(testing::bundled("sample/articles.jsonl"));
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

ino_t inode(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// The story stored with article `id`.
std::string story_of(const std::string& db, const std::string& id) {
  const auto articles = testing::stored_articles(db);
  return nlohmann::json::parse(articles.at(id)).value("story", "");
}

TEST(ArchiveIndex, AddingToAnArchiveEqualsAddingToTheOneDatabase) {
  testing::TempDir dir;
  const std::string one = dir / "one", archive = dir / "archive";
  IndexOptions o;
  o.db_path = one;
  index_paths({testing::bundled("sample/articles.jsonl")}, o, IndexObserver{});
  fs::copy(one, archive, fs::copy_options::recursive);
  const TierResult tiers = tier_database(archive, TierPeriod::kYear);
  ASSERT_GE(tiers.parts.size(), 5U);

  const auto sample = sample_articles();
  nlohmann::json changed = sample[0];  // lives in a sealed part
  changed["title"] = "Avago and Broadcom close the record chip deal";
  nlohmann::json copy = sample[2];  // a copy of a sealed article: the same story
  copy["id"] = "copy-" + copy["id"].get<std::string>();
  copy["source"] = "syndicated";
  nlohmann::json fresh = {{"id", "new-1"},
                          {"title", "Chip makers report record quarter"},
                          {"body", "Semiconductor makers reported record revenue this quarter."},
                          {"date", "2026-01-05"}};
  nlohmann::json old_dated = fresh;  // dated in a sealed period: it still goes to the live part
  old_dated["id"] = "new-2";
  old_dated["date"] = sample[5]["date"];
  testing::write_file(dir / "more.jsonl", changed.dump() + "\n" + copy.dump() + "\n" +
                                              fresh.dump() + "\n" + old_dated.dump() + "\n");
  for (const std::string& db : {one, archive}) {
    o.db_path = db;
    const auto summary = index_paths({dir / "more.jsonl"}, o, IndexObserver{});
    EXPECT_EQ(summary.indexed, 4U);
    EXPECT_EQ(summary.replaced, 1U);
    delete_articles(db, {sample[7]["id"].get<std::string>()});
  }

  EXPECT_EQ(testing::stored_articles(one), testing::stored_articles(archive));
  EXPECT_EQ(story_of(archive, copy["id"]), story_of(archive, sample[2]["id"]));
  const auto parts = open_parts_for_reading(archive);
  EXPECT_EQ(parts.parts.back().get_doccount(), 3U) << "the new articles are in the live part";
  Xapian::doccount sealed = 0;
  for (std::size_t i = 0; i + 1 < parts.parts.size(); ++i) sealed += parts.parts[i].get_doccount();
  EXPECT_EQ(sealed, sample.size() - 1) << "replaced in place, one deleted";

  Searcher a(one), b(archive);
  for (const char* q : {"", "chip deal", "Avago Broadcom", "record quarter"}) {
    for (const bool collapse : {false, true}) {
      EXPECT_EQ(testing::answer(a, q, collapse).dump(1), testing::answer(b, q, collapse).dump(1))
          << q << " collapse " << collapse;
    }
  }

  // Tiered again: the live part's articles move into their years; a sealed year that receives
  // none is kept as it is (its files hard-linked, not copied), the others are rewritten.
  const std::set<std::string> touched = {"2026", copy["date"].get<std::string>().substr(0, 4),
                                         old_dated["date"].get<std::string>().substr(0, 4)};
  std::map<std::string, ino_t> before;  // a kept part's files are the same files
  for (const auto& p : tiers.parts) {
    if (p.name != kLivePart) before[p.name] = inode(archive + "/" + p.name + "/postlist.glass");
  }
  const TierResult again = tier_database(archive, TierPeriod::kYear);
  EXPECT_EQ(testing::stored_articles(one), testing::stored_articles(archive));
  EXPECT_EQ(again.parts.back().documents, 0U) << "the live part is empty again";
  std::size_t kept = 0;
  for (const auto& p : again.parts) {
    if (p.name == kLivePart) continue;
    const ino_t now = inode(archive + "/" + p.name + "/postlist.glass");
    if (touched.count(p.name) != 0 || before.count(p.name) == 0) {
      EXPECT_NE(now, before[p.name]) << p.name << " should have been rewritten";
    } else {
      ++kept;
      EXPECT_EQ(now, before[p.name]) << p.name << " should have been kept";
    }
  }
  EXPECT_GE(kept, 3U);
  EXPECT_NE(std::find_if(again.parts.begin(), again.parts.end(),
                         [](const TierResult::Part& p) { return p.name == "2026"; }),
            again.parts.end());
}

TEST(ArchiveIndex, AnArchiveIsNeverRebuiltAsANewDatabase) {
  testing::TempDir dir;
  const std::string archive = dir / "archive";
  testing::index_quietly(archive, {testing::bundled("sample/articles.jsonl")});
  tier_database(archive, TierPeriod::kYear);
  IndexOptions o;
  o.db_path = archive;
  EXPECT_EQ(sharded_writers(o), 0U);
  auto r = testing::run_newsdex("compact --db " + archive);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("is an archive"), std::string::npos) << r.out;
  r = testing::run_newsdex("index --shards 2 --db " + archive + " " +
                           testing::bundled("sample/articles.jsonl"));
  EXPECT_NE(r.status, 0);
  EXPECT_EQ(open_database_for_reading(archive).get_doccount(), sample_articles().size());
}

}  // namespace
}  // namespace newsdex
