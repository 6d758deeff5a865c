// The query plan: what the searcher decides about a request before it reads any posting, in
// one place. plan_query() looks at the text once (is it plain words? which match levels?);
// plan_pass() looks at each level's parsed query once (which engine ranks it, counting or not,
// which hits). Searcher::run follows the plans; tests assert them for each query shape
// (tests/searcher/query_plan_test.cc).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "searcher/request.h"

namespace newsdex {

// Which engine ranks a query.
enum class Route {
  kWalk,    // Newsdex's document-at-a-time walk ranks and visits every match (counts, facets)
  kPruned,  // the same walk, top-k only: block maxima (one word) or MaxScore (several)
  kXapian,  // Xapian's matcher ranks (date order, wildcards, value ranges, a phrase's page
            // without counts); a count pass runs beside it when counts are wanted
  kShards,  // a cluster: Xapian's matcher on every remote shard, with built-in weighting and
            // match spies only (what a stock xapian-tcpsrv runs), counting in the same pass
};

// One match level of a plain-word query: the articles with at least `min_words` of the words.
struct MatchLevel {
  const char* name;  // "all", "most" or "any"
  std::size_t min_words;
};

struct QueryPlan {
  // The text to parse: the query as typed, in lower case when it was typed all in capitals
  // (so capitals are not operators and words are stemmed), and for plain words without the
  // stopwords.
  std::string text;
  // True for a query of plain words (no quotes, fields, wildcards or operators), which may
  // also require (+word) or exclude (-word) words: those are obeyed at every level, and only
  // the other words relax. A query of signed words only is not plain.
  bool plain = false;
  std::vector<std::string> words;    // plain: the distinct unsigned words, in query order
  std::vector<std::size_t> repeats;  // plain: how often each of `words` was typed
  std::vector<std::string> required, excluded;  // plain: +word and -word, without the sign
  // Strictest first. Auto mode: all, then most, then any (levels equal to a stricter one are
  // left out); one level when the request fixes it or the query is not plain ("all" then
  // means: as written).
  std::vector<MatchLevel> levels;
  // The words reading of a query whose only syntax is quotes and +/- signs (no fields,
  // wildcards or operators): the plain plan of its words, the phrases dropped to a bonus
  // (`phrases`), +word read as a word, -word kept excluded in short queries and read as a
  // word in long text. Null for other queries. The searcher answers with it (`matching`
  // "words") when the query as written matches nothing, and at once for long natural text
  // (`words_first`: at least kLongTextWords words, such as a pasted paragraph).
  std::shared_ptr<const QueryPlan> words_reading;
  bool words_first = false;
  // In a words reading: the query's quoted phrases, which add their weight where they occur.
  std::vector<std::string> phrases;
};

// From this many words a query with quotes or signs is natural text: its quotes and signs are
// read as words at once (a required phrase in a pasted paragraph would empty the answer).
inline constexpr std::size_t kLongTextWords = 10;

// A level answers when it has at least this many matches (the first page of SPEC's default
// limit), whatever the request's own limit and offset, so paging never changes the level.
inline constexpr std::size_t kLevelPage = 10;

// The minimum number of the n words an article needs for "most": ceil(2n/3) (n-1 for 3 to 5
// words, 4 of 6, 6 of 9). It equals "all" below 3 words.
std::size_t most_words(std::size_t n);

// True when `word` (lower case) is an English stopword.
bool is_stopword(const std::string& word);

// Plans the text side of a request (see QueryPlan). `stopwords` false keeps function words.
QueryPlan plan_query(const std::string& query, MatchMode mode, bool stopwords = true);

// One ranking pass over a level: which engine ranks, whether every match is visited (for the
// exact total, facets and stories), and which hits it ranks. Decided once per pass by
// plan_pass() from the parsed query, the user's request and what the caller needs; the pass
// follows it and never reads offset, limit or counting switches from the request.
struct RankPass {
  Route route = Route::kXapian;
  bool count = true;                   // visit every match: the exact total, facet and story counts
  std::size_t offset = 0, limit = 10;  // the hits to rank: [offset, offset + limit)
};

// The pass for `scored` (the query the ranking scores) in `sort` order. `count`: the caller
// needs the counts; `own_ranking` false forces Xapian (the reference the tests compare
// against); `shards`: the database is a cluster of remote shards (always Route::kShards).
RankPass plan_pass(const Xapian::Query& scored, SortOrder sort, bool count, std::size_t offset,
                   std::size_t limit, bool own_ranking, bool shards = false);

}  // namespace newsdex
