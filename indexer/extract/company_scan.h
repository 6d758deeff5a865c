// The tokens of a text and what company extraction asks about them: lines, all-capitals
// (headline) lines, sentences and whether a sentence holds a company cue; and the rules that
// find where a company name written before a ticker or suffix starts. Used by CompanyMatcher.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsdex::company_scan {

struct Token {
  std::string_view text;
  std::size_t offset;
  bool word;        // letters/digits, as opposed to one punctuation character
  bool line_start;  // first token on its line
};

// Words (letter/digit runs; UTF-8 bytes count as letters) and single punctuation characters;
// typographic quotes and dashes are punctuation.
std::vector<Token> tokenize(std::string_view s);
std::string lower(std::string_view s);
bool has_lower(std::string_view s);
bool has_letters(std::string_view s);
// Starts with a capital letter or a digit.
bool is_capitalised(std::string_view s);
bool is_all_caps_word(std::string_view w);

// One text cut into tokens, with what the rules ask about each token's line and sentence.
struct Scan {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<std::size_t> line_of, sentence_of;
  std::vector<bool> caps_line, title_line, sentence_cue;
  std::vector<bool> in_match;

  // Cuts `s` into tokens and works out lines, sentences and sentence cues.
  explicit Scan(std::string_view s);
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
  // Tokens k and k+1 touch (no space between them).
  bool tight(std::size_t k) const {
    return k + 1 < tokens.size() &&
           tokens[k].offset + tokens[k].text.size() == tokens[k + 1].offset;
  }
  // Tokens [b, e) as written, spaces squeezed.
  std::string span(std::size_t b, std::size_t e) const;
  // Tokens k and k+1 are on consecutive lines of one paragraph (a line wrapped by the wire:
  // no indent after the break, neither line a headline).
  bool soft_wrap(std::size_t k) const {
    if (k + 1 >= tokens.size() || line_of[k + 1] != line_of[k] + 1) return false;
    if (caps(line_of[k]) || caps(line_of[k + 1])) return false;
    const std::size_t after = tokens[k + 1].offset;
    return after > 0 && text[after - 1] == '\n';
  }
  bool possessive_at(std::size_t k) const {
    return k + 1 < tokens.size() && (tokens[k].text == "'" || tokens[k].text == "\xE2\x80\x99") &&
           tokens[k + 1].text == "s";
  }
};

// Where a "<TICKER>" (Reuters' notation) starts at token `i`: the index one past its '>', or 0.
std::size_t ticker_end(const Scan& sc, std::size_t i);
// The start of the name written right before token `e` ("Brown-Forman Inc" before <BFD>):
// capitalised words on one line (or a line the wire wrapped), joined by punctuation written
// without spaces, initials ("C. Itoh"), elisions ("d'Electricite"), particles ("and", "of",
// "de", "och") and, inside a firm's name, commas ("Goldman, Sachs and Co"). "and" between
// two parties ("Wagner and Brown and AFG Industries"), "of" after a person ("Millard Phelps
// of Hambrecht and Quist") and a legal suffix before "and" ("Armco Inc and Bethlehem Steel")
// end the name. `cut` is set when the name goes on from the line before (a wrapped line).
std::size_t name_start(const Scan& sc, std::size_t e, bool& cut);
// Headline words before a name ("CRUDE PRICES Diamond Shamrock"): a run of two or more
// all-caps words before a word with lower-case letters is not part of it; returns the name's
// new start. One such word is the name's acronym ("ICN Pharmaceuticals", "K Mart").
std::size_t skip_headline_words(const Scan& sc, std::size_t b, std::size_t e);
// One past the legal suffix that starts at token `s` ("Inc", "S.p.A.", "A/S", "N.V."), or 0.
std::size_t legal_suffix_end(const Scan& sc, std::size_t s);
// One past what follows a name's suffix or end word and still belongs to it, from token `k`:
// more suffixes ("Co., Ltd.", "Corp Holdings Ltd") and "of" with a place ("Hospital Corp of
// America", "Ford Motor Co of Canada Ltd"), or with any capitalised words when `any_of` is set
// ("Bank of Braman").
std::size_t name_tail_end(const Scan& sc, std::size_t k, bool any_of = false);
// The name goes on at token `k` (a capitalised word, a suffix, or "and" before one), so a word
// before it that can end names ("Group", "Bancorp") does not end this one; `after_suffix`:
// one to three capitalised words and another suffix follow ("Swiss Bank Corp International
// Ltd"), so the suffix before `k` is inside the name.
bool name_goes_on(const Scan& sc, std::size_t k, bool after_suffix = false);
// No word of [b, e) names more than a place, a people or an initial ("U.S. Banks", "Japanese
// Airlines"): such words before an end word are no company name.
bool names_more_than_places(const Scan& sc, std::size_t b, std::size_t e);
// The end of a name without the legal suffixes, joiners and punctuation it ends with
// ("Merrill Lynch and Co", "Norsk Hydro A/S", "Delta Trust Holdings Inc"); "Group" stays
// ("Dart Group Corp"), and so does "Holdings" at the very end or after a one-word name and a
// suffix ("Bond Corp Holdings Ltd").
std::size_t strip_trailing(const Scan& sc, std::size_t b, std::size_t e);
// Where a name in brackets (Reuters' notation for unlisted companies: "<Seylla Corp>") starts
// at token `i`: the index one past its '>', or 0.
std::size_t bracketed_name_end(const Scan& sc, std::size_t i);
// False for what a discovered name [b, e) may not be: only generic words and places, a
// government body or international organisation, or all capitals in a headline (unless
// `from_headline`: a headline name vouched for by its ticker).
bool acceptable_discovery(const Scan& sc, std::size_t b, std::size_t e, bool from_headline = false);

}  // namespace newsdex::company_scan
