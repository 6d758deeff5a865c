#include "searcher/facet_tally.h"

#include <iterator>

namespace newsdex {

FacetTally::FacetTally(const FacetIndex& index,
                       const std::map<std::string, std::shared_ptr<const DocSet>>& filter_sets,
                       const std::vector<std::string>& facets, bool multi_select,
                       const StoryColumn* stories, bool count_stories)
    : stories_(stories),
      count_stories_(stories != nullptr && count_stories),
      last_docid_(index.last_docid()) {
  for (const auto& [field, set] : filter_sets) sets_.push_back(set.get());
  for (const auto& name : facets) {
    columns_.push_back(&index.column(name));
    counts_.emplace_back(count_stories_ ? 0 : columns_.back()->values().size(), 0);
    const auto it = filter_sets.find(name);
    own_filter_.push_back(
        !multi_select || it == filter_sets.end()
            ? 0
            : std::uint32_t{1} << static_cast<unsigned>(std::distance(filter_sets.begin(), it)));
  }
}

void FacetTally::add(const std::vector<Xapian::docid>& docs) {
  if (stories_ != nullptr) docs_.insert(docs_.end(), docs.begin(), docs.end());
  if (count_stories_) {  // (the facets are counted by report())
    for (const auto d : docs) total_ += failed(d) == 0 ? 1 : 0;
    return;
  }
  // The columns are read at scattered places: ask for the entries a few matches ahead.
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (i + kAhead < docs.size()) {
      for (const FacetColumn* c : columns_) c->prefetch(docs[i + kAhead]);
    }
    const Xapian::docid d = docs[i];
    const std::uint32_t bits = failed(d);
    if (bits == 0) ++total_;
    for (std::size_t f = 0; f < columns_.size(); ++f) {
      if ((bits & ~own_filter_[f]) == 0) columns_[f]->count(d, counts_[f].data());
    }
  }
}

void FacetTally::merge(const FacetTally& o) {
  total_ += o.total_;
  for (std::size_t f = 0; f < counts_.size(); ++f) {
    for (std::size_t v = 0; v < counts_[f].size(); ++v) counts_[f][v] += o.counts_[f][v];
  }
  docs_.insert(docs_.end(), o.docs_.begin(), o.docs_.end());
}

Xapian::doccount FacetTally::count_by_story(
    std::vector<std::vector<Xapian::doccount>>& counts) const {
  const StoryColumn& st = *stories_;
  DocSet matched(last_docid_);
  for (const auto d : docs_) matched.add(d);
  DocSet done(st.stories());  // stories already visited
  // Per facet and value, the last story (ordinal + 1) it was counted for: a story's matches
  // are visited together, so a value counts once per story.
  std::vector<std::vector<std::uint32_t>> stamp;
  if (count_stories_) {
    for (const FacetColumn* c : columns_) {
      counts.emplace_back(c->values().size(), 0);
      stamp.emplace_back(c->values().size(), 0);
    }
  }
  Xapian::doccount total = 0;
  // The columns are read at scattered places: ask for the entries a few matches ahead.
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < docs_.size(); ++i) {
    if (i + kAhead < docs_.size()) {
      st.prefetch(docs_[i + kAhead]);
      if (count_stories_) {
        for (const FacetColumn* c : columns_) c->prefetch(docs_[i + kAhead]);
      }
    }
    const Xapian::docid d = docs_[i];
    const std::uint32_t s = st.story(d);
    if (s == StoryColumn::kNoStory || done.contains(s)) continue;
    done.add(s);
    bool passes = false;  // some match of the story passes every filter
    const auto visit = [&](Xapian::docid m) {
      const std::uint32_t bits = failed(m);
      passes = passes || bits == 0;
      if (!count_stories_) return;
      for (std::size_t f = 0; f < columns_.size(); ++f) {
        if ((bits & ~own_filter_[f]) != 0) continue;
        for (const auto ord : columns_[f]->ordinals(m)) {
          if (stamp[f][ord] == s + 1) continue;
          stamp[f][ord] = s + 1;
          ++counts[f][ord];
        }
      }
    };
    if (st.size(s) == 1) {
      visit(d);
    } else {
      for (const auto m : st.members(s)) {
        if (matched.contains(m)) visit(m);
      }
    }
    total += passes ? 1 : 0;
  }
  return total;
}

void FacetTally::report(const SearchRequest& request, SearchResult& r) const {
  r.total = total_;
  r.facet_count = count_stories_ ? "stories" : "articles";
  std::vector<std::vector<Xapian::doccount>> by_story;
  if (stories_ != nullptr) r.total_stories = count_by_story(by_story);
  const auto& counts = count_stories_ ? by_story : counts_;
  for (std::size_t f = 0; f < columns_.size(); ++f)
    r.facets.emplace_back(request.facets[f], columns_[f]->top(counts[f], request.facet_size));
}

}  // namespace newsdex
