#include "indexer/extract/companies.h"

#include <algorithm>

#include "indexer/extract/company_passes.h"

namespace newsdex {

CompanyMatcher::CompanyMatcher(const CompanyGazetteer& gazetteer)
    : gazetteer_(gazetteer), trie_(std::make_unique<CompanyTrie>(gazetteer)) {}

CompanyMatcher::~CompanyMatcher() = default;

std::vector<CompanyMention> CompanyMatcher::find(std::string_view text, int year) const {
  CompanyPasses run(gazetteer_, *trie_, text, year);
  run.tickers_and_brackets();
  run.gazetteer_names();
  run.suffix_discovery();
  run.prefix_discovery();
  run.unit_names();
  run.headline_names();
  return run.finish();
}

namespace {
std::vector<std::string> distinct(const std::vector<CompanyMention>& mentions, bool discovered) {
  std::vector<std::string> out;
  for (const auto& m : mentions) {
    if (m.discovered != discovered) continue;
    if (std::find(out.begin(), out.end(), m.company) == out.end()) out.push_back(m.company);
  }
  return out;
}
}  // namespace

std::vector<std::string> known_companies(const std::vector<CompanyMention>& mentions) {
  return distinct(mentions, false);
}
std::vector<std::string> discovered_companies(const std::vector<CompanyMention>& mentions) {
  return distinct(mentions, true);
}

}  // namespace newsdex
