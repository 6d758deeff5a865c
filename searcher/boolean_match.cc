#include "searcher/boolean_match.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "searcher/checked_postings.h"
#include "searcher/deadline.h"

namespace newsdex {

namespace {

// Collects the document ids Xapian's matcher visits.
class CollectingSpy : public Xapian::MatchSpy {
 public:
  explicit CollectingSpy(DocSet& out) : out_(out) {}
  void operator()(const Xapian::Document& doc, double) override {
    check_deadline();
    out_.add(doc.get_docid());
  }

 private:
  DocSet& out_;
};

DocSet evaluate(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid last);

// AND: the term children are intersected by leapfrogging their posting lists (skip_to from
// the rarest), so a rare term bounds the work; other children are evaluated into sets and
// tested per candidate.
DocSet evaluate_and(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid last) {
  std::vector<std::string> terms;
  std::vector<DocSet> others;
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    const Xapian::Query sub = q.get_subquery(i);
    if (sub.get_type() == Xapian::Query::LEAF_TERM) {
      terms.push_back(*sub.get_terms_begin());
    } else {
      others.push_back(evaluate(db, sub, last));
    }
  }
  DocSet out(last);
  if (terms.empty()) {
    out = std::move(others.front());
    for (std::size_t i = 1; i < others.size(); ++i) out &= others[i];
    return out;
  }
  std::sort(terms.begin(), terms.end(), [&](const std::string& a, const std::string& b) {
    return db.get_termfreq(a) < db.get_termfreq(b);
  });
  std::vector<Xapian::PostingIterator> its, ends;
  for (const auto& t : terms) {
    its.push_back(db.postlist_begin(t));
    ends.push_back(db.postlist_end(t));
  }
  while (its[0] != ends[0]) {
    check_deadline();
    Xapian::docid candidate = checked_docid(*its[0], last, terms[0]);
    bool all = true;
    for (std::size_t k = 1; k < its.size(); ++k) {
      its[k].skip_to(candidate);
      if (its[k] == ends[k]) return out;  // a list ran out: no more matches
      if (*its[k] != candidate) {
        all = false;
        its[0].skip_to(*its[k]);
        break;
      }
    }
    if (!all) continue;
    bool in_others = true;
    for (const auto& o : others) in_others = in_others && o.contains(candidate);
    if (in_others) out.add(candidate);
    ++its[0];
  }
  return out;
}

DocSet evaluate(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid last) {
  DocSet out(last);
  const auto type = q.get_type();
  switch (type) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return out;
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_TERM: {
      const std::string term =
          type == Xapian::Query::LEAF_TERM ? *q.get_terms_begin() : std::string();
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        check_deadline();
        out.add(checked_docid(*p, last, term));
      }
      return out;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      return evaluate_and(db, q, last);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_MAX:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        out |= evaluate(db, q.get_subquery(i), last);
      return out;
    case Xapian::Query::OP_XOR:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        out ^= evaluate(db, q.get_subquery(i), last);
      return out;
    case Xapian::Query::OP_AND_NOT: {
      out = evaluate(db, q.get_subquery(0), last);
      for (std::size_t i = 1; i < q.get_num_subqueries(); ++i)
        out.subtract(evaluate(db, q.get_subquery(i), last));
      return out;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return evaluate(db, q.get_subquery(0), last);
    default:
      // Positional and value operators: let Xapian's matcher decide, without ranking.
      return match_with_xapian(db, q);
  }
}

}  // namespace

DocSet match_with_xapian(const Xapian::Database& db, const Xapian::Query& q) {
  DocSet out(db.get_lastdocid());
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (db.size() == 1) {
    CollectingSpy spy(out);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    return out;
  }
  // An archive: a spy sees each part's own ids, the MSet the archive's.
  struct DeadlineSpy : Xapian::MatchSpy {
    void operator()(const Xapian::Document&, double) override { check_deadline(); }
  } deadline;
  enquire.add_matchspy(&deadline);
  const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
  for (auto m = all.begin(); m != all.end(); ++m) out.add(*m);
  return out;
}

namespace {
// `set`'s members in one database of an archive of `parts` (the `part`-th), in that database's
// own ids; one database is an archive of 1.
class DocSetSource final : public Xapian::PostingSource {
 public:
  DocSetSource(std::shared_ptr<const DocSet> set, std::vector<std::string> uuids)
      : set_(std::move(set)), uuids_(std::move(uuids)) {}
  DocSetSource* clone() const override { return new DocSetSource(set_, uuids_); }
  void init(const Xapian::Database& db) override {
    const Xapian::docid n = static_cast<Xapian::docid>(uuids_.size());
    part_ = n;  // (not found: matches nothing)
    for (Xapian::docid i = 0; i < n; ++i) {
      if (uuids_.size() == 1 || uuids_[i] == db.get_uuid()) part_ = i;
    }
    at_ = 0;
    started_ = false;
    const Xapian::doccount all = set_->count();
    size_ = part_ == n ? 0 : all / n + 1;
    max_ = part_ == n ? 0 : std::min(all, db.get_doccount());
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return std::min(size_, max_); }
  Xapian::doccount get_termfreq_max() const override { return max_; }
  void next(double) override { seek(started_ ? at_ + 1 : 1); }
  void skip_to(Xapian::docid own, double) override {
    if (!started_ || own > own_id(at_)) seek(archive_id(own));
  }
  bool at_end() const override { return started_ && at_ == 0; }
  Xapian::docid get_docid() const override { return own_id(at_); }

 private:
  Xapian::docid parts() const { return static_cast<Xapian::docid>(uuids_.size()); }
  Xapian::docid archive_id(Xapian::docid own) const { return (own - 1) * parts() + part_ + 1; }
  Xapian::docid own_id(Xapian::docid id) const { return id == 0 ? 0 : (id - 1) / parts() + 1; }
  // The first member >= `from` in this part (0: none).
  void seek(Xapian::docid from) {
    started_ = true;
    at_ = part_ == parts() ? 0 : set_->next_member(from);
    while (at_ != 0 && (at_ - 1) % parts() != part_) at_ = set_->next_member(at_ + 1);
  }
  std::shared_ptr<const DocSet> set_;
  std::vector<std::string> uuids_;
  Xapian::docid part_ = 0;
  Xapian::docid at_ = 0;  // the archive's id of the current member; 0 at the end
  bool started_ = false;
  Xapian::doccount size_ = 0, max_ = 0;
};

std::vector<std::string> part_uuids(const Xapian::Database& db) {
  std::vector<std::string> out;
  const std::string all = db.get_uuid();  // the parts' uuids joined by ':'
  std::size_t at = 0;
  while (true) {
    const auto colon = all.find(':', at);
    out.push_back(all.substr(at, colon - at));
    if (colon == std::string::npos) break;
    at = colon + 1;
  }
  if (out.size() != db.size()) throw Xapian::InvalidOperationError("unexpected archive uuid");
  return out;
}
}  // namespace

Xapian::Query docset_query(const Xapian::Database& db, std::shared_ptr<const DocSet> set) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query((new DocSetSource(std::move(set), part_uuids(db)))->release()),
                       0.0);
}

DocSet match_documents(const Xapian::Database& db, const Xapian::Query& query) {
  return evaluate(db, query, db.get_lastdocid());
}

}  // namespace newsdex
