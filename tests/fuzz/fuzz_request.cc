// libFuzzer target: an HTTP query string -> parameters (httplib) -> SearchRequest -> Xapian
// query and search, on a small database made once per process. The same bytes also go to the
// two ranking switch parsers (`index --bm25`, `eval --ranking`): refused with a UsageError or
// parsed, and a parsed --bm25 value formats back to itself.
#include <httplib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/errors.h"
#include "core/ranking.h"
#include "indexer/indexer.h"
#include "searcher/ranking_features.h"
#include "searcher/request.h"
#include "searcher/search.h"

namespace {

std::string make_database() {
  std::string dir = (std::filesystem::temp_directory_path() / "newsdex-fuzz-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr) std::abort();
  {
    std::ofstream out(dir + "/a.jsonl");
    out << R"({"id":"1","title":"Samsung and Microsoft","body":"chips cloud ai","date":"2018-11-07","companies":["Samsung Electronics","Microsoft"],"topics":["AI"]})"
        << "\n"
        << R"({"id":"2","title":"Oil prices","body":"crude oil opec","date":"1987-02-26","companies":["Salomon Brothers"],"topics":["crude"]})"
        << "\n";
  }
  newsdex::IndexOptions o;
  o.db_path = dir + "/db";
  newsdex::index_paths({dir + "/a.jsonl"}, o, newsdex::IndexObserver{});
  return o.db_path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static newsdex::Searcher searcher(make_database());
  const std::string raw(reinterpret_cast<const char*>(data), size);
  try {
    const auto p = newsdex::ranking::parse_params(raw);
    if (!(newsdex::ranking::parse_params(newsdex::ranking::format_params(p)) == p)) std::abort();
  } catch (const newsdex::UsageError&) {
  }
  try {
    (void)newsdex::parse_ranking_features(raw);
  } catch (const newsdex::UsageError&) {
  }
  httplib::Params params;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size), params);
  try {
    const auto request = newsdex::parse_search_params({params.begin(), params.end()});
    const auto result = searcher.search(request);
    if (result.hits.size() > request.limit) std::abort();
    (void)newsdex::result_to_json(result).dump();
  } catch (const newsdex::UsageError&) {
    // rejected with a message: the expected outcome for most inputs
  }
  return 0;
}
