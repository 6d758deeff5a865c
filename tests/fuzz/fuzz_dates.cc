// libFuzzer target: the date parsers (ISO dates, dates in text, the publication-date rule).
#include <cstdlib>

#include "core/dates.h"
#include "indexer/extract/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  if (const auto d = newsdex::parse_iso_date(s)) {
    // A parsed date round-trips through its ISO form.
    if (!newsdex::parse_iso_date(d->iso())) std::abort();
  }
  for (const auto& m : newsdex::find_dates(s)) {
    if (!newsdex::parse_iso_date(m.date.iso())) std::abort();
  }
  (void)newsdex::find_publication_date(s);
  return 0;
}
