// libFuzzer target: the Reuters SGML reader on arbitrary bytes.
#include "fuzz_sink.h"
#include "indexer/readers/reuters_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::CheckingSink sink;
  newsdex::read_reuters_sgml(std::string_view(reinterpret_cast<const char*>(data), size),
                             "fuzz.sgm", sink);
  return 0;
}
