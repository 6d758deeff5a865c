// ExplainSink: prints, for each article a reader produces, what extraction finds and why
// (`newsdex index --explain`): every company match with its rule, the date rule and its line,
// and each topic's score against its threshold. Every value from the input goes through
// text::terminal_safe, as every warning does: names and values cannot send escape sequences.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "indexer/extract/extractor.h"
#include "indexer/readers/reader.h"

namespace newsdex {

// REQUIRES: `extractor` and `out` outlive the sink.
class ExplainSink : public ReadSink {
 public:
  ExplainSink(const ArticleExtractor& extractor, std::ostream& out)
      : extractor_(extractor), out_(out) {}

  bool wants_left_out() const override { return true; }
  void left_out(std::string_view why, std::string_view text) override {
    left_out_.emplace_back(why, text::truncate_utf8(text, 100));
  }

  void article(Article&& a, const SourceLocation& where) override {
    const Extraction e = extractor_.explain(a);
    out_ << "== " << safe(a.id) << "  (" << safe(where.to_string()) << ")\n";
    out_ << "title: " << safe(a.title) << "\n";
    print_left_out();
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
    out_ << "== " << safe(where.to_string() + ": skipped: " + message) << "\n";
    print_left_out();
    out_ << "\n";
  }
  void warn(const SourceLocation& where, const std::string& message) override {
    out_ << "-- " << safe(where.to_string() + ": warning: " + message) << "\n";
  }

 private:
  static std::string safe(std::string_view s) { return text::terminal_safe(s); }
  void print_left_out() {
    if (left_out_.empty()) return;
    out_ << "left out of the page's text (" << left_out_.size() << " blocks):\n";
    for (const auto& [why, t] : left_out_) out_ << "  [" << safe(why) << "] " << safe(t) << "\n";
    left_out_.clear();
  }
  const ArticleExtractor& extractor_;
  std::ostream& out_;
  std::vector<std::pair<std::string, std::string>> left_out_;
};

// `index --explain --json`: each article as it would be indexed, one JSON object a line, with
// the text a web reader left out; skips and warnings go to `err`.
class JsonExplainSink : public ReadSink {
 public:
  JsonExplainSink(const ArticleExtractor& extractor, bool extract, std::ostream& out,
                  std::ostream& err)
      : extractor_(extractor), extract_(extract), out_(out), err_(err) {}
  bool wants_left_out() const override { return true; }
  void left_out(std::string_view why, std::string_view text) override {
    left_out_.push_back({{"why", why}, {"text", text}});
  }
  void article(Article&& a, const SourceLocation& where) override {
    if (extract_) {
      extractor_.enrich(a);
    } else {
      extractor_.normalise(a);
    }
    nlohmann::json j = article_to_json(a);
    j["file"] = where.to_string();
    j["left_out"] = std::move(left_out_);
    left_out_ = nlohmann::json::array();
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  void skip(const SourceLocation& where, std::string_view, const std::string& message) override {
    err_ << "newsdex: " << text::terminal_safe(where.to_string() + ": skipped: " + message) << "\n";
    left_out_ = nlohmann::json::array();
  }
  void warn(const SourceLocation& where, const std::string& message) override {
    err_ << "newsdex: " << text::terminal_safe(where.to_string() + ": warning: " + message) << "\n";
  }

 private:
  const ArticleExtractor& extractor_;
  bool extract_;
  std::ostream& out_;
  std::ostream& err_;
  nlohmann::json left_out_ = nlohmann::json::array();
};

}  // namespace newsdex
