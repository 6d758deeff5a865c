// Facet values a reader can trust: company extraction on wire text (Reuters <TICKER> and
// bracket notation, capitals headlines, discovered names), word sense for company names that
// are ordinary words or surnames, organisations kept out of companies, and the hand-labelled
// Reuters sample (data/reuters-company-labels.tsv) held to its precision and recall targets.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/database.h"
#include "core/errors.h"
#include "core/text.h"
#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/readers/reuters_reader.h"
#include "searcher/stats.h"
#include "test_util.h"

namespace newsdex {

namespace {
const CompanyGazetteer& bundled_gazetteer() {
  static const auto g = CompanyGazetteer::load(testing::bundled("companies.tsv"));
  return g;
}
std::set<std::string> companies_in(const std::string& text) {
  const CompanyMatcher m(bundled_gazetteer());
  const auto mentions = m.find(text);
  std::set<std::string> out;
  for (const auto& c : known_companies(mentions)) out.insert(c);
  for (const auto& c : discovered_companies(mentions)) out.insert(c);
  return out;
}
using S = std::set<std::string>;
}  // namespace

TEST(WireCompanies, TickerNotationNamesTheCompanyInHeadlineAndBody) {
  EXPECT_EQ(companies_in("MILLIPORE <MILI> TO PAY CIVIL PENALTY\nMillipore Corp said it agreed "
                         "to pay a penalty."),
            S{"Millipore"});
  EXPECT_EQ(companies_in("GENCORP <GY> SEES PROFIT\nGenCorp Inc <GY> said profit would rise."),
            S{"GenCorp"});
  EXPECT_EQ(companies_in("TOLL BROTHERS INC <TOL> 1ST QTR NET\nShr 22 cts vs 12 cts"),
            S{"Toll Brothers"});
  EXPECT_EQ(companies_in("Dauphin Deposit Corp said it agreed to acquire <Colonial Bancorp "
                         "Inc>."),
            (S{"Dauphin Deposit", "Colonial Bancorp"}));
}

TEST(WireCompanies, AllCapsAliasesInHeadlinesNeedACompanyCue) {
  // "UPS" is a verb in this headline; the body never names United Parcel Service.
  EXPECT_EQ(companies_in("BROWN-FORMAN SETS STOCK SPLIT, UPS PAYOUT\nBrown-Forman Inc <BFD> "
                         "said its board approved a split."),
            S{"Brown-Forman"});
  EXPECT_EQ(companies_in("GM <GM> SALES FALL\nGeneral Motors Corp said sales fell."),
            S{"General Motors"});
}

TEST(WireCompanies, DiscoveredNamesAreNeverFragmentsPlacesOrPublicBodies) {
  EXPECT_EQ(companies_in("Moody's Investors Service Inc said it cut the rating."), S{"Moody's"});
  EXPECT_TRUE(companies_in("The Federal Deposit Insurance Corp said the bank was closed.").empty());
  // A line wrapped inside a paragraph is joined; a name never spans a paragraph break.
  EXPECT_EQ(companies_in("It bought the unit from Allegheny\nInternational Inc last year."),
            S{"Allegheny International"});
  EXPECT_TRUE(companies_in("It sold its stake in Allegheny.\n\nInternational Inc rose.").empty());
  EXPECT_TRUE(companies_in("BANK TALKS END IN ALLEGHENY\nInternational Inc said.").empty());
  EXPECT_TRUE(companies_in("Shares of Sons Inc and of Canada Ltd rose.").empty());
  EXPECT_TRUE(companies_in("The Commodity Credit Corp said it accepted bids.").empty());
  EXPECT_EQ(companies_in("OIL POSTED PRICES Unocal Corp said it raised prices."), S{"Unocal"});
}

TEST(WordSense, TheFruitIsNotApple) {
  EXPECT_TRUE(companies_in("Growers said the Apple harvest in Washington was late.").empty());
  EXPECT_TRUE(companies_in("She baked an Apple pie for the fair.").empty());
  EXPECT_EQ(companies_in("Apple shares rose after the iPhone launch."), S{"Apple"});
}

TEST(WordSense, TheRainforestIsNotAmazon) {
  EXPECT_TRUE(companies_in("Fires in the Amazon rainforest spread, officials said.").empty());
  EXPECT_TRUE(companies_in("Deforestation in the Amazon rose in August.").empty());
  EXPECT_EQ(companies_in("Amazon said Prime members bought more."), S{"Amazon"});
}

TEST(WordSense, APlaceNamedAfterAWordIsNotTheCompany) {
  // "plant" is a company cue in the sentence; "County" after the name makes it a place.
  EXPECT_TRUE(companies_in("The plant in Orange County, New York, will open.").empty());
  EXPECT_TRUE(companies_in("Imports from San Diego and Orange Counties were banned.").empty());
  EXPECT_EQ(companies_in("Orange said its mobile revenue rose 3%."), S{"Orange"});
}

TEST(WordSense, ACompanysNameIsNoEvidenceOfATopic) {
  const ArticleExtractor extractor(bundled_gazetteer(),
                                   TopicClassifier::load(testing::bundled("topics.tsv")));
  const auto topics = [&](const std::string& title, const std::string& body) {
    Article a;
    a.title = title;
    a.body = body;
    a.date = "1987-04-01";
    extractor.enrich(a);
    return std::set<std::string>(a.topics.begin(), a.topics.end());
  };
  // A disk drive maker and a hospital software firm: their names are not the topics.
  EXPECT_EQ(topics("QUANTUM CORP <QNTM.O> TO TAKE CHARGE",
                   "Quantum Corp said it will take a 3.5 mln dlr charge on its disk drives.")
                .count("Quantum Computing"),
            0U);
  EXPECT_EQ(topics("INVESTORS FILE PROXY FOR NEW HBO <HBOC> BOARD",
                   "HBO and Co, a maker of hospital software, said investors filed a proxy.")
                .count("Streaming"),
            0U);
  // The words themselves still count.
  EXPECT_EQ(topics("Quantum computer reaches 100 qubits",
                   "The quantum computer's qubits held their state longer.")
                .count("Quantum Computing"),
            1U);
}

TEST(WordSense, ATravelVisaIsNotVisa) {
  EXPECT_TRUE(companies_in("Tourist Visa applications doubled this year.").empty());
  EXPECT_TRUE(companies_in("Visa requirements for students were eased.").empty());
  EXPECT_EQ(companies_in("Visa said card payments volume rose 9%."), S{"Visa"});
}

TEST(WordSense, APersonNamedFordIsNotFordMotor) {
  EXPECT_TRUE(companies_in("The actor Harrison Ford said he would return.").empty());
  EXPECT_TRUE(companies_in("Former President Ford spoke at the dinner.").empty());
  EXPECT_EQ(companies_in("Ford said it would recall 100,000 pickup trucks."), S{"Ford Motor"});
}

TEST(WordSense, TheOracleOfOmahaIsNotOracle) {
  EXPECT_TRUE(companies_in("Warren Buffett, the Oracle of Omaha, bought more stock.").empty());
  EXPECT_EQ(companies_in("Oracle said its cloud database revenue rose."), S{"Oracle"});
}

TEST(WordSense, MillisecondsAreNotMicrosoft) {
  EXPECT_TRUE(companies_in("LATENCY FALLS TO 5 MS ON NEW LINK").empty());
  EXPECT_TRUE(companies_in("The switch answers within 5 ms, engineers said.").empty());
  EXPECT_TRUE(companies_in("Trades now settle in 20 MS, the exchange said.").empty());
  EXPECT_EQ(companies_in("MS shares rose 2% after the cloud results."), S{"Microsoft"});
}

TEST(WordSense, AnUnambiguousAliasElsewhereVouchesForTheOrdinaryWord) {
  // No cue in the second sentence, but the article names Apple Inc. unambiguously.
  EXPECT_EQ(companies_in("Apple Inc. opened a store. Later Apple hosted a concert."), S{"Apple"});
}

TEST(Organisations, ReutersOrgsGoToTheOrgFacetAndNeverToCompanies) {
  testing::TempDir dir;
  testing::write_file(
      dir / "wire.sgm",
      "<REUTERS NEWID=\"7\"><DATE>2-MAR-1987 10:00:00.00</DATE><TOPICS><D>crude</D>"
      "<D>nat-gas</D></TOPICS><ORGS><D>opec</D><D>worldbank</D></ORGS><TEXT><TITLE>OPEC "
      "MEETS</TITLE><BODY>OPEC ministers met in Vienna.\n Reuter</BODY></TEXT></REUTERS>\n");
  IndexOptions o;
  o.db_path = dir / "db";
  index_paths({dir / "wire.sgm"}, o, IndexObserver{});
  const auto db = open_database_for_reading(dir / "db");
  EXPECT_TRUE(db.term_exists("XORG:OPEC"));
  EXPECT_TRUE(db.term_exists("XORG:World Bank"));
  EXPECT_TRUE(db.term_exists("XTOPIC:Oil and Gas"));  // crude and nat-gas: one name
  EXPECT_FALSE(db.term_exists("XTOPIC:crude"));
  EXPECT_EQ(db.allterms_begin("XCOMPANY:"), db.allterms_end("XCOMPANY:"));
  const auto stats = database_stats(db);
  EXPECT_EQ(stats["documents_with_company"], 0);
  EXPECT_EQ(stats["fields"]["org"]["distinct"], 2);
}

// The place field comes from the schema's table alone: Reuters PLACES and a JSON Lines
// record's "places" are read, named by the vocabulary, stored, indexed and counted.
TEST(Places, ReutersAndJsonLinesPlacesAreAFacetNamedByTheVocabulary) {
  testing::TempDir dir;
  testing::write_file(
      dir / "wire.sgm",
      "<REUTERS NEWID=\"8\"><DATE>2-MAR-1987 10:00:00.00</DATE><PLACES><D>usa</D>"
      "<D>west-germany</D></PLACES><TEXT><TITLE>TALKS</TITLE><BODY>Officials met in Bonn.\n "
      "Reuter</BODY></TEXT></REUTERS>\n");
  testing::write_file(dir / "more.jsonl",
                      R"({"id":"j1","title":"Talks","body":"Met in Paris.","places":["france"]})"
                      "\n"
                      R"({"id":"j2","title":"Talks","body":"Met again.","places":"Atlantis"})"
                      "\n");
  IndexOptions o;
  o.db_path = dir / "db";
  index_paths({dir / "wire.sgm", dir / "more.jsonl"}, o, IndexObserver{});
  const auto db = open_database_for_reading(dir / "db");
  EXPECT_TRUE(db.term_exists("XPLACE:United States"));
  EXPECT_TRUE(db.term_exists("XPLACE:West Germany"));
  EXPECT_TRUE(db.term_exists("XPLACE:France"));
  EXPECT_TRUE(db.term_exists("XPLACE:Atlantis"));  // not in the vocabulary: kept as given
  EXPECT_FALSE(db.term_exists("XPLACE:usa"));
  EXPECT_EQ(database_stats(db)["fields"]["place"]["distinct"], 4);
  const auto stored = nlohmann::json::parse(db.get_document(1).get_data());
  EXPECT_EQ(stored["places"], (nlohmann::json{"United States", "West Germany"}));
}

TEST(CodeVocabulary, RejectsMalformedRowsNamingTheLine) {
  EXPECT_EQ(CodeVocabulary::parse("topic\tearn\tEarnings\n", "v").name("topic", "EARN"),
            "Earnings");
  EXPECT_EQ(CodeVocabulary::parse("", "v").name("topic", " cocoa "), "cocoa");
  try {
    CodeVocabulary::parse("# c\ntopic\tearn\n", "v.tsv");
    FAIL() << "a two-column row was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("v.tsv:2"), std::string::npos) << e.what();
  }
  EXPECT_EQ(CodeVocabulary::parse("place\tusa\tUnited States\n", "v").name("place", "USA"),
            "United States");
  try {
    CodeVocabulary::parse("country\tusa\tUnited States\n", "v.tsv");
    FAIL() << "a field the schema does not name by vocabulary was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("(org, topic or place)"), std::string::npos) << e.what();
  }
}

namespace {
// A name as compared with the labels: canonical when the gazetteer knows it, then lower case,
// without punctuation and without trailing legal suffixes ("Reuters Holdings Plc" ~ "Reuters").
std::string comparable(const std::string& name) {
  std::string n = bundled_gazetteer().canonical(name).value_or(name);
  std::string out;
  for (const char c : text::to_lower_ascii(n)) {
    if (c == '.' || c == ',' || c == '\'') continue;
    out += c == '-' ? ' ' : c;
  }
  auto words = text::split(out, ' ');
  static const std::set<std::string> kSuffixes = {"inc",   "corp", "co", "ltd", "plc", "holdings",
                                                  "group", "cos",  "sa", "ag",  "spa", "ab"};
  std::vector<std::string> kept;
  for (const auto w : words) {
    if (!w.empty()) kept.emplace_back(w);
  }
  while (kept.size() > 1 && kSuffixes.count(kept.back())) kept.pop_back();
  std::string joined;
  for (const auto& w : kept) joined += (joined.empty() ? "" : " ") + w;
  return joined;
}

// Floors for the blind set, just under what the extractor measured when the set was first run
// (precision 0.901, recall 0.765; 0.795 and 0.650 before the issue 23 rules). The targets,
// P >= 0.92 and R >= 0.85, are not met yet. The fresh set's floors sit under its first run,
// before any rule was written after it was labelled: precision 0.894, recall 0.823.
constexpr double kBlindPrecisionFloor = 0.89;
constexpr double kBlindRecallFloor = 0.75;
constexpr double kFreshPrecisionFloor = 0.88;
constexpr double kFreshRecallFloor = 0.81;

// Precision and recall of company extraction on the Reuters-21578 stories that `file` (in
// data/) labels: every story of the collection is read, the labelled ones extracted, and each
// extracted and labelled name compared through comparable(). Prints every miss and extra.
struct LabelScore {
  std::size_t stories = 0, tp = 0, fp = 0, fn = 0;
  double precision() const { return double(tp) / double(tp + fp); }
  double recall() const { return double(tp) / double(tp + fn); }
};
LabelScore score_reuters_labels(const std::string& file) {
  std::map<std::string, std::set<std::string>> labels;
  std::ifstream in(testing::bundled(file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = text::split(line, '\t');
    EXPECT_EQ(cols.size(), 2U) << line;
    if (cols.size() != 2) continue;
    auto& set = labels["reuters-" + std::string(cols[0])];
    for (const auto c : text::split(cols[1], '|')) {
      if (!c.empty()) set.insert(comparable(std::string(c)));
    }
  }
  const ArticleExtractor extractor(bundled_gazetteer(),
                                   TopicClassifier::load(testing::bundled("topics.tsv")),
                                   CodeVocabulary::load(testing::bundled("vocabulary.tsv")));
  testing::CollectingSink sink;
  for (const auto& f :
       std::filesystem::directory_iterator(testing::shared_data_dir() + "/reuters21578")) {
    if (f.path().extension() == ".sgm") {
      read_reuters_sgml(text::read_file(f.path().string(), "corpus"), f.path().string(), sink);
    }
  }
  LabelScore score;
  for (auto a : sink.articles) {
    const auto it = labels.find(a.id);
    if (it == labels.end()) continue;
    ++score.stories;
    extractor.enrich(a);
    std::set<std::string> got;
    for (const auto& c : a.companies) got.insert(comparable(c));
    for (const auto& g : got) {
      const bool ok = it->second.count(g) != 0;
      (ok ? score.tp : score.fp)++;
      if (!ok) std::printf("  %s: extra %s\n", a.id.c_str(), g.c_str());
    }
    for (const auto& e : it->second) {
      if (got.count(e)) continue;
      ++score.fn;
      std::printf("  %s: missed %s\n", a.id.c_str(), e.c_str());
    }
  }
  std::printf("%s: %zu stories, company precision %.3f recall %.3f (%zu/%zu/%zu)\n", file.c_str(),
              score.stories, score.precision(), score.recall(), score.tp, score.fp, score.fn);
  return score;
}
}  // namespace

namespace {
// Scores `file`'s labelled stories and checks their count and the floors (skips without the
// corpus).
void expect_label_floors(const std::string& file, std::size_t stories, double precision,
                         double recall) {
  if (!testing::shared_corpus_present("reuters21578")) {
    GTEST_SKIP() << "../shared/data/reuters21578 is absent";
  }
  const auto score = score_reuters_labels(file);
  ASSERT_EQ(score.stories, stories);
  EXPECT_GE(score.precision(), precision);
  EXPECT_GE(score.recall(), recall);
}
}  // namespace

TEST(ReutersLabels, ExtractionMeetsThePrecisionAndRecallTargets) {
  expect_label_floors("reuters-company-labels.tsv", 100, 0.95, 0.93);
}

// 150 other stories (data/reuters-company-labels-blind.tsv), drawn with a new seed and labelled
// without seeing the extractor's output, measured the same way: the held-out check that the
// rules carry over to wire copy nobody tuned them on.
TEST(ReutersLabels, BlindLabelledStoriesMeetTheirFloors) {
  expect_label_floors("reuters-company-labels-blind.tsv", 150, kBlindPrecisionFloor,
                      kBlindRecallFloor);
}

// 120 more (data/reuters-company-labels-fresh.tsv), labelled blind on 2026-12-07 with another
// seed, before the foreign-form and unit rules were written while reading the misses of the
// 150: their held-out measure (until a gazetteer fix made after reading its own misses).
TEST(ReutersLabels, FreshBlindLabelledStoriesMeetTheirFloors) {
  expect_label_floors("reuters-company-labels-fresh.tsv", 120, kFreshPrecisionFloor,
                      kFreshRecallFloor);
}

}  // namespace newsdex

namespace newsdex {

TEST(ExplainStdin, ReadsOnePastedArticleAndRefusesOversizedInput) {
  IndexOptions o;
  std::istringstream pasted(
      "Printed 2024-03-01\nChipmakers expand\n• By Dana Kim\n• November 7, 2018, 18:15\n\n"
      "Intel said it would build two plants in Ohio.\n");
  std::ostringstream out;
  explain_paths({"-"}, o, out, pasted);
  EXPECT_NE(out.str().find("Intel"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("2018-11-07"), std::string::npos) << out.str();

  std::istringstream json("{\"id\": \"x1\", \"title\": \"Apple shares rise\", \"body\": \"\"}\n");
  std::ostringstream out2;
  explain_paths({"-"}, o, out2, json);
  EXPECT_NE(out2.str().find("== x1"), std::string::npos) << out2.str();

  std::istringstream huge(std::string(kMaxExplainInput + 10, 'a'));
  std::ostringstream out3;
  EXPECT_THROW(explain_paths({"-"}, o, out3, huge), InputError);
}

}  // namespace newsdex
