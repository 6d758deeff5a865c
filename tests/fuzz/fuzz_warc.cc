// libFuzzer target: the WARC reader on arbitrary bytes, read plain and, when they start with
// the gzip magic, through the multi-member gunzip stream.
#include "fuzz_sink.h"
#include "indexer/web/byte_source.h"
#include "indexer/web/warc_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::WebCheckingSink sink;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  newsdex::web::StringSource raw(bytes);
  if (newsdex::web::is_gzip(bytes)) {
    newsdex::web::GunzipSource unzipped(raw);
    newsdex::web::read_warc(unzipped, "fuzz.warc.gz", sink);
  } else {
    newsdex::web::read_warc(raw, "fuzz.warc", sink);
  }
  return 0;
}
