// Searcher's route over a cluster of remote shards (Route::kShards). A stock xapian-tcpsrv runs
// only Xapian's built-in weighting schemes and match spies, so this route ranks, counts and
// collapses with those alone, in one Enquire per pass (Xapian runs it on every shard and merges
// the results with the collection's statistics):
// - scores: TfIdfWeight "ntn" over the stored impacts (core/ranking.h) scaled by
//   1/kImpactScale: impact x ln(N/n), where one database ranks with impact x ln(1 + (N - n +
//   0.5)/(n + 0.5)) (ImpactWeight). The two idfs differ by about 0.5/n, so rare words weigh a
//   little more on a cluster; a shard server with ImpactWeight registered would make it exact.
// - counts: with every match visited (check_at_least), the total is exact; each facet value is
//   counted by ValueCountMatchSpy over the field's slots (schema::facet_slot), which add up to
//   exact article counts; a multi-select facet with a filter of its own gets its own pass.
// - stories: Xapian's collapse key on the story slot keeps each story's first match in the
//   order, as one database does; facets count articles (never stories) on a cluster.
#include "searcher/shards.h"

#include <algorithm>
#include <cmath>

#include "core/ranking.h"
#include "core/schema.h"
#include "searcher/query_plan.h"
#include "searcher/search.h"

namespace newsdex {

namespace {
const auto kIdSlot = static_cast<Xapian::valueno>(schema::field("id").value_slot);
const auto kDateSlot = static_cast<Xapian::valueno>(schema::field("date").value_slot);
const auto kStorySlot = static_cast<Xapian::valueno>(schema::field("story").value_slot);

std::size_t combinations(std::size_t n, std::size_t k) {
  double c = 1;
  for (std::size_t i = 1; i <= k; ++i)
    c = c * static_cast<double>(n - k + i) / static_cast<double>(i);
  return static_cast<std::size_t>(std::llround(c));
}

void add_combinations(const std::vector<Xapian::Query>& words, std::size_t from, std::size_t left,
                      std::vector<Xapian::Query>& chosen, std::vector<Xapian::Query>& out) {
  if (left == 0) {
    out.emplace_back(Xapian::Query::OP_AND, chosen.begin(), chosen.end());
    return;
  }
  for (std::size_t i = from; i + left <= words.size(); ++i) {
    chosen.push_back(words[i]);
    add_combinations(words, i + 1, left - 1, chosen, out);
    chosen.pop_back();
  }
}

// One spy per slot that field `f` uses on this cluster.
struct FieldSpies {
  const schema::FieldSpec* field;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
};
}  // namespace

bool exact_most_on_shards(std::size_t n) {
  return n < 3 || combinations(n, most_words(n)) <= kMaxCombinations;
}

Xapian::Query at_least_query(const std::vector<Xapian::Query>& words, std::size_t min) {
  if (min <= 1 || min > words.size() || combinations(words.size(), min) > kMaxCombinations) {
    return {};
  }
  std::vector<Xapian::Query> chosen, out;
  add_combinations(words, 0, min, chosen, out);
  return Xapian::Query(Xapian::Query::OP_OR, out.begin(), out.end());
}

unsigned used_slots(const Xapian::Database& db, const schema::FieldSpec& f) {
  unsigned n = 0;
  while (n < schema::kMaxFacetSlots && db.get_value_freq(schema::facet_slot(f, n)) > 0) ++n;
  return n;
}

std::vector<FacetValueCount> spied_counts(
    const FacetColumn& column, const std::vector<const Xapian::ValueCountMatchSpy*>& spies,
    std::size_t n) {
  const auto& values = column.values();
  const std::string prefix(column.field().prefix);
  std::vector<Xapian::doccount> counts(values.size(), 0);
  for (const auto* spy : spies) {
    for (auto v = spy->values_begin(); v != spy->values_end(); ++v) {
      const std::string value = schema::value_of_term(column.field(), prefix + *v);
      const auto it = std::lower_bound(values.begin(), values.end(), value);
      // (A value committed after the dictionary was read is counted at the next revision.)
      if (it != values.end() && *it == value) counts[it - values.begin()] += v.get_termfreq();
    }
  }
  return column.top(counts, n);
}

Searcher::LevelRanking Searcher::rank_on_shards(const LevelQuery& q, const RankPass& pass,
                                                const Filters& filters,
                                                const SearchRequest& request) {
  const auto filtered = [&](Xapian::Query query, const std::string& except) {
    for (const auto& [field, f] : filters) {
      if (field != except) query = Xapian::Query(Xapian::Query::OP_FILTER, query, f);
    }
    return query;
  };
  const Xapian::doccount everything = db_.get_doccount();
  // The facets counted in the ranking pass, and those a filter of their own excludes from it.
  std::vector<FieldSpies> spied, apart;
  const auto spies_for = [&](const std::string& name) {
    FieldSpies s{&schema::field(name), {}};
    for (unsigned i = 0; i < facet_slots_.at(name); ++i)
      s.spies.push_back(
          std::make_unique<Xapian::ValueCountMatchSpy>(schema::facet_slot(*s.field, i)));
    return s;
  };
  for (const auto& name : pass.count ? request.facets : std::vector<std::string>{}) {
    (request.multi_select && filters.count(name) > 0 ? apart : spied).push_back(spies_for(name));
  }
  const auto report = [&](const FieldSpies& s) {
    std::vector<const Xapian::ValueCountMatchSpy*> spies;
    for (const auto& spy : s.spies) spies.push_back(spy.get());
    return spied_counts(state_->column(s.field->name), spies, request.facet_size);
  };

  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filtered(q.scored, ""),
                                  1.0 / ranking::kImpactScale));
  enquire.set_weighting_scheme(Xapian::TfIdfWeight("ntn"));
  if (request.sort == SortOrder::kNewestFirst) {
    enquire.set_sort_by_value_then_relevance(kDateSlot, true);
  } else if (request.sort == SortOrder::kOldestFirst) {
    enquire.set_sort_by_value_then_relevance(kDateSlot, false);
  }
  if (request.collapse) enquire.set_collapse_key(kStorySlot);
  // With collapsing, the matches Xapian counts are stories: the spy on the id slot, which
  // sees every match before collapsing, counts the articles.
  Xapian::ValueCountMatchSpy articles(kIdSlot);
  if (pass.count && request.collapse) enquire.add_matchspy(&articles);
  // Xapian 1.4 shows the spies of a pass sorted by value over two or more remote shards
  // offset + limit - 1 documents twice (measured: 21,587 of 21,578 articles for a page of
  // 10; relevance order and collapsed passes count right): count such a pass in one apart.
  const bool count_apart = request.sort != SortOrder::kRelevance && !request.collapse;
  const auto add_spies = [&](Xapian::Enquire& e) {
    for (auto& s : spied) {
      for (auto& spy : s.spies) e.add_matchspy(spy.get());
    }
  };
  if (!count_apart) add_spies(enquire);
  LevelRanking out;
  out.mset =
      enquire.get_mset(static_cast<Xapian::doccount>(pass.offset),
                       static_cast<Xapian::doccount>(pass.limit), pass.count ? everything : 0);
  const Xapian::MSet& mset = *out.mset;
  for (auto m = mset.begin(); m != mset.end(); ++m) out.page.emplace_back(*m, m.get_weight());
  out.counts.total_exact =
      pass.count || mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  out.counts.total =
      request.collapse && pass.count ? articles.get_total() : mset.get_matches_estimated();
  if (!pass.count) return out;
  if (count_apart) {
    Xapian::Enquire counting(db_);
    counting.set_query(filtered(q.base, ""));
    counting.set_weighting_scheme(Xapian::BoolWeight());
    add_spies(counting);
    counting.get_mset(0, 0, everything);
  }
  if (request.collapse) out.counts.total_stories = mset.get_matches_estimated();
  if (request.count_stories && !request.collapse) {
    Xapian::Enquire stories(db_);
    stories.set_query(filtered(q.base, ""));
    stories.set_weighting_scheme(Xapian::BoolWeight());
    stories.set_collapse_key(kStorySlot);
    out.counts.total_stories = stories.get_mset(0, 1, everything).get_matches_estimated();
  }
  // Each facet in the request's order: from the ranking pass, or from a pass of its own over
  // the matches of every other filter.
  for (const auto& name : request.facets) {
    const auto in = [&](const std::vector<FieldSpies>& v) {
      return std::find_if(v.begin(), v.end(),
                          [&](const FieldSpies& s) { return s.field->name == name; });
    };
    if (const auto it = in(spied); it != spied.end()) {
      out.counts.facets.emplace_back(name, report(*it));
      continue;
    }
    const auto own = in(apart);
    Xapian::Enquire counting(db_);
    counting.set_query(filtered(q.base, name));
    counting.set_weighting_scheme(Xapian::BoolWeight());
    for (auto& spy : own->spies) counting.add_matchspy(spy.get());
    counting.get_mset(0, 0, everything);
    out.counts.facets.emplace_back(name, report(*own));
  }
  return out;
}

HitStory Searcher::shard_hit_story(Xapian::docid d) const {
  HitStory h;
  const std::string id = db_.get_document(d).get_value(kStorySlot);
  if (id.empty()) return h;
  h.id = id;
  Xapian::Enquire members(db_);
  members.set_query(Xapian::Query(schema::term(schema::field("story"), id)));
  members.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  std::vector<const Xapian::ValueCountMatchSpy*> read;
  for (unsigned i = 0; i < facet_slots_.at("source"); ++i) {
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
        schema::facet_slot(schema::field("source"), i)));
    members.add_matchspy(spies.back().get());
    read.push_back(spies.back().get());
  }
  Xapian::ValueCountMatchSpy days(kDateSlot);
  members.add_matchspy(&days);
  const Xapian::MSet all = members.get_mset(0, 0, db_.get_doccount());
  h.size = all.get_matches_estimated();
  std::string first;
  for (auto v = days.values_begin(); v != days.values_end(); ++v) {
    if (!(*v).empty() && (first.empty() || *v < first)) first = *v;
  }
  h.first_date = first;
  // The first sources by value, as one database lists them.
  for (const auto& s : spied_counts(state_->column("source"), read, SIZE_MAX))
    h.sources.push_back(s.value);
  std::sort(h.sources.begin(), h.sources.end());
  if (h.sources.size() > kMaxHitStorySources) h.sources.resize(kMaxHitStorySources);
  return h;
}

}  // namespace newsdex
