// Issue 30, through the real binary: what index and compact make beside a database, locks,
// paths with a trailing slash and read-only databases.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "test_util.h"

namespace newsdex::testing {
namespace {

namespace fs = std::filesystem;

std::string q(const std::string& s) { return "'" + s + "'"; }

std::string corpus(int n, const std::string& prefix = "d") {
  std::string out;
  for (int i = 0; i < n; ++i) {
    const std::string id = prefix + "-" + std::to_string(i);
    out += "{\"id\":\"" + id + "\",\"title\":\"Acme story " + id +
           "\",\"body\":\"Acme said profits rose.\"}\n";
  }
  return out;
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The article count `stats --json` reports, or -1.
long articles_in(const std::string& db) {
  const auto r = run_newsdex("stats --json --db " + q(db));
  if (r.status != 0) return -1;
  const auto at = r.out.find("\"total_documents\": ");
  return at == std::string::npos ? -1 : std::stol(r.out.substr(at + 19));
}

// What runs a command as a user without root's power over permissions: "" when the tests do
// not run as root, setpriv to nobody when they do, nullopt when neither is possible.
std::optional<std::string> unprivileged() {
  if (geteuid() != 0) return std::string();
  if (access("/usr/bin/setpriv", X_OK) != 0) return std::nullopt;
  return std::string("/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups ");
}

CommandResult run_newsdex_as(const std::string& prefix, const std::string& args) {
  CommandResult r;
  r.status = run_command(prefix + NEWSDEX_BINARY + " " + args, &r.out);
  return r;
}

TEST(InputSafety, AShardedBuildLeavesFoldersBesideTheDatabaseAlone) {
  TempDir dir;
  write_file(dir / "a.jsonl", corpus(20));
  write_file(dir / "db.shard-0/mine.txt", "mine");
  write_file(dir / "db.merging/mine.txt", "mine too");
  const auto r =
      run_newsdex("index --no-extract --shards 2 --db " + q(dir / "db") + " " + q(dir / "a.jsonl"));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(read_whole_file(dir / "db.shard-0/mine.txt"), "mine");
  EXPECT_EQ(read_whole_file(dir / "db.merging/mine.txt"), "mine too");
  EXPECT_EQ(entries(dir.path()),
            (std::vector<std::string>{"a.jsonl", "db", "db.merging", "db.shard-0"}));
  EXPECT_EQ(articles_in(dir / "db"), 20);
}

TEST(InputSafety, ASecondShardedBuildOnTheSamePathIsRefusedWhileTheFirstRuns) {
  TempDir dir;
  write_file(dir / "a.jsonl", corpus(20));
  write_file(dir / "b.jsonl", corpus(5, "other"));
  // The first build reads standard input, which arrives two seconds later.
  CommandResult first;
  std::thread t([&] {
    first.status = run_command("(sleep 2; cat " + q(dir / "a.jsonl") + ") | " + NEWSDEX_BINARY +
                                   " index --no-extract --shards 2 --db " + q(dir / "db") + " -",
                               &first.out);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const auto second =
      run_newsdex("index --no-extract --shards 2 --db " + q(dir / "db") + " " + q(dir / "b.jsonl"));
  t.join();
  EXPECT_EQ(second.status, 1) << second.out;
  EXPECT_NE(second.out.find("locked by another writer"), std::string::npos) << second.out;
  EXPECT_EQ(first.status, 0) << first.out;
  EXPECT_EQ(articles_in(dir / "db"), 20);
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"a.jsonl", "b.jsonl", "db"}));
}

TEST(InputSafety, AFailedShardedBuildLeavesNothingBehind) {
  TempDir dir;
  write_file(dir / "a.jsonl", corpus(3) + "{\"id\":\"x\",\"title\":[]}\n");
  const auto r = run_newsdex("index --strict --no-extract --shards 2 --db " + q(dir / "db") + " " +
                             q(dir / "a.jsonl"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"a.jsonl"});
}

// Makes DB.KIND-XXXXXX as a killed run leaves it: the lock file (nobody holding it) and a copy.
void make_left_over(const std::string& path) {
  write_file(path + "/.newsdex-lock", "");
  write_file(path + "/db/iamglass", "half a database");
}

TEST(InputSafety, TemporariesOfKilledRunsAreRemovedByTheNextCompactOrIndex) {
  TempDir dir;
  write_file(dir / "a.jsonl", corpus(10));
  index_quietly(dir / "db", {dir / "a.jsonl"});
  make_left_over(dir / "db.compact-Ab12Cd");
  write_file(dir / "db.compact-Empty1/.keep", "");
  fs::remove(dir / "db.compact-Empty1/.keep");             // killed before its lock file
  write_file(dir / "db.compact-backup/mine.txt", "mine");  // a user's, by the same pattern
  // A live run's: its lock file is held.
  make_left_over(dir / "db.compact-Live01");
  const int fd = open((dir / "db.compact-Live01/.newsdex-lock").c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(flock(fd, LOCK_EX), 0);
  const auto r = run_newsdex("compact --db " + q(dir / "db"));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("db.compact-Ab12Cd: removed"), std::string::npos) << r.out;
  EXPECT_EQ(entries(dir.path()),
            (std::vector<std::string>{"a.jsonl", "db", "db.compact-Live01", "db.compact-backup"}));
  close(fd);
  make_left_over(dir / "db.newsdex-shards-Zz99Yy");
  const auto i = run_newsdex("index --no-extract --db " + q(dir / "db") + " " + q(dir / "a.jsonl"));
  EXPECT_EQ(i.status, 0) << i.out;
  EXPECT_NE(i.out.find("db.newsdex-shards-Zz99Yy: removed"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("db.compact-Live01: removed"), std::string::npos) << i.out;
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"a.jsonl", "db", "db.compact-backup"}));
  EXPECT_EQ(articles_in(dir / "db"), 10);
}

TEST(InputSafety, ACompactKilledWithSigkillIsCleanedUpByTheNext) {
  TempDir dir;
  ASSERT_EQ(run_newsdex("bench generate --docs 6000 --seed 3 --out " + q(dir / "a.jsonl")).status,
            0);
  ASSERT_EQ(run_newsdex("index --no-extract --no-stories --batch-size 500 --db " + q(dir / "db") +
                        " " + q(dir / "a.jsonl"))
                .status,
            0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    execl(NEWSDEX_BINARY, NEWSDEX_BINARY, "compact", "--db", (dir / "db").c_str(), nullptr);
    _exit(127);
  }
  bool seen = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!seen && std::chrono::steady_clock::now() < deadline) {
    for (const auto& name : entries(dir.path())) seen = seen || name.rfind("db.compact-", 0) == 0;
    if (waitpid(child, nullptr, WNOHANG) == child) break;
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  if (!seen) GTEST_SKIP() << "compact finished before it could be killed";
  const auto r = run_newsdex("compact --db " + q(dir / "db"));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(": removed (left by an interrupted compact"), std::string::npos) << r.out;
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"a.jsonl", "db"}));
  EXPECT_EQ(articles_in(dir / "db"), 6000);
}

TEST(InputSafety, CompactAcceptsADatabasePathWithATrailingSlash) {
  TempDir dir;
  write_file(dir / "a.jsonl", corpus(10));
  index_quietly(dir / "db", {dir / "a.jsonl"});
  const auto r = run_newsdex("compact --db " + q(dir / "db/"));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"a.jsonl", "db"}));
  for (const auto& name : entries(dir / "db")) EXPECT_EQ(name.find("compact"), std::string::npos);
  EXPECT_EQ(articles_in(dir / "db"), 10);
  const auto s = run_newsdex("index --no-extract --shards 2 --db " + q(dir / "new//") + " " +
                             q(dir / "a.jsonl"));
  EXPECT_EQ(s.status, 0) << s.out;
  EXPECT_EQ(articles_in(dir / "new"), 10);
}

TEST(InputSafety, AReadOnlyDatabaseIsReportedAsReadOnlyNotLocked) {
  const auto as = unprivileged();
  if (!as) GTEST_SKIP() << "root, and no setpriv to run as another user";
  TempDir dir;
  write_file(dir / "a.jsonl", corpus(5));
  index_quietly(dir / "db", {dir / "a.jsonl"});
  ASSERT_EQ(run_command("chmod -R a-w " + q(dir / "db") + " && chmod 755 " + q(dir.path())), 0);
  for (const std::string& cmd :
       {"index --no-extract --db " + q(dir / "db") + " " + q(dir / "a.jsonl"),
        "delete --db " + q(dir / "db") + " d-1", "compact --db " + q(dir / "db")}) {
    const auto r = run_newsdex_as(*as, cmd);
    EXPECT_EQ(r.status, 1) << cmd << ": " << r.out;
    EXPECT_NE(r.out.find("is read-only"), std::string::npos) << cmd << ": " << r.out;
    EXPECT_EQ(r.out.find("locked"), std::string::npos) << cmd << ": " << r.out;
  }
  run_command("chmod -R u+w " + q(dir / "db"));
  EXPECT_EQ(articles_in(dir / "db"), 5);
}

}  // namespace
}  // namespace newsdex::testing
