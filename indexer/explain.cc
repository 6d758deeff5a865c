// newsdex index --explain: what extraction finds in each article and why; writes nothing.
#include <cstdio>
#include <ostream>

#include "indexer/inputs.h"

namespace newsdex {

namespace {

// Prints each article's extraction; skips and warnings are printed in place.
class ExplainSink : public ReadSink {
 public:
  ExplainSink(const ArticleExtractor& extractor, std::ostream& out)
      : extractor_(extractor), out_(out) {}

  void article(Article&& a, const SourceLocation& where) override {
    const Extraction e = extractor_.explain(a);
    out_ << "== " << a.id << "  (" << where.to_string() << ")\n";
    out_ << "title: " << a.title << "\n";
    out_ << "companies" << (a.companies_given ? " (given in the record; text shown below)" : "")
         << ":\n";
    if (e.company_mentions.empty()) out_ << "  none found\n";
    for (const auto& m : e.company_mentions) {
      out_ << "  " << m.company << (m.discovered ? " [discovered]" : "") << "  <- \"" << m.matched
           << "\" at byte " << m.offset << ": " << m.why << "\n";
    }
    out_ << "date: ";
    if (!a.date.empty() && a.date_source == "given") {
      out_ << a.date << " (given in the record)\n";
    } else if (!a.date.empty()) {
      // The plain-text reader already took the date from the header lines.
      out_ << a.date << " (rule: " << a.date_source << ", from the file's header lines)\n";
    } else if (e.date) {
      out_ << e.date->date.iso() << " (rule: " << e.date->source << ", form " << e.date->form
           << ", line " << e.date->line << ": \"" << e.date->evidence << "\")\n";
    } else {
      out_ << "none found (the article is kept undated)\n";
    }
    out_ << "topics" << (a.topics_given ? " (given in the record)" : "") << ":\n";
    if (e.topic_scores.empty()) out_ << "  no rule matched\n";
    for (const auto& s : e.topic_scores) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f / %.1f", s.score, s.threshold);
      out_ << "  " << (s.assigned() ? "+ " : "- ") << s.topic << "  " << buf << ":";
      for (const auto& ev : s.evidence) out_ << " " << ev << ";";
      out_ << "\n";
    }
    out_ << "\n";
  }
  void skip(const SourceLocation& where, std::string_view, const std::string& message) override {
    out_ << "== " << where.to_string() << ": skipped: " << message << "\n\n";
  }
  void warn(const SourceLocation& where, const std::string& message) override {
    out_ << "-- " << where.to_string() << ": warning: " << message << "\n";
  }

 private:
  const ArticleExtractor& extractor_;
  std::ostream& out_;
};

}  // namespace

void explain_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   std::ostream& out) {
  std::map<std::string, std::size_t> skipped;
  IndexObserver observer;
  observer.message = [&](const std::string& m) { out << "-- " << m << "\n"; };
  const auto inputs = collect_inputs(paths, options.format, skipped, observer);
  const ArticleExtractor extractor = make_extractor(options);
  ExplainSink sink(extractor, out);
  read_inputs(inputs, options, sink, observer, [] { return std::size_t{0}; });
}

}  // namespace newsdex
