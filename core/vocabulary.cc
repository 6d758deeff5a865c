#include "core/vocabulary.h"

#include <vector>

#include "core/errors.h"
#include "core/schema.h"
#include "core/text.h"

namespace newsdex {

namespace {
std::string key(std::string_view field, std::string_view code) {
  return std::string(field) + "\t" + text::to_lower_ascii(text::trim(code));
}
// "topic, org or place": the fields whose values the vocabulary names.
std::string vocabulary_fields() {
  std::vector<std::string_view> names;
  for (const auto& f : schema::kFields) {
    if (f.resolve == schema::Resolve::kVocabulary) names.push_back(f.name);
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
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
        const auto* f = schema::find_field(field);
        if (f == nullptr || f->resolve != schema::Resolve::kVocabulary) {
          throw InputError(where + "unknown field '" + std::string(field) + "' (" +
                           vocabulary_fields() + ")");
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
