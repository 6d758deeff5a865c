#include "indexer/index_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

#include "core/database.h"
#include "core/ranking.h"
#include "core/schema.h"
#include "test_util.h"

namespace newsdex {

namespace {
Article sample_article() {
  Article a;
  a.id = "a1";
  a.title = "Samsung and Microsoft team up";
  a.body = "Samsung Electronics and Microsoft will cooperate on artificial intelligence.";
  a.date = "2018-11-07";
  a.companies = {"Samsung Electronics", "Microsoft"};
  a.topics = {"AI", "Cloud"};
  a.source = "Wire";
  return a;
}
}  // namespace

TEST(IndexWriter, WritesTermsValuesAndDataPerTheSchema) {
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  const auto doc = make_document(sample_article(), tg);
  std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
  for (const char* t : {"Qa1", "D20181107", "M201811", "Y2018", "XCOMPANY:Samsung Electronics",
                        "XCOMPANY:Microsoft", "XTOPIC:AI", "XTOPIC:Cloud", "XSOURCE:Wire",
                        "samsung", "Zsamsung", "Steam", "intellig", "Zintellig"}) {
    if (std::string(t) == "intellig") continue;  // stems carry the Z prefix only
    EXPECT_TRUE(terms.count(t)) << "missing term " << t;
  }
  EXPECT_EQ(doc.get_value(static_cast<Xapian::valueno>(schema::field("date").value_slot)),
            "2018-11-07");
  const auto data = nlohmann::json::parse(doc.get_data());
  EXPECT_EQ(data["title"], "Samsung and Microsoft team up");
  EXPECT_EQ(data["companies"].size(), 2U);
}

TEST(IndexWriter, TitleWordsWeighMoreThanBodyWords) {
  Xapian::TermGenerator tg;
  Article a;
  a.id = "w";
  a.title = "memory";
  a.body = "chips";
  const auto doc = make_document(a, tg);
  Xapian::termcount title_wdf = 0, body_wdf = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (*t == "memory") title_wdf = t.get_wdf();
    if (*t == "chips") body_wdf = t.get_wdf();
  }
  EXPECT_GT(title_wdf, body_wdf);
}

// set_impacts rewrites frequencies in place: every word's wdf becomes its impact, and its
// positions stay, also for a word so frequent that its impact is below its raw count.
TEST(IndexWriter, ImpactsReplaceFrequenciesAndKeepPositions) {
  Xapian::Document doc;
  doc.add_boolean_term("Qx");
  for (Xapian::termpos p = 1; p <= 400; ++p) doc.add_posting("the", p);
  doc.add_posting("oil", 401);
  doc.add_posting("oil", 405);
  doc.add_term("Zoil", 2);
  const ranking::Params params;
  const Xapian::termcount length = 402;  // the unprefixed words: 400 + 2
  const double average = 100;
  ranking::set_impacts(doc, average, params);
  std::map<std::string, std::pair<Xapian::termcount, std::size_t>> seen;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    seen[*t] = {t.get_wdf(), t.positionlist_count()};
  ASSERT_EQ(seen.size(), 4U);
  EXPECT_EQ(seen["Qx"], std::make_pair(Xapian::termcount{0}, std::size_t{0}));
  const auto the = ranking::impact_wdf(400, length, average, params);
  ASSERT_LT(the, 400U);  // the path that rewrites a term with its positions
  EXPECT_EQ(seen["the"], std::make_pair(the, std::size_t{400}));
  EXPECT_EQ(seen["oil"],
            std::make_pair(ranking::impact_wdf(2, length, average, params), std::size_t{2}));
  EXPECT_EQ(seen["Zoil"].first, ranking::impact_wdf(2, length, average, params));
  auto t = doc.termlist_begin();
  t.skip_to("oil");
  EXPECT_EQ(std::vector<Xapian::termpos>(t.positionlist_begin(), t.positionlist_end()),
            (std::vector<Xapian::termpos>{401, 405}));
}

TEST(IndexWriter, ReplacesAnArticleWithTheSameIdAndDeletesById) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db);
    EXPECT_FALSE(w.add(sample_article()));
    auto changed = sample_article();
    changed.title = "A new title";
    EXPECT_TRUE(w.add(changed));
    w.commit();
    EXPECT_EQ(w.document_count(), 1U);
  }
  {
    auto r = open_database_for_reading(db);
    auto pl = r.postlist_begin("Qa1");
    ASSERT_NE(pl, r.postlist_end("Qa1"));
    EXPECT_EQ(nlohmann::json::parse(r.get_document(*pl).get_data())["title"], "A new title");
  }
  IndexWriter w(db);
  EXPECT_TRUE(w.remove("a1"));
  EXPECT_FALSE(w.remove("a1"));
  w.commit();
  EXPECT_EQ(w.document_count(), 0U);
}

TEST(IndexWriter, ANewDatabaseScoresWithItsOwnAverageLength) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  {
    IndexWriter w(db);
    Article a;
    a.id = "long";
    a.body = "alpha beta gamma delta";  // 4 words
    w.add(a);
    a.id = "short";
    a.body = "omega psi";  // 2 words
    w.add(a);
    EXPECT_EQ(w.average_length(), 0);  // still learning
    EXPECT_EQ(w.document_count(), 2U);
    w.commit();
    EXPECT_DOUBLE_EQ(w.average_length(), 3);
  }
  const auto r = open_database_for_reading(db);
  EXPECT_EQ(r.get_metadata(std::string(ranking::kMetaAverageLengthKey)), "3.000");
  // alpha once in 4 words, average 3, the default k1 1.6 and b 0.5:
  // 2.6 / (1 + 1.6 (0.5 + 0.5 x 4/3)) = 0.907 -> 45.
  const auto pl = r.postlist_begin("alpha");
  ASSERT_NE(pl, r.postlist_end("alpha"));
  EXPECT_EQ(pl.get_wdf(), 45U);
  // A later writer keeps the stored average, whatever it adds.
  IndexWriter again(db);
  EXPECT_DOUBLE_EQ(again.average_length(), 3);
  Article b;
  b.id = "more";
  b.body = "one two three four five six seven eight nine ten eleven twelve";
  again.add(b);
  again.commit();
  EXPECT_DOUBLE_EQ(again.average_length(), 3);
  EXPECT_EQ(again.document_count(), 3U);
}

}  // namespace newsdex
