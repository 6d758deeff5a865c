#include "indexer/extract/company_scan.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "indexer/extract/company_words.h"

namespace newsdex::company_scan {

using company_words::is_corporate_suffix;
using company_words::is_name_particle;
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
    : text(s),
      tokens(tokenize(s)),
      caps_line(company_words::capitals_lines(s)),
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

std::string Scan::span(std::size_t b, std::size_t e) const {
  const std::size_t end = tokens[e - 1].offset + tokens[e - 1].text.size();
  return ::newsdex::text::squeeze_spaces(text.substr(tokens[b].offset, end - tokens[b].offset));
}

std::size_t bracketed_name_end(const Scan& sc, std::size_t i) {
  if (sc.tokens[i].text != "<" || i + 2 >= sc.tokens.size()) return 0;
  const auto& first = sc.tokens[i + 1];
  if (!first.word || !is_capitalised(first.text)) return 0;
  // Lower-case letters, or two words of which one has 5+ letters: not a ticker ("<STVTF>").
  bool lower_case = false, long_word = false;
  std::size_t words = 0;
  for (std::size_t k = i + 1; k < sc.tokens.size() && k <= i + 14; ++k) {
    if (sc.line_of[k] > sc.line_of[i] + 1) return 0;
    if (sc.tokens[k].text == ">") return lower_case || (long_word && words >= 2) ? k + 1 : 0;
    if (sc.tokens[k].text == "<") return 0;
    lower_case = lower_case || has_lower(sc.tokens[k].text);
    long_word = long_word || (sc.tokens[k].word && sc.tokens[k].text.size() >= 5);
    words += sc.tokens[k].word && sc.tokens[k].text.size() >= 2 ? 1 : 0;
  }
  return 0;
}

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

namespace {
// Tokens k and k+1 are on one line, or on two lines of one paragraph; the last token is joined
// to the end of the text (no line break comes between).
bool joined(const Scan& sc, std::size_t k) {
  if (k + 1 >= sc.line_of.size()) return true;
  return sc.line_of[k] == sc.line_of[k + 1] || sc.soft_wrap(k);
}
bool is_single_capital(std::string_view t) {
  return t.size() == 1 && std::isupper(static_cast<unsigned char>(t[0]));
}
bool is_number(std::string_view t) {
  return std::all_of(t.begin(), t.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}
// A word that can be part of a name: capitalised (a number alone is not), not a stopword.
bool is_name_word(const Scan& sc, std::size_t k) {
  const auto t = sc.tokens[k].text;
  if (is_single_capital(t) && sc.tight(k) && sc.tokens[k + 1].text == ".") return true;  // "A."
  return sc.tokens[k].word && is_capitalised(t) && !is_number(t) && !is_name_stopword(t);
}
bool is_and(std::string_view t) { return t == "and" || t == "&"; }

// Name words in [b, e), not counting legal suffixes; `specific` says whether one of them is
// more than a generic word or place ("Jenrette" in "Jenrette Securities").
std::size_t count_name_words(const Scan& sc, std::size_t b, std::size_t e, bool& specific) {
  std::size_t n = 0;
  specific = false;
  for (std::size_t k = b; k < e; ++k) {
    const auto t = sc.tokens[k].text;
    if (!sc.tokens[k].word || is_name_particle(t) || company_words::is_legal_suffix(t)) continue;
    ++n;
    if (!company_words::is_generic_or_place(t) && t.size() > 1) specific = true;
  }
  return n;
}

// Whether "and" at k joins the name words before it to the name [k+1, e) after it. "Procter
// and Gamble", "Pacific Gas and Electric", "Savings and Loan Association", "Evans and Sutherland
// Computer" are one name; "Wagner and Brown and AFG Industries" and "Asher Edelman and Dominion
// Textile" are two parties, the second a company of two words or more with a specific one,
// after a name of two words or more or written as an acronym.
bool and_joins(const Scan& sc, std::size_t k, std::size_t e) {
  bool specific = false;
  const std::size_t right = count_name_words(sc, k + 1, e, specific);
  // "Alcan, Inco and Noranda Inc": the last of a list.
  std::size_t l = k;
  while (l > 0 && k - l < 3 && is_name_word(sc, l - 1)) --l;
  if (specific && l > 0 && l < k && sc.tokens[l - 1].text == ",") return false;
  // "U.S. Airlines and Japanese Banks", "SCI Holdings and Gillett Holdings": a name that ends
  // before "and".
  if (is_corporate_suffix(sc.tokens[k - 1].text)) return false;
  if (company_words::is_name_end_word(sc.tokens[k - 1].text,
                                      k >= 2 ? sc.tokens[k - 2].text : std::string_view()))
    return false;
  if (right <= 1 || !specific) return true;
  if (is_all_caps_word(sc.tokens[k + 1].text) && sc.tokens[k + 1].text.size() >= 2 &&
      !sc.in_caps_line(k + 1))
    return false;
  std::size_t left = 0;  // name words before "and", through "of" ("Mellon Bank of Pittsburgh")
  for (std::size_t j = k; j > 0 && !sc.in_match[j - 1] && (j == k || sc.adjacent(j)); --j) {
    if (is_name_word(sc, j - 1)) {
      ++left;
    } else if (sc.tokens[j - 1].text != "of") {
      break;
    }
  }
  return left <= 1;
}

// Whether "of" at k joins: after an institution word ("Bank of Braman", "Corp of America") or
// before a place ("Richardson Greenshields of Canada"); not "Millard Phelps of Hambrecht".
bool of_joins(const Scan& sc, std::size_t k, std::size_t e) {
  if (company_words::is_institution_word(sc.tokens[k - 1].text)) return true;
  bool place = false;
  for (std::size_t j = k + 1; j < e && sc.tokens[j].word && !is_name_particle(sc.tokens[j].text);
       ++j) {
    place = company_words::is_place(sc.tokens[j].text);
  }
  return place;
}

// Whether the comma at k joins the partners of a firm: "Goldman, Sachs and Co", "Dillon, Read
// and Co", "Toomay, Mathis and Associates": the name ends in "and" with nothing after it but
// a suffix or generic words. A list of companies ("Alcan, Inco and Noranda Inc") does not.
bool comma_joins(const Scan& sc, std::size_t k, std::size_t b, std::size_t e) {
  if (k == 0 || !sc.tight(k - 1) || !is_name_word(sc, k - 1) || sc.in_match[k - 1] ||
      company_words::is_legal_suffix(sc.tokens[k - 1].text) ||
      company_words::is_place(sc.tokens[k - 1].text))
    return false;
  std::size_t a = e;  // the last "and"
  while (a > b && !is_and(sc.tokens[a - 1].text)) --a;
  if (a-- == b) return false;
  // "Jefferies and Boesky, Jefferies and Co": the comma ends a clause, not a partner.
  std::size_t l = k - 1;
  while (l > 0 && k - l < 3 && is_name_word(sc, l - 1)) --l;
  if (l > 0 && is_and(sc.tokens[l - 1].text)) return false;
  bool specific = false;
  count_name_words(sc, a + 1, e, specific);
  return !specific;
}

// Where a legal suffix that ends right before token `e` starts ("Inc", "Co.", "S.p.A.",
// "A/S"), or `e`.
std::size_t suffix_start(const Scan& sc, std::size_t b, std::size_t e) {
  for (std::size_t k = e; k > b && k + 6 >= e; --k) {
    const std::size_t se = legal_suffix_end(sc, k - 1);
    if (se != 0 && (se == e || (se + 1 == e && sc.tokens[e - 1].text == "."))) return k - 1;
  }
  return e;
}
}  // namespace

std::size_t name_start(const Scan& sc, std::size_t e, bool& cut) {
  cut = false;
  // "Fiat S.p.A. <FIAT.MI>": the name is before the suffix's punctuation.
  if (e > 0 && !sc.tokens[e - 1].word) e = suffix_start(sc, 0, e);
  std::size_t b = e;
  bool seen_and = false;  // a name has one "and" ("Seemala and Boesky and Co" has two parties)
  while (b > 0 && e - b < 14) {
    const std::size_t k = b - 1;
    const auto t = sc.tokens[k].text;
    if (sc.in_match[k] || !joined(sc, k)) break;
    if (b == e) {
      const bool initial = t == "." && k > 0 && sc.tight(k - 1) &&
                           is_single_capital(sc.tokens[k - 1].text);     // "Intergold U.S.A. Inc"
      if ((is_and(t) && k > 0 && is_name_word(sc, k - 1)) || initial) {  // "Grace and Co"
        seen_and = seen_and || is_and(t);
        b = k;
        continue;
      }
      if (!is_name_word(sc, k)) break;
      b = k;
      continue;
    }
    if (!sc.tokens[k].word) {
      const bool initial = t == "." && k > 0 && sc.tight(k - 1) &&
                           is_single_capital(sc.tokens[k - 1].text) && sc.adjacent(k + 1);
      // "A/S", "Royal Dutch/Shell"; not "TECHNOLOGY/ATT" in a headline.
      const bool slash =
          t == "/" && k > 0 && (sc.tokens[k - 1].text.size() == 1 || !sc.in_caps_line(k));
      const bool inner =
          k > 0 && sc.tight(k - 1) && sc.tight(k) &&
          (t == "-" || t == "'" || t == "." || t == "\xE2\x80\x99" || t == "&" || slash);
      if (initial || inner || (t == "," && comma_joins(sc, k, b, e))) {
        b = k;
        continue;
      }
      break;
    }
    if ((t == "d" || t == "l") && sc.tight(k) &&
        (sc.tokens[k + 1].text == "'" || sc.tokens[k + 1].text == "\xE2\x80\x99")) {
      b = k;
      continue;
    }
    // In a capitals line, "AND" and "OF" are particles too ("HARPER AND ROW").
    const bool caps_particle = (t == "AND" || t == "OF") && k > 0 &&
                               (sc.in_caps_line(k) || (is_all_caps_word(sc.tokens[k - 1].text) &&
                                                       is_all_caps_word(sc.tokens[k + 1].text)));
    if (is_name_particle(t) || caps_particle) {
      if (k == 0 || !is_name_word(sc, k - 1) || sc.in_match[k - 1] || !joined(sc, k - 1)) break;
      if (is_and(t) || t == "AND") {
        if (seen_and || !and_joins(sc, k, e)) break;
        seen_and = true;
      }
      if ((t == "of" || t == "OF") && !of_joins(sc, k, e)) break;
      b = k;
      continue;
    }
    // "Pier 1 Imports": a number between the words of a name.
    const bool inner_number =
        is_number(t) && k > 0 && is_name_word(sc, k - 1) && sc.adjacent(k) && sc.adjacent(k + 1);
    if (!is_name_word(sc, k) && !inner_number) break;
    // "Armco Inc and Bethlehem Steel Corp": "Inc" ends the first company.
    if (company_words::is_legal_suffix(t) &&
        (is_and(sc.tokens[k + 1].text) || sc.tokens[k + 1].text == ","))
      break;
    if (!sc.adjacent(k + 1) && !sc.soft_wrap(k)) break;  // more than one space
    b = k;
  }
  if (b > 0 && b < e && sc.line_of[b - 1] != sc.line_of[b] && !sc.soft_wrap(b - 1) &&
      sc.tokens[b - 1].word && is_capitalised(sc.tokens[b - 1].text) &&
      !sc.caps(sc.line_of[b - 1])) {
    cut = true;
  }
  // No name starts with punctuation, a particle, a number or a lower-case word.
  while (b < e && !is_name_word(sc, b)) ++b;
  return b;
}

std::size_t skip_headline_words(const Scan& sc, std::size_t b, std::size_t e) {
  std::size_t k = b, caps_words = 0;
  while (k < e && (!sc.tokens[k].word || is_all_caps_word(sc.tokens[k].text))) {
    caps_words += sc.tokens[k].word && sc.tokens[k].text.size() > 1 ? 1 : 0;
    ++k;
  }
  if (k < e && has_lower(sc.tokens[k].text) && caps_words >= 2) return k;
  return b;
}

std::size_t legal_suffix_end(const Scan& sc, std::size_t s) {
  const auto& tokens = sc.tokens;
  if (!tokens[s].word) return 0;
  if (company_words::is_legal_suffix(tokens[s].text)) return s + 1;
  if (s > 0 && tokens[s - 1].text == "." && sc.tight(s - 1)) return 0;  // "U.S.A." is no "S.A."
  // "S.A.", "N.V.", "S.p.A.", "A/S", "K.K.": letters joined by dots or a slash, no spaces.
  std::string letters;
  std::size_t k = s, marks = 0;
  while (k < tokens.size() && tokens[k].word && tokens[k].text.size() <= 2 &&
         has_letters(tokens[k].text)) {
    letters += tokens[k].text;
    if (k + 1 < tokens.size() && sc.tight(k) &&
        (tokens[k + 1].text == "." || tokens[k + 1].text == "/")) {
      ++marks;
      k += 2;
      if (k < tokens.size() && sc.tight(k - 1) && tokens[k].word) continue;
    } else {
      ++k;
    }
    break;
  }
  return marks > 0 && letters.size() >= 2 && company_words::is_spelled_out_suffix(letters) ? k : 0;
}

std::size_t strip_trailing(const Scan& sc, std::size_t b, std::size_t e) {
  const std::size_t end = e;
  while (e > b) {
    const std::size_t k = suffix_start(sc, b + 1, e);
    // "ORANGE-CO": a suffix joined by a hyphen is part of the name.
    if (k != e && !(sc.tokens[k - 1].text == "-" && sc.tight(k - 1))) {
      e = k;
      continue;
    }
    const auto t = sc.tokens[e - 1].text;
    const bool particle = is_name_particle(t) || t == "AND" || t == "OF";
    if ((sc.tokens[e - 1].word && t != "Holdings" && !particle) || t == ")") break;
    if (t == "Holdings" && e == end) break;
    if (t == "." && e >= 2 && sc.tight(e - 2) && is_single_capital(sc.tokens[e - 2].text)) break;
    --e;
  }
  if (e == b + 1 && e + 1 < end && company_words::is_legal_suffix(sc.tokens[e].text) &&
      (sc.tokens[e + 1].text == "Holdings" || sc.tokens[e + 1].text == "Group"))
    return e + 2;
  return e;
}

std::size_t name_tail_end(const Scan& sc, std::size_t k, bool any_of) {
  const auto& tokens = sc.tokens;
  const std::size_t n = tokens.size();
  for (;;) {
    std::size_t j = k;
    if (j < n && j > 0 && tokens[j].text == "." && sc.tight(j - 1)) ++j;
    if (j < n && tokens[j].text == ",") ++j;
    if (j >= n || j == 0 || !joined(sc, j - 1)) return k;
    if (const std::size_t se = legal_suffix_end(sc, j)) {
      k = se;
      continue;
    }
    if (j == k && (tokens[j].text == "Holdings" || tokens[j].text == "Group") && j + 1 < n &&
        legal_suffix_end(sc, j + 1) != 0) {
      k = j + 1;
      continue;
    }
    if (j != k || tokens[j].text != "of") return k;
    // "Aluminum Co of America", "Public Service Co of Colorado", "Bank of Braman"; but "NEC
    // Corp of Japan" and "Maple Leaf Mills Ltd of Toronto" say where the company is.
    const auto before = tokens[j - 1].text;
    const bool names_home = before == "Co" || before == "Corp" || before == "Corporation" ||
                            before == "Company" || before == "Cos";
    if (!any_of && !names_home) return k;
    std::size_t p = j + 1;
    while (p < n && p < j + 4 && is_name_word(sc, p) && joined(sc, p - 1) &&
           !company_words::is_legal_suffix(tokens[p].text)) {
      if (company_words::is_region(tokens[p++].text)) break;
    }
    if (p == j + 1 || (!any_of && !company_words::is_home_region(tokens[p - 1].text))) return k;
    k = p;
    any_of = false;
  }
}

bool name_goes_on(const Scan& sc, std::size_t k, bool after_suffix) {
  const auto suffix_at = [&](std::size_t j) {
    return j < sc.tokens.size() && legal_suffix_end(sc, j) != 0;
  };
  if (k >= sc.tokens.size() || k == 0 || !joined(sc, k - 1)) return false;
  if (after_suffix) {  // "Swiss Bank Corp International Ltd"
    std::size_t j = k;
    while (j < k + 3 && j < sc.tokens.size() && is_name_word(sc, j) && sc.adjacent(j) &&
           !suffix_at(j)) {
      ++j;
    }
    return j > k && suffix_at(j);
  }
  if (suffix_at(k) || (is_name_word(sc, k) && sc.adjacent(k))) return true;
  // "Madill Bank and Trust Co": after "and", one or two words and a suffix.
  return is_and(sc.tokens[k].text) && k + 2 < sc.tokens.size() && is_name_word(sc, k + 1) &&
         joined(sc, k) && (suffix_at(k + 2) || (is_name_word(sc, k + 2) && suffix_at(k + 3)));
}

bool names_more_than_places(const Scan& sc, std::size_t b, std::size_t e) {
  for (std::size_t k = b; k < e; ++k) {
    const auto t = sc.tokens[k].text;
    if (sc.tokens[k].word && t.size() > 1 && !is_name_particle(t) &&
        !company_words::is_place_or_people(t, k + 1 < e ? sc.tokens[k + 1].text : ""))
      return true;
  }
  return false;
}

bool acceptable_discovery(const Scan& sc, std::size_t b, std::size_t e, bool from_headline) {
  std::size_t words = 0, fragment_words = 0;
  bool specific = false;
  for (std::size_t k = b; k < e; ++k) {
    const auto t = sc.tokens[k].text;
    if (!sc.tokens[k].word || is_name_particle(t)) continue;
    ++words;
    if (!company_words::is_generic_or_place(t) && !is_corporate_suffix(t) && t.size() > 1)
      specific = true;
    if (company_words::is_fragment_word(t)) ++fragment_words;
  }
  // A lone generic word or place, or only words that end longer names ("Loan Insurance").
  if (words == 0 || (words == 1 && !specific) || fragment_words == words) return false;
  if (!names_more_than_places(sc, b, e)) return false;  // "U.S.A.", "Texas"
  if (company_words::is_public_body(sc.span(b, e))) return false;
  return from_headline || !sc.in_caps_line(b);
}

}  // namespace newsdex::company_scan
