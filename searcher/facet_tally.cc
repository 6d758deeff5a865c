#include "searcher/facet_tally.h"

#include <bit>
#include <iterator>

namespace newsdex {

FacetTally::FacetTally(const RevisionState& state,
                       const std::map<std::string, std::shared_ptr<const DocSet>>& filter_sets,
                       const std::vector<std::string>& facets, bool multi_select,
                       const StoryColumn* stories, bool count_stories)
    : facets_(facets), stories_(stories), count_stories_(stories != nullptr && count_stories) {
  for (const auto& [field, set] : filter_sets) sets_.push_back(set.get());
  for (const auto& name : facets) {
    columns_.push_back(&state.column(name));
    counts_.emplace_back(columns_.back()->values().size(), 0);
    const auto it = filter_sets.find(name);
    own_filter_.push_back(
        !multi_select || it == filter_sets.end()
            ? 0
            : std::uint32_t{1} << static_cast<unsigned>(std::distance(filter_sets.begin(), it)));
  }
}

void FacetTally::add(const std::vector<Xapian::docid>& docs) {
  // The columns are read at scattered places: ask for the entries a few matches ahead.
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (i + kAhead < docs.size()) {
      for (const FacetColumn* c : columns_) c->prefetch(docs[i + kAhead]);
    }
    const Xapian::docid d = docs[i];
    const std::uint32_t bits = failed(d);
    if (bits == 0) ++total_;
    if (stories_ != nullptr) {
      if (stories_->shared(d)) {
        shared_.push_back(d);  // (counted by report(), once per story)
        if (count_stories_) continue;
      } else if (bits == 0) {
        ++single_stories_;
      }
    }
    for (std::size_t f = 0; f < columns_.size(); ++f) {
      if ((bits & ~own_filter_[f]) == 0) columns_[f]->count(d, counts_[f].data());
    }
  }
}

void FacetTally::merge(const FacetTally& o) {
  total_ += o.total_;
  single_stories_ += o.single_stories_;
  for (std::size_t f = 0; f < counts_.size(); ++f) {
    for (std::size_t v = 0; v < counts_[f].size(); ++v) counts_[f][v] += o.counts_[f][v];
  }
  shared_.insert(shared_.end(), o.shared_.begin(), o.shared_.end());
}

namespace {
// Sorts `keys` by their upper 32 bits (stable: equal keys keep their order), `bits` of which
// may be set: a least-significant-digit radix sort, 11 bits a pass.
void sort_by_upper_half(std::vector<std::uint64_t>& keys, unsigned bits) {
  constexpr unsigned kDigit = 11;
  std::vector<std::uint64_t> out(keys.size());
  for (unsigned shift = 32; shift < 32 + bits; shift += kDigit) {
    std::vector<std::size_t> start((std::size_t{1} << kDigit) + 1, 0);
    const auto digit = [&](std::uint64_t k) { return (k >> shift) & ((1U << kDigit) - 1); };
    for (const auto k : keys) ++start[digit(k) + 1];
    for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    for (const auto k : keys) out[start[digit(k)]++] = k;
    keys.swap(out);
  }
}
}  // namespace

Xapian::doccount FacetTally::count_shared_stories(
    std::vector<std::vector<Xapian::doccount>>& counts) const {
  if (shared_.empty()) return 0;
  const StoryColumn& st = *stories_;
  // The columns are read at scattered places: ask for the entries a few matches ahead.
  constexpr std::size_t kAhead = 16;
  // The kept matches grouped by story: (story << 32 | docid), sorted by story.
  std::vector<std::uint64_t> keyed(shared_.size());
  for (std::size_t i = 0; i < shared_.size(); ++i) {
    if (i + kAhead < shared_.size()) st.prefetch(shared_[i + kAhead]);
    keyed[i] = std::uint64_t{st.story(shared_[i])} << 32 | shared_[i];
  }
  sort_by_upper_half(keyed, static_cast<unsigned>(std::bit_width(st.stories())));
  // Per facet and value, the last story (ordinal + 1) it was counted for: a story's matches
  // are visited together, so a value counts once per story.
  std::vector<std::vector<std::uint32_t>> stamp;
  if (count_stories_) {
    for (const FacetColumn* c : columns_) stamp.emplace_back(c->values().size(), 0);
  }
  Xapian::doccount total = 0;
  bool passes = false;  // some match of the current story passes every filter
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    // Members of a story lie far apart: bring each entry's place, then the entry.
    if (count_stories_ && i + 2 * kAhead < keyed.size()) {
      for (const FacetColumn* c : columns_)
        c->prefetch(static_cast<Xapian::docid>(keyed[i + 2 * kAhead]));
    }
    if (count_stories_ && i + kAhead < keyed.size()) {
      for (const FacetColumn* c : columns_)
        c->prefetch_values(static_cast<Xapian::docid>(keyed[i + kAhead]));
    }
    const auto s = static_cast<std::uint32_t>(keyed[i] >> 32);
    const auto m = static_cast<Xapian::docid>(keyed[i]);
    if (i > 0 && s != keyed[i - 1] >> 32) {
      total += passes ? 1 : 0;
      passes = false;
    }
    const std::uint32_t bits = failed(m);
    passes = passes || bits == 0;
    if (!count_stories_) continue;
    for (std::size_t f = 0; f < columns_.size(); ++f) {
      if ((bits & ~own_filter_[f]) != 0) continue;
      // A company's names count as one value: once per story.
      for (const auto raw : columns_[f]->ordinals(m)) {
        const auto ord = columns_[f]->head(raw);
        if (stamp[f][ord] == s + 1) continue;
        stamp[f][ord] = s + 1;
        ++counts[f][ord];
      }
    }
  }
  return total + (passes ? 1 : 0);
}

Counts FacetTally::report(std::size_t facet_size) const {
  Counts c;
  c.total = total_;
  c.facet_count = count_stories_ ? "stories" : "articles";
  std::vector<std::vector<Xapian::doccount>> counts = counts_;
  if (stories_ != nullptr) c.total_stories = single_stories_ + count_shared_stories(counts);
  for (std::size_t f = 0; f < columns_.size(); ++f)
    c.facets.emplace_back(facets_[f], columns_[f]->top(counts[f], facet_size));
  return c;
}

}  // namespace newsdex
