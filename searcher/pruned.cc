#include "searcher/pruned.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "searcher/deadline.h"
#include "searcher/term_postings.h"

namespace newsdex {

namespace {

bool flatten(const Xapian::Query& q, double factor, bool required, std::vector<WeightedTerm>& out) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      out.push_back({*q.get_terms_begin(), factor, required});
      return true;
    case Xapian::Query::OP_OR:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        if (!flatten(q.get_subquery(i), factor, required, out)) return false;
      }
      return true;
    case Xapian::Query::OP_SCALE_WEIGHT: {
      const double f = scale_factor(q);
      return f > 0 && flatten(q.get_subquery(0), factor * f, required, out);
    }
    case Xapian::Query::OP_AND_MAYBE:
      if (!flatten(q.get_subquery(0), factor, required, out)) return false;
      for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) {
        if (!flatten(q.get_subquery(i), factor, false, out)) return false;
      }
      return true;
    default:
      return false;
  }
}

// A term's cursor in the sum; its list always carries the block maxima.
struct Cursor {
  TermCursor postings;
  bool required = false;
  const TermBlocks& blocks() const { return postings.blocks(); }
  Xapian::docid did() const { return postings.docid(); }
  double score() const { return postings.score(); }
  double best() const { return postings.per_wdf() * blocks().max; }
};

// A bound `ub` (a sum of maxima, added in another order than the scores) cannot beat `worst`.
bool hopeless(double ub, const RankedDoc& worst, Xapian::docid first_possible) {
  constexpr double kMargin = 1e-9;
  if (ub < worst.score * (1 - kMargin)) return true;
  // Could only tie: a tie goes to the lower docid.
  return ub <= worst.score * (1 + kMargin) && first_possible > worst.docid;
}

// One required term (plus optional ones). Phase 1 reads the k blocks with the highest maxima
// (in docid order, one forward pass), which sets a high bar at once; phase 2 reads, from fresh
// cursors, only the other blocks whose maximum can still clear it.
void rank_by_blocks(std::vector<Cursor>& cs, const RankOptions& o, Xapian::docid end,
                    std::vector<RankedDoc>& heap) {
  Cursor& req = cs.front();  // sorted: the one required term first
  double optional_max = 0;
  for (std::size_t j = 1; j < cs.size(); ++j) optional_max += cs[j].best();
  const TermBlocks& b = req.blocks();
  const auto first_of = [&](std::size_t i) {
    return std::max<Xapian::docid>(i == 0 ? 1 : b.last[i - 1] + 1, o.first);
  };
  const auto in_range = [&](std::size_t i) { return b.last[i] >= o.first && first_of(i) < end; };
  const auto read_block = [&](std::size_t i) {
    req.postings.skip_to(first_of(i));
    for (; req.did() <= b.last[i] && req.did() < end; req.postings.next()) {
      check_deadline();
      const Xapian::docid d = req.did();
      if (o.rank_only != nullptr && !o.rank_only->contains(d)) continue;
      double s = req.score();
      for (std::size_t j = 1; j < cs.size(); ++j) {
        cs[j].postings.skip_to(d);
        if (cs[j].did() == d) s += cs[j].score();
      }
      offer_top_k(heap, o.k, d, s);
    }
  };
  std::vector<bool> done(b.last.size(), false);
  std::vector<std::uint32_t> first_blocks;
  for (const std::uint32_t i : b.order) {
    if (first_blocks.size() == o.k) break;
    if (in_range(i)) first_blocks.push_back(i);
  }
  std::sort(first_blocks.begin(), first_blocks.end());
  for (const std::uint32_t i : first_blocks) {
    read_block(i);
    done[i] = true;
  }
  bool fresh = false;
  for (std::size_t i = 0; i < b.last.size(); ++i) {
    if (done[i] || !in_range(i)) continue;
    const double ub = req.postings.per_wdf() * b.max_wdf[i] + optional_max;
    if (heap.size() == o.k && hopeless(ub, heap.front(), first_of(i))) continue;
    if (!fresh) {  // cursors only move forward: start over
      for (auto& c : cs) {
        c.postings.restart();
      }
      fresh = true;
    }
    read_block(i);
  }
}

}  // namespace

bool as_term_sum(const Xapian::Query& query, std::vector<WeightedTerm>& out) {
  return flatten(query, 1.0, true, out);
}

// Top-k for sums of term weights, by MaxScore: required terms sorted by their best possible
// weight; those whose maxima together (plus every optional term's) cannot beat the k-th best
// score only add weight to candidates found by the others, and are skipped to them.
Ranking rank_pruned(const Xapian::Database& db, std::vector<WeightedTerm> terms,
                    const RankOptions& o) {
  const double total = db.get_doccount();
  std::vector<Cursor> cs;
  double miss = 1;  // for the estimate: the chance a document matches no required term
  std::size_t required = 0;
  for (const auto& t : terms) {
    auto kept = o.postings
                    ? o.postings(t.term)
                    : std::make_shared<const TermPostings>(TermPostings::read(db, t.term, 0));
    Cursor c{TermCursor(db, t.term, kept, t.factor), t.required};
    const double n = kept->termfreq;
    c.postings.skip_to(std::max<Xapian::docid>(o.first, 1));
    if (t.required) {
      miss *= 1 - n / std::max(total, 1.0);
      ++required;
    }
    cs.push_back(std::move(c));
  }
  // Required terms first, by best possible weight ascending; then the optional ones.
  std::stable_sort(cs.begin(), cs.end(), [](const Cursor& x, const Cursor& y) {
    if (x.required != y.required) return x.required;
    return x.best() < y.best();
  });
  double optional_max = 0;
  for (std::size_t j = required; j < cs.size(); ++j) optional_max += cs[j].best();
  // below[n]: the best a document can score when it matches no required term from n on.
  std::vector<double> below(required + 1, optional_max);
  for (std::size_t j = 0; j < required; ++j) below[j + 1] = below[j] + cs[j].best();

  const Xapian::docid end = o.end == 0 ? kEndDocid : o.end;
  Ranking r;
  std::vector<RankedDoc>& heap = r.top;
  heap.reserve(o.k + 1);
  Xapian::doccount visited = 0;
  if (required == 1 && o.k > 0) {
    rank_by_blocks(cs, o, end, heap);
    visited = static_cast<Xapian::doccount>(heap.size());
  }
  // Required terms before `skipped` cannot find a candidate on their own any more.
  std::size_t skipped = required == 1 && o.k > 0 ? required : 0;
  while (skipped < required) {
    if (heap.size() == o.k && o.k > 0) {
      // (Candidates come in docid order, after every kept one: a tie cannot win.)
      while (skipped < required && hopeless(below[skipped + 1], heap.front(), kEndDocid)) ++skipped;
      if (skipped == required) break;  // nothing left can enter the top k
    }
    Xapian::docid d = kEndDocid;
    for (std::size_t j = skipped; j < required; ++j) d = std::min(d, cs[j].did());
    if (d >= end) break;
    ++visited;
    const bool wanted = o.k > 0 && (o.rank_only == nullptr || o.rank_only->contains(d));
    if (wanted) {
      double s = 0;
      for (std::size_t j = skipped; j < required; ++j) {
        if (cs[j].did() == d) s += cs[j].score();
      }
      // The rest only adds: stop early when even their maxima cannot lift d into the top k.
      if (heap.size() < o.k || !hopeless(s + below[skipped], heap.front(), kEndDocid)) {
        for (std::size_t j = 0; j < cs.size(); ++j) {
          if (j >= skipped && j < required) continue;
          cs[j].postings.skip_to(d);
          if (cs[j].did() == d) s += cs[j].score();
        }
        offer_top_k(heap, o.k, d, s);
      }
    }
    for (std::size_t j = skipped; j < required; ++j) {
      if (cs[j].did() == d) cs[j].postings.next();
    }
  }
  std::sort(heap.begin(), heap.end(), ranks_before);
  // Estimated matches: the required terms taken as independent, thinned by the filters.
  double est = total * (1 - miss);
  if (o.rank_only != nullptr) est *= o.rank_only->count() / std::max(total, 1.0);
  r.count = std::max<Xapian::doccount>(visited > 0 ? 1 : 0,
                                       static_cast<Xapian::doccount>(std::llround(est)));
  r.count_exact = required == 1 && o.rank_only == nullptr && o.first <= 1 && o.end == 0;
  if (r.count_exact) r.count = cs[0].postings.termfreq();
  return r;
}

}  // namespace newsdex
