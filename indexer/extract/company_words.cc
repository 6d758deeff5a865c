#include "indexer/extract/company_words.h"

#include <string>
#include <unordered_set>

#include "core/text.h"

namespace newsdex::company_words {

namespace {
using WordSet = std::unordered_set<std::string>;
bool contains(const WordSet& set, std::string_view word) {
  return set.count(text::to_lower_ascii(word)) != 0;
}
}  // namespace

bool is_company_cue(std::string_view word) {
  static const WordSet kCues = {
      "inc",         "corp",        "corporation",  "co",        "ltd",          "plc",
      "ag",          "llc",         "shares",       "share",     "stock",        "stocks",
      "ceo",         "cfo",         "chief",        "executive", "executives",   "spokesperson",
      "spokesman",   "spokeswoman", "chairman",     "board",     "investors",    "earnings",
      "revenue",     "announced",   "unveiled",     "launched",  "reported",     "sales",
      "profit",      "stores",      "quarter",      "quarterly", "shareholders", "customers",
      "iphone",      "iphones",     "ipad",         "mac",       "aws",          "prime",
      "cloud",       "database",    "software",     "cards",     "card",         "payments",
      "payment",     "network",     "transactions", "dealers",   "vehicles",     "trucks",
      "pickup",      "plant",       "factory",      "recall",    "merchants",    "subsidiary",
      "acquisition", "acquire",     "acquired",     "merger",    "deal",         "company",
      "company's",   "nasdaq",      "nyse",         "analysts",  "dividend",     "results",
      "billion",     "products",    "devices",      "app",       "platform",     "rival",
      "rivals",      "supplier",    "suppliers",    "brand",     "chipmaker",    "retailer",
      "automaker",   "carmaker",    "bank",         "lender",    "insurer",      "firm",
      "startup",     "operator",    "employees",    "workers",   "layoffs",      "contract",
      "antitrust",   "lawsuit",     "regulators",   "orders",    "shipments"};
  return contains(kCues, word);
}

bool is_corporate_suffix(std::string_view word) {
  static const std::unordered_set<std::string> kSuffixes = {
      "INC", "CORP", "CO",          "LTD",          "PLC",   "AB",       "Oy", "ASA",
      "Inc", "Corp", "Co",          "Ltd",          "Group", "Holdings", "AG", "plc",
      "PLC", "Plc",  "Corporation", "Incorporated", "Cos",   "Limited",  "SA", "NV",
      "N.V", "S.A",  "SpA",         "GmbH",         "LLC"};
  return kSuffixes.count(std::string(word)) != 0;
}

bool is_name_stopword(std::string_view word) {
  static const WordSet kStop = {
      "the",       "a",         "an",       "and",       "of",        "on",         "in",
      "at",        "for",       "by",       "from",      "with",      "as",         "but",
      "its",       "their",     "both",     "while",     "after",     "before",     "when",
      "shares",    "analysts",  "rival",    "unit",      "mr",        "ms",         "mrs",
      "chief",     "ceo",       "says",     "said",      "according", "to",         "monday",
      "tuesday",   "wednesday", "thursday", "friday",    "saturday",  "sunday",     "january",
      "february",  "march",     "april",    "may",       "june",      "july",       "august",
      "september", "october",   "november", "december",  "last",      "this",       "that",
      "under",     "into",      "about",    "startup",   "supplier",  "partner",    "chipmaker",
      "firm",      "company",   "maker",    "it",        "he",        "she",        "they",
      "we",        "i",         "if",       "or",        "also",      "subsidiary", "parent",
      "affiliate", "including", "said",     "than",      "between",   "against",    "over",
      "sell",      "buy",       "bought",   "sold",      "acquire",   "acquired",   "merge",
      "unit's",    "dr",        "sir",      "president", "chairman"};
  return contains(kStop, word);
}

bool is_generic_or_place(std::string_view word) {
  static const WordSet kGeneric = {
      // generic business words
      "international", "acquisition", "acquisitions", "sons", "son", "brothers", "bros", "gas",
      "oil", "credit", "trust", "securities", "light", "power", "electric", "banking", "bank",
      "bancorp", "bancshares", "loan", "loans", "insurance", "investors", "investor", "service",
      "services", "financial", "finance", "holding", "holdings", "capital", "industries",
      "industrial", "resources", "energy", "petroleum", "mining", "systems", "technologies",
      "technology", "partners", "associates", "savings", "federal", "national", "american",
      "general", "united", "first", "pacific", "chemical", "chemicals", "motors", "motor",
      "communications", "products", "group", "company", "companies", "enterprises", "investment",
      "investments", "trading", "management", "realty", "properties", "development", "corporate",
      "business", "equity", "fund", "funds", "mortgage", "life", "health", "care", "medical",
      "airlines", "air", "steel", "foods", "food", "stores", "utilities", "water", "home", "homes",
      "data", "software", "computer", "computers", "electronics", "manufacturing", "supply",
      "metals", "minerals", "gold", "silver", "sugar", "coffee", "grain", "shipping", "transport",
      "exploration", "production", "commerce", "commercial", "acceptance", "assurance", "exchange",
      "market", "markets", "new", "north", "south", "east", "west", "northern", "southern",
      "eastern", "western", "central", "great", "royal", "state", "city", "county", "public",
      "private", "global", "world", "universal", "standard", "continental", "consolidated",
      "allied", "associated", "diversified", "mutual", "dutch", "british", "french", "german",
      "japanese", "canadian", "swiss", "italian", "european", "asian", "australian", "chinese",
      "korean", "co-operative", "cooperative", "union", "bankers", "merchant", "deposit",
      "guaranty", "guarantee", "security", "reserve", "treasury",
      // places
      "america", "canada", "mexico", "brazil", "argentina", "japan", "china", "korea", "taiwan",
      "india", "australia", "britain", "england", "scotland", "ireland", "wales", "france",
      "germany", "italy", "spain", "portugal", "netherlands", "holland", "belgium", "sweden",
      "norway", "denmark", "finland", "switzerland", "austria", "greece", "turkey", "israel",
      "egypt", "iran", "iraq", "kuwait", "saudi", "arabia", "nigeria", "africa", "europe", "asia",
      "singapore", "malaysia", "indonesia", "philippines", "thailand", "hong", "kong", "zealand",
      "russia", "soviet", "poland", "venezuela", "chile", "colombia", "peru", "ecuador", "usa",
      "u.s", "us", "uk", "texas", "california", "florida", "ohio", "michigan", "illinois",
      "pennsylvania", "virginia", "carolina", "georgia", "york", "jersey", "massachusetts",
      "connecticut", "washington", "oregon", "colorado", "arizona", "nevada", "utah", "minnesota",
      "wisconsin", "iowa", "missouri", "kansas", "nebraska", "oklahoma", "louisiana", "alabama",
      "mississippi", "tennessee", "kentucky", "indiana", "maryland", "delaware", "maine", "vermont",
      "hampshire", "rhode", "island", "hawaii", "alaska", "idaho", "montana", "wyoming", "dakota",
      "arkansas", "chicago", "boston", "houston", "dallas", "detroit", "atlanta", "denver",
      "seattle", "london", "paris", "tokyo", "frankfurt", "zurich", "toronto", "montreal",
      "vancouver", "sydney", "melbourne", "manhattan", "midwest", "mid-america", "americas",
      "atlantic", "gulf", "quebec", "ontario", "alberta", "columbia", "pittsburgh", "philadelphia",
      "cleveland", "cincinnati", "baltimore", "miami", "phoenix", "minneapolis", "louis", "san",
      "francisco", "diego", "los", "angeles", "orleans"};
  return contains(kGeneric, word);
}

bool is_fragment_word(std::string_view word) {
  static const WordSet kFragments = {
      "international", "acquisition", "sons",        "son",        "brothers",    "bros",
      "gas",           "oil",         "credit",      "trust",      "securities",  "light",
      "power",         "electric",    "banking",     "loan",       "loans",       "insurance",
      "investors",     "investor",    "service",     "services",   "financial",   "finance",
      "holding",       "holdings",    "capital",     "industries", "resources",   "energy",
      "systems",       "partners",    "associates",  "savings",    "deposit",     "guaranty",
      "company",       "companies",   "enterprises", "investment", "investments", "management",
      "properties",    "development", "fund",        "funds",      "mortgage",    "products",
      "group",         "corporate",   "federal",     "america",    "canada",      "national",
      "general",       "american",    "united"};
  return contains(kFragments, word);
}

bool is_public_body(std::string_view name) {
  const std::string n = text::to_lower_ascii(name);
  static const WordSet kBodies = {"federal deposit insurance",
                                  "commodity credit",
                                  "federal reserve",
                                  "federal home loan bank",
                                  "federal home loan bank board",
                                  "federal savings and loan insurance",
                                  "world bank",
                                  "export-import bank",
                                  "export import bank",
                                  "bank of england",
                                  "bank of japan",
                                  "bank of canada",
                                  "bank of france",
                                  "bank of italy",
                                  "bundesbank",
                                  "reserve bank",
                                  "overseas private investment",
                                  "export development",
                                  "resolution trust",
                                  "federal national mortgage",
                                  "government national mortgage",
                                  "student loan marketing",
                                  "federal farm credit",
                                  "farm credit",
                                  "tennessee valley authority",
                                  "nuclear regulatory",
                                  "securities and exchange",
                                  "international finance",
                                  "european investment bank",
                                  "asian development bank",
                                  "african development bank",
                                  "inter-american development bank",
                                  "international monetary fund",
                                  "opec",
                                  "gatt",
                                  "oecd",
                                  "european community",
                                  "united nations",
                                  "international coffee organisation",
                                  "international cocoa organisation",
                                  "international coffee organization",
                                  "international cocoa organization",
                                  "treasury",
                                  "pentagon",
                                  "congress",
                                  "senate",
                                  "parliament"};
  if (kBodies.count(n) != 0) return true;
  const std::string padded = " " + n + " ";
  for (const std::string_view w :
       {" ministry ", " department ", " commission ", " agency ", " authority ", " administration ",
        " council ", " government ", " organisation ", " organization ", " nations ",
        " central bank ", " state bank ", " people's bank "}) {
    if (padded.find(w) != std::string::npos) return true;
  }
  return n.rfind("federal reserve", 0) == 0 || n.rfind("federal home loan", 0) == 0;
}

bool is_ordinary_sense_after(std::string_view word) {
  static const WordSet kAfter = {
      "rainforest",  "rainforests",   "river",       "basin",        "jungle",    "forest",
      "forests",     "region",        "delta",       "tribe",        "tribes",    "pie",
      "pies",        "juice",         "orchard",     "orchards",     "tree",      "trees",
      "cider",       "blossom",       "blossoms",    "growers",      "harvest",   "seeds",
      "application", "applications",  "requirement", "requirements", "waiver",    "waivers",
      "holders",     "overstay",      "overstays",   "sponsorship",  "interview", "interviews",
      "of",          "deforestation", "fires",       "wildfires",    "fruit",     "varieties",
      "sauce",       "shock",         "suit",        "suits"};
  return contains(kAfter, word);
}

bool is_ordinary_sense_before(std::string_view word) {
  static const WordSet kBefore = {
      "tourist",  "travel",    "student",  "work",      "entry",   "exit",     "transit", "visitor",
      "business", "immigrant", "schengen", "golden",    "h-1b",    "1b",       "big",     "mr",
      "mrs",      "ms",        "dr",       "president", "senator", "sen",      "rep",     "judge",
      "actor",    "actress",   "director", "coach",     "gov",     "governor", "sir",     "lady",
      "lord",     "brazilian", "peruvian", "colombian"};
  return contains(kBefore, word);
}

}  // namespace newsdex::company_words
