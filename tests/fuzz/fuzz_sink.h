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

}  // namespace newsdex::fuzz
