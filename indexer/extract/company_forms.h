// Company names built from a form rather than found whole: names that a foreign legal form
// opens ("Cassa di Risparmio di Roma") and units named after a known company ("Morgan Stanley
// International"). The word tables here; the passes that use them are CompanyPasses's
// prefix_discovery and unit_names (defined in company_forms.cc).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "indexer/extract/company_scan.h"

namespace newsdex::company_words {

// A word that opens a company's name in French, Italian, Spanish and Portuguese ("Societe",
// "Ste", "Cie", "Banque", "Caisse", "Regie", "Cassa", "Banca", "Banco", "Istituto").
bool is_legal_prefix(std::string_view word);
// A lower-case word inside such a name: "de", "du", "des", "la", "di", "del", "della", "e",
// "et", "y", "do", "da", "a", "pour" (not "and" or "of", which join two English names as
// often as one).
bool is_foreign_particle(std::string_view word);
// How many tokens from `k` name a company's unit after its name: "International",
// "Securities", "Capital Markets", "Asia", "Europe"; 0 when none does.
std::size_t unit_words_at(const std::vector<company_scan::Token>& tokens, std::size_t k);
// "Central" and countries as their own languages write them ("France", "Italia", "Republica"),
// which after "Banque", "Banca" or "Banco" name a central bank.
bool central_bank_word(std::string_view word);

}  // namespace newsdex::company_words
