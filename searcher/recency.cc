#include "searcher/recency.h"

#include <algorithm>
#include <cmath>

#include "core/dates.h"
#include "core/schema.h"

namespace newsdex {

double recency_decay(double age_days, double half_life_days) {
  return std::exp2(-std::max(0.0, age_days) / half_life_days);
}

void apply_recency(const Xapian::Database& db, double half_life_days, const std::string& reference,
                   const std::string& oldest,
                   std::vector<std::pair<Xapian::docid, double>>& ranked) {
  const auto ref = parse_iso_date(reference);
  const auto old = parse_iso_date(oldest);
  if (!ref || !old || half_life_days <= 0) return;
  const auto slot = static_cast<Xapian::valueno>(schema::field("date").value_slot);
  for (auto& [docid, score] : ranked) {
    const auto date =
        parse_iso_date(db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(slot));
    const long day = (date ? *date : *old).days_since_epoch();
    score *= recency_decay(static_cast<double>(ref->days_since_epoch() - day), half_life_days);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
}

}  // namespace newsdex
