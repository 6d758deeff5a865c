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
      "Hyundai Motor\tHyundai\t\tKR\t\n"
      "Goldman Sachs\tGoldman\t\tUS\t\n"
      "Hoechst\tHoechst AG\t\tDE\t\n"
      "Ford Motor\tFord\t\tUS\tFord\n"
      "Genentech\t\t\tUS\t\n"
      "Charter Communications\tCharter\t\tUS\t\n",
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

namespace {
// Known and discovered companies together, as the facet shows them.
V all_in(const std::string& text) {
  const CompanyMatcher m(gazetteer());
  const auto mentions = m.find(text);
  V out = known_companies(mentions);
  for (auto& d : discovered_companies(mentions)) out.push_back(std::move(d));
  return out;
}
}  // namespace

TEST(FirmNames, CommasAndAndInsideAFirmsNameKeepItWhole) {
  EXPECT_EQ(all_in("Dillon, Read and Co Inc advised the board."), V{"Dillon Read"});
  EXPECT_EQ(all_in("The adviser was Kessel, Marsh and Co."), V{"Kessel Marsh"});
  EXPECT_EQ(all_in("Toomay, Mathis and Associates Inc filed."), V{"Toomay Mathis and Associates"});
  EXPECT_EQ(all_in("Bausch and Lomb Inc recalled lenses."), V{"Bausch and Lomb"});
  EXPECT_EQ(all_in("Evans and Sutherland Computer Corp said."), V{"Evans and Sutherland Computer"});
  EXPECT_EQ(all_in("Peninsula Federal Savings\nand Loan Association was sold."),
            V{"Peninsula Federal Savings and Loan Association"});
  // The partner's surname is never a company of its own.
  EXPECT_EQ(all_in("Goldman, Sachs and Co told the SEC it sold the stake."), V{"Goldman Sachs"});
}

TEST(FirmNames, InitialsAndAcronymsBelongToTheName) {
  EXPECT_EQ(all_in("J.C. Penney Co and W.R. Grace and Co agreed."),
            (V{"J.C. Penney", "W.R. Grace"}));
  EXPECT_EQ(all_in("K Mart Corp said sales rose."), V{"K Mart"});
  EXPECT_EQ(all_in("ICN Pharmaceuticals Inc and AMCA International Ltd said."),
            (V{"ICN Pharmaceuticals", "AMCA International"}));
}

TEST(FirmNames, ACommaListIsNotOneFirm) {
  EXPECT_EQ(all_in("Shares of Alcan, Inco and Noranda Inc rose."), V{"Noranda"});
}

TEST(Coordination, TwoCompaniesJoinedByAndAreTwoValues) {
  EXPECT_EQ(all_in("Armco Inc and Bethlehem Steel Corp formed a venture."),
            (V{"Armco", "Bethlehem Steel"}));
  EXPECT_EQ(all_in("Zenith Labs Ltd and Quarry Mining Co merged."),
            (V{"Zenith Labs", "Quarry Mining"}));
}

TEST(Coordination, APersonBeforeTheCompanyIsNotPartOfIt) {
  EXPECT_EQ(all_in("The group led by Asher Edelman and Dominion Textile Inc bid."),
            V{"Dominion Textile"});
  EXPECT_EQ(all_in("The partnership Wagner and Brown and AFG Industries Inc bid."),
            V{"AFG Industries"});
  EXPECT_EQ(all_in("Analyst Millard Phelps of Hambrecht and Quist Inc said so."),
            V{"Hambrecht and Quist"});
}

TEST(SuffixDiscovery, ForeignLegalFormsMarkCompanies) {
  EXPECT_EQ(all_in("Montedison S.p.A. sold Fermenta AB shares to Vallourec SA and Akzo N.V."),
            (V{"Montedison", "Fermenta", "Vallourec", "Akzo"}));
  EXPECT_EQ(all_in("Norsk Hydro A/S, Kone Oy, Degussa AG and Kredietbank NV bid."),
            (V{"Norsk Hydro", "Kone", "Degussa", "Kredietbank"}));
  EXPECT_EQ(all_in("Ciba Holding GmbH, Stork BV and Nippon Kokan K.K. signed."),
            (V{"Ciba Holding", "Stork", "Nippon Kokan"}));
  EXPECT_EQ(all_in("JM Byggnads och Fastighets AB and Credit du Nord SA agreed."),
            (V{"JM Byggnads och Fastighets", "Credit du Nord"}));
  // A country's initials are not a suffix.
  EXPECT_EQ(all_in("An assay by Intergold U.S.A. Inc showed gold."), V{"Intergold U.S.A."});
}

TEST(SuffixDiscovery, WordsThatEndCompanyNamesMarkThemWithoutASuffix) {
  EXPECT_EQ(all_in("Piedmont Airlines and Guilford Mills reported."),
            (V{"Piedmont Airlines", "Guilford Mills"}));
  EXPECT_EQ(all_in("Colonial Bancorp agreed to join First Florida Banks."),
            (V{"Colonial Bancorp", "First Florida Banks"}));
  EXPECT_EQ(all_in("First National Bank of Braman, Okla., was closed and its deposits "
                   "assumed by Community Bank of Shidler."),
            (V{"First National Bank of Braman", "Community Bank of Shidler"}));
  EXPECT_TRUE(all_in("U.S. Airlines and Japanese Banks lent more.").empty());
  EXPECT_TRUE(all_in("The Bank of Korea and the Swiss National Bank said.").empty());
}

TEST(Units, NamedUnitsAndSubsidiariesAreWhole) {
  EXPECT_EQ(all_in("American Hoechst Corp, a unit of Hoechst AG, said."),
            (V{"Hoechst", "American Hoechst"}));
  EXPECT_EQ(all_in("Ford Motor Co of Canada Ltd said sales rose."), V{"Ford Motor Co of Canada"});
  EXPECT_EQ(all_in("Hospital Corp of America said. Later Hospital Corp said."),
            V{"Hospital Corp of America"});
  EXPECT_EQ(all_in("Mesa Royalty Trust and Permian Basin Royalty Trust paid."),
            (V{"Mesa Royalty Trust", "Permian Basin Royalty Trust"}));
  EXPECT_EQ(all_in("Maple Leaf Mills Ltd of Toronto said."), V{"Maple Leaf Mills"});
  EXPECT_EQ(all_in("Bond Corp Holdings Ltd and Dart Group Corp bid."),
            (V{"Bond Corp Holdings", "Dart Group"}));
}

TEST(OneCompanyOneValue, MisspellingsAndAbbreviationsTakeTheFullName) {
  EXPECT_EQ(all_in("It agreed to buy <Colonial Bancorp Inc>. Colonial holders get shares. "
                   "Colonia Bancorp had assets."),
            V{"Colonial Bancorp"});
  // One letter apart but two companies: a final "s", or no sign which spelling is meant.
  EXPECT_EQ(all_in("Reuter Inc sold its unit to Reuters Holdings PLC."), (V{"Reuter", "Reuters"}));
  EXPECT_EQ(all_in("Tigera Corp bought Tigeral Corp."), (V{"Tigera", "Tigeral"}));
  EXPECT_EQ(all_in("Genetech Inc said its drug was approved."), V{"Genentech"});
  EXPECT_EQ(all_in("HSN <HSNI> SEES PROFIT\nHome Shopping Network Inc said profit rose."),
            V{"Home Shopping Network"});
  EXPECT_EQ(all_in("GEN DYNAMICS <GD> WINS\nGeneral Dynamics Corp said it won."),
            V{"General Dynamics"});
  EXPECT_EQ(all_in("S.ATLANTIC <SOAF.O> TO MERGE\nSouth Atlantic Financial Corp said."),
            V{"South Atlantic Financial"});
  // One word of a hyphenated name is not the company of that name.
  EXPECT_EQ(all_in("Charter-Crellin Inc said it sold the plant."), V{"Charter-Crellin"});
}

TEST(CompanyMatcher, MatchingTimeGrowsLinearlyWithText) {
  // Not a timing test: a long text is matched in one pass and finds every mention.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Samsung and SK Hynix ship memory. ";
  const CompanyMatcher m(gazetteer());
  EXPECT_EQ(m.find(text).size(), 40000U);
}

}  // namespace newsdex
