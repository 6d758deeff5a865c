#include "indexer/extract/company_scan.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "indexer/extract/company_words.h"

namespace newsdex::company_scan {

using company_words::is_corporate_suffix;
using company_words::is_name_stopword;

namespace {
bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Typographic quotes and dashes (U+2013, U+2014, U+2018, U+2019, U+201C, U+201D) are
// punctuation, although their UTF-8 bytes are above 0x7F.
bool is_typographic_punct(std::string_view s, std::size_t i) {
  if (i + 3 > s.size() || s[i] != '\xE2' || s[i + 1] != '\x80') return false;
  const auto c = static_cast<unsigned char>(s[i + 2]);
  return c == 0x93 || c == 0x94 || c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D;
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

}  // namespace

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

bool is_all_caps_word(std::string_view w) { return has_letters(w) && !has_lower(w); }

Scan::Scan(std::string_view s)
    : text(s), tokens(tokenize(s)), caps_line(capitals_lines(s)), title_line(title_case_lines(s)) {
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

std::string Scan::span(std::size_t b, std::size_t e) const {
  const std::size_t end = tokens[e - 1].offset + tokens[e - 1].text.size();
  return ::newsdex::text::squeeze_spaces(text.substr(tokens[b].offset, end - tokens[b].offset));
}

std::size_t bracketed_name_end(const Scan& sc, std::size_t i) {
  if (sc.tokens[i].text != "<" || i + 2 >= sc.tokens.size()) return 0;
  const auto& first = sc.tokens[i + 1];
  if (!first.word || !is_capitalised(first.text)) return 0;
  bool name_like = false;  // lower-case letters, or a word of 5+ letters: not a ticker
  for (std::size_t k = i + 1; k < sc.tokens.size() && k <= i + 14; ++k) {
    if (sc.line_of[k] > sc.line_of[i] + 1) return 0;
    if (sc.tokens[k].text == ">") return name_like ? k + 1 : 0;
    if (sc.tokens[k].text == "<") return 0;
    name_like = name_like || has_lower(sc.tokens[k].text) ||
                (sc.tokens[k].word && sc.tokens[k].text.size() >= 5);
  }
  return 0;
}

std::string headline_case(const Scan& sc, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t k = b; k < e; ++k) {
    const auto t = sc.tokens[k].text;
    if (k > b && !(sc.tokens[k - 1].offset + sc.tokens[k - 1].text.size() == sc.tokens[k].offset))
      out += ' ';
    std::string w = lower(t);
    if (w != "of" && w != "and" && w != "the") {
      if (t.size() <= 3 && sc.tokens[k].word) {
        w = std::string(t);
      } else if (!w.empty()) {
        w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
      }
    }
    out += w;
  }
  return out;
}

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
    if (sc.in_match[k] || (sc.line_of[k] != sc.line_of[k + 1] && !sc.soft_wrap(k))) break;
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
    if (!sc.adjacent(k + 1) && !sc.soft_wrap(k) && k + 1 < e) break;  // more than one space
    b = k;
  }
  if (b > 0 && b < e && sc.line_of[b - 1] != sc.line_of[b] && !sc.soft_wrap(b - 1) &&
      sc.tokens[b - 1].word && is_capitalised(sc.tokens[b - 1].text) &&
      !sc.caps(sc.line_of[b - 1])) {
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

// The end of a name without the suffixes and joiners it ends with ("Merrill Lynch and Co").
std::size_t strip_trailing(const Scan& sc, std::size_t b, std::size_t e) {
  while (e > b) {
    const auto t = sc.tokens[e - 1].text;
    if (sc.tokens[e - 1].word && !is_corporate_suffix(t) && t != "and" && t != "of") break;
    --e;
  }
  return e;
}

// False for what a discovered name may not be: a lone generic word or place, only generic
// words and places, a government body or international organisation, or all capitals.
bool acceptable_discovery(const Scan& sc, std::size_t b, std::size_t e, bool from_headline) {
  std::size_t words = 0, fragment_words = 0;
  bool specific = false;
  for (std::size_t k = b; k < e; ++k) {
    const auto t = sc.tokens[k].text;
    if (!sc.tokens[k].word || t == "and" || t == "of" || t == "de") continue;
    ++words;
    if (!company_words::is_generic_or_place(t) && !is_corporate_suffix(t)) specific = true;
    if (company_words::is_fragment_word(t)) ++fragment_words;
  }
  // A lone generic word or place, or only words that end longer names ("Loan Insurance").
  if ((words == 1 && !specific) || fragment_words == words) return false;
  if (company_words::is_public_body(sc.span(b, e))) return false;
  return from_headline || !sc.in_caps_line(b);
}

}  // namespace newsdex::company_scan
