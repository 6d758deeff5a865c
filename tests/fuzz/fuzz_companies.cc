// libFuzzer target: the company matcher with the bundled gazetteer.
#include <cstdlib>

#include "core/gazetteer.h"
#include "indexer/extract/companies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto gazetteer =
      newsdex::CompanyGazetteer::load(std::string(NEWSDEX_DATA_DIR) + "/companies.tsv");
  static const newsdex::CompanyMatcher matcher(gazetteer);
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  for (const auto& m : matcher.find(s)) {
    if (m.offset > s.size() || m.company.empty()) std::abort();
  }
  return 0;
}
