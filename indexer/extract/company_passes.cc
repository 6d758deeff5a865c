#include "indexer/extract/company_passes.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "indexer/extract/company_forms.h"
#include "indexer/extract/company_words.h"

namespace newsdex {

using company_scan::acceptable_discovery;
using company_scan::has_lower;
using company_scan::is_capitalised;
using company_scan::legal_suffix_end;
using company_scan::lower;
using company_scan::name_goes_on;
using company_scan::name_tail_end;
using company_scan::strip_trailing;
using company_words::is_corporate_suffix;

namespace {

// One company, one value (company_words::variant_of): a discovered name that the article
// also writes in full takes that name.
void merge_variants(std::vector<CompanyMention>& mentions, const company_scan::Scan& sc) {
  std::vector<company_words::NameCount> values;
  const auto value_of = [&](const std::string& name) {
    return std::find_if(values.begin(), values.end(),
                        [&](const auto& v) { return v.name == name; });
  };
  for (const auto& m : mentions) {
    if (const auto it = value_of(m.company); it != values.end()) {
      ++it->count;
    } else {
      values.push_back({m.company, m.discovered, 1});
    }
  }
  const auto target = company_words::variant_of(values, [&](std::string_view word) {
    return static_cast<std::size_t>(std::count_if(
        sc.tokens.begin(), sc.tokens.end(), [&](const auto& t) { return lower(t.text) == word; }));
  });
  for (auto& m : mentions) {
    const auto& t = values[target[static_cast<std::size_t>(value_of(m.company) - values.begin())]];
    if (t.name == m.company) continue;
    m.company = t.name;
    m.discovered = t.discovered;
    m.why += " (the article's name for it: " + t.name + ")";
  }
}
}  // namespace

CompanyTrie::CompanyTrie(const CompanyGazetteer& gazetteer) {
  const auto& companies = gazetteer.companies();
  for (std::size_t i = 0; i < companies.size(); ++i) {
    const auto& c = companies[i];
    auto common = [&](const std::string& form) {
      return std::find(c.common_words.begin(), c.common_words.end(), form) != c.common_words.end();
    };
    add(i, c.name, common(c.name));
    near.add(i, c.name);
    for (const auto& a : c.aliases) {
      add(i, a, common(a));
      near.add(i, a);
    }
  }
}

CompanyPasses::CompanyPasses(const CompanyGazetteer& gazetteer, const CompanyTrie& trie,
                             std::string_view text, int year)
    : gazetteer_(gazetteer), year_(year), trie_(trie), sc_(text), tokens_(sc_.tokens) {}

void CompanyPasses::add(CompanyMention m, bool needs_confirmation) {
  out_.push_back(std::move(m));
  provisional_.push_back(needs_confirmation);
}

void CompanyPasses::yield_to_longer(std::vector<CompanyMention>::iterator known_mention,
                                    std::size_t from, std::size_t name_end, std::size_t match_end,
                                    std::string why) {
  provisional_.erase(provisional_.begin() + (known_mention - out_.begin()));
  out_.erase(known_mention);
  for (std::size_t k = from; k < match_end; ++k) sc_.in_match[k] = true;
  const std::string name = sc_.span(from, name_end);
  const auto c = known(name);
  add({c.value_or(name), sc_.span(from, match_end), tokens_[from].offset, !c, std::move(why)},
      false);
}

std::optional<std::string> CompanyPasses::known(std::string_view name) const {
  // (A company founded after the article's year is not what the name meant then.)
  auto c = gazetteer_.canonical_in(name, year_);
  for (const std::string_view end : {" Group", " Holdings"}) {
    if (!c && name.size() > end.size() && name.substr(name.size() - end.size()) == end)
      c = gazetteer_.canonical_in(name.substr(0, name.size() - end.size()), year_);
  }
  return c;
}

std::pair<std::size_t, std::string> CompanyPasses::known_tail(std::size_t b, std::size_t e) const {
  const bool initials = e > b + 2 && tokens_[b + 1].text == "." && tokens_[b].text.size() == 1;
  for (std::size_t k = b + 1; k < e; ++k) {
    if (!(initials || (tokens_[k - 1].text == "and" || tokens_[k - 1].text == "&"))) continue;
    if (!tokens_[k].word || !is_capitalised(tokens_[k].text)) continue;
    if (auto c = known(sc_.span(k, e))) return {k, *c};
  }
  return {e, ""};
}

void CompanyPasses::tickers_and_brackets() {
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (const std::size_t be = bracketed_name_end(sc_, i)) {
      // Reuters writes unlisted companies in brackets: "<I P Sharp Associates Ltd>".
      const std::size_t e = strip_trailing(sc_, i + 1, be - 1);
      if (e == i + 1) continue;
      const std::string full = sc_.span(i + 1, be - 1), name = sc_.span(i + 1, e);
      for (std::size_t k = i; k < be; ++k) sc_.in_match[k] = true;
      const std::string shown =
          sc_.in_caps_line(i) ? company_words::headline_case(sc_.span(i + 1, e)) : name;
      if (auto c = known(full); c || (c = known(name))) {
        add({*c, full, tokens_[i + 1].offset, false, "name in brackets"}, false);
      } else if (acceptable_discovery(sc_, i + 1, e, true)) {
        add({shown, full, tokens_[i + 1].offset, true, "name in brackets"}, false);
      }
      continue;
    }
    const std::size_t te = ticker_end(sc_, i);
    if (te == 0) continue;
    const std::string ticker = sc_.span(i + 1, te - 1);
    bool cut = false;
    std::size_t b = name_start(sc_, i, cut);
    if (b >= i) continue;
    b = skip_headline_words(sc_, b, i);
    std::size_t e = i;
    // "MCLEAN'S <MII> U.S. LINES": the headline's possessive is not part of the name.
    if (e >= b + 3 && lower(tokens_[e - 1].text) == "s" &&
        (tokens_[e - 2].text == "'" || tokens_[e - 2].text == "\xE2\x80\x99"))
      e -= 2;
    e = strip_trailing(sc_, b, e);
    if (e == b) continue;
    // "Alex. Brown and Sons Inc <ABSB>": a gazetteer name that starts a little earlier.
    for (std::size_t k = b > 3 ? b - 3 : 0; k < b; ++k) {
      if (tokens_[k].word && !sc_.in_match[k] && sc_.line_of[k] == sc_.line_of[b] &&
          known(sc_.span(k, e))) {
        b = k;
        break;
      }
    }
    for (std::size_t k = b; k < te; ++k) sc_.in_match[k] = true;
    const std::string full = sc_.span(b, i), name = sc_.span(b, e);
    const std::string why = "name before the ticker <" + ticker + ">";
    if (auto c = known(full); c || (c = known(name))) {
      add({*c, full, tokens_[b].offset, false, why}, false);
      by_ticker_.emplace(ticker, *c);
    } else if (const auto [k, tail] = known_tail(b, e); k < e) {
      add({tail, sc_.span(k, i), tokens_[k].offset, false, why}, false);
      by_ticker_.emplace(ticker, tail);
    } else if (sc_.in_caps_line(b)) {
      headline_tickers_.push_back({ticker, name, b, e});
    } else if (!cut && acceptable_discovery(sc_, b, e)) {
      add({name, full, tokens_[b].offset, true, why}, false);
      by_ticker_.emplace(ticker, name);
    }
  }
}

void CompanyPasses::gazetteer_names() {
  for (std::size_t i = 0; i < tokens_.size();) {
    if (sc_.in_match[i]) {
      ++i;
      continue;
    }
    std::size_t best_end = 0;
    const CompanyTrie::Alias* best = nullptr;
    std::string why;
    bool best_provisional = false;
    std::size_t node = 0;
    for (std::size_t j = i; j < tokens_.size() && !sc_.in_match[j]; ++j) {
      const auto it = trie_.nodes[node].next.find(lower(tokens_[j].text));
      if (it == trie_.nodes[node].next.end()) break;
      node = it->second;
      // "Orange-Co", "Charter-Crellin": one word of a hyphenated name is not the company,
      // unless the other is a company too ("GM-Toyota").
      const auto word = [&](std::size_t k) {
        return tokens_[k].word && !trie_.single_word(tokens_[k].text);
      };
      const bool glued_after = j + 2 < tokens_.size() && tokens_[j + 1].text == "-" &&
                               sc_.tight(j) && sc_.tight(j + 1) && word(j + 2);
      const bool glued_before = i >= 2 && tokens_[i - 1].text == "-" && sc_.tight(i - 2) &&
                                sc_.tight(i - 1) && word(i - 2);
      if (j == i && (glued_after || glued_before)) continue;
      for (const std::size_t ai : trie_.nodes[node].aliases) {
        const auto& alias = trie_.all[ai];
        bool exact = true;
        for (std::size_t k = 0; k < alias.tokens.size(); ++k) {
          if (tokens_[i + k].text != alias.tokens[k]) exact = false;
        }
        const bool suffix_after =
            j + 1 < tokens_.size() && is_corporate_suffix(tokens_[j + 1].text);
        // In a list ("Microsoft and Meta", "Apple, Nvidia and AMD") a neighbour vouches.
        const bool listed =
            (i >= 2 && sc_.in_match[i - 2] &&
             (tokens_[i - 1].text == "," || tokens_[i - 1].text == "and")) ||
            (j + 2 < tokens_.size() &&
             (tokens_[j + 1].text == "," || tokens_[j + 1].text == "and") && tokens_[j + 2].word &&
             is_capitalised(tokens_[j + 2].text) && !tokens_[j + 2].line_start);
        const bool cue = suffix_after || listed || sc_.sentence_cue[sc_.sentence_of[i]] ||
                         sc_.possessive_at(j + 1);
        std::string rule;
        bool needs_confirmation = false;
        if (alias.all_caps) {
          if (!exact) continue;
          // "5 MS" is five milliseconds.
          if (i > 0 && std::isdigit(static_cast<unsigned char>(tokens_[i - 1].text.back())))
            continue;
          rule = "all-caps alias, exact";
        } else if (alias.common_word) {
          if (!exact) continue;
          const bool after_ordinary = j + 1 < tokens_.size() &&
                                      company_words::is_ordinary_sense_after(tokens_[j + 1].text) &&
                                      !sc_.possessive_at(j + 1);
          const bool before_ordinary =
              i > 0 && company_words::is_ordinary_sense_before(tokens_[i - 1].text);
          // "Harrison Ford": a capitalised word right before, mid-sentence, is a first name.
          const bool person = i > 0 && sc_.adjacent(i) && tokens_[i - 1].word &&
                              is_capitalised(tokens_[i - 1].text) && !sc_.sentence_start(i - 1) &&
                              !sc_.in_match[i - 1] && !sc_.in_caps_line(i);
          if (after_ordinary || before_ordinary || person) continue;
          needs_confirmation = !cue;
          rule = cue ? "common word with a company cue in its sentence"
                     : "common word without a cue (kept only if the article names the company "
                       "unambiguously elsewhere)";
        } else {
          if (is_capitalised(alias.tokens[0]) && !is_capitalised(tokens_[i].text)) continue;
          rule = exact ? "exact" : "case-insensitive";
        }
        if (sc_.in_caps_line(i) && !suffix_after) {
          needs_confirmation = true;
          rule = "in a capitals line (kept only if the article names the company elsewhere)";
        }
        if (j + 1 > best_end) {
          best_end = j + 1;
          best = &alias;
          why = rule;
          best_provisional = needs_confirmation;
        }
      }
    }
    // A company founded after the article's year is not what the name meant then.
    if (best == nullptr || !gazetteer_.companies()[best->company].existed_in(year_)) {
      ++i;
      continue;
    }
    const auto& company = gazetteer_.companies()[best->company];
    add({company.name, sc_.span(i, best_end), tokens_[i].offset, false,
         (best->form == company.name ? "name" : "alias '" + best->form + "'") + std::string(", ") +
             why},
        best_provisional);
    for (std::size_t k = i; k < best_end; ++k) sc_.in_match[k] = true;
    i = best_end;
  }
}

void CompanyPasses::suffix_discovery() {
  for (std::size_t s = 1; s < tokens_.size(); ++s) {
    if (sc_.in_match[s] || !tokens_[s].word) continue;
    const std::size_t suffix_end = legal_suffix_end(sc_, s);
    const bool bank_of = tokens_[s].text == "Bank" && s + 2 < tokens_.size() &&
                         tokens_[s + 1].text == "of" && is_capitalised(tokens_[s + 2].text);
    const bool kept_anchor =
        suffix_end == 0 &&
        (tokens_[s].text == "Group" || tokens_[s].text == "Holdings" || bank_of ||
         (is_capitalised(tokens_[s].text) &&
          company_words::is_name_end_word(tokens_[s].text, tokens_[s - 1].text)));
    if (suffix_end == 0 && !kept_anchor) continue;
    if (s + 1 < tokens_.size() && tokens_[s + 1].text == "-") continue;  // "Co-founder"
    const std::size_t fe = name_tail_end(sc_, suffix_end != 0 ? suffix_end : s + 1, bank_of);
    // "Dart Group Corp", "Colonial Bancorp Inc": the suffix after decides.
    if (kept_anchor && (name_goes_on(sc_, fe) || sc_.in_match[s - 1])) continue;
    if (!kept_anchor && name_goes_on(sc_, fe, true)) continue;
    const std::size_t e = kept_anchor ? s + 1 : s;
    const std::string why =
        (kept_anchor ? "capitalised name ending in '" : "capitalised name before the suffix '") +
        sc_.span(s, suffix_end != 0 ? suffix_end : s + 1) + "'";
    auto take = [&](std::size_t from, std::string company, bool discovered) {
      for (std::size_t k = from; k < fe; ++k) sc_.in_match[k] = true;
      add({std::move(company), sc_.span(from, fe), tokens_[from].offset, discovered, why}, false);
    };
    // The known mention at token `from` yields to the longer name [from, fe).
    auto replace = [&](std::size_t from, std::vector<CompanyMention>::iterator known_mention) {
      const std::size_t end = strip_trailing(sc_, from, fe);
      if (!known(sc_.span(from, end)) && !acceptable_discovery(sc_, from, end)) return;
      yield_to_longer(known_mention, from, end, fe, why);
    };
    // A known name right before: the known company counts ("Hyundai Motor Group"), unless the
    // words around make it a unit of its own ("American Hoechst Corp", "Ford Motor Co of
    // Canada Ltd"), which replaces it.
    std::size_t kb = e;
    while (kb > 0 && sc_.in_match[kb - 1] && tokens_[kb - 1].word && (kb == e || sc_.adjacent(kb)))
      --kb;
    const auto replaced = std::find_if(out_.begin(), out_.end(), [&](const CompanyMention& m) {
      return kb < e && m.offset == tokens_[kb].offset && !m.discovered;
    });
    if (kb < e && sc_.in_match[e - 1]) {
      const bool nationality = kb > 0 && sc_.adjacent(kb) && !sc_.in_match[kb - 1] &&
                               !sc_.in_caps_line(kb) &&
                               company_words::is_nationality(tokens_[kb - 1].text) &&
                               is_capitalised(tokens_[kb - 1].text);
      const bool of_place = fe > (suffix_end != 0 ? suffix_end : s + 1) &&
                            std::any_of(tokens_.begin() + static_cast<std::ptrdiff_t>(s),
                                        tokens_.begin() + static_cast<std::ptrdiff_t>(fe),
                                        [](const auto& t) { return t.text == "of"; });
      if ((nationality || of_place) && replaced != out_.end())
        replace(nationality ? kb - 1 : kb, replaced);
      continue;
    }
    bool cut = false;
    std::size_t b = name_start(sc_, e, cut);
    // "Moody's Investors Service Inc": a fragment of the known name before it.
    if (cut) continue;
    // "Delta Trust Holdings Inc" after a match of "Delta": the known name is the start of a
    // longer one, which names another company (or, when the gazetteer knows it, that one).
    kb = b;
    while (kb > 0 && sc_.in_match[kb - 1] && tokens_[kb - 1].word &&
           (sc_.adjacent(kb) || sc_.soft_wrap(kb - 1)))
      --kb;
    if (kb < b) {
      const auto inner = std::find_if(out_.begin(), out_.end(), [&](const CompanyMention& m) {
        return m.offset == tokens_[kb].offset && !m.discovered;
      });
      // Not inside a ticker or bracket name, and not "Lufthansa German Airlines" (Lufthansa).
      const bool nationality =
          std::all_of(tokens_.begin() + static_cast<std::ptrdiff_t>(b),
                      tokens_.begin() + static_cast<std::ptrdiff_t>(s),
                      [](const auto& t) { return company_words::is_nationality(t.text); });
      if (inner != out_.end() && !nationality) replace(kb, inner);
      continue;
    }
    b = skip_headline_words(sc_, b, e);
    while (b < e && company_words::is_legal_suffix(tokens_[b].text)) ++b;
    if (b >= e) continue;  // nothing but suffixes ("Co Inc")
    const std::size_t end = strip_trailing(sc_, b, fe);
    if (end <= b) continue;
    const std::string name = sc_.span(b, end);
    if (const auto c = known(name)) {
      take(b, *c, false);
      continue;
    }
    if (const auto [k, tail] = known_tail(b, end); k < end) {
      take(k, tail, false);
      continue;
    }
    // Before "Group" or "Bancorp", the words must name a company on their own terms.
    // "Bank of Tokyo": the place makes the name.
    const bool words_before = kept_anchor && !bank_of;
    if (!acceptable_discovery(sc_, b, words_before ? s : end)) continue;
    if (words_before &&
        (!names_more_than_places(sc_, b, s) || company_words::is_public_body(sc_.span(b, end))))
      continue;
    take(b, name, true);
  }
}

void CompanyPasses::headline_names() {
  for (const auto& h : headline_tickers_) {
    std::string name;
    if (const auto it = by_ticker_.find(h.ticker); it != by_ticker_.end()) name = it->second;
    for (std::size_t k = 0; name.empty() && k < out_.size(); ++k) {
      if (lower(out_[k].company).rfind(lower(h.name), 0) == 0) name = out_[k].company;
    }
    // A company the article names that the headline's words, or its last ones, abbreviate:
    // "GEN DYNAMICS", "S.ATLANTIC", "MANAGEMENT GROUP HAS RESTAURANT".
    for (std::size_t from = h.b; name.empty() && from < h.e; ++from) {
      for (std::size_t k = 0; name.empty() && k < out_.size(); ++k) {
        if (company_words::abbreviates(sc_.span(from, h.e), out_[k].company))
          name = out_[k].company;
      }
    }
    // The body's spelling of the name, or of its end ("SEEKS CYCLOPS" -> "Cyclops").
    for (std::size_t from = h.b; name.empty() && from < h.e; ++from) {
      const std::size_t n = h.e - from;
      if (!tokens_[from].word) continue;
      for (std::size_t k = 0; name.empty() && k + n <= tokens_.size(); ++k) {
        if (sc_.in_caps_line(k) || !has_lower(tokens_[k].text) || !is_capitalised(tokens_[k].text))
          continue;
        std::size_t m = 0;
        while (m < n && lower(tokens_[k + m].text) == lower(tokens_[from + m].text)) ++m;
        if (m == n && (known(sc_.span(k, k + n)) || acceptable_discovery(sc_, k, k + n)))
          name = sc_.span(k, k + n);
      }
    }
    // A name that opens the headline ("TOLL BROTHERS INC <TOL> 1ST QTR NET") stands alone.
    const bool from_body = !name.empty();
    if (!from_body && !tokens_[h.b].line_start) continue;
    if (!from_body) name = company_words::headline_case(sc_.span(h.b, h.e));
    const bool discovered = !known(name);
    if (discovered && !from_body && !acceptable_discovery(sc_, h.b, h.e, true)) continue;
    add({known(name).value_or(name), h.name, tokens_[h.b].offset, discovered,
         "headline name before <" + h.ticker + ">"},
        false);
  }
}

std::vector<CompanyMention> CompanyPasses::finish() {
  std::unordered_set<std::string> confirmed;
  for (std::size_t k = 0; k < out_.size(); ++k) {
    if (!provisional_[k]) confirmed.insert(out_[k].company);
  }
  std::vector<CompanyMention> kept;
  for (std::size_t k = 0; k < out_.size(); ++k) {
    if (!provisional_[k] || confirmed.count(out_[k].company)) kept.push_back(std::move(out_[k]));
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto& a, const auto& b) { return a.offset < b.offset; });
  for (auto& m : kept) {
    if (!m.discovered) continue;
    for (std::size_t p; (p = m.company.find(", ")) != std::string::npos;) m.company.erase(p, 1);
    if (const auto c = known(m.company)) {
      m.company = *c;
      m.discovered = false;
    } else if (const auto k = trie_.near.find(m.company)) {
      m.company = gazetteer_.companies()[*k].name;
      m.discovered = false;
      m.why += " (a misspelling of a gazetteer name)";
    }
  }
  merge_variants(kept, sc_);
  return kept;
}

}  // namespace newsdex
