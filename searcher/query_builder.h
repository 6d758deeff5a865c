// QueryBuilder: turns query text, filters and date ranges into Xapian queries, with the field
// prefixes of core/schema.h and company aliases resolved through the database's gazetteer.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>

#include "core/gazetteer.h"
#include "core/vocabulary.h"
#include "searcher/revision_state.h"

namespace newsdex {

// Not thread-safe: one per thread, like the Xapian::Database it reads.
class QueryBuilder {
 public:
  // REQUIRES: db, facets and gazetteer outlive the builder, and db stays at one revision
  // (Searcher builds a new one when it sees a new revision).
  QueryBuilder(const Xapian::Database& db, const RevisionState& state,
               const CompanyGazetteer& gazetteer, const CodeVocabulary& vocabulary);
  ~QueryBuilder();

  struct Parsed {
    Xapian::Query match;  // what decides matching (stemmed words, fields, operators)
    Xapian::Query boost;  // unstemmed form, added to scores so exact words outrank stems
  };
  // Parses user query text (Xapian QueryParser syntax, words ANDed by default). An empty text
  // matches everything. Throws UsageError for what the parser or a field rejects.
  // With stemming off, words match only as written.
  Parsed parse(const std::string& text, bool stemming = true) const;

  // The canonical stored value of a boolean field for what a user typed: company names and
  // aliases through the gazetteer, a source's category code through the vocabulary
  // (topic=earn is Earnings, as the indexer names it), any value ignoring case against the
  // indexed values, months and days normalised. Returns `value` itself when nothing matches.
  // A company with former names resolves to its canonical name.
  std::string resolve_value(const schema::FieldSpec& field, const std::string& value) const;
  // Every indexed value a filter or field query by `value` selects: resolve_value()'s, and for
  // a company every name it is filed under (company=Exxon selects ExxonMobil's articles too).
  std::vector<std::string> resolve_values(const schema::FieldSpec& field,
                                          const std::string& value) const;

  // For a filter value of a facet field that matches no indexed value: a notice naming the
  // field, the value and up to three indexed values closest to it (by edit distance, ignoring
  // case). nullopt when the value is indexed (or the field is not a facet).
  std::optional<std::string> unknown_value_notice(const schema::FieldSpec& field,
                                                  const std::string& value) const;

  // The boolean query for field:value, where date, year and month values may be ranges
  // "a..b" (either end open). Throws UsageError for a malformed date or range.
  Xapian::Query field_query(const schema::FieldSpec& field, const std::string& value) const;

  // Documents dated from..to inclusive ("" = open end), as an OR of day, month and year
  // terms (at most ~90 terms for any span).
  Xapian::Query date_range(const std::string& from, const std::string& to) const;

  // A corrected query text when some words are unknown to the index, else nullopt.
  std::optional<std::string> did_you_mean(const std::string& text) const;

 private:
  class FieldProcessor;
  const Xapian::Database& db_;
  const RevisionState& state_;
  const CompanyGazetteer& gazetteer_;
  const CodeVocabulary& vocabulary_;
  mutable std::string field_error_;  // set by a field processor during parse()
  std::vector<std::unique_ptr<FieldProcessor>> processors_;
  mutable Xapian::QueryParser stemmed_, exact_;
};

}  // namespace newsdex
