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
  if (!ref || !old || half_life_days <= 0 || ranked.empty()) return;
  const auto slot = static_cast<Xapian::valueno>(schema::field("date").value_slot);
  std::vector<double> ages;
  ages.reserve(ranked.size());
  for (const auto& hit : ranked) {
    const auto date =
        parse_iso_date(db.get_document(hit.first, Xapian::DOC_ASSUME_VALID).get_value(slot));
    const long day = (date ? *date : *old).days_since_epoch();
    ages.push_back(std::max(0.0, static_cast<double>(ref->days_since_epoch() - day)));
  }
  // Ages count from the pool's newest article: the same factor for every hit, so the order is
  // the formula's, but a reference far past the archive (`now=2200-01-01` with a 1-day
  // half-life) no longer underflows every score to 0. The order is decided on log2 scores,
  // which cannot underflow, so hits more than ~1,000 half-lives apart still sort by age.
  const double youngest = *std::min_element(ages.begin(), ages.end());
  std::vector<std::pair<double, std::size_t>> keys;  // (log2 of the decayed score, index)
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const double age = ages[i] - youngest;
    keys.emplace_back(std::log2(ranked[i].second) - age / half_life_days, i);
    ranked[i].second *= recency_decay(age, half_life_days);
  }
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : ranked[a.second].first < ranked[b.second].first;
  });
  std::vector<std::pair<Xapian::docid, double>> sorted;
  sorted.reserve(ranked.size());
  for (const auto& k : keys) sorted.push_back(ranked[k.second]);
  ranked = std::move(sorted);
}

}  // namespace newsdex
