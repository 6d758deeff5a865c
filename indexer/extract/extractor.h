// ArticleExtractor: fills in the fielded values an article does not give (companies, topics,
// date) from its text, and normalises the ones it gives through the same gazetteer.
#pragma once

#include <string>
#include <vector>

#include "core/article.h"
#include "core/gazetteer.h"
#include "core/vocabulary.h"
#include "indexer/extract/companies.h"
#include "indexer/extract/dates.h"
#include "indexer/extract/topics.h"

namespace newsdex {

// What extraction found and why, for `newsdex index --explain`.
struct Extraction {
  std::vector<CompanyMention> company_mentions;
  std::optional<PublicationDate> date;
  std::vector<TopicScore> topic_scores;
};

class ArticleExtractor {
 public:
  ArticleExtractor(CompanyGazetteer gazetteer, TopicClassifier topics,
                   CodeVocabulary vocabulary = {});

  // Puts the values `a` gives into the facets' vocabularies, in place: given companies become
  // the name the company had at the article's date, given topic and org codes their names
  // (earn -> Earnings, opec -> OPEC).
  void normalise(Article& a) const;
  // normalise(), then extracts the missing companies, topics and date from title and body,
  // each company filed under its name at that date. Never invents a date.
  void enrich(Article& a) const;
  // Runs every extractor on `a`'s text, whatever it gives, and says what each found.
  Extraction explain(const Article& a) const;

  const CompanyGazetteer& gazetteer() const { return gazetteer_; }
  const TopicClassifier& topics() const { return topics_; }

 private:
  // normalise() but for the names by date.
  void normalise_values(Article& a) const;
  // Each company of `a` under its name in the year of `a`'s date (gazetteer's former names).
  void file_by_date(Article& a) const;

  CompanyGazetteer gazetteer_;
  TopicClassifier topics_;
  CodeVocabulary vocabulary_;
  CompanyMatcher matcher_{gazetteer_};
};

}  // namespace newsdex
