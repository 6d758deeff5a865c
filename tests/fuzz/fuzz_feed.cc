// libFuzzer target: the RSS/Atom reader (libxml2, then gumbo for item HTML) on arbitrary bytes.
#include "fuzz_sink.h"
#include "indexer/web/feed_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::WebCheckingSink sink;
  newsdex::web::read_feed(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.rss",
                          sink);
  return 0;
}
