// libFuzzer target: the HTML reader (charset detection, gumbo, the main-text rule, metadata)
// on arbitrary bytes, as a page fetched from a URL with an HTTP charset.
#include "fuzz_sink.h"
#include "indexer/web/html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::WebCheckingSink sink;
  newsdex::web::PageOrigin origin;
  origin.id = "https://example.org/a/b/page.html";
  origin.where = {"fuzz.html", 0};
  origin.url = origin.id;
  // The first byte picks the HTTP charset, so declared and undeclared pages are both tried.
  static const char* const kCharsets[] = {"",          "utf-8",  "iso-8859-1",
                                          "shift_jis", "euc-kr", "x-unknown"};
  if (size > 0) origin.http_charset = kCharsets[data[0] % 6];
  newsdex::web::read_html_page(std::string_view(reinterpret_cast<const char*>(data), size), origin,
                               sink);
  return 0;
}
