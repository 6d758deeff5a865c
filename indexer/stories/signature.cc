#include "indexer/stories/signature.h"

#include <algorithm>
#include <cstdlib>

#include "core/dates.h"

namespace newsdex::stories {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Appends the hash of each token of `s` to `out`, and of each token with a digit to `numbers`
// (see Signature for what a token is).
void hash_tokens(std::string_view s, std::vector<std::uint64_t>& out,
                 std::vector<std::uint64_t>& numbers) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_word_byte(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    std::uint64_t h = 0xcbf29ce484222325ULL;
    bool digit = false;
    for (; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      const bool inner_number_mark = (c == '.' || c == ',') && i > 0 && i + 1 < s.size() &&
                                     is_digit(static_cast<unsigned char>(s[i - 1])) &&
                                     is_digit(static_cast<unsigned char>(s[i + 1]));
      if (!is_word_byte(c) && !inner_number_mark) break;
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      digit = digit || is_digit(c);
      h = (h ^ c) * 0x100000001b3ULL;
    }
    out.push_back(mix(h));
    if (digit) numbers.push_back(out.back());
  }
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

std::uint64_t stable_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return mix(h);
}

std::string hex16(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

std::string article_key(std::string_view article_id) { return hex16(stable_hash(article_id)); }

Signature make_signature(std::string_view title, std::string_view body, std::string_view date) {
  Signature sig;
  std::vector<std::uint64_t> tokens;
  tokens.reserve(body.size() / 5 + 16);
  hash_tokens(title, tokens, sig.numbers);
  hash_tokens(body, tokens, sig.numbers);
  std::sort(sig.numbers.begin(), sig.numbers.end());
  sig.numbers.erase(std::unique(sig.numbers.begin(), sig.numbers.end()), sig.numbers.end());
  auto& sh = sig.shingles;
  if (tokens.size() < static_cast<std::size_t>(kShingleWords)) {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (const auto t : tokens) h = mix(h ^ t);
    sh.push_back(h);
  } else {
    sh.reserve(tokens.size());
    for (std::size_t i = 0; i + kShingleWords <= tokens.size(); ++i) {
      std::uint64_t h = tokens[i];
      for (std::size_t j = 1; j < static_cast<std::size_t>(kShingleWords); ++j) {
        h = mix(h * 31 + tokens[i + j]);
      }
      sh.push_back(h);
    }
    std::sort(sh.begin(), sh.end());
    sh.erase(std::unique(sh.begin(), sh.end()), sh.end());
  }
  std::array<std::uint64_t, kBands * kRows> mins;
  mins.fill(~0ULL);
  for (const auto s : sh) {
    for (std::size_t i = 0; i < mins.size(); ++i) mins[i] = std::min(mins[i], mix(s ^ kSeeds.v[i]));
  }
  for (int b = 0; b < kBands; ++b) {
    std::uint64_t k = mix(0xba9dULL + static_cast<std::uint64_t>(b));
    for (int r = 0; r < kRows; ++r) k = mix(k ^ mins[static_cast<std::size_t>(b * kRows + r)]);
    sig.bands[static_cast<std::size_t>(b)] = k;
  }
  if (const auto d = parse_iso_date(date)) sig.day = d->days_since_epoch();
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
  return std::min(a.numbers.size(), b.numbers.size()) < kNumbersChecked ||
         containment(a.numbers, b.numbers) >= kMinNumberContainment;
}

}  // namespace newsdex::stories
