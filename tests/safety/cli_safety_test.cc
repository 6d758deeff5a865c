// Issue 17, items 12 and 13, through the real binary: compact leaves others' directories
// alone, and stored escape codes never reach the terminal raw.
#include <filesystem>

#include "core/text.h"
#include "test_util.h"

namespace newsdex::testing {
namespace {

TEST(CliSafety, CompactDoesNotDeleteADirectoryItDidNotCreate) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"id\":\"1\",\"title\":\"kept\"}\n");
  index_quietly(dir / "db", {dir / "a.jsonl"});
  write_file(dir / "db.compact-tmp/precious.txt", "mine");
  const auto r = run_newsdex("compact --db " + (dir / "db"));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(read_whole_file(dir / "db.compact-tmp/precious.txt"), "mine");
  // Nothing of compact's own is left beside the database.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 3U);  // a.jsonl, db, db.compact-tmp
  EXPECT_EQ(run_newsdex("search --db " + (dir / "db") + " kept").status, 0);
}

TEST(CliSafety, EscapeCodesInStoredTextDoNotReachTheTerminal) {
  TempDir dir;
  write_file(dir / "a.jsonl",
             "{\"id\":\"evil\\u001b]0;pwned\\u0007\",\"title\":\"Acme \\u001b[2J\\u001b[31mred "
             "\\u009b31m\",\"body\":\"acme \\u001b[5mblink\",\"companies\":[\"Ev\\u001bil\"]}\n");
  index_quietly(dir / "db", {dir / "a.jsonl"});
  const auto r = run_newsdex("search --db " + (dir / "db") + " --facets company acme");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x07'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Acme \\x1b[2J\\x1b[31mred \\u009b31m"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Ev\\x1bil"), std::string::npos) << r.out;
  const auto st = run_newsdex("stats --db " + (dir / "db"));
  EXPECT_EQ(st.out.find('\x1b'), std::string::npos) << st.out;
}

TEST(CliSafety, TerminalSafeKeepsTextAndEscapesControls) {
  EXPECT_EQ(text::terminal_safe("Caf\xc3\xa9 \xe2\x82\xac"), "Caf\xc3\xa9 \xe2\x82\xac");
  EXPECT_EQ(text::terminal_safe("a\nb\tc"), "a b c");
  EXPECT_EQ(text::terminal_safe(std::string("x\0y\x7f", 4)), "x\\x00y\\x7f");
  EXPECT_EQ(text::terminal_safe("\xff\xc3"), "\\xff\\xc3");
}

}  // namespace
}  // namespace newsdex::testing
