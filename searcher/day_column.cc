#include "searcher/day_column.h"

#include "core/dates.h"
#include "core/schema.h"
#include "searcher/checked_postings.h"

namespace newsdex {

DayColumn::DayColumn(const Xapian::Database& db)
    : days_(static_cast<std::size_t>(db.get_lastdocid()) + 1, kUndated) {
  const auto slot = static_cast<Xapian::valueno>(schema::field("date").value_slot);
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    const std::string value = *v;
    if (const auto d = parse_iso_date(value)) {
      days_[checked_docid(v.get_docid(), db.get_lastdocid(), "date value")] =
          static_cast<std::int32_t>(d->days_since_epoch());
    }
  }
}

}  // namespace newsdex
