// CompanyMatcher::find's passes one at a time (indexer/extract/company_passes.h): what each adds
// to the mentions of the passes before it, and what the last one keeps.
#include "indexer/extract/company_passes.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <vector>

#include "indexer/extract/companies.h"

namespace newsdex {

namespace {

const CompanyGazetteer& gazetteer() {
  static const auto g = CompanyGazetteer::parse(
      "Microsoft\tMS|Microsoft Corp.\t\tUS\t\n"
      "Apple\tApple Inc.\t\tUS\tApple\n"
      "Hoechst\tHoechst AG\t\tDE\t\n"
      "GenCorp\t\t\tUS\t\n"
      "Dillon Read\t\t\tUS\t\n"
      "Salomon Brothers\t\t\tUS\t\n"
      "Renault\t\t\tFR\t\n"
      "Charter Communications\tCharter\t\tUS\tCharter\t<1993\n",
      "test");
  return g;
}

const CompanyTrie& trie() {
  static const CompanyTrie t(gazetteer());
  return t;
}

// "company (discovered?)" for each mention, in the order the passes added them.
std::vector<std::string> shown(const std::vector<CompanyMention>& mentions) {
  std::vector<std::string> out;
  for (const auto& m : mentions) out.push_back(m.company + (m.discovered ? " (discovered)" : ""));
  return out;
}

using V = std::vector<std::string>;

// The mentions after the first `passes` passes, in CompanyMatcher::find's order, up to
// unit_names.
V after_passes(std::string_view text, std::size_t passes) {
  CompanyPasses run(gazetteer(), trie(), text);
  void (CompanyPasses::*const order[])() = {
      &CompanyPasses::tickers_and_brackets, &CompanyPasses::gazetteer_names,
      &CompanyPasses::suffix_discovery, &CompanyPasses::prefix_discovery,
      &CompanyPasses::unit_names};
  for (std::size_t i = 0; i < passes && i < std::size(order); ++i) (run.*order[i])();
  return shown(run.mentions());
}

}  // namespace

TEST(CompanyPasses, TickersAndBracketsComeFirstAndNameTheirCompany) {
  CompanyPasses run(gazetteer(), trie(),
                    "Microsoft Corp <MSFT> and Acme Widgets Inc <ACW> said "
                    "<I P Sharp Associates Ltd> and Microsoft agreed.");
  run.tickers_and_brackets();
  EXPECT_EQ(shown(run.mentions()),
            (V{"Microsoft", "Acme Widgets (discovered)", "I P Sharp Associates (discovered)"}));
  EXPECT_NE(run.mentions()[0].why.find("ticker <MSFT>"), std::string::npos);
  EXPECT_EQ(run.mentions()[2].why, "name in brackets");
  // The last "Microsoft" is no ticker's: the gazetteer pass finds it, and only it.
  run.gazetteer_names();
  EXPECT_EQ(run.mentions().size(), 4U);
  EXPECT_EQ(run.mentions()[3].company, "Microsoft");
  EXPECT_EQ(run.mentions()[3].why, "name, exact");
}

TEST(CompanyPasses, ACommonWordWithoutACueIsProvisionalUntilTheEnd) {
  CompanyPasses alone(gazetteer(), trie(), "Apple prices fell at the market.");
  alone.tickers_and_brackets();
  EXPECT_TRUE(alone.mentions().empty());
  alone.gazetteer_names();
  ASSERT_EQ(alone.mentions().size(), 1U);  // found, but only provisionally
  EXPECT_NE(alone.mentions()[0].why.find("without a cue"), std::string::npos);
  alone.suffix_discovery();
  alone.headline_names();
  EXPECT_TRUE(alone.finish().empty());  // nothing in the article vouches for it

  CompanyPasses vouched(gazetteer(), trie(),
                        "Apple prices fell at the market. Apple Inc. said sales rose.");
  vouched.tickers_and_brackets();
  vouched.gazetteer_names();
  vouched.suffix_discovery();
  vouched.headline_names();
  EXPECT_EQ(shown(vouched.finish()), (V{"Apple", "Apple"}));
}

TEST(CompanyPasses, SuffixDiscoveryAddsNewNamesAndReplacesAUnitsKnownName) {
  CompanyPasses run(gazetteer(), trie(),
                    "Hanbit Micro Co Ltd said American Hoechst Corp would buy its plant.");
  run.tickers_and_brackets();
  run.gazetteer_names();
  EXPECT_EQ(shown(run.mentions()), V{"Hoechst"});
  run.suffix_discovery();
  // "American Hoechst" is a unit of its own: it takes the place of the Hoechst mention.
  EXPECT_EQ(shown(run.mentions()),
            (V{"Hanbit Micro (discovered)", "American Hoechst (discovered)"}));
}

TEST(CompanyPasses, AHeadlineTickerWaitsForTheBodysSpelling) {
  CompanyPasses run(
      gazetteer(), trie(),
      "ACME ROCKETRY <ARK> SELLS UNIT\n\nAcme Rocketry Corp <ARK> said it sold a unit.");
  run.tickers_and_brackets();
  EXPECT_EQ(shown(run.mentions()), V{"Acme Rocketry (discovered)"});  // the body's only
  run.gazetteer_names();
  run.suffix_discovery();
  run.headline_names();
  ASSERT_EQ(run.mentions().size(), 2U);
  EXPECT_EQ(run.mentions()[1].company, "Acme Rocketry");  // the headline's, as the body spells it
  EXPECT_NE(run.mentions()[1].why.find("headline name before <ARK>"), std::string::npos);
}

TEST(CompanyPasses, FinishNamesDiscoveriesAsTheGazetteerDoesAndSortsByPlace) {
  CompanyPasses run(
      gazetteer(), trie(),
      "Salomon Brothers said. Dillon, Read and Co Inc and Salomon Brotherz Inc agreed.");
  run.tickers_and_brackets();
  run.gazetteer_names();
  run.suffix_discovery();
  run.headline_names();
  const auto kept = run.finish();
  // "Dillon, Read" without its comma, and the one-letter misspelling, are gazetteer names.
  EXPECT_EQ(shown(kept), (V{"Salomon Brothers", "Dillon Read", "Salomon Brothers"}));
  for (std::size_t i = 1; i < kept.size(); ++i) EXPECT_LT(kept[i - 1].offset, kept[i].offset);
}

TEST(CompanyPasses, AForeignLegalFormOpensANameJoinedByItsParticles) {
  const auto after_prefix = [](std::string_view text) { return after_passes(text, 4); };
  EXPECT_EQ(after_prefix("Lead manager Cassa di Risparmio di Calabria e Lucania said."),
            (V{"Cassa di Risparmio di Calabria e Lucania (discovered)"}));
  // Across a line the wire wrapped, with an elision.
  EXPECT_EQ(
      after_prefix("The five companies, Ste de la Vieille\nMontagne and Cie Generale "
                   "d'Electricite, agreed."),
      (V{"Ste de la Vieille Montagne (discovered)", "Cie Generale d'Electricite (discovered)"}));
  // Hyphens and elisions join words without a space.
  EXPECT_EQ(after_prefix("Caisse d'Epargne de l'Etat du Grand-Duche de Luxembourg said."),
            (V{"Caisse d'Epargne de l'Etat du Grand-Duche de Luxembourg (discovered)"}));
  // A legal suffix after the name is not part of it.
  EXPECT_EQ(after_prefix("Banque Generale du Luxembourg SA arranged it."),
            (V{"Banque Generale du Luxembourg (discovered)"}));
  // Central banks, a place named for a saint, a legal form spelled out: no company.
  EXPECT_EQ(after_prefix("The Banque de France and the Banco Central de Chile said."), V{});
  EXPECT_EQ(after_prefix("The plant at Ste Therese, Quebec, will close."), V{});
  EXPECT_EQ(after_prefix("It is a Sociedad Anonima de Capital Variable."), V{});
  // A gazetteer name inside: that company counts, and no second value is made.
  EXPECT_EQ(after_prefix("Regie Nationale des Usines Renault said."), (V{"Renault"}));
}

TEST(CompanyPasses, AUnitWrittenAcrossAWrappedLineReplacesTheKnownName) {
  for (const char* text : {"Lead manager Salomon Brothers International Ltd said.",
                           "Lead manager Salomon Brothers\nInternational Ltd said."}) {
    EXPECT_EQ(after_passes(text, 3), (V{"Salomon Brothers International (discovered)"})) << text;
  }
}

TEST(CompanyPasses, AUnitNamedAfterAKnownCompanyIsACompanyOfItsOwn) {
  const auto units = [](std::string_view text) { return after_passes(text, 5); };
  EXPECT_EQ(units("Lead manager Salomon Brothers International said."),
            (V{"Salomon Brothers International (discovered)"}));
  EXPECT_EQ(units("It was arranged by Microsoft Capital Markets, dealers said."),
            (V{"Microsoft Capital Markets (discovered)"}));
  // More of a name after the unit word ("Salomon Brothers International Finance"), a capitals
  // line, or no unit word: the known company stays.
  EXPECT_EQ(units("Salomon Brothers International Finance was named."), (V{"Salomon Brothers"}));
  EXPECT_EQ(units("SALOMON BROTHERS INTERNATIONAL SAYS\n"), (V{"Salomon Brothers"}));
  EXPECT_EQ(units("Salomon Brothers and International Paper said."), (V{"Salomon Brothers"}));
}

TEST(CompanyPasses, ACompanyFoundedAfterTheArticlesYearIsNoMatch) {
  // 1987: Charter Communications did not exist; the ticker's company is discovered instead.
  const std::string text = "CHARTER CO <QCHR> 4TH QTR LOSS\n\nCharter Co said its loss widened.";
  CompanyMatcher matcher(gazetteer());
  const auto old = matcher.find(text, 1987);
  EXPECT_TRUE(known_companies(old).empty());
  EXPECT_EQ(discovered_companies(old), V{"Charter"});
  // The same text in 2015, or undated, is about the company of today.
  EXPECT_EQ(known_companies(matcher.find(text, 2015)), V{"Charter Communications"});
  EXPECT_EQ(known_companies(matcher.find(text)), V{"Charter Communications"});
  // A plain name with a cue: the same.
  const std::string plain = "Charter said its quarterly profit rose.";
  EXPECT_TRUE(matcher.find(plain, 1990).empty());
  EXPECT_EQ(known_companies(matcher.find(plain, 2020)), V{"Charter Communications"});
}

}  // namespace newsdex
