// RevisionState: what the searcher keeps for one database revision, shared by every thread
// that searches that revision: the facet columns and the story column (immutable once built)
// and three caches, each with its eviction rule (kept.h): the documents of filters, the posting
// lists the ranking walk reads, and the words did-you-mean looks through. A commit makes a new
// RevisionState (RevisionStateCache); the old one goes with the last search that uses it.
#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/thread_annotations.h"
#include "searcher/day_column.h"
#include "searcher/docset.h"
#include "searcher/facets.h"
#include "searcher/kept.h"
#include "searcher/story_column.h"
#include "searcher/term_postings.h"

namespace newsdex {

class RevisionState {
 public:
  // `posting_cache_bytes`: the budget for kept posting lists (see postings()).
  // What the facet columns hold: every document's values, or (a cluster, whose shards send
  // postings one by one) their dictionaries only (FacetColumn).
  enum class Columns { kFull, kDictionaries };
  explicit RevisionState(const Xapian::Database& db, Columns columns = Columns::kFull,
                         std::size_t posting_cache_bytes = kPostingCacheBytes);
  // The column of a facet field; throws UsageError naming the facet fields when `name` is not one.
  const FacetColumn& column(std::string_view name) const;
  Xapian::docid last_docid() const { return last_docid_; }
  // The first and last day terms of the revision ("" when nothing is dated): the ends of open
  // date ranges (QueryBuilder).
  const std::string& first_day_term() const { return first_day_term_; }
  const std::string& last_day_term() const { return last_day_term_; }
  // The revision's stories, built from `db` the first time they are asked for and kept (built
  // under the lock: it takes seconds on a million articles, and is needed once).
  // REQUIRES: `db` is at this revision. Thread-safe.
  std::shared_ptr<const StoryColumn> stories(const Xapian::Database& db) const;
  // Each document's publication day, for the trends: built from `db` the first time it is asked
  // for and kept, as stories() is. REQUIRES: `db` is at this revision. Thread-safe.
  std::shared_ptr<const DayColumn> days(const Xapian::Database& db) const;

  // The documents a filter selects, computed by `compute` the first time `key` is asked for
  // and kept (at most kFilterCacheEntries; the cache starts over when full), as Elasticsearch
  // and Lucene cache filter bit sets. Thread-safe.
  std::shared_ptr<const DocSet> filter_set(const std::string& key,
                                           const std::function<DocSet()>& compute) const {
    return filter_sets_.get(key, compute);
  }
  static constexpr std::size_t kFilterCacheEntries = 256;
  // A term's postings (and block maxima) for the ranking walk, read by `read` the first time
  // the term is asked for and kept while the kept postings of all terms fit in the budget
  // (kPostingCacheBytes unless told); the least recently used make room. Thread-safe.
  std::shared_ptr<const TermPostings> postings(const std::string& term,
                                               const std::function<TermPostings()>& read) const {
    return postings_.get(term, read);
  }
  static constexpr std::size_t kPostingCacheBytes = std::size_t{768} << 20;
  // The longest posting list worth keeping: an eighth of the cache (about 20M postings); longer
  // lists are read through Xapian.
  static constexpr Xapian::doccount kKeepAtMost = kPostingCacheBytes / 8 / 5;
  // Indexed words (unprefixed terms) that start with `prefix`, with their document counts, in
  // term order: read by `read` the first time `prefix` is asked for and kept.
  // did_you_mean's candidates; reading them walks the posting table across the prefix's terms.
  using WordCounts = std::vector<std::pair<std::string, Xapian::doccount>>;
  std::shared_ptr<const WordCounts> words(const std::string& prefix,
                                          const std::function<WordCounts()>& read) const {
    return words_.get(prefix, read);
  }

 private:
  Xapian::docid last_docid_;
  std::string first_day_term_, last_day_term_;
  std::vector<FacetColumn> columns_;
  Kept<DocSet, Evict::kAllWhenFull> filter_sets_{kFilterCacheEntries};
  Kept<TermPostings, Evict::kLeastRecentlyUsed> postings_;
  Kept<WordCounts, Evict::kNever> words_;
  mutable Mutex stories_mutex_;
  mutable std::shared_ptr<const StoryColumn> stories_ GUARDED_BY(stories_mutex_);
  mutable Mutex days_mutex_;
  mutable std::shared_ptr<const DayColumn> days_ GUARDED_BY(days_mutex_);
};

// Hands out the RevisionState of a database's current revision, building it once per
// revision. Thread-safe.
using RevisionStateCache = PerRevision<RevisionState>;

}  // namespace newsdex
