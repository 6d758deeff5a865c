// Archives: several Newsdex databases searched as one, listed in a Xapian stub file.
// The stub is Xapian's own format (Xapian opens it too): one database a line, "auto PATH"
// (or "glass PATH"), a relative PATH being relative to the stub's directory, or "remote
// HOST:PORT" for a shard that a stock xapian-tcpsrv serves (a cluster); blank lines and lines
// starting with '#' are skipped. A directory holding a stub named XAPIANDB is one too.
// Newsdex reads the stub itself to open each part on its own handle: Xapian answers some
// questions (a database's revision) only per database.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Most databases one stub may list, and the most bytes it may hold.
inline constexpr std::size_t kMaxStubParts = 1024;
inline constexpr std::size_t kMaxStubBytes = 1 << 20;

// One database a stub lists.
struct StubPart {
  std::string path;  // as written, made absolute against the stub's directory; remote: HOST:PORT
  int line = 0;      // 1-based, for messages
  std::string host;  // a remote shard's host ("" for a local database)
  unsigned port = 0;
  bool remote() const { return !host.empty(); }
};

// The databases `text` lists. `stub_path` names the stub in messages and anchors relative
// paths. Throws DatabaseError "STUB:LINE: ..." for a line it cannot use: a backend other than
// auto/glass/remote, a missing path, a remote line that is not HOST:PORT (1-65535), more than
// kMaxStubParts parts, more than kMaxStubBytes bytes, or none at all.
std::vector<StubPart> parse_stub(std::string_view text, const std::string& stub_path);

// The stub file of `path` when it names an archive (a regular file, or a directory holding
// XAPIANDB), else "".
std::string stub_file_of(const std::string& path);

}  // namespace newsdex
