// kill -9 at the start of each phase of the default build of a new database and of
// `compact --by` (issue 24): the path then holds the old database or the new one, never a mix,
// and the next run finishes the job and removes what the killed run left beside it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "answer_util.h"
#include "core/database.h"
#include "core/stub.h"
#include "indexer/indexer.h"
#include "indexer/tiers.h"
#include "test_util.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using Hook = std::function<void(std::string_view)>;

// Runs `work` in a child process that kills itself with SIGKILL (as kill -9 would) when it
// enters `phase`. True when it died there.
bool killed_at(std::string_view phase, const std::function<void(const Hook&)>& work) {
  const pid_t pid = fork();
  if (pid == 0) {
    const Hook hook = [phase](std::string_view p) {
      if (p == phase) raise(SIGKILL);
    };
    try {
      work(hook);
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// Directories beside `db_path` that a run works in (DB.compact-*, DB.newsdex-shards-*).
std::vector<std::string> temporaries_beside(const std::string& db_path) {
  std::vector<std::string> out;
  const std::string prefix = fs::path(db_path).filename().string() + ".";
  for (const auto& e : fs::directory_iterator(fs::path(db_path).parent_path())) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0) out.push_back(name);
  }
  return out;
}

Xapian::doccount articles_in(const std::string& db_path) {
  return open_database_for_reading(db_path).get_doccount();
}

const std::vector<std::string_view> kBuildPhases = {kPhaseWriting, kPhaseJoining, kPhaseMerging,
                                                    kPhaseSwapping, kPhaseSwapped};

void kill_the_build_in_each_phase(bool existing_empty_database) {
  const std::vector<std::string> input = {testing::bundled("sample/articles.jsonl"),
                                          testing::bundled("sample/text")};
  testing::TempDir reference_dir;
  IndexOptions o;
  o.db_path = reference_dir / "db";
  const auto expected = index_paths(input, o, IndexObserver{}).total_documents;
  ASSERT_GT(expected, 0U);
  for (const auto phase : kBuildPhases) {
    testing::TempDir dir;
    o.db_path = dir / "db";
    o.shards = 2;
    if (existing_empty_database) open_database_for_writing(o.db_path).close();
    ASSERT_TRUE(killed_at(phase, [&](const Hook& hook) {
      IndexObserver observer;
      observer.phase = hook;
      index_paths(input, o, observer);
    })) << phase;
    // The old database (none, or the empty one) until the swap; the whole new one after it.
    const bool swapped = phase == kPhaseSwapped;
    if (fs::exists(o.db_path) && !fs::is_empty(o.db_path)) {
      EXPECT_EQ(articles_in(o.db_path), swapped ? expected : 0U) << phase;
    } else {
      EXPECT_FALSE(swapped) << phase << ": the swapped-in database is missing";
    }
    o.shards = 0;
    EXPECT_EQ(index_paths(input, o, IndexObserver{}).total_documents, expected) << phase;
    EXPECT_EQ(testing::stored_articles(o.db_path), testing::stored_articles(reference_dir / "db"))
        << phase;
    EXPECT_TRUE(temporaries_beside(o.db_path).empty())
        << phase << ": left " << temporaries_beside(o.db_path).front();
  }
}

TEST(PhaseKill, TheDefaultBuildOfANewDatabaseKilledInEachPhase) {
  kill_the_build_in_each_phase(false);
}

TEST(PhaseKill, TheDefaultBuildIntoAnEmptyDatabaseKilledInEachPhase) {
  kill_the_build_in_each_phase(true);
}

TEST(PhaseKill, CompactByKilledInEachPhaseLeavesTheDatabaseOrTheArchive) {
  testing::TempDir source_dir;
  const std::string source = source_dir / "db";
  testing::index_quietly(source, {testing::bundled("sample/articles.jsonl")});
  const auto expected = articles_in(source);
  for (const auto phase : {kTierCopying, kTierCompacting, kTierSwapping, kTierSwapped}) {
    testing::TempDir dir;
    const std::string db = dir / "db";
    fs::copy(source, db, fs::copy_options::recursive);
    ASSERT_TRUE(killed_at(phase, [&](const Hook& hook) {
      tier_database(db, TierPeriod::kYear, hook);
    })) << phase;
    const bool swapped = phase == kTierSwapped;
    EXPECT_EQ(!stub_file_of(db).empty(), swapped) << phase;
    EXPECT_EQ(articles_in(db), expected) << phase;
    tier_database(db, TierPeriod::kYear);
    EXPECT_EQ(articles_in(db), expected) << phase;
    EXPECT_FALSE(stub_file_of(db).empty()) << phase;
    EXPECT_TRUE(temporaries_beside(db).empty()) << phase;
  }
}

}  // namespace
}  // namespace newsdex
