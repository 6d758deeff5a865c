#include "searcher/ranked_match.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "searcher/pruned.h"
#include "searcher/walk.h"

namespace newsdex {

void offer_top_k(std::vector<RankedDoc>& heap, std::size_t k, Xapian::docid d, double s) {
  if (heap.size() == k) {
    if (!ranks_before({d, s}, heap.front())) return;
    std::pop_heap(heap.begin(), heap.end(), ranks_before);
    heap.back() = {d, s};
  } else {
    heap.push_back({d, s});
  }
  std::push_heap(heap.begin(), heap.end(), ranks_before);
}

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

bool rankable(const Xapian::Query& query) { return walkable(query, 1.0); }

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
  return as_term_sum(query, terms);
}

Ranking rank_documents(const Xapian::Database& db, const Xapian::Query& query, const RankOptions& o,
                       bool pruned) {
  if (!pruned) return walk_documents(db, query, o);
  std::vector<WeightedTerm> terms;
  as_term_sum(query, terms);  // (the pass was planned pruned because it is a term sum)
  return rank_pruned(db, std::move(terms), o);
}

}  // namespace newsdex
