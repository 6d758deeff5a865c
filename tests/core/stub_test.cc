// The archive stub parser (core/stub.h): Xapian's format, the lines Newsdex serves, and a
// message with the stub's name and line for every line it cannot use.
#include "core/stub.h"

#include <gtest/gtest.h>

#include <string>

#include "core/errors.h"
#include "test_util.h"

namespace newsdex {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_stub(text, "/arc/XAPIANDB");
  } catch (const DatabaseError& e) {
    return e.what();
  }
  return "(parsed)";
}

TEST(Stub, ListsPartsRelativeToTheStubsDirectory) {
  const auto parts = parse_stub(
      "# parts\n\nauto 1987\n  glass  /data/live  \r\nauto ../old/./1986\n", "/arc/XAPIANDB");
  ASSERT_EQ(parts.size(), 3U);
  EXPECT_EQ(parts[0].path, "/arc/1987");
  EXPECT_EQ(parts[0].line, 3);
  EXPECT_EQ(parts[1].path, "/data/live");
  EXPECT_EQ(parts[2].path, "/old/1986");
  EXPECT_EQ(parts[2].line, 5);
}

TEST(Stub, RemoteShardsAreHostAndPort) {
  const auto parts =
      parse_stub("remote 127.0.0.1:33333\nauto local\nremote [::1]:1\n", "/arc/XAPIANDB");
  ASSERT_EQ(parts.size(), 3U);
  EXPECT_TRUE(parts[0].remote());
  EXPECT_EQ(parts[0].host, "127.0.0.1");
  EXPECT_EQ(parts[0].port, 33333U);
  EXPECT_EQ(parts[0].path, "127.0.0.1:33333");
  EXPECT_FALSE(parts[1].remote());
  EXPECT_EQ(parts[2].host, "::1");
  EXPECT_EQ(parts[2].port, 1U);
  EXPECT_EQ(parts[2].line, 3);
}

TEST(Stub, EveryLineItCannotUseIsNamed) {
  EXPECT_EQ(error_of(""), "/arc/XAPIANDB: the archive's stub lists no database");
  EXPECT_EQ(error_of("# only a comment\n"), "/arc/XAPIANDB: the archive's stub lists no database");
  EXPECT_NE(error_of("auto a\nremote 10.0.0.1\n").find("/arc/XAPIANDB:2: a remote shard is"),
            std::string::npos);
  EXPECT_NE(error_of("remote xapian-progsrv /db\n").find("'remote HOST:PORT'"), std::string::npos);
  for (const char* port : {"0", "65536", "99999999999", "12a", "-1", ""}) {
    EXPECT_NE(error_of("remote h:" + std::string(port) + "\n").find(":1: the port"),
              std::string::npos)
        << port;
  }
  EXPECT_NE(error_of("inmemory\n").find("/arc/XAPIANDB:1: not a Newsdex database"),
            std::string::npos);
  EXPECT_NE(error_of("{\"id\": 1}\n").find("found '{\"id\": 1}'"), std::string::npos);
  EXPECT_EQ(error_of("auto\n"), "/arc/XAPIANDB:1: 'auto' needs a path");
  EXPECT_EQ(error_of(std::string("auto a\0b\n", 9)), "/arc/XAPIANDB:1: a NUL byte");
}

TEST(Stub, SizeAndPartsAreBounded) {
  std::string many;
  for (std::size_t i = 0; i <= kMaxStubParts; ++i) many += "auto p" + std::to_string(i) + "\n";
  EXPECT_NE(error_of(many).find("more than 1024 databases"), std::string::npos);
  many.resize(many.size() - 1);
  std::string huge(kMaxStubBytes + 1, '#');
  EXPECT_NE(error_of(huge).find("over 1048576 bytes"), std::string::npos);
}

TEST(Stub, AStubIsAFileOrADirectoryHoldingXapiandb) {
  testing::TempDir dir;
  testing::write_file(dir / "file", "auto a\n");
  testing::write_file(dir / "archive/XAPIANDB", "auto a\n");
  std::filesystem::create_directories(dir / "db");
  EXPECT_EQ(stub_file_of(dir / "file"), dir / "file");
  EXPECT_EQ(stub_file_of(dir / "archive"), dir / "archive/XAPIANDB");
  EXPECT_EQ(stub_file_of(dir / "db"), "");
  EXPECT_EQ(stub_file_of(dir / "absent"), "");
}

}  // namespace
}  // namespace newsdex
