#include "core/stub.h"

#include <filesystem>

#include "core/errors.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {
std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}
// "HOST:PORT" of a remote line (Xapian's TCP form; its program form is refused).
StubPart parse_remote(std::string_view spec, const std::string& where, int line_no) {
  const auto colon = spec.rfind(':');
  if (spec.empty() || colon == std::string_view::npos || colon == 0 ||
      spec.find_first_of(" \t") != std::string_view::npos) {
    throw DatabaseError(where + "a remote shard is 'remote HOST:PORT' (a xapian-tcpsrv), found '" +
                        std::string(spec.substr(0, 60)) + "'");
  }
  const std::string_view digits = spec.substr(colon + 1);
  unsigned port = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9' || port > 65535) break;
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos || port == 0 ||
      port > 65535) {
    throw DatabaseError(where + "the port of a remote shard is a number from 1 to 65535, found '" +
                        std::string(digits.substr(0, 20)) + "'");
  }
  StubPart part;
  part.host = std::string(spec.substr(0, colon));
  if (part.host.size() > 2 && part.host.front() == '[' && part.host.back() == ']')
    part.host = part.host.substr(1, part.host.size() - 2);  // [::1]:PORT
  part.port = port;
  part.path = std::string(spec);
  part.line = line_no;
  return part;
}
}  // namespace

std::vector<StubPart> parse_stub(std::string_view text, const std::string& stub_path) {
  if (text.size() > kMaxStubBytes) {
    throw DatabaseError(stub_path + ": the archive's stub file is over " +
                        std::to_string(kMaxStubBytes) + " bytes");
  }
  const fs::path base = fs::path(stub_path).parent_path();
  std::vector<StubPart> parts;
  int line_no = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto end = std::min(text.find('\n', at), text.size());
    const std::string_view line = trimmed(text.substr(at, end - at));
    at = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = stub_path + ":" + std::to_string(line_no) + ": ";
    if (line.find('\0') != std::string_view::npos) throw DatabaseError(where + "a NUL byte");
    const auto space = line.find_first_of(" \t");
    const std::string_view backend = line.substr(0, space);
    const std::string_view path =
        space == std::string_view::npos ? std::string_view() : trimmed(line.substr(space));
    if (parts.size() == kMaxStubParts) {
      throw DatabaseError(where + "more than " + std::to_string(kMaxStubParts) + " databases");
    }
    if (backend == "remote") {
      parts.push_back(parse_remote(path, where, line_no));
      continue;
    }
    if (backend != "auto" && backend != "glass") {
      throw DatabaseError(where + "not a Newsdex database, nor an archive's stub (expected " +
                          "'auto PATH', found '" + std::string(line.substr(0, 60)) + "')");
    }
    if (path.empty()) throw DatabaseError(where + "'" + std::string(backend) + "' needs a path");
    const fs::path p(path);
    StubPart part;
    part.path = (p.is_absolute() ? p : base / p).lexically_normal().string();
    part.line = line_no;
    parts.push_back(std::move(part));
  }
  if (parts.empty()) throw DatabaseError(stub_path + ": the archive's stub lists no database");
  return parts;
}

std::string stub_file_of(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return path;
  const fs::path inside = fs::path(path) / "XAPIANDB";
  if (fs::is_directory(path, ec) && fs::is_regular_file(inside, ec)) return inside.string();
  return {};
}

}  // namespace newsdex
