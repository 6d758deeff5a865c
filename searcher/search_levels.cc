// Searcher's match levels: the queries of each level of a plan, the "most" level's documents,
// and the loop that relaxes a plain-word query until the first page is full.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_set>

#include "searcher/feedback.h"
#include "searcher/recency.h"
#include "searcher/search.h"
#include "searcher/shards.h"

namespace newsdex {

namespace {
// A word typed `n` times weighs this many times one typed once (RankingFeatures::query_tf_k3).
double repeat_factor(std::size_t n, double k3) {
  const double typed = static_cast<double>(n);
  return k3 > 0 && n > 1 ? (k3 + 1) * typed / (k3 + typed) : 1.0;
}

// The indexed form of a word typed as one token (letters and digits only), else "".
std::string plain_term(const std::string& word) {
  const bool token = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
  });
  return token ? Xapian::Unicode::tolower(word) : std::string();
}

// Each two neighbouring words within kProximityWindow positions of each other, in either
// order (their unstemmed terms, which carry positions); ORed, so each pair adds its weight.
Xapian::Query proximity_bonus(const std::vector<std::string>& words) {
  std::vector<Xapian::Query> pairs;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string a = plain_term(words[i]), b = plain_term(words[i + 1]);
    if (a.empty() || b.empty()) continue;
    const Xapian::Query both[] = {Xapian::Query(a), Xapian::Query(b)};
    pairs.emplace_back(Xapian::Query::OP_NEAR, both, both + 2, kProximityWindow);
  }
  return pairs.empty() ? Xapian::Query()
                       : Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}
}  // namespace

Searcher::LevelQuery Searcher::level_query(const QueryPlan& plan, const MatchLevel& level,
                                           const SearchRequest& request) const {
  const QueryBuilder& builder = *builder_;
  LevelQuery q;
  const RankingFeatures& features = request.ranking;
  const bool repeated =
      std::any_of(plan.repeats.begin(), plan.repeats.end(), [](std::size_t n) { return n > 1; });
  Xapian::Query boost;
  std::vector<Xapian::Query> words;
  const bool every_word = level.min_words >= plan.words.size();
  if (!plan.plain || (every_word && !(repeated && features.query_tf_k3 > 0))) {
    // All the words (or the query as written): Xapian's parser ANDs them.
    const auto parsed = builder.parse(plan.text, request.stemming);
    q.base = parsed.match;
    boost = parsed.boost;
  } else {
    // Each word's query, weighted by how often it was typed: ORed for any or most of the
    // words, so each adds its weight; ANDed for all of them.
    std::vector<Xapian::Query> exact;
    for (std::size_t i = 0; i < plan.words.size(); ++i) {
      const auto parsed = builder.parse(plan.words[i], request.stemming);
      if (parsed.match.get_type() == Xapian::Query::LEAF_MATCH_ALL) continue;  // no word in it
      const double factor = repeat_factor(plan.repeats[i], features.query_tf_k3);
      const auto scaled = [factor](const Xapian::Query& w) {
        return factor == 1.0 ? w : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, w, factor);
      };
      words.push_back(scaled(parsed.match));
      if (!parsed.boost.empty()) exact.push_back(scaled(parsed.boost));
    }
    q.base = Xapian::Query(every_word ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, words.begin(),
                           words.end());
    if (level.min_words > 1 && !every_word && !remote_) q.only = level_set(words, level.min_words);
    // (A cluster has no document sets: the words' combinations, or any of them past
    // kMaxCombinations, which Searcher::run then notes.)
    if (level.min_words > 1 && !every_word && remote_) {
      const Xapian::Query most = at_least_query(words, level.min_words);
      if (!most.empty()) q.base = Xapian::Query(Xapian::Query::OP_FILTER, q.base, most);
    }
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
  if (!boost.empty() && features.exact_boost > 0) {
    q.scored =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, q.scored,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, boost, features.exact_boost));
  }
  for (const auto& phrase : features.phrase_bonus ? plan.phrases : std::vector<std::string>{}) {
    const auto parsed = builder.parse("\"" + phrase + "\"", request.stemming);
    q.scored = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q.scored, parsed.match);
  }
  if (features.proximity > 0 && plan.plain) {
    const Xapian::Query near = proximity_bonus(plan.words);
    if (!near.empty()) {
      q.scored =
          Xapian::Query(Xapian::Query::OP_AND_MAYBE, q.scored,
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, features.proximity));
    }
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
    if ((i == 0 && request.ranking.all_words_first) || answers) {
      for (const auto& hit : ranked) {
        if (listed.insert(hit.first).second) tiers.push_back(hit);
      }
    }
    if (i == 0 && request.ranking.all_words_first) all_word_hits = tiers.size();
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
      if (i > 0 && request.ranking.all_words_first) {
        out.all_words = static_cast<Xapian::doccount>(all_word_hits);
      }
      out.snippet_query = q.scored;
      break;
    }
  }
  for (std::size_t i = offset; i < tiers.size() && out.page.size() < limit; ++i)
    out.page.push_back(tiers[i]);
  return out;
}

}  // namespace newsdex
