// Word lists that company extraction judges names and contexts with: what counts as a company
// cue, what a discovered name may not be (a generic word, a place, a public body), and the
// contexts in which a company name that is also an ordinary word or surname means something
// else (the Amazon rainforest, a travel Visa, Harrison Ford).
#pragma once

#include <string_view>

namespace newsdex::company_words {

// A word near a name that says the name is a company: "shares", "Inc", "CEO", "said" ...
bool is_company_cue(std::string_view word);
// A corporate suffix that ends a company's legal name ("Inc", "Corp", "Co", "Ltd", "plc").
bool is_corporate_suffix(std::string_view word);
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

}  // namespace newsdex::company_words
