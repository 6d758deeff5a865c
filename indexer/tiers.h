// Archive tiers (issue 24): a database rewritten as an archive (core/stub.h) of sealed,
// compacted parts, one per period of publication, and one live part that new articles go to.
// Searched together they answer as the one database did: every article keeps its terms,
// values, stored data and story.
#pragma once

#include <xapian.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

enum class TierPeriod { kYear, kMonth };

// "year" or "month"; throws UsageError naming --by otherwise.
TierPeriod parse_tier_period(const std::string& text);

// The part an article dated `iso_date` (YYYY-MM-DD, "" when undated) belongs to: "1987" or
// "1987-03"; "undated" for no date.
std::string tier_of(const std::string& iso_date, TierPeriod period);

// The phases of tier_database, in order (the tests kill it at each).
inline constexpr std::string_view kTierCopying = "copying articles into parts";
inline constexpr std::string_view kTierCompacting = "compacting parts";
inline constexpr std::string_view kTierSwapping = "swapping in the archive";
inline constexpr std::string_view kTierSwapped = "swapped in the archive";

// The name of the part new articles go to; always the stub's last line.
inline constexpr const char* kLivePart = "live";

struct TierResult {
  struct Part {
    std::string name;
    Xapian::doccount documents = 0;
  };
  std::vector<Part> parts;  // in the stub's order: periods ascending, "undated", then "live"
  std::uintmax_t bytes_before = 0, bytes_after = 0;
  double seconds = 0;
  nlohmann::json to_json() const;
};

// Rewrites the database, or archive directory, at `db_path` as an archive directory: a stub
// XAPIANDB listing one compacted part per period ("1987", or "1987-03"), "undated" when some
// articles have no date, and an empty "live" part with the same ranking constants, average
// length and gazetteer. Built beside it (DB.compact-XXXXXX) while holding every part's write
// lock, then swapped in with one atomic rename, so readers find the old layout or the new
// one. Throws DatabaseError (the original is then left as it was); UsageError for a stub file
// (only a directory can be swapped).
// `phase` is called as each phase begins.
TierResult tier_database(const std::string& db_path, TierPeriod period,
                         const std::function<void(std::string_view)>& phase = {});

}  // namespace newsdex
