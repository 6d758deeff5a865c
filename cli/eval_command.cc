#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"
#include "core/database.h"
#include "core/errors.h"
#include "searcher/eval_metrics.h"
#include "searcher/search.h"

namespace newsdex::cli {

namespace {

struct EvalOptions {
  std::string db = default_database_path();
  std::string topics, qrels, run_out, match = "auto";
  bool per_query = false, json = false, feedback = false, no_feedback = false;
  std::string ranking;  // --ranking: RankingFeatures switched for bench/ir/features.sh
};

// How deep each topic is ranked: what recall@1000 and MAP need.
constexpr std::size_t kDepth = 1000;

std::ifstream open_input(const std::string& path, const std::string& flag) {
  std::ifstream in(path);
  if (!in) throw UsageError(flag + ": cannot read '" + path + "'");
  return in;
}

int run_eval(const EvalOptions& o) {
  auto topics_in = open_input(o.topics, "--topics");
  const auto topics = eval::read_topics(topics_in, o.topics);
  auto qrels_in = open_input(o.qrels, "--qrels");
  const auto qrels = eval::read_qrels(qrels_in, o.qrels);
  // The run file's lines, written (and checked, fsync'd) once every topic has run.
  std::ostringstream run_lines;
  const bool run = !o.run_out.empty();
  if (run && !std::ofstream(o.run_out)) throw UsageError("--run: cannot write '" + o.run_out + "'");
  const RankingFeatures features = parse_ranking_features(o.ranking);
  Searcher searcher(o.db);
  std::vector<eval::QueryMetrics> all;
  nlohmann::ordered_json per_query = nlohmann::ordered_json::array();
  for (const auto& [qid, text] : topics) {
    auto request = parse_search_params({{"q", text},
                                        {"limit", std::to_string(kDepth)},
                                        {"facets", ""},
                                        {"total", "estimate"},
                                        {"hits", "ids"},
                                        {"match", o.match}});
    request.feedback = o.feedback && !o.no_feedback;
    request.ranking = features;
    const SearchResult r = searcher.search(request);
    std::vector<std::string> ranked;
    for (const auto& h : r.hits) {
      ranked.push_back(h.id);
      if (run) {
        run_lines << qid << " Q0 " << h.id << " " << h.rank << " " << h.score << " newsdex\n";
      }
    }
    const auto judged = qrels.find(qid);
    if (judged == qrels.end()) continue;  // unjudged topics are not averaged (as trec_eval)
    const auto m = eval::score_query(ranked, judged->second);
    bool relevant = false;
    for (const auto& [doc, grade] : judged->second) relevant = relevant || grade > 0;
    if (!relevant) continue;
    all.push_back(m);
    if (o.per_query) {
      per_query.push_back({{"qid", qid},
                           {"ndcg@10", m.ndcg10},
                           {"p@10", m.p10},
                           {"map", m.ap},
                           {"recall@1000", m.recall1000},
                           {"results", ranked.size()},
                           {"matching", r.matching}});
    }
  }
  if (run) write_output_file(o.run_out, [&](std::ostream& out) { out << run_lines.str(); });
  const auto s = eval::summarise(all);
  if (o.json) {
    // The keys SPEC.md gives (`topics` counts the judged topics that were averaged).
    nlohmann::ordered_json j = {{"topics", s.queries}, {"no_results", s.no_results},
                                {"ndcg@10", s.ndcg10}, {"p@10", s.p10},
                                {"map", s.map},        {"recall@1000", s.recall1000}};
    if (o.per_query) j["per_query"] = per_query;
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  if (o.per_query) {
    std::printf("%-8s %8s %6s %6s %8s %7s %s\n", "qid", "nDCG@10", "P@10", "AP", "R@1000",
                "results", "matching");
    for (const auto& q : per_query) {
      std::printf("%-8s %8.4f %6.3f %6.4f %8.4f %7zu %s\n", q["qid"].get<std::string>().c_str(),
                  q["ndcg@10"].get<double>(), q["p@10"].get<double>(), q["map"].get<double>(),
                  q["recall@1000"].get<double>(), q["results"].get<std::size_t>(),
                  q["matching"].get<std::string>().c_str());
    }
  }
  std::printf("queries %zu  nDCG@10 %.4f  P@10 %.4f  MAP %.4f  recall@1000 %.4f  no results %zu\n",
              s.queries, s.ndcg10, s.p10, s.map, s.recall1000, s.no_results);
  return 0;
}

}  // namespace

void add_eval_command(CLI::App& app, std::function<int()>& action) {
  auto o = std::make_shared<EvalOptions>();
  auto* eval = app.add_subcommand(
      "eval", "Measure ranking quality: run every topic as typed and score it against qrels");
  eval->add_option("--db", o->db, "Database directory (default: $NEWSDEX_DB, else ./newsdex-db)");
  eval->add_option("--topics", o->topics, "Topics file: qid TAB query text")->required();
  eval->add_option("--qrels", o->qrels, "TREC qrels: qid 0 docid grade")->required();
  eval->add_option("--run", o->run_out, "Also write a TREC run file here");
  eval->add_option("--match", o->match, "Match level: auto, all, most or any")
      ->capture_default_str();
  eval->add_flag("--feedback", o->feedback,
                 "Re-rank relaxed queries with pseudo-relevance feedback (RM3; off by default)");
  eval->add_option("--ranking", o->ranking,
                   "Switch query-time ranking features, for measuring them: "
                   "stopwords=on|off,exact=N,tiers=on|off,qtf=K3,phrases=on|off");
  eval->add_flag("--no-feedback", o->no_feedback,
                 "Without pseudo-relevance feedback (the default; kept for older scripts)");
  eval->add_flag("--per-query", o->per_query, "Print each topic's figures");
  eval->add_flag("--json", o->json, "Print one JSON document on stdout");
  eval->callback([o, &action] { action = [o] { return run_eval(*o); }; });
}

}  // namespace newsdex::cli
