// JSON Lines reader: one article object per line (SPEC "Articles").
#pragma once

#include <istream>
#include <string>

#include "indexer/readers/reader.h"

namespace newsdex {

struct JsonlOptions {
  // The key that holds the article id ("id"); another key such as "url" may serve.
  std::string id_field = "id";
};

// Reads every line of `in`, reporting articles and skips to `sink`. `file` names the input in
// messages. Accepted keys: id, title (or headline), body (or text, content, description,
// short_description), date, url (or link), source, author (or authors), companies, topics
// (or category). Empty lines are ignored.
void read_jsonl(std::istream& in, const std::string& file, const JsonlOptions& options,
                ReadSink& sink);

}  // namespace newsdex
