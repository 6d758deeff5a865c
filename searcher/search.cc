#include "searcher/search.h"

#include <chrono>
#include <map>
#include <optional>

#include "core/article.h"
#include "core/database.h"
#include "core/errors.h"
#include "core/schema.h"
#include "core/text.h"
#include "searcher/boolean_match.h"
#include "searcher/deadline.h"
#include "searcher/facet_tally.h"
#include "searcher/impact_weight.h"
#include "searcher/query_copy.h"
#include "searcher/ranked_match.h"
#include "searcher/shards.h"
#include "searcher/stats.h"
#include "searcher/stories.h"

namespace newsdex {

Searcher::Searcher(const std::string& db_path, std::shared_ptr<RevisionStateCache> cache)
    : path_(db_path), cache_(std::move(cache)) {
  open_handles();
  read_newest([] {});  // aligns the two handles and loads the revision's state
}

void Searcher::open_handles() {
  ReadHandles ranking = open_parts_for_reading(path_);
  // A cluster is only read from this thread (Route::kShards): one connection to each shard.
  ReadHandles counting = ranking.remote ? ranking : open_parts_for_reading(path_);
  db_ = ranking.all;
  parts_ = std::move(ranking.parts);
  layout_ = std::move(ranking.layout);
  count_db_ = counting.all;
  count_parts_ = std::move(counting.parts);
  remote_ = ranking.remote;
  reconnect_ = false;
}

Searcher::~Searcher() = default;

const CodeVocabulary& Searcher::bundled_vocabulary() {
  // The indexer names category codes with the bundled data/vocabulary.tsv; filters by a code
  // read it the same way. Without the file, codes are only matched as typed.
  static const CodeVocabulary vocabulary = [] {
    try {
      return CodeVocabulary::load(CodeVocabulary::default_path());
    } catch (const std::exception&) {
      return CodeVocabulary{};
    }
  }();
  return vocabulary;
}

void Searcher::load_revision_state() {
  revision_ = revision_key(parts_);
  state_ =
      cache_->get(db_, revision_,
                  remote_ ? RevisionState::Columns::kDictionaries : RevisionState::Columns::kFull);
  facet_slots_.clear();
  for (const auto& f : schema::kFields) {
    if (remote_ && f.has(schema::kFacet)) facet_slots_[std::string(f.name)] = used_slots(db_, f);
  }
  std::string tsv = db_.get_metadata(std::string(schema::kMetaCompaniesKey));
  if (tsv != gazetteer_tsv_) {
    gazetteer_ = stored_gazetteer(db_);
    gazetteer_tsv_ = std::move(tsv);
  }
  builder_ = std::make_unique<QueryBuilder>(db_, *state_, gazetteer_, bundled_vocabulary());
  // The span of dates, for recency (day terms sort by date).
  const auto& day = schema::field("date");
  const std::string prefix(day.prefix);
  oldest_day_.clear();
  newest_day_.clear();
  for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
    if (oldest_day_.empty()) oldest_day_ = schema::value_of_term(day, *t);
    newest_day_ = schema::value_of_term(day, *t);
  }
}

void Searcher::refresh() {
  // compact --by rewrote the layout (a database became an archive, or parts came or went):
  // reopen() only moves the parts a handle has, so open them again.
  if (reconnect_ || archive_layout(path_) != layout_) open_handles();
  // Both handles must show the same revision, or counts and hits would disagree.
  for (int tries = 0; tries < 10; ++tries) {
    db_.reopen();
    if (!remote_) count_db_.reopen();
    if (revision_key(parts_) == revision_key(count_parts_)) break;
  }
  // reopen() may say true with nothing new; the revision says whether anything changed.
  if (revision_key(parts_) != revision_) load_revision_state();
}

SearchResult Searcher::search(const SearchRequest& request) {
  // Browsing (no words) has no relevance to rank by: every score is 0. Newest first is what
  // a reader of a news archive expects there, not the order articles were indexed in.
  if (request.sort == SortOrder::kRelevance &&
      request.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    SearchRequest browse = request;
    browse.sort = SortOrder::kNewestFirst;
    return read_newest([&] { return run(browse); });
  }
  return read_newest([&] { return run(request); });
}

// A writer that commits twice while we read can overwrite blocks of our revision: reopen at
// the newest revision and read again (a search takes milliseconds; commits take longer).
// On a cluster, a shard that fails or times out (Xapian's timeout, shard_timeout_ms()) ends
// the request with a message naming it, and the next request connects again.
template <class Read>
auto Searcher::read_newest(const Read& read) -> decltype(read()) {
  try {
    return retry_if_modified([&] {
      refresh();
      return read();
    });
  } catch (const Xapian::NetworkError& e) {
    if (!remote_) throw;
    reconnect_ = true;
    const std::string down = unreachable_shards(path_);
    throw ShardError(down.empty() ? "a shard failed during the request: " + e.get_msg() : down);
  } catch (const ShardError&) {
    reconnect_ = true;
    throw;
  }
}

Searcher::Filters Searcher::filters_by_field(const SearchRequest& request) const {
  std::map<std::string, std::vector<std::string>> terms;
  for (const auto& f : request.filters) {
    const auto& field = schema::field(f.field);
    for (const auto& v : builder_->resolve_values(field, f.value))
      terms[f.field].push_back(schema::term(field, v));
  }
  Filters queries;
  for (const auto& [field, t] : terms)
    queries.emplace(field, Xapian::Query(Xapian::Query::OP_OR, t.begin(), t.end()));
  return queries;
}

std::map<std::string, std::shared_ptr<const DocSet>> Searcher::filter_sets(
    const Xapian::Database& db, const Filters& filters,
    const std::shared_ptr<const DocSet>& only) const {
  std::map<std::string, std::shared_ptr<const DocSet>> sets;
  for (const auto& [field, q] : filters) sets.emplace(field, filter_set(db, q));
  if (only) sets.emplace("", only);
  return sets;
}

std::shared_ptr<const DocSet> Searcher::filter_set(const Xapian::Database& db,
                                                   const Xapian::Query& q) const {
  return state_->filter_set(q.get_description(), [&] { return match_documents(db, q); });
}

Counts Searcher::count_matches(const Xapian::Database& db, const Xapian::Query& base,
                               const Filters& filters, const std::shared_ptr<const DocSet>& only,
                               const SearchRequest& request) const {
  const auto sets = filter_sets(db, filters, only);
  std::vector<Xapian::docid> matched;
  match_documents(db, base).for_each([&](Xapian::docid d) { matched.push_back(d); });
  FacetTally tally(*state_, sets, request.facets, request.multi_select, stories_for(request),
                   request.count_stories);
  tally.add(matched);
  return tally.report(request.facet_size);
}

Searcher::LevelRanking Searcher::rank_and_count(const LevelQuery& q, const RankPass& pass,
                                                const Filters& filters,
                                                const SearchRequest& request) {
  const auto sets = filter_sets(db_, filters, q.only);
  // The documents every filter lets through: the cached set itself for one filtered field.
  std::shared_ptr<const DocSet> filtered;
  if (sets.size() == 1) {
    filtered = sets.begin()->second;
  } else if (sets.size() > 1) {
    auto all = std::make_shared<DocSet>(*sets.begin()->second);
    for (const auto& [field, set] : sets) *all &= *set;
    filtered = std::move(all);
  }
  // Matches outside the filters count for no facet unless a filtered field is faceted with
  // multi-select: then the walk may skip them.
  bool need_unfiltered = false;
  for (const auto& name : request.facets) {
    need_unfiltered = need_unfiltered || (request.multi_select && sets.count(name) > 0);
  }
  const bool pruned = pass.route == Route::kPruned;
  const Xapian::docid last = db_.get_lastdocid();
  std::vector<Xapian::docid> matched;
  RankOptions o;
  o.k = pass.limit == 0 ? 0 : pass.offset + pass.limit;
  o.rank_only = filtered.get();
  if (filtered && pass.count && !need_unfiltered) {
    o.restrict_to = filtered;
    o.restrict_count = filtered->count();
  }
  o.matched = pass.count ? &matched : nullptr;
  const auto sets_of = [this](const Xapian::Database& db) {
    return [this, &db](const Xapian::Query& sub) { return filter_set(db, sub); };
  };
  o.boolean_set = sets_of(db_);
  const auto postings_of = [this](const Xapian::Database& db) {
    return [this, &db](const std::string& term) {
      return state_->postings(term,
                              [&] { return TermPostings::read(db, term, keep_postings_at_most_); });
    };
  };
  o.postings = postings_of(db_);
  FacetTally tally(*state_, sets, pass.count ? request.facets : std::vector<std::string>{},
                   request.multi_select, stories_for(request), request.count_stories);
  Ranking ranking;
  // A big count is split in two docid ranges, one per thread, each with its own database
  // handle, its own copy of the query and its own tally.
  const Xapian::docid mid = (last / 2) & ~Xapian::docid{63};
  Xapian::doccount work = walk_estimate(db_, q.scored);
  if (o.restrict_to) work = std::min(work, o.restrict_count);  // leapfrogged over the set
  if (pass.count && mid > 0 && work >= parallel_count_postings_) {
    RankOptions upper = o;
    upper.first = mid;
    upper.boolean_set = sets_of(count_db_);  // each thread reads only its own handle
    upper.postings = postings_of(count_db_);
    HelperTask upper_half =
        helper_->submit([this, upper, tally, own = copy_for_another_thread(q.scored)]() mutable {
          std::vector<Xapian::docid> docs;
          upper.matched = &docs;
          Ranking part = rank_documents(count_db_, own, upper, false);
          tally.add(docs);
          return std::make_pair(std::move(part), std::move(tally));
        });
    o.end = mid;
    ranking = rank_documents(db_, q.scored, o, false);
    tally.add(matched);
    const auto [more, more_tally] = upper_half.get();
    ranking.count += more.count;
    tally.merge(more_tally);
    auto& top = ranking.top;
    top.insert(top.end(), more.top.begin(), more.top.end());
    std::sort(top.begin(), top.end(), ranks_before);
    if (top.size() > o.k) top.resize(o.k);
  } else {
    ranking = rank_documents(db_, q.scored, o, pruned);
    tally.add(matched);
  }
  LevelRanking out;
  if (pass.count) {
    out.counts = tally.report(request.facet_size);
  } else {
    out.counts.total = ranking.count;  // exact when every match was visited, else an estimate
    out.counts.total_exact = ranking.count_exact;
  }
  for (std::size_t i = pass.offset; i < ranking.top.size(); ++i)
    out.page.emplace_back(ranking.top[i].docid, ranking.top[i].score);
  return out;
}

SearchResult Searcher::run(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  const QueryPlan plan = plan_query(request.query, request.match, request.ranking.stopwords);
  const Filters filters = filters_by_field(request);
  stories_ =
      (request.collapse || request.count_stories) && !remote_ ? state_->stories(db_) : nullptr;
  Ranked ranked = request.collapse ? rank_collapsed(plan, filters, request)
                                   : rank_levels(plan, filters, request, request.offset,
                                                 request.limit, request.counts_matches());
  // The one place the counts reach the result.
  SearchResult r;
  r.query = request.query;
  r.offset = request.offset;
  r.limit = request.limit;
  r.total = ranked.counts.total;
  r.total_exact = ranked.counts.total_exact;
  r.total_stories = ranked.counts.total_stories;
  r.facets = std::move(ranked.counts.facets);
  r.facet_count = ranked.counts.facet_count;
  r.matching = ranked.matching;
  r.all_words = ranked.all_words;
  // What a cluster answers differently (shards.cc), said where it applies.
  if (remote_ && r.matching == "most" && !exact_most_on_shards(plan.words.size())) {
    r.notices.push_back("on a cluster, 'most' of more than " + std::to_string(kMaxMostWords) +
                        " words matches any of them");
  }
  if (remote_ && request.count_stories && !request.facets.empty()) {
    r.notices.push_back("on a cluster, facet counts count articles, not stories");
  }
  for (const auto& f : request.filters) {
    r.filters.push_back(
        {f.field, f.value, builder_->resolve_value(schema::field(f.field), f.value)});
  }
  for (const auto& f : request.filters) {  // (a few: each scans the field's values)
    if (r.notices.size() == kMaxNotices) break;
    if (auto notice = builder_->unknown_value_notice(schema::field(f.field), f.value)) {
      r.notices.push_back(std::move(*notice));
    }
  }
  add_hits(ranked.page, request, ranked.snippet_query, ranked.mset, r);
  if (r.total == 0 || !request.query.empty()) {
    r.did_you_mean = builder_->did_you_mean(request.query);
  }
  r.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

Searcher::LevelRanking Searcher::rank_level(const LevelQuery& q, const RankPass& pass,
                                            const Filters& filters, const SearchRequest& request) {
  switch (pass.route) {
    case Route::kWalk:
    case Route::kPruned:
      return rank_and_count(q, pass, filters, request);
    case Route::kXapian:
      return rank_with_xapian(q, pass, filters, request);
    case Route::kShards:
      return rank_on_shards(q, pass, filters, request);
  }
  return {};  // (not reached: every route is handled above)
}

Searcher::LevelRanking Searcher::rank_with_xapian(const LevelQuery& q, const RankPass& pass,
                                                  const Filters& filters,
                                                  const SearchRequest& request) {
  LevelRanking out;
  // Count-only pass: the matches, and for each filtered field the matches of every other
  // filter. A big count runs on a second thread, with its own database handle at the same
  // revision, while this thread ranks: the query then takes the longer of the two passes.
  HelperTask<Counts> counting;
  if (pass.count && walk_estimate(db_, q.base) >= parallel_count_postings_) {
    // Xapian::Query copies share reference-counted internals that are not thread-safe, so the
    // helper gets its own deep copies, made here before it starts.
    const auto own = copy_for_another_thread;
    Filters own_filters;
    for (const auto& [field, f] : filters) own_filters.emplace(field, own(f));
    counting = helper_->submit(
        [this, &request, &q, own_base = own(q.base), own_filters = std::move(own_filters)] {
          return count_matches(count_db_, own_base, own_filters, q.only, request);
        });
  } else if (pass.count) {
    out.counts = count_matches(db_, q.base, filters, q.only, request);
  }

  Xapian::Query ranked = q.scored;
  for (const auto& [field, f] : filters) {
    ranked = Xapian::Query(Xapian::Query::OP_FILTER, ranked, f);
  }
  // Only the level's documents, when the level is "most".
  if (q.only) ranked = Xapian::Query(Xapian::Query::OP_FILTER, ranked, docset_query(db_, q.only));
  // (While counting runs in parallel the total is unknown yet, so the page is ranked anyway.)
  if (pass.limit > 0 && (counting.valid() || !pass.count || out.counts.total > pass.offset)) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(ranked);
    enquire.set_weighting_scheme(ImpactWeight());
    const auto slot = static_cast<Xapian::valueno>(schema::field("date").value_slot);
    if (request.sort == SortOrder::kNewestFirst) {
      enquire.set_sort_by_value_then_relevance(slot, true);
    } else if (request.sort == SortOrder::kOldestFirst) {
      enquire.set_sort_by_value_then_relevance(slot, false);
    }
    // Xapian's matcher checks the request's deadline at each document it considers.
    struct DeadlineSpy : Xapian::MatchSpy {
      void operator()(const Xapian::Document&, double) override { check_deadline(); }
    } deadline_spy;
    if (current_deadline() != nullptr) enquire.add_matchspy(&deadline_spy);
    out.mset = enquire.get_mset(static_cast<Xapian::doccount>(pass.offset),
                                static_cast<Xapian::doccount>(pass.limit));
    if (!pass.count) {
      out.counts.total = out.mset->get_matches_estimated();
      out.counts.total_exact =
          out.mset->get_matches_lower_bound() == out.mset->get_matches_upper_bound();
    }
    for (auto m = out.mset->begin(); m != out.mset->end(); ++m)
      out.page.emplace_back(*m, m.get_weight());
  }
  if (counting.valid()) out.counts = counting.get();  // (rethrows what the count threw)
  return out;
}

Searcher::ShardMatches Searcher::shard_matches(const SearchRequest& request) {
  return read_newest([&] {
    const QueryBuilder& builder = *builder_;
    Xapian::Query q = builder.parse(request.query, request.stemming).match;
    if (!request.from.empty() || !request.to.empty()) {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, builder.date_range(request.from, request.to));
    }
    for (const auto& [field, f] : filters_by_field(request))
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, f);
    return ShardMatches{q, state_, facet_slots_};
  });
}

Searcher::Matches Searcher::matches(const SearchRequest& request) {
  if (remote_) {
    throw UsageError(
        "a cluster's matches are not read one by one (trends count them with "
        "shard_matches)");
  }
  return read_newest([&] {
    const QueryBuilder& builder = *builder_;
    DocSet docs = match_documents(db_, builder.parse(request.query, request.stemming).match);
    if (!request.from.empty() || !request.to.empty())
      docs &= *filter_set(db_, builder.date_range(request.from, request.to));
    for (const auto& [field, q] : filters_by_field(request)) docs &= *filter_set(db_, q);
    return Matches{std::move(docs), state_, request.count_stories ? state_->stories(db_) : nullptr};
  });
}

nlohmann::json Searcher::document(const std::string& id) {
  if (!text::is_valid_utf8(id)) throw UsageError("the document id is not valid UTF-8");
  const std::string term = schema::term(schema::field("id"), id);
  const std::string data = read_newest([&] {
    auto p = db_.postlist_begin(term);
    if (p == db_.postlist_end(term)) throw NotFoundError("no article with id '" + id + "'");
    return db_.get_document(*p).get_data();
  });
  Article a = article_from_json(nlohmann::json::parse(data));
  // A long id's term is a hash of it (core/schema.h): the stored id must be this one.
  if (a.id != id) throw NotFoundError("no article with id '" + id + "'");
  return article_to_json(a);
}

nlohmann::ordered_json Searcher::story(const std::string& id) {
  return read_newest([&] { return story_to_json(db_, id); });
}

nlohmann::json Searcher::stats() {
  return read_newest([&] { return database_stats(db_); });
}

}  // namespace newsdex
