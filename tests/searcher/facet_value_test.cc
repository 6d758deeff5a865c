// The order in which facet counts and the stats' top values are reported.
#include "searcher/facet_value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace newsdex {

TEST(FacetValue, MostCountedFirstAndTiesInByteOrder) {
  std::vector<FacetValueCount> v = {{"Samsung", 3}, {"Apple", 5}, {"LG", 3}, {"Sony", 1}};
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return reported_before(a, b); });
  ASSERT_EQ(v.size(), 4U);
  EXPECT_EQ(v[0].value, "Apple");
  EXPECT_EQ(v[1].value, "LG");  // "LG" < "Samsung": equal counts go in byte order
  EXPECT_EQ(v[2].value, "Samsung");
  EXPECT_EQ(v[3].value, "Sony");
  EXPECT_FALSE(reported_before(3, "LG", 3, "LG"));  // a strict order
}

}  // namespace newsdex
