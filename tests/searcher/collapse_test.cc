// collapse=story and count=stories|articles through the real server and the real binary: the
// story object, the totals, paging and date order collapsed, and hostile values.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <set>
#include <thread>

#include "indexer/indexer.h"
#include "searcher/search.h"
#include "searcher/server/server.h"
#include "test_util.h"

namespace newsdex {

namespace {

const char* const kBankBody =
    "The central bank raised its main lending rate by half a point on Monday, citing rising "
    "prices for food and fuel. Economists had expected the move after inflation reached its "
    "highest level in six years last month, and the bank said more rises could follow.";
const char* const kPortBody =
    "Dock workers at the country's largest port began a two-day strike over pay on Tuesday, "
    "halting the loading of grain and coal ships. The union said talks with the port authority "
    "had broken down after employers offered a rise below the rate of inflation.";

// A bank story in three articles (two outlets the same day, one a day later), a port story in
// two, and four articles of their own that also mention the bank.
std::string collapse_database(const testing::TempDir& dir) {
  const std::string jsonl = dir / "in.jsonl";
  std::ofstream out(jsonl);
  const auto line = [&](const std::string& id, const std::string& title, const std::string& body,
                        const std::string& date, const std::string& source) {
    out << nlohmann::json{{"id", id},
                          {"title", title},
                          {"body", body},
                          {"date", date},
                          {"source", source}}
               .dump()
        << "\n";
  };
  line("b-1", "Bank raises rates", kBankBody, "2020-03-02", "Wire");
  line("b-2", "Central bank lifts rate", kBankBody, "2020-03-02", "Paper");
  line("b-3", "Bank lifts its rate", kBankBody, "2020-03-03", "Radio");
  line("p-1", "Port strike", kPortBody, "2020-03-10", "Wire");
  line("p-2", "Dockers strike at port", kPortBody, "2020-03-10", "Paper");
  const char* const others[] = {
      "A bank opens a branch in the old town hall", "A bank sponsors the marathon",
      "Farmers ask the bank for credit after the drought", "The bank museum reopens after repairs"};
  for (int i = 0; i < 4; ++i) {
    line("o-" + std::to_string(i), others[i],
         std::string(others[i]) + ". Residents said the news was welcome.",
         "2020-0" + std::to_string(4 + i) + "-01", "Local");
  }
  out.close();
  IndexOptions o;
  o.db_path = dir / "db";
  index_paths({jsonl}, o, IndexObserver{});
  return o.db_path;
}

class CollapseServer : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.db_path = db_ = collapse_database(dir_);
    o.port = 0;
    o.access_log = false;
    server_ = std::make_unique<NewsServer>(o);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->serve(); });
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }
  nlohmann::json get(const std::string& path, int status = 200) {
    httplib::Client c("127.0.0.1", port_);
    const auto r = c.Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, status) << path << ": " << r->body;
    return nlohmann::json::parse(r->body);
  }

  testing::TempDir dir_;
  std::string db_;
  std::unique_ptr<NewsServer> server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_F(CollapseServer, OneHitPerStoryWithItsStoryAndBothTotals) {
  const auto flat = get("/api/search?q=bank&facets=source&limit=20");
  EXPECT_EQ(flat["total"], 7);
  EXPECT_FALSE(flat.contains("total_stories"));
  EXPECT_EQ(flat["facet_count"], "articles");
  EXPECT_EQ(flat["hits"].size(), 7U);
  const auto j = get("/api/search?q=bank&collapse=story&facets=source&limit=20");
  EXPECT_EQ(j["total"], 7);  // articles
  EXPECT_EQ(j["total_stories"], 5);
  EXPECT_EQ(j["facet_count"], "stories");
  ASSERT_EQ(j["hits"].size(), 5U);
  int bank_stories = 0;
  for (const auto& h : j["hits"]) {
    ASSERT_TRUE(h.contains("story"));
    if (h["id"].get<std::string>()[0] != 'b') {
      EXPECT_EQ(h["story"]["size"], 1);
      continue;
    }
    ++bank_stories;
    EXPECT_EQ(h["story"]["size"], 3);
    EXPECT_EQ(h["story"]["first_date"], "2020-03-02");
    EXPECT_EQ(h["story"]["sources"], nlohmann::json({"Paper", "Radio", "Wire"}));
    EXPECT_EQ(h["story"]["id"].get<std::string>().size(), 16U);
  }
  EXPECT_EQ(bank_stories, 1);
  // Sources by story: Wire, Paper and Radio carry one story each, Local four.
  const nlohmann::json by_story = {{{"value", "Local"}, {"count", 4}},
                                   {{"value", "Paper"}, {"count", 1}},
                                   {{"value", "Radio"}, {"count", 1}},
                                   {{"value", "Wire"}, {"count", 1}}};
  EXPECT_EQ(j["facets"]["source"], by_story);
  // count=articles keeps article counts while collapsed; count=stories works uncollapsed.
  const auto articles = get("/api/search?q=bank&collapse=story&count=articles&facets=source");
  EXPECT_EQ(articles["facet_count"], "articles");
  EXPECT_EQ(articles["facets"]["source"], flat["facets"]["source"]);
  EXPECT_EQ(articles["total_stories"], 5);
  const auto uncollapsed = get("/api/search?q=bank&count=stories&facets=source&limit=20");
  EXPECT_EQ(uncollapsed["hits"].size(), 7U);
  EXPECT_EQ(uncollapsed["facets"]["source"], by_story);
  // A filter: the port story counts once for Wire; multi-select keeps the other sources.
  const auto port = get("/api/search?q=strike&collapse=story&facets=source&filter=source:Wire");
  EXPECT_EQ(port["total"], 1);
  EXPECT_EQ(port["total_stories"], 1);
  EXPECT_EQ(port["hits"][0]["story"]["size"], 2);
  const nlohmann::json port_sources = {{{"value", "Paper"}, {"count", 1}},
                                       {{"value", "Wire"}, {"count", 1}}};
  EXPECT_EQ(port["facets"]["source"], port_sources);
}

TEST_F(CollapseServer, PagesAndDateOrderCountStories) {
  for (const std::string sort : {"relevance", "date", "-date"}) {
    const auto all = get("/api/search?q=bank&collapse=story&limit=20&sort=" + sort);
    ASSERT_EQ(all["hits"].size(), 5U) << sort;
    std::set<std::string> stories;
    for (std::size_t offset = 0; offset < 6; ++offset) {
      const auto page =
          get("/api/search?q=bank&collapse=story&limit=1&offset=" + std::to_string(offset) +
              "&sort=" + sort);
      if (offset == 5) {
        EXPECT_TRUE(page["hits"].empty()) << sort;
        continue;
      }
      ASSERT_EQ(page["hits"].size(), 1U);
      EXPECT_EQ(page["hits"][0]["id"], all["hits"][offset]["id"]) << sort << " " << offset;
      EXPECT_EQ(page["hits"][0]["rank"], offset + 1);
      stories.insert(page["hits"][0]["story"]["id"].get<std::string>());
    }
    EXPECT_EQ(stories.size(), 5U) << sort;
    // Newest first: the bank story is shown by its newest article, b-3; oldest first by b-1
    // or b-2 (the same day).
    for (const auto& h : all["hits"]) {
      const std::string id = h["id"];
      if (id[0] != 'b') continue;
      if (sort == "date") {
        EXPECT_EQ(id, "b-3");
      } else if (sort == "-date") {
        EXPECT_NE(id, "b-3");
      }
    }
  }
}

TEST_F(CollapseServer, HostileCollapseAndCountValuesAre400sNamingTheParameter) {
  const std::pair<std::string, std::string> cases[] = {
      {"collapse=stories", "collapse"},
      {"collapse=STORY", "collapse"},
      {"collapse=story%00", "collapse"},
      {"collapse=%ff", "UTF-8"},
      {"count=story", "count"},
      {"count=", "count"},
      {"count=articles,stories", "count"},
      {"collapse=story&offset=9991&limit=10", "offset"},
      {"collapse=story&offset=99999999999999999999", "offset"},
  };
  for (const auto& [query, needle] : cases) {
    const auto j = get("/api/search?q=bank&" + query, 400);
    ASSERT_TRUE(j.is_object()) << query;
    EXPECT_NE(j["error"]["message"].get<std::string>().find(needle), std::string::npos)
        << query << ": " << j.dump();
  }
  // The deepest page allowed, collapsed: empty, with the totals.
  const auto deep = get("/api/search?q=bank&collapse=story&offset=9990&limit=10");
  EXPECT_TRUE(deep["hits"].empty());
  EXPECT_EQ(deep["total_stories"], 5);
  // "none" and "" leave the hits uncollapsed.
  EXPECT_EQ(get("/api/search?q=bank&collapse=none&limit=20")["hits"].size(), 7U);
}

TEST_F(CollapseServer, TheCliCollapsesAndExitsTwoOnABadValue) {
  const std::string bin = NEWSDEX_BINARY;
  std::string out;
  EXPECT_EQ(testing::run_command(bin + " search --db " + db_ + " --collapse story bank", &out), 0)
      << out;
  EXPECT_NE(out.find("7 matches in 5 stories"), std::string::npos) << out;
  EXPECT_NE(out.find("+ 2 more versions"), std::string::npos) << out;
  EXPECT_NE(out.find("facets count stories"), std::string::npos) << out;
  EXPECT_EQ(testing::run_command(bin + " search --db " + db_ + " --collapse stories bank", &out), 2)
      << out;
  EXPECT_NE(out.find("'collapse'"), std::string::npos) << out;
  EXPECT_EQ(testing::run_command(bin + " search --db " + db_ + " --count all bank", &out), 2)
      << out;
  EXPECT_NE(out.find("'count'"), std::string::npos) << out;
  EXPECT_EQ(
      testing::run_command(bin + " bench --db " + db_ + " --queries /dev/null --collapse x", &out),
      2)
      << out;
  EXPECT_NE(out.find("'collapse'"), std::string::npos) << out;
}

// A story of 40 copies fills the first ranking's prefix: the page is found by ranking again
// with a longer prefix, and the totals and story counts are those of the first, counted run.
TEST(CollapseAgain, AStoryFillingTheFirstPrefixIsPassedOver) {
  testing::TempDir dir;
  const std::string jsonl = dir / "in.jsonl";
  {
    std::ofstream out(jsonl);
    const auto line = [&](const std::string& id, const std::string& body, const std::string& date,
                          const std::string& source) {
      out << nlohmann::json{{"id", id},
                            {"title", "Bank"},
                            {"body", body},
                            {"date", date},
                            {"source", source}}
                 .dump()
          << "\n";
    };
    for (int i = 0; i < 40; ++i) {
      line("copy-" + std::to_string(i), kBankBody, "2020-05-01", "Outlet " + std::to_string(i % 4));
    }
    line("port", std::string(kPortBody) + " The bank was not involved.", "2020-04-01", "Local");
    line("museum", "The bank museum reopens after repairs.", "2020-03-01", "Local");
  }
  const std::string db = dir / "db";
  testing::index_quietly(db, {jsonl});
  Searcher searcher(db);
  SearchRequest req;
  req.query = "bank";
  req.sort = SortOrder::kNewestFirst;  // the copies first
  req.facets = {"source"};
  req.collapse = true;
  req.count_stories = true;
  req.limit = 3;
  const SearchResult r = searcher.search(req);
  ASSERT_EQ(r.hits.size(), 3U);
  EXPECT_EQ(r.hits[0].id.rfind("copy-", 0), 0U) << r.hits[0].id;
  EXPECT_EQ(r.hits[1].id, "port");
  EXPECT_EQ(r.hits[2].id, "museum");
  EXPECT_EQ(r.hits[0].story->size, 40U);
  EXPECT_EQ(r.total, 42U);
  EXPECT_EQ(r.total_stories, 3U);
  ASSERT_EQ(r.facets.size(), 1U);
  const std::vector<std::pair<std::string, Xapian::doccount>> by_story = {
      {"Local", 2}, {"Outlet 0", 1}, {"Outlet 1", 1}, {"Outlet 2", 1}, {"Outlet 3", 1}};
  ASSERT_EQ(r.facets[0].second.size(), by_story.size());
  for (std::size_t i = 0; i < by_story.size(); ++i) {
    EXPECT_EQ(r.facets[0].second[i].value, by_story[i].first);
    EXPECT_EQ(r.facets[0].second[i].count, by_story[i].second);
  }
}

}  // namespace newsdex
