// IndexWriter: turns Articles into Xapian documents following the schema, and writes them.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/article.h"
#include "core/database.h"
#include "core/ranking.h"
#include "indexer/stories/story_index.h"

namespace newsdex {

// The Xapian document for `a`: terms and values per core/schema.h, the article as JSON data,
// term frequencies as BM25 impacts for documents of `average_length` words on average.
// `tg` is reused across calls for speed; its document is replaced. A non-empty `story` is
// stored in the data as "story" (its terms are StoryIndex::add_terms's job).
Xapian::Document make_document(const Article& a, Xapian::TermGenerator& tg,
                               double average_length = ranking::kDefaultAverageLength,
                               const std::string& story = {});

// The id stored in the article that holds id's term when it differs from `id` (two long ids
// whose hashed terms collide, or an id spelled like another's hashed term); nullopt when
// that article is `id` itself or there is none.
std::optional<std::string> stored_id_clash(const Xapian::Database& db, const std::string& id);

// Learns a new database's average document length the way IndexWriter does: the length of
// each distinct id's last version among the first kLearnAverageFrom articles (title words
// counted `title_weight` times), averaged and rounded as the database stores it. The sharded
// build learns it once on its reading thread and gives it to every shard's writer, so a
// sharded build computes the same impacts as one writer.
class AverageLearner {
 public:
  explicit AverageLearner(unsigned title_weight);
  // Counts `a`; true once kLearnAverageFrom distinct ids are counted.
  bool add(const Article& a);
  // The average as stored ("%.3f", at least 1; kDefaultAverageLength without words).
  double average() const;

 private:
  Xapian::TermGenerator tg_;
  unsigned title_weight_;
  std::unordered_map<std::string, double> lengths_;  // id term -> indexed length
};

// Not thread-safe: one writer per database (Xapian's lock makes a second one fail).
// A new database learns its average document length from its first kLearnAverageFrom articles
// (held in memory until then, or until commit()), stores it in its metadata and computes every
// impact with it; a database that has one keeps it.
class IndexWriter {
 public:
  // Opens or creates the database. Throws DatabaseError (not Newsdex, locked, ...).
  // `stories`: detect near duplicates and keep story ids (see indexer/stories); false writes
  // articles without them (for measuring what detection costs).
  // `params`: the BM25 constants for a new database (default: ranking::Params{}); a database
  // that has articles keeps the ones it was created with, and differing ones throw UsageError.
  explicit IndexWriter(const std::string& path, bool stories = true,
                       const std::optional<ranking::Params>& params = std::nullopt);
  // Adds `a`, replacing the article with the same id. Returns true when one was replaced.
  // Throws InputError when the id's term belongs to an article with another id.
  bool add(const Article& a);
  // Removes the article `id`; false when there was none (or the term is another id's).
  bool remove(const std::string& id);
  // Makes every change so far durable and visible to readers.
  void commit();
  // Stores the gazetteer text so that searches resolve company aliases as indexing did.
  void store_gazetteer(const std::string& tsv);
  // Documents in the database, counting those still held to learn the average length.
  Xapian::doccount document_count() const {
    return db_.all.get_doccount() + static_cast<Xapian::doccount>(learning_.size());
  }
  // Uses `average` (an AverageLearner's) for a new database that would learn its own.
  // REQUIRES: nothing added yet.
  void use_average_length(double average);
  // The average length impacts are computed with; 0 while it is being learnt.
  double average_length() const { return average_length_; }
  Xapian::WritableDatabase& database() { return db_.all; }

 private:
  // Writes `a` (its words already generated; the document becomes the stored one) with the
  // current average, resolving its story.
  bool write(const Article& a, Xapian::Document words);
  // Measures the average over the held articles, stores it and writes them.
  void settle_average();
  // Sets and stores the average length.
  void store_average(double average);
  // Sets a metadata entry in every part: an archive's parts agree.
  void set_metadata(const std::string& key, const std::string& value);
  // Writes `doc` under `id_term` (replacing the article there when it `existed`); returns its id.
  Xapian::docid put(const std::string& id_term, const Xapian::Document& doc, bool existed);

  WriteHandles db_;  // an archive's parts, or the one database
  Xapian::TermGenerator tg_;
  std::unique_ptr<stories::StoryIndex> stories_;  // null without story detection
  ranking::Params params_;
  double average_length_ = 0;
  std::vector<std::pair<Article, Xapian::Document>> learning_;  // article, its words (raw wdfs)
  std::unordered_map<std::string, std::size_t> learning_ids_;   // id term -> index in learning_
};

}  // namespace newsdex
