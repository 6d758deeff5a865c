// StoryIndex: keeps every article's story (its group of near duplicates) right while one
// writer adds, replaces and deletes articles (shard_join.h joins the stories of a build split
// over shards).
//
// A story is a connected component of the same_story() relation (signature.h): an article
// joins every story it nearly duplicates (merging them), else starts its own. Its id is the
// smallest article_key() of its members, so the grouping and the ids depend only on which
// articles are in the database, not on the order they came in. Each article carries its story
// as a boolean term, a value and a "story" key in its stored data, and its LSH band keys in a
// value (story_store.h): candidates for an article of day D are the articles of days
// D-kMaxDaysApart .. D+kMaxDaysApart (found by their date terms) sharing a band key with it.
// The band keys of a day are read from the database once and kept in memory while the day is
// in use; the days used least recently are dropped when more than kMaxArticlesInMemory
// articles are filed (and read again if needed), so memory is bounded by the days an input
// touches together, not by the archive.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/stories/band_table.h"
#include "indexer/stories/signature.h"

namespace newsdex::stories {

// Not thread-safe: belongs to one writer, and works on that writer's database handle (which
// sees its own uncommitted changes).
class StoryIndex {
 public:
  // `db` must outlive this object. `max_articles`: how many articles' band keys to keep in
  // memory (kMaxArticlesInMemory; tests make it small to exercise reading days again).
  explicit StoryIndex(Xapian::WritableDatabase& db, std::size_t max_articles = 0);

  // The story of an article with signature `sig` and story key `key` about to be written
  // (`replacing`: the docid it will replace, or 0). Relabels the stories it merges.
  // REQUIRES: detach(replacing) was called first.
  std::string resolve(const Signature& sig, const std::string& key, Xapian::docid replacing);
  // Adds the story term and value and the band keys to `doc`.
  static void add_terms(Xapian::Document& doc, const Signature& sig, const std::string& story);
  // Remembers that `did` now holds the article with signature `sig`.
  void added(Xapian::docid did, const Signature& sig);
  // Before the article at `did` is deleted or replaced: the rest of its story is split into
  // the components that remain connected without it, each relabelled with its smallest key.
  void detach(Xapian::docid did);

 private:
  // The band keys of one day's articles, and when the day was last used.
  struct Day {
    BandTable bands;
    std::size_t articles = 0;
    std::uint64_t used = 0;
  };
  std::vector<Xapian::docid> candidates(const Signature& sig, Xapian::docid exclude);
  // The day's band keys, read from the database (which sees this writer's uncommitted
  // articles) unless they are in memory.
  Day& day(const std::optional<long>& d);
  // Drops the least recently used days (not those of the current article) while more than
  // max_articles_ articles are filed.
  void trim();
  // The signature of the article at `did` (from its stored text; recent ones are cached).
  const Signature& signature_at(const Xapian::Document& doc, Xapian::docid did);
  Xapian::WritableDatabase& db_;
  std::map<std::optional<long>, Day> days_;
  std::size_t max_articles_;
  std::size_t filed_ = 0;                                // articles filed over days_
  std::uint64_t clock_ = 0;                              // counts candidates() calls, for Day::used
  std::unordered_map<Xapian::docid, Signature> recent_;  // cleared when it grows past 8,192
};

// At most this many articles are kept as candidates per band key and day: a feed of thousands
// of templated items a day stays linear (their stories may then depend on the order).
inline constexpr std::size_t kMaxBucket = 64;

// How many articles' band keys one writer keeps in memory (about 1.3 KB each).
inline constexpr std::size_t kMaxArticlesInMemory = 200000;

// Stories larger than this are not split again when one of their articles is deleted (the
// split compares every pair of members); they keep their id.
inline constexpr std::size_t kMaxStoryToSplit = 2000;

}  // namespace newsdex::stories
