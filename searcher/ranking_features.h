// The query-time ranking features of a plain-word query, as one value. The defaults are what
// bench/ir/features.sh measured to earn their place (issue 22: each raises the mean nDCG@10 of
// the four development collections and lowers none by more than 0.005); `newsdex eval
// --ranking` switches them one at a time for that table, and nothing else reads them from users.
#pragma once

#include <string>

namespace newsdex {

struct RankingFeatures {
  // Drop English function words from plain queries (query_plan.cc's list).
  bool stopwords = true;
  // How much an exact (unstemmed) form adds, relative to the stemmed word's weight; 0 = off.
  double exact_boost = 0.1;
  // Relaxed levels list the articles with every word first, then the level's others.
  bool all_words_first = true;
  // A word typed n times weighs (k3 + 1) n / (k3 + n) times one typed once (BM25's query-term
  // saturation, Robertson et al.); 0 = each distinct word once.
  double query_tf_k3 = 0.5;
  // A query's quoted phrases, read as words, add their phrase match's weight where they occur.
  bool phrase_bonus = true;
  // Proximity: each two neighbouring query words (as typed, stopwords left out) found within
  // kProximityWindow positions of each other add this share of their weight; 0 = off.
  double proximity = 0;
};

// The window of the proximity bonus, in word positions (the unordered window of Metzler and
// Croft's sequential dependence model).
inline constexpr unsigned kProximityWindow = 8;

// Parses "name=value,..." (stopwords=on|off, exact=N, tiers=on|off, qtf=K3, phrases=on|off,
// near=SHARE) over the defaults. Throws UsageError naming the part for anything else.
RankingFeatures parse_ranking_features(const std::string& spec);

}  // namespace newsdex
