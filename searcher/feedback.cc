#include "searcher/feedback.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "searcher/query_plan.h"

namespace newsdex {

namespace {

// The word of a title-and-body term that may be added (see expansion_terms), or "" when it
// may not: stems carry the prefix "Z", words as written none; any other prefix is upper case.
std::string expansion_word(const std::string& term, bool stemmed) {
  std::string word;
  if (stemmed) {
    if (term.size() < 2 || term[0] != 'Z') return "";
    word = term.substr(1);
  } else {
    word = term;
  }
  if (word.size() < 2) return "";
  bool letter = false;
  for (const char ch : word) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::islower(c)) {
      letter = true;
    } else if (!std::isdigit(c)) {
      return "";  // upper case (a prefix), punctuation
    }
  }
  if (!letter || is_stopword(word)) return "";
  return word;
}

}  // namespace

std::vector<ExpansionTerm> expansion_terms(
    const Xapian::Database& db, const std::vector<std::pair<Xapian::docid, double>>& feedback,
    const Xapian::Query& query, bool stemmed) {
  const std::set<std::string> in_query(query.get_unique_terms_begin(),
                                       query.get_unique_terms_end());
  double score_sum = 0;
  std::size_t n = 0;
  for (; n < feedback.size() && n < kFeedbackDocs && feedback[n].second > 0; ++n)
    score_sum += feedback[n].second;
  if (n == 0) return {};
  std::unordered_map<std::string, double> candidates;  // term -> P(w | R), not normalised
  std::vector<std::pair<std::string, double>> in_doc;
  for (std::size_t i = 0; i < n; ++i) {
    in_doc.clear();
    double impact_sum = 0;
    for (auto t = db.termlist_begin(feedback[i].first); t != db.termlist_end(feedback[i].first);
         ++t) {
      const std::string term = *t;
      if (expansion_word(term, stemmed).empty()) continue;
      const double impact = t.get_wdf();
      impact_sum += impact;
      if (in_query.count(term) == 0) in_doc.emplace_back(term, impact);
    }
    if (impact_sum <= 0) continue;
    const double doc_weight = feedback[i].second / score_sum;
    for (const auto& [term, impact] : in_doc) {
      candidates[term] += doc_weight * impact / impact_sum;
    }
  }
  // Only the best kFeedbackLookups can be looked at: sort those.
  std::vector<std::pair<std::string, double>> ranked(candidates.begin(), candidates.end());
  const auto better = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const auto top =
      ranked.begin() + static_cast<std::ptrdiff_t>(std::min(kFeedbackLookups, ranked.size()));
  std::partial_sort(ranked.begin(), top, ranked.end(), better);
  ranked.erase(top, ranked.end());
  const double max_docs = kMaxExpansionDocShare * db.get_doccount();
  std::vector<ExpansionTerm> out;
  double sum = 0;
  std::size_t lookups = 0;
  for (const auto& [term, weight] : ranked) {
    if (out.size() == kFeedbackTerms || lookups == kFeedbackLookups) break;
    ++lookups;
    if (db.get_termfreq(term) > max_docs) continue;
    out.push_back({term, weight});
    sum += weight;
  }
  for (auto& t : out) t.weight /= sum;
  return out;
}

Xapian::Query expand_query(const Xapian::Query& scored, const std::vector<ExpansionTerm>& terms,
                           std::size_t words) {
  constexpr double a = kOriginalQueryWeight;
  if (terms.empty()) return scored;
  std::vector<Xapian::Query> added;
  for (const auto& t : terms) {
    added.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term),
                       (1 - a) / a * static_cast<double>(words) * t.weight);
  }
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, scored,
                       Xapian::Query(Xapian::Query::OP_OR, added.begin(), added.end()));
}

}  // namespace newsdex
