#include "searcher/revision_state.h"

#include "core/database.h"
#include "core/errors.h"

namespace newsdex {

RevisionState::RevisionState(const Xapian::Database& db, Columns columns,
                             std::size_t posting_cache_bytes)
    : last_docid_(db.get_lastdocid()), postings_(posting_cache_bytes) {
  // The stored gazetteer groups each company's names in its facet column.
  const auto names = stored_gazetteer(db);
  for (const auto& f : schema::kFields) {
    if (f.has(schema::kFacet)) columns_.emplace_back(db, f, columns == Columns::kFull, &names);
  }
  const std::string day_prefix(schema::field("date").prefix);
  for (auto t = db.allterms_begin(day_prefix); t != db.allterms_end(day_prefix); ++t) {
    if (first_day_term_.empty()) first_day_term_ = *t;
    last_day_term_ = *t;
  }
}

std::shared_ptr<const StoryColumn> RevisionState::stories(const Xapian::Database& db) const {
  MutexLock lock(stories_mutex_);
  if (!stories_) stories_ = std::make_shared<const StoryColumn>(db);
  return stories_;
}

std::shared_ptr<const DayColumn> RevisionState::days(const Xapian::Database& db) const {
  MutexLock lock(days_mutex_);
  if (!days_) days_ = std::make_shared<const DayColumn>(db);
  return days_;
}

const FacetColumn& RevisionState::column(std::string_view name) const {
  for (const auto& c : columns_) {
    if (c.field().name == name) return c;
  }
  throw UsageError("unknown facet '" + std::string(name) +
                   "' (facets: " + schema::facet_field_names() + ")");
}

}  // namespace newsdex
