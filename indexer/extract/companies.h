// CompanyMatcher: finds the companies of a gazetteer in text, in one pass over its tokens
// (a token trie: time linear in the text's length), and discovers unknown companies that the
// text names with a corporate suffix ("Hanbit Micro Co., Ltd.").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/gazetteer.h"

namespace newsdex {

struct CompanyTrie;  // company_passes.h

struct CompanyMention {
  std::string company;     // canonical name (for a discovered one, the name in the text)
  std::string matched;     // the text as written
  std::size_t offset = 0;  // byte offset in the text
  bool discovered = false;
  std::string why;  // which rule accepted it, for --explain
};

class CompanyMatcher {
 public:
  // REQUIRES: `gazetteer` outlives the matcher.
  explicit CompanyMatcher(const CompanyGazetteer& gazetteer);
  ~CompanyMatcher();
  CompanyMatcher(const CompanyMatcher&) = delete;
  CompanyMatcher& operator=(const CompanyMatcher&) = delete;

  // Every mention in `text`, in order. Rules:
  //  - the longest alias wins ("Samsung Electronics" over "Samsung");
  //  - all-caps aliases ("MS", "LG") match only as written; others need the capital letter
  //    they are written with;
  //  - aliases that are common words (Apple, Shell) match only capitalised, and at a sentence
  //    start or in a title-case line only with a company cue nearby ("shares", "Inc.", "CEO",
  //    a possessive);
  //  - a capitalised name before a legal suffix (Inc., Corp., Co., Ltd., plc and foreign forms:
  //    AG, SpA, S.A., N.V., A/S, GmbH, BV, KK, Oy, Pty), or ending in Group, Holdings or a word
  //    that ends company names ("Bancorp", "Airlines", "Royalty Trust", "Savings and Loan
  //    Association", "Bank of Braman"), that the gazetteer does not know is a discovered
  //    company. Its name keeps its initials ("J.C. Penney"), its partners ("Dillon Read", from
  //    "Dillon, Read and Co") and "of" with its home ("Hospital Corp of America"); "and" between
  //    two parties, or a suffix before "and", ends it ("Armco Inc and Bethlehem Steel Corp");
  //  - one company, one value: a unit written around a known name ("American Hoechst") is its
  //    own company; a discovered name that misspells a gazetteer name, or abbreviates, misspells
  //    or is a fragment of a name the article writes in full, takes that name.
  // A company the gazetteer says was founded after `year` (the article's; 0 when unknown) is
  // not matched: "Charter" in 1987 is not Charter Communications.
  // The passes, each with its own rules, are in company_passes.h.
  std::vector<CompanyMention> find(std::string_view text, int year = 0) const;

 private:
  const CompanyGazetteer& gazetteer_;
  std::unique_ptr<CompanyTrie> trie_;
};

// Distinct canonical names of the known (not discovered) mentions, in first-mention order.
std::vector<std::string> known_companies(const std::vector<CompanyMention>& mentions);
// Distinct names of the discovered mentions, in first-mention order.
std::vector<std::string> discovered_companies(const std::vector<CompanyMention>& mentions);

}  // namespace newsdex
