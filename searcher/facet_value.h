// A facet value with its count, and the order in which facet values are reported: by count,
// most first, then by value, in byte order. Facet counts (searcher/facets.h) and the stats'
// top values (searcher/stats.h) both use it, so both list ties the same way.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsdex {

struct FacetValueCount {
  std::string value;
  Xapian::doccount count;
  // The name to show when it is not `value`: a company filed under several names is reported
  // under its canonical name, labelled by the name most of the counted articles carry.
  std::string label = {};
};

// True when a value counted `count_a` times is reported before one counted `count_b` times.
inline bool reported_before(Xapian::doccount count_a, std::string_view value_a,
                            Xapian::doccount count_b, std::string_view value_b) {
  return count_a != count_b ? count_a > count_b : value_a < value_b;
}

inline bool reported_before(const FacetValueCount& a, const FacetValueCount& b) {
  return reported_before(a.count, a.value, b.count, b.value);
}

}  // namespace newsdex
