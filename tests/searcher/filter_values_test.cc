// Issue 23: a filter value as the data spells it selects those articles (topic=earn is the
// Reuters code the vocabulary names Earnings), and a value no article has returns its empty
// page with a notice naming the closest known values, never a silent zero.
#include <gtest/gtest.h>

#include "searcher/search.h"
#include "test_util.h"

namespace newsdex {

namespace {

class FilterValues : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir;
    db_ = *dir_ / "db";
    testing::write_file(
        *dir_ / "a.jsonl",
        R"({"id":"1","title":"Quarterly profit","body":"Net up","date":"1987-03-02","topics":["Earnings"],"companies":["Texaco"]})"
        "\n"
        R"({"id":"2","title":"Oil output","body":"Crude","date":"1987-03-03","topics":["Oil and Gas"],"companies":["Pennzoil"]})"
        "\n");
    testing::index_quietly(db_, {*dir_ / "a.jsonl"});
  }
  static void TearDownTestSuite() { delete dir_; }

  static SearchResult search(const std::vector<std::pair<std::string, std::string>>& params) {
    Searcher searcher(db_);
    return searcher.search(parse_search_params(params));
  }

  static testing::TempDir* dir_;
  static std::string db_;
};
testing::TempDir* FilterValues::dir_ = nullptr;
std::string FilterValues::db_;

}  // namespace

TEST_F(FilterValues, ACategoryCodeFiltersAsTheNameTheVocabularyGivesIt) {
  const auto r = search({{"q", ""}, {"filter", "topic=earn"}});
  ASSERT_EQ(r.total, 1U);
  EXPECT_EQ(r.hits[0].id, "1");
  EXPECT_TRUE(r.notices.empty());
  EXPECT_EQ(search({{"q", ""}, {"filter", "topic=EARN"}}).total, 1U);   // codes ignore case
  EXPECT_EQ(search({{"q", ""}, {"filter", "topic=crude"}}).total, 1U);  // crude -> Oil and Gas
}

TEST_F(FilterValues, AnUnknownValueSaysSoAndNamesTheClosestKnownValues) {
  const auto r = search({{"q", ""}, {"filter", "topic=Earnigs"}});
  EXPECT_EQ(r.total, 0U);
  ASSERT_EQ(r.notices.size(), 1U);
  EXPECT_NE(r.notices[0].find("topic 'Earnigs'"), std::string::npos) << r.notices[0];
  EXPECT_NE(r.notices[0].find("closest known values: Earnings"), std::string::npos) << r.notices[0];
  const auto json = result_to_json(r);
  ASSERT_TRUE(json.contains("notices"));
  EXPECT_EQ(json["notices"][0], r.notices[0]);
  // A known value (and an alias resolved by the gazetteer) has no notice, and no key.
  const auto known = search({{"q", ""}, {"filter", "company=Texaco"}});
  EXPECT_EQ(known.total, 1U);
  EXPECT_FALSE(result_to_json(known).contains("notices"));
}

TEST_F(FilterValues, HostileValuesGetABoundedNotice) {
  std::vector<std::pair<std::string, std::string>> params = {{"q", ""}};
  for (int i = 0; i < 20; ++i) params.emplace_back("filter", "company=" + std::string(3000, 'x'));
  // The cut at 64 bytes falls inside "é" (2 bytes): the notice stays valid UTF-8.
  params.insert(params.begin() + 1, {"filter", "company=\x1b[31m" + std::string(58, 'a') + "é"});
  const auto r = search(params);
  EXPECT_EQ(r.total, 0U);
  ASSERT_EQ(r.notices.size(), kMaxNotices);
  for (const auto& n : r.notices) EXPECT_LT(n.size(), 300U) << n;  // the value is cut at 64
  EXPECT_NO_THROW((void)result_to_json(r).dump());                 // (throws on bad UTF-8)
}

}  // namespace newsdex
