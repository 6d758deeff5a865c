// Near-duplicate signatures of articles: word shingles of the normalised text, MinHash band
// keys for finding candidates (locality-sensitive hashing), the figures the text gives, and the
// rule that decides whether two articles tell the same story.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::stories {

// LSH layout: kWholeBands bands of kRows MinHash rows over the whole text's shingles, then
// kLeadBands over the shingles of the body's first kLeadWords words. Two articles whose shingle
// sets have Jaccard resemblance J share a whole-text band key with probability
// 1 - (1 - J^kRows)^kWholeBands (0.99 at J = 0.5, 0.78 at J = 0.3 with 16 x 2). A trimmed or
// extended copy (a 100-word version of a 450-word story) has a low J but the same lead: the
// lead bands make it a candidate (0.98 at a lead J of 0.8), and the rule below decides.
inline constexpr int kWholeBands = 16;
inline constexpr int kLeadBands = 4;
inline constexpr int kBands = kWholeBands + kLeadBands;
inline constexpr int kRows = 2;
inline constexpr std::size_t kLeadWords = 40;
// Words per shingle.
inline constexpr int kShingleWords = 3;
// Two articles are the same story when their shingle containment (shared shingles over the
// smaller set) reaches kMinContainment, they give no different figures (figures_differ) unless
// one corrects the other (corrects), and their dates are at most kMaxDaysApart apart
// (undated articles only match undated ones): a weekend, so a Friday item re-sent on Monday
// still joins. Chosen by measurement on data/story-pairs.tsv (README, Stories).
inline constexpr double kMinContainment = 0.7;
inline constexpr long kMaxDaysApart = 3;
// A correction changes some figures, not all: when both texts give at least kNumbersChecked
// distinct numbers, at least kMinNumberContainment of the smaller set appear in the other.
inline constexpr std::size_t kNumbersChecked = 3;
inline constexpr double kMinNumberContainment = 0.5;

// Band keys keep their hash's low kBandKeyBits bits (a value of 4 bytes a band in the
// database): a false shared key among the few thousand articles of a day's window is rare
// (about one in 2^32 per pair of keys) and is only a candidate; same_story still decides.
inline constexpr int kBandKeyBits = 32;
inline constexpr std::uint64_t kBandKeyMask = (std::uint64_t{1} << kBandKeyBits) - 1;
using BandKeys = std::array<std::uint64_t, kBands>;

// One occurrence of a number token with the tokens either side of it, numbers among them
// masked: "rose 5 pct" and "rose 7 pct" have the same context and two numbers.
struct Figure {
  std::uint64_t context = 0;
  std::uint64_t number = 0;  // the token's hash, as in Signature::numbers
  friend auto operator<=>(const Figure&, const Figure&) = default;
};

// The text an article is compared by: its title and body (without the body's dateline,
// "LONDON, March 3 - "), normalised: lower case; a token is a run of letters and digits, digits
// keeping their inner '.' and ',' so "1.25" and "155,221" stay whole; the day words
// (yesterday, today, tomorrow, Monday .. Sunday) are one word, so a re-send that says
// "Saturday" for "yesterday" reads the same. Hashed as overlapping kShingleWords-word windows.
// Numbers are words, so briefs that differ only in their figures share few shingles. Sorted,
// without repeats; a text of fewer than kShingleWords words is one shingle (an empty text, the
// hash of nothing).
struct Signature {
  std::vector<std::uint64_t> shingles;
  std::vector<std::uint64_t> numbers;  // the distinct tokens with a digit, hashed and sorted
  std::vector<Figure> figures;         // every number with its context, sorted, no repeats
  BandKeys bands{};
  std::optional<long> day;  // days since 1970-01-01, or none for an undated article
  bool correction = false;  // marked_as_correction(title, body)
};

// Builds the signature of an article's title, body and ISO date ("" when undated).
Signature make_signature(std::string_view title, std::string_view body, std::string_view date);

// The body without its opening dateline: "CITY, March 3 - " (a comma, a month and a day, then
// a dash, within the first line's first 80 bytes; "(Reuters)" and a year may come before the
// dash). Returns `body` when it opens otherwise.
std::string_view without_dateline(std::string_view body);
// Whether the title or the body's first line (its first 100 bytes) holds one of the words
// "corrected", "correction", "refiling", "repeat" or "rpt" (the wire's "repeat"), in any case.
bool marked_as_correction(std::string_view title, std::string_view body);

// |a ∩ b| / min(|a|, |b|) over two sorted shingle sets; 0 when either is empty.
double containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);
// |a ∩ b| / |a ∪ b|; 0 when both are empty.
double resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// Whether the two texts give different figures in the same place: a context where each has a
// number the other does not have there, one of them a number the other text never gives. A
// copy that drops or adds sentences, or moves a figure, differs in no figure; notices of one
// template for other days, companies or periods do.
bool figures_differ(const Signature& a, const Signature& b);
// Whether one of the two is marked as a correction (or repeat) of the other: either is
// marked, and they keep most of their numbers (see kNumbersChecked).
bool corrects(const Signature& a, const Signature& b);
// Whether the two articles share at least one band key (the band index is part of the key).
bool share_a_band(const Signature& a, const Signature& b);
// Whether the dates are close enough (see kMaxDaysApart).
bool close_in_time(const Signature& a, const Signature& b);
// The same-story rule: a shared band, close in time, shingle containment at least
// kMinContainment, and no figures that differ unless one corrects the other. It is
// symmetric, so the stories (connected components of this relation) do not depend on the order
// in which articles arrive.
bool same_story(const Signature& a, const Signature& b);

// A stable 64-bit hash (FNV-1a, then a finaliser): the same on every machine and build, as
// keys kept in a database must be.
// A key for band `b` (a lead band) that only articles with the same first whole-text bands
// share: the lead bands of an article without a lead, or stored before lead bands existed.
std::uint64_t lone_band_key(const BandKeys& bands, int b);
std::uint64_t stable_hash(std::string_view s);
// The story key of an article id, as 16 lower-case hex digits. A story's id is the smallest
// key of its members.
std::string article_key(std::string_view article_id);
// 16 lower-case hex digits.
std::string hex16(std::uint64_t v);

}  // namespace newsdex::stories
