// libFuzzer target: the gazetteer's TSV parser (core/gazetteer.h), which reads a user's
// --companies file and the text a database stores. Any bytes give a gazetteer or an
// InputError; a parsed company's name in any year is one of the names it is filed under, and
// every one of those names leads back to it.
#include <cstdlib>
#include <string>

#include "core/errors.h"
#include "core/gazetteer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  try {
    const auto g = newsdex::CompanyGazetteer::parse(s, "fuzz.tsv");
    for (const auto& c : g.companies()) {
      const auto filed = g.filed_names(c.name);
      if (filed.empty()) std::abort();
      for (const int year : {0, 1, 1987, 2024, 9999}) {
        const std::string name = g.name_in(c.name, year);
        bool known = false;
        for (const auto& f : filed) known = known || f == name;
        // (a name another row claimed first resolves to that row: then c.name is returned)
        if (!known && name != c.name) std::abort();
      }
      for (const auto& f : c.former) {
        if (f.name.empty() || f.until_year < 1000 || f.until_year > 9999) std::abort();
        if (f.until_year <= c.founded) std::abort();
      }
    }
  } catch (const newsdex::InputError&) {
  }
  return 0;
}
