#include "indexer/extract/company_forms.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "indexer/extract/company_passes.h"
#include "indexer/extract/company_words.h"

namespace newsdex {

namespace company_words {

bool is_legal_prefix(std::string_view word) {
  static const std::unordered_set<std::string_view> kPrefixes = {
      "Societe", "Société", "Ste",   "Cie",   "Compagnie", "Banque",   "Caisse",   "Regie",
      "Régie",   "Cassa",   "Banca", "Banco", "Istituto",  "Sociedad", "Compania", "Companhia"};
  return kPrefixes.count(word) != 0;
}

bool is_foreign_particle(std::string_view word) {
  static const std::unordered_set<std::string_view> kParticles = {
      "de", "du", "des", "la", "le", "les", "di",  "del", "della",    "dei",  "degli",
      "e",  "et", "y",   "do", "da", "dos", "das", "a",   "\xC3\xA0", "pour", "sur"};
  return kParticles.count(word) != 0;
}

std::size_t unit_words_at(const std::vector<company_scan::Token>& tokens, std::size_t k) {
  if (k >= tokens.size()) return 0;
  const std::string_view w = tokens[k].text;
  if (w == "International" || w == "Securities" || w == "Asia" || w == "Europe") return 1;
  if (w == "Capital" && k + 1 < tokens.size() && tokens[k + 1].text == "Markets") return 2;
  return 0;
}

bool central_bank_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "Central",  "France",    "Italia",   "Espana",  "España",    "Portugal", "Mexico",
      "Belgique", "Suisse",    "Brasil",   "Chile",   "Argentina", "Colombia", "Venezuela",
      "Peru",     "Republica", "Republic", "Reserva", "Etat"};
  return kWords.count(w) != 0;
}

}  // namespace company_words

using company_scan::is_capitalised;

void CompanyPasses::prefix_discovery() {
  for (std::size_t s = 0; s + 1 < tokens_.size(); ++s) {
    if (sc_.in_match[s] || sc_.in_caps_line(s) || !company_words::is_legal_prefix(tokens_[s].text))
      continue;
    // The name runs over capitalised words, particles before one, and elisions ("d'"), on one
    // line or across a line the wire wrapped.
    std::size_t last = s, places = 0, words = 0, particles = 0;
    bool known_inside = false;
    for (std::size_t k = s + 1; k < tokens_.size() && (sc_.adjacent(k) || sc_.soft_wrap(k - 1));) {
      const std::string_view w = tokens_[k].text;
      // What joins the next word to this one without a space: an elision ("d'Electricite",
      // "L'Eclairage"), a hyphen ("Grand-Duche"), an abbreviation's dot ("St. Gobain").
      const bool joined = k + 2 < tokens_.size() && sc_.tight(k) &&
                          (sc_.tight(k + 1) || tokens_[k + 1].text == ".") &&
                          is_capitalised(tokens_[k + 2].text);
      const std::string_view joiner = k + 1 < tokens_.size() ? tokens_[k + 1].text : "";
      if (joined && (joiner == "'" || joiner == "\xE2\x80\x99") &&
          (w == "d" || w == "l" || w == "D" || w == "L")) {
        k += 2;
      } else if (tokens_[k].word && is_capitalised(w) && !company_words::is_legal_suffix(w)) {
        known_inside = known_inside || sc_.in_match[k];
        places += company_words::is_place(w) || company_words::central_bank_word(w) ? 1 : 0;
        ++words;
        last = k;
        k += joined && (joiner == "-" || (joiner == "." && w.size() <= 3)) ? 2 : 1;
      } else if (company_words::is_foreign_particle(w)) {
        ++particles;
        ++k;
      } else {
        break;
      }
    }
    // Nothing after the form, a known company inside, or a central bank's name ("Banque de
    // France", "Banco Central de Chile": only places after the form).
    if (last == s || known_inside || places == words) continue;
    // "Ste" is also Sainte ("Ste Therese"): a name only with particles ("Ste de la Vieille
    // Montagne"). "Sociedad Anonima", "Societe Anonyme": a legal form spelled out, no name.
    if (tokens_[s].text == "Ste" && particles == 0) continue;
    if (tokens_[s + 1].text == "Anonima" || tokens_[s + 1].text == "Anonyme") continue;
    const std::size_t end = last + 1;
    for (std::size_t k = s; k < end; ++k) sc_.in_match[k] = true;
    const auto c = known(sc_.span(s, end));
    add({c.value_or(sc_.span(s, end)), sc_.span(s, end), tokens_[s].offset, !c,
         "a name opened by the foreign legal form '" + std::string(tokens_[s].text) + "'"},
        false);
  }
}

void CompanyPasses::unit_names() {
  for (std::size_t k = 1; k < tokens_.size(); ++k) {
    if (sc_.in_match[k] || !sc_.in_match[k - 1] || !tokens_[k - 1].word) continue;
    if (!(sc_.adjacent(k) || sc_.soft_wrap(k - 1)) || sc_.in_caps_line(k)) continue;
    const std::size_t e = k + company_words::unit_words_at(tokens_, k);
    if (e == k) continue;
    // The name must end there: "Nomura International Finance Corp" is suffix discovery's.
    if (e < tokens_.size() && sc_.adjacent(e) && tokens_[e].word && is_capitalised(tokens_[e].text))
      continue;
    std::size_t b = k - 1;
    while (b > 0 && sc_.in_match[b - 1] && tokens_[b - 1].word && sc_.adjacent(b)) --b;
    const auto known_mention = std::find_if(out_.begin(), out_.end(), [&](const auto& m) {
      return m.offset == tokens_[b].offset && !m.discovered;
    });
    if (known_mention == out_.end() || provisional_[known_mention - out_.begin()]) continue;
    yield_to_longer(known_mention, b, e, e,
                    "a unit named after a known company ('" + sc_.span(k, e) + "')");
  }
}

}  // namespace newsdex
