// Pseudo-relevance feedback for relaxed plain-word queries (RM3, as Lavrenko and Croft's
// relevance model is used by Anserini and Terrier): the best articles of a first ranking are
// taken as relevant, the words they share are weighed, and the best of those words are added to
// the query with a small weight to rank the same matches again.
//
//   P(w | R) = sum over feedback articles d of  s(d) / sum s  x  i(w, d) / sum_v i(v, d)
//
// where s(d) is d's first-pass score and i(w, d) the impact stored for w in d (BM25's tf and
// length part, core/ranking.h: the saturated term frequency stands in for RM3's tf / |d|). The
// kFeedbackTerms best words, renormalised to sum 1, are added each with the weight
// (1 - a) / a x n x P(w | R), where n is the number of query words (each weighs 1) and a the
// share of the original query (kOriginalQueryWeight).
//
// The expansion only adds weight (Xapian's AND_MAYBE): the match set, the total and the facet
// counts are the original query's, and only the order changes.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

namespace newsdex {

// How many of the best articles are read: the first page (RM3's usual fbDocs = 10).
inline constexpr std::size_t kFeedbackDocs = 10;
// How many words are added (RM3's usual fbTerms = 10). The document frequency of at most
// kFeedbackLookups candidates is read (one B-tree lookup each), which bounds the cost.
inline constexpr std::size_t kFeedbackTerms = 10;
inline constexpr std::size_t kFeedbackLookups = 4 * kFeedbackTerms;
// The original query's share of the expanded query's weight (RM3's usual 0.5).
inline constexpr double kOriginalQueryWeight = 0.5;
// A word in more than this share of the articles says little about a topic (the filter
// Anserini's RM3 applies): it is never added.
inline constexpr double kMaxExpansionDocShare = 0.1;

struct ExpansionTerm {
  std::string term;  // an indexed term: the stem ("Z" prefix) with stemming, else the word
  double weight;     // P(w | R) over the chosen terms (they sum to 1)
};

// The best expansion terms for the articles `feedback` (docid, first-pass score; best first;
// only the first kFeedbackDocs are read): words of title and body (letters or digits with at
// least one letter, 2+ characters, not a stopword), in at most kMaxExpansionDocShare of the
// database, and not among `query`'s terms. `stemmed` picks stems ("Z..." terms) over the words
// as written. Empty when nothing qualifies.
std::vector<ExpansionTerm> expansion_terms(
    const Xapian::Database& db, const std::vector<std::pair<Xapian::docid, double>>& feedback,
    const Xapian::Query& query, bool stemmed);

// `scored` plus the expansion terms, which add weight only where `scored` matches. `words` is
// the number of query words (n above). Returns `scored` when `terms` is empty.
Xapian::Query expand_query(const Xapian::Query& scored, const std::vector<ExpansionTerm>& terms,
                           std::size_t words);

}  // namespace newsdex
