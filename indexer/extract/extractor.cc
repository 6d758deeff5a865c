#include "indexer/extract/extractor.h"

#include <algorithm>

#include "core/text.h"

namespace newsdex {

ArticleExtractor::ArticleExtractor(CompanyGazetteer gazetteer, TopicClassifier topics)
    : gazetteer_(std::move(gazetteer)), topics_(std::move(topics)) {}

namespace {
std::string full_text(const Article& a) { return a.title + "\n" + a.body; }

void add_unique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}
}  // namespace

void ArticleExtractor::enrich(Article& a) const {
  if (a.companies_given) {
    std::vector<std::string> canonical;
    for (const auto& c : a.companies) add_unique(canonical, gazetteer_.canonical(c).value_or(c));
    a.companies = std::move(canonical);
  } else {
    const auto mentions = matcher_.find(full_text(a));
    a.companies = known_companies(mentions);
    a.discovered = discovered_companies(mentions);
    for (const auto& d : a.discovered) add_unique(a.companies, d);
  }
  if (a.topics_given) {
    std::vector<std::string> named;
    for (const auto& t : a.topics) {
      const auto& names = topics_.topics();
      const auto it = std::find_if(names.begin(), names.end(),
                                   [&](const std::string& n) { return text::iequals_ascii(n, t); });
      add_unique(named, it != names.end() ? *it : t);
    }
    a.topics = std::move(named);
  } else {
    a.topics = topics_.classify(a.title, a.body);
  }
  if (a.date.empty()) {
    if (const auto d = find_publication_date(full_text(a))) {
      a.date = d->date.iso();
      a.date_source = d->source;
    }
  }
}

Extraction ArticleExtractor::explain(const Article& a) const {
  Extraction e;
  e.company_mentions = matcher_.find(full_text(a));
  e.date = find_publication_date(full_text(a));
  e.topic_scores = topics_.score(a.title, a.body);
  return e;
}

}  // namespace newsdex
