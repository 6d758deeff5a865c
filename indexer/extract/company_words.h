// Word lists that company extraction judges names and contexts with: what counts as a company
// cue, what a discovered name may not be (a generic word, a place, a public body), and the
// contexts in which a company name that is also an ordinary word or surname means something
// else (the Amazon rainforest, a travel Visa, Harrison Ford).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsdex::company_words {

// A word near a name that says the name is a company: "shares", "Inc", "CEO", "said" ...
bool is_company_cue(std::string_view word);
// A corporate suffix that ends a company's legal name ("Inc", "Corp", "Co", "Ltd", "plc", and
// foreign forms: "AG", "SpA", "NV", "GmbH", "BV", "KK", "Oy", "Pty"), or "Group"/"Holdings".
bool is_corporate_suffix(std::string_view word);
// A corporate suffix other than "Group" and "Holdings", which also end names people use.
bool is_legal_suffix(std::string_view word);
// A dotted or slashed foreign legal form with its punctuation taken out: "SA" (S.A.), "NV",
// "SPA" (S.p.A.), "BV", "KK", "AG", "PLC", "LP", "AS" (A/S).
bool is_spelled_out_suffix(std::string_view letters);
// A lower-case word that joins the parts of a name: "and", "of", "de", "du", "och", "van".
bool is_name_particle(std::string_view word);
// A word that, written before "of", makes "X of Y" one name whatever Y is ("Bank of
// Braman", "Bancorp of West Virginia"); other "X of Y" are one name only when Y is a place.
bool is_institution_word(std::string_view word);
// A word that ends a company's name without a legal suffix after it ("Bancorp", "Bancshares",
// "Banks"), or does after `before` ("Royalty Trust", "Income Fund", "Loan Association").
bool is_name_end_word(std::string_view word, std::string_view before);
// A country, state or city name ("Canada", "Texas", "Houston").
bool is_place(std::string_view word);
// A country, continent, state or province, not a city ("Japan", "Canada", "Texas").
bool is_region(std::string_view word);
// America, Canada, a US state or a Canadian province: after "Co of" or "Corp of" part of the
// company's name ("Aluminum Co of America", "Public Service Co of Colorado"), where another
// country says where the company is from ("NEC Corp of Japan").
bool is_home_region(std::string_view word);
// A word that names a country's people before a company's name ("American", "Canadian").
bool is_nationality(std::string_view word);
// A place or a people ("Texas", "Japanese"), or a compass point before a place ("North" in
// "North America"): words that alone never name a company ("U.S. Airlines", "South Africa").
bool is_place_or_people(std::string_view word, std::string_view next);
// A capitalised word that starts sentences or names something other than a company, so it
// never starts a discovered name ("The", "Shares", "Monday", "Mr").
bool is_name_stopword(std::string_view word);
// A word that alone is no company name: generic business words ("International", "Sons",
// "Trust", "Securities", "Investors", "Service") and places ("America", "Canada", "Texas").
bool is_generic_or_place(std::string_view word);
// A word that ends longer names and alone, or with others like it, is a fragment of one:
// "Investors", "Service", "Insurance", "Loan", "Sons", "International", "Trust".
bool is_fragment_word(std::string_view word);
// A name (without its suffix) of a government body, central bank or international
// organisation ("Federal Deposit Insurance", "Commodity Credit", "Bank of Japan", "World Bank").
bool is_public_body(std::string_view name);
// A word right after a common-word company name that gives it its ordinary sense: "rainforest"
// after Amazon, "applications" after Visa, "of" after Oracle ("the Oracle of Omaha").
bool is_ordinary_sense_after(std::string_view word);
// A word right before one that does: "tourist" Visa, "Big" Apple, "President" Ford.
bool is_ordinary_sense_before(std::string_view word);

// The words of a name in lower case, without the punctuation between them.
std::vector<std::string> lower_words(std::string_view name);
// Two strings one insertion, deletion, substitution or swap of neighbours apart.
bool one_edit_apart(std::string_view a, std::string_view b);
// `acronym` (2 to 6 capitals) is made of the initials of `name`'s words, without particles
// and suffixes: "CGE" of "Cie Generale d'Electricite", "HSN" of "Home Shopping Network".
bool is_acronym_of(std::string_view acronym, std::string_view name);
// The longer name `name` is `part` followed by a legal suffix or "of" ("Hospital" of "Hospital
// Corp of America").
bool starts_name(std::string_view part, std::string_view name);
// `part` is the last words of the longer name `name` ("Brown and Sons" of "Alex. Brown and
// Sons", "Read" of "Dillon Read"), compared without case and punctuation.
bool ends_name(std::string_view part, std::string_view name);

// For each line of `text`, whether it is in capitals (a wire headline: "BROWN-FORMAN SETS STOCK
// SPLIT, UPS PAYOUT"), where an all-caps alias is no evidence of a company.
std::vector<bool> capitals_lines(std::string_view text);
// A headline's all-capitals name in title case ("TOLL BROTHERS" -> "Toll Brothers"); words of
// up to three letters stay in capitals ("AMR"), "of", "and" and "the" go lower case.
std::string headline_case(std::string_view name);
// The headline's words abbreviate `company`, word for word: each is the company's word or its
// start of three letters or more, or its initial before a dot ("GEN DYNAMICS" for General
// Dynamics, "S.ATLANTIC" for South Atlantic Financial, "INT'L" for International).
bool abbreviates(std::string_view headline, std::string_view company);

// A company value of an article: its name, whether it was discovered, how often it is named.
struct NameCount {
  std::string name;
  bool discovered;
  std::size_t count;
};
// One company, one value: for each value, the index of the value it is another way of
// writing (itself if none). A discovered name is the article's other name when it is its
// acronym ("CGE" for Cie Generale d'Electricite), the last words of a gazetteer name ("Sachs"
// beside Goldman Sachs; not "Hoechst" beside American Hoechst), its first, generic words before
// a suffix and "of" ("Hospital" beside Hospital Corp of America), or a misspelling of it by one
// letter: of a gazetteer name, or of a word the article (`uses` counts a lower-case word's
// uses) writes more often the other way or that is a generic word ("Colonia Bancorp" beside
// Colonial Bancorp).
std::vector<std::size_t> variant_of(const std::vector<NameCount>& values,
                                    const std::function<std::size_t(std::string_view)>& uses);

// Names (lower case, 8 letters or more) indexed with each of their one-letter deletions, so
// that a name misspelt by one letter ("Genetech", "Morgan Stanely") finds the one it misspells
// without comparing it with every name.
class MisspellingIndex {
 public:
  void add(std::size_t id, std::string_view form);
  // The id of the one name that `name` misspells by one letter (same first letter), if only
  // one does.
  std::optional<std::size_t> find(std::string_view name) const;

 private:
  static constexpr std::size_t kMinLength = 8;
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::string>>> near_;
};

}  // namespace newsdex::company_words
