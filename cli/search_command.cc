// newsdex search: one search, printed for a person or as the API's JSON. Every option is handed
// to parse_search_params as the name/value pair the HTTP API takes, so the CLI and the server
// validate them in one place.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "core/text.h"
#include "searcher/search.h"

namespace newsdex::cli {
namespace {

struct SearchCommand {
  CommonOptions common;
  std::vector<std::string> words, filters;
  // Option name -> API parameter name, and the value given (only those given are passed on).
  std::vector<std::pair<std::string, std::string>> given;
};

// Strips <mark> tags for the terminal, showing matches in bold when stdout is a terminal.
std::string terminal_snippet(std::string s, bool tty) {
  for (const auto& [tag, rep] :
       {std::pair<std::string, std::string>{"<mark>", tty ? "\033[1m" : "["},
        {"</mark>", tty ? "\033[0m" : "]"},
        {"&amp;", "&"},
        {"&lt;", "<"},
        {"&gt;", ">"},
        {"&quot;", "\""},
        {"&#39;", "'"}}) {
    for (std::size_t p = 0; (p = s.find(tag, p)) != std::string::npos; p += rep.size()) {
      s.replace(p, tag.size(), rep);
    }
  }
  return s;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void print_result(const SearchResult& r, SortOrder sort) {
  const bool tty = isatty(STDOUT_FILENO) != 0;
  // Stored text is shown through terminal_safe: an article cannot send escape codes.
  const auto safe = [](const std::string& t) { return text::terminal_safe(t); };
  const std::string stories = r.total_stories ? " in " + std::to_string(*r.total_stories) +
                                                    (*r.total_stories == 1 ? " story" : " stories")
                                              : "";
  // Which words the matches have: "all words", "any words (3 have all)", "the words".
  std::string level = r.matching == "words" ? "the query's words" : r.matching + " words";
  if (r.all_words) {
    level += " (" + std::to_string(*r.all_words) + (*r.all_words == 1 ? " has all)" : " have all)");
  }
  // Browsing (no words): every article matches, newest first, and no score means anything.
  const bool browsing = r.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (browsing) level = "no words: newest first";
  std::printf(
      "%u %s%s (%s, %.1f ms)%s\n", r.total,
      browsing ? (r.total == 1 ? "article" : "articles") : (r.total == 1 ? "match" : "matches"),
      stories.c_str(), level.c_str(), r.took_ms,
      r.did_you_mean ? (" - did you mean: " + safe(*r.did_you_mean) + "?").c_str() : "");
  for (const auto& n : r.notices) std::printf("note: %s\n", safe(n).c_str());
  if (sort == SortOrder::kRelevance && (r.matching == "most" || r.matching == "any") &&
      r.all_words && *r.all_words > 0) {
    // Levels: the articles with every word come first, so scores fall within each group only.
    std::printf("note: the %u with all the words come first; scores rank within each group\n",
                *r.all_words);
  }
  for (const auto& h : r.hits) {
    // date | companies | topics | score | id, leaving out what the article does not have.
    std::string line = h.date.empty() ? "undated" : safe(h.date);
    if (!h.companies.empty()) line += " | " + safe(join(h.companies));
    if (!h.topics.empty()) line += " | " + safe(join(h.topics));
    if (!browsing) {
      char score[32];
      std::snprintf(score, sizeof score, " | score %.2f", h.score);
      line += score;
    }
    line += " | id " + safe(h.id);
    std::printf("\n%zu. %s\n   %s\n   %s\n", h.rank, safe(h.title).c_str(), line.c_str(),
                terminal_snippet(safe(h.snippet), tty).c_str());
    if (h.story && h.story->size > 1) {
      std::printf("   + %zu more %s (story %s, first %s; newsdex story %s)\n", h.story->size - 1,
                  h.story->size == 2 ? "version" : "versions", h.story->id.c_str(),
                  h.story->first_date.empty() ? "undated" : h.story->first_date.c_str(),
                  h.story->id.c_str());
    }
  }
  if (!r.facets.empty()) std::printf("\n(facets count %s)", r.facet_count.c_str());
  for (const auto& [name, values] : r.facets) {
    std::printf("\n%-8s", name.c_str());
    for (const auto& v : values) {
      std::printf(" %s (%u);", safe(v.label.empty() ? v.value : v.label).c_str(), v.count);
    }
  }
  std::printf("\n");
}

int run_search(const SearchCommand& c) {
  std::string q;
  for (const auto& w : c.words) q += (q.empty() ? "" : " ") + w;
  std::vector<std::pair<std::string, std::string>> params = {{"q", q}};
  for (const auto& f : c.filters) params.emplace_back("filter", f);
  params.insert(params.end(), c.given.begin(), c.given.end());
  const auto request = parse_search_params(params);
  Searcher searcher(c.common.db);
  const auto r = searcher.search(request);
  if (c.common.json) {
    std::cout << result_to_json(r).dump(2) << "\n";
  } else {
    print_result(r, request.sort);
  }
  return 0;
}

}  // namespace

void add_search_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("search", "Search with ranked hits, exact facets and filters");
  auto c = std::make_shared<SearchCommand>();
  c->common.add_to(*cmd);
  cmd->add_option("query", c->words,
                  "Query words (Xapian syntax: \"phrases\", AND, OR, NOT, "
                  "+word, -word, word*, title:, company:, topic:, year:, month:, "
                  "date:A..B); empty browses everything");
  // One value per --filter, so `--filter topic=AI chips` searches for "chips".
  cmd->add_option("--filter", c->filters, "FIELD=VALUE (repeatable; one field ORed, fields ANDed)")
      ->allow_extra_args(false);
  // The other options are the API's parameters of the same name (dashes for underscores).
  const std::pair<const char*, const char*> options[] = {
      {"--limit", "Hits per page (default 10)"},
      {"--offset", "Hits to skip (default 0)"},
      {"--sort", "relevance (default), date (newest first) or -date"},
      {"--from", "Earliest date YYYY-MM-DD (inclusive)"},
      {"--to", "Latest date YYYY-MM-DD (inclusive)"},
      {"--facets", "Comma list of facets (default company,topic,year; \"\" for none)"},
      {"--facet-size", "Values per facet (default 10)"},
      {"--match", "auto (default: all words, else most, else any), all, most or any"},
      {"--recency", "Prefer recent articles: a half-life like 30d, 2w, 1y"},
      {"--now", "The date --recency counts ages from (default: the newest article)"},
      {"--collapse", "story: one hit per story (near-duplicate group), its best-ranked article"},
      {"--count", "What facet counts count: stories (default with --collapse story) or articles"},
      {"--feedback",
       "rm3: re-rank relaxed plain-word queries with pseudo-relevance feedback; none (default)"},
      {"--facet-mode",
       "multiselect (default): a facet ignores its own field's filters; drilldown: counts only "
       "the filtered matches"},
  };
  for (const auto& [flag, help] : options) {
    std::string param = std::string(flag).substr(2);
    for (auto& ch : param) ch = ch == '-' ? '_' : ch;
    cmd->add_option_function<std::string>(
        flag, [c, param](const std::string& v) { c->given.emplace_back(param, v); }, help);
  }
  cmd->callback([c, &action] { action = [c] { return run_search(*c); }; });
}

}  // namespace newsdex::cli
