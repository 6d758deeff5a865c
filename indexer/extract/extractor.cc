#include "indexer/extract/extractor.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "core/schema.h"
#include "core/text.h"

namespace newsdex {

ArticleExtractor::ArticleExtractor(CompanyGazetteer gazetteer, TopicClassifier topics,
                                   CodeVocabulary vocabulary)
    : gazetteer_(std::move(gazetteer)),
      topics_(std::move(topics)),
      vocabulary_(std::move(vocabulary)) {}

namespace {
std::string full_text(const Article& a) { return a.title + "\n" + a.body; }
// What company names are looked for in: the title is its own paragraph, so that no name runs
// from the headline into the body ("... in Ohio" + "Acme Corp said" is not "Ohio Acme Corp").
std::string company_text(const Article& a) { return a.title + "\n\n" + a.body; }

void add_unique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// `a`'s title and body without the one-word names of discovered companies, wherever they
// stand: such a brand is no evidence of a topic ("Quantum Corp" makes disk drives; "HBO and
// Co", later "HBO", hospital software). Longer names keep their words, which mostly say what the
// company does ("Bank of Ireland", "Energy Ventures", "BP Exploration"), and the gazetteer's
// companies stay whole: the taxonomy names some of them on purpose (Netflix, IonQ).
// nullopt when there is none to blank (most articles).
std::optional<std::pair<std::string, std::string>> without_discovered_names(
    const Article& a, const std::vector<CompanyMention>& mentions) {
  std::vector<std::string> brands;  // lower case
  for (const auto& m : mentions) {
    const bool one_word = std::all_of(m.company.begin(), m.company.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    if (m.discovered && one_word && !m.company.empty())
      add_unique(brands, text::to_lower_ascii(m.company));
  }
  if (brands.empty()) return std::nullopt;
  std::string text = company_text(a);
  const auto alnum = [&](std::size_t k) {
    return k < text.size() && std::isalnum(static_cast<unsigned char>(text[k]));
  };
  for (std::size_t b = 0; b < text.size();) {
    if (!alnum(b)) {
      ++b;
      continue;
    }
    std::size_t e = b;
    while (alnum(e)) ++e;
    const std::string word = text::to_lower_ascii(text.substr(b, e - b));
    if (std::find(brands.begin(), brands.end(), word) != brands.end())
      std::fill(text.begin() + static_cast<long>(b), text.begin() + static_cast<long>(e), ' ');
    b = e;
  }
  const std::size_t body_at = a.title.size() + 2;  // company_text: title, blank line, body
  return std::pair{text.substr(0, a.title.size()),
                   text.size() > body_at ? text.substr(body_at) : std::string()};
}

}  // namespace

void ArticleExtractor::normalise(Article& a) const {
  normalise_values(a);
  file_by_date(a);
}

namespace {
// The year of an article's date, or 0 when it has none.
int year_of(const Article& a) {
  const bool dated = a.date.size() >= 4 && std::all_of(a.date.begin(), a.date.begin() + 4,
                                                       [](char c) { return c >= '0' && c <= '9'; });
  return dated ? std::stoi(a.date.substr(0, 4)) : 0;
}
}  // namespace

void ArticleExtractor::file_by_date(Article& a) const {
  // A company is filed under the name it had at the article's date (data/README.md):
  // "Exxon" on a 1987 article, "ExxonMobil" on a 2005 one; the searcher groups the names.
  const int year = year_of(a);
  std::vector<std::string> named;
  for (const auto& c : a.companies) {
    // A discovered name is the text's, even when it spells a gazetteer alias ("Charter" in 1987).
    const bool discovered =
        std::find(a.discovered.begin(), a.discovered.end(), c) != a.discovered.end();
    add_unique(named, discovered ? c : gazetteer_.name_in(c, year));
  }
  a.companies = std::move(named);
}

void ArticleExtractor::normalise_values(Article& a) const {
  if (a.companies_given) {
    std::vector<std::string> canonical;
    for (const auto& c : a.companies) add_unique(canonical, gazetteer_.canonical(c).value_or(c));
    a.companies = std::move(canonical);
  }
  if (a.topics_given) {
    std::vector<std::string> named;
    const auto& names = topics_.topics();
    for (const auto& t : a.topics) {
      const std::string mapped = vocabulary_.name("topic", t);
      const auto it = std::find_if(names.begin(), names.end(), [&](const std::string& n) {
        return text::iequals_ascii(n, mapped);
      });
      add_unique(named, it != names.end() ? *it : mapped);
    }
    a.topics = std::move(named);
  }
  // The other fields the vocabulary names (orgs, places): codes become names.
  for (const auto& f : schema::kFields) {
    if (f.values == nullptr || f.resolve != schema::Resolve::kVocabulary || f.name == "topic")
      continue;
    std::vector<std::string> named;
    for (const auto& code : a.*f.values) add_unique(named, vocabulary_.name(f.name, code));
    a.*f.values = std::move(named);
  }
}

void ArticleExtractor::enrich(Article& a) const {
  normalise_values(a);
  // The date first: which companies existed, and their names, depend on it.
  // A crawler's day (web readers) stands only when the text names no date.
  if (a.date.empty() || a.date_source == "crawl") {
    if (const auto d = find_publication_date(full_text(a))) {
      a.date = d->date.iso();
      a.date_source = d->source;
    }
  }
  std::vector<CompanyMention> mentions;
  if (!a.companies_given) {
    mentions = matcher_.find(company_text(a), year_of(a));
    a.companies = known_companies(mentions);
    a.discovered = discovered_companies(mentions);
    for (const auto& d : a.discovered) add_unique(a.companies, d);
  }
  if (!a.topics_given) {
    const auto blanked = without_discovered_names(a, mentions);
    a.topics = blanked ? topics_.classify(blanked->first, blanked->second)
                       : topics_.classify(a.title, a.body);
  }
  file_by_date(a);
}

Extraction ArticleExtractor::explain(const Article& a) const {
  Extraction e;
  e.date = find_publication_date(full_text(a));
  Article dated = a;
  if (a.date.empty() && e.date) dated.date = e.date->date.iso();
  e.company_mentions = matcher_.find(company_text(a), year_of(dated));
  e.topic_scores = topics_.score(a.title, a.body);
  return e;
}

}  // namespace newsdex
