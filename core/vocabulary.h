// CodeVocabulary: the names that category codes given by a source become in the facets
// (data/vocabulary.tsv: "topic earn Earnings", "org opec OPEC", "place usa United States"), so that
// one idea has one name whether a source gave it as a code or the taxonomy extracted it.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace newsdex {

class CodeVocabulary {
 public:
  CodeVocabulary() = default;
  // Parses TSV text (field, code, name). Throws InputError naming `source_name` and the line
  // on a row without three non-empty columns or with a field the schema does not name by
  // vocabulary (topic, org, place).
  static CodeVocabulary parse(std::string_view tsv, std::string_view source_name);
  // Reads and parses a file. Throws InputError when it cannot be read.
  static CodeVocabulary load(const std::string& path);
  // The bundled data/vocabulary.tsv.
  static std::string default_path();

  // The name of `code` in facet `field` ("topic", "org", "place"), matched ignoring case; `code`
  // itself (trimmed) when the vocabulary does not list it.
  std::string name(std::string_view field, std::string_view code) const;
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, std::string> names_;  // "field\tlowercased code" -> name
};

}  // namespace newsdex
