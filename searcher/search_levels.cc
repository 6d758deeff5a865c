// Searcher's match levels: the queries of each level of a plan, the "most" level's documents,
// and the loop that relaxes a plain-word query until the first page is full.
#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "searcher/feedback.h"
#include "searcher/recency.h"
#include "searcher/search.h"

namespace newsdex {

namespace {
// How much an exact (unstemmed) word match adds, relative to the stemmed match's weight.
constexpr double kExactBoost = 0.5;
}  // namespace

Searcher::LevelQuery Searcher::level_query(const QueryPlan& plan, const MatchLevel& level,
                                           const SearchRequest& request) const {
  const QueryBuilder& builder = *builder_;
  LevelQuery q;
  Xapian::Query boost;
  std::vector<Xapian::Query> words;
  if (!plan.plain || level.min_words >= plan.words.size()) {
    // All the words (or the query as written): Xapian's parser ANDs them.
    const auto parsed = builder.parse(plan.text, request.stemming);
    q.base = parsed.match;
    boost = parsed.boost;
  } else {
    // Any or most of the words: each word's query ORed, so each adds its weight.
    std::vector<Xapian::Query> exact;
    for (const auto& w : plan.words) {
      const auto parsed = builder.parse(w, request.stemming);
      if (parsed.match.get_type() == Xapian::Query::LEAF_MATCH_ALL) continue;  // no word in it
      words.push_back(parsed.match);
      if (!parsed.boost.empty()) exact.push_back(parsed.boost);
    }
    q.base = Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
    if (level.min_words > 1) q.only = level_set(words, level.min_words);
    // +words are required at every level (and add their weight); -words excluded.
    for (const auto& w : plan.required) {
      const auto parsed = builder.parse(w, request.stemming);
      q.base = Xapian::Query(Xapian::Query::OP_AND, parsed.match, q.base);
      if (!parsed.boost.empty()) exact.push_back(parsed.boost);
    }
    for (const auto& w : plan.excluded) {
      q.base = Xapian::Query(Xapian::Query::OP_AND_NOT, q.base,
                             builder.parse(w, request.stemming).match);
    }
    if (!exact.empty()) boost = Xapian::Query(Xapian::Query::OP_OR, exact.begin(), exact.end());
  }
  if (!request.from.empty() || !request.to.empty()) {
    q.base = Xapian::Query(Xapian::Query::OP_FILTER, q.base,
                           builder.date_range(request.from, request.to));
  }
  // What the ranking scores: the match, plus the exact (unstemmed) forms where they occur, plus
  // (a words reading) the quoted phrases where they occur as typed.
  q.scored = q.base;
  if (!boost.empty()) {
    q.scored = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q.scored,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, boost, kExactBoost));
  }
  for (const auto& phrase : plan.phrases) {
    const auto parsed = builder.parse("\"" + phrase + "\"", request.stemming);
    q.scored = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q.scored, parsed.match);
  }
  return q;
}

std::shared_ptr<const DocSet> Searcher::level_set(const std::vector<Xapian::Query>& words,
                                                  std::size_t min) const {
  std::string key = "newsdex:at least " + std::to_string(min) + " of";
  for (const auto& w : words) key += " " + w.get_description();
  return state_->filter_set(key, [&] {
    const Xapian::docid last = db_.get_lastdocid();
    std::vector<std::uint8_t> seen(std::size_t{last} + 1, 0);  // words per document (<= 255)
    for (const auto& w : words) {
      filter_set(db_, w)->for_each([&](Xapian::docid d) {
        if (seen[d] < 255) ++seen[d];
      });
    }
    DocSet set(last);
    for (Xapian::docid d = 1; d <= last; ++d) {
      if (seen[d] >= min) set.add(d);
    }
    return set;
  });
}

Searcher::Ranked Searcher::rank_levels(const QueryPlan& plan, const Filters& filters,
                                       const SearchRequest& request, std::size_t offset,
                                       std::size_t limit, bool count) {
  // Quotes and signs in long natural text are read as words at once; in a short query, when
  // the query as written matches nothing.
  const auto as_words = [&] {
    Ranked words = rank_plan(*plan.words_reading, filters, request, offset, limit, count);
    words.matching = "words";
    return words;
  };
  if (plan.words_reading && plan.words_first) return as_words();
  Ranked strict = rank_plan(plan, filters, request, offset, limit, count);
  if (plan.words_reading && strict.counts.total == 0 && strict.page.empty()) return as_words();
  return strict;
}

Searcher::Ranked Searcher::rank_plan(const QueryPlan& plan, const Filters& filters,
                                     const SearchRequest& request, std::size_t offset,
                                     std::size_t limit, bool count) {
  const bool recency = request.recency_days > 0 && request.sort == SortOrder::kRelevance;
  // Feedback applies to plain words answered by a relaxed level, in relevance order.
  const auto relaxed = [&](const MatchLevel& l) { return l.min_words < plan.words.size(); };
  const bool feedback = request.feedback && request.sort == SortOrder::kRelevance && plan.plain &&
                        std::any_of(plan.levels.begin(), plan.levels.end(), relaxed);
  Ranked out;
  if (plan.levels.size() == 1 && !recency && !feedback) {
    const LevelQuery q = level_query(plan, plan.levels[0], request);
    LevelRanking level =
        rank_level(q, pass_for(q, request, count, offset, limit), filters, request);
    out.page = std::move(level.page);
    out.counts = std::move(level.counts);
    out.mset = std::move(level.mset);
    out.matching = plan.levels[0].name;
    out.snippet_query = q.scored;
    return out;
  }
  // Each level ranks its best offset + limit (with recency, a pool of at least kRecencyPool
  // re-ranked by score x decay), at least a page, so that a level's ranking alone tells whether
  // it has a page of matches.
  std::size_t deep = std::max(offset + limit, kLevelPage);
  if (recency) deep = std::max(deep, kRecencyPool);
  const std::string reference = request.now.empty() ? newest_day_ : request.now;
  // The page: the articles with every word first (when a looser level answers, there are
  // fewer than a page of them), then the answering level's other matches by relevance. Measured
  // on Cranfield and MED, keeping the "most" matches above the "any" ones, or ranking by the
  // number of words matched, does worse than plain BM25 over the level.
  Page tiers;
  std::size_t all_word_hits = 0;
  std::unordered_set<Xapian::docid> listed;
  for (std::size_t i = 0; i < plan.levels.size(); ++i) {
    const LevelQuery q = level_query(plan, plan.levels[i], request);
    LevelRanking level = rank_level(q, pass_for(q, request, count, 0, deep), filters, request);
    Page& ranked = level.page;
    if (recency) apply_recency(db_, request.recency_days, reference, oldest_day_, ranked);
    // A page of matches: counted exactly, or a full page ranked (an estimated total, when no
    // count was asked for, is not trusted).
    const bool answers = (level.counts.total_exact && level.counts.total >= kLevelPage) ||
                         ranked.size() >= kLevelPage || i + 1 == plan.levels.size();
    const std::size_t first_tier = tiers.size();  // the all-word articles listed before
    if (i == 0 || answers) {
      for (const auto& hit : ranked) {
        if (listed.insert(hit.first).second) tiers.push_back(hit);
      }
    }
    if (i == 0) all_word_hits = tiers.size();
    if (answers && feedback && relaxed(plan.levels[i])) {
      // The first page picks the words to add; the level's matches are ranked again with them,
      // not counted (the first pass counted them). AND_MAYBE keeps the match set, so the total
      // and the facets above hold. The articles with every word stay first, in their order.
      const Page shown(tiers.begin(), tiers.begin() + std::min(kFeedbackDocs, tiers.size()));
      const auto terms = expansion_terms(db_, shown, q.scored, request.stemming);
      if (!terms.empty()) {
        LevelQuery expanded = q;
        expanded.scored = expand_query(q.scored, terms, plan.words.size() + plan.required.size());
        Page reranked =
            rank_level(expanded, pass_for(expanded, request, false, 0, deep), filters, request)
                .page;
        if (recency) apply_recency(db_, request.recency_days, reference, oldest_day_, reranked);
        tiers.resize(first_tier);
        listed.clear();
        for (const auto& hit : tiers) listed.insert(hit.first);
        for (const auto& hit : reranked) {
          if (listed.insert(hit.first).second) tiers.push_back(hit);
        }
      }
    }
    if (answers) {
      out.counts = std::move(level.counts);
      out.matching = plan.levels[i].name;
      // (The strict level had fewer than a page, all of them ranked and listed first.)
      if (i > 0) out.all_words = static_cast<Xapian::doccount>(all_word_hits);
      out.snippet_query = q.scored;
      break;
    }
  }
  for (std::size_t i = offset; i < tiers.size() && out.page.size() < limit; ++i)
    out.page.push_back(tiers[i]);
  return out;
}

}  // namespace newsdex
