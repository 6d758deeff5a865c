#include "searcher/impact_weight.h"

#include <cmath>

#include "core/ranking.h"

namespace newsdex {

ImpactWeight::ImpactWeight() {
  need_stat(COLLECTION_SIZE);
  need_stat(TERMFREQ);
  need_stat(WDF);
  need_stat(WDF_MAX);
}

void ImpactWeight::init(double factor) {
  per_wdf_ = ranking::weight_per_wdf(get_termfreq(), get_collection_size(), factor);
}

double ImpactWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount,
                                 Xapian::termcount) const {
  return per_wdf_ * wdf;
}

double ImpactWeight::get_maxpart() const { return per_wdf_ * get_wdf_upper_bound(); }

}  // namespace newsdex
