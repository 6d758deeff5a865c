#include "indexer/extract/companies.h"

#include <gtest/gtest.h>

namespace newsdex {

namespace {
const CompanyGazetteer& gazetteer() {
  static const auto g = CompanyGazetteer::parse(
      "Samsung Electronics\tSamsung|Samsung Electronics Co., Ltd.\t\tKR\t\n"
      "Samsung SDI\t\t\tKR\t\n"
      "SK Hynix\tHynix\t\tKR\t\n"
      "SK Telecom\tSKT\t\tKR\t\n"
      "Microsoft\tMS|Microsoft Corp.\t\tUS\t\n"
      "LG Electronics\tLG\t\tKR\t\n"
      "Apple\tApple Inc.\t\tUS\tApple\n"
      "Shell\tRoyal Dutch Shell\t\tGB\tShell\n"
      "AT&T\t\t\tUS\t\n"
      "Hyundai Motor\tHyundai\t\tKR\t\n",
      "test");
  return g;
}
std::vector<std::string> companies_in(const std::string& text) {
  const CompanyMatcher m(gazetteer());
  return known_companies(m.find(text));
}
using V = std::vector<std::string>;
}  // namespace

TEST(CompanyMatcher, TheLongestMatchWins) {
  EXPECT_EQ(companies_in("Samsung Electronics said profit rose."), V{"Samsung Electronics"});
  EXPECT_EQ(companies_in("Samsung SDI makes batteries."), V{"Samsung SDI"});
  EXPECT_EQ(companies_in("SK Hynix and SK Telecom signed a deal."), (V{"SK Hynix", "SK Telecom"}));
}

TEST(CompanyMatcher, ShortFormsResolveToTheirCompany) {
  EXPECT_EQ(companies_in("Shares of Samsung and Hynix rose."),
            (V{"Samsung Electronics", "SK Hynix"}));
}

TEST(CompanyMatcher, AllCapsAliasesMatchOnlyInCapitalsAsWholeWords) {
  EXPECT_EQ(companies_in("MS and LG will cooperate."), (V{"Microsoft", "LG Electronics"}));
  EXPECT_TRUE(companies_in("Ms. Kim said the delay was 900 ms.").empty());
  EXPECT_TRUE(companies_in("The MSG and LGBT groups met.").empty());
}

TEST(CompanyMatcher, PossessivesAndPunctuationMatch) {
  EXPECT_EQ(companies_in("Samsung's chips, Microsoft, and AT&T."),
            (V{"Samsung Electronics", "Microsoft", "AT&T"}));
  EXPECT_EQ(companies_in("Samsung\xE2\x80\x99s profit."), V{"Samsung Electronics"});
  EXPECT_EQ(companies_in("Samsung Electronics Co., Ltd. reported."), V{"Samsung Electronics"});
}

TEST(CompanyMatcher, CommonWordsNeedACapitalAndACueAtASentenceStart) {
  EXPECT_TRUE(companies_in("He ate an apple from a shell.").empty());
  EXPECT_TRUE(companies_in("Shell shock hit the market. Target prices rose.").empty());
  EXPECT_EQ(companies_in("Apple shares rose on Monday."), V{"Apple"});
  EXPECT_EQ(companies_in("Analysts said Apple would gain."), V{"Apple"});
  EXPECT_EQ(companies_in("Shell CEO spoke."), V{"Shell"});
  EXPECT_EQ(companies_in("Apple's new phone sold well."), V{"Apple"});
}

TEST(CompanyMatcher, TitleCaseLinesNeedACueForCommonWords) {
  EXPECT_TRUE(companies_in("Why Apple Picking Season Starts Early This Year").empty());
  EXPECT_EQ(companies_in("Apple Shares Climb After Strong Quarter"), V{"Apple"});
}

TEST(CompanyMatcher, DiscoversUnknownCompaniesByTheirSuffix) {
  const CompanyMatcher m(gazetteer());
  const auto mentions = m.find(
      "Hanbit Micro Co., Ltd. and Brightwater Holdings signed with Kessler Optics AG. "
      "Hyundai Motor Group also joined, as did Veltra Inc.");
  EXPECT_EQ(discovered_companies(mentions),
            (V{"Hanbit Micro", "Brightwater Holdings", "Kessler Optics", "Veltra"}));
  EXPECT_EQ(known_companies(mentions), V{"Hyundai Motor"});
}

TEST(CompanyMatcher, MatchingTimeGrowsLinearlyWithText) {
  // Not a timing test: a long text is matched in one pass and finds every mention.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Samsung and SK Hynix ship memory. ";
  const CompanyMatcher m(gazetteer());
  EXPECT_EQ(m.find(text).size(), 40000U);
}

}  // namespace newsdex
