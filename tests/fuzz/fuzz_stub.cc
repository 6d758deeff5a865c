// libFuzzer target: the archive stub parser (core/stub.h). Any bytes give parts or a
// DatabaseError; a part always has a line within the text, and an absolute path, or (a remote
// shard) a host and a port from 1 to 65535.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/errors.h"
#include "core/stub.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  try {
    const auto parts = newsdex::parse_stub(s, "/archive/XAPIANDB");
    if (parts.empty() || parts.size() > newsdex::kMaxStubParts) std::abort();
    const auto lines = static_cast<int>(std::count(s.begin(), s.end(), '\n')) + 1;
    for (const auto& p : parts) {
      if (p.line < 1 || p.line > lines) std::abort();
      if (p.remote() ? p.port < 1 || p.port > 65535 || p.path.empty()
                     : p.path.empty() || p.path.front() != '/') {
        std::abort();
      }
    }
  } catch (const newsdex::DatabaseError&) {
  }
  return 0;
}
