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

TEST(CompanyGazetteer, FormerNamesNameTheArticlesOfTheirYears) {
  const auto g = CompanyGazetteer::parse(
      "RTX\tRTX Corp\tNYSE:RTX\tUS\t\tRaytheon<2020|Raytheon Technologies<2023\n"
      "Apple\tApple Inc.\t\tUS\tApple\n",
      "test.tsv");
  EXPECT_EQ(g.canonical("raytheon").value(), "RTX");  // a former name is a name of the company
  EXPECT_EQ(g.name_in("RTX", 1987), "Raytheon");
  EXPECT_EQ(g.name_in("RTX Corp", 2019), "Raytheon");
  EXPECT_EQ(g.name_in("Raytheon", 2020), "Raytheon Technologies");
  EXPECT_EQ(g.name_in("RTX", 2023), "RTX");
  EXPECT_EQ(g.name_in("RTX", 0), "RTX");         // undated: today's name
  EXPECT_EQ(g.name_in("Apple", 1987), "Apple");  // no former names
  EXPECT_EQ(g.name_in("Unknown Co", 1987), "Unknown Co");
  EXPECT_EQ(g.filed_names("raytheon technologies"),
            (std::vector<std::string>{"RTX", "Raytheon", "Raytheon Technologies"}));
  EXPECT_EQ(g.filed_names("Apple"), std::vector<std::string>{"Apple"});
  EXPECT_TRUE(g.filed_names("Unknown Co").empty());
  // Facets group the names a company is filed under, not its other aliases.
  EXPECT_EQ(g.grouped_under("Raytheon"), "RTX");
  EXPECT_EQ(g.grouped_under("RTX"), "RTX");
  EXPECT_EQ(g.grouped_under("RTX Corp"), "");
  EXPECT_EQ(g.grouped_under("Apple"), "");
}

TEST(CompanyGazetteer, AMalformedFormerNameIsAnErrorWithItsLine) {
  for (const std::string bad : {"Exxon", "Exxon<99", "Exxon<1999|<2005", "Exxon<1999|Esso<1970",
                                "Exxon<19x9", "<1990|Esso<1980", "Apple Computer<0354"}) {
    try {
      CompanyGazetteer::parse("# header\nExxonMobil\tExxon\t\tUS\t\t" + bad + "\n", "bad.tsv");
      FAIL() << bad << ": no exception";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.tsv:2"), std::string::npos) << e.what();
    }
  }
}

TEST(CompanyGazetteer, AFoundingYearSaysWhenACompanyCanBeMeant) {
  const auto g = CompanyGazetteer::parse(
      "Charter Communications\tCharter\t\tUS\tCharter\t<1993\n"
      "Orange\tFrance Telecom\t\tFR\tOrange\t<1988|France Telecom<2013\n",
      "test.tsv");
  EXPECT_FALSE(g.existed_in("Charter", 1987));
  EXPECT_TRUE(g.existed_in("charter communications", 1993));
  EXPECT_TRUE(g.existed_in("Charter", 0));  // undated: nothing to say
  EXPECT_FALSE(g.existed_in("Orange", 1987));
  EXPECT_TRUE(g.existed_in("Orange", 1990));
  EXPECT_TRUE(g.existed_in("Unknown Co", 1900));
  EXPECT_EQ(g.name_in("Orange", 1990), "France Telecom");
  EXPECT_EQ(g.filed_names("Orange"), (std::vector<std::string>{"Orange", "France Telecom"}));
}

}  // namespace newsdex
