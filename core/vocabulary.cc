#include "core/vocabulary.h"

#include "core/errors.h"
#include "core/text.h"

namespace newsdex {

namespace {
std::string key(std::string_view field, std::string_view code) {
  return std::string(field) + "\t" + text::to_lower_ascii(text::trim(code));
}
}  // namespace

CodeVocabulary CodeVocabulary::parse(std::string_view tsv, std::string_view source_name) {
  CodeVocabulary v;
  text::for_each_tsv_row(
      tsv, source_name, [&](const std::vector<std::string_view>& cols, const std::string& where) {
        if (cols.size() != 3 || text::trim(cols[1]).empty() || text::trim(cols[2]).empty()) {
          throw InputError(where + "expected 3 TAB-separated columns: field, code, name");
        }
        const auto field = text::trim(cols[0]);
        if (field != "topic" && field != "org") {
          throw InputError(where + "unknown field '" + std::string(field) + "' (topic or org)");
        }
        v.names_[key(field, cols[1])] = std::string(text::trim(cols[2]));
      });
  return v;
}

CodeVocabulary CodeVocabulary::load(const std::string& path) {
  return parse(text::read_file(path, "the code vocabulary"), path);
}

std::string CodeVocabulary::default_path() {
  return std::string(NEWSDEX_DATA_DIR) + "/vocabulary.tsv";
}

std::string CodeVocabulary::name(std::string_view field, std::string_view code) const {
  const auto it = names_.find(key(field, code));
  return it != names_.end() ? it->second : std::string(text::trim(code));
}

}  // namespace newsdex
