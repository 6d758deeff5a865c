#include "searcher/boolean_match.h"

#include <algorithm>
#include <string>
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
  CollectingSpy spy(out);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, db.get_doccount());
  return out;
}

DocSet match_documents(const Xapian::Database& db, const Xapian::Query& query) {
  return evaluate(db, query, db.get_lastdocid());
}

}  // namespace newsdex
