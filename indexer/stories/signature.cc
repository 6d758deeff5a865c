#include "indexer/stories/signature.h"

#include <algorithm>
#include <cstdlib>

#include "core/dates.h"

namespace newsdex::stories {

namespace {

constexpr std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

constexpr std::uint64_t fnv(std::string_view s) {
  std::uint64_t h = kFnvOffset;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h;
}

// The day words, as the tokeniser hashes them before its finaliser; each becomes kDayWord.
constexpr std::array<std::uint64_t, 10> kDayWords = {
    fnv("yesterday"), fnv("today"),    fnv("tomorrow"), fnv("monday"),   fnv("tuesday"),
    fnv("wednesday"), fnv("thursday"), fnv("friday"),   fnv("saturday"), fnv("sunday")};
constexpr std::uint64_t kDayWord = mix(fnv("<day>"));
// A number in a figure's context, and the edge of the text.
constexpr std::uint64_t kNumberMark = mix(fnv("<number>"));
constexpr std::uint64_t kEdge = mix(fnv("<edge>"));

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

struct Token {
  std::uint64_t hash;
  bool number;  // has a digit
};

// Appends the tokens of `s` to `out` (see Signature for what a token is).
void tokenize(std::string_view s, std::vector<Token>& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_word_byte(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    std::uint64_t h = kFnvOffset;
    bool digit = false;
    const std::size_t begin = i;
    for (; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      const bool inner_number_mark = (c == '.' || c == ',') && i > 0 && i + 1 < s.size() &&
                                     is_digit(static_cast<unsigned char>(s[i - 1])) &&
                                     is_digit(static_cast<unsigned char>(s[i + 1]));
      if (!is_word_byte(c) && !inner_number_mark) break;
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      digit = digit || is_digit(c);
      h = (h ^ c) * kFnvPrime;
    }
    const std::size_t length = i - begin;
    const bool day_word = !digit && length >= 5 && length <= 9 &&
                          std::find(kDayWords.begin(), kDayWords.end(), h) != kDayWords.end();
    out.push_back({day_word ? kDayWord : mix(h), digit});
  }
}

// The lower-case runs of ASCII letters of `s`, in order.
template <typename F>
void for_each_word(std::string_view s, F&& f) {
  std::string w;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && is_letter(static_cast<unsigned char>(s[i]))) {
      w += lower(s[i]);
    } else if (!w.empty()) {
      f(std::string_view(w));
      w.clear();
    }
  }
}

bool is_month(std::string_view w) {
  static constexpr std::string_view kMonths[] = {
      "january",   "february", "march",    "april",    "may",  "june", "july", "august",
      "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
      "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"};
  return std::find(std::begin(kMonths), std::end(kMonths), w) != std::end(kMonths);
}

// Whether `s` names a day of a month: "March 3", "Mar. 3" or "3 March".
bool has_month_day(std::string_view s) {
  // Words of letters and numbers of digits, in order; a number is kept as "#" if it can be a
  // day of a month (1 to 31), else as "".
  std::vector<std::string> items;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t j = i;
    if (is_letter(c)) {
      std::string w;
      for (; j < s.size() && is_letter(static_cast<unsigned char>(s[j])); ++j) w += lower(s[j]);
      items.push_back(std::move(w));
    } else if (is_digit(c)) {
      int v = 0;
      for (; j < s.size() && is_digit(static_cast<unsigned char>(s[j])); ++j) {
        v = std::min(v * 10 + (s[j] - '0'), 100);
      }
      items.emplace_back(v >= 1 && v <= 31 ? "#" : "");
    } else {
      ++j;
    }
    i = j;
  }
  for (std::size_t k = 0; k + 1 < items.size(); ++k) {
    if ((is_month(items[k]) && items[k + 1] == "#") ||
        (items[k] == "#" && is_month(items[k + 1]))) {
      return true;
    }
  }
  return false;
}

bool has_correction_word(std::string_view s) {
  bool found = false;
  for_each_word(s, [&](std::string_view w) {
    found = found || w == "corrected" || w == "correction" || w == "refiling" || w == "repeat" ||
            w == "rpt";
  });
  return found;
}

// The MinHash seeds, one per row of every band.
struct Seeds {
  std::array<std::uint64_t, kBands * kRows> v{};
  Seeds() {
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = mix(0x5eed0000ULL + i) | 1;
  }
};
const Seeds kSeeds;

}  // namespace

std::uint64_t stable_hash(std::string_view s) { return mix(fnv(s)); }

std::uint64_t lone_band_key(const BandKeys& bands, int b) {
  return mix(mix(bands[0] ^ 0x1ead0000ULL) + bands[1] + static_cast<std::uint64_t>(b));
}

std::string hex16(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

std::string article_key(std::string_view article_id) { return hex16(stable_hash(article_id)); }

std::string_view without_dateline(std::string_view body) {
  const std::size_t start = std::min(body.find_first_not_of(" \t\r\n"), body.size());
  std::string_view head = body.substr(start, 80);
  head = head.substr(0, head.find('\n'));
  // The first dash after a space: "-" or "--", an en or em dash.
  for (std::size_t i = 1; i < head.size(); ++i) {
    if (head[i - 1] != ' ') continue;
    std::size_t after = 0;
    if (head[i] == '-') {
      after = i;
      while (after < head.size() && head[after] == '-') ++after;
    } else if (head.substr(i, 3) == "\xe2\x80\x94" || head.substr(i, 3) == "\xe2\x80\x93") {
      after = i + 3;
    } else {
      continue;
    }
    const std::string_view prefix = head.substr(0, i - 1);
    std::size_t end = start + after;
    const bool then_space = end == body.size() || body[end] == ' ' || body[end] == '\n';
    if (!then_space || prefix.find(',') == std::string_view::npos || !has_month_day(prefix)) {
      return body;
    }
    while (end < body.size() && body[end] == ' ') ++end;
    return body.substr(end);
  }
  return body;
}

bool marked_as_correction(std::string_view title, std::string_view body) {
  if (has_correction_word(title)) return true;
  const std::size_t start = std::min(body.find_first_not_of(" \t\r\n"), body.size());
  std::string_view line = body.substr(start);
  line = line.substr(0, line.find('\n'));
  if (line.size() > 100) {  // drop the word the cut goes through
    std::size_t cut = 100;
    while (cut > 0 && is_letter(static_cast<unsigned char>(line[cut]))) --cut;
    line = line.substr(0, cut);
  }
  return has_correction_word(line);
}

Signature make_signature(std::string_view title, std::string_view body, std::string_view date) {
  Signature sig;
  std::vector<Token> tokens;
  tokens.reserve(body.size() / 5 + 16);
  tokenize(title, tokens);
  const std::size_t body_start = tokens.size();
  tokenize(without_dateline(body), tokens);
  auto masked = [&](std::size_t i) { return tokens[i].number ? kNumberMark : tokens[i].hash; };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].number) continue;
    const std::uint64_t before = i == 0 ? kEdge : masked(i - 1);
    const std::uint64_t after = i + 1 == tokens.size() ? kEdge : masked(i + 1);
    sig.numbers.push_back(tokens[i].hash);
    sig.figures.push_back({mix(mix(before) + after), tokens[i].hash});
  }
  std::sort(sig.numbers.begin(), sig.numbers.end());
  sig.numbers.erase(std::unique(sig.numbers.begin(), sig.numbers.end()), sig.numbers.end());
  std::sort(sig.figures.begin(), sig.figures.end());
  sig.figures.erase(std::unique(sig.figures.begin(), sig.figures.end()), sig.figures.end());
  auto shingle_at = [&](std::size_t i) {
    std::uint64_t h = tokens[i].hash;
    for (std::size_t j = 1; j < static_cast<std::size_t>(kShingleWords); ++j) {
      h = mix(h * 31 + tokens[i + j].hash);
    }
    return h;
  };
  auto& sh = sig.shingles;
  if (tokens.empty()) {
    // No words (an article of metadata only): no shingle, so it is nobody's near duplicate.
    // (One shingle of nothing made every such article of a few days one story.)
  } else if (tokens.size() < static_cast<std::size_t>(kShingleWords)) {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (const auto& t : tokens) h = mix(h ^ t.hash);
    sh.push_back(h);
  } else {
    sh.reserve(tokens.size());
    for (std::size_t i = 0; i + kShingleWords <= tokens.size(); ++i) sh.push_back(shingle_at(i));
    std::sort(sh.begin(), sh.end());
    sh.erase(std::unique(sh.begin(), sh.end()), sh.end());
  }
  // The lead: the shingles that start within the body's first kLeadWords words.
  std::vector<std::uint64_t> lead;
  const std::size_t lead_end = std::min(tokens.size(), body_start + kLeadWords);
  for (std::size_t i = body_start; i + kShingleWords <= lead_end; ++i)
    lead.push_back(shingle_at(i));
  std::array<std::uint64_t, kBands * kRows> mins;
  mins.fill(~0ULL);
  const std::size_t whole_rows = static_cast<std::size_t>(kWholeBands * kRows);
  for (const auto s : sh) {
    for (std::size_t i = 0; i < whole_rows; ++i) mins[i] = std::min(mins[i], mix(s ^ kSeeds.v[i]));
  }
  for (const auto s : lead) {
    for (std::size_t i = whole_rows; i < mins.size(); ++i) {
      mins[i] = std::min(mins[i], mix(s ^ kSeeds.v[i]));
    }
  }
  for (int b = 0; b < kBands; ++b) {
    std::uint64_t k = mix(0xba9dULL + static_cast<std::uint64_t>(b));
    for (int r = 0; r < kRows; ++r) k = mix(k ^ mins[static_cast<std::size_t>(b * kRows + r)]);
    sig.bands[static_cast<std::size_t>(b)] = k;
  }
  // A body too short for a lead shingle has no lead: keys of its own, so that such articles
  // (headline-only flashes) are not each other's candidates through an empty lead.
  if (lead.empty()) {
    for (int b = kWholeBands; b < kBands; ++b) {
      sig.bands[static_cast<std::size_t>(b)] = lone_band_key(sig.bands, b);
    }
  }
  for (auto& k : sig.bands) k &= kBandKeyMask;
  if (const auto d = parse_iso_date(date)) sig.day = d->days_since_epoch();
  sig.correction = marked_as_correction(title, body);
  return sig;
}

namespace {
std::size_t common(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t n = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}
}  // namespace

double containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  const std::size_t smaller = std::min(a.size(), b.size());
  return smaller == 0 ? 0 : static_cast<double>(common(a, b)) / static_cast<double>(smaller);
}

double resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  const std::size_t n = common(a, b);
  const std::size_t all = a.size() + b.size() - n;
  return all == 0 ? 0 : static_cast<double>(n) / static_cast<double>(all);
}

bool figures_differ(const Signature& a, const Signature& b) {
  // The figures each has that the other does not have in the same context, by context.
  std::vector<Figure> only_a, only_b;
  std::set_difference(a.figures.begin(), a.figures.end(), b.figures.begin(), b.figures.end(),
                      std::back_inserter(only_a));
  std::set_difference(b.figures.begin(), b.figures.end(), a.figures.begin(), a.figures.end(),
                      std::back_inserter(only_b));
  auto absent_from = [](const Figure& f, const Signature& other) {
    return !std::binary_search(other.numbers.begin(), other.numbers.end(), f.number);
  };
  for (std::size_t i = 0, j = 0; i < only_a.size() && j < only_b.size();) {
    const std::uint64_t ca = only_a[i].context, cb = only_b[j].context;
    if (ca != cb) {
      ca < cb ? ++i : ++j;
      continue;
    }
    // Both give another number here: a figure differs unless each number is one the other
    // text gives elsewhere (figures moved or swapped, not changed).
    bool new_number = false;
    for (; i < only_a.size() && only_a[i].context == ca; ++i) {
      new_number = new_number || absent_from(only_a[i], b);
    }
    for (; j < only_b.size() && only_b[j].context == ca; ++j) {
      new_number = new_number || absent_from(only_b[j], a);
    }
    if (new_number) return true;
  }
  return false;
}

bool corrects(const Signature& a, const Signature& b) {
  if (!a.correction && !b.correction) return false;
  return std::min(a.numbers.size(), b.numbers.size()) < kNumbersChecked ||
         containment(a.numbers, b.numbers) >= kMinNumberContainment;
}

bool share_a_band(const Signature& a, const Signature& b) {
  for (std::size_t i = 0; i < a.bands.size(); ++i) {
    if (a.bands[i] == b.bands[i]) return true;
  }
  return false;
}

bool close_in_time(const Signature& a, const Signature& b) {
  if (!a.day || !b.day) return !a.day && !b.day;
  return std::labs(*a.day - *b.day) <= kMaxDaysApart;
}

bool same_story(const Signature& a, const Signature& b) {
  if (!close_in_time(a, b) || !share_a_band(a, b)) return false;
  if (containment(a.shingles, b.shingles) < kMinContainment) return false;
  return !figures_differ(a, b) || corrects(a, b);
}

}  // namespace newsdex::stories
