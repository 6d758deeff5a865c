#include "core/schema.h"

#include <gtest/gtest.h>

#include <set>

#include "core/errors.h"

namespace newsdex::schema {

TEST(Schema, EveryFieldHasAUniqueNameAndPrefix) {
  std::set<std::string_view> names, prefixes;
  for (const auto& f : kFields) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    if (!f.prefix.empty()) {
      EXPECT_TRUE(prefixes.insert(f.prefix).second) << f.prefix;
    }
  }
}

TEST(Schema, NoPrefixIsAPrefixOfAnotherSoTermsNeverCollide) {
  for (const auto& a : kFields) {
    for (const auto& b : kFields) {
      if (&a == &b || a.prefix.empty() || b.prefix.empty()) continue;
      EXPECT_NE(b.prefix.substr(0, a.prefix.size()), a.prefix) << a.name << " vs " << b.name;
    }
  }
}

TEST(Schema, FacetsAreBooleanAndTheDateHasASortableSlot) {
  for (const auto& f : kFields) {
    if (f.has(kFacet)) {
      EXPECT_TRUE(f.has(kBoolean)) << f.name;
    }
  }
  EXPECT_GE(field("date").value_slot, 0);
  EXPECT_TRUE(field("date").has(kRange));
  EXPECT_GT(field("title").wdf_weight, field("body").wdf_weight);
  EXPECT_EQ(facet_field_names(), "year, month, company, org, topic, source, place");
}

TEST(Schema, TermsRoundTripThroughValues) {
  EXPECT_EQ(term(field("year"), "2018"), "Y2018");
  EXPECT_EQ(term(field("month"), "2018-11"), "M201811");
  EXPECT_EQ(term(field("date"), "2018-11-07"), "D20181107");
  EXPECT_EQ(term(field("company"), "SK Hynix"), "XCOMPANY:SK Hynix");
  EXPECT_EQ(value_of_term(field("month"), "M201811"), "2018-11");
  EXPECT_EQ(value_of_term(field("date"), "D20181107"), "2018-11-07");
  EXPECT_EQ(value_of_term(field("company"), "XCOMPANY:SK Hynix"), "SK Hynix");
}

TEST(Schema, OverlongValuesAreCutToXapiansTermLimit) {
  const std::string t = term(field("company"), std::string(500, 'a'));
  EXPECT_LE(t.size(), kMaxTermBytes);
}

TEST(Schema, UnknownFieldIsAUsageErrorThatListsTheKnownOnes) {
  try {
    field("colour");
    FAIL() << "no exception";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("colour"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("company"), std::string::npos);
  }
}

}  // namespace newsdex::schema
