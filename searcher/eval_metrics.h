// Ranking-quality metrics for `newsdex eval`, computed as trec_eval computes them: topics
// (`qid TAB query text`), TREC qrels (`qid 0 docid grade`) and a ranked list of ids per topic.
#pragma once

#include <istream>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::eval {

// qid -> docid -> grade (> 0 is relevant; 0 and negative grades are judged not relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

// Topics in file order: (qid, query text). Throws UsageError naming `source` and the line for a
// line without a TAB or with an empty qid; blank lines are skipped.
std::vector<std::pair<std::string, std::string>> read_topics(std::istream& in,
                                                             const std::string& source);
// Throws UsageError naming `source` and the line for a line that is not `qid iter docid grade`.
Qrels read_qrels(std::istream& in, const std::string& source);

struct QueryMetrics {
  double ndcg10 = 0;      // nDCG@10, linear gain (trec_eval ndcg_cut.10)
  double p10 = 0;         // relevant in the first 10, over 10
  double ap = 0;          // average precision over all relevant documents
  double recall1000 = 0;  // relevant in the first 1000, over all relevant
  bool no_results = false;
};

// Metrics of one ranked list (best first) against one topic's judgments.
QueryMetrics score_query(const std::vector<std::string>& ranked,
                         const std::map<std::string, int>& judged);

// Means over topics. Topics with no relevant judgment are left out (as trec_eval does); a topic
// that found nothing counts with zeros (as trec_eval -c does), so empty answers are punished.
struct Summary {
  std::size_t queries = 0;  // topics averaged over
  std::size_t no_results = 0;
  double ndcg10 = 0, p10 = 0, map = 0, recall1000 = 0;
};
Summary summarise(const std::vector<QueryMetrics>& per_query);

}  // namespace newsdex::eval
