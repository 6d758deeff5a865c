// The HTTP API against a real server on 127.0.0.1 with an ephemeral port.
#include "searcher/server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>
#include <vector>

#include "indexer/indexer.h"
#include "search_fixture.h"
#include "server_util.h"

namespace newsdex {

namespace {

nlohmann::json body_of(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

}  // namespace

TEST(Server, SearchReturnsTheSameJsonAsTheLibrary) {
  testing::RunningServer s(testing::sample_database());
  auto c = s.client();
  const auto r = c.Get(
      "/api/"
      "search?q=samsung&filter=company:Microsoft&filter=topic:AI&limit=3&facets=company,topic,"
      "year");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
  const auto j = body_of(r);
  const auto direct = result_to_json(testing::search_sample({{"q", "samsung"},
                                                             {"filter", "company=Microsoft"},
                                                             {"filter", "topic=AI"},
                                                             {"limit", "3"},
                                                             {"facets", "company,topic,year"}}));
  EXPECT_EQ(j["total"].dump(), direct["total"].dump());
  EXPECT_EQ(j["hits"].size(), direct["hits"].size());
  EXPECT_EQ(j["hits"][0]["id"].dump(), direct["hits"][0]["id"].dump());
  EXPECT_EQ(j["facets"].dump(), nlohmann::json::parse(direct["facets"].dump()).dump());
}

TEST(Server, DocumentsStatsHealthAndThePage) {
  testing::RunningServer s(testing::sample_database());
  auto c = s.client();
  auto doc = c.Get("/api/documents/sample-0002");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->status, 200);
  EXPECT_EQ(body_of(doc)["id"], "sample-0002");
  auto slash = c.Get("/api/documents/2018-11-07-samsung-microsoft-ai-cloud.txt");
  EXPECT_EQ(slash->status, 200);
  auto missing = c.Get("/api/documents/no-such-id");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(body_of(missing)["error"]["code"], "not_found");
  auto stats = c.Get("/api/stats");
  EXPECT_EQ(stats->status, 200);
  EXPECT_EQ(body_of(stats)["total_documents"], 72);
  EXPECT_EQ(c.Get("/healthz")->status, 200);
  auto page = c.Get("/");
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(page->body.find("<title"), std::string::npos);
  auto nothing = c.Get("/no/such/endpoint");
  EXPECT_EQ(nothing->status, 404);
  EXPECT_EQ(body_of(nothing)["error"]["code"], "not_found");
}

TEST(Server, MalformedRequestsGetJsonErrorsWithoutInternals) {
  testing::RunningServer s(testing::sample_database());
  auto c = s.client();
  for (const char* path :
       {"/api/search?q=date:2018-13-45..", "/api/search?filter=colour:red",
        "/api/search?filter=company", "/api/search?facets=colour", "/api/search?sort=sideways",
        "/api/search?limit=-1", "/api/search?offset=9999&limit=10", "/api/search?q=samsung%20AND",
        "/api/search?unknown=1"}) {
    const auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 400) << path;
    const auto j = body_of(r);
    EXPECT_EQ(j["error"]["code"], "bad_query") << path;
    const std::string msg = j["error"]["message"];
    EXPECT_FALSE(msg.empty());
    EXPECT_EQ(msg.find("/tmp"), std::string::npos) << msg;
  }
}

TEST(Server, BoundsRequestSize) {
  testing::RunningServer s(testing::sample_database());
  auto c = s.client();
  const auto long_query = c.Get("/api/search?q=" + std::string(5000, 'a'));
  ASSERT_TRUE(long_query);
  EXPECT_EQ(long_query->status, 400);
  const auto huge_uri = c.Get("/api/search?q=" + std::string(20000, 'a'));
  ASSERT_TRUE(huge_uri);
  EXPECT_EQ(huge_uri->status, 413);
  std::string filters;
  for (int i = 0; i < 70; ++i)
    filters += "&filter=topic:T" + std::to_string(i);  // httplib drops repeats
  EXPECT_EQ(c.Get("/api/search?q=x" + filters)->status, 400);
  EXPECT_EQ(c.Post("/api/search", std::string(100 * 1024, 'x'), "text/plain")->status, 413);
}

TEST(Server, ConcurrentReadersSeeNewCommitsWithoutARestart) {
  testing::TempDir dir;
  IndexOptions o;
  o.db_path = dir / "db";
  o.batch_size = 50;
  std::string jsonl;
  for (int i = 0; i < 50; ++i) {
    jsonl += "{\"id\":\"a" + std::to_string(i) + "\",\"title\":\"Samsung memory " +
             std::to_string(i) + "\",\"date\":\"2020-01-0" + std::to_string(i % 9 + 1) + "\"}\n";
  }
  testing::write_file(dir / "first.jsonl", jsonl);
  index_paths({dir / "first.jsonl"}, o, IndexObserver{});
  testing::RunningServer s(o.db_path, 4);

  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, requests{0};
  std::atomic<long> last_total{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      auto c = s.client();
      while (!done) {
        const auto r = c.Get("/api/search?q=samsung&facets=year");
        ++requests;
        if (!r || r->status != 200) {
          ++failures;
          continue;
        }
        const auto j = nlohmann::json::parse(r->body);
        const long total = j["total"];
        long year_total = 0;
        for (const auto& v : j["facets"]["year"]) year_total += v["count"].get<long>();
        if (total % 50 != 0 || year_total != total) ++failures;  // only whole commits are seen
        last_total = total;
      }
    });
  }
  // The indexer commits ten more batches while the readers run.
  for (int b = 1; b <= 10; ++b) {
    std::string more;
    for (int i = 0; i < 50; ++i) {
      more += "{\"id\":\"b" + std::to_string(b) + "-" + std::to_string(i) +
              "\",\"title\":\"Samsung chips\",\"date\":\"2021-02-03\"}\n";
    }
    testing::write_file(dir / "more.jsonl", more);
    index_paths({dir / "more.jsonl"}, o, IndexObserver{});
  }
  auto c = s.client();
  const auto final_r = c.Get("/api/search?q=samsung");
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0) << "of " << requests.load() << " requests";
  EXPECT_GT(requests.load(), 10);
  EXPECT_EQ(nlohmann::json::parse(final_r->body)["total"], 550);
}

// Issue 30's crash: empty-query searches on every worker at once (the empty query used to be
// Xapian's one static MatchAll object, its reference count changed by all of them). Under
// TSan, any query state shared between workers is reported here.
TEST(Server, EmptyQueriesOnEveryWorkerAtOnce) {
  testing::RunningServer s(testing::sample_database(), 4);
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      auto c = s.client();
      for (int i = 0; i < 40; ++i) {
        const char* path = (i + t) % 2 ? "/api/search?q=&limit=100&facets=company,topic"
                                       : "/api/search?q=+&limit=5&sort=date";
        const auto r = c.Get(path);
        (r && r->status == 200 ? ok : failed)++;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), 8 * 40);
  const auto r = s.client().Get("/api/search?q=");
  ASSERT_TRUE(r);
  EXPECT_EQ(body_of(r)["total"], 72);
}

TEST(Server, BindsToLoopbackByDefault) {
  ServerOptions o;
  EXPECT_EQ(o.host, "127.0.0.1");
}

}  // namespace newsdex
