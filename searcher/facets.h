// Facet counting in the Lucene/Tantivy style: for each facet field a sorted dictionary of
// values, and per document the ordinals of its values in a compact column (CSR layout).
// Counting a set of matches increments counts[ord] in a plain array; strings appear only when
// the top values are reported.
//
// Ordinals are global for one database revision: the whole FacetIndex is rebuilt from the
// boolean-term posting lists when the searcher sees a new revision (FacetIndexCache), so it
// never disagrees with the index it counts.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/schema.h"
#include "searcher/docset.h"
#include "searcher/facet_value.h"
#include "searcher/story_column.h"
#include "searcher/term_postings.h"

namespace newsdex {

class FacetColumn {
 public:
  FacetColumn(const Xapian::Database& db, const schema::FieldSpec& field);

  const schema::FieldSpec& field() const { return *field_; }
  // Values in term order; an ordinal is an index into this.
  const std::vector<std::string>& values() const { return values_; }
  // True when `value` is indexed exactly as written.
  bool contains(std::string_view value) const {
    return std::binary_search(values_.begin(), values_.end(), value);
  }
  // The value spelled like `value` ignoring ASCII case, or "".
  std::string find_ignoring_case(std::string_view value) const;

  // Hints the CPU that count(d) is coming.
  void prefetch(Xapian::docid d) const {
    if (d + 1 < offsets_.size()) __builtin_prefetch(&offsets_[d]);
  }
  // Hints the CPU that d's values are coming, once prefetch(d) has brought their place.
  void prefetch_values(Xapian::docid d) const {
    if (d + 1 < offsets_.size() && offsets_[d] < ords_.size())
      __builtin_prefetch(&ords_[offsets_[d]]);
  }
  // Adds the values of document `d` to `counts` (sized values().size()).
  void count(Xapian::docid d, Xapian::doccount* counts) const {
    if (d + 1 >= offsets_.size()) return;
    for (auto k = offsets_[d]; k < offsets_[d + 1]; ++k) ++counts[ords_[k]];
  }
  // The ordinals of document `d`'s values, ascending (empty past the column's end).
  std::span<const std::uint32_t> ordinals(Xapian::docid d) const {
    if (d + 1 >= offsets_.size()) return {};
    return {ords_.data() + offsets_[d], ords_.data() + offsets_[d + 1]};
  }
  // The `n` highest counts, by count descending then value ascending; zero counts omitted.
  std::vector<FacetValueCount> top(const std::vector<Xapian::doccount>& counts,
                                   std::size_t n) const;

 private:
  const schema::FieldSpec* field_;
  std::vector<std::string> values_;
  std::unordered_map<std::string, std::uint32_t> by_lower_;
  std::vector<std::uint32_t> offsets_;  // docid -> start in ords_; size last_docid + 2
  std::vector<std::uint32_t> ords_;
};

// The columns of every facet field of one database revision, shared by all threads that
// search that revision, and that revision's caches (filter sets, kept posting lists,
// did-you-mean words): the columns are immutable once built; each cache has its own mutex.
class FacetIndex {
 public:
  // `posting_cache_bytes`: the budget for kept posting lists (see postings()).
  explicit FacetIndex(const Xapian::Database& db,
                      std::size_t posting_cache_bytes = kPostingCacheBytes);
  // The documents a filter selects, computed by `compute` the first time `key` is asked for
  // in this revision and kept (at most kFilterCacheEntries; the cache starts over when full),
  // as Elasticsearch and Lucene cache filter bit sets. Thread-safe.
  std::shared_ptr<const DocSet> filter_set(const std::string& key,
                                           const std::function<DocSet()>& compute) const;
  static constexpr std::size_t kFilterCacheEntries = 256;
  // A term's postings (and block maxima) for the ranking walk, read by `read` the first time
  // the term is asked for in this revision and kept while the kept postings of all terms fit
  // in the budget (kPostingCacheBytes unless told); the least recently used make room.
  // Thread-safe.
  std::shared_ptr<const TermPostings> postings(const std::string& term,
                                               const std::function<TermPostings()>& read) const;
  static constexpr std::size_t kPostingCacheBytes = std::size_t{768} << 20;
  // The longest posting list worth keeping: an eighth of the cache (about 20M postings); longer
  // lists are read through Xapian.
  static constexpr Xapian::doccount kKeepAtMost = kPostingCacheBytes / 8 / 5;
  // Indexed words (unprefixed terms) that start with `prefix`, with their document counts, in
  // term order: read by `read` the first time `prefix` is asked for in this revision and kept.
  // did_you_mean's candidates; reading them walks the posting table across the prefix's terms.
  using WordCounts = std::vector<std::pair<std::string, Xapian::doccount>>;
  std::shared_ptr<const WordCounts> words(const std::string& prefix,
                                          const std::function<WordCounts()>& read) const;
  // The column of a facet field; throws UsageError naming the facet fields when `name` is not one.
  const FacetColumn& column(std::string_view name) const;
  Xapian::docid last_docid() const { return last_docid_; }
  // The revision's stories, built from `db` the first time they are asked for and kept.
  // REQUIRES: `db` is at this FacetIndex's revision. Thread-safe.
  std::shared_ptr<const StoryColumn> stories(const Xapian::Database& db) const;

 private:
  Xapian::docid last_docid_;
  std::size_t posting_cache_bytes_;
  std::vector<FacetColumn> columns_;
  mutable std::mutex filter_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const DocSet>>
      filter_sets_;  // GUARDED_BY(filter_mutex_)
  mutable std::mutex words_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const WordCounts>>
      words_;  // GUARDED_BY(words_mutex_)
  struct KeptPostings {
    std::shared_ptr<const TermPostings> postings;
    std::list<std::string>::iterator lru;  // its place in postings_lru_
  };
  mutable std::mutex postings_mutex_;
  mutable std::unordered_map<std::string, KeptPostings> postings_;  // GUARDED_BY(postings_mutex_)
  mutable std::list<std::string> postings_lru_;  // most recent first; GUARDED_BY(postings_mutex_)
  mutable std::size_t postings_bytes_ = 0;       // GUARDED_BY(postings_mutex_)
  mutable std::mutex stories_mutex_;
  mutable std::shared_ptr<const StoryColumn> stories_;  // GUARDED_BY(stories_mutex_)
};

// Hands out the FacetIndex of a database's current revision, building it once per revision.
// Thread-safe: `mutex_` guards `cached_` and its key.
class FacetIndexCache {
 public:
  std::shared_ptr<const FacetIndex> get(const Xapian::Database& db);

 private:
  std::mutex mutex_;
  std::string key_;                           // GUARDED_BY(mutex_): uuid + revision
  std::shared_ptr<const FacetIndex> cached_;  // GUARDED_BY(mutex_)
};

}  // namespace newsdex
