// The indexing pipeline end to end on a real database on disk: all three formats, replacing,
// bad input, --strict, locking, interrupted runs, delete and compact.
#include "indexer/indexer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/database.h"
#include "core/errors.h"
#include "indexer/admin.h"
#include "test_util.h"

namespace newsdex {

using testing::TempDir;
using testing::write_file;

namespace {
IndexOptions options_for(const std::string& db) {
  IndexOptions o;
  o.db_path = db;
  return o;
}

std::vector<std::string> messages;
IndexObserver collecting_observer() {
  messages.clear();
  IndexObserver o;
  o.message = [](const std::string& m) { messages.push_back(m); };
  return o;
}

// Number of distinct id terms: equals the document count when nothing is duplicated.
Xapian::doccount distinct_ids(const Xapian::Database& db) {
  Xapian::doccount n = 0;
  for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
    EXPECT_EQ(t.get_termfreq(), 1U) << *t;
    ++n;
  }
  return n;
}

std::string jsonl_corpus(int n, int start = 0) {
  std::string out;
  for (int i = start; i < start + n; ++i) {
    out += "{\"id\":\"doc-" + std::to_string(i) + "\",\"title\":\"Story " + std::to_string(i) +
           " about Samsung memory chips\",\"body\":\"SK Hynix and Samsung Electronics reported "
           "DRAM prices rising in quarter " +
           std::to_string(i % 4 + 1) + ".\",\"date\":\"2020-0" + std::to_string(i % 9 + 1) +
           "-15\"}\n";
  }
  return out;
}
}  // namespace

TEST(Indexer, IndexesJsonlPlainTextAndReutersIntoOneDatabase) {
  TempDir dir;
  write_file(dir / "in/a.jsonl", jsonl_corpus(3));
  write_file(dir / "in/texts/story.txt", "Chipmakers rally\n2018-11-07\n\nSamsung shares rose.\n");
  write_file(
      dir / "in/wire.sgm",
      "<REUTERS NEWID=\"9\"><DATE>26-FEB-1987 15:01:01.79</DATE><TOPICS><D>earn</D></TOPICS>"
      "<ORGS><D>opec</D></ORGS>"
      "<TEXT><TITLE>QTR NET</TITLE><BODY>Shr 10 cts vs 5 cts\n Reuter</BODY></TEXT></REUTERS>\n");
  const auto s = index_paths({dir / "in"}, options_for(dir / "db"), collecting_observer());
  EXPECT_EQ(s.indexed, 5U);
  EXPECT_EQ(s.skipped_total(), 0U);
  EXPECT_EQ(s.total_documents, 5U);
  const auto db = open_database_for_reading(dir / "db");
  EXPECT_TRUE(db.term_exists("Qtexts/story.txt"));
  EXPECT_TRUE(db.term_exists("Qreuters-9"));
  EXPECT_TRUE(db.term_exists("XTOPIC:Earnings"));  // the code, in the taxonomy's name
  EXPECT_FALSE(db.term_exists("XTOPIC:earn"));
  EXPECT_TRUE(db.term_exists("XORG:OPEC"));
  EXPECT_FALSE(db.term_exists("XCOMPANY:opec"));
  EXPECT_TRUE(db.term_exists("XCOMPANY:SK Hynix"));  // extracted from the text
  EXPECT_TRUE(db.term_exists("D20181107"));
}

TEST(Indexer, ReindexingTheSameArticlesReplacesThemWithoutDuplicates) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(50));
  const auto first = index_paths({dir / "a.jsonl"}, options_for(dir / "db"), collecting_observer());
  EXPECT_EQ(first.replaced, 0U);
  const auto second =
      index_paths({dir / "a.jsonl"}, options_for(dir / "db"), collecting_observer());
  EXPECT_EQ(second.indexed, 50U);
  EXPECT_EQ(second.replaced, 50U);
  EXPECT_EQ(second.total_documents, 50U);
  EXPECT_EQ(distinct_ids(open_database_for_reading(dir / "db")), 50U);
}

TEST(Indexer, SkipsBadRecordsCountingThemByReason) {
  TempDir dir;
  write_file(dir / "in/mixed.jsonl", jsonl_corpus(2) + "{broken\n{\"title\":\"no id\"}\n");
  write_file(dir / "in/empty.txt", "");
  write_file(dir / "in/blob.txt", std::string("\x7f"
                                              "ELF\0\0\0",
                                              7));
  const auto s = index_paths({dir / "in"}, options_for(dir / "db"), collecting_observer());
  EXPECT_EQ(s.indexed, 2U);
  EXPECT_EQ(s.skipped.at("malformed_json"), 1U);
  EXPECT_EQ(s.skipped.at("missing_id"), 1U);
  EXPECT_EQ(s.skipped.at("empty_file"), 1U);
  EXPECT_EQ(s.skipped.at("binary_file"), 1U);
  const std::string all = [] {
    std::string a;
    for (const auto& m : messages) a += m + "\n";
    return a;
  }();
  EXPECT_NE(all.find("mixed.jsonl:3: skipped: malformed JSON"), std::string::npos) << all;
  EXPECT_NE(all.find("mixed.jsonl:4: skipped"), std::string::npos) << all;
}

TEST(Indexer, StrictModeFailsAndCommitsNothingOfTheFailingBatch) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(3) + "{\"id\":\"x\",\"title\":[]}\n");
  auto o = options_for(dir / "db");
  o.strict = true;
  o.batch_size = 2;
  // The default build of a new database commits nothing until the end: it leaves no database.
  EXPECT_THROW(index_paths({dir / "a.jsonl"}, o, collecting_observer()), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
  o.shards = 1;  // one writer commits batch by batch
  try {
    index_paths({dir / "a.jsonl"}, o, collecting_observer());
    FAIL() << "strict mode did not fail";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("a.jsonl:4"), std::string::npos) << e.what();
  }
  // The first batch (2 articles) was committed before the bad record; the third was not.
  EXPECT_EQ(open_database_for_reading(dir / "db").get_doccount(), 2U);
}

TEST(Indexer, APathThatDoesNotExistFailsBeforeAnythingIsWritten) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(2));
  try {
    index_paths({dir / "a.jsonl", dir / "nope.jsonl"}, options_for(dir / "db"),
                collecting_observer());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nope.jsonl: no such file"), std::string::npos);
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
}

TEST(Indexer, RefusesADirectoryThatIsNotANewsdexDatabase) {
  TempDir dir;
  write_file(dir / "notdb/notes.txt", "my notes");
  write_file(dir / "a.jsonl", jsonl_corpus(1));
  EXPECT_THROW(index_paths({dir / "a.jsonl"}, options_for(dir / "notdb"), collecting_observer()),
               DatabaseError);
  EXPECT_EQ(testing::read_whole_file(dir / "notdb/notes.txt"), "my notes");
  {
    Xapian::WritableDatabase plain(dir / "plain", Xapian::DB_CREATE);
    plain.add_document(Xapian::Document());
    plain.commit();
  }
  try {
    index_paths({dir / "a.jsonl"}, options_for(dir / "plain"), collecting_observer());
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("not a Newsdex database"), std::string::npos) << e.what();
  }
  EXPECT_THROW(open_database_for_reading(dir / "notdb"), DatabaseError);
}

TEST(Indexer, ADatabaseLockedByAnotherWriterIsAClearError) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(2));
  index_paths({dir / "a.jsonl"}, options_for(dir / "db"), collecting_observer());
  Xapian::WritableDatabase holder(dir / "db", Xapian::DB_OPEN);
  try {
    index_paths({dir / "a.jsonl"}, options_for(dir / "db"), collecting_observer());
    FAIL() << "no error";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("locked by another writer"), std::string::npos);
  }
}

// One writer (--shards 1) commits batch by batch; a default build of a new database commits
// only at its end (tests/safety/fault_test.sh kills those).
TEST(Indexer, AnInterruptedRunLeavesTheLastCommitAndARerunFinishesWithoutDuplicates) {
  TempDir dir;
  const int n = 40000;
  write_file(dir / "big.jsonl", jsonl_corpus(n));
  const std::string cmd = std::string(NEWSDEX_BINARY) + " index --db " + (dir / "db") +
                          " --shards 1 --batch-size 1000 " + (dir / "big.jsonl");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    execl("/bin/sh", "sh", "-c", ("exec " + cmd + " >/dev/null 2>&1").c_str(), nullptr);
    _exit(127);
  }
  // Kill it with SIGKILL as soon as at least one batch is committed.
  Xapian::doccount seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      seen = Xapian::Database(dir / "db").get_doccount();
    } catch (const Xapian::Error&) {
    }
    if (seen > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_GT(seen, 0U) << "the indexer committed nothing within the deadline";
  const auto after_kill = open_database_for_reading(dir / "db");
  const auto count = after_kill.get_doccount();
  EXPECT_EQ(count % 1000, 0U) << "a partial batch became visible";
  EXPECT_EQ(distinct_ids(after_kill), count);
  // The rerun completes the job.
  std::string out;
  ASSERT_EQ(testing::run_command(cmd, &out), 0) << out;
  const auto done = open_database_for_reading(dir / "db");
  EXPECT_EQ(done.get_doccount(), static_cast<Xapian::doccount>(n));
  EXPECT_EQ(distinct_ids(done), static_cast<Xapian::doccount>(n));
}

TEST(Indexer, DeleteRemovesArticlesAndReportsUnknownIds) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(5));
  index_paths({dir / "a.jsonl"}, options_for(dir / "db"), collecting_observer());
  const auto r = delete_articles(dir / "db", {"doc-1", "doc-3", "missing"});
  EXPECT_EQ(r.deleted, (std::vector<std::string>{"doc-1", "doc-3"}));
  EXPECT_EQ(r.not_found, std::vector<std::string>{"missing"});
  EXPECT_EQ(r.total_documents, 3U);
  EXPECT_FALSE(open_database_for_reading(dir / "db").term_exists("Qdoc-1"));
}

TEST(Indexer, CompactSwapsInASmallerCopyWithTheSameArticles) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(3000));
  auto o = options_for(dir / "db");
  o.batch_size = 100;
  o.shards = 1;  // one writer, committing batches: a database compaction makes smaller
  index_paths({dir / "a.jsonl"}, o, collecting_observer());
  const auto r = compact_database(dir / "db");
  EXPECT_LT(r.bytes_after, r.bytes_before);
  const auto db = open_database_for_reading(dir / "db");
  EXPECT_EQ(db.get_doccount(), 3000U);
  EXPECT_TRUE(db.term_exists("Qdoc-2999"));
  EXPECT_FALSE(std::filesystem::exists(dir / "db.compact-tmp"));
  // Still writable afterwards.
  write_file(dir / "b.jsonl", jsonl_corpus(1, 5000));
  EXPECT_EQ(index_paths({dir / "b.jsonl"}, o, collecting_observer()).total_documents, 3001U);
}

TEST(Indexer, AShardedBuildHoldsTheSameArticlesAsOneWriter) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(3000) + jsonl_corpus(10));  // ten ids repeat
  auto one = options_for(dir / "one");
  one.shards = 1;
  auto two = options_for(dir / "two");
  two.shards = 2;
  two.batch_size = 500;
  const auto s1 = index_paths({dir / "a.jsonl"}, one, collecting_observer());
  const auto s2 = index_paths({dir / "a.jsonl"}, two, collecting_observer());
  EXPECT_EQ(s2.total_documents, 3000U);
  EXPECT_EQ(s2.replaced, 10U);
  EXPECT_EQ(s1.total_documents, s2.total_documents);
  const auto a = open_database_for_reading(dir / "one");
  const auto b = open_database_for_reading(dir / "two");
  EXPECT_EQ(distinct_ids(b), 3000U);
  for (const char* t : {"XCOMPANY:SK Hynix", "Zdram", "M202003", "Qdoc-42"}) {
    EXPECT_EQ(a.get_termfreq(t), b.get_termfreq(t)) << t;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "two.shard-0"));
  // Sharding only builds new databases.
  EXPECT_THROW(index_paths({dir / "a.jsonl"}, two, collecting_observer()), UsageError);
}

// The default: a new database is built with one writer per core and left compacted; adding to
// it afterwards is one writer, in place.
TEST(Indexer, TheDefaultBuildsANewDatabaseShardedAndCompactedAndAddsInPlace) {
  TempDir dir;
  write_file(dir / "a.jsonl", jsonl_corpus(3000));
  auto o = options_for(dir / "db");
  EXPECT_EQ(sharded_writers(o), std::clamp(std::thread::hardware_concurrency(), 1U, 64U));
  const auto first = index_paths({dir / "a.jsonl"}, o, collecting_observer());
  EXPECT_EQ(first.shards, sharded_writers(options_for(dir / "new")));
  EXPECT_EQ(first.total_documents, 3000U);
  const auto r = compact_database(dir / "db");  // compacting again gains (almost) nothing
  EXPECT_GE(static_cast<double>(r.bytes_after), 0.97 * static_cast<double>(r.bytes_before));
  EXPECT_EQ(sharded_writers(o), 0U);                   // it holds articles now
  write_file(dir / "b.jsonl", jsonl_corpus(5, 2998));  // two replace, three are new
  const auto more = index_paths({dir / "b.jsonl"}, o, collecting_observer());
  EXPECT_EQ(more.shards, 1U);
  EXPECT_EQ(more.replaced, 2U);
  EXPECT_EQ(more.total_documents, 3003U);
  // An empty database left by an earlier run counts as new.
  { Xapian::WritableDatabase empty(dir / "empty", Xapian::DB_CREATE_OR_OPEN); }
  EXPECT_GT(sharded_writers(options_for(dir / "empty")), 0U);
}

}  // namespace newsdex
