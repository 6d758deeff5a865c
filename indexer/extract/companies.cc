#include "indexer/extract/companies.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "indexer/extract/company_words.h"

namespace newsdex {

namespace {

struct Token {
  std::string_view text;
  std::size_t offset;
  bool word;        // letters/digits, as opposed to one punctuation character
  bool line_start;  // first token on its line
};

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Typographic quotes and dashes (U+2013, U+2014, U+2018, U+2019, U+201C, U+201D) are
// punctuation, although their UTF-8 bytes are above 0x7F.
bool is_typographic_punct(std::string_view s, std::size_t i) {
  if (i + 3 > s.size() || s[i] != '\xE2' || s[i + 1] != '\x80') return false;
  const auto c = static_cast<unsigned char>(s[i + 2]);
  return c == 0x93 || c == 0x94 || c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  bool line_start = true;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') line_start = true;
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    const bool punct3 = is_typographic_punct(s, i);
    const bool word = !punct3 && is_word_byte(c);
    if (punct3) j = i + 3;
    if (word) {
      while (j < s.size() && is_word_byte(static_cast<unsigned char>(s[j])) &&
             !is_typographic_punct(s, j)) {
        ++j;
      }
    }
    out.push_back({s.substr(i, j - i), i, word, line_start});
    line_start = false;
    i = j;
  }
  return out;
}

std::string lower(std::string_view s) { return text::to_lower_ascii(s); }

bool has_lower(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}
bool has_letters(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}
bool is_capitalised(std::string_view s) {
  return !s.empty() && (std::isupper(static_cast<unsigned char>(s[0])) ||
                        std::isdigit(static_cast<unsigned char>(s[0])));
}

bool is_sentence_end(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == ":" || t == ";" || t == "\"" ||
         t == "\xE2\x80\x9C";
}

// Title-case lines ("Apple Shares Rise As Target Falls") capitalise every word, so a common
// word there is no evidence of a company.
std::vector<bool> title_case_lines(std::string_view s) {
  std::vector<bool> out;
  for (const auto line : text::split(s, '\n')) {
    std::size_t long_words = 0, capitalised = 0;
    for (const auto& t : tokenize(line)) {
      if (!t.word || t.text.size() < 4) continue;
      ++long_words;
      capitalised += is_capitalised(t.text) ? 1 : 0;
    }
    out.push_back(long_words >= 2 && capitalised * 10 >= long_words * 7);
  }
  return out;
}

// All-capitals lines (wire headlines: "BROWN-FORMAN SETS STOCK SPLIT, UPS PAYOUT"): there an
// all-caps alias is no evidence of a company, since every word is in capitals.
std::vector<bool> capitals_lines(std::string_view s) {
  std::vector<bool> out;
  for (const auto line : text::split(s, '\n')) {
    std::size_t upper = 0;
    bool lower = false;
    for (const char c : line) {
      upper += std::isupper(static_cast<unsigned char>(c)) ? 1 : 0;
      lower = lower || std::islower(static_cast<unsigned char>(c));
    }
    out.push_back(!lower && upper >= 4);
  }
  return out;
}

using company_words::is_corporate_suffix;
using company_words::is_name_stopword;

bool is_all_caps_word(std::string_view w) { return has_letters(w) && !has_lower(w); }

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

namespace {

// One text cut into tokens, with what the rules ask about each token's line and sentence.
struct Scan {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<std::size_t> line_of, sentence_of;
  std::vector<bool> caps_line, title_line, sentence_cue;
  std::vector<bool> in_match;

  explicit Scan(std::string_view s)
      : text(s),
        tokens(tokenize(s)),
        caps_line(capitals_lines(s)),
        title_line(title_case_lines(s)) {
    line_of.resize(tokens.size());
    sentence_of.resize(tokens.size());
    in_match.assign(tokens.size(), false);
    std::size_t line = 0, pos = 0, sentence = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::size_t breaks = 0;
      for (; pos < tokens[i].offset; ++pos) breaks += text[pos] == '\n' ? 1 : 0;
      const std::size_t prev_line = line;
      line += breaks;
      line_of[i] = line;
      if (i > 0) {
        // A new sentence: after . ! ? (not after an abbreviation such as "Inc." or "U.S."),
        // at a paragraph break, and on each headline or title-case line.
        const bool headline = caps(prev_line) || caps(line) || title(prev_line) || title(line);
        const bool stop =
            is_sentence_end(tokens[i - 1].text) &&
            (i < 2 || !(tokens[i - 2].text.size() <= 2 || is_corporate_suffix(tokens[i - 2].text) ||
                        tokens[i - 2].text == "Mr" || tokens[i - 2].text == "Ms"));
        if (breaks >= 2 || (breaks >= 1 && headline) || stop) ++sentence;
      }
      sentence_of[i] = sentence;
      pos = tokens[i].offset + tokens[i].text.size();
    }
    sentence_cue.assign(sentence + 1, false);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].word && company_words::is_company_cue(tokens[i].text))
        sentence_cue[sentence_of[i]] = true;
    }
  }
  bool caps(std::size_t line) const { return line < caps_line.size() && caps_line[line]; }
  bool title(std::size_t line) const { return line < title_line.size() && title_line[line]; }
  bool in_caps_line(std::size_t i) const { return caps(line_of[i]); }
  bool sentence_start(std::size_t i) const {
    return i == 0 || sentence_of[i] != sentence_of[i - 1] || tokens[i].line_start ||
           title(line_of[i]);
  }
  // Tokens i-1 and i are on one line with at most one space between them.
  bool adjacent(std::size_t i) const {
    return i > 0 && line_of[i - 1] == line_of[i] &&
           tokens[i - 1].offset + tokens[i - 1].text.size() + 1 >= tokens[i].offset;
  }
  std::string span(std::size_t b, std::size_t e) const {  // tokens [b, e), spaces squeezed
    const std::size_t end = tokens[e - 1].offset + tokens[e - 1].text.size();
    return text::squeeze_spaces(text.substr(tokens[b].offset, end - tokens[b].offset));
  }
  bool possessive_at(std::size_t k) const {
    return k + 1 < tokens.size() && (tokens[k].text == "'" || tokens[k].text == "\xE2\x80\x99") &&
           tokens[k + 1].text == "s";
  }
};

// Where a "<TICKER>" (Reuters' notation) starts at token `i`: the index one past its '>'.
std::size_t ticker_end(const Scan& sc, std::size_t i) {
  if (sc.tokens[i].text != "<") return 0;
  for (std::size_t k = i + 1; k < sc.tokens.size() && k <= i + 6; ++k) {
    const auto t = sc.tokens[k].text;
    if (t == ">") return k > i + 1 ? k + 1 : 0;
    const bool ok = t == "." || (sc.tokens[k].word && !has_lower(t));
    if (!ok || sc.line_of[k] != sc.line_of[i]) return 0;
  }
  return 0;
}

// The start of the name written right before token `e` ("Brown-Forman Inc" before <BFD>):
// capitalised words, joined by & - ' . and lower-case "and"/"of"/"de", on one line.
// `cut` is set when the name goes on from the line before (a wrapped line).
std::size_t name_start(const Scan& sc, std::size_t e, bool& cut) {
  std::size_t b = e;
  cut = false;
  while (b > 0 && e - b < 8) {
    const std::size_t k = b - 1;
    const auto t = sc.tokens[k].text;
    if (sc.in_match[k] || sc.line_of[k] != sc.line_of[e - 1]) break;
    // "Brown-Forman", "Moody's": punctuation joins a name only when written without spaces.
    const bool tight =
        sc.tokens[k - (k > 0 ? 1 : 0)].offset + sc.tokens[k - (k > 0 ? 1 : 0)].text.size() ==
            sc.tokens[k].offset &&
        sc.tokens[k].offset + t.size() == sc.tokens[k + 1].offset;
    const bool joiner = t == "&" || t == "and" || t == "of" || t == "de" || t == "du" ||
                        (tight && (t == "-" || t == "'" || t == "." || t == "\xE2\x80\x99"));
    if (joiner && b < e && k > 0 && sc.tokens[k - 1].word &&
        is_capitalised(sc.tokens[k - 1].text) && sc.line_of[k - 1] == sc.line_of[k] &&
        !is_name_stopword(sc.tokens[k - 1].text)) {
      b = k;
      continue;
    }
    if (!sc.tokens[k].word || !is_capitalised(t) || is_name_stopword(t)) break;
    if (!sc.adjacent(k + 1) && k + 1 < e) break;  // more than one space
    b = k;
  }
  if (b > 0 && b < e && sc.line_of[b - 1] != sc.line_of[b] && sc.tokens[b - 1].word &&
      is_capitalised(sc.tokens[b - 1].text) && !sc.caps(sc.line_of[b - 1])) {
    cut = true;
  }
  while (b < e && !sc.tokens[b].word) ++b;  // no name starts with punctuation
  return b;
}

// Headline words before a name ("CRUDE PRICES Diamond Shamrock"): all-caps words that
// precede a word with lower-case letters are not part of it.
std::size_t skip_headline_words(const Scan& sc, std::size_t b, std::size_t e) {
  std::size_t k = b;
  while (k < e && (!sc.tokens[k].word || is_all_caps_word(sc.tokens[k].text))) ++k;
  if (k < e && has_lower(sc.tokens[k].text) && k > b) return k;
  return b;
}

// False for what a discovered name may not be: a lone generic word or place, only generic
// words and places, a government body or international organisation, or all capitals.
bool acceptable_discovery(const Scan& sc, std::size_t b, std::size_t e) {
  bool specific = false;
  for (std::size_t k = b; k < e; ++k) {
    const auto t = sc.tokens[k].text;
    if (!sc.tokens[k].word || t == "and" || t == "of" || t == "de") continue;
    if (!company_words::is_generic_or_place(t) && !is_corporate_suffix(t)) specific = true;
  }
  if (!specific) return false;
  if (company_words::is_public_body(sc.span(b, e))) return false;
  for (std::size_t k = b; k < e; ++k) {
    if (sc.tokens[k].word && has_lower(sc.tokens[k].text)) return true;
  }
  return sc.span(b, e).size() <= 4 ? false : !sc.in_caps_line(b);
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
  auto known = [&](std::string_view name) { return gazetteer_.canonical(name); };

  // 1. Reuters' "Name <TICKER>" and "Name Inc <TICKER>": the strongest company cue there is.
  std::unordered_map<std::string, std::string> by_ticker;  // ticker -> company (body spelling)
  struct HeadlineTicker {
    std::string ticker, name;
    std::size_t b, offset;
  };
  std::vector<HeadlineTicker> headline_tickers;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const std::size_t te = ticker_end(sc, i);
    if (te == 0) continue;
    const std::string ticker = sc.span(i + 1, te - 1);
    bool cut = false;
    std::size_t b = name_start(sc, i, cut);
    if (b >= i) continue;
    b = skip_headline_words(sc, b, i);
    std::size_t e = i;
    while (e > b && (!tokens[e - 1].word || is_corporate_suffix(tokens[e - 1].text))) --e;
    if (e == b) continue;
    for (std::size_t k = b; k < te; ++k) sc.in_match[k] = true;
    const std::string full = sc.span(b, i), name = sc.span(b, e);
    const std::string why = "name before the ticker <" + ticker + ">";
    if (auto c = known(full); c || (c = known(name))) {
      add({*c, full, tokens[b].offset, false, why}, false);
      by_ticker.emplace(ticker, *c);
    } else if (sc.in_caps_line(b)) {
      headline_tickers.push_back({ticker, name, b, tokens[b].offset});
    } else if (!cut && acceptable_discovery(sc, b, e)) {
      add({name, full, tokens[b].offset, true, why}, false);
      by_ticker.emplace(ticker, name);
    }
  }
  // A headline's "GENCORP <GY>" is the company the body calls "GenCorp Inc <GY>".
  for (const auto& h : headline_tickers) {
    const auto it = by_ticker.find(h.ticker);
    if (it == by_ticker.end()) continue;
    const bool discovered = !known(it->second);
    add({it->second, h.name, h.offset, discovered, "headline name before <" + h.ticker + ">"},
        false);
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
    const bool fragment =
        b > 0 && b < s && (sc.in_match[b - 1] || sc.tokens[b - 1].text == "s") && sc.adjacent(b);
    if (cut || fragment) continue;
    b = skip_headline_words(sc, b, s);
    while (b < s && (!tokens[b].word || is_corporate_suffix(tokens[b].text))) ++b;
    if (b == s) continue;  // nothing but suffixes ("Co Inc")
    const bool keep_suffix = tokens[s].text == "Group" || tokens[s].text == "Holdings";
    const std::size_t end = keep_suffix ? s + 1 : s;
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

  // 4. Provisional mentions stand only beside a confirmed mention of the same company.
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
