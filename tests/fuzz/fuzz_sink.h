// A ReadSink for the fuzz targets: checks what every reader promises of an article.
#pragma once

#include <cstdlib>

#include "core/text.h"
#include "indexer/readers/reader.h"

namespace newsdex::fuzz {

struct CheckingSink : ReadSink {
  void article(Article&& a, const SourceLocation&) override {
    // Readers hand on only text (UTF-8) with an id and a body within the limit.
    if (a.id.empty() || !text::is_valid_utf8(a.title) || !text::is_valid_utf8(a.body) ||
        a.body.size() > kMaxBodyBytes) {
      std::abort();
    }
  }
  void skip(const SourceLocation&, std::string_view, const std::string&) override {}
  void warn(const SourceLocation&, const std::string&) override {}
};

// The web readers also promise UTF-8 in every field they take from the page or feed.
struct WebCheckingSink : CheckingSink {
  void article(Article&& a, const SourceLocation& where) override {
    for (const std::string* s : {&a.id, &a.url, &a.author, &a.source, &a.date}) {
      if (!text::is_valid_utf8(*s)) std::abort();
    }
    for (const auto& t : a.topics) {
      if (!text::is_valid_utf8(t)) std::abort();
    }
    CheckingSink::article(std::move(a), where);
  }
};

}  // namespace newsdex::fuzz
