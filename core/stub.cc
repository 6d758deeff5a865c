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
    if (backend == "remote") {
      throw DatabaseError(where + "remote shards are not served yet; list local databases as " +
                          "'auto PATH'");
    }
    if (backend != "auto" && backend != "glass") {
      throw DatabaseError(where + "not a Newsdex database, nor an archive's stub (expected " +
                          "'auto PATH', found '" + std::string(line.substr(0, 60)) + "')");
    }
    if (path.empty()) throw DatabaseError(where + "'" + std::string(backend) + "' needs a path");
    if (parts.size() == kMaxStubParts) {
      throw DatabaseError(where + "more than " + std::to_string(kMaxStubParts) + " databases");
    }
    const fs::path p(path);
    parts.push_back({(p.is_absolute() ? p : base / p).lexically_normal().string(), line_no});
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
