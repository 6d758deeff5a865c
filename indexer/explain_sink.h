// ExplainSink: prints, for each article a reader produces, what extraction finds and why
// (`newsdex index --explain`): every company match with its rule, the date rule and its line,
// and each topic's score against its threshold. Every value from the input goes through
// text::terminal_safe, as every warning does: names and values cannot send escape sequences.
#pragma once

#include <cstdio>
#include <ostream>

#include "core/text.h"
#include "indexer/extract/extractor.h"
#include "indexer/readers/reader.h"

namespace newsdex {

// REQUIRES: `extractor` and `out` outlive the sink.
class ExplainSink : public ReadSink {
 public:
  ExplainSink(const ArticleExtractor& extractor, std::ostream& out)
      : extractor_(extractor), out_(out) {}

  void article(Article&& a, const SourceLocation& where) override {
    const Extraction e = extractor_.explain(a);
    out_ << "== " << safe(a.id) << "  (" << safe(where.to_string()) << ")\n";
    out_ << "title: " << safe(a.title) << "\n";
    out_ << "companies" << (a.companies_given ? " (given in the record; text shown below)" : "")
         << ":\n";
    if (e.company_mentions.empty()) out_ << "  none found\n";
    for (const auto& m : e.company_mentions) {
      out_ << "  " << safe(m.company) << (m.discovered ? " [discovered]" : "") << "  <- \""
           << safe(m.matched) << "\" at byte " << m.offset << ": " << safe(m.why) << "\n";
    }
    out_ << "date: ";
    if (!a.date.empty() && a.date_source == "given") {
      out_ << safe(a.date) << " (given in the record)\n";
    } else if (!a.date.empty()) {
      // The plain-text reader already took the date from the header lines.
      out_ << safe(a.date) << " (rule: " << safe(a.date_source)
           << ", from the file's header lines)\n";
    } else if (e.date) {
      out_ << e.date->date.iso() << " (rule: " << e.date->source << ", form " << e.date->form
           << ", line " << e.date->line << ": \"" << safe(e.date->evidence) << "\")\n";
    } else {
      out_ << "none found (the article is kept undated)\n";
    }
    out_ << "topics" << (a.topics_given ? " (given in the record)" : "") << ":\n";
    if (e.topic_scores.empty()) out_ << "  no rule matched\n";
    for (const auto& s : e.topic_scores) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f / %.1f", s.score, s.threshold);
      out_ << "  " << (s.assigned() ? "+ " : "- ") << safe(s.topic) << "  " << buf << ":";
      for (const auto& ev : s.evidence) out_ << " " << safe(ev) << ";";
      out_ << "\n";
    }
    out_ << "\n";
  }
  void skip(const SourceLocation& where, std::string_view, const std::string& message) override {
    out_ << "== " << safe(where.to_string() + ": skipped: " + message) << "\n\n";
  }
  void warn(const SourceLocation& where, const std::string& message) override {
    out_ << "-- " << safe(where.to_string() + ": warning: " + message) << "\n";
  }

 private:
  static std::string safe(std::string_view s) { return text::terminal_safe(s); }
  const ArticleExtractor& extractor_;
  std::ostream& out_;
};

}  // namespace newsdex
