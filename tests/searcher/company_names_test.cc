// Issue 23: a company is shown by the name it had at the article's date (the gazetteer's former
// names), and is still one facet value, filtered by any of its names, over all its eras.
#include <gtest/gtest.h>

#include "core/database.h"
#include "indexer/indexer.h"
#include "searcher/search.h"
#include "searcher/stats.h"
#include "searcher/trends.h"
#include "test_util.h"

namespace newsdex {

namespace {

// A gazetteer of the test's own: Acme Oil was Acme Petroleum until 1999 and Acme Crude before
// 1980; Other Co never changed its name.
constexpr const char* kGazetteer =
    "Acme Oil\tAcme Oil Corp\t\tUS\t\tAcme Crude<1980|Acme Petroleum<1999\n"
    "Other Co\tOther\t\tUS\t\t\n";

class CompanyNames : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    db_ = *dir_ / "db";
    testing::write_file(*dir_ / "companies.tsv", kGazetteer);
    // Given as any of the names: each article is filed under the name of its year. Article 6
    // names the company in its text only, and is extracted.
    testing::write_file(
        *dir_ / "a.jsonl",
        R"({"id":"1","title":"Refinery","body":"Output rose","date":"1975-05-02","companies":["Acme Oil"]})"
        "\n"
        R"({"id":"2","title":"Refinery","body":"Output fell","date":"1987-03-02","companies":["Acme Oil Corp","Other"]})"
        "\n"
        R"({"id":"3","title":"Pipeline","body":"New line","date":"1988-06-01","companies":["Acme Petroleum"]})"
        "\n"
        R"({"id":"4","title":"Profit","body":"Record year","date":"2005-01-10","companies":["Acme Petroleum"]})"
        "\n"
        R"({"id":"5","title":"Undated","body":"No date here","companies":["Acme Crude"]})"
        "\n");
    testing::write_file(
        *dir_ / "b.jsonl",
        R"({"id":"6","title":"Drilling","body":"Acme Oil Corp said it would drill.","date":"1990-02-02"})"
        "\n");
    IndexOptions o;
    o.db_path = db_;
    o.extract = false;
    o.companies_path = *dir_ / "companies.tsv";
    index_paths({*dir_ / "a.jsonl"}, o, IndexObserver{});
    o.extract = true;
    index_paths({*dir_ / "b.jsonl"}, o, IndexObserver{});
  }
  static void TearDownTestSuite() { delete dir_; }

  static SearchResult search(const std::vector<std::pair<std::string, std::string>>& params) {
    Searcher searcher(db_);
    return searcher.search(parse_search_params(params));
  }
  static std::map<std::string, std::vector<std::string>> companies_by_id(const SearchResult& r) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& h : r.hits) out[h.id] = h.companies;
    return out;
  }

  static testing::TempDir* dir_;
  static std::string db_;
};
testing::TempDir* CompanyNames::dir_ = nullptr;
std::string CompanyNames::db_;

}  // namespace

TEST_F(CompanyNames, EachArticleShowsTheNameOfItsYear) {
  const auto r = search({{"q", ""}, {"limit", "10"}});
  ASSERT_EQ(r.total, 6U);
  const auto by_id = companies_by_id(r);
  EXPECT_EQ(by_id.at("1"), std::vector<std::string>{"Acme Crude"});
  EXPECT_EQ(by_id.at("2"), (std::vector<std::string>{"Acme Petroleum", "Other Co"}));
  EXPECT_EQ(by_id.at("3"), std::vector<std::string>{"Acme Petroleum"});
  EXPECT_EQ(by_id.at("4"), std::vector<std::string>{"Acme Oil"});  // a later name, given early
  EXPECT_EQ(by_id.at("5"), std::vector<std::string>{"Acme Oil"});  // undated: today's name
  EXPECT_EQ(by_id.at("6"), std::vector<std::string>{"Acme Petroleum"});  // extracted
}

TEST_F(CompanyNames, TheFacetHasOneValueLabelledByTheNameMostCountedArticlesCarry) {
  const auto all = search({{"q", ""}, {"facets", "company"}});
  ASSERT_EQ(all.facets.size(), 1U);
  const auto& values = all.facets[0].second;
  ASSERT_EQ(values.size(), 2U);
  EXPECT_EQ(values[0].value, "Acme Oil");
  EXPECT_EQ(values[0].count, 6U);                // every era, each article once
  EXPECT_EQ(values[0].label, "Acme Petroleum");  // 3 of the 6
  EXPECT_EQ(values[1].value, "Other Co");
  EXPECT_EQ(values[1].label, "");
  const auto json = result_to_json(all);
  EXPECT_EQ(json["facets"]["company"][0]["label"], "Acme Petroleum");
  EXPECT_FALSE(json["facets"]["company"][1].contains("label"));
  // Only the 2000s counted: the label is that era's name, and none is given when it is the value.
  const auto late = search({{"q", ""}, {"facets", "company"}, {"from", "2000-01-01"}});
  ASSERT_EQ(late.facets[0].second.size(), 1U);
  EXPECT_EQ(late.facets[0].second[0].count, 1U);
  EXPECT_EQ(late.facets[0].second[0].label, "");
}

TEST_F(CompanyNames, AnyNameFiltersEveryEra) {
  for (const std::string name : {"Acme Oil", "Acme Petroleum", "acme crude", "Acme Oil Corp"}) {
    const auto r = search({{"q", ""}, {"filter", "company=" + name}, {"facets", "company"}});
    EXPECT_EQ(r.total, 6U) << name;
    EXPECT_TRUE(r.notices.empty()) << name;
    ASSERT_EQ(r.filters.size(), 1U);
    EXPECT_EQ(r.filters[0].as, "Acme Oil") << name;  // the facet value the page ticks
  }
  EXPECT_EQ(search({{"q", "company:\"Acme Crude\""}}).total, 6U);  // and as a field query
  EXPECT_EQ(search({{"q", ""}, {"filter", "company=Other"}}).total, 1U);
}

TEST_F(CompanyNames, TrendsAndStatsCountTheCompanyOnce) {
  Searcher searcher(db_);
  const auto series = trend_series(
      searcher, parse_series_params({{"q", ""}, {"field", "company"}, {"interval", "year"}}));
  ASSERT_EQ(series.series.size(), 2U);
  EXPECT_EQ(series.series[0].value, "Acme Oil");
  EXPECT_EQ(series.series[0].total, 5U);  // the five dated articles
  EXPECT_EQ(series.series[0].label, "Acme Petroleum");
  Xapian::doccount sum = 0;
  for (const auto c : series.series[0].counts) sum += c;
  EXPECT_EQ(sum, 5U);  // every name counts in the one line
  const auto stats = database_stats(open_database_for_reading(db_));
  const auto& top = stats["fields"]["company"]["top"];
  ASSERT_GE(top.size(), 1U);
  EXPECT_EQ(top[0]["value"], "Acme Oil");
  EXPECT_EQ(top[0]["count"], 6);
  EXPECT_EQ(top[0]["label"], "Acme Petroleum");
  EXPECT_EQ(stats["fields"]["company"]["distinct"], 2);
}

}  // namespace newsdex
