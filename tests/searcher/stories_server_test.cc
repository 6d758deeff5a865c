// GET /api/stories/{id}, stats' story counts and `newsdex story`, on a real server and binary.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>

#include "indexer/indexer.h"
#include "indexer/stories/signature.h"
#include "searcher/server/server.h"
#include "searcher/stories.h"
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

  // An article's id names its story.
  const auto by_article = c.Get("/api/stories/w-1");
  ASSERT_TRUE(by_article);
  EXPECT_EQ(by_article->status, 200);
  EXPECT_EQ(nlohmann::json::parse(by_article->body), j);

  // Ids that name neither a story nor an article are not found; over 4096 bytes, refused.
  for (const std::string& unknown : std::vector<std::string>{
           stories::article_key("nobody"), "xyz", "0123456789ABCDEF", "0123456789abcdef0", "%00%00",
           "..%2F..%2Fetc%2Fpasswd", std::string(3000, 'a')}) {
    r = c.Get("/api/stories/" + unknown);
    ASSERT_TRUE(r) << unknown;
    EXPECT_EQ(r->status, 404) << unknown;
    EXPECT_NE(r->body.find("\"error\""), std::string::npos);
  }
  r = c.Get("/api/stories/" + std::string(kMaxStoryLookup + 1, 'a'));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("\"error\""), std::string::npos);
  r = c.Get("/api/stats");
  ASSERT_TRUE(r);
  const auto st = nlohmann::json::parse(r->body);
  EXPECT_EQ(st["stories"]["distinct"], 2);
  EXPECT_EQ(st["stories"]["top"][0]["value"], story);
  EXPECT_EQ(st["stories"]["top"][0]["count"], 2);
  EXPECT_EQ(st["stories"]["top"][0]["title"], "Bank raises rates");  // named for people
}

TEST(StoryCommand, PrintsTheArticlesByStoryOrArticleIdAndExitsOneForNeither) {
  testing::TempDir dir;
  const std::string db = story_database(dir);
  const std::string story = std::min(stories::article_key("w-1"), stories::article_key("p-7"));
  auto r = testing::run_newsdex("story --db " + db + " " + story);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("2 articles"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Central bank lifts rate"), std::string::npos) << r.out;
  // An article's id names its story: the same answer as the story id.
  const auto by_story = testing::run_newsdex("story --json --db " + db + " " + story);
  const auto by_article = testing::run_newsdex("story --json --db " + db + " w-1");
  EXPECT_EQ(by_article.status, 0) << by_article.out;
  EXPECT_EQ(by_article.out, by_story.out);
  r = testing::run_newsdex("story --db " + db + " nothex");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("no story and no article with id 'nothex'"), std::string::npos) << r.out;
  r = testing::run_newsdex("story --db " + db + " " + stories::article_key("nobody"));
  EXPECT_EQ(r.status, 1) << r.out;
  r = testing::run_newsdex("story --db " + db + " " + std::string(kMaxStoryLookup + 1, 'a'));
  EXPECT_EQ(r.status, 2) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("1 to 4096 bytes"), std::string::npos) << r.out.substr(0, 300);
}

}  // namespace newsdex
