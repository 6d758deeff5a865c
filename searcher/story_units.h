// Counting by story in trends: matches grouped into counting units. Without stories each match
// is a unit; with stories, the matches of one story under one key (a bucket, the window or the
// baseline, a sparkline slice) are one unit, so a story counts once per key, whatever the number
// of its articles there.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "searcher/facets.h"
#include "searcher/story_column.h"

namespace newsdex {

// Calls visit(key, docs) once per unit of `keyed` (match, key) pairs; `docs` is the unit's
// matches. `stories` null: one unit per pair. Units of stories of one article come first, then
// the others by story and key.
template <class Visit>
void for_each_unit(const std::vector<std::pair<Xapian::docid, std::uint32_t>>& keyed,
                   const StoryColumn* stories, Visit&& visit) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, Xapian::docid>> grouped;  // story, key, d
  for (const auto& [d, key] : keyed) {
    const std::uint32_t s = stories == nullptr ? StoryColumn::kNoStory : stories->story(d);
    if (s == StoryColumn::kNoStory || stories->size(s) == 1) {
      visit(key, std::span<const Xapian::docid>(&d, 1));
    } else {
      grouped.emplace_back(s, key, d);
    }
  }
  std::sort(grouped.begin(), grouped.end());
  std::vector<Xapian::docid> docs;
  for (std::size_t i = 0; i < grouped.size();) {
    const auto [s, key, first] = grouped[i];
    docs.clear();
    for (; i < grouped.size() && std::get<0>(grouped[i]) == s && std::get<1>(grouped[i]) == key;
         ++i)
      docs.push_back(std::get<2>(grouped[i]));
    visit(key, std::span<const Xapian::docid>(docs));
  }
}

// The distinct values of a unit's matches in one facet column.
class UnitValues {
 public:
  explicit UnitValues(const FacetColumn& column)
      : column_(column), stamp_(column.values().size(), 0) {}
  // Calls f(ordinal) once per value carried by any of `docs`: a company's names are one value
  // (FacetColumn::head), reported by the first of its ordinals met.
  template <class F>
  void each(std::span<const Xapian::docid> docs, F&& f) {
    if (docs.size() == 1) {  // (a document's ordinals are distinct)
      for (const auto o : column_.ordinals(docs[0])) f(o);
      return;
    }
    ++unit_;
    for (const auto d : docs) {
      for (const auto o : column_.ordinals(d)) {
        const auto h = column_.head(o);
        if (stamp_[h] == unit_) continue;
        stamp_[h] = unit_;
        f(o);
      }
    }
  }

 private:
  const FacetColumn& column_;
  std::vector<std::uint64_t> stamp_;  // per value: the last unit it was reported for
  std::uint64_t unit_ = 0;
};

}  // namespace newsdex
