// newsdex index --explain: what extraction finds in each article and why; writes nothing.
#include <algorithm>
#include <iterator>
#include <ostream>
#include <sstream>

#include "core/errors.h"
#include "core/text.h"
#include "indexer/explain_sink.h"
#include "indexer/inputs.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/reuters_reader.h"
#include "indexer/readers/text_reader.h"
#include "indexer/web/feed_reader.h"
#include "indexer/web/html_reader.h"

namespace newsdex {

void explain_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   std::ostream& out, std::istream& in, bool json, std::ostream& err) {
  std::map<std::string, std::size_t> skipped;
  IndexObserver observer;
  observer.message = [&](const std::string& m) {
    (json ? err : out) << (json ? "newsdex: " : "-- ") << text::terminal_safe(m) << "\n";
  };
  std::vector<std::string> files;
  std::copy_if(paths.begin(), paths.end(), std::back_inserter(files),
               [](const std::string& p) { return p != "-"; });
  const auto inputs = collect_inputs(files, options.format, skipped, observer);
  const ArticleExtractor extractor = make_extractor(options);
  ExplainSink text_sink(extractor, out);
  JsonExplainSink json_sink(extractor, options.extract, out, err);
  ReadSink& sink = json ? static_cast<ReadSink&>(json_sink) : text_sink;
  if (files.size() != paths.size()) {
    // Standard input: one pasted article (plain text), or JSON Lines when it starts with '{'.
    std::string content(kMaxExplainInput + 1, '\0');
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    content.resize(static_cast<std::size_t>(in.gcount()));
    if (content.size() > kMaxExplainInput) {
      throw InputError("<stdin>: more than " + std::to_string(kMaxExplainInput >> 20) +
                       " MiB; --explain reads one article (or a few) from standard input");
    }
    const auto start = content.find_first_not_of(" \t\r\n");
    const bool jsonl = options.format == InputFormat::kJsonl ||
                       (options.format == InputFormat::kAuto && start != std::string::npos &&
                        content[start] == '{');
    if (options.format == InputFormat::kReuters) {
      read_reuters_sgml(content, "<stdin>", sink);
    } else if (options.format == InputFormat::kHtml) {
      // A named value: GCC 12 at -O3 warns (falsely) about a temporary's strings here.
      web::PageOrigin origin;
      origin.id = "stdin";
      origin.where.file = "<stdin>";
      web::read_html_page(content, origin, sink);
    } else if (options.format == InputFormat::kFeed) {
      web::read_feed(content, "<stdin>", sink);
    } else if (jsonl) {
      std::istringstream lines(content);
      read_jsonl(lines, "<stdin>", JsonlOptions{options.id_field}, sink);
    } else {
      read_text_article(content, "stdin", "<stdin>", sink);
    }
  }
  read_inputs(inputs, options, sink, observer, [] { return std::size_t{0}; });
}

}  // namespace newsdex
