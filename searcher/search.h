// Searcher: one search request -> ranked hits, exact multi-select facet counts, snippets.
// The CLI and the HTTP server call the same Searcher and the same result_to_json.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/gazetteer.h"
#include "core/vocabulary.h"
#include "searcher/helper_thread.h"
#include "searcher/query_builder.h"
#include "searcher/query_plan.h"
#include "searcher/ranked_match.h"
#include "searcher/request.h"
#include "searcher/revision_state.h"

namespace newsdex {

// A collapsed hit's story (see searcher/story_column.h).
struct HitStory {
  std::string id;  // 16 hex digits; "" for an article without a story id (a story of one)
  std::size_t size = 1;
  std::string first_date;            // the earliest member's date, "" when none is dated
  std::vector<std::string> sources;  // distinct, by value; at most kMaxHitStorySources
};
inline constexpr std::size_t kMaxHitStorySources = 20;

struct SearchHit {
  std::size_t rank = 0;
  std::string id;
  double score = 0;
  std::string title, date, url, source, snippet;
  std::vector<std::string> companies, topics;
  std::optional<HitStory> story;  // set when the hits are collapsed by story
};

// What counting the matches gives: the exact total (or an estimate), the stories among the
// matches, and the facets. Returned by the count side of a search (FacetTally::report, the
// count pass) and copied into the SearchResult in one place (Searcher::run).
struct Counts {
  Xapian::doccount total = 0;
  bool total_exact = true;
  std::optional<Xapian::doccount> total_stories;  // when stories are known
  std::vector<std::pair<std::string, std::vector<FacetValueCount>>> facets;  // request order
  std::string facet_count = "articles";  // what the facet counts count: articles or stories
};

inline constexpr std::size_t kMaxNotices = 4;

struct SearchResult {
  std::string query;
  Xapian::doccount total = 0;
  std::optional<Xapian::doccount> total_stories;  // when collapsed or counting stories
  bool total_exact = true;
  std::size_t offset = 0, limit = 0;
  std::vector<SearchHit> hits;
  std::vector<std::pair<std::string, std::vector<FacetValueCount>>> facets;  // request order
  std::optional<std::string> did_you_mean;
  // What the user should know about the request: a filter value no article has, with the
  // closest known values (QueryBuilder::unknown_value_notice). Empty almost always.
  std::vector<std::string> notices;  // at most kMaxNotices
  // Each filter as typed and the value it filters by ("GM" → "General Motors": aliases,
  // vocabulary codes, case), in request order, so that a page can show the value it applied.
  struct AppliedFilter {
    std::string field, value, as;
  };
  std::vector<AppliedFilter> filters;
  double took_ms = 0;
  // The loosest match level used: "all", "most" or "any" (queries with operators: "all").
  std::string matching = "all";
  // When a looser level answered ("most", "any", or the words reading's): how many articles
  // have every word (fewer than a page); they are listed first.
  std::optional<Xapian::doccount> all_words;
  std::string facet_count = "articles";  // what the facet counts count: articles or stories
};

// The SPEC's JSON shape, keys in SPEC order.
nlohmann::ordered_json result_to_json(const SearchResult& r);

// Not thread-safe: one Searcher per thread. It owns two Xapian handles: one for ranking and one
// for the count pass, which runs on a short-lived helper thread when it is big (never both
// threads on one handle). Searchers of the same database may share one RevisionStateCache.
class Searcher {
 public:
  // Opens the database; throws DatabaseError when it is missing or not a Newsdex database.
  explicit Searcher(const std::string& db_path, std::shared_ptr<RevisionStateCache> cache =
                                                    std::make_shared<RevisionStateCache>());
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs a search on the newest committed revision. Throws UsageError for a malformed request.
  SearchResult search(const SearchRequest& request);
  // Every document that matches `request`'s query, date range and filters (fields ANDed, as for
  // the hits), on the newest revision, with that revision's state (facet columns); database() is
  // then at that revision. For counts a SearchResult does not carry (trends). Throws UsageError.
  // `stories` is set when request.count_stories.
  struct Matches {
    DocSet docs;
    std::shared_ptr<const RevisionState> state;
    std::shared_ptr<const StoryColumn> stories;
  };
  Matches matches(const SearchRequest& request);
  // On a cluster, where matches() cannot be read: the query of the same matches (query, date
  // range, filters), the revision's state (its facet dictionaries) and how many value slots
  // each facet field uses, for counting with Xapian's match spies (trends_shards.cc).
  struct ShardMatches {
    Xapian::Query query;
    std::shared_ptr<const RevisionState> state;
    std::map<std::string, unsigned> slots;
  };
  ShardMatches shard_matches(const SearchRequest& request);
  // True for a cluster of remote shards (Route::kShards).
  bool remote() const { return remote_; }
  // The stored article with this id; throws NotFoundError.
  nlohmann::json document(const std::string& id);
  // newsdex stats for this database.
  nlohmann::json stats();
  // The story `id` names (searcher/stories.h) on the newest revision.
  nlohmann::ordered_json story(const std::string& id);

  // Sees commits made since the last call (cheap when there are none).
  void refresh();
  // Counts that scan at least this many postings run on a helper thread, in parallel with
  // ranking; below it a thread hand-off costs more than it saves. 0: always in parallel.
  void set_parallel_count_postings(Xapian::doccount n) { parallel_count_postings_ = n; }
  static constexpr Xapian::doccount kDefaultParallelCountPostings = 5000;
  // Posting lists longer than this are read through Xapian instead of kept in memory (0: none
  // kept, which the tests use to cover both ways). Lists already kept stay kept.
  void set_keep_postings_at_most(Xapian::doccount n) { keep_postings_at_most_ = n; }
  // false: always rank with Xapian's matcher (the reference the tests compare against).
  void set_own_ranking(bool on) { own_ranking_ = on; }
  const Xapian::Database& database() const { return db_; }
  // revision_key of database()'s parts: what caches of it are kept under.
  const std::string& revision() const { return revision_; }

 private:
  // One match level's queries: `base` decides matching (with the date range), `scored` is
  // what the ranking scores; when `only` is set, just its documents match (the "most" level).
  struct LevelQuery {
    Xapian::Query base, scored;
    std::shared_ptr<const DocSet> only;
  };
  // Documents and scores, best first.
  using Page = std::vector<std::pair<Xapian::docid, double>>;
  // The request's filters, one query per field (the values of a field ORed).
  using Filters = std::map<std::string, Xapian::Query>;
  // One pass over one level: its page (from the pass's offset), its counts (exact when the
  // pass counted, else the ranking's estimate of the total and no facets), and Xapian's MSet
  // when Xapian's matcher ranked (for snippets).
  struct LevelRanking {
    Page page;
    Counts counts;
    std::optional<Xapian::MSet> mset;
  };
  // What ranking the levels gives run(): the page, the counts, the level that answered, and
  // the query whose words the snippets mark.
  struct Ranked {
    Page page;
    Counts counts;
    std::string matching = "all";
    std::optional<Xapian::doccount> all_words;  // see SearchResult::all_words
    Xapian::Query snippet_query;
    std::optional<Xapian::MSet> mset;
  };

  SearchResult run(const SearchRequest& request);
  // The queries of `level` of `plan` (search_levels.cc).
  LevelQuery level_query(const QueryPlan& plan, const MatchLevel& level,
                         const SearchRequest& request) const;
  // Documents with at least `min` of the `words`' matches, cached per revision.
  std::shared_ptr<const DocSet> level_set(const std::vector<Xapian::Query>& words,
                                          std::size_t min) const;
  // The pass for level query `q`: its route, counting and hits (query_plan.h).
  RankPass pass_for(const LevelQuery& q, const SearchRequest& request, bool count,
                    std::size_t offset, std::size_t limit) const {
    return plan_pass(q.scored, request.sort, count, offset, limit, own_ranking_, remote_);
  }
  // Ranks one level as `pass` says, on the route it was given.
  LevelRanking rank_level(const LevelQuery& q, const RankPass& pass, const Filters& filters,
                          const SearchRequest& request);
  // Runs the plan's levels, strictest first, until one has a page of matches (or none is
  // left): its counts answer (when `count`), and the page, hits [offset, offset + limit),
  // lists the all-word hits first (search_levels.cc). A query of words with quotes or signs
  // is read as words (QueryPlan::words_reading) when it is long text, or when as written it
  // matches nothing: `matching` is then "words".
  Ranked rank_levels(const QueryPlan& plan, const Filters& filters, const SearchRequest& request,
                     std::size_t offset, std::size_t limit, bool count);
  // rank_levels() without the words reading: `plan` as it is.
  Ranked rank_plan(const QueryPlan& plan, const Filters& filters, const SearchRequest& request,
                   std::size_t offset, std::size_t limit, bool count);
  // rank_levels() collapsed by story (collapse.cc): the page holds each story's best-ranked
  // match under the request's order, stories from request.offset on. REQUIRES: stories_ set.
  Ranked rank_collapsed(const QueryPlan& plan, const Filters& filters,
                        const SearchRequest& request);
  // stories_ when `request` collapses or counts stories, else null (articles are counted).
  const StoryColumn* stories_for(const SearchRequest& request) const {
    return request.collapse || request.count_stories ? stories_.get() : nullptr;
  }
  // The hits of `page` into r.hits: with request.full_hits their stored fields and a snippet
  // marking the words of `snippet_query` (through `mset` when Xapian's matcher ranked), with
  // request.collapse their story (hits.cc).
  void add_hits(const Page& page, const SearchRequest& request, const Xapian::Query& snippet_query,
                const std::optional<Xapian::MSet>& mset, SearchResult& r) const;
  // The story of hit `d` for the JSON (hits.cc). REQUIRES: stories_ set.
  HitStory hit_story(Xapian::docid d) const;
  Filters filters_by_field(const SearchRequest& request) const;
  // The count-only pass: the exact total and the multi-select facet counts of `base`.
  // Reads `db` only: runs on the calling thread with db_, or on a helper thread with count_db_.
  Counts count_matches(const Xapian::Database& db, const Xapian::Query& base,
                       const Filters& filters, const std::shared_ptr<const DocSet>& only,
                       const SearchRequest& request) const;
  // A filter's documents (cached per revision by the RevisionState).
  std::shared_ptr<const DocSet> filter_set(const Xapian::Database& db,
                                           const Xapian::Query& q) const;
  // Each filter's documents, and `only` under the key "" (a filter of no facet) when set.
  std::map<std::string, std::shared_ptr<const DocSet>> filter_sets(
      const Xapian::Database& db, const Filters& filters,
      const std::shared_ptr<const DocSet>& only) const;
  // Route::kWalk and kPruned: Newsdex ranks; when the pass counts, ranking and counting are one
  // walk over the posting lists (split over two threads when big).
  LevelRanking rank_and_count(const LevelQuery& q, const RankPass& pass, const Filters& filters,
                              const SearchRequest& request);
  // Route::kXapian (date order, phrases' pages, wildcards): Xapian's matcher ranks, and the
  // count pass runs beside it (on a helper thread when big).
  LevelRanking rank_with_xapian(const LevelQuery& q, const RankPass& pass, const Filters& filters,
                                const SearchRequest& request);
  // Route::kShards (shards.cc): a cluster's Enquire, with built-in weighting and spies only.
  LevelRanking rank_on_shards(const LevelQuery& q, const RankPass& pass, const Filters& filters,
                              const SearchRequest& request);
  // The story of hit `d` on a cluster (shards.cc), read with a query for its story's articles.
  HitStory shard_hit_story(Xapian::docid d) const;
  void load_revision_state();
  // Opens db_, count_db_ and their parts at path_ (again, when the archive's layout changed).
  void open_handles();
  // data/vocabulary.tsv as the indexer reads it, loaded once per process.
  static const CodeVocabulary& bundled_vocabulary();
  // refresh(), then `read`; both again (at most a few times) when a writer overwrote what they
  // read.
  template <class Read>
  auto read_newest(const Read& read) -> decltype(read());

  std::string path_;
  Xapian::Database db_;        // ranking, documents, stats: used by the calling thread only
  Xapian::Database count_db_;  // the count pass's own handle, at db_'s revision (see run())
  // db_'s and count_db_'s databases one by one (an archive has several), for their revisions.
  std::vector<Xapian::Database> parts_, count_parts_;
  std::string layout_;      // archive_layout(path_) when the handles were opened
  bool remote_ = false;     // a cluster: some part is a remote shard (Route::kShards only)
  bool reconnect_ = false;  // a shard failed: open the handles again before the next search
  // A cluster's facet fields: how many value slots each uses (shards.h), per revision.
  std::map<std::string, unsigned> facet_slots_;
  std::shared_ptr<RevisionStateCache> cache_;
  std::shared_ptr<const RevisionState> state_;
  // The revision's stories, loaded by run() when a request collapses or counts stories.
  std::shared_ptr<const StoryColumn> stories_;
  CompanyGazetteer gazetteer_;
  std::string gazetteer_tsv_;
  std::string revision_;                   // revision_key(parts_) the state below belongs to
  std::string oldest_day_, newest_day_;    // the dated articles' span, YYYY-MM-DD ("" if none)
  std::unique_ptr<QueryBuilder> builder_;  // set up for the current revision
  Xapian::doccount parallel_count_postings_ = kDefaultParallelCountPostings;
  std::unique_ptr<HelperThread> helper_ = std::make_unique<HelperThread>();  // uses count_db_
  Xapian::doccount keep_postings_at_most_ = RevisionState::kKeepAtMost;
  bool own_ranking_ = true;
};

}  // namespace newsdex
