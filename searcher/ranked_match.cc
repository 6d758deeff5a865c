#include "searcher/ranked_match.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "core/ranking.h"
#include "searcher/boolean_match.h"

namespace newsdex {

namespace {

constexpr Xapian::docid kEnd = std::numeric_limits<Xapian::docid>::max();

// A cursor over the documents a subquery matches, in increasing docid order. A node starts
// before its first document (docid() == 0); next() and skip_to() move it forward and return the
// new position, kEnd when exhausted.
class Node {
 public:
  virtual ~Node() = default;
  virtual Xapian::docid next() = 0;
  // The first match >= target; does not move when already there.
  virtual Xapian::docid skip_to(Xapian::docid target) = 0;
  // The current document's score (valid while positioned on a match).
  virtual double score() = 0;
  // How many documents the node may visit (to order the children of an AND).
  virtual Xapian::doccount estimate() const = 0;
  Xapian::docid docid() const { return did_; }

 protected:
  Xapian::docid did_ = 0;
};

using NodePtr = std::unique_ptr<Node>;

// One term's postings in docid order, from memory when the caller keeps them (TermPostings),
// else through Xapian. Starts before the first posting (docid() == 0); kEnd when exhausted.
class PostingCursor {
 public:
  PostingCursor(const Xapian::Database& db, std::string term,
                std::shared_ptr<const TermPostings> kept)
      : db_(&db), term_(std::move(term)), kept_(std::move(kept)) {
    if (kept_ && !kept_->kept()) kept_.reset();
    if (!kept_) it_ = db_->postlist_begin(term_);
  }
  Xapian::docid docid() const { return did_; }
  void next() {
    if (did_ == kEnd) return;
    if (kept_) {
      const auto& d = kept_->docids;
      if (did_ != 0) ++i_;
      did_ = i_ < d.size() ? d[i_] : kEnd;
    } else {
      if (did_ != 0) ++it_;
      did_ = it_ == end_ ? kEnd : *it_;
    }
  }
  // To the first posting >= target; does not move when already there.
  void skip_to(Xapian::docid target) {
    if (did_ >= target) return;
    if (!kept_) {
      it_.skip_to(target);
      did_ = it_ == end_ ? kEnd : *it_;
      return;
    }
    // Galloping search from the current posting: short skips cost a few compares.
    const auto& d = kept_->docids;
    std::size_t lo = did_ == 0 ? 0 : i_ + 1, hi = lo, step = 1;
    while (hi < d.size() && d[hi] < target) {
      lo = hi + 1;
      hi = lo + step;
      step <<= 1;
    }
    const auto stop = d.begin() + static_cast<std::ptrdiff_t>(std::min(hi, d.size()));
    i_ = static_cast<std::size_t>(
        std::lower_bound(d.begin() + static_cast<std::ptrdiff_t>(lo), stop, target) - d.begin());
    did_ = i_ < d.size() ? d[i_] : kEnd;
  }
  // The current posting's stored impact.
  Xapian::termcount wdf() const { return kept_ ? kept_->wdf[i_] : it_.get_wdf(); }
  // Back to before the first posting.
  void restart() {
    did_ = 0;
    i_ = 0;
    if (!kept_) it_ = db_->postlist_begin(term_);
  }

 private:
  const Xapian::Database* db_;
  std::string term_;
  std::shared_ptr<const TermPostings> kept_;  // null: read through it_
  std::size_t i_ = 0;                         // kept_->docids[i_] is the current posting
  Xapian::PostingIterator it_, end_;
  Xapian::docid did_ = 0;
};

class TermNode final : public Node {
 public:
  TermNode(const Xapian::Database& db, const std::string& term, double factor,
           const std::shared_ptr<const TermPostings>& kept)
      : cursor_(db, term, kept),
        n_(kept           ? kept->termfreq
           : term.empty() ? db.get_doccount()
                          : db.get_termfreq(term)) {
    // As ImpactWeight scores it (MatchAll scores nothing).
    per_wdf_ = term.empty() ? 0.0 : ranking::weight_per_wdf(n_, db.get_doccount(), factor);
  }
  Xapian::docid next() override {
    cursor_.next();
    return did_ = cursor_.docid();
  }
  Xapian::docid skip_to(Xapian::docid target) override {
    cursor_.skip_to(target);
    return did_ = cursor_.docid();
  }
  double score() override { return per_wdf_ == 0 ? 0 : per_wdf_ * cursor_.wdf(); }
  Xapian::doccount estimate() const override { return n_; }

 private:
  PostingCursor cursor_;
  Xapian::doccount n_;
  double per_wdf_ = 0;
};

// The members of a precomputed set (an unweighted subquery).
class SetNode final : public Node {
 public:
  explicit SetNode(std::shared_ptr<const DocSet> set) : set_(std::move(set)), n_(set_->count()) {}
  SetNode(std::shared_ptr<const DocSet> set, Xapian::doccount count)
      : set_(std::move(set)), n_(count) {}
  Xapian::docid next() override { return advance(did_ + 1); }
  Xapian::docid skip_to(Xapian::docid target) override {
    return did_ >= target ? did_ : advance(target);
  }
  double score() override { return 0; }
  Xapian::doccount estimate() const override { return n_; }

 private:
  Xapian::docid advance(Xapian::docid from) {
    const Xapian::docid d = did_ == kEnd ? 0 : set_->next_member(from);
    return did_ = d == 0 ? kEnd : d;
  }
  std::shared_ptr<const DocSet> set_;
  Xapian::doccount n_;
};

class NothingNode final : public Node {
 public:
  Xapian::docid next() override { return did_ = kEnd; }
  Xapian::docid skip_to(Xapian::docid) override { return did_ = kEnd; }
  double score() override { return 0; }
  Xapian::doccount estimate() const override { return 0; }
};

// AND (and FILTER, whose unweighted children score 0): leapfrogs from the rarest child.
class AndNode final : public Node {
 public:
  // Children that are ANDs themselves are merged in, so that one leapfrog orders every list
  // (an expensive common word is then probed only where all the rarer parts agree).
  explicit AndNode(std::vector<NodePtr> children) {
    for (auto& c : children) {
      if (auto* and_child = dynamic_cast<AndNode*>(c.get()); and_child != nullptr) {
        for (auto& k : and_child->kids_) kids_.push_back(std::move(k));
      } else {
        kids_.push_back(std::move(c));
      }
    }
    std::sort(kids_.begin(), kids_.end(),
              [](const NodePtr& a, const NodePtr& b) { return a->estimate() < b->estimate(); });
  }
  Xapian::docid next() override { return did_ = align(kids_[0]->next()); }
  Xapian::docid skip_to(Xapian::docid target) override {
    return did_ >= target ? did_ : did_ = align(kids_[0]->skip_to(target));
  }
  double score() override {
    double s = 0;
    for (const auto& k : kids_) s += k->score();
    return s;
  }
  Xapian::doccount estimate() const override { return kids_[0]->estimate(); }

 private:
  Xapian::docid align(Xapian::docid d) {
    std::size_t i = 1;
    while (d != kEnd && i < kids_.size()) {
      const Xapian::docid e = kids_[i]->skip_to(d);
      if (e == d) {
        ++i;
      } else {
        d = e == kEnd ? kEnd : kids_[0]->skip_to(e);
        i = 1;
      }
    }
    return d;
  }
  std::vector<NodePtr> kids_;
};

class OrNode final : public Node {
 public:
  explicit OrNode(std::vector<NodePtr> children) : kids_(std::move(children)) {}
  Xapian::docid next() override {
    if (did_ == 0) {
      for (auto& k : kids_) k->next();
    } else {
      for (auto& k : kids_) {
        if (k->docid() == did_) k->next();
      }
    }
    return did_ = smallest();
  }
  Xapian::docid skip_to(Xapian::docid target) override {
    if (did_ >= target) return did_;
    for (auto& k : kids_) k->skip_to(target);
    return did_ = smallest();
  }
  double score() override {
    double s = 0;
    for (const auto& k : kids_) {
      if (k->docid() == did_) s += k->score();
    }
    return s;
  }
  Xapian::doccount estimate() const override {
    Xapian::doccount n = 0;
    for (const auto& k : kids_) n += k->estimate();
    return n;
  }

 private:
  Xapian::docid smallest() const {
    Xapian::docid d = kEnd;
    for (const auto& k : kids_) d = std::min(d, k->docid());
    return d;
  }
  std::vector<NodePtr> kids_;
};

// left AND NOT right.
class AndNotNode final : public Node {
 public:
  AndNotNode(NodePtr left, NodePtr right) : left_(std::move(left)), right_(std::move(right)) {}
  Xapian::docid next() override { return did_ = skip_excluded(left_->next()); }
  Xapian::docid skip_to(Xapian::docid target) override {
    return did_ >= target ? did_ : did_ = skip_excluded(left_->skip_to(target));
  }
  double score() override { return left_->score(); }
  Xapian::doccount estimate() const override { return left_->estimate(); }

 private:
  Xapian::docid skip_excluded(Xapian::docid d) {
    while (d != kEnd && right_->skip_to(d) == d) d = left_->next();
    return d;
  }
  NodePtr left_, right_;
};

// left AND_MAYBE right: left's matches; right adds its score where it matches too.
class AndMaybeNode final : public Node {
 public:
  AndMaybeNode(NodePtr left, NodePtr right) : left_(std::move(left)), right_(std::move(right)) {}
  Xapian::docid next() override { return did_ = left_->next(); }
  Xapian::docid skip_to(Xapian::docid target) override {
    return did_ >= target ? did_ : did_ = left_->skip_to(target);
  }
  double score() override {
    double s = left_->score();
    if (right_->skip_to(did_) == did_) s += right_->score();
    return s;
  }
  Xapian::doccount estimate() const override { return left_->estimate(); }

 private:
  NodePtr left_, right_;
};

// The factor of an OP_SCALE_WEIGHT query. Xapian 1.4 keeps it out of the public interface
// but writes it first in the description ("Query(0.5 * ...)"); NaN if that ever changes.
double scale_factor(const Xapian::Query& q) {
  const std::string d = q.get_description();
  constexpr std::string_view kHead = "Query(";
  if (d.compare(0, kHead.size(), kHead) != 0) return std::nan("");
  const char* start = d.c_str() + kHead.size();
  char* stop = nullptr;
  const double f = std::strtod(start, &stop);
  if (stop == start || std::string_view(stop).substr(0, 3) != " * ") return std::nan("");
  return f;
}

// Matches every document id in [first, end): restricts Xapian's matcher to one thread's range.
class DocidRange final : public Xapian::PostingSource {
 public:
  DocidRange(Xapian::docid first, Xapian::docid end) : first_(first), end_(end) {}
  DocidRange* clone() const override { return new DocidRange(first_, end_); }
  void init(const Xapian::Database& db) override {
    end_ = std::min<Xapian::docid>(end_, db.get_lastdocid() + 1);
    size_ = std::min<Xapian::doccount>(end_ > first_ ? end_ - first_ : 0, db.get_doccount());
    at_ = 0;
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return size_; }
  Xapian::doccount get_termfreq_max() const override { return size_; }
  void next(double) override { at_ = at_ == 0 ? first_ : at_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    if (at_ == 0) at_ = first_;
    at_ = std::max(at_, did);
  }
  bool at_end() const override { return at_ >= end_; }
  Xapian::docid get_docid() const override { return at_; }

 private:
  Xapian::docid first_, end_, at_ = 0;
  Xapian::doccount size_ = 0;
};

// Phrases and NEAR over plain terms: the terms are scored as their AND is (Xapian's phrase
// weight is its terms' weights); which AND matches have the terms in place is Xapian's
// positional check, run once, on this walk's docid range only.
bool positional(const Xapian::Query& q) {
  if (q.get_type() != Xapian::Query::OP_PHRASE && q.get_type() != Xapian::Query::OP_NEAR)
    return false;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    if (q.get_subquery(i).get_type() != Xapian::Query::LEAF_TERM) return false;
  }
  return true;
}

bool rankable(const Xapian::Query& q, double factor) {
  if (factor == 0) return true;  // unweighted: evaluated as a set
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return true;
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      return positional(q);
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        if (!rankable(q.get_subquery(i), factor)) return false;
      }
      return true;
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
      if (q.get_type() == Xapian::Query::OP_AND_MAYBE) {
        for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) {
          if (!rankable(q.get_subquery(i), factor)) return false;
        }
      }
      return rankable(q.get_subquery(0), factor);
    case Xapian::Query::OP_SCALE_WEIGHT: {
      const double f = scale_factor(q);
      return !std::isnan(f) && rankable(q.get_subquery(0), factor * f);
    }
    default:
      return false;
  }
}

class Builder {
 public:
  Builder(const Xapian::Database& db, const RankOptions& o) : db_(db), o_(o) {}

  NodePtr build(const Xapian::Query& q, double factor) {
    const auto type = q.get_type();
    if (factor == 0 && type != Xapian::Query::LEAF_TERM &&
        type != Xapian::Query::LEAF_MATCH_NOTHING) {
      return std::make_unique<SetNode>(
          o_.boolean_set ? o_.boolean_set(q)
                         : std::make_shared<const DocSet>(match_documents(db_, q)));
    }
    switch (type) {
      case Xapian::Query::LEAF_TERM:
        return term(*q.get_terms_begin(), factor);
      case Xapian::Query::LEAF_MATCH_ALL:
        return term(std::string(), factor);
      case Xapian::Query::LEAF_MATCH_NOTHING:
        return std::make_unique<NothingNode>();
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER: {
        std::vector<NodePtr> kids;
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
          const bool weighted = i == 0 || type == Xapian::Query::OP_AND;
          kids.push_back(build(q.get_subquery(i), weighted ? factor : 0));
        }
        return kids.size() == 1 ? std::move(kids[0]) : std::make_unique<AndNode>(std::move(kids));
      }
      case Xapian::Query::OP_OR: {
        std::vector<NodePtr> kids;
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
          kids.push_back(build(q.get_subquery(i), factor));
        return kids.size() == 1 ? std::move(kids[0]) : std::make_unique<OrNode>(std::move(kids));
      }
      case Xapian::Query::OP_AND_NOT: {
        NodePtr node = build(q.get_subquery(0), factor);
        for (std::size_t i = 1; i < q.get_num_subqueries(); ++i)
          node = std::make_unique<AndNotNode>(std::move(node), build(q.get_subquery(i), 0));
        return node;
      }
      case Xapian::Query::OP_AND_MAYBE: {
        NodePtr node = build(q.get_subquery(0), factor);
        for (std::size_t i = 1; i < q.get_num_subqueries(); ++i)
          node = std::make_unique<AndMaybeNode>(std::move(node), build(q.get_subquery(i), factor));
        return node;
      }
      case Xapian::Query::OP_PHRASE:
      case Xapian::Query::OP_NEAR: {
        std::vector<NodePtr> kids;
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
          kids.push_back(build(q.get_subquery(i), factor));
        const Xapian::Query in_range(
            Xapian::Query::OP_FILTER, q,
            Xapian::Query((new DocidRange(o_.first, o_.end == 0 ? kEnd : o_.end))->release()));
        kids.push_back(std::make_unique<SetNode>(
            std::make_shared<const DocSet>(match_with_xapian(db_, in_range))));
        return std::make_unique<AndNode>(std::move(kids));
      }
      case Xapian::Query::OP_SCALE_WEIGHT:
        return build(q.get_subquery(0), factor * scale_factor(q));
      default:
        return std::make_unique<NothingNode>();  // not reached: rankable() said no
    }
  }

 private:
  NodePtr term(const std::string& name, double factor) {
    return std::make_unique<TermNode>(db_, name, factor, o_.postings ? o_.postings(name) : nullptr);
  }
  const Xapian::Database& db_;
  const RankOptions& o_;
};

}  // namespace

bool rankable(const Xapian::Query& query) { return rankable(query, 1.0); }

namespace {

// A query whose score is a sum of term weights: `required` terms (any of them makes a match)
// and `optional` ones (AND_MAYBE's right side: they only add weight).
struct WeightedTerm {
  std::string term;
  double factor;
  bool required;
};

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

struct Cursor {
  PostingCursor postings;
  double per_wdf = 0;
  bool required = false;
  std::shared_ptr<const TermPostings> kept;  // for its block maxima
  const TermBlocks& blocks() const { return kept->blocks; }
  Xapian::docid did() const { return postings.docid(); }
  double score() const { return per_wdf * postings.wdf(); }
};

// Keeps `d` if it is among the k best so far (the heap has the worst on top).
void offer(std::vector<RankedDoc>& heap, std::size_t k, Xapian::docid d, double s) {
  if (heap.size() == k) {
    if (!ranks_before({d, s}, heap.front())) return;
    std::pop_heap(heap.begin(), heap.end(), ranks_before);
    heap.back() = {d, s};
  } else {
    heap.push_back({d, s});
  }
  std::push_heap(heap.begin(), heap.end(), ranks_before);
}

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
  for (std::size_t j = 1; j < cs.size(); ++j) optional_max += cs[j].per_wdf * cs[j].blocks().max;
  const TermBlocks& b = req.blocks();
  const auto first_of = [&](std::size_t i) {
    return std::max<Xapian::docid>(i == 0 ? 1 : b.last[i - 1] + 1, o.first);
  };
  const auto in_range = [&](std::size_t i) { return b.last[i] >= o.first && first_of(i) < end; };
  const auto read_block = [&](std::size_t i) {
    req.postings.skip_to(first_of(i));
    for (; req.did() <= b.last[i] && req.did() < end; req.postings.next()) {
      const Xapian::docid d = req.did();
      if (o.rank_only != nullptr && !o.rank_only->contains(d)) continue;
      double s = req.score();
      for (std::size_t j = 1; j < cs.size(); ++j) {
        cs[j].postings.skip_to(d);
        if (cs[j].did() == d) s += cs[j].score();
      }
      offer(heap, o.k, d, s);
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
    const double ub = req.per_wdf * b.max_wdf[i] + optional_max;
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
    Cursor c{PostingCursor(db, t.term, kept), 0, t.required, kept};
    const double n = kept->termfreq;
    c.per_wdf = ranking::weight_per_wdf(n, total, t.factor);
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
    return x.per_wdf * x.blocks().max < y.per_wdf * y.blocks().max;
  });
  double optional_max = 0;
  for (std::size_t j = required; j < cs.size(); ++j)
    optional_max += cs[j].per_wdf * cs[j].blocks().max;
  // below[n]: the best a document can score when it matches no required term from n on.
  std::vector<double> below(required + 1, optional_max);
  for (std::size_t j = 0; j < required; ++j)
    below[j + 1] = below[j] + cs[j].per_wdf * cs[j].blocks().max;

  const Xapian::docid end = o.end == 0 ? kEnd : o.end;
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
      while (skipped < required && hopeless(below[skipped + 1], heap.front(), kEnd)) ++skipped;
      if (skipped == required) break;  // nothing left can enter the top k
    }
    Xapian::docid d = kEnd;
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
      if (heap.size() < o.k || !hopeless(s + below[skipped], heap.front(), kEnd)) {
        for (std::size_t j = 0; j < cs.size(); ++j) {
          if (j >= skipped && j < required) continue;
          cs[j].postings.skip_to(d);
          if (cs[j].did() == d) s += cs[j].score();
        }
        offer(heap, o.k, d, s);
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
  if (r.count_exact) r.count = cs[0].kept->termfreq;
  return r;
}

}  // namespace

std::size_t TermPostings::bytes() const {
  return sizeof(TermPostings) + docids.capacity() * sizeof(Xapian::docid) + wdf.capacity() +
         blocks.last.capacity() * (sizeof(Xapian::docid) + sizeof(Xapian::termcount) + 4);
}

TermPostings TermPostings::read(const Xapian::Database& db, const std::string& term,
                                Xapian::doccount keep_at_most) {
  TermPostings p;
  TermBlocks& b = p.blocks;
  const Xapian::doccount n = term.empty() ? db.get_doccount() : db.get_termfreq(term);
  p.termfreq = n;
  bool keep = n <= keep_at_most;
  if (keep) {
    p.docids.reserve(n);
    p.wdf.reserve(n);
  }
  std::size_t i = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it, ++i) {
    const Xapian::docid d = *it;
    const Xapian::termcount w = it.get_wdf();
    if (i % TermBlocks::kSize == 0) {
      b.last.push_back(0);
      b.max_wdf.push_back(0);
    }
    b.last.back() = d;
    b.max_wdf.back() = std::max(b.max_wdf.back(), w);
    b.max = std::max(b.max, w);
    if (keep && w > std::numeric_limits<std::uint8_t>::max()) keep = false;
    if (keep) {
      p.docids.push_back(d);
      p.wdf.push_back(static_cast<std::uint8_t>(w));
    }
  }
  if (!keep) {
    p.docids = {};
    p.wdf = {};
  }
  b.order.resize(b.last.size());
  for (std::uint32_t k = 0; k < b.order.size(); ++k) b.order[k] = k;
  std::stable_sort(b.order.begin(), b.order.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return b.max_wdf[x] > b.max_wdf[y]; });
  return p;
}

Xapian::doccount walk_estimate(const Xapian::Database& db, const Xapian::Query& query) {
  const auto n = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return db.get_termfreq(*query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
      return db.get_doccount();
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return 0;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
      Xapian::doccount least = db.get_doccount();
      for (std::size_t i = 0; i < n; ++i)
        least = std::min(least, walk_estimate(db, query.get_subquery(i)));
      return least;
    }
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return walk_estimate(db, query.get_subquery(0));
    default:  // OR, and phrases (Xapian's positional check reads every part's postings)
      return postings_of_terms(db, query);
  }
}

Xapian::doccount postings_of_terms(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::doccount sum = 0;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
    sum += db.get_termfreq(*t);
  return sum;
}

bool positional_anywhere(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (positional_anywhere(query.get_subquery(i))) return true;
  }
  return false;
}

bool prunable(const Xapian::Query& query) {
  std::vector<WeightedTerm> terms;
  return flatten(query, 1.0, true, terms);
}

Ranking rank_documents(const Xapian::Database& db, const Xapian::Query& query,
                       const RankOptions& o) {
  std::vector<WeightedTerm> terms;
  if (o.matched == nullptr && !o.restrict_to && flatten(query, 1.0, true, terms)) {
    return rank_pruned(db, terms, o);
  }
  NodePtr root = Builder(db, o).build(query, 1.0);
  if (o.restrict_to) {
    std::vector<NodePtr> both;
    both.push_back(std::move(root));
    both.push_back(o.restrict_count > 0 ? std::make_unique<SetNode>(o.restrict_to, o.restrict_count)
                                        : std::make_unique<SetNode>(o.restrict_to));
    root = std::make_unique<AndNode>(std::move(both));
  }
  const Xapian::docid end = o.end == 0 ? kEnd : o.end;
  Ranking r;
  std::vector<RankedDoc>& heap = r.top;  // the k best so far, worst on top
  heap.reserve(o.k + 1);
  for (Xapian::docid d = root->skip_to(std::max<Xapian::docid>(o.first, 1)); d < end;
       d = root->next()) {
    if (o.matched != nullptr) o.matched->push_back(d);
    if (o.rank_only != nullptr && !o.rank_only->contains(d)) continue;
    ++r.count;
    if (o.k == 0) continue;
    offer(heap, o.k, d, root->score());
  }
  std::sort(heap.begin(), heap.end(), ranks_before);
  return r;
}

}  // namespace newsdex
