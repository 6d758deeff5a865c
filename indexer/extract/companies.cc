#include "indexer/extract/companies.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "indexer/extract/company_scan.h"
#include "indexer/extract/company_words.h"

namespace newsdex {

namespace {

using company_scan::has_lower;
using company_scan::is_capitalised;
using company_scan::lower;
using company_scan::Scan;
using company_scan::tokenize;
using company_words::is_corporate_suffix;

}  // namespace

struct CompanyMatcher::Trie {
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

  void add(std::size_t company, const std::string& form, bool common_word) {
    Alias a{company, form, {}, false, common_word};
    std::size_t node = 0;
    bool letters = false;
    for (const auto& t : tokenize(form)) {
      a.tokens.emplace_back(t.text);
      letters = letters || std::any_of(t.text.begin(), t.text.end(), [](char c) {
                  return std::isalpha(static_cast<unsigned char>(c));
                });
      const std::string key = lower(t.text);
      auto it = nodes[node].next.find(key);
      if (it == nodes[node].next.end()) {
        nodes.emplace_back();
        it = nodes[node].next.emplace(key, nodes.size() - 1).first;
      }
      node = it->second;
    }
    if (node == 0) return;
    a.all_caps = letters && !has_lower(form) && form.size() <= 6;
    nodes[node].aliases.push_back(all.size());
    all.push_back(std::move(a));
  }
};

CompanyMatcher::CompanyMatcher(const CompanyGazetteer& gazetteer)
    : gazetteer_(gazetteer), trie_(std::make_unique<Trie>()) {
  const auto& companies = gazetteer.companies();
  for (std::size_t i = 0; i < companies.size(); ++i) {
    const auto& c = companies[i];
    auto common = [&](const std::string& form) {
      return std::find(c.common_words.begin(), c.common_words.end(), form) != c.common_words.end();
    };
    trie_->add(i, c.name, common(c.name));
    for (const auto& a : c.aliases) trie_->add(i, a, common(a));
  }
}

CompanyMatcher::~CompanyMatcher() = default;

std::vector<CompanyMention> CompanyMatcher::find(std::string_view text) const {
  Scan sc(text);
  const auto& tokens = sc.tokens;
  std::vector<CompanyMention> out;
  // Mentions that count only if the article names the same company with better evidence
  // elsewhere: all-caps headline matches and common words without a company cue.
  std::vector<bool> provisional;
  auto add = [&](CompanyMention m, bool needs_confirmation) {
    out.push_back(std::move(m));
    provisional.push_back(needs_confirmation);
  };
  auto known = [&](std::string_view name) { return gazetteer_.canonical(name); };

  // 1. Reuters' "Name <TICKER>" and "Name Inc <TICKER>": the strongest company cue there is.
  std::unordered_map<std::string, std::string> by_ticker;  // ticker -> company (body spelling)
  struct HeadlineTicker {
    std::string ticker, name;
    std::size_t b, e;
  };
  std::vector<HeadlineTicker> headline_tickers;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (const std::size_t be = bracketed_name_end(sc, i)) {
      // Reuters writes unlisted companies in brackets: "<I P Sharp Associates Ltd>".
      const std::size_t e = strip_trailing(sc, i + 1, be - 1);
      if (e == i + 1) continue;
      const std::string full = sc.span(i + 1, be - 1), name = sc.span(i + 1, e);
      for (std::size_t k = i; k < be; ++k) sc.in_match[k] = true;
      const std::string shown = sc.in_caps_line(i) ? headline_case(sc, i + 1, e) : name;
      if (auto c = known(full); c || (c = known(name))) {
        add({*c, full, tokens[i + 1].offset, false, "name in brackets"}, false);
      } else if (acceptable_discovery(sc, i + 1, e, true)) {
        add({shown, full, tokens[i + 1].offset, true, "name in brackets"}, false);
      }
      continue;
    }
    const std::size_t te = ticker_end(sc, i);
    if (te == 0) continue;
    const std::string ticker = sc.span(i + 1, te - 1);
    bool cut = false;
    std::size_t b = name_start(sc, i, cut);
    if (b >= i) continue;
    b = skip_headline_words(sc, b, i);
    std::size_t e = i;
    // "MCLEAN'S <MII> U.S. LINES": the headline's possessive is not part of the name.
    if (e >= b + 3 && lower(tokens[e - 1].text) == "s" &&
        (tokens[e - 2].text == "'" || tokens[e - 2].text == "\xE2\x80\x99"))
      e -= 2;
    e = strip_trailing(sc, b, e);
    if (e == b) continue;
    for (std::size_t k = b; k < te; ++k) sc.in_match[k] = true;
    const std::string full = sc.span(b, i), name = sc.span(b, e);
    const std::string why = "name before the ticker <" + ticker + ">";
    if (auto c = known(full); c || (c = known(name))) {
      add({*c, full, tokens[b].offset, false, why}, false);
      by_ticker.emplace(ticker, *c);
    } else if (sc.in_caps_line(b)) {
      headline_tickers.push_back({ticker, name, b, e});
    } else if (!cut && acceptable_discovery(sc, b, e)) {
      add({name, full, tokens[b].offset, true, why}, false);
      by_ticker.emplace(ticker, name);
    }
  }
  // 2. Gazetteer names and aliases, longest first.
  for (std::size_t i = 0; i < tokens.size();) {
    if (sc.in_match[i]) {
      ++i;
      continue;
    }
    std::size_t best_end = 0;
    const Trie::Alias* best = nullptr;
    std::string why;
    bool best_provisional = false;
    std::size_t node = 0;
    for (std::size_t j = i; j < tokens.size() && !sc.in_match[j]; ++j) {
      const auto it = trie_->nodes[node].next.find(lower(tokens[j].text));
      if (it == trie_->nodes[node].next.end()) break;
      node = it->second;
      for (const std::size_t ai : trie_->nodes[node].aliases) {
        const auto& alias = trie_->all[ai];
        bool exact = true;
        for (std::size_t k = 0; k < alias.tokens.size(); ++k) {
          if (tokens[i + k].text != alias.tokens[k]) exact = false;
        }
        const bool suffix_after = j + 1 < tokens.size() && is_corporate_suffix(tokens[j + 1].text);
        // In a list ("Microsoft and Meta", "Apple, Nvidia and AMD") a neighbour vouches.
        const bool listed =
            (i >= 2 && sc.in_match[i - 2] &&
             (tokens[i - 1].text == "," || tokens[i - 1].text == "and")) ||
            (j + 2 < tokens.size() && (tokens[j + 1].text == "," || tokens[j + 1].text == "and") &&
             tokens[j + 2].word && is_capitalised(tokens[j + 2].text) && !tokens[j + 2].line_start);
        const bool cue =
            suffix_after || listed || sc.sentence_cue[sc.sentence_of[i]] || sc.possessive_at(j + 1);
        std::string rule;
        bool needs_confirmation = false;
        if (alias.all_caps) {
          if (!exact) continue;
          // "5 MS" is five milliseconds.
          if (i > 0 && std::isdigit(static_cast<unsigned char>(tokens[i - 1].text.back())))
            continue;
          rule = "all-caps alias, exact";
        } else if (alias.common_word) {
          if (!exact) continue;
          const bool after_ordinary = j + 1 < tokens.size() &&
                                      company_words::is_ordinary_sense_after(tokens[j + 1].text) &&
                                      !sc.possessive_at(j + 1);
          const bool before_ordinary =
              i > 0 && company_words::is_ordinary_sense_before(tokens[i - 1].text);
          // "Harrison Ford": a capitalised word right before, mid-sentence, is a first name.
          const bool person = i > 0 && sc.adjacent(i) && tokens[i - 1].word &&
                              is_capitalised(tokens[i - 1].text) && !sc.sentence_start(i - 1) &&
                              !sc.in_match[i - 1] && !sc.in_caps_line(i);
          if (after_ordinary || before_ordinary || person) continue;
          needs_confirmation = !cue;
          rule = cue ? "common word with a company cue in its sentence"
                     : "common word without a cue (kept only if the article names the company "
                       "unambiguously elsewhere)";
        } else {
          if (is_capitalised(alias.tokens[0]) && !is_capitalised(tokens[i].text)) continue;
          rule = exact ? "exact" : "case-insensitive";
        }
        if (sc.in_caps_line(i) && !suffix_after) {
          needs_confirmation = true;
          rule = "in a capitals line (kept only if the article names the company elsewhere)";
        }
        if (j + 1 > best_end) {
          best_end = j + 1;
          best = &alias;
          why = rule;
          best_provisional = needs_confirmation;
        }
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    const auto& company = gazetteer_.companies()[best->company];
    add({company.name, sc.span(i, best_end), tokens[i].offset, false,
         (best->form == company.name ? "name" : "alias '" + best->form + "'") + std::string(", ") +
             why},
        best_provisional);
    for (std::size_t k = i; k < best_end; ++k) sc.in_match[k] = true;
    i = best_end;
  }

  // 3. Discovery: capitalised words right before a corporate suffix.
  for (std::size_t s = 1; s < tokens.size(); ++s) {
    if (sc.in_match[s] || !tokens[s].word || !is_corporate_suffix(tokens[s].text)) continue;
    if (s + 1 < tokens.size() && tokens[s + 1].text == "-") continue;  // "Co-founder"
    if (sc.in_match[s - 1]) continue;  // "Hyundai Motor Group": the known company counts
    bool cut = false;
    std::size_t b = name_start(sc, s, cut);
    // "Moody's Investors Service Inc": a fragment of the known name before it.
    if (cut) continue;
    // "Delta Trust Holdings Inc" after a match of "Delta": the known name is the start of a
    // longer one, which names another company (or, when the gazetteer knows it, that one).
    std::size_t kb = b;
    while (kb > 0 && sc.in_match[kb - 1] && tokens[kb - 1].word && sc.adjacent(kb)) --kb;
    if (kb < b) {
      const std::string longer = sc.span(kb, strip_trailing(sc, kb, s));
      const auto replaced = std::find_if(out.begin(), out.end(), [&](const CompanyMention& m) {
        return m.offset == tokens[kb].offset && !m.discovered;
      });
      if (replaced == out.end()) continue;  // inside a ticker or bracket name
      const auto c = known(longer);
      if (!c && !acceptable_discovery(sc, kb, s)) continue;
      provisional.erase(provisional.begin() + (replaced - out.begin()));
      out.erase(replaced);
      add({c.value_or(longer), sc.span(kb, s + 1), tokens[kb].offset, !c,
           "name before the corporate suffix '" + std::string(tokens[s].text) + "'"},
          false);
      continue;
    }
    b = skip_headline_words(sc, b, s);
    while (b < s && (!tokens[b].word || is_corporate_suffix(tokens[b].text))) ++b;
    if (b == s) continue;  // nothing but suffixes ("Co Inc")
    const bool keep_suffix = tokens[s].text == "Group" || tokens[s].text == "Holdings";
    const std::size_t end = keep_suffix ? s + 1 : strip_trailing(sc, b, s);
    if (end == b) continue;
    const std::string name = sc.span(b, end);
    if (const auto c = known(name)) {
      add({*c, name, tokens[b].offset, false, "name before a corporate suffix"}, false);
      continue;
    }
    if (!acceptable_discovery(sc, b, s)) continue;
    add({name, name + " " + std::string(tokens[s].text), tokens[b].offset, true,
         "capitalised name before the corporate suffix '" + std::string(tokens[s].text) + "'"},
        false);
  }

  // 4. A headline's "GENCORP <GY>" is the company the body calls "GenCorp Inc <GY>", or
  // names "GenCorp" otherwise; a headline-only name is written in title case.
  for (const auto& h : headline_tickers) {
    std::string name;
    if (const auto it = by_ticker.find(h.ticker); it != by_ticker.end()) name = it->second;
    for (std::size_t k = 0; name.empty() && k < out.size(); ++k) {
      if (lower(out[k].company).rfind(lower(h.name), 0) == 0) name = out[k].company;
    }
    // The body's spelling of the name, or of its end ("SEEKS CYCLOPS" -> "Cyclops").
    for (std::size_t from = h.b; name.empty() && from < h.e; ++from) {
      const std::size_t n = h.e - from;
      if (!tokens[from].word) continue;
      for (std::size_t k = 0; name.empty() && k + n <= tokens.size(); ++k) {
        if (sc.in_caps_line(k) || !has_lower(tokens[k].text) || !is_capitalised(tokens[k].text))
          continue;
        std::size_t m = 0;
        while (m < n && lower(tokens[k + m].text) == lower(tokens[from + m].text)) ++m;
        if (m == n && (known(sc.span(k, k + n)) || acceptable_discovery(sc, k, k + n)))
          name = sc.span(k, k + n);
      }
    }
    // A name that opens the headline ("TOLL BROTHERS INC <TOL> 1ST QTR NET") stands alone.
    if (name.empty() && !tokens[h.b].line_start) continue;
    if (name.empty()) name = headline_case(sc, h.b, h.e);
    const bool discovered = !known(name);
    if (discovered && !acceptable_discovery(sc, h.b, h.e, true)) continue;
    add({known(name).value_or(name), h.name, tokens[h.b].offset, discovered,
         "headline name before <" + h.ticker + ">"},
        false);
  }

  // 5. Provisional mentions stand only beside a confirmed mention of the same company.
  std::unordered_set<std::string> confirmed;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (!provisional[k]) confirmed.insert(out[k].company);
  }
  std::vector<CompanyMention> kept;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (!provisional[k] || confirmed.count(out[k].company)) kept.push_back(std::move(out[k]));
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto& a, const auto& b) { return a.offset < b.offset; });
  return kept;
}

namespace {
std::vector<std::string> distinct(const std::vector<CompanyMention>& mentions, bool discovered) {
  std::vector<std::string> out;
  for (const auto& m : mentions) {
    if (m.discovered != discovered) continue;
    if (std::find(out.begin(), out.end(), m.company) == out.end()) out.push_back(m.company);
  }
  return out;
}
}  // namespace

std::vector<std::string> known_companies(const std::vector<CompanyMention>& mentions) {
  return distinct(mentions, false);
}
std::vector<std::string> discovered_companies(const std::vector<CompanyMention>& mentions) {
  return distinct(mentions, true);
}

}  // namespace newsdex
