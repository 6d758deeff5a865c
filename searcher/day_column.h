// DayColumn: each document's publication day, for the trends (searcher/trends.h). Built once per
// database revision and kept by its RevisionState (RevisionState::days).
#pragma once

#include <xapian.h>

#include <climits>
#include <cstdint>
#include <vector>

namespace newsdex {

// Each document's publication day (days since 1970-01-01) for one database revision, read from
// the date value slot once. Immutable once built, so threads share it freely.
class DayColumn {
 public:
  explicit DayColumn(const Xapian::Database& db);
  static constexpr std::int32_t kUndated = INT32_MIN;
  // The day of document d, or kUndated (no date, or past the column's end).
  std::int32_t day(Xapian::docid d) const { return d < days_.size() ? days_[d] : kUndated; }

 private:
  std::vector<std::int32_t> days_;  // indexed by docid
};

}  // namespace newsdex
