// Plain-text reader: a title line, a date and/or byline near the top, then the body
// (SPEC "Articles"). One file is one article.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace newsdex {

// Reads one story from `content` (the file's bytes; Latin-1 is accepted where the bytes are
// not UTF-8, with a warning). `id` is the file's path relative to the directory argument.
// The title is the first non-empty line that is not a date, byline or crawl stamp; the
// publication date follows find_publication_date(); "By ..." sets the author. Header lines
// (date, byline, stamps) are not repeated in the body. Empty and binary files are skipped.
void read_text_article(std::string_view content, const std::string& id, const std::string& file,
                       ReadSink& sink);

}  // namespace newsdex
