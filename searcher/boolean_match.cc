#include "searcher/boolean_match.h"

namespace newsdex {

namespace {

// Collects the document ids Xapian's matcher visits.
class CollectingSpy : public Xapian::MatchSpy {
 public:
  explicit CollectingSpy(DocSet& out) : out_(out) {}
  void operator()(const Xapian::Document& doc, double) override { out_.add(doc.get_docid()); }

 private:
  DocSet& out_;
};

DocSet evaluate(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid last) {
  DocSet out(last);
  const auto type = q.get_type();
  switch (type) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return out;
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_TERM: {
      const std::string term = type == Xapian::Query::LEAF_TERM ? *q.get_terms_begin() : std::string();
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.add(*p);
      return out;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
      out = evaluate(db, q.get_subquery(0), last);
      for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) out &= evaluate(db, q.get_subquery(i), last);
      return out;
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_MAX:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) out |= evaluate(db, q.get_subquery(i), last);
      return out;
    case Xapian::Query::OP_XOR:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) out ^= evaluate(db, q.get_subquery(i), last);
      return out;
    case Xapian::Query::OP_AND_NOT: {
      out = evaluate(db, q.get_subquery(0), last);
      for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) out.subtract(evaluate(db, q.get_subquery(i), last));
      return out;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return evaluate(db, q.get_subquery(0), last);
    default: {
      // Positional and value operators: let Xapian's matcher decide, without ranking.
      Xapian::Enquire enquire(db);
      enquire.set_query(q);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      CollectingSpy spy(out);
      enquire.add_matchspy(&spy);
      enquire.get_mset(0, 0, db.get_doccount());
      return out;
    }
  }
}

}  // namespace

DocSet match_documents(const Xapian::Database& db, const Xapian::Query& query) {
  return evaluate(db, query, db.get_lastdocid());
}

}  // namespace newsdex
