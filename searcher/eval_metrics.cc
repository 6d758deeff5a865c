#include "searcher/eval_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "core/errors.h"
#include "core/text.h"

namespace newsdex::eval {

std::vector<std::pair<std::string, std::string>> read_topics(std::istream& in,
                                                             const std::string& source) {
  std::vector<std::pair<std::string, std::string>> topics;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (text::trim(line).empty()) continue;
    const auto tab = line.find('\t');
    const std::string qid(tab == std::string::npos ? "" : text::trim(line.substr(0, tab)));
    if (qid.empty()) {
      throw UsageError(source + ":" + std::to_string(n) + ": expected 'qid<TAB>query text'");
    }
    topics.emplace_back(qid, line.substr(tab + 1));
  }
  return topics;
}

Qrels read_qrels(std::istream& in, const std::string& source) {
  Qrels qrels;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (text::trim(line).empty()) continue;
    std::istringstream fields(line);
    std::string qid, iter, docid, grade, extra;
    fields >> qid >> iter >> docid >> grade;
    int g = 0;
    bool ok = !grade.empty() && !(fields >> extra);
    try {
      std::size_t used = 0;
      if (ok) g = std::stoi(grade, &used);
      ok = ok && used == grade.size();
    } catch (const std::exception&) {
      ok = false;
    }
    if (!ok) {
      throw UsageError(source + ":" + std::to_string(n) +
                       ": expected 'qid iteration docid grade' with an integer grade");
    }
    qrels[qid][docid] = g;
  }
  return qrels;
}

QueryMetrics score_query(const std::vector<std::string>& ranked,
                         const std::map<std::string, int>& judged) {
  QueryMetrics m;
  m.no_results = ranked.empty();
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judged) {
    if (grade > 0) ideal.push_back(grade);
  }
  if (ideal.empty()) return m;
  std::sort(ideal.begin(), ideal.end(), std::greater<>());
  const auto grade_of = [&](const std::string& doc) {
    const auto it = judged.find(doc);
    return it == judged.end() ? 0 : std::max(it->second, 0);
  };
  const auto discount = [](std::size_t rank) { return std::log2(static_cast<double>(rank) + 1); };
  double dcg = 0, idcg = 0, precision_sum = 0;
  std::size_t found = 0, in_first_10 = 0;
  for (std::size_t i = 0; i < ranked.size() && i < 1000; ++i) {
    const int g = grade_of(ranked[i]);
    if (i < 10) dcg += g / discount(i + 1);
    if (g == 0) continue;
    ++found;
    precision_sum += static_cast<double>(found) / static_cast<double>(i + 1);
    if (i < 10) ++in_first_10;
    m.recall1000 = static_cast<double>(found) / static_cast<double>(ideal.size());
  }
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) idcg += ideal[i] / discount(i + 1);
  m.p10 = static_cast<double>(in_first_10) / 10;
  m.ndcg10 = dcg / idcg;
  m.ap = precision_sum / static_cast<double>(ideal.size());
  return m;
}

Summary summarise(const std::vector<QueryMetrics>& per_query) {
  Summary s;
  s.queries = per_query.size();
  for (const auto& m : per_query) {
    s.no_results += m.no_results ? 1 : 0;
    s.ndcg10 += m.ndcg10;
    s.p10 += m.p10;
    s.map += m.ap;
    s.recall1000 += m.recall1000;
  }
  if (s.queries > 0) {
    const auto n = static_cast<double>(s.queries);
    s.ndcg10 /= n;
    s.p10 /= n;
    s.map /= n;
    s.recall1000 /= n;
  }
  return s;
}

}  // namespace newsdex::eval
