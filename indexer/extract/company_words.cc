#include "indexer/extract/company_words.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <unordered_set>

#include "core/text.h"

namespace newsdex::company_words {

namespace {
using WordSet = std::unordered_set<std::string>;
// The set of the words (or phrases) of `list`, separated by `separator`.
WordSet words(std::string_view list, char separator = ' ') {
  WordSet out;
  for (const auto w : text::split(list, separator)) {
    if (!w.empty()) out.emplace(w);
  }
  return out;
}
bool contains(const WordSet& set, std::string_view word) {
  return set.count(text::to_lower_ascii(word)) != 0;
}
}  // namespace

bool is_company_cue(std::string_view word) {
  static const WordSet kCues = words(
      "inc corp corporation co ltd plc ag llc shares share stock stocks ceo cfo chief "
      "executive executives spokesperson spokesman spokeswoman chairman board investors "
      "earnings revenue announced unveiled launched reported sales profit stores quarter "
      "quarterly shareholders customers iphone iphones ipad mac aws prime cloud database "
      "software cards card payments payment network transactions dealers vehicles trucks "
      "pickup plant factory recall merchants subsidiary acquisition acquire acquired merger "
      "deal company company's nasdaq nyse analysts dividend results billion products devices "
      "app platform rival rivals supplier suppliers brand chipmaker retailer automaker "
      "carmaker bank lender insurer firm startup operator employees workers layoffs contract "
      "antitrust lawsuit regulators orders shipments");
  return contains(kCues, word);
}

bool is_legal_suffix(std::string_view word) {
  static const std::unordered_set<std::string> kSuffixes = words(
      "INC CORP CO LTD PLC AB Ab Oy OY Oyj ASA Inc Corp Co Ltd AG Ag plc Plc Corporation "
      "Incorporated Cos Limited SA NV SpA Spa GmbH LLC BV KK Pty PTY Pte Bhd Berhad KGaA SARL Srl "
      "Ltda SAB LP COS LIMITED CORPORATION Sdn");
  return kSuffixes.count(std::string(word)) != 0;
}

bool is_corporate_suffix(std::string_view word) {
  return word == "Group" || word == "Holdings" || is_legal_suffix(word);
}

bool is_spelled_out_suffix(std::string_view letters) {
  static const WordSet kDotted = words("sa nv spa bv kk ag plc lp as sarl srl sab");
  return contains(kDotted, letters);
}

bool is_name_particle(std::string_view word) {
  static const std::unordered_set<std::string_view> kParticles = {
      "and", "&",   "of",  "de", "du", "des", "del", "della", "di",  "da", "do",
      "dos", "och", "und", "et", "y",  "van", "von", "der",   "den", "la", "le"};
  return kParticles.count(word) != 0;
}

bool is_institution_word(std::string_view word) {
  static const WordSet kInstitutions = words(
      "bank banks bancorp bancorporation bancshares trust company companies society "
      "association fund insurance assurance casualty life mutual savings industries group "
      "bankshares banc exchange cie compagnie corporation partnership institute laboratories "
      "university hospital");
  return contains(kInstitutions, word) || is_legal_suffix(word);
}

bool is_name_end_word(std::string_view word, std::string_view before) {
  static const WordSet kAlone =
      words("bancorp bancorporation bancshares bankshares banks airlines airways mills");
  if (contains(kAlone, word)) return true;
  const std::string w = text::to_lower_ascii(word), b = text::to_lower_ascii(before);
  if (w == "trust") {
    return b == "royalty" || b == "realty" || b == "mortgage" || b == "investment" ||
           b == "investors" || b == "income" || b == "equity";
  }
  if (w == "fund") return b == "income" || b == "growth" || b == "equity" || b == "trust";
  if (w == "association") return b == "loan" || b == "savings";
  if (w == "bank") return b == "national";
  if (w == "lines") return b == "air";
  return false;
}

bool is_name_stopword(std::string_view word) {
  static const WordSet kStop = words(
      "the a an and of on in at for by from with as but its their both while after before "
      "when shares analysts rival unit mr ms mrs chief ceo says said according to monday "
      "tuesday wednesday thursday friday saturday sunday january february march april may "
      "june july august september october november december last this that under into about "
      "startup supplier partner chipmaker firm company maker it he she they we i if or also "
      "subsidiary parent affiliate including said than between against over sell buy bought "
      "sold acquire acquired merge unit's dr sir president chairman analyst consultant "
      "economist director officer vice formerly former told agreed dealer dealers broker "
      "brokers trader traders adviser advisor lawyer attorney managing rep sen gov per "
      "via units unit plus later earlier meanwhile however yesterday today separately "
      "tonight under recently previously currently additionally finally subsequently "
      "similarly initially originally eventually instead thus therefore furthermore moreover "
      "nevertheless still now then since though although because unless until whether where "
      "which who what how why all any each every no not some such these those there here "
      "other others several many most two three four five six seven eight nine ten "
      "governor branch deputy minister officials official sources");
  return contains(kStop, word);
}

namespace {
const WordSet& generic_words() {
  static const WordSet kGeneric = words(
      "international acquisition acquisitions sons son brothers bros gas oil credit trust "
      "securities light power electric banking bank bancorp bancshares loan loans insurance "
      "investors investor service services financial finance holding holdings capital "
      "industries industrial resources energy petroleum mining systems technologies "
      "technology partners associates savings federal national american general united first "
      "pacific chemical chemicals motors motor communications products group company "
      "companies enterprises investment investments trading management realty properties "
      "development corporate business equity fund funds mortgage life health care medical "
      "airlines air steel foods food stores utilities water home homes data software "
      "computer computers electronics manufacturing supply metals minerals gold silver sugar "
      "coffee grain shipping transport exploration production commerce commercial acceptance "
      "assurance exchange market markets new north south east west northern southern eastern "
      "western central great royal state city county public private global world universal "
      "standard continental consolidated allied associated diversified mutual dutch british "
      "french german japanese canadian swiss italian european asian australian chinese "
      "korean co-operative cooperative union bankers merchant deposit guaranty guarantee "
      "security reserve treasury merchants producing refining marketing heavy machinery land "
      "association mills publishers pharmaceuticals pharmaceutical laboratories labs airways "
      "banks textile textiles realty royalty income regional hospital");
  return kGeneric;
}
}  // namespace

bool is_home_region(std::string_view word) {
  static const WordSet kRegions = words(
      "america americas canada texas california florida ohio michigan illinois pennsylvania "
      "virginia carolina georgia york jersey massachusetts connecticut washington oregon "
      "colorado arizona nevada utah minnesota wisconsin iowa missouri kansas nebraska "
      "oklahoma louisiana alabama mississippi tennessee kentucky indiana maryland delaware "
      "maine vermont hampshire rhode island hawaii alaska idaho montana wyoming dakota "
      "arkansas quebec ontario alberta columbia manitoba saskatchewan rico england");
  return contains(kRegions, word);
}

bool is_region(std::string_view word) {
  static const WordSet kCountries = words(
      "mexico brazil argentina japan china korea taiwan india australia britain scotland "
      "ireland wales france germany italy spain portugal netherlands holland belgium sweden "
      "norway denmark finland switzerland austria greece turkey israel egypt iran iraq "
      "kuwait saudi arabia nigeria africa europe asia singapore malaysia indonesia "
      "philippines thailand hong kong zealand russia soviet poland venezuela chile colombia "
      "peru ecuador usa u.s us uk midwest mid-america hungary czechoslovakia yugoslavia "
      "romania bulgaria pakistan bangladesh luxembourg iceland jamaica morocco algeria "
      "tunisia libya jordan lebanon syria qatar bahrain oman emirates kenya zimbabwe zambia "
      "zaire ghana bolivia uruguay paraguay panama cuba scandinavia hongkong bermuda bahamas "
      "cayman tanzania uganda ethiopia sudan angola cameroon ivory senegal sri lanka burma "
      "vietnam nepal ");
  return is_home_region(word) || contains(kCountries, word);
}

bool is_place(std::string_view word) {
  static const WordSet kCities = words(
      "chicago boston houston dallas detroit atlanta denver seattle london paris tokyo "
      "frankfurt zurich toronto montreal vancouver sydney melbourne manhattan "
      "pittsburgh philadelphia cleveland cincinnati baltimore miami phoenix minneapolis "
      "louis san francisco diego los angeles orleans okla tex calif");
  return is_region(word) || contains(kCities, word);
}

bool is_nationality(std::string_view word) {
  static const WordSet kNationalities = words(
      "american canadian british australian japanese german french dutch swiss italian "
      "swedish european asian mexican brazilian spanish irish scottish indian islamic "
      "belgian danish norwegian austrian hungarian polish yugoslav israeli korean chinese");
  return contains(kNationalities, word);
}

bool is_place_or_people(std::string_view word, std::string_view next) {
  static const WordSet kCompass =
      words("north south east west new northern southern eastern western");
  return is_place(word) || is_nationality(word) || (contains(kCompass, word) && is_place(next));
}

bool is_generic_or_place(std::string_view word) {
  return contains(generic_words(), word) || is_place(word);
}

bool is_fragment_word(std::string_view word) {
  static const WordSet kFragments = words(
      "international acquisition sons son brothers bros gas oil credit trust securities "
      "light power electric banking loan loans insurance investors investor service services "
      "financial finance holding holdings capital industries resources energy systems "
      "partners associates savings deposit guaranty company companies enterprises investment "
      "investments management properties development fund funds mortgage products group "
      "corporate federal america canada national general american united");
  return contains(kFragments, word);
}

bool is_public_body(std::string_view name) {
  std::string n = text::to_lower_ascii(name);
  if (n.rfind("u.s. ", 0) == 0) n.erase(0, 5);  // "U.S. Commodity Credit"
  static const WordSet kBodies = words(
      "federal deposit insurance|commodity credit|federal reserve|federal home loan bank|"
      "federal home loan bank board|federal savings and loan insurance|world bank|"
      "export-import bank|export import bank|bank of england|bank of japan|bank of canada|"
      "bank of france|bank of italy|bundesbank|reserve bank|overseas private investment|"
      "export development|resolution trust|federal national mortgage|"
      "government national mortgage|student loan marketing|federal farm credit|farm credit|"
      "tennessee valley authority|nuclear regulatory|securities and exchange|"
      "international finance|european investment bank|asian development bank|"
      "african development bank|inter-american development bank|international monetary fund|"
      "opec|gatt|oecd|european community|united nations|international coffee organisation|"
      "international cocoa organisation|international coffee organization|"
      "international cocoa organization|treasury|pentagon|congress|senate|parliament|"
      "swiss national bank|austrian national bank|hungarian national bank|"
      "national bank of hungary|national bank of belgium|national bank of poland|"
      "national bank of yugoslavia|netherlands bank|bank for international settlements|"
      "belgian national bank|danish national bank|polish national bank|"
      "yugoslav national bank|national bank of denmark",
      '|');
  if (kBodies.count(n) != 0) return true;
  // Central banks are named after their country: "Bank of Korea", "National Bank of Hungary",
  // "Swiss National Bank" (a commercial "Bank of Tokyo" is named by a city, or in the gazetteer).
  static const WordSet kCountries = words(
      "japan korea france italy spain portugal greece england canada finland norway sweden "
      "denmark austria belgium thailand indonesia malaysia israel mexico hungary poland "
      "jamaica zambia kenya ghana algeria morocco tunisia jordan lebanon iceland turkey "
      "egypt uganda sudan botswana mauritius namibia pakistan guyana libya yugoslavia "
      "romania bulgaria czechoslovakia albania zaire tanzania ethiopia haiti nicaragua "
      "paraguay uruguay peru chile venezuela colombia ecuador bolivia philippines "
      "netherlands switzerland germany luxembourg argentina");
  const auto words = text::split(n, ' ');
  if (words.size() == 3 && words[0] == "bank" && words[1] == "of" &&
      kCountries.count(std::string(words[2])) != 0)
    return true;

  const std::string padded = " " + n + " ";
  for (const std::string_view w :
       {" ministry ",     " department ",     " commission ",       " agency ",
        " authority ",    " administration ", " council ",          " government ",
        " organisation ", " organization ",   " nations ",          " central bank ",
        " state bank ",   " people's bank ",  " development bank ", " investment bank ",
        " land bank ",    " home loan bank ", " monetary ",         " stock exchange ",
        " bourse ",       " exchequer ",      " reserve bank "}) {
    if (padded.find(w) != std::string::npos) return true;
  }
  return n.rfind("federal reserve", 0) == 0 || n.rfind("federal home loan", 0) == 0;
}

bool is_ordinary_sense_after(std::string_view word) {
  static const WordSet kAfter = words(
      "rainforest rainforests river basin jungle forest forests region delta tribe tribes "
      "pie pies juice orchard orchards tree trees cider blossom blossoms growers harvest "
      "seeds application applications requirement requirements waiver waivers holders "
      "overstay overstays sponsorship interview interviews of deforestation fires wildfires "
      "fruit varieties sauce shock suit suits county counties");
  return contains(kAfter, word);
}

bool is_ordinary_sense_before(std::string_view word) {
  static const WordSet kBefore = words(
      "tourist travel student work entry exit transit visitor business immigrant schengen "
      "golden h-1b 1b big mr mrs ms dr president senator sen rep judge actor actress "
      "director coach gov governor sir lady lord brazilian peruvian colombian");
  return contains(kBefore, word);
}

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > 1 || a == b) return false;
  std::size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (a.size() > b.size()) return a.substr(i + 1) == b.substr(i);  // one deleted
  if (a.substr(i + 1) == b.substr(i + 1)) return true;             // one changed
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);  // two swapped
}

namespace {
// `typo` is `name` (lower case, one edit apart) misspelt, not another name: the edit is not a
// final "s" ("Reuter", "Reuters"), does not turn a space into a letter ("CIT Group",
// "Citigroup"), and falls in a word of five letters or more ("AM International" is no
// misspelling of ASM International).
bool plausible_typo(std::string_view typo, std::string_view name) {
  std::size_t i = 0;
  while (i < typo.size() && i < name.size() && typo[i] == name[i]) ++i;
  const auto at_end = [](std::string_view s, std::size_t k) {
    return k + 1 >= s.size() || s[k + 1] == ' ';
  };
  const char a = i < typo.size() ? typo[i] : ' ', b = i < name.size() ? name[i] : ' ';
  if ((a == 's' && at_end(typo, i) && typo.size() > name.size()) ||
      (b == 's' && at_end(name, i) && name.size() > typo.size()))
    return false;
  if (typo.size() == name.size() && (a == ' ') != (b == ' ') && a != '-' && b != '-') return false;
  std::size_t from = typo.rfind(' ', i == 0 ? 0 : i - 1), to = typo.find(' ', i);
  from = from == std::string_view::npos ? 0 : from + 1;
  if (to == std::string_view::npos) to = typo.size();
  return to - from >= 5;
}

// The words of a name as written: runs of letters and digits (UTF-8 bytes count as letters).
std::vector<std::string_view> words_of(std::string_view name) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < name.size()) {
    const auto word_byte = [&](std::size_t k) {
      const auto c = static_cast<unsigned char>(name[k]);
      return std::isalnum(c) || c >= 0x80;
    };
    while (i < name.size() && !word_byte(i)) ++i;
    std::size_t j = i;
    while (j < name.size() && word_byte(j)) ++j;
    if (j > i) out.push_back(name.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

std::vector<std::string> lower_words(std::string_view name) {
  std::vector<std::string> out;
  for (const auto w : words_of(name)) out.push_back(text::to_lower_ascii(w));
  return out;
}

bool is_acronym_of(std::string_view acronym, std::string_view name) {
  const bool capitals = std::all_of(acronym.begin(), acronym.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c));
  });
  if (acronym.size() < 2 || acronym.size() > 6 || !capitals) return false;
  std::string initials;
  std::size_t count = 0;
  for (const auto w : words_of(name)) {
    if (is_name_particle(w) || is_legal_suffix(w)) continue;
    ++count;
    if (w == "d" || w == "l") continue;  // d'Electricite: the E
    initials += static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
  }
  return count >= 2 && initials == acronym;
}

bool starts_name(std::string_view part, std::string_view name) {
  const auto p = lower_words(part), n = lower_words(name);
  if (p.empty() || p.size() >= n.size() || !std::equal(p.begin(), p.end(), n.begin())) return false;
  // Only generic words ("Hospital"): "Saab-Scania" is not Saab-Scania of America.
  if (!std::all_of(p.begin(), p.end(), [](const auto& w) { return is_generic_or_place(w); }))
    return false;
  const auto next = words_of(name)[p.size()];  // "Corp of", not "Corp International"
  return n[p.size()] == "of" ||
         (is_legal_suffix(next) && p.size() + 1 < n.size() && n[p.size() + 1] == "of");
}

bool ends_name(std::string_view part, std::string_view name) {
  const auto p = lower_words(part), n = lower_words(name);
  if (p.empty() || p.size() >= n.size() || p.size() > 3) return false;
  // "Jefferies and Boesky Jefferies" is two parties, not a longer name of Jefferies.
  if (std::find(n.begin(), n.end() - static_cast<std::ptrdiff_t>(p.size()), "and") !=
      n.end() - static_cast<std::ptrdiff_t>(p.size()))
    return false;
  return std::equal(p.begin(), p.end(), n.end() - static_cast<std::ptrdiff_t>(p.size()));
}

std::vector<bool> capitals_lines(std::string_view s) {
  std::vector<bool> out;
  for (const auto line : text::split(s, '\n')) {
    std::size_t upper = 0;
    bool lower = false;
    for (const char c : line) {
      upper += std::isupper(static_cast<unsigned char>(c)) ? 1 : 0;
      lower = lower || std::islower(static_cast<unsigned char>(c));
    }
    out.push_back(!lower && upper >= 4);
  }
  return out;
}

std::string headline_case(std::string_view name) {
  std::string out(name);
  for (const auto w : words_of(name)) {
    const auto at = static_cast<std::size_t>(w.data() - name.data());
    const std::string l = text::to_lower_ascii(w);
    static const WordSet kShortWords = words("new oil gas air sea bay big top old one two car sun");
    if (l == "of" || l == "and" || l == "the") {
      out.replace(at, l.size(), l);
    } else if (w.size() > 3 || contains(kShortWords, l)) {
      out.replace(at + 1, l.size() - 1, l.substr(1));
    }
  }
  return out;
}

bool abbreviates(std::string_view headline, std::string_view company) {
  const auto words = lower_words(company);
  std::size_t w = 0;
  for (const auto word : words_of(headline)) {
    const auto at = static_cast<std::size_t>(word.data() - headline.data());
    if (word == "L" && at > 0 && headline[at - 1] == '\'') continue;  // INT'L
    if (w >= words.size()) return false;
    std::string hw = text::to_lower_ascii(word);
    const bool initial = hw.size() == 1 && at + 1 < headline.size() && headline[at + 1] == '.';
    if (hw == "1st") hw = "first";  // "1ST PENNSYLVANIA" is First Pennsylvania
    if (hw == "2nd") hw = "second";
    const std::string& cw = words[w++];
    if (cw != hw && !(cw.rfind(hw, 0) == 0 && (hw.size() >= 3 || initial))) return false;
  }
  return w > 0;
}

std::vector<std::size_t> variant_of(const std::vector<NameCount>& values,
                                    const std::function<std::size_t(std::string_view)>& uses) {
  // `name` misspells `other`: one edit in one word, which the article writes more often the
  // other way or which is a generic word the other way ("Utilties", "Colonia Bancorp").
  const auto misspells = [&](const std::string& name, const NameCount& other) {
    const std::string a = text::to_lower_ascii(name), b = text::to_lower_ascii(other.name);
    if (a.size() < 6 || !one_edit_apart(a, b) || !plausible_typo(a, b)) return false;
    if (!other.discovered) return true;
    const auto wa = lower_words(a), wb = lower_words(b);
    if (wa.size() != wb.size()) return false;
    std::size_t k = 0;
    while (k < wa.size() && wa[k] == wb[k]) ++k;
    if (k == wa.size()) return true;  // "G.H.Stool", "G.H. Stool": the same words
    return uses(wb[k]) > uses(wa[k]) || (is_generic_or_place(wb[k]) && !is_generic_or_place(wa[k]));
  };
  std::vector<std::size_t> target(values.size());
  for (std::size_t d = 0; d < values.size(); ++d) {
    target[d] = d;
    if (!values[d].discovered) continue;
    for (std::size_t c = 0; c < values.size(); ++c) {
      if (c == d || (c < d && target[c] != c)) continue;
      const auto& name = values[d].name;
      const auto& other = values[c].name;
      const auto first = lower_words(other);  // "American Hoechst" is a unit of Hoechst
      const bool unit = !first.empty() && is_nationality(first[0]);
      if (is_acronym_of(name, other) ||
          (!values[c].discovered && !unit && ends_name(name, other)) || starts_name(name, other) ||
          misspells(name, values[c])) {
        target[d] = c;
        break;
      }
    }
  }
  return target;
}

void MisspellingIndex::add(std::size_t id, std::string_view form) {
  const std::string l = text::to_lower_ascii(form);
  if (l.size() < kMinLength) return;
  near_[l].emplace_back(id, l);
  for (std::size_t k = 1; k < l.size(); ++k)
    near_[l.substr(0, k) + l.substr(k + 1)].emplace_back(id, l);
}

std::optional<std::size_t> MisspellingIndex::find(std::string_view name) const {
  const std::string l = text::to_lower_ascii(name);
  if (l.size() < kMinLength) return std::nullopt;
  std::optional<std::size_t> found;
  bool ambiguous = false;
  auto look = [&](const std::string& key) {
    const auto it = near_.find(key);
    if (it == near_.end()) return;
    for (const auto& [id, form] : it->second) {
      if (form[0] != l[0] || !one_edit_apart(form, l) || !plausible_typo(l, form)) continue;
      ambiguous = ambiguous || (found && *found != id);
      found = id;
    }
  };
  look(l);
  std::string key;
  for (std::size_t k = 1; k < l.size(); ++k) {
    key.assign(l).erase(k, 1);
    look(key);
  }
  return ambiguous ? std::nullopt : found;
}

}  // namespace newsdex::company_words
