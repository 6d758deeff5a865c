#include "indexer/stories/band_table.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

namespace newsdex::stories {
namespace {

std::vector<Xapian::docid> filed_under(const BandTable& t, std::uint64_t band) {
  std::vector<Xapian::docid> out;
  t.for_each(band, [&](Xapian::docid d) { out.push_back(d); });
  return out;
}

// Against a map of vectors (what the table replaced): the same articles under every key, in
// the order they were filed, at most `cap` a key, through many doublings; keys that land on
// the same slot (few distinct low bits) and keys 0 and 2^32 - 1 included.
TEST(BandTable, FilesLikeAMapOfVectorsWithACapPerKey) {
  std::mt19937 rng(7);
  for (const std::size_t cap : {std::size_t{1}, std::size_t{3}, std::size_t{64}}) {
    BandTable table;
    std::map<std::uint64_t, std::vector<Xapian::docid>> expected;
    for (Xapian::docid did = 1; did <= 20000; ++did) {
      std::uint64_t band = rng() % 3 == 0 ? rng() % 50 : rng();  // many repeats, many singles
      if (did % 997 == 0) band = did % 2 == 0 ? 0 : 0xffffffffULL;
      table.file(band, did, cap);
      auto& docs = expected[band];
      if (docs.size() < cap) docs.push_back(did);
    }
    for (const auto& [band, docs] : expected) {
      ASSERT_EQ(filed_under(table, band), docs) << "band " << band << ", cap " << cap;
    }
    std::uint64_t absent = 1000;  // a key never filed: nothing under it
    while (expected.count(absent) != 0) ++absent;
    EXPECT_TRUE(filed_under(table, absent).empty());
  }
}

TEST(BandTable, AnEmptyTableHasNothingUnderAnyKey) {
  const BandTable table;
  EXPECT_TRUE(filed_under(table, 0).empty());
  EXPECT_TRUE(filed_under(table, 42).empty());
}

}  // namespace
}  // namespace newsdex::stories
