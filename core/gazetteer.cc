#include "core/gazetteer.h"

#include <algorithm>

#include "core/errors.h"
#include "core/text.h"

namespace newsdex {

namespace {
// The sixth column's entries into `c`: "<YEAR" first when the company was founded in YEAR, then
// "Name<YEAR" each, the name of articles dated before YEAR.
void read_history(const std::vector<std::string>& entries, const std::string& where, Company& c) {
  int last = 0;
  for (const auto& e : entries) {
    const std::size_t lt = e.rfind('<');
    const std::string year = lt == std::string::npos ? "" : e.substr(lt + 1);
    // A year from 1000 to 9999: four digits, the first not 0.
    const bool digits =
        year.size() == 4 && year[0] != '0' &&
        std::all_of(year.begin(), year.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    const std::string name(lt == std::string::npos ? "" : text::trim(e.substr(0, lt)));
    const bool founding = name.empty() && &e == &entries.front();
    if (!digits || (name.empty() && !founding)) {
      throw InputError(where + "history entry '" + e +
                       "' is not NAME<YEAR (a former name, e.g. Exxon<1999) or, first, <YEAR "
                       "(the founding year)");
    }
    if (std::stoi(year) <= last) {
      throw InputError(where + "history entries must be in order of their years ('" + e + "')");
    }
    last = std::stoi(year);
    if (founding) {
      c.founded = last;
    } else {
      c.former.push_back({name, last});
    }
  }
}
}  // namespace

CompanyGazetteer CompanyGazetteer::parse(std::string_view tsv, std::string_view source_name) {
  CompanyGazetteer g;
  g.tsv_ = std::string(tsv);
  text::for_each_tsv_row(tsv, source_name,
                         [&](const std::vector<std::string_view>& cols, const std::string& where) {
                           if (cols.size() < 1 || text::trim(cols[0]).empty()) {
                             throw InputError(where + "the first column (company name) is empty");
                           }
                           Company c;
                           c.name = std::string(text::trim(cols[0]));
                           auto list = [&](std::size_t i) {
                             std::vector<std::string> out;
                             if (i >= cols.size()) return out;
                             for (auto part : text::split(cols[i], '|')) {
                               part = text::trim(part);
                               if (!part.empty()) out.emplace_back(part);
                             }
                             return out;
                           };
                           c.aliases = list(1);
                           if (cols.size() > 2) c.ticker = std::string(text::trim(cols[2]));
                           if (cols.size() > 3) c.country = std::string(text::trim(cols[3]));
                           c.common_words = list(4);
                           read_history(list(5), where, c);
                           const std::size_t index = g.companies_.size();
                           auto add = [&](const std::string& form) {
                             // The first company to claim a form keeps it: a canonical name always
                             // wins.
                             g.by_lower_name_.emplace(text::to_lower_ascii(form), index);
                           };
                           add(c.name);
                           for (const auto& a : c.aliases) add(a);
                           for (const auto& f : c.former) add(f.name);
                           g.companies_.push_back(std::move(c));
                         });
  // Canonical names take precedence over aliases of other companies.
  for (std::size_t i = 0; i < g.companies_.size(); ++i) {
    g.by_lower_name_[text::to_lower_ascii(g.companies_[i].name)] = i;
  }
  return g;
}

CompanyGazetteer CompanyGazetteer::load(const std::string& path) {
  return parse(text::read_file(path, "the company gazetteer"), path);
}

std::string CompanyGazetteer::default_path() {
  return std::string(NEWSDEX_DATA_DIR) + "/companies.tsv";
}

const Company* CompanyGazetteer::find(std::string_view name) const {
  const auto it = by_lower_name_.find(text::to_lower_ascii(text::trim(name)));
  return it == by_lower_name_.end() ? nullptr : &companies_[it->second];
}

std::optional<std::string> CompanyGazetteer::canonical(std::string_view name) const {
  const Company* c = find(name);
  if (c == nullptr) return std::nullopt;
  return c->name;
}

std::string CompanyGazetteer::name_in(std::string_view name, int year) const {
  const Company* c = find(name);
  if (c == nullptr || year == 0) return std::string(name);
  for (const auto& f : c->former) {
    if (year < f.until_year) return f.name;
  }
  return c->name;
}

bool CompanyGazetteer::existed_in(std::string_view name, int year) const {
  const Company* c = find(name);
  return c == nullptr || c->existed_in(year);
}

std::optional<std::string> CompanyGazetteer::canonical_in(std::string_view name, int year) const {
  const Company* c = find(name);
  if (c == nullptr || !c->existed_in(year)) return std::nullopt;
  return c->name;
}

std::vector<std::string> CompanyGazetteer::filed_names(std::string_view name) const {
  const Company* c = find(name);
  if (c == nullptr) return {};
  std::vector<std::string> out{c->name};
  for (const auto& f : c->former) out.push_back(f.name);
  return out;
}

std::string CompanyGazetteer::grouped_under(std::string_view value) const {
  const auto filed = filed_names(value);
  if (filed.size() < 2 || std::find(filed.begin(), filed.end(), value) == filed.end()) return "";
  return filed.front();
}

}  // namespace newsdex
