// CompanyGazetteer: canonical company names and their aliases, read from a TSV file
// (data/companies.tsv: name, aliases, ticker, country, common_words, and the company's history:
// its founding year and former names). The indexer
// matches it against article text and files each company under the name it had at the article's
// date; the searcher resolves what users type ("sk hynix", "MS") with it and groups the names of
// one company in facets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex {

// A name a company had before: it names articles dated before `until_year` (and on or after
// the previous former name's year).
struct FormerName {
  std::string name;
  int until_year;
};

struct Company {
  std::string name;                  // canonical: the company's name today
  std::vector<std::string> aliases;  // other surface forms
  std::string ticker, country;
  std::vector<std::string> common_words;  // forms that are also ordinary English words
  std::vector<FormerName> former;         // by until_year, ascending
  int founded = 0;  // the first year it existed, when that is after the archives begin; or 0

  // Whether an article of `year` (0: undated) can mean this company.
  bool existed_in(int year) const { return year == 0 || year >= founded; }
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
  // The name the company of `name` (any of its names) had in `year`: a former name for a year
  // before its until_year, else the canonical name. A name the gazetteer does not know, or
  // `year` 0 (an undated article), gives `name` unchanged.
  std::string name_in(std::string_view name, int year) const;
  // False when `name` is a company that did not exist yet in `year` (its row's founding year):
  // "Charter" in 1987 is not Charter Communications. True for unknown names and year 0.
  bool existed_in(std::string_view name, int year) const;
  // canonical(), for a company that existed in `year` (0: any year).
  std::optional<std::string> canonical_in(std::string_view name, int year) const;
  // Every name a company is filed under (canonical first, then former names) when `name` is one
  // of its names or aliases; empty when the gazetteer does not know it.
  std::vector<std::string> filed_names(std::string_view name) const;
  // The company a value of the company field stands for when the searcher groups its names:
  // the canonical name when `value` is one of the names a company with several is filed under
  // (canonical or former, exactly), else "" (a single name, an alias, or a discovered company
  // that happens to spell an alias).
  std::string grouped_under(std::string_view value) const;
  // The TSV text it was parsed from (stored in the database so searches resolve the same way).
  const std::string& tsv() const { return tsv_; }

 private:
  const Company* find(std::string_view name) const;

  std::vector<Company> companies_;
  std::unordered_map<std::string, std::size_t> by_lower_name_;  // lowercased form -> index
  std::string tsv_;
};

}  // namespace newsdex
