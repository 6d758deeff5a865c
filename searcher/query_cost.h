// The cost model of one query: limits checked before any posting list is read, so that no
// request can hold a core for long or grow without bound (issue 17). Each limit, when
// passed, is a UsageError naming it (exit 2, HTTP 400).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>

namespace newsdex {

// Wildcards (`word*`) in one query.
inline constexpr std::size_t kMaxWildcards = 8;
// Words one wildcard may expand to (also Xapian's set_max_expansion for the parser).
inline constexpr Xapian::termcount kMaxWildcardTerms = 1000;
// Postings of all the query's terms and wildcard expansions together: about a second of
// matching on this hardware at worst, and 20x the largest posting list of a 1M-article index.
inline constexpr std::uint64_t kMaxQueryPostings = 20'000'000;

// Words in one phrase or NEAR/ADJ group: each candidate's positions are compared across all
// of them, inside Xapian's matcher, where the request's deadline cannot stop it.
inline constexpr std::size_t kMaxPositionalTerms = 32;
// Positional work of a query: for each phrase or NEAR/ADJ group, its words times the articles
// that have its rarest word (the candidates whose positions are read). About a microsecond a
// unit on this hardware: 5M units is some 5 s on one core at worst (a 2-word phrase of two
// common words at a million articles is 2M).
inline constexpr std::uint64_t kMaxPositionalWork = 5'000'000;

// Checks `text` (parsed by QueryParser into `query`) against the limits above, in `db`
// (`max_postings` replaces kMaxQueryPostings, for tests).
// Cheap for ordinary queries: the postings sum is taken only for queries of more than 16
// terms or with wildcards, the positional work only for phrases and NEAR/ADJ groups. Throws
// UsageError naming the limit that is passed.
void check_query_cost(const Xapian::Database& db, const std::string& text,
                      const Xapian::Query& query, std::uint64_t max_postings = kMaxQueryPostings);

}  // namespace newsdex
