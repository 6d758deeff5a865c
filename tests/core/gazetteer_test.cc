#include "core/gazetteer.h"

#include <gtest/gtest.h>

#include "core/errors.h"
#include "test_util.h"

namespace newsdex {

TEST(CompanyGazetteer, ResolvesNamesAndAliasesIgnoringCase) {
  const auto g = CompanyGazetteer::parse(
      "# comment\nSamsung Electronics\tSamsung|Samsung Electronics Co., Ltd.\tKRX:005930\tKR\t\n"
      "SK Hynix\tHynix\t\tKR\t\nApple\tApple Inc.\t\tUS\tApple\n",
      "test.tsv");
  ASSERT_EQ(g.companies().size(), 3U);
  EXPECT_EQ(g.canonical("samsung").value(), "Samsung Electronics");
  EXPECT_EQ(g.canonical("SK HYNIX").value(), "SK Hynix");
  EXPECT_EQ(g.canonical(" hynix ").value(), "SK Hynix");
  EXPECT_FALSE(g.canonical("SK Telecom"));
  EXPECT_EQ(g.companies()[2].common_words, std::vector<std::string>{"Apple"});
}

TEST(CompanyGazetteer, AnEmptyNameIsAnErrorWithItsLine) {
  try {
    CompanyGazetteer::parse("Microsoft\tMS\n\tNoName\n", "bad.tsv");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.tsv:2"), std::string::npos) << e.what();
  }
}

TEST(CompanyGazetteer, TheBundledGazetteerHasTheCompaniesNewsMentions) {
  const auto g = CompanyGazetteer::load(testing::bundled("companies.tsv"));
  EXPECT_GE(g.companies().size(), 400U);
  EXPECT_EQ(g.canonical("Samsung").value(), "Samsung Electronics");
  EXPECT_EQ(g.canonical("Hynix").value(), "SK Hynix");
  EXPECT_EQ(g.canonical("MS").value(), "Microsoft");
  EXPECT_EQ(g.canonical("sk telecom").value(), "SK Telecom");
  EXPECT_EQ(g.canonical("LG").value(), "LG Electronics");
}

}  // namespace newsdex
