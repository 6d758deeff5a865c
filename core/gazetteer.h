// CompanyGazetteer: canonical company names and their aliases, read from a TSV file
// (data/companies.tsv: name, aliases, ticker, country, common_words). The indexer matches it
// against article text; the searcher resolves what users type ("sk hynix", "MS") with it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex {

struct Company {
  std::string name;                  // canonical
  std::vector<std::string> aliases;  // other surface forms
  std::string ticker, country;
  std::vector<std::string> common_words;  // forms that are also ordinary English words
};

class CompanyGazetteer {
 public:
  CompanyGazetteer() = default;
  // Parses TSV text. Throws InputError naming `source_name` and the line on a malformed row.
  static CompanyGazetteer parse(std::string_view tsv, std::string_view source_name);
  // Reads and parses a file. Throws InputError when it cannot be read.
  static CompanyGazetteer load(const std::string& path);
  // The bundled data/companies.tsv.
  static std::string default_path();

  const std::vector<Company>& companies() const { return companies_; }
  // The canonical name for a name or alias, ignoring case; nullopt if unknown.
  std::optional<std::string> canonical(std::string_view name) const;
  // The TSV text it was parsed from (stored in the database so searches resolve the same way).
  const std::string& tsv() const { return tsv_; }

 private:
  std::vector<Company> companies_;
  std::unordered_map<std::string, std::size_t> by_lower_name_;  // lowercased form -> index
  std::string tsv_;
};

}  // namespace newsdex
