// A server on a cluster (issue 25): `newsdex serve` over real xapian-tcpsrv shards answers the
// JSON API (search, documents, stories, stats, trends) as over one database; with a shard down
// every request, eight at once too, ends within the shard timeout as 503 shard_unavailable naming
// the shard, and the server answers again once the shard is back.
#include <gtest/gtest.h>

#include <cstdlib>
#include <future>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/ranking.h"
#include "indexer/indexer.h"
#include "server_util.h"
#include "shard_util.h"
#include "test_util.h"

namespace newsdex {
namespace {

nlohmann::json get_json(const testing::RunningServer& server, const std::string& path,
                        int* status) {
  auto res = server.client().Get(path);
  EXPECT_TRUE(res) << path;
  if (!res) return nullptr;
  *status = res->status;
  return nlohmann::json::parse(res->body, nullptr, false);
}

TEST(ClusterServer, ServesTheApiAndSaysWhichShardIsDown) {
  if (!testing::have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
  setenv("NEWSDEX_SHARD_TIMEOUT_MS", "1000", 1);
  testing::TempDir dir;
  IndexOptions o;
  o.extract = false;
  o.bm25 = ranking::parse_params("avglen=200");
  o.db_path = dir / "a";
  index_paths({testing::bundled("sample/articles.jsonl")}, o, IndexObserver{});
  o.db_path = dir / "b";
  index_paths({testing::bundled("sample/text")}, o, IndexObserver{});
  testing::ShardServer a(dir / "a");
  auto b = std::make_unique<testing::ShardServer>(dir / "b");
  testing::write_file(dir / "stub", a.line() + b->line());
  testing::RunningServer server(dir / "stub");

  int status = 0;
  const auto found = get_json(server, "/api/search?q=chip&facets=company,topic", &status);
  EXPECT_EQ(status, 200);
  EXPECT_GT(found["total"].get<int>(), 0);
  EXPECT_FALSE(found["facets"]["company"].empty());
  const std::string id = found["hits"][0]["id"];
  EXPECT_EQ(get_json(server, "/api/documents/" + id, &status)["id"], id);
  EXPECT_EQ(status, 200);
  const auto stats = get_json(server, "/api/stats", &status);
  EXPECT_EQ(status, 200);
  EXPECT_GT(stats["total_documents"].get<int>(), 40);
  const auto trends = get_json(server, "/api/trends/series?q=chip&field=company", &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(trends["matches"], found["total"]) << trends.dump();
  get_json(server, "/api/trends/surging?window=2020-01-01..2022-12-31", &status);
  EXPECT_EQ(status, 200);

  const auto story = get_json(server, "/api/stories/" + id, &status);
  EXPECT_EQ(status, 200);
  EXPECT_GE(story["size"].get<int>(), 1) << story.dump();

  b->stop();
  const auto no_story = get_json(server, "/api/stories/" + id, &status);
  EXPECT_EQ(status, 503);
  EXPECT_NE(no_story.dump().find("shard_unavailable"), std::string::npos) << no_story.dump();
  std::vector<std::future<std::pair<int, std::string>>> calls;
  for (int i = 0; i < 8; ++i) {
    calls.push_back(std::async(std::launch::async, [&server] {
      auto res = server.client().Get("/api/search?q=chip");
      return res ? std::make_pair(res->status, res->body) : std::make_pair(0, std::string());
    }));
  }
  const std::string b_port = std::to_string(b->port());
  for (auto& call : calls) {
    const auto [code, body] = call.get();
    EXPECT_EQ(code, 503) << body;
    EXPECT_NE(body.find("shard_unavailable"), std::string::npos) << body;
    EXPECT_NE(body.find("127.0.0.1:" + b_port), std::string::npos) << body;
  }
  b = std::make_unique<testing::ShardServer>(dir / "b", std::stoi(b_port));
  EXPECT_EQ(get_json(server, "/api/search?q=chip&facets=company,topic", &status)["total"],
            found["total"]);
  EXPECT_EQ(status, 200);
  unsetenv("NEWSDEX_SHARD_TIMEOUT_MS");
}

}  // namespace
}  // namespace newsdex
