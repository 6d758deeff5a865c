#include "indexer/extract/companies.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "indexer/extract/company_scan.h"
#include "indexer/extract/company_words.h"

namespace newsdex {

namespace {

using company_scan::acceptable_discovery;
using company_scan::has_lower;
using company_scan::is_capitalised;
using company_scan::legal_suffix_end;
using company_scan::lower;
using company_scan::name_goes_on;
using company_scan::name_tail_end;
using company_scan::Scan;
using company_scan::strip_trailing;
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
  // Names and aliases, for finding a misspelt one.
  company_words::MisspellingIndex near;

  // Whether `word` alone is an alias.
  bool single_word(std::string_view word) const {
    const auto it = nodes[0].next.find(lower(word));
    return it != nodes[0].next.end() && !nodes[it->second].aliases.empty();
  }

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
    trie_->near.add(i, c.name);
    for (const auto& a : c.aliases) {
      trie_->add(i, a, common(a));
      trie_->near.add(i, a);
    }
  }
}

CompanyMatcher::~CompanyMatcher() = default;

namespace {

// One company, one value (company_words::variant_of): a discovered name that the article
// also writes in full takes that name.
void merge_variants(std::vector<CompanyMention>& mentions, const Scan& sc) {
  std::vector<company_words::NameCount> values;
  const auto value_of = [&](const std::string& name) {
    return std::find_if(values.begin(), values.end(),
                        [&](const auto& v) { return v.name == name; });
  };
  for (const auto& m : mentions) {
    if (const auto it = value_of(m.company); it != values.end()) {
      ++it->count;
    } else {
      values.push_back({m.company, m.discovered, 1});
    }
  }
  const auto target = company_words::variant_of(values, [&](std::string_view word) {
    return static_cast<std::size_t>(std::count_if(
        sc.tokens.begin(), sc.tokens.end(), [&](const auto& t) { return lower(t.text) == word; }));
  });
  for (auto& m : mentions) {
    const auto& t = values[target[static_cast<std::size_t>(value_of(m.company) - values.begin())]];
    if (t.name == m.company) continue;
    m.company = t.name;
    m.discovered = t.discovered;
    m.why += " (the article's name for it: " + t.name + ")";
  }
}
}  // namespace

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
  // A name the gazetteer knows, also without the "Group" or "Holdings" it ends with.
  auto known = [&](std::string_view name) {
    auto c = gazetteer_.canonical(name);
    for (const std::string_view end : {" Group", " Holdings"}) {
      if (!c && name.size() > end.size() && name.substr(name.size() - end.size()) == end)
        c = gazetteer_.canonical(name.substr(0, name.size() - end.size()));
    }
    return c;
  };
  // "Zenith and Microsoft Corp", "U.S. Group F.W. Woolworth <Z>": a known name that ends the
  // words before a ticker or suffix, after another party or a country's initials, is that one.
  auto known_tail = [&](std::size_t b, std::size_t e) -> std::pair<std::size_t, std::string> {
    const bool initials = e > b + 2 && tokens[b + 1].text == "." && tokens[b].text.size() == 1;
    for (std::size_t k = b + 1; k < e; ++k) {
      if (!(initials || (tokens[k - 1].text == "and" || tokens[k - 1].text == "&"))) continue;
      if (!tokens[k].word || !is_capitalised(tokens[k].text)) continue;
      if (auto c = known(sc.span(k, e))) return {k, *c};
    }
    return {e, ""};
  };

  // 1. Reuters' "Name <TICKER>" and "Name Inc <TICKER>": the strongest company cue there is.
  std::unordered_map<std::string, std::string> by_ticker;  // ticker -> company (body spelling)
  struct HeadlineTicker {
    std::string ticker, name;
    std::size_t b, e;
  };
  std::vector<HeadlineTicker> headline_tickers;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (const std::size_t be = bracketed_name_end(sc, i)) {
      // Reuters writes unlisted companies in brackets: "<I P Sharp Associates Ltd>".
      const std::size_t e = strip_trailing(sc, i + 1, be - 1);
      if (e == i + 1) continue;
      const std::string full = sc.span(i + 1, be - 1), name = sc.span(i + 1, e);
      for (std::size_t k = i; k < be; ++k) sc.in_match[k] = true;
      const std::string shown =
          sc.in_caps_line(i) ? company_words::headline_case(sc.span(i + 1, e)) : name;
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
    // "Alex. Brown and Sons Inc <ABSB>": a gazetteer name that starts a little earlier.
    for (std::size_t k = b > 3 ? b - 3 : 0; k < b; ++k) {
      if (tokens[k].word && !sc.in_match[k] && sc.line_of[k] == sc.line_of[b] &&
          known(sc.span(k, e))) {
        b = k;
        break;
      }
    }
    for (std::size_t k = b; k < te; ++k) sc.in_match[k] = true;
    const std::string full = sc.span(b, i), name = sc.span(b, e);
    const std::string why = "name before the ticker <" + ticker + ">";
    if (auto c = known(full); c || (c = known(name))) {
      add({*c, full, tokens[b].offset, false, why}, false);
      by_ticker.emplace(ticker, *c);
    } else if (const auto [k, tail] = known_tail(b, e); k < e) {
      add({tail, sc.span(k, i), tokens[k].offset, false, why}, false);
      by_ticker.emplace(ticker, tail);
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
      // "Orange-Co", "Charter-Crellin": one word of a hyphenated name is not the company,
      // unless the other is a company too ("GM-Toyota").
      const auto word = [&](std::size_t k) {
        return tokens[k].word && !trie_->single_word(tokens[k].text);
      };
      const bool glued_after = j + 2 < tokens.size() && tokens[j + 1].text == "-" && sc.tight(j) &&
                               sc.tight(j + 1) && word(j + 2);
      const bool glued_before =
          i >= 2 && tokens[i - 1].text == "-" && sc.tight(i - 2) && sc.tight(i - 1) && word(i - 2);
      if (j == i && (glued_after || glued_before)) continue;
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

  // 3. Discovery: capitalised words before a legal suffix ("Inc", "S.p.A.", "A/S"), or
  // ending in "Group", "Holdings" or a word that ends company names ("Bancorp", "Royalty
  // Trust", "Savings and Loan Association", "Bank of Braman").
  for (std::size_t s = 1; s < tokens.size(); ++s) {
    if (sc.in_match[s] || !tokens[s].word) continue;
    const std::size_t suffix_end = legal_suffix_end(sc, s);
    const bool bank_of = tokens[s].text == "Bank" && s + 2 < tokens.size() &&
                         tokens[s + 1].text == "of" && is_capitalised(tokens[s + 2].text);
    const bool kept_anchor =
        suffix_end == 0 && (tokens[s].text == "Group" || tokens[s].text == "Holdings" || bank_of ||
                            (is_capitalised(tokens[s].text) &&
                             company_words::is_name_end_word(tokens[s].text, tokens[s - 1].text)));
    if (suffix_end == 0 && !kept_anchor) continue;
    if (s + 1 < tokens.size() && tokens[s + 1].text == "-") continue;  // "Co-founder"
    const std::size_t fe = name_tail_end(sc, suffix_end != 0 ? suffix_end : s + 1, bank_of);
    // "Dart Group Corp", "Colonial Bancorp Inc": the suffix after decides.
    if (kept_anchor && (name_goes_on(sc, fe) || sc.in_match[s - 1])) continue;
    if (!kept_anchor && name_goes_on(sc, fe, true)) continue;
    const std::size_t e = kept_anchor ? s + 1 : s;
    const std::string why =
        (kept_anchor ? "capitalised name ending in '" : "capitalised name before the suffix '") +
        sc.span(s, suffix_end != 0 ? suffix_end : s + 1) + "'";
    auto take = [&](std::size_t from, std::string company, bool discovered) {
      for (std::size_t k = from; k < fe; ++k) sc.in_match[k] = true;
      add({std::move(company), sc.span(from, fe), tokens[from].offset, discovered, why}, false);
    };
    // The known mention at token `from` yields to the longer name [from, fe).
    auto replace = [&](std::size_t from, std::vector<CompanyMention>::iterator known_mention) {
      const std::size_t end = strip_trailing(sc, from, fe);
      const auto c = known(sc.span(from, end));
      if (!c && !acceptable_discovery(sc, from, end)) return;
      provisional.erase(provisional.begin() + (known_mention - out.begin()));
      out.erase(known_mention);
      take(from, c.value_or(sc.span(from, end)), !c);
    };
    // A known name right before: the known company counts ("Hyundai Motor Group"), unless the
    // words around make it a unit of its own ("American Hoechst Corp", "Ford Motor Co of
    // Canada Ltd"), which replaces it.
    std::size_t kb = e;
    while (kb > 0 && sc.in_match[kb - 1] && tokens[kb - 1].word && (kb == e || sc.adjacent(kb)))
      --kb;
    const auto replaced = std::find_if(out.begin(), out.end(), [&](const CompanyMention& m) {
      return kb < e && m.offset == tokens[kb].offset && !m.discovered;
    });
    if (kb < e && sc.in_match[e - 1]) {
      const bool nationality =
          kb > 0 && sc.adjacent(kb) && !sc.in_match[kb - 1] && !sc.in_caps_line(kb) &&
          company_words::is_nationality(tokens[kb - 1].text) && is_capitalised(tokens[kb - 1].text);
      const bool of_place = fe > (suffix_end != 0 ? suffix_end : s + 1) &&
                            std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(s),
                                        tokens.begin() + static_cast<std::ptrdiff_t>(fe),
                                        [](const auto& t) { return t.text == "of"; });
      if ((nationality || of_place) && replaced != out.end())
        replace(nationality ? kb - 1 : kb, replaced);
      continue;
    }
    bool cut = false;
    std::size_t b = name_start(sc, e, cut);
    // "Moody's Investors Service Inc": a fragment of the known name before it.
    if (cut) continue;
    // "Delta Trust Holdings Inc" after a match of "Delta": the known name is the start of a
    // longer one, which names another company (or, when the gazetteer knows it, that one).
    kb = b;
    while (kb > 0 && sc.in_match[kb - 1] && tokens[kb - 1].word && sc.adjacent(kb)) --kb;
    if (kb < b) {
      const auto inner = std::find_if(out.begin(), out.end(), [&](const CompanyMention& m) {
        return m.offset == tokens[kb].offset && !m.discovered;
      });
      // Not inside a ticker or bracket name, and not "Lufthansa German Airlines" (Lufthansa).
      const bool nationality =
          std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(b),
                      tokens.begin() + static_cast<std::ptrdiff_t>(s),
                      [](const auto& t) { return company_words::is_nationality(t.text); });
      if (inner != out.end() && !nationality) replace(kb, inner);
      continue;
    }
    b = skip_headline_words(sc, b, e);
    while (b < e && company_words::is_legal_suffix(tokens[b].text)) ++b;
    if (b >= e) continue;  // nothing but suffixes ("Co Inc")
    const std::size_t end = strip_trailing(sc, b, fe);
    if (end <= b) continue;
    const std::string name = sc.span(b, end);
    if (const auto c = known(name)) {
      take(b, *c, false);
      continue;
    }
    if (const auto [k, tail] = known_tail(b, end); k < end) {
      take(k, tail, false);
      continue;
    }
    // Before "Group" or "Bancorp", the words must name a company on their own terms.
    // "Bank of Tokyo": the place makes the name.
    const bool words_before = kept_anchor && !bank_of;
    if (!acceptable_discovery(sc, b, words_before ? s : end)) continue;
    if (words_before &&
        (!names_more_than_places(sc, b, s) || company_words::is_public_body(sc.span(b, end))))
      continue;
    take(b, name, true);
  }

  // 4. A headline's "GENCORP <GY>" is the company the body calls "GenCorp Inc <GY>", or
  // names "GenCorp" otherwise; a headline-only name is written in title case.
  for (const auto& h : headline_tickers) {
    std::string name;
    if (const auto it = by_ticker.find(h.ticker); it != by_ticker.end()) name = it->second;
    for (std::size_t k = 0; name.empty() && k < out.size(); ++k) {
      if (lower(out[k].company).rfind(lower(h.name), 0) == 0) name = out[k].company;
    }
    // A company the article names that the headline's words, or its last ones, abbreviate:
    // "GEN DYNAMICS", "S.ATLANTIC", "MANAGEMENT GROUP HAS RESTAURANT".
    for (std::size_t from = h.b; name.empty() && from < h.e; ++from) {
      for (std::size_t k = 0; name.empty() && k < out.size(); ++k) {
        if (company_words::abbreviates(sc.span(from, h.e), out[k].company)) name = out[k].company;
      }
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
    const bool from_body = !name.empty();
    if (!from_body && !tokens[h.b].line_start) continue;
    if (!from_body) name = company_words::headline_case(sc.span(h.b, h.e));
    const bool discovered = !known(name);
    if (discovered && !from_body && !acceptable_discovery(sc, h.b, h.e, true)) continue;
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
  // 6. A discovered name the gazetteer knows once its commas go ("Dillon, Read"), or that
  // misspells a gazetteer name by one letter, is that company; then one company, one value.
  for (auto& m : kept) {
    if (!m.discovered) continue;
    for (std::size_t p; (p = m.company.find(", ")) != std::string::npos;) m.company.erase(p, 1);
    if (const auto c = known(m.company)) {
      m.company = *c;
      m.discovered = false;
    } else if (const auto k = trie_->near.find(m.company)) {
      m.company = gazetteer_.companies()[*k].name;
      m.discovered = false;
      m.why += " (a misspelling of a gazetteer name)";
    }
  }
  merge_variants(kept, sc);
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
