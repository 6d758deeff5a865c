#include "indexer/extract/companies.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"

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
bool is_capitalised(std::string_view s) {
  return !s.empty() && (std::isupper(static_cast<unsigned char>(s[0])) ||
                        std::isdigit(static_cast<unsigned char>(s[0])));
}

// Words near a common-word alias that say it names a company.
bool is_company_cue(std::string_view word) {
  static const std::unordered_set<std::string> kCues = {
      "inc",       "corp",        "corporation", "co",        "ltd",        "plc",
      "ag",        "llc",         "shares",      "share",     "stock",      "stocks",
      "ceo",       "cfo",         "chief",       "executive", "executives", "spokesperson",
      "spokesman", "spokeswoman", "chairman",    "board",     "investors",  "earnings",
      "revenue",   "announced",   "unveiled",    "launched",  "reported",   "said",
      "says",      "sales",       "profit",      "stores"};
  return kCues.count(lower(word)) != 0;
}

bool is_sentence_end(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == ":" || t == "\"" || t == "\xE2\x80\x9C";
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

const std::unordered_set<std::string>& corporate_suffixes() {
  static const std::unordered_set<std::string> kSuffixes = {
      "Inc", "Corp", "Co", "Ltd", "Group", "Holdings", "AG", "plc", "PLC"};
  return kSuffixes;
}

// Capitalised words that start sentences or name things other than a company.
bool is_name_stopword(std::string_view w) {
  static const std::unordered_set<std::string> kStop = {
      "the",       "a",         "an",       "and",      "of",        "on",      "in",
      "at",        "for",       "by",       "from",     "with",      "as",      "but",
      "its",       "their",     "both",     "while",    "after",     "before",  "when",
      "shares",    "analysts",  "rival",    "unit",     "mr",        "ms",      "mrs",
      "chief",     "ceo",       "says",     "said",     "according", "to",      "monday",
      "tuesday",   "wednesday", "thursday", "friday",   "saturday",  "sunday",  "january",
      "february",  "march",     "april",    "may",      "june",      "july",    "august",
      "september", "october",   "november", "december", "last",      "this",    "that",
      "under",     "into",      "about",    "startup",  "supplier",  "partner", "chipmaker",
      "firm",      "company",   "maker"};
  return kStop.count(lower(w)) != 0;
}

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
  const auto tokens = tokenize(text);
  const auto title_case = title_case_lines(text);
  std::vector<std::size_t> line_of(tokens.size());
  {
    std::size_t line = 0, pos = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      for (; pos < tokens[i].offset; ++pos) line += text[pos] == '\n' ? 1 : 0;
      line_of[i] = line;
    }
  }
  auto sentence_start = [&](std::size_t i) {
    return i == 0 || tokens[i].line_start || is_sentence_end(tokens[i - 1].text) ||
           (line_of[i] < title_case.size() && title_case[line_of[i]]);
  };
  auto cue_after = [&](std::size_t end) {
    // In a list of names ("Apple, Nvidia and AMD"), the next name vouches for this one.
    if (end + 1 < tokens.size() && (tokens[end].text == "," || tokens[end].text == "and") &&
        tokens[end + 1].word && is_capitalised(tokens[end + 1].text) &&
        !tokens[end + 1].line_start) {
      return true;
    }
    std::size_t words = 0;
    for (std::size_t k = end; k < tokens.size() && words < 3; ++k) {
      if ((tokens[k].text == "'" || tokens[k].text == "\xE2\x80\x99") && k == end &&
          k + 1 < tokens.size() && tokens[k + 1].text == "s") {
        return true;  // a possessive: "Apple's"
      }
      if (!tokens[k].word) continue;
      ++words;
      if (is_company_cue(tokens[k].text)) return true;
    }
    return false;
  };

  std::vector<CompanyMention> out;
  std::vector<bool> in_match(tokens.size(), false);
  for (std::size_t i = 0; i < tokens.size();) {
    std::size_t best_end = 0;
    const Trie::Alias* best = nullptr;
    std::string why;
    std::size_t node = 0;
    for (std::size_t j = i; j < tokens.size(); ++j) {
      const auto it = trie_->nodes[node].next.find(lower(tokens[j].text));
      if (it == trie_->nodes[node].next.end()) break;
      node = it->second;
      for (const std::size_t ai : trie_->nodes[node].aliases) {
        const auto& alias = trie_->all[ai];
        bool exact = true;
        for (std::size_t k = 0; k < alias.tokens.size(); ++k) {
          if (tokens[i + k].text != alias.tokens[k]) exact = false;
        }
        std::string rule;
        if (alias.all_caps) {
          if (!exact) continue;
          rule = "all-caps alias, exact";
        } else if (alias.common_word) {
          if (!exact) continue;
          if (sentence_start(i)) {
            if (!cue_after(j + 1)) continue;
            rule = "common word at sentence start, with a company cue";
          } else {
            rule = "common word, capitalised";
          }
        } else {
          if (is_capitalised(alias.tokens[0]) && !is_capitalised(tokens[i].text)) continue;
          rule = exact ? "exact" : "case-insensitive";
        }
        if (j + 1 > best_end) {
          best_end = j + 1;
          best = &alias;
          why = rule;
        }
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    const std::size_t end_offset = tokens[best_end - 1].offset + tokens[best_end - 1].text.size();
    out.push_back(
        {gazetteer_.companies()[best->company].name,
         std::string(text.substr(tokens[i].offset, end_offset - tokens[i].offset)),
         tokens[i].offset, false,
         (best->form == gazetteer_.companies()[best->company].name ? "name"
                                                                   : "alias '" + best->form + "'") +
             std::string(", ") + why});
    for (std::size_t k = i; k < best_end; ++k) in_match[k] = true;
    i = best_end;
  }

  // Discovery: capitalised words right before a corporate suffix.
  const auto& suffixes = corporate_suffixes();
  for (std::size_t s = 1; s < tokens.size(); ++s) {
    if (in_match[s] || !tokens[s].word || suffixes.count(std::string(tokens[s].text)) == 0)
      continue;
    if (s + 1 < tokens.size() && tokens[s + 1].text == "-") continue;  // "Co-founder"
    if (in_match[s - 1]) continue;  // "Hyundai Motor Group": the known company counts
    std::size_t b = s;
    while (b > 0 && s - b < 4) {
      const auto& t = tokens[b - 1];
      if (in_match[b - 1]) break;
      if (t.text == "&" && b >= 2 && tokens[b - 2].word) {
        --b;
        continue;
      }
      if (!t.word || !is_capitalised(t.text) || is_name_stopword(t.text)) break;
      if (t.offset + t.text.size() < tokens[b].offset - 1) break;  // more than one space
      --b;
    }
    while (b < s && (!tokens[b].word || suffixes.count(std::string(tokens[b].text)) != 0)) ++b;
    if (b == s) continue;  // nothing but suffixes ("Co Inc")
    const bool keep_suffix = tokens[s].text == "Group" || tokens[s].text == "Holdings";
    const std::size_t last = keep_suffix ? s : s - 1;
    const std::size_t end_offset = tokens[last].offset + tokens[last].text.size();
    const std::string name(text.substr(tokens[b].offset, end_offset - tokens[b].offset));
    if (const auto known = gazetteer_.canonical(name)) {
      out.push_back({*known, name, tokens[b].offset, false, "name before a corporate suffix"});
      continue;
    }
    out.push_back(
        {name, name + " " + std::string(tokens[s].text), tokens[b].offset, true,
         "capitalised name before the corporate suffix '" + std::string(tokens[s].text) + "'"});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.offset < b.offset; });
  return out;
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
