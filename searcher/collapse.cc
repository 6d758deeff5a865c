// Searcher's collapsing of hits by story. One rule for every route (the own ranking walk,
// Xapian's matcher, match levels, recency, date order): rank the first `fetch` matches in the
// request's order and keep each story's first one. The first N stories of that prefix are the
// first N stories of the whole order (a story's best article is its first in the order), so
// when the prefix holds fewer than offset + limit stories and there are more matches, the
// ranking runs again with four times the prefix, at most up to every match. Only the first
// run counts (total, stories, facets): the runs again rank the same matches, counts off.
#include <unordered_set>

#include "searcher/search.h"

namespace newsdex {

namespace {
// The first fetch: a page and some room for copies. Most stories are of one article: on the
// x50 harness corpus the 10th story of the 200 queries' rankings was at most the 13th hit.
std::size_t first_fetch(std::size_t need) { return need + need / 2 + 4; }
}  // namespace

Searcher::Ranked Searcher::rank_collapsed(const QueryPlan& plan, const Filters& filters,
                                          const SearchRequest& request) {
  // A cluster collapses in Xapian's matcher (the collapse key, shards.cc): one run.
  if (remote_) {
    return rank_levels(plan, filters, request, request.offset, request.limit,
                       request.counts_matches());
  }
  const StoryColumn& stories = *stories_;
  const std::size_t need = request.offset + request.limit;
  Ranked first;  // the first run's counts and level answer
  for (std::size_t fetch = first_fetch(need), runs = 0;; fetch *= 4, ++runs) {
    // Ranking again needs no counts: the same level answers, as it has a page of matches.
    const bool count = runs == 0;
    Ranked run = rank_levels(plan, filters, request, 0, request.limit == 0 ? 0 : fetch, count);
    if (count) {
      first.counts = std::move(run.counts);
      first.matching = run.matching;
      first.all_words = run.all_words;
    }
    Page firsts;  // each story's first hit, in order
    std::unordered_set<std::uint32_t> seen;
    for (const auto& hit : run.page) {
      if (seen.insert(stories.story(hit.first)).second) firsts.push_back(hit);
      if (firsts.size() == need) break;
    }
    // Done with a full page of stories, or when every match was ranked.
    if (firsts.size() < need && run.page.size() == fetch && fetch < first.counts.total) continue;
    first.snippet_query = run.snippet_query;
    first.mset = std::move(run.mset);
    for (std::size_t i = request.offset; i < firsts.size(); ++i) first.page.push_back(firsts[i]);
    return first;
  }
}

}  // namespace newsdex
