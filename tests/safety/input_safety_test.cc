// Issue 30, through the real binary: what index and compact make beside a database, locks,
// paths with a trailing slash, read-only databases, bad --companies/--topics, unreadable
// folders, FIFOs, huge files, escape sequences in names and values, and write errors.
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

TEST(InputSafety, ADirectoryOrEmptyFileAsGazetteerOrTaxonomyIsRefused) {
  TempDir dir;
  write_file(dir / "a.jsonl", corpus(3));
  write_file(dir / "empty.tsv", "");
  write_file(dir / "comments.tsv", "# only a comment\n\n");
  fs::create_directories(dir / "folder");
  for (const std::string flag : {"--companies", "--topics"}) {
    for (const std::string& path : {dir / "folder", dir / "empty.tsv", dir / "comments.tsv"}) {
      const auto r = run_newsdex("index --db " + q(dir / "db") + " " + flag + " " + q(path) + " " +
                                 q(dir / "a.jsonl"));
      EXPECT_EQ(r.status, 2) << flag << " " << path << ": " << r.out;
      EXPECT_NE(r.out.find(flag + " " + path), std::string::npos) << r.out;
      EXPECT_FALSE(fs::exists(dir / "db")) << flag << " " << path;
    }
  }
  const auto r =
      run_newsdex("index --explain --companies " + q(dir / "folder") + " " + q(dir / "a.jsonl"));
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("not a readable regular file (a directory)"), std::string::npos) << r.out;
}

TEST(InputSafety, AnUnreadableFolderOrFileIsReportedCountedAndFailsTheRun) {
  const auto as = unprivileged();
  if (!as) GTEST_SKIP() << "root, and no setpriv to run as another user";
  TempDir dir;
  chmod(dir.path().c_str(), 0777);
  write_file(dir / "in/good.jsonl", corpus(3));
  write_file(dir / "in/secret/hidden.jsonl", corpus(2, "secret"));
  write_file(dir / "in/locked.jsonl", corpus(2, "locked"));
  ASSERT_EQ(run_command("chmod 000 " + q(dir / "in/secret") + " " + q(dir / "in/locked.jsonl")), 0);
  const auto r =
      run_newsdex_as(*as, "index --no-extract --db " + q(dir / "db") + " " + q(dir / "in"));
  run_command("chmod 755 " + q(dir / "in/secret") + " && chmod 644 " + q(dir / "in/locked.jsonl"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find(dir / "in/secret" + ": skipped: unreadable directory (Permission denied)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(dir / "in/locked.jsonl" + ": skipped: unreadable file (Permission denied)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("unreadable_directory"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 input files or directories could not be read"), std::string::npos)
      << r.out;
  EXPECT_EQ(articles_in(dir / "db"), 3);  // the rest was indexed
}

TEST(InputSafety, AFifoIsRefusedNamingThePath) {
  TempDir dir;
  ASSERT_EQ(mkfifo((dir / "pipe.jsonl").c_str(), 0600), 0);
  const auto r = run_newsdex("index --db " + q(dir / "db") + " " + q(dir / "pipe.jsonl"));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find(dir / "pipe.jsonl" + ": not a regular file (a FIFO)"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("filesystem error"), std::string::npos) << r.out;
  // Inside a directory: skipped with a message, the rest indexed.
  write_file(dir / "in/a.jsonl", corpus(2));
  ASSERT_EQ(mkfifo((dir / "in/b.jsonl").c_str(), 0600), 0);
  const auto d = run_newsdex("index --no-extract --db " + q(dir / "db") + " " + q(dir / "in"));
  EXPECT_EQ(d.status, 0) << d.out;
  EXPECT_NE(d.out.find(dir / "in/b.jsonl" + ": skipped: not a regular file (a FIFO)"),
            std::string::npos)
      << d.out;
  EXPECT_EQ(articles_in(dir / "db"), 2);
}

TEST(InputSafety, HugeFilesAreRefusedWithoutBeingReadWhole) {
  TempDir dir;
  // A sparse 2 GB file (all NULs), one with a text head, and a JSON Lines line over 64 MiB.
  std::string head = "A title\n\n";
  while (head.size() < 10000) head += "Some text of the article.\n";
  write_file(dir / "in/long.txt", head);
  ASSERT_EQ(run_command("truncate -s 2G " + q(dir / "in/long.txt") + " " + q(dir / "in/big.txt")),
            0);
  {
    std::ofstream out(dir / "in/wide.jsonl", std::ios::binary);
    out << "{\"id\":\"wide\",\"body\":\"" << std::string(std::size_t{65} << 20, 'a') << "\"}\n"
        << corpus(1);
  }
  // Each is refused by a process that may not hold 1.5 GB (not under AddressSanitizer, whose
  // shadow memory alone needs terabytes of address space).
#if defined(NEWSDEX_ASAN)
  const std::string limit;
#else
  const std::string limit = "ulimit -v 1500000; ";
#endif
  std::string out;
  const int status = run_command(limit + std::string(NEWSDEX_BINARY) + " index --no-extract --db " +
                                     q(dir / "db") + " " + q(dir / "in"),
                                 &out);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("big.txt: skipped: the file is binary"), std::string::npos) << out;
  EXPECT_NE(out.find("long.txt: skipped: the file is over 64 MiB"), std::string::npos) << out;
  EXPECT_NE(out.find("wide.jsonl:1: skipped: the line is over 64 MiB"), std::string::npos) << out;
  EXPECT_EQ(articles_in(dir / "db"), 1);
}

TEST(InputSafety, EscapeSequencesInFileNamesAndValuesAreNotPrintedRaw) {
  TempDir dir;
  const std::string evil = dir / "in/evil\x1b[2Jname\x07.jsonl";
  write_file(evil,
             "{\"id\":\"e1\",\"title\":\"t\",\"date\":\"\\u001b]0;pwned\\u0007\"}\n{bad\x1b[31m\n");
  write_file(dir / "in/t\x1b[5m.txt", "Title \x1b[31mred\n\nAcme Corp said \x1b[2J things.\n");
  for (const std::string& args :
       {"index --no-extract --db " + q(dir / "db") + " " + q(dir / "in"),
        "index --explain " + q(dir / "in"), "index --db " + q(dir / "db") + " " + q(evil + "x"),
        "delete --db " + q(dir / "db") + " " + q("gone\x1b[31m")}) {
    const auto r = run_newsdex(args);
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << args << ": " << r.out;
    EXPECT_EQ(r.out.find('\x07'), std::string::npos) << args << ": " << r.out;
    EXPECT_NE(r.out.find("\\x1b"), std::string::npos) << args << ": " << r.out;
  }
}

// Runs newsdex with its standard output sent to `target`, capturing standard error.
CommandResult run_newsdex_stdout_to(const std::string& args, const std::string& target) {
  CommandResult r;
  r.status =
      run_command("{ " + std::string(NEWSDEX_BINARY) + " " + args + " >" + target + "; }", &r.out);
  return r;
}

TEST(InputSafety, WriteErrorsFailTheCommandNamingTheFile) {
  if (access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  TempDir dir;
  auto g = run_newsdex("bench generate --docs 1000 --out /dev/full");
  EXPECT_EQ(g.status, 1) << g.out;
  EXPECT_NE(g.out.find("/dev/full: cannot write: No space left on device"), std::string::npos)
      << g.out;
  g = run_newsdex_stdout_to("bench generate --docs 1000 --out -", "/dev/full");
  EXPECT_EQ(g.status, 1) << g.out;
  EXPECT_NE(g.out.find("cannot write to standard output"), std::string::npos) << g.out;

  write_file(dir / "a.jsonl", corpus(5));
  index_quietly(dir / "db", {dir / "a.jsonl"});
  const auto s = run_newsdex_stdout_to("stats --db " + q(dir / "db"), "/dev/full");
  EXPECT_EQ(s.status, 1) << s.out;
  EXPECT_NE(s.out.find("cannot write to standard output: No space left on device"),
            std::string::npos)
      << s.out;
  const auto i = run_newsdex_stdout_to(
      "index --no-extract --db " + q(dir / "db2") + " " + q(dir / "a.jsonl"), "/dev/full");
  EXPECT_EQ(i.status, 1) << i.out;
  EXPECT_EQ(run_newsdex_stdout_to("search --db " + q(dir / "db") + " acme", "/dev/full").status, 1);

  write_file(dir / "q.tsv", "acme\t\tword\n");
  const auto b = run_newsdex("bench --db " + q(dir / "db") + " --queries " + q(dir / "q.tsv") +
                             " --warmup 0 --min-warmup-seconds 0 --passes 1 --report /dev/full");
  EXPECT_EQ(b.status, 1) << b.out;
  EXPECT_NE(b.out.find("/dev/full: cannot write"), std::string::npos) << b.out;
  // A good write still works.
  EXPECT_EQ(run_newsdex("bench generate --docs 10 --out " + q(dir / "g.jsonl")).status, 0);
  const std::string written = read_whole_file(dir / "g.jsonl");
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 10);
}

}  // namespace
}  // namespace newsdex::testing
