// StoryIndex: keeps every article's story (its group of near duplicates) right while one
// writer adds, replaces and deletes articles; resolve_stories_across_shards() joins the stories
// of a database merged from shards.
//
// A story is a connected component of the same_story() relation (signature.h): an article
// joins every story it nearly duplicates (merging them), else starts its own. Its id is the
// smallest article_key() of its members, so the grouping and the ids depend only on which
// articles are in the database, not on the order they came in. Each article carries its story
// as a boolean term, a value and a "story" key in its stored data, and its LSH band keys in a
// value: candidates for an article of day D are the articles of days D-kMaxDaysApart ..
// D+kMaxDaysApart (found by their date terms) sharing a band key with it, kept in memory per
// day once read.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/stories/signature.h"

namespace newsdex::stories {

// Not thread-safe: belongs to one writer, and works on that writer's database handle (which
// sees its own uncommitted changes).
class StoryIndex {
 public:
  // `db` must outlive this object.
  explicit StoryIndex(Xapian::WritableDatabase& db);

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
  std::vector<Xapian::docid> candidates(const Signature& sig, Xapian::docid exclude);
  // Files the band keys of the articles of `day` that the database held when this object was
  // made, the first time that day is asked for.
  void load_day(const std::optional<long>& day);
  // Files `did` under a band key, unless kMaxBucket articles are filed there already.
  void file(std::uint64_t key, Xapian::docid did);
  // The signature of the article at `did` (from its stored text; recent ones are cached).
  const Signature& signature_at(const Xapian::Document& doc, Xapian::docid did);
  Xapian::WritableDatabase& db_;
  bool database_was_empty_;
  std::set<std::optional<long>> loaded_days_;
  // band key mixed with day -> documents that may hold it (checked again before use).
  std::unordered_map<std::uint64_t, std::vector<Xapian::docid>> bands_;
  std::unordered_map<Xapian::docid, Signature> recent_;  // cleared when it grows past 8,192
};

// After shards built with their own StoryIndex are merged into `db`: finds the near
// duplicates that went to different shards (walking the days in order, through the band keys)
// and merges their stories.
// Returns how many stories were merged into others. Does not commit.
std::size_t resolve_stories_across_shards(Xapian::WritableDatabase& db);

// At most this many articles are kept as candidates per band key and day: a feed of thousands
// of templated items a day stays linear (their stories may then depend on the order).
inline constexpr std::size_t kMaxBucket = 64;

// Stories larger than this are not split again when one of their articles is deleted (the
// split compares every pair of members); they keep their id.
inline constexpr std::size_t kMaxStoryToSplit = 2000;

}  // namespace newsdex::stories
