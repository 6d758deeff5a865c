// libFuzzer target: the plain-text reader on arbitrary bytes.
#include "fuzz_sink.h"
#include "indexer/readers/text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::CheckingSink sink;
  newsdex::read_text_article(std::string_view(reinterpret_cast<const char*>(data), size),
                             "fuzz.txt", "fuzz.txt", sink);
  return 0;
}
