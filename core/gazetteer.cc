#include "core/gazetteer.h"

#include "core/errors.h"
#include "core/text.h"

namespace newsdex {

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
                           const std::size_t index = g.companies_.size();
                           auto add = [&](const std::string& form) {
                             // The first company to claim a form keeps it: a canonical name always
                             // wins.
                             g.by_lower_name_.emplace(text::to_lower_ascii(form), index);
                           };
                           add(c.name);
                           for (const auto& a : c.aliases) add(a);
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

std::optional<std::string> CompanyGazetteer::canonical(std::string_view name) const {
  const auto it = by_lower_name_.find(text::to_lower_ascii(text::trim(name)));
  if (it == by_lower_name_.end()) return std::nullopt;
  return companies_[it->second].name;
}

}  // namespace newsdex
