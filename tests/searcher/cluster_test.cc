// Clusters (issue 25): shards served by real, stock xapian-tcpsrv processes on loopback and
// listed in a stub as "remote HOST:PORT". A cluster answers as one database served the same
// way (every hit, score, total and facet count), and with the totals and facet counts of the
// one database searched locally; a shard that is down, wrong or slow fails the request with a
// message naming it, within the timeout.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "answer_util.h"
#include "core/database.h"
#include "core/errors.h"
#include "core/ranking.h"
#include "indexer/indexer.h"
#include "indexer/tiers.h"
#include "searcher/search.h"
#include "searcher/shards.h"
#include "searcher/trends.h"
#include "searcher/trends_request.h"
#include "shard_util.h"
#include "test_util.h"

namespace newsdex {
namespace {

using testing::free_port;
using testing::have_tcpsrv;
using testing::serve;
using testing::Servers;
using testing::ShardServer;
using testing::Socket;

namespace fs = std::filesystem;

std::vector<std::string> parts_of(const std::string& archive) {
  return open_parts_for_reading(archive).paths;
}

// The articles of `jsonl`, dealt out by line to `n` files in `dir`; their paths.
std::vector<std::string> split(const std::string& jsonl, std::size_t n, const std::string& dir) {
  std::ifstream in(jsonl);
  std::vector<std::ofstream> outs;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < n; ++i) {
    paths.push_back(dir + "/part" + std::to_string(i) + ".jsonl");
    outs.emplace_back(paths.back());
  }
  std::string line;
  for (std::size_t i = 0; std::getline(in, line); ++i) outs[i % n] << line << "\n";
  return paths;
}

// Indexes `paths` into `db` with the ranking constants every shard shares.
void index_shard(const std::string& db, const std::vector<std::string>& paths) {
  IndexOptions o;
  o.db_path = db;
  o.extract = false;
  o.bm25 = ranking::parse_params("avglen=200");
  index_paths(paths, o, IndexObserver{});
}

std::vector<SearchRequest> requests(const std::string& word_a, const std::string& word_b) {
  std::vector<SearchRequest> out;
  for (const std::string& q :
       {std::string(), word_a, word_a + " " + word_b, "\"" + word_a + " " + word_b + "\"",
        word_a + " OR " + word_b, word_a + " -" + word_b, "title:" + word_a,
        word_a + " " + word_b + " market shares growth profit",
        std::string("market OR shares OR growth OR profit NOT ") + word_b}) {
    SearchRequest r;
    r.query = q;
    out.push_back(r);
    r.collapse = true;
    out.push_back(r);
    r.collapse = false;
    r.sort = SortOrder::kNewestFirst;
    out.push_back(r);
    r.sort = SortOrder::kOldestFirst;
    r.match = MatchMode::kAny;
    out.push_back(r);
  }
  SearchRequest filtered;
  filtered.query = word_a;
  filtered.filters = {{"year", "2019"}, {"year", "2021"}, {"year", "1987"}};
  out.push_back(filtered);
  filtered.multi_select = false;
  out.push_back(filtered);
  filtered.from = "1987-03-01";
  filtered.to = "2020-12-31";
  filtered.multi_select = true;
  out.push_back(filtered);
  return out;
}

// A cluster's answer equals `one`'s (one database served the same way) in everything, and
// `local`'s (the one database searched here) in totals and facets, for every request.
// What is compared: every match (a small corpus), or the first page (the peers' query set).
enum class Hits { kEvery, kFirstPage };

// A cluster's answer equals `one`'s (one database served the same way) in everything, and
// `local`'s (the one database searched here) in totals and facets, for every request. Returns
// the share of the first page's ids (scores aside) that the cluster and `local` have in common.
double expect_same_answers(const std::string& cluster, const std::string& one,
                           const std::string& local, const std::vector<SearchRequest>& rs,
                           bool stories_joined, Hits hits = Hits::kEvery) {
  Searcher c(cluster), o(one), l(local);
  const auto ask = [hits](Searcher& s, SearchRequest r) {
    if (hits == Hits::kEvery) return testing::answer(s, r);
    r.facets = {"company", "topic", "year", "month"};
    auto j = testing::page_answer(s, r);
    if (r.collapse) j.erase("hits");  // (a story's article among equal scores may differ)
    return j;
  };
  double common = 0;
  int pages = 0;
  for (const auto& r : rs) {
    const auto got = ask(c, r);
    if (stories_joined || !r.collapse) {
      EXPECT_EQ(got.dump(1), ask(o, r).dump(1)) << r.query;
    }
    auto counts = got, locally = ask(l, r);
    for (auto* j : {&counts, &locally}) {
      j->erase("hits");
      // A cluster's facets count articles; with stories, one database counts stories.
      if (r.collapse) j->erase("facets"), j->erase("facet_count");
      if (!stories_joined && r.collapse) j->erase("total_stories");
    }
    EXPECT_EQ(counts.dump(1), locally.dump(1)) << r.query << (r.collapse ? " (collapsed)" : "");
    if (r.collapse || r.sort != SortOrder::kRelevance) continue;
    const auto ids = [](Searcher& s, const SearchRequest& r) {
      std::set<std::string> out;
      for (const auto& h : s.search(r).hits) out.insert(h.id);
      return out;
    };
    const auto mine = ids(c, r), theirs = ids(l, r);
    if (theirs.empty()) continue;
    std::size_t both = 0;
    for (const auto& id : mine) both += theirs.count(id);
    common += static_cast<double>(both) / static_cast<double>(theirs.size());
    ++pages;
  }
  return pages == 0 ? 1 : common / pages;
}

// A cluster's trends equal one database's: every series and surging answer, `params` each
// (surging when it has a window).
void expect_same_trends(
    const std::string& cluster, const std::string& local,
    const std::vector<std::vector<std::pair<std::string, std::string>>>& params) {
  Searcher c(cluster), l(local);
  for (const auto& p : params) {
    const bool surging =
        std::any_of(p.begin(), p.end(), [](auto& kv) { return kv.first == "window"; });
    auto far = surging ? surging_to_json(trend_surging(c, parse_surging_params(p)))
                       : series_to_json(trend_series(c, parse_series_params(p)));
    auto near = surging ? surging_to_json(trend_surging(l, parse_surging_params(p)))
                        : series_to_json(trend_series(l, parse_series_params(p)));
    far.erase("took_ms");
    near.erase("took_ms");
    EXPECT_EQ(far.dump(1), near.dump(1)) << nlohmann::json(p).dump();
  }
}

TEST(Cluster, ShardsByIdAndByYearAnswerAsOneDatabase) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
  testing::TempDir dir;
  const std::string jsonl = testing::bundled("sample/articles.jsonl");
  index_shard(dir / "one", {jsonl});
  const auto one = serve({dir / "one"}, dir / "one.stub");
  for (const std::size_t n : {2, 4}) {
    const std::string sub = dir / ("by-id-" + std::to_string(n));
    fs::create_directories(sub);
    std::vector<std::string> shards;
    for (const auto& part : split(jsonl, n, sub)) {
      shards.push_back(part + ".db");
      index_shard(shards.back(), {part});
    }
    const auto servers = serve(shards, sub + "/stub");
    // (Stories are found within a shard: copies routed to two shards stay two stories.)
    expect_same_answers(sub + "/stub", dir / "one.stub", dir / "one", requests("chip", "deal"),
                        false);
  }
  fs::copy(dir / "one", dir / "archive", fs::copy_options::recursive);
  tier_database(dir / "archive", TierPeriod::kYear);
  const auto servers = serve(parts_of(dir / "archive"), dir / "by-year.stub");
  ASSERT_GE(servers.size(), 4U);
  expect_same_answers(dir / "by-year.stub", dir / "one.stub", dir / "one", requests("chip", "deal"),
                      true);
  expect_same_trends(
      dir / "by-year.stub", dir / "one",
      {{{"field", "company"}},
       {{"q", "chip"}, {"field", "topic"}, {"interval", "year"}},
       {{"field", "year"}, {"interval", "week"}, {"from", "2019-01-01"}, {"to", "2021-06-30"}},
       {{"q", "deal OR chip"}, {"field", "company"}, {"top", "3"}, {"filter", "year=2016"}},
       {{"field", "company"}, {"window", "2020-01-01..2022-12-31"}, {"min_count", "1"}},
       {{"field", "topic"},
        {"window", "2024-01-01..2025-12-31"},
        {"baseline", "all"},
        {"min_count", "1"}},
       {{"field", "company"}, {"window", "2015-01-01..2015-12-31"}}});
  Searcher cluster(dir / "by-year.stub");
  // Scores: impact x ln(N/n) on a cluster, impact x ln(1 + (N - n + 0.5)/(n + 0.5)) on one
  // database, so for one word every hit's ratio is the ratio of the two idfs.
  {
    Searcher local(dir / "one");
    SearchRequest word;
    word.query = "chip";
    word.match = MatchMode::kAll;
    word.ranking.exact_boost = 0;
    const SearchResult far = cluster.search(word), near = local.search(word);
    const Xapian::Database db = open_database_for_reading(dir / "one");
    const double n = db.get_termfreq("Zchip"), all = db.get_doccount();
    ASSERT_GT(n, 0);
    ASSERT_EQ(far.hits.size(), near.hits.size());
    std::map<std::string, double> scores;  // (equal scores come in docid order)
    for (const auto& h : near.hits) scores[h.id] = h.score;
    for (const auto& h : far.hits) {
      ASSERT_EQ(scores.count(h.id), 1U) << h.id;
      EXPECT_NEAR(h.score / scores[h.id],
                  std::log(all / n) / std::log(1 + (all - n + 0.5) / (n + 0.5)), 1e-9);
    }
  }
  EXPECT_EQ(cluster.stats().dump(), Searcher(dir / "one").stats().dump());
  EXPECT_EQ(cluster.document("sample-0001").dump(),
            Searcher(dir / "one").document("sample-0001").dump());
}

// The shared peers' query set (query, filter FIELD=VALUE or ""), as requests with its facets.
std::vector<SearchRequest> peers_requests() {
  std::ifstream in(testing::shared_data_dir() + "/../peers/queries.tsv");
  std::vector<SearchRequest> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t'), tab2 = line.find('\t', tab + 1);
    SearchRequest r;
    r.query = line.substr(0, tab);
    const std::string filter = line.substr(tab + 1, tab2 - tab - 1);
    if (const auto eq = filter.find('='); eq != std::string::npos)
      r.filters = {{filter.substr(0, eq), filter.substr(eq + 1)}};
    out.push_back(r);
  }
  return out;
}

TEST(Cluster, ReutersOnTwoAndFourShardsAnswersThePeersQueriesAsOneDatabase) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
  if (!testing::shared_corpus_present("reuters21578")) {
    GTEST_SKIP() << "../shared/data/reuters21578 is absent";
  }
  auto rs = peers_requests();
  if (rs.empty()) GTEST_SKIP() << "../shared/peers/queries.tsv is absent";
  for (const auto& extra : requests("oil", "prices")) rs.push_back(extra);
  testing::TempDir dir;
  std::vector<std::string> files;
  for (int i = 0; i < 22; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/reut2-%03d.sgm", i);
    files.push_back(testing::shared_data_dir() + "/reuters21578" + name);
  }
  index_shard(dir / "one", files);
  const auto one = serve({dir / "one"}, dir / "one.stub");
  // (Under the sanitizers, four shards only: indexing Reuters again takes minutes there.)
  const std::vector<std::size_t> counts =
      testing::kTimeScale > 1 ? std::vector<std::size_t>{4} : std::vector<std::size_t>{2, 4};
  for (const std::size_t n : counts) {
    std::vector<std::string> shards;
    for (std::size_t s = 0; s < n; ++s) {
      std::vector<std::string> mine;
      for (std::size_t f = s; f < files.size(); f += n) mine.push_back(files[f]);
      shards.push_back(dir / ("shard-" + std::to_string(n) + "-" + std::to_string(s)));
      index_shard(shards.back(), mine);
    }
    const auto servers = serve(shards, dir / "stub");
    const double common = expect_same_answers(dir / "stub", dir / "one.stub", dir / "one", rs,
                                              false, Hits::kFirstPage);
    std::printf("%zu shards: %.3f of the first page's ids are one database's\n", n, common);
    expect_same_trends(
        dir / "stub", dir / "one",
        {{{"q", "oil"}, {"field", "company"}},
         {{"field", "topic"}, {"interval", "week"}, {"from", "1987-03-01"}, {"to", "1987-06-30"}},
         {{"field", "topic"}, {"window", "1987-04-01..1987-04-30"}},
         {{"q", "trade"},
          {"field", "topic"},
          {"window", "1987-10-01..1987-10-31"},
          {"baseline", "all"},
          {"min_count", "2"}}});
  }
}

// The message of the ShardError that `f` throws ("" when it throws none).
template <class F>
std::string shard_error(const F& f) {
  try {
    f();
  } catch (const ShardError& e) {
    return e.what();
  }
  return {};
}

// Sets $NEWSDEX_SHARD_TIMEOUT_MS for a scope.
struct ShardTimeout {
  explicit ShardTimeout(const char* ms) { setenv("NEWSDEX_SHARD_TIMEOUT_MS", ms, 1); }
  ~ShardTimeout() { unsetenv("NEWSDEX_SHARD_TIMEOUT_MS"); }
};

TEST(Cluster, AShardThatIsDownOrSlowFailsTheSearchByNameAndIsReconnected) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
  testing::TempDir dir;
  const auto parts = split(testing::bundled("sample/articles.jsonl"), 2, dir.path());
  index_shard(dir / "a", {parts[0]});
  index_shard(dir / "b", {parts[1]});
  const ShardTimeout timeout("1000");
  ShardServer a(dir / "a");
  auto b = std::make_unique<ShardServer>(dir / "b");
  const std::string stub = dir / "stub";
  testing::write_file(stub, a.line() + b->line());
  const std::string b_name = "shard 127.0.0.1:" + std::to_string(b->port()) + " (" + stub + ":2)";
  Searcher searcher(stub);
  SearchRequest r;
  r.query = "chip";
  const auto before = testing::answer(searcher, r);
  EXPECT_GT(before["total"].get<int>(), 0);

  // Killed between two searches: the next one fails naming it, and none hangs.
  b->stop();
  const std::string down = shard_error([&] { searcher.search(r); });
  EXPECT_NE(down.find(b_name + " cannot be reached"), std::string::npos) << down;
  EXPECT_EQ(down.find("127.0.0.1:" + std::to_string(a.port())), std::string::npos) << down;
  // Back on its port: the searcher connects again and answers as before.
  const int port = b->port();
  b = std::make_unique<ShardServer>(dir / "b", port);
  EXPECT_EQ(testing::answer(searcher, r).dump(), before.dump());

  // A server that accepts connections and never answers: refused within the timeout.
  const Socket silent(true);
  testing::write_file(dir / "silent",
                      a.line() + "remote 127.0.0.1:" + std::to_string(silent.port) + "\n");
  const auto start = std::chrono::steady_clock::now();
  const std::string slow = shard_error([&] { Searcher s(dir / "silent"); });
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_NE(slow.find(":" + std::to_string(silent.port) + " (" + (dir / "silent") +
                      ":2) cannot be reached"),
            std::string::npos)
      << slow;
  EXPECT_LT(
      took,
      30.0 * testing::kTimeScale);  // (Xapian's timeout is 1 s here: what matters is that it ends)

  // Nothing listens on the port: named at once.
  testing::write_file(dir / "wrong", "remote 127.0.0.1:" + std::to_string(free_port()) + "\n");
  EXPECT_NE(shard_error([&] {
              Searcher s(dir / "wrong");
            }).find("(" + (dir / "wrong") + ":1) cannot be reached"),
            std::string::npos);
}

TEST(Cluster, AShardOfAnotherSchemaOrWithoutFacetSlotsIsRefusedByName) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
  testing::TempDir dir;
  index_shard(dir / "good", {testing::bundled("sample/articles.jsonl")});
  for (const auto& [key, value, says] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"newsdex:schema", "2", "another version of Newsdex (schema 2"},
           {"newsdex:facet_slots", "", "did not keep facet values in slots"}}) {
    const std::string odd = dir / ("odd" + value);
    fs::remove_all(odd);
    fs::copy(dir / "good", odd, fs::copy_options::recursive);
    {
      Xapian::WritableDatabase w(odd);
      w.set_metadata(key, value);
      w.commit();
    }
    ShardServer good(dir / "good"), bad(odd);
    testing::write_file(dir / "stub", good.line() + bad.line());
    std::string error;
    try {
      Searcher s(dir / "stub");
    } catch (const DatabaseError& e) {
      error = e.what();
    }
    EXPECT_NE(error.find(says), std::string::npos) << error;
    EXPECT_NE(error.find("127.0.0.1:" + std::to_string(bad.port()) + " (" + (dir / "stub") + ":2)"),
              std::string::npos)
        << error;
  }
}

TEST(Cluster, MostOfTheWordsIsTheirCombinationsUpToElevenWords) {
  testing::TempDir dir;
  {
    Xapian::WritableDatabase w(dir / "db", Xapian::DB_CREATE);
    for (const char* text : {"a b c", "a b", "a c d", "d", "a b c d"}) {
      Xapian::Document doc;
      for (const char* c = text; *c != '\0'; ++c) {
        if (*c != ' ') doc.add_term(std::string(1, *c));
      }
      w.add_document(doc);
    }
    w.commit();
  }
  const Xapian::Database db(dir / "db");
  const std::vector<Xapian::Query> words = {Xapian::Query("a"), Xapian::Query("b"),
                                            Xapian::Query("c"), Xapian::Query("d")};
  Xapian::Enquire e(db);
  e.set_query(at_least_query(words, 3));
  std::vector<Xapian::docid> got;
  for (const auto d : e.get_mset(0, 10)) got.push_back(d);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<Xapian::docid>{1, 3, 5}));  // three or four of a, b, c, d
  EXPECT_TRUE(at_least_query(words, 1).empty());
  EXPECT_TRUE(exact_most_on_shards(kMaxMostWords));
  EXPECT_FALSE(exact_most_on_shards(kMaxMostWords + 1));
  EXPECT_TRUE(
      at_least_query(std::vector<Xapian::Query>(12, Xapian::Query("a")), most_words(12)).empty());
}

TEST(Cluster, ACommandThatWritesRefusesAClusterAndABadTimeoutIsNamed) {
  testing::TempDir dir;
  testing::write_file(dir / "stub", "remote 127.0.0.1:1\n");
  std::string error;
  try {
    open_parts_for_writing(dir / "stub");
  } catch (const DatabaseError& e) {
    error = e.what();
  }
  // (Nothing listens on port 1: writers never connect to a shard.)
  EXPECT_NE(error.find(dir / "stub:1: a remote shard (a cluster)"), std::string::npos) << error;
  for (const char* bad : {"0", "99", "600001", "10s", "-5", "99999999999999"}) {
    const ShardTimeout timeout(bad);
    EXPECT_THROW(shard_timeout_ms(), UsageError) << bad;
  }
  const ShardTimeout fine("2500");
  EXPECT_EQ(shard_timeout_ms(), 2500U);
}

}  // namespace
}  // namespace newsdex
