#include "indexer/index_writer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/database.h"
#include "core/dates.h"
#include "core/ranking.h"
#include "core/schema.h"

namespace newsdex {

namespace {
const schema::FieldSpec& F(std::string_view name) { return schema::field(name); }
}  // namespace

namespace {
// The words of the title and body with TermGenerator's frequencies (before impacts).
Xapian::Document words_of(const Article& a, Xapian::TermGenerator& tg) {
  Xapian::Document words;
  tg.set_document(words);
  const auto& title = F("title");
  const auto& body = F("body");
  // Plain queries search title and body together; title words weigh more. Positions are kept
  // for these unprefixed terms only, which is what phrase queries need.
  tg.index_text(a.title, title.wdf_weight);
  tg.increase_termpos(100);
  tg.index_text(a.body, body.wdf_weight);
  // title: queries, without positions (keeps the index small).
  tg.index_text_without_positions(a.title, 1, std::string(title.prefix));
  if (!a.author.empty()) {
    tg.index_text_without_positions(a.author, 1, std::string(F("author").prefix));
  }
  return words;
}

// The full document from its words: impacts, then the boolean terms, values and data.
Xapian::Document finish_document(const Article& a, const Xapian::Document& words,
                                 double average_length) {
  Xapian::Document doc = ranking::with_impacts(words, average_length);

  doc.add_boolean_term(schema::term(F("id"), a.id));
  doc.add_value(static_cast<Xapian::valueno>(F("id").value_slot), a.id);
  if (const auto d = parse_iso_date(a.date)) {
    doc.add_boolean_term(schema::term(F("date"), d->iso()));
    doc.add_boolean_term(schema::term(F("month"), d->iso_month()));
    doc.add_boolean_term(schema::term(F("year"), std::to_string(d->year)));
    doc.add_value(static_cast<Xapian::valueno>(F("date").value_slot), d->iso());
  }
  for (const auto& c : a.companies) doc.add_boolean_term(schema::term(F("company"), c));
  for (const auto& t : a.topics) doc.add_boolean_term(schema::term(F("topic"), t));
  for (const auto& c : a.discovered) doc.add_boolean_term(schema::term(F("discovered"), c));
  if (!a.source.empty()) doc.add_boolean_term(schema::term(F("source"), a.source));
  doc.set_data(article_to_json(a).dump());
  return doc;
}
}  // namespace

Xapian::Document make_document(const Article& a, Xapian::TermGenerator& tg, double average_length) {
  return finish_document(a, words_of(a, tg), average_length);
}

IndexWriter::IndexWriter(const std::string& path) : db_(open_database_for_writing(path)) {
  tg_.set_stemmer(Xapian::Stem("english"));
  tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  const std::string stored = db_.get_metadata(std::string(ranking::kMetaAverageLengthKey));
  if (!stored.empty()) {
    average_length_ = std::strtod(stored.c_str(), nullptr);
    if (!(average_length_ > 0)) average_length_ = ranking::kDefaultAverageLength;
  } else if (db_.get_doccount() > 0) {
    average_length_ = ranking::kDefaultAverageLength;  // written before the average was stored
  }
}

bool IndexWriter::add(const Article& a) {
  if (average_length_ == 0) {
    Xapian::Document words = words_of(a, tg_);
    const auto [it, added] = learning_ids_.emplace(a.id, learning_.size());
    if (!added) {
      learning_[it->second] = {a, std::move(words)};
      return true;
    }
    learning_.emplace_back(a, std::move(words));
    if (learning_.size() >= ranking::kLearnAverageFrom) settle_average();
    return false;
  }
  const std::string id_term = schema::term(F("id"), a.id);
  const bool existed = db_.term_exists(id_term);
  db_.replace_document(id_term, make_document(a, tg_, average_length_));
  return existed;
}

void IndexWriter::settle_average() {
  double total = 0;
  for (const auto& [a, words] : learning_) total += ranking::document_length(words);
  average_length_ = learning_.empty() || total == 0
                        ? ranking::kDefaultAverageLength
                        : std::max(1.0, total / static_cast<double>(learning_.size()));
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", average_length_);
  db_.set_metadata(std::string(ranking::kMetaAverageLengthKey), text);
  for (const auto& [a, words] : learning_) {
    db_.replace_document(schema::term(F("id"), a.id), finish_document(a, words, average_length_));
  }
  learning_.clear();
  learning_ids_.clear();
}

bool IndexWriter::remove(const std::string& id) {
  if (average_length_ == 0) settle_average();
  const std::string id_term = schema::term(F("id"), id);
  if (!db_.term_exists(id_term)) return false;
  db_.delete_document(id_term);
  return true;
}

void IndexWriter::commit() {
  if (average_length_ == 0 && !learning_.empty()) settle_average();
  db_.commit();
}

void IndexWriter::store_gazetteer(const std::string& tsv) {
  if (db_.get_metadata(std::string(schema::kMetaCompaniesKey)) != tsv) {
    db_.set_metadata(std::string(schema::kMetaCompaniesKey), tsv);
  }
}

}  // namespace newsdex
