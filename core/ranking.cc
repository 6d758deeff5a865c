#include "core/ranking.h"

#include <cmath>

namespace newsdex::ranking {

Xapian::termcount impact_wdf(Xapian::termcount tf, Xapian::termcount length,
                             double average_length) {
  if (tf == 0) return 0;
  const double norm = 1 - kB + kB * static_cast<double>(length) / average_length;
  const double impact = (kK1 + 1) * tf / (tf + kK1 * norm);
  return static_cast<Xapian::termcount>(std::max(1L, std::lround(impact * kImpactScale)));
}

namespace {
// Terms with a prefix start with a capital letter (schema conventions, Z for stems).
bool unprefixed(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}
}  // namespace

Xapian::termcount document_length(const Xapian::Document& raw) {
  Xapian::termcount length = 0;
  for (auto t = raw.termlist_begin(); t != raw.termlist_end(); ++t) {
    if (unprefixed(*t)) length += t.get_wdf();
  }
  return length;
}

Xapian::Document with_impacts(const Xapian::Document& raw, double average_length) {
  const Xapian::termcount length = document_length(raw);
  Xapian::Document doc;
  for (auto t = raw.termlist_begin(); t != raw.termlist_end(); ++t) {
    const std::string term = *t;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      doc.add_posting(term, *p, 0);
    const Xapian::termcount wdf = t.get_wdf();
    if (wdf == 0) {
      doc.add_boolean_term(term);
    } else {
      doc.add_term(term, impact_wdf(wdf, length, average_length));
    }
  }
  return doc;
}

}  // namespace newsdex::ranking
