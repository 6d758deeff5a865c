// FacetTally: the count-only side of a search. It is handed the matches in batches (from the
// ranking walk or from the count pass, one tally per thread) and gives the exact total and the
// multi-select facet counts, by articles or by stories.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "searcher/docset.h"
#include "searcher/revision_state.h"
#include "searcher/search.h"
#include "searcher/story_column.h"

namespace newsdex {

// Counts the matches passing every filter (the total) and, per requested facet, the values of
// the matches passing every filter but the facet's own (multi-select; with `multi_select`
// false, every filter). With a StoryColumn, report() also gives the number of stories among
// the matches passing every filter; with `count_stories` the facets
// count stories too: a value counts once per story that has at least one counted match
// carrying it. Not thread-safe: one per thread, merge() adds another's counts.
//
// Most stories are of one article: those are counted as the matches arrive, exactly as
// articles are. Only the matches of stories with several articles are kept, and report()
// visits each such story once (a story's matches may arrive in different batches or threads).
class FacetTally {
 public:
  // `state`, the sets and `stories` must outlive the tally.
  FacetTally(const RevisionState& state,
             const std::map<std::string, std::shared_ptr<const DocSet>>& filter_sets,
             const std::vector<std::string>& facets, bool multi_select,
             const StoryColumn* stories = nullptr, bool count_stories = false);
  void add(const std::vector<Xapian::docid>& docs);
  void merge(const FacetTally& o);
  // The total, the facets (in the order given to the constructor, `facet_size` values each),
  // what they count, and the number of stories when stories are known.
  Counts report(std::size_t facet_size) const;

 private:
  // A bit per filter that document d does not pass.
  std::uint32_t failed(Xapian::docid d) const {
    std::uint32_t bits = 0;
    for (std::size_t i = 0; i < sets_.size(); ++i) {
      if (!sets_[i]->contains(d)) bits |= std::uint32_t{1} << i;
    }
    return bits;
  }
  // The story pass over the kept matches (stories of several articles): their number of
  // stories, and with count_stories_ their facet counts by story added to `counts`.
  Xapian::doccount count_shared_stories(std::vector<std::vector<Xapian::doccount>>& counts) const;

  std::vector<std::string> facets_;  // names, in the caller's order
  std::vector<const DocSet*> sets_;
  std::vector<const FacetColumn*> columns_;
  // Per facet and value: articles, or with count_stories_ stories of one article.
  std::vector<std::vector<Xapian::doccount>> counts_;
  std::vector<std::uint32_t> own_filter_;  // per facet: the bit of its own field's filter
  Xapian::doccount total_ = 0;
  Xapian::doccount single_stories_ = 0;  // stories of one article passing every filter
  const StoryColumn* stories_ = nullptr;
  bool count_stories_ = false;
  std::vector<Xapian::docid> shared_;  // the matches of stories of several articles
};

}  // namespace newsdex
