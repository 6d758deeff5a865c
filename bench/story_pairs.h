// The labelled near-duplicate set (data/story-pairs.tsv): reading it, deriving the syndication
// variants it names from Reuters articles, and measuring story detection over its pairs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/article.h"

namespace newsdex::bench {

// One labelled pair. `a` and `b` are "r:N" (Reuters NEWID N, article id "reuters-N") or
// "v:N:EDIT" (make_variant(article N, EDIT)).
struct StoryPair {
  std::string a, b;
  bool same_story = false;
  std::string kind;
};

// Reads the TSV (header line, '#' comments). Throws InputError "FILE:LINE: ..." when a line is
// malformed.
std::vector<StoryPair> load_story_pairs(const std::string& path);

// The article a syndicated, corrected or follow-up version of `base` would be. EDIT is one of
// retitle, trim, extend, boilerplate, reorder, combo (retitle + trim + boilerplate), correction
// (one figure changed, "CORRECTED - " title), figures (every digit changed: the same template
// with other figures), followup (a day later: new text around one sentence of the original).
// The same input gives the same output. Throws UsageError for another EDIT.
Article make_variant(const Article& base, const std::string& edit);

// The articles the pairs name, given Reuters articles by id ("reuters-N"), each once, in the
// order they first appear. Throws InputError when a pair names an article that is absent.
std::vector<Article> story_pair_articles(const std::vector<StoryPair>& pairs,
                                         const std::map<std::string, Article>& reuters);

// The article id a pair member names ("reuters-N" or "variant-N-EDIT").
std::string story_pair_article_id(const std::string& spec);

struct StoryPairScore {
  StoryPair pair;
  bool predicted_same = false;
  double containment = 0, resemblance = 0;
  double number_containment = -1;                 // of the number tokens; -1 when either has none
  long days_apart = -1;                           // -1 when either is undated
  bool shared_band = false;                       // whether LSH makes them candidates
  bool figures_differ = false, corrects = false;  // stories::figures_differ, stories::corrects
};

struct StoryEvaluation {
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0, true_negatives = 0;
  std::vector<StoryPairScore> scores;
  double precision() const;
  double recall() const;
  // Counts, precision, recall, the same per kind ("by_kind"), and the misses.
  nlohmann::json to_json() const;
  nlohmann::json counts_json() const;  // counts, precision and recall only
  // One line per pair: a, b, label, kind, predicted, containment, resemblance,
  // number_containment, days_apart, shared_band, figures_differ, corrects (0 or 1; for choosing
  // the rule's thresholds).
  std::string scores_tsv() const;
};

// Indexes `articles` (in that order) into a new database at `db_path` with story detection,
// then compares each pair's stories with its label.
StoryEvaluation evaluate_story_pairs(const std::vector<StoryPair>& pairs,
                                     const std::vector<Article>& articles,
                                     const std::string& db_path);

}  // namespace newsdex::bench
