#include "searcher/facets.h"

#include <algorithm>

#include "core/database.h"
#include "core/errors.h"
#include "core/text.h"

namespace newsdex {

FacetColumn::FacetColumn(const Xapian::Database& db, const schema::FieldSpec& field)
    : field_(&field) {
  const Xapian::docid last = db.get_lastdocid();
  const std::string prefix(field.prefix);
  // Pass 1: the dictionary, and how many values each document has.
  std::vector<std::uint32_t> per_doc(static_cast<std::size_t>(last) + 2, 0);
  std::vector<std::vector<Xapian::docid>> postings;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    const auto ord = static_cast<std::uint32_t>(values_.size());
    values_.push_back(schema::value_of_term(field, term));
    by_lower_.emplace(text::to_lower_ascii(values_.back()), ord);
    std::vector<Xapian::docid> docs;
    docs.reserve(t.get_termfreq());
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      docs.push_back(*p);
      ++per_doc[*p];
    }
    postings.push_back(std::move(docs));
  }
  // Pass 2: prefix sums, then fill each document's ordinals (in ordinal order).
  offsets_.assign(per_doc.size() + 1, 0);
  for (std::size_t d = 0; d < per_doc.size(); ++d) offsets_[d + 1] = offsets_[d] + per_doc[d];
  ords_.resize(offsets_.back());
  std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (std::uint32_t ord = 0; ord < postings.size(); ++ord) {
    for (const auto d : postings[ord]) ords_[fill[d]++] = ord;
  }
}

std::string FacetColumn::find_ignoring_case(std::string_view value) const {
  const auto it = by_lower_.find(text::to_lower_ascii(value));
  return it == by_lower_.end() ? std::string() : values_[it->second];
}

std::vector<FacetValueCount> FacetColumn::top(const std::vector<Xapian::doccount>& counts,
                                              std::size_t n) const {
  std::vector<std::uint32_t> ords;
  for (std::uint32_t o = 0; o < counts.size(); ++o) {
    if (counts[o] > 0) ords.push_back(o);
  }
  const auto better = [&](std::uint32_t a, std::uint32_t b) {
    return reported_before(counts[a], values_[a], counts[b], values_[b]);
  };
  const std::size_t k = std::min(n, ords.size());
  std::partial_sort(ords.begin(), ords.begin() + static_cast<long>(k), ords.end(), better);
  std::vector<FacetValueCount> out;
  for (std::size_t i = 0; i < k; ++i) out.push_back({values_[ords[i]], counts[ords[i]]});
  return out;
}

FacetIndex::FacetIndex(const Xapian::Database& db, std::size_t posting_cache_bytes)
    : last_docid_(db.get_lastdocid()), posting_cache_bytes_(posting_cache_bytes) {
  for (const auto& f : schema::kFields) {
    if (f.has(schema::kFacet)) columns_.emplace_back(db, f);
  }
}

std::shared_ptr<const StoryColumn> FacetIndex::stories(const Xapian::Database& db) const {
  std::lock_guard<std::mutex> lock(stories_mutex_);
  if (!stories_) stories_ = std::make_shared<const StoryColumn>(db);
  return stories_;
}

const FacetColumn& FacetIndex::column(std::string_view name) const {
  for (const auto& c : columns_) {
    if (c.field().name == name) return c;
  }
  throw UsageError("unknown facet '" + std::string(name) +
                   "' (facets: " + schema::facet_field_names() + ")");
}

std::shared_ptr<const DocSet> FacetIndex::filter_set(const std::string& key,
                                                     const std::function<DocSet()>& compute) const {
  {
    std::lock_guard<std::mutex> lock(filter_mutex_);
    if (const auto it = filter_sets_.find(key); it != filter_sets_.end()) return it->second;
  }
  auto set = std::make_shared<const DocSet>(compute());  // outside the lock: may take a while
  std::lock_guard<std::mutex> lock(filter_mutex_);
  if (filter_sets_.size() >= kFilterCacheEntries) filter_sets_.clear();
  filter_sets_.emplace(key, set);
  return set;
}

std::shared_ptr<const FacetIndex::WordCounts> FacetIndex::words(
    const std::string& prefix, const std::function<WordCounts()>& read) const {
  {
    std::lock_guard<std::mutex> lock(words_mutex_);
    if (const auto it = words_.find(prefix); it != words_.end()) return it->second;
  }
  auto read_now = std::make_shared<const WordCounts>(read());  // outside the lock
  std::lock_guard<std::mutex> lock(words_mutex_);
  return words_.emplace(prefix, std::move(read_now)).first->second;
}

std::shared_ptr<const TermPostings> FacetIndex::postings(
    const std::string& term, const std::function<TermPostings()>& read) const {
  {
    std::lock_guard<std::mutex> lock(postings_mutex_);
    if (const auto it = postings_.find(term); it != postings_.end()) {
      postings_lru_.splice(postings_lru_.begin(), postings_lru_, it->second.lru);
      return it->second.postings;
    }
  }
  auto read_now = std::make_shared<const TermPostings>(read());  // outside the lock
  std::lock_guard<std::mutex> lock(postings_mutex_);
  if (const auto it = postings_.find(term); it != postings_.end()) return it->second.postings;
  postings_bytes_ += read_now->bytes();
  while (postings_bytes_ > posting_cache_bytes_ && !postings_lru_.empty()) {
    const auto oldest = postings_.find(postings_lru_.back());
    postings_bytes_ -= oldest->second.postings->bytes();
    postings_.erase(oldest);
    postings_lru_.pop_back();
  }
  postings_lru_.push_front(term);
  postings_.emplace(term, KeptPostings{read_now, postings_lru_.begin()});
  return read_now;
}

std::shared_ptr<const FacetIndex> FacetIndexCache::get(const Xapian::Database& db) {
  const std::string key = revision_key(db);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!cached_ || key != key_) {
    cached_ = std::make_shared<const FacetIndex>(db);
    key_ = key;
  }
  return cached_;
}

}  // namespace newsdex
