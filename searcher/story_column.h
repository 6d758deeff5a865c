// StoryColumn: each document's story (its near-duplicate group, see indexer/stories) as a small
// integer ordinal, and each story's members, size and first day, for one database revision.
// Collapsing hits by story and counting facets by story read it instead of the index.
//
// Ordinals are per revision: stories with an id (term XSTORY:, value slot 2) come first, in the
// order their ids appear in the slot's value stream; then every article without an id (a
// database built with --no-stories) gets an ordinal of its own, so it is a story of one.
// Built once per revision (RevisionState::stories) and immutable after: threads share it freely.
#pragma once

#include <xapian.h>

#include <climits>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "searcher/docset.h"

namespace newsdex {

class StoryColumn {
 public:
  // Reads slot 2 (story ids), the date slot and the list of documents of `db`.
  explicit StoryColumn(const Xapian::Database& db);

  static constexpr std::uint32_t kNoStory = UINT32_MAX;
  static constexpr std::int32_t kUndated = INT32_MIN;

  // The story of document d, or kNoStory when d is not a document of the revision.
  std::uint32_t story(Xapian::docid d) const {
    return d < story_of_.size() ? story_of_[d] : kNoStory;
  }
  // Asks the cache for what story(d) reads (to be called a few matches ahead).
  void prefetch(Xapian::docid d) const {
    if (d < story_of_.size()) __builtin_prefetch(&story_of_[d]);
  }
  // True when d's story has other articles too (a bit per document: cheaper than story()).
  bool shared(Xapian::docid d) const { return shared_.contains(d); }
  // The number of stories (ordinals are 0 .. stories() - 1).
  std::uint32_t stories() const { return static_cast<std::uint32_t>(first_day_.size()); }
  // The documents of story s, ascending. REQUIRES: s < stories().
  std::span<const Xapian::docid> members(std::uint32_t s) const {
    return {members_.data() + offsets_[s], members_.data() + offsets_[s + 1]};
  }
  std::size_t size(std::uint32_t s) const { return offsets_[s + 1] - offsets_[s]; }
  // The story's id, 16 lower-case hex digits, or "" for an article without a story id.
  std::string id(std::uint32_t s) const;
  // The earliest publication day of its members (days since 1970-01-01), or kUndated.
  std::int32_t first_day(std::uint32_t s) const { return first_day_[s]; }

 private:
  std::vector<std::uint32_t> story_of_;  // docid -> ordinal
  std::vector<std::uint64_t> ids_;       // ordinal -> id (stories with an id only)
  std::vector<std::uint32_t> offsets_;   // ordinal -> start in members_; size stories() + 1
  std::vector<Xapian::docid> members_;
  std::vector<std::int32_t> first_day_;
  DocSet shared_;  // the documents of stories of two or more articles
};

}  // namespace newsdex
