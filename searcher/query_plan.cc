#include "searcher/query_plan.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "core/schema.h"
#include "core/text.h"
#include "searcher/ranked_match.h"

namespace newsdex {

namespace {

// Function words that carry no topic: articles, pronouns, auxiliaries, prepositions,
// conjunctions and question words. Kept short: a word here is never required by a plain query.
constexpr std::string_view kStopwords[] = {
    "a",      "about",   "above",  "after",  "again",   "against", "all",   "am",      "an",
    "and",    "any",     "are",    "as",     "at",      "be",      "been",  "before",  "being",
    "below",  "between", "both",   "but",    "by",      "can",     "could", "did",     "do",
    "does",   "doing",   "down",   "during", "each",    "few",     "for",   "from",    "further",
    "had",    "has",     "have",   "having", "he",      "her",     "here",  "hers",    "herself",
    "him",    "himself", "his",    "how",    "i",       "if",      "in",    "into",    "is",
    "it",     "its",     "itself", "just",   "me",      "more",    "most",  "my",      "myself",
    "no",     "nor",     "not",    "now",    "of",      "off",     "on",    "once",    "only",
    "or",     "other",   "our",    "ours",   "out",     "over",    "own",   "same",    "she",
    "should", "so",      "some",   "such",   "than",    "that",    "the",   "their",   "theirs",
    "them",   "then",    "there",  "these",  "they",    "this",    "those", "through", "to",
    "too",    "under",   "until",  "up",     "very",    "was",     "we",    "were",    "what",
    "when",   "where",   "which",  "while",  "who",     "whom",    "why",   "will",    "with",
    "would",  "you",     "your",   "yours",  "yourself"};

bool all_capitals(const std::string& q) {
  bool upper = false;
  for (const char c : q) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    upper = upper || std::isupper(static_cast<unsigned char>(c));
  }
  return upper;
}

bool is_operator(const std::string& token) {
  static const std::set<std::string, std::less<>> kOps = {"AND", "OR", "NOT", "XOR"};
  return kOps.count(token) > 0 || token == "NEAR" || token == "ADJ" ||
         token.rfind("NEAR/", 0) == 0 || token.rfind("ADJ/", 0) == 0;
}

// +word or -word: a word the query requires or excludes.
bool is_signed(const std::string& token) {
  return token.size() > 1 && (token[0] == '+' || token[0] == '-') &&
         (std::isalnum(static_cast<unsigned char>(token[1])) ||
          static_cast<unsigned char>(token[1]) >= 0x80);
}

// True when `token` is query syntax that keeps the whole query as written: "..., word*, field:
// and the operators.
bool is_syntax(const std::string& token) {
  if (token.find('"') != std::string::npos) return true;
  if (token.size() > 1 && (token[0] == '+' || token[0] == '-') && !is_signed(token)) return true;
  if (token.size() > 1 && token.back() == '*') return true;
  const auto colon = token.find(':');
  if (colon != std::string::npos && colon > 0) {
    std::string field = text::to_lower_ascii(token.substr(0, colon));
    field.erase(0, field.find_first_not_of("("));
    if (schema::find_field(field) != nullptr) return true;
  }
  return is_operator(token);
}

// The token without surrounding punctuation ("(made" -> "made", "/slip/" -> "slip").
std::string bare(const std::string& token) {
  std::size_t a = 0, b = token.size();
  const auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  };
  while (a < b && !word_char(token[a])) ++a;
  while (b > a && !word_char(token[b - 1])) --b;
  return token.substr(a, b - a);
}

// True when the only syntax in `tokens` is quotes and +/- signs.
bool only_quotes_and_signs(const std::vector<std::string>& tokens) {
  bool syntax = false;
  for (const auto& t : tokens) {
    if (is_signed(t)) {
      syntax = true;
      continue;
    }
    if (!is_syntax(t)) continue;
    if (t.find('"') == std::string::npos || t.find(':') != std::string::npos) return false;
    if (t.size() > 1 && t.back() == '*') return false;
    syntax = true;
  }
  return syntax;
}

// The words reading of `tokens` (see QueryPlan::words_reading).
std::shared_ptr<const QueryPlan> plan_words_reading(const std::string& text,
                                                    const std::vector<std::string>& tokens,
                                                    MatchMode mode, bool stopwords) {
  std::size_t words = 0;
  for (const auto& t : tokens) words += bare(t).empty() ? 0 : 1;
  const bool long_text = words >= kLongTextWords;
  std::vector<std::string> phrases;
  for (std::size_t open = text.find('"'); open != std::string::npos;) {
    const std::size_t close = text.find('"', open + 1);
    const std::string inside =
        text.substr(open + 1, close == std::string::npos ? close : close - open - 1);
    const std::string phrase(text::trim(inside));
    if (phrase.find(' ') != std::string::npos) phrases.push_back(phrase);
    if (close == std::string::npos) break;
    open = text.find('"', close + 1);
  }
  std::string plain;
  bool changed = false;  // (a reading that changes nothing would be planned again, forever)
  for (std::string t : tokens) {
    const std::size_t size = t.size();
    t.erase(std::remove(t.begin(), t.end(), '"'), t.end());
    if (!t.empty() && (t[0] == '+' || (long_text && t[0] == '-'))) t.erase(0, 1);
    changed = changed || t.size() != size;
    if (!t.empty()) plain += (plain.empty() ? "" : " ") + t;
  }
  if (!changed) return nullptr;
  QueryPlan reading = plan_query(plain, mode, stopwords);
  if (!reading.plain) return nullptr;
  reading.phrases = std::move(phrases);
  reading.words_first = long_text;
  return std::make_shared<const QueryPlan>(std::move(reading));
}

}  // namespace

std::size_t most_words(std::size_t n) { return (2 * n + 2) / 3; }

bool is_stopword(const std::string& word) {
  // (A hash set: feedback asks about every word of ten articles.)
  static const std::unordered_set<std::string_view> kSet(std::begin(kStopwords),
                                                         std::end(kStopwords));
  return kSet.count(word) > 0;
}

QueryPlan plan_query(const std::string& query, MatchMode mode, bool stopwords) {
  QueryPlan plan;
  plan.text = all_capitals(query) ? text::to_lower_ascii(query) : query;
  std::vector<std::string> tokens;
  for (auto part : text::split(plan.text, ' ')) {
    part = text::trim(part);
    if (!part.empty()) tokens.emplace_back(part);
  }
  plan.plain = !tokens.empty() && std::none_of(tokens.begin(), tokens.end(), is_syntax) &&
               !std::all_of(tokens.begin(), tokens.end(), is_signed);
  if (!plan.plain && only_quotes_and_signs(tokens)) {
    plan.words_reading = plan_words_reading(plan.text, tokens, mode, stopwords);
    plan.words_first = plan.words_reading && plan.words_reading->words_first;
  }
  if (!plan.plain) {
    // Only -words ("-samsung"): every article without them. Xapian's parser reads a lone hate
    // term as the term itself, so the query is written as its pure NOT ("NOT samsung").
    const auto excluded = [](const std::string& t) { return is_signed(t) && t[0] == '-'; };
    if (!tokens.empty() && std::all_of(tokens.begin(), tokens.end(), excluded)) {
      plan.text.clear();
      for (const auto& t : tokens)
        plan.text += (plan.text.empty() ? "NOT " : " NOT ") + t.substr(1);
    }
    plan.levels = {{"all", 0}};
    return plan;
  }
  // Distinct words, each with how often it was typed; stopwords dropped unless every word is
  // one ("the who").
  std::vector<std::string> kept, all;
  std::map<std::string, std::size_t> seen_kept, seen_all;  // lower case -> index
  std::vector<std::size_t> kept_repeats, all_repeats;
  const auto add = [](const std::string& word, const std::string& w, auto& seen, auto& words,
                      auto& repeats) {
    const auto [it, added] = seen.emplace(w, words.size());
    if (added) {
      words.push_back(word);
      repeats.push_back(0);
    }
    ++repeats[it->second];
  };
  for (const auto& t : tokens) {
    if (is_signed(t)) {
      (t[0] == '+' ? plan.required : plan.excluded).push_back(t.substr(1));
      continue;
    }
    const std::string word = bare(t);
    const std::string w = text::to_lower_ascii(word);
    if (w.empty()) continue;
    add(word, w, seen_all, all, all_repeats);
    if (!stopwords || !is_stopword(w)) add(word, w, seen_kept, kept, kept_repeats);
  }
  plan.words = kept.empty() ? all : kept;
  plan.repeats = kept.empty() ? all_repeats : kept_repeats;
  if (plan.words.empty()) {  // only punctuation besides the signed words: as written
    plan.plain = false;
    plan.text = all_capitals(query) ? text::to_lower_ascii(query) : query;
    plan.levels = {{"all", 0}};
    return plan;
  }
  plan.text.clear();
  for (const auto& w : plan.words) plan.text += (plan.text.empty() ? "" : " ") + w;
  for (const auto& w : plan.required) plan.text += " +" + w;
  for (const auto& w : plan.excluded) plan.text += " -" + w;
  const std::size_t n = plan.words.size();
  const MatchLevel all_level{"all", n}, most{"most", most_words(n)}, any{"any", 1};
  switch (mode) {
    case MatchMode::kAll:
      plan.levels = {all_level};
      break;
    case MatchMode::kMost:
      plan.levels = {most.min_words == n ? all_level : most};
      break;
    case MatchMode::kAny:
      plan.levels = {n == 1 ? all_level : any};
      break;
    case MatchMode::kAuto:
      plan.levels = {all_level};
      if (most.min_words < n && most.min_words > 1) plan.levels.push_back(most);
      if (n > 1) plan.levels.push_back(any);
      break;
  }
  return plan;
}

RankPass plan_pass(const Xapian::Query& scored, SortOrder sort, bool count, std::size_t offset,
                   std::size_t limit, bool own_ranking, bool shards) {
  RankPass pass;
  pass.count = count;
  pass.offset = offset;
  pass.limit = limit;
  if (shards) {
    pass.route = Route::kShards;
    return pass;
  }
  // The walk pays off when the matches are counted anyway, when it can skip (block maxima), and
  // for ANDs over kept postings. A page of hits alone for a phrase is left to Xapian's matcher,
  // which checks positions only for candidates that can still reach the page.
  if (!own_ranking || sort != SortOrder::kRelevance || !rankable(scored)) {
    pass.route = Route::kXapian;
  } else if (count) {
    pass.route = Route::kWalk;
  } else if (prunable(scored)) {
    pass.route = Route::kPruned;
  } else {
    pass.route = positional_anywhere(scored) ? Route::kXapian : Route::kWalk;
  }
  return pass;
}

}  // namespace newsdex
