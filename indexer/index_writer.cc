#include "indexer/index_writer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "core/database.h"
#include "core/dates.h"
#include "core/errors.h"
#include "core/schema.h"

namespace newsdex {

namespace {

const schema::FieldSpec& F(std::string_view name) { return schema::field(name); }

[[noreturn]] void throw_id_clash(const std::string& id, const std::string& stored) {
  throw InputError("article id '" + id + "' has the same index term as the stored id '" + stored +
                   "'; refusing to replace it (give one of them another id)");
}

static_assert(schema::kFields[1].name == "title" &&
                  ranking::Params{}.title == schema::kFields[1].wdf_weight,
              "the default title weight is the schema's");

// The words of the title and body with TermGenerator's frequencies (before impacts); a title
// word counts `title_weight` times.
Xapian::Document words_of(const Article& a, Xapian::TermGenerator& tg, unsigned title_weight) {
  Xapian::Document words;
  tg.set_document(words);
  const auto& title = F("title");
  const auto& body = F("body");
  // Plain queries search title and body together; title words weigh more. Positions are kept
  // for these unprefixed terms only, which is what phrase queries need.
  tg.index_text(a.title, title_weight);
  tg.increase_termpos(100);
  tg.index_text(a.body, body.wdf_weight);
  // title: queries, without positions (keeps the index small).
  tg.index_text_without_positions(a.title, 1, std::string(title.prefix));
  if (!a.author.empty()) {
    tg.index_text_without_positions(a.author, 1, std::string(F("author").prefix));
  }
  return words;
}

// The average of `count` lengths adding up to `total`, at least 1 (kDefaultAverageLength when
// there are no words).
double average_of(double total, std::size_t count) {
  if (count == 0 || total == 0) return ranking::kDefaultAverageLength;
  return std::max(1.0, total / static_cast<double>(count));
}

// English stems for words typed without capitals, as the query side expects.
void configure(Xapian::TermGenerator& tg) {
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

// The full document from its words (rewritten in place): impacts, then the boolean terms,
// values and data.
Xapian::Document finish_document(const Article& a, Xapian::Document doc, double average_length,
                                 const ranking::Params& params, const std::string& story) {
  const bool headline_only = a.body.find_first_not_of(" \t\r\n") == std::string::npos;
  ranking::set_impacts(doc, average_length, params, headline_only);

  doc.add_boolean_term(schema::term(F("id"), a.id));
  doc.add_value(static_cast<Xapian::valueno>(F("id").value_slot), a.id);
  if (const auto d = parse_iso_date(a.date)) {
    doc.add_boolean_term(schema::term(F("date"), d->iso()));
    doc.add_boolean_term(schema::term(F("month"), d->iso_month()));
    doc.add_boolean_term(schema::term(F("year"), std::to_string(d->year)));
    doc.add_value(static_cast<Xapian::valueno>(F("date").value_slot), d->iso());
  }
  // The stored article shows each value as its term indexes it ("Salomon\nBrothers" is
  // "Salomon Brothers" in both), so facets, filters and results agree.
  Article stored = a;
  auto normalize = [](std::vector<std::string>& values, const schema::FieldSpec& f) {
    for (auto& v : values) v = schema::normalize_value(f, v);
    std::erase(values, std::string());
  };
  for (const auto& f : schema::kFields) {  // the list fields: companies, topics, orgs, ...
    if (f.values == nullptr) continue;
    normalize(stored.*f.values, f);
    for (const auto& v : stored.*f.values) doc.add_boolean_term(schema::term(f, v));
  }
  stored.source = schema::normalize_value(F("source"), a.source);
  if (!stored.source.empty()) doc.add_boolean_term(schema::term(F("source"), stored.source));
  // Each facet field's distinct values (its terms) into its value slots (schema::facet_slot).
  for (const auto& f : schema::kFields) {
    if (!f.has(schema::kFacet)) continue;
    const std::string prefix(f.prefix);
    auto t = doc.termlist_begin();
    t.skip_to(prefix);
    for (unsigned i = 0; t != doc.termlist_end() && i < schema::kMaxFacetSlots; ++t, ++i) {
      const std::string term = *t;
      if (!term.starts_with(prefix)) break;
      doc.add_value(schema::facet_slot(f, i), term.substr(prefix.size()));
    }
  }
  // Stored without its empty fields (nulls and empty lists: a fifth of a Reuters article's
  // compressed data); article_from_json reads a missing key as empty.
  auto data = article_to_json(stored);
  for (auto it = data.begin(); it != data.end();) {
    it = it->is_null() || (it->is_array() && it->empty()) ? data.erase(it) : std::next(it);
  }
  if (!story.empty()) data["story"] = story;
  doc.set_data(data.dump());
  return doc;
}

}  // namespace

Xapian::Document make_document(const Article& a, Xapian::TermGenerator& tg, double average_length,
                               const std::string& story) {
  const ranking::Params params;
  return finish_document(a, words_of(a, tg, params.title), average_length, params, story);
}

std::optional<std::string> stored_id_clash(const Xapian::Database& db, const std::string& id) {
  const std::string id_term = schema::term(F("id"), id);
  const auto p = db.postlist_begin(id_term);
  if (p == db.postlist_end(id_term)) return std::nullopt;
  std::string stored =
      db.get_document(*p).get_value(static_cast<Xapian::valueno>(F("id").value_slot));
  if (stored == id) return std::nullopt;
  return stored;
}

IndexWriter::IndexWriter(const std::string& path, bool stories,
                         const std::optional<ranking::Params>& params)
    : db_(open_parts_for_writing(path)) {
  configure(tg_);
  if (stories) stories_ = std::make_unique<stories::StoryIndex>(db_.all);
  const std::string key(ranking::kMetaParamsKey);
  const std::string stored_params = db_.all.get_metadata(key);
  const bool fresh = db_.all.get_doccount() == 0 && stored_params.empty();
  if (fresh) {
    params_ = params.value_or(ranking::Params{});
    set_metadata(key, ranking::format_params(params_));
  } else {
    params_ = stored_params.empty() ? ranking::kLegacyParams : ranking::parse_params(stored_params);
    if (params && *params != params_) {
      throw UsageError("--bm25: " + path + " was created with " + ranking::format_params(params_) +
                       "; a database keeps the constants it was created with (index into a new "
                       "database to change them)");
    }
  }
  const std::string stored = db_.all.get_metadata(std::string(ranking::kMetaAverageLengthKey));
  if (!stored.empty()) {
    average_length_ = std::strtod(stored.c_str(), nullptr);
    if (!(average_length_ > 0)) average_length_ = ranking::kDefaultAverageLength;
  } else if (db_.all.get_doccount() > 0) {
    average_length_ = ranking::kDefaultAverageLength;  // written before the average was stored
  } else if (params_.fixed_length > 0) {
    store_average(params_.fixed_length);
  }
}

bool IndexWriter::add(const Article& a) {
  if (average_length_ == 0) {
    Xapian::Document words = words_of(a, tg_, params_.title);
    const auto [it, added] = learning_ids_.emplace(schema::term(F("id"), a.id), learning_.size());
    if (!added) {
      const std::string& held = learning_[it->second].first.id;
      if (held != a.id) throw_id_clash(a.id, held);
      learning_[it->second] = {a, std::move(words)};
      return true;
    }
    learning_.emplace_back(a, std::move(words));
    if (learning_.size() >= ranking::kLearnAverageFrom) settle_average();
    return false;
  }
  return write(a, words_of(a, tg_, params_.title));
}

void IndexWriter::use_average_length(double average) {
  if (average_length_ == 0 && learning_.empty()) store_average(average);
}

void IndexWriter::store_average(double average) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", average);
  set_metadata(std::string(ranking::kMetaAverageLengthKey), text);
  average_length_ = std::strtod(text, nullptr);  // as a later run reads it back
}

AverageLearner::AverageLearner(unsigned title_weight) : title_weight_(title_weight) {
  configure(tg_);
}

bool AverageLearner::add(const Article& a) {
  lengths_[schema::term(F("id"), a.id)] =
      static_cast<double>(ranking::document_length(words_of(a, tg_, title_weight_)));
  return lengths_.size() >= ranking::kLearnAverageFrom;
}

double AverageLearner::average() const {
  double total = 0;
  for (const auto& [id, length] : lengths_) total += length;
  return average_of(total, lengths_.size());
}

bool IndexWriter::write(const Article& a, Xapian::Document words) {
  const std::string id_term = schema::term(F("id"), a.id);
  const bool existed = db_.all.term_exists(id_term);
  if (existed) {
    if (const auto other = stored_id_clash(db_.all, a.id)) throw_id_clash(a.id, *other);
  }
  if (!stories_) {
    put(id_term, finish_document(a, words, average_length_, params_, {}), existed);
    return existed;
  }
  const Xapian::docid old = existed ? *db_.all.postlist_begin(id_term) : 0;
  if (old != 0) stories_->detach(old);
  const auto sig = stories::make_signature(a.title, a.body, a.date);
  const std::string story = stories_->resolve(sig, stories::article_key(a.id), old);
  Xapian::Document doc = finish_document(a, words, average_length_, params_, story);
  stories::StoryIndex::add_terms(doc, sig, story);
  stories_->added(put(id_term, doc, existed), sig);
  return existed;
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
  for (auto& part : db_.parts) part.set_metadata(key, value);  // (Xapian would set the first's)
}

Xapian::docid IndexWriter::put(const std::string& id_term, const Xapian::Document& doc,
                               bool existed) {
  const auto parts = static_cast<Xapian::docid>(db_.parts.size());
  if (existed || parts == 1) return db_.all.replace_document(id_term, doc);
  // An archive's new article goes to its live part, the last: Xapian's own choice would be
  // the part of the next unused id. Its id in the archive, as Xapian numbers them:
  const Xapian::docid own = db_.parts.back().add_document(doc);
  return (own - 1) * parts + parts;
}

void IndexWriter::settle_average() {
  double total = 0;
  for (const auto& [a, words] : learning_) total += ranking::document_length(words);
  store_average(average_of(total, learning_.size()));
  auto held = std::move(learning_);
  learning_.clear();
  learning_ids_.clear();
  for (const auto& [a, words] : held) write(a, words);
}

bool IndexWriter::remove(const std::string& id) {
  if (average_length_ == 0) settle_average();
  const std::string id_term = schema::term(F("id"), id);
  if (!db_.all.term_exists(id_term) || stored_id_clash(db_.all, id)) return false;
  if (stories_) stories_->detach(*db_.all.postlist_begin(id_term));
  db_.all.delete_document(id_term);
  return true;
}

void IndexWriter::commit() {
  if (average_length_ == 0 && !learning_.empty()) settle_average();
  // The live part first: a run killed between parts keeps every new article, at worst with an
  // older copy's story not yet relabelled in a sealed part (the next run relabels it).
  for (auto p = db_.parts.rbegin(); p != db_.parts.rend(); ++p) p->commit();
}

void IndexWriter::store_gazetteer(const std::string& tsv) {
  if (db_.all.get_metadata(std::string(schema::kMetaCompaniesKey)) != tsv) {
    set_metadata(std::string(schema::kMetaCompaniesKey), tsv);
  }
}

}  // namespace newsdex
