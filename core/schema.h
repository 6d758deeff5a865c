// The schema: the one table that says, for every field, its term prefix, its value slot and
// its roles. Nothing else in Newsdex spells a prefix or a slot number.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"

namespace newsdex::schema {

enum FieldFlag : unsigned {
  kStored = 1U << 0,    // kept in the document data and shown in results
  kFreeText = 1U << 1,  // words indexed for ranked search (name: searches only this field)
  kBoolean = 1U << 2,   // exact-value terms, usable as name:value and --filter name=value
  kFacet = 1U << 3,     // counted in facets (implies kBoolean)
  kRange = 1U << 4,     // sortable value in value_slot, searchable as name:a..b
};

// How a value typed in a filter or a field query finds the value as indexed (after the exact
// spelling, and before the same value in another case).
enum class Resolve {
  kExact,       // as typed
  kGazetteer,   // a company alias ("GM") is its canonical name ("General Motors")
  kVocabulary,  // a source's code ("usa", "money-fx") is the name data/vocabulary.tsv gives it
  kCalendar,    // year and month: ranges of the calendar, not a list of known values
};

struct FieldSpec {
  std::string_view name;    // user-facing name: query prefix, filter and facet name, JSON key
  std::string_view prefix;  // Xapian term prefix; "" means unprefixed free text
  int value_slot;           // Xapian value slot, or -1
  unsigned flags;
  unsigned wdf_weight;  // free text only: how much one occurrence counts in ranking
  // A field with a list of values per article: the Article member that holds them, their
  // key in the stored JSON (document data and the API's hits), the keys a JSON Lines record
  // may give them under ("|" between keys; "" when records cannot), and the Article flag set
  // when the record gave them (then they are not extracted), if any.
  std::vector<std::string> Article::*values = nullptr;
  std::string_view stored_key = "";
  std::string_view input_keys = "";
  bool Article::*given = nullptr;
  Resolve resolve = Resolve::kExact;

  bool has(FieldFlag f) const { return (flags & f) != 0; }
};

// Terms: Q<id>; D<yyyymmdd>, M<yyyymm>, Y<yyyy> (Omega's conventions for dates); X...: for
// multi-letter prefixes, always with a colon so that values may start with any character.
// Titles are indexed twice: unprefixed with weight 3 (so title words rank above body words in
// plain queries) and with prefix S for title: queries. A new field goes at the end: a facet's
// value slots follow from its place in the table (facet_slot).
inline constexpr std::array<FieldSpec, 16> kFields = {{
    {"id", "Q", 1, kStored | kBoolean, 0},  // slot 1: the id, so ids-only hits skip the data
    {"title", "S", -1, kStored | kFreeText, 3},
    {"body", "", -1, kStored | kFreeText, 1},
    {"date", "D", 0, kStored | kRange | kBoolean, 0},
    {"year", "Y", -1, kBoolean | kFacet, 0, nullptr, "", "", nullptr, Resolve::kCalendar},
    {"month", "M", -1, kBoolean | kFacet, 0, nullptr, "", "", nullptr, Resolve::kCalendar},
    {"company", "XCOMPANY:", -1, kStored | kBoolean | kFacet, 0, &Article::companies, "companies",
     "companies", &Article::companies_given, Resolve::kGazetteer},
    // Organisations (OPEC, World Bank) as a source names them: a facet apart from companies.
    {"org", "XORG:", -1, kStored | kBoolean | kFacet, 0, &Article::orgs, "orgs", "orgs", nullptr,
     Resolve::kVocabulary},
    {"topic", "XTOPIC:", -1, kStored | kBoolean | kFacet, 0, &Article::topics, "topics",
     "topics|category", &Article::topics_given, Resolve::kVocabulary},
    {"source", "XSOURCE:", -1, kStored | kBoolean | kFacet, 0},
    {"author", "A", -1, kStored | kFreeText, 1},
    {"url", "", -1, kStored, 0},
    // Company names found only through a corporate suffix ("Acme Widgets Inc."), not in the
    // gazetteer: indexed as companies too, and listed here so that stats can show them.
    {"discovered", "XDISCOVERED:", -1, kBoolean, 0, &Article::discovered, "discovered"},
    // The story (near-duplicate group) id, also in slot 2; slot 3 holds the LSH band keys the
    // indexer finds near duplicates by, and the term XSBu marks undated articles for it.
    {"story", "XSTORY:", 2, kStored | kBoolean, 0},
    {"storyband", "XSB", 3, 0, 0},
    // Countries and places the source files the article under (Reuters PLACES), named by
    // data/vocabulary.tsv; not extracted from the text.
    {"place", "XPLACE:", -1, kStored | kBoolean | kFacet, 0, &Article::places, "places", "places",
     nullptr, Resolve::kVocabulary},
}};

// The field called `name`, or nullptr.
const FieldSpec* find_field(std::string_view name);
// The field called `name`; throws UsageError naming the known fields when there is none.
const FieldSpec& field(std::string_view name);

// The facet fields in table order ("year", "month", "company", "topic", "source").
std::string facet_field_names();

// The boolean term for `value` of a boolean field: term("year", "2018") == "Y2018",
// term("month", "2018-11") == "M201811", term("company", "SK Hynix") == "XCOMPANY:SK Hynix".
// Whitespace runs in values other than ids become one space ("Salomon\nBrothers"). A term
// that would pass kMaxTermBytes is never cut silently: it becomes the value's first bytes,
// '#' and a 128-bit hash of the whole value (32 hex digits), so distinct long values keep
// distinct terms; writers keep the full value in the document and check it on replace.
std::string term(const FieldSpec& f, std::string_view value);
// The value as term() indexes it: whitespace runs squeezed (all fields but id), trimmed.
std::string normalize_value(const FieldSpec& f, std::string_view value);
// The inverse of term(): the user-facing value of a boolean term of field f.
std::string value_of_term(const FieldSpec& f, std::string_view term);

// Xapian's limit on term length, in bytes; longer boolean values are hashed (see term()).
inline constexpr std::size_t kMaxTermBytes = 240;

// Facet values in value slots, for Xapian's remote backend (a cluster, core/stub.h): a stock
// xapian-tcpsrv counts values only with the built-in ValueCountMatchSpy, one slot at a time.
// Value i (in term order) of facet field f is in slot facet_slot(f, i), as term() indexes it
// without the field's prefix; each value once per article, so the counts of a field's slots
// add up to exact article counts. An article's values past kMaxFacetSlots (in term order) are
// not in slots, so a cluster does not count them (no news article names 256 companies).
inline constexpr unsigned kMaxFacetSlots = 256;
inline constexpr unsigned kFacetSlotBase = 1000;
// REQUIRES: f.has(kFacet), i < kMaxFacetSlots.
unsigned facet_slot(const FieldSpec& f, unsigned i);

// Metadata keys stored in every Newsdex database.
inline constexpr std::string_view kMetaSchemaKey = "newsdex:schema";
// 2: wdf holds ranking impacts; 3: the org field, topic codes mapped to taxonomy names, stories.
inline constexpr std::string_view kMetaSchemaVersion = "3";
inline constexpr std::string_view kMetaCompaniesKey = "newsdex:companies";
// "1" when every article of the database has its facet values in slots (facet_slot): written
// when Newsdex creates a database, so a database begun by an older version never has it.
inline constexpr std::string_view kMetaFacetSlotsKey = "newsdex:facet_slots";

}  // namespace newsdex::schema
