// libFuzzer target: the archive stub parser (core/stub.h). Any bytes give parts or a
// DatabaseError; a part always has an absolute path and a line within the text.
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
      if (p.path.empty() || p.path.front() != '/' || p.line < 1 || p.line > lines) std::abort();
    }
  } catch (const newsdex::DatabaseError&) {
  }
  return 0;
}
