// libFuzzer target: the JSON Lines reader on arbitrary bytes.
#include <sstream>

#include "fuzz_sink.h"
#include "indexer/readers/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  newsdex::fuzz::CheckingSink sink;
  newsdex::read_jsonl(in, "fuzz.jsonl", newsdex::JsonlOptions{}, sink);
  return 0;
}
