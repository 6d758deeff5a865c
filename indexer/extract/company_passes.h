// The passes of CompanyMatcher::find, in the order it runs them. Each reads what the earlier
// ones marked (tokens inside a match) and adds mentions; a test may run any prefix of them.
// Also the gazetteer's token trie they match against.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/gazetteer.h"
#include "indexer/extract/companies.h"
#include "indexer/extract/company_scan.h"
#include "indexer/extract/company_words.h"

namespace newsdex {

// Every name and alias of a gazetteer as a trie of lower-cased tokens.
struct CompanyTrie {
  // Every name and alias of `gazetteer`, which the trie's company indexes refer to.
  explicit CompanyTrie(const CompanyGazetteer& gazetteer);

  struct Alias {
    std::size_t company;
    std::string form;
    std::vector<std::string> tokens;  // as written
    bool all_caps;
    bool common_word;
  };
  struct Node {
    std::unordered_map<std::string, std::size_t> next;
    std::vector<std::size_t> aliases;  // indexes into `all`
  };
  std::vector<Node> nodes{1};
  std::vector<Alias> all;
  // Names and aliases, for finding a misspelt one.
  company_words::MisspellingIndex near;

  // Whether `word` alone is an alias.
  bool single_word(std::string_view word) const {
    const auto it = nodes[0].next.find(company_scan::lower(word));
    return it != nodes[0].next.end() && !nodes[it->second].aliases.empty();
  }

  void add(std::size_t company, const std::string& form, bool common_word) {
    Alias a{company, form, {}, false, common_word};
    std::size_t node = 0;
    bool letters = false;
    for (const auto& t : company_scan::tokenize(form)) {
      a.tokens.emplace_back(t.text);
      letters = letters || std::any_of(t.text.begin(), t.text.end(), [](char c) {
                  return std::isalpha(static_cast<unsigned char>(c));
                });
      const std::string key = company_scan::lower(t.text);
      auto it = nodes[node].next.find(key);
      if (it == nodes[node].next.end()) {
        nodes.emplace_back();
        it = nodes[node].next.emplace(key, nodes.size() - 1).first;
      }
      node = it->second;
    }
    if (node == 0) return;
    a.all_caps = letters && !company_scan::has_lower(form) && form.size() <= 6;
    nodes[node].aliases.push_back(all.size());
    all.push_back(std::move(a));
  }
};

// One run of CompanyMatcher::find over one text.
class CompanyPasses {
 public:
  // REQUIRES: `gazetteer` and `trie` outlive the passes. `year`: the article's (0: unknown);
  // a company founded later is no match for a name in the text.
  CompanyPasses(const CompanyGazetteer& gazetteer, const CompanyTrie& trie, std::string_view text,
                int year = 0);

  // 1. Reuters' "Name <TICKER>" and "Name Inc <TICKER>" (the strongest company cue there is)
  // and unlisted companies in brackets ("<I P Sharp Associates Ltd>"). A headline's name
  // before a ticker waits for pass 4.
  void tickers_and_brackets();
  // 2. Gazetteer names and aliases, longest first; all-caps aliases only as written, common
  // words only with a company cue (else provisional), headline lines provisional.
  void gazetteer_names();
  // 3. Discovery: capitalised words before a legal suffix ("Inc", "S.p.A.", "A/S"), or ending
  // in "Group", "Holdings" or a word that ends company names ("Bancorp", "Royalty Trust",
  // "Savings and Loan Association", "Bank of Braman"); a unit written around a known name
  // ("American Hoechst Corp") replaces that name's mention.
  void suffix_discovery();
  // 3b (company_forms.cc). A name opened by a foreign legal form and joined by its
  // language's particles ("Cassa di Risparmio di Calabria e Lucania", "Ste de la Vieille
  // Montagne"), up to its last capitalised word; not when a gazetteer name lies inside (that
  // company counts), nor a central bank ("Banque de France").
  void prefix_discovery();
  // 3c (company_forms.cc). A known name followed by the words of a unit and nothing more of
  // a name ("Morgan Stanley International said", "Merrill Lynch Capital Markets"): the unit,
  // a company of its own, replaces the known name's mention.
  void unit_names();
  // 4. A headline's "GENCORP <GY>" is the company the body calls "GenCorp Inc <GY>", or
  // names "GenCorp" otherwise; a headline-only name is written in title case.
  void headline_names();
  // 5. Provisional mentions stand only beside a confirmed mention of the same company; then
  // in text order, a discovered name the gazetteer knows once its commas go ("Dillon, Read"),
  // or that misspells a gazetteer name by one letter, is that company; one company, one value
  // (merge_variants). Ends the run.
  std::vector<CompanyMention> finish();

  // The mentions so far, in the order the passes added them.
  const std::vector<CompanyMention>& mentions() const { return out_; }

 private:
  struct HeadlineTicker {
    std::string ticker, name;
    std::size_t b, e;
  };
  void add(CompanyMention m, bool needs_confirmation);
  // The known mention `known_mention` yields to the longer name written in tokens
  // [from, name_end) (the company: the gazetteer's, else discovered), matched as [from, match_end).
  void yield_to_longer(std::vector<CompanyMention>::iterator known_mention, std::size_t from,
                       std::size_t name_end, std::size_t match_end, std::string why);
  // A name the gazetteer knows, also without the "Group" or "Holdings" it ends with.
  std::optional<std::string> known(std::string_view name) const;
  // "Zenith and Microsoft Corp", "U.S. Group F.W. Woolworth <Z>": a known name that ends the
  // words [b, e) after another party or a country's initials: its first token and the
  // company, or {e, ""}.
  std::pair<std::size_t, std::string> known_tail(std::size_t b, std::size_t e) const;

  const CompanyGazetteer& gazetteer_;
  int year_;
  const CompanyTrie& trie_;
  company_scan::Scan sc_;
  const std::vector<company_scan::Token>& tokens_;
  std::vector<CompanyMention> out_;
  // Mentions that count only if the article names the same company with better evidence
  // elsewhere: all-caps headline matches and common words without a company cue.
  std::vector<bool> provisional_;
  std::unordered_map<std::string, std::string> by_ticker_;  // ticker -> company (body spelling)
  std::vector<HeadlineTicker> headline_tickers_;            // for pass 4
};

}  // namespace newsdex
