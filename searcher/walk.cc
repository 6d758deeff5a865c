#include "searcher/walk.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "searcher/boolean_match.h"
#include "searcher/deadline.h"
#include "searcher/term_postings.h"

namespace newsdex {

namespace {

constexpr Xapian::docid kEnd = kEndDocid;

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

class TermNode final : public Node {
 public:
  TermNode(const Xapian::Database& db, const std::string& term, double factor,
           std::shared_ptr<const TermPostings> kept)
      : cursor_(db, term, std::move(kept), factor) {}
  Xapian::docid next() override {
    cursor_.next();
    return did_ = cursor_.docid();
  }
  Xapian::docid skip_to(Xapian::docid target) override {
    cursor_.skip_to(target);
    return did_ = cursor_.docid();
  }
  double score() override { return cursor_.score(); }
  Xapian::doccount estimate() const override { return cursor_.termfreq(); }

 private:
  TermCursor cursor_;
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

}  // namespace

bool walkable(const Xapian::Query& q, double factor) {
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
        if (!walkable(q.get_subquery(i), factor)) return false;
      }
      return true;
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
      if (q.get_type() == Xapian::Query::OP_AND_MAYBE) {
        for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) {
          if (!walkable(q.get_subquery(i), factor)) return false;
        }
      }
      return walkable(q.get_subquery(0), factor);
    case Xapian::Query::OP_SCALE_WEIGHT: {
      const double f = scale_factor(q);
      return !std::isnan(f) && walkable(q.get_subquery(0), factor * f);
    }
    default:
      return false;
  }
}

namespace {

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
        // (Over several databases a PostingSource sees each one's own docids, so the range
        // cannot be given to Xapian; the AND with the other kids keeps this walk's range.)
        const Xapian::Query in_range =
            db_.size() != 1
                ? q
                : Xapian::Query(
                      Xapian::Query::OP_FILTER, q,
                      Xapian::Query(
                          (new DocidRange(o_.first, o_.end == 0 ? kEnd : o_.end))->release()));
        kids.push_back(std::make_unique<SetNode>(
            std::make_shared<const DocSet>(match_with_xapian(db_, in_range))));
        return std::make_unique<AndNode>(std::move(kids));
      }
      case Xapian::Query::OP_SCALE_WEIGHT:
        return build(q.get_subquery(0), factor * scale_factor(q));
      default:
        return std::make_unique<NothingNode>();  // not reached: walkable() said no
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

Ranking walk_documents(const Xapian::Database& db, const Xapian::Query& query,
                       const RankOptions& o) {
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
    check_deadline();
    if (o.matched != nullptr) o.matched->push_back(d);
    if (o.rank_only != nullptr && !o.rank_only->contains(d)) continue;
    ++r.count;
    if (o.k == 0) continue;
    offer_top_k(heap, o.k, d, root->score());
  }
  std::sort(heap.begin(), heap.end(), ranks_before);
  return r;
}

}  // namespace newsdex
