// Near-duplicate signatures of articles: word shingles of the normalised text, MinHash band
// keys for finding candidates (locality-sensitive hashing), and the similarity rule that
// decides whether two articles tell the same story.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::stories {

// LSH layout: kBands bands of kRows MinHash rows. Two articles whose shingle sets have
// Jaccard resemblance J share at least one band key with probability 1 - (1 - J^kRows)^kBands
// (0.99 at J = 0.5, 0.78 at J = 0.3 with 16 x 2).
inline constexpr int kBands = 16;
inline constexpr int kRows = 2;
// Words per shingle.
inline constexpr int kShingleWords = 3;
// Two articles are the same story when their shingle containment (shared shingles over the
// smaller set) reaches kMinContainment; when both carry at least kNumbersChecked distinct
// numbers, at least kMinNumberContainment of the smaller set of numbers appear in the other;
// and their dates are at most kMaxDaysApart apart (undated articles only match undated ones).
// Chosen by measurement on data/story-pairs.tsv (README, Stories).
inline constexpr double kMinContainment = 0.7;
inline constexpr std::size_t kNumbersChecked = 3;
inline constexpr double kMinNumberContainment = 0.5;
inline constexpr long kMaxDaysApart = 1;

using BandKeys = std::array<std::uint64_t, kBands>;

// The text an article is compared by: its title and body, normalised (lower case; a token is
// a run of letters and digits, digits keeping their inner '.' and ',' so "1.25" and "155,221"
// stay whole), hashed as overlapping kShingleWords-word windows. Numbers are words, so briefs
// that differ only in their figures share few shingles. Sorted, without repeats; a text of
// fewer than kShingleWords words is one shingle (an empty text, the hash of nothing).
struct Signature {
  std::vector<std::uint64_t> shingles;
  std::vector<std::uint64_t> numbers;  // the distinct tokens with a digit, hashed and sorted
  BandKeys bands{};
  std::optional<long> day;  // days since 1970-01-01, or none for an undated article
};

// Builds the signature of an article's title, body and ISO date ("" when undated).
Signature make_signature(std::string_view title, std::string_view body, std::string_view date);

// |a ∩ b| / min(|a|, |b|) over two sorted shingle sets; 0 when either is empty.
double containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);
// |a ∩ b| / |a ∪ b|; 0 when both are empty.
double resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// Whether two signatures share at least one band key (the band index is part of the key).
bool share_a_band(const Signature& a, const Signature& b);
// Whether the dates are close enough (see kMaxDaysApart).
bool close_in_time(const Signature& a, const Signature& b);
// The same-story rule: a shared band, close in time, the shingle and number containments
// above (see kMinContainment). It is
// symmetric, so the stories (connected components of this relation) do not depend on the order
// in which articles arrive.
bool same_story(const Signature& a, const Signature& b);

// A stable 64-bit hash (FNV-1a, then a finaliser): the same on every machine and build, as
// keys kept in a database must be.
std::uint64_t stable_hash(std::string_view s);
// The story key of an article id, as 16 lower-case hex digits. A story's id is the smallest
// key of its members.
std::string article_key(std::string_view article_id);
// 16 lower-case hex digits.
std::string hex16(std::uint64_t v);

}  // namespace newsdex::stories
