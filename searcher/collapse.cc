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

Searcher::Page Searcher::rank_collapsed(const QueryPlan& plan,
                                        const std::map<std::string, Xapian::Query>& filter_queries,
                                        const SearchRequest& request, SearchResult& r,
                                        Xapian::Query& snippet_query,
                                        std::optional<Xapian::MSet>& mset) {
  const StoryColumn& stories = *stories_;
  const std::size_t need = request.offset + request.limit;
  SearchRequest deep = request;
  deep.offset = 0;
  bool counted = false;
  for (std::size_t fetch = first_fetch(need);; fetch *= 4) {
    deep.limit = request.limit == 0 ? 0 : fetch;
    SearchResult part;
    std::optional<Xapian::MSet> part_mset;
    Xapian::Query part_snippets;
    const Page ranked = rank_levels(plan, filter_queries, deep, part, part_snippets, part_mset);
    if (!counted) {
      r.total = part.total;
      r.total_stories = part.total_stories;
      r.total_exact = part.total_exact;
      r.facets = std::move(part.facets);
      r.facet_count = part.facet_count;
      r.matching = part.matching;
      counted = true;
      // Ranking again needs no counts: the same level answers, as it has a page of matches.
      deep.facets.clear();
      deep.exact_total = deep.collapse = deep.count_stories = false;
    }
    Page firsts;  // each story's first hit, in order
    std::unordered_set<std::uint32_t> seen;
    for (const auto& hit : ranked) {
      if (seen.insert(stories.story(hit.first)).second) firsts.push_back(hit);
      if (firsts.size() == need) break;
    }
    // Done with a full page of stories, or when every match was ranked.
    if (firsts.size() < need && ranked.size() == fetch && fetch < r.total) continue;
    snippet_query = part_snippets;
    mset = std::move(part_mset);
    Page page;
    for (std::size_t i = request.offset; i < firsts.size(); ++i) page.push_back(firsts[i]);
    return page;
  }
}

}  // namespace newsdex
