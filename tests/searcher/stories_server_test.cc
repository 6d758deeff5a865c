// GET /api/stories/{id}, stats' story counts and `newsdex story`, on a real server and binary.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>

#include "indexer/indexer.h"
#include "indexer/stories/signature.h"
#include "searcher/server/server.h"
#include "server_util.h"

namespace newsdex {

namespace {

// Two copies of one story on 2020-03-02 (one from another outlet), and one unrelated article.
std::string story_database(const testing::TempDir& dir) {
  const std::string body =
      "The central bank raised its main lending rate by half a point on Monday, citing rising "
      "prices for food and fuel. Economists had expected the move after inflation reached its "
      "highest level in six years last month.";
  const std::string jsonl = dir / "in.jsonl";
  std::ofstream out(jsonl);
  out << nlohmann::json{{"id", "w-1"},
                        {"title", "Bank raises rates"},
                        {"body", body},
                        {"date", "2020-03-02"},
                        {"source", "Wire"}}
             .dump()
      << "\n"
      << nlohmann::json{{"id", "p-7"},
                        {"title", "Central bank lifts rate"},
                        {"body", body},
                        {"date", "2020-03-02"},
                        {"source", "Paper"}}
             .dump()
      << "\n"
      << nlohmann::json{{"id", "f-1"},
                        {"title", "Cup final"},
                        {"body", "The home side won the cup final in extra time."},
                        {"date", "2020-03-02"},
                        {"source", "Wire"}}
             .dump()
      << "\n";
  out.close();
  IndexOptions o;
  o.db_path = dir / "db";
  index_paths({jsonl}, o, IndexObserver{});
  return o.db_path;
}

}  // namespace

TEST(StoriesApi, ListsTheStoryAndRejectsHostileIds) {
  testing::TempDir dir;
  testing::RunningServer server(story_database(dir));
  auto c = server.client();
  const std::string story = std::min(stories::article_key("w-1"), stories::article_key("p-7"));
  auto r = c.Get("/api/stories/" + story);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const auto j = nlohmann::json::parse(r->body);
  EXPECT_EQ(j["size"], 2);
  EXPECT_EQ(j["first_date"], "2020-03-02");
  EXPECT_EQ(j["sources"], nlohmann::json({"Paper", "Wire"}));
  ASSERT_EQ(j["articles"].size(), 2U);
  EXPECT_EQ(j["articles"][0]["id"], "p-7");
  EXPECT_EQ(j["articles"][1]["title"], "Bank raises rates");

  r = c.Get("/api/stories/" + stories::article_key("nobody"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  for (const std::string& bad :
       std::vector<std::string>{"xyz", "0123456789ABCDEF", "0123456789abcdef0", "%00%00",
                                "..%2F..%2Fetc%2Fpasswd", std::string(3000, 'a')}) {
    r = c.Get("/api/stories/" + bad);
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_NE(r->body.find("\"error\""), std::string::npos);
  }
  r = c.Get("/api/stats");
  ASSERT_TRUE(r);
  const auto st = nlohmann::json::parse(r->body);
  EXPECT_EQ(st["stories"]["distinct"], 2);
  EXPECT_EQ(st["stories"]["top"][0]["value"], story);
  EXPECT_EQ(st["stories"]["top"][0]["count"], 2);
}

TEST(StoryCommand, PrintsTheArticlesAndExitsTwoOnABadId) {
  testing::TempDir dir;
  const std::string db = story_database(dir);
  const std::string story = std::min(stories::article_key("w-1"), stories::article_key("p-7"));
  auto r = testing::run_newsdex("story --db " + db + " " + story);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("2 articles"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Central bank lifts rate"), std::string::npos) << r.out;
  r = testing::run_newsdex("story --db " + db + " nothex");
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("16 lower-case hex digits"), std::string::npos) << r.out;
  r = testing::run_newsdex("story --db " + db + " " + stories::article_key("nobody"));
  EXPECT_EQ(r.status, 1) << r.out;
}

}  // namespace newsdex
