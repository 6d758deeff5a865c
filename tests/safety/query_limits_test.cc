// Issue 17, items 5, 7 and 8: the query cost model, open date ranges outside the data, and
// invalid UTF-8 in parameters.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "core/errors.h"
#include "searcher/deadline.h"
#include "searcher/query_cost.h"
#include "searcher/search.h"
#include "searcher/server/server.h"
#include "server_util.h"

namespace newsdex::testing {
namespace {

// 1,100 articles, each with its own word "xq0000".."xq1099", dated 2018-01-01..
const std::string& wide_database() {
  static TempDir dir;
  static const std::string path = [] {
    std::string lines;
    for (int i = 0; i < 1100; ++i) {
      char word[16];
      std::snprintf(word, sizeof word, "xq%04d", i);
      lines += std::string("{\"id\":\"") + word + "\",\"title\":\"" + word +
               " common\",\"date\":\"2018-01-" + (i % 2 == 0 ? "01" : "02") + "\"}\n";
    }
    write_file(dir / "wide.jsonl", lines);
    index_quietly(dir / "db", {dir / "wide.jsonl"});
    return dir / "db";
  }();
  return path;
}

SearchResult search(std::vector<std::pair<std::string, std::string>> params) {
  static Searcher s(wide_database());
  return s.search(parse_search_params(params));
}

std::string usage_error_of(std::vector<std::pair<std::string, std::string>> params) {
  try {
    search(std::move(params));
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(QueryLimits, AWildcardExpandingPastItsLimitIsAUsageErrorNamingIt) {
  EXPECT_EQ(search({{"q", "xq000*"}}).total, 10U);
  EXPECT_EQ(usage_error_of({{"q", "xq*"}}),
            "the wildcard 'xq*' matches more than 1000 words (limit per wildcard); type more "
            "letters");
  EXPECT_NE(usage_error_of({{"q", "title:xq*"}}).find("matches more than 1000"), std::string::npos);
}

TEST(QueryLimits, MoreThanEightWildcardsIsAUsageError) {
  std::string q;
  for (int i = 0; i < 9; ++i) q += "xq00" + std::to_string(i) + "* ";
  EXPECT_NE(usage_error_of({{"q", q}}).find("more than 8 wildcards"), std::string::npos);
  // 675 one-letter wildcards (the probe that held a core for 150 s) stop at the count.
  std::string many;
  for (int i = 0; i < 675; ++i) many += "x* ";
  EXPECT_NE(usage_error_of({{"q", many}}).find("wildcard"), std::string::npos)
      << usage_error_of({{"q", many}});
}

TEST(QueryLimits, AQueryReadingMorePostingsThanItsBudgetIsRefused) {
  Xapian::Database db(wide_database());
  Xapian::QueryParser qp;
  qp.set_database(db);
  std::string text = "common";
  for (int i = 0; i < 20; ++i) text += " OR xq00" + std::to_string(10 + i);
  const Xapian::Query q = qp.parse_query(text, Xapian::QueryParser::FLAG_BOOLEAN);
  EXPECT_NO_THROW(check_query_cost(db, text, q, 2000));
  try {
    check_query_cost(db, text, q, 1000);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("would read 1120 postings, more than the limit of 1000"),
              std::string::npos)
        << e.what();
  }
}

// Issue 30: `the NEAR said NEAR ...` with 100 words held a worker for 7 s inside Xapian's
// matcher, where no deadline reaches; its positional work is bounded before it runs.
TEST(QueryLimits, PositionalWorkIsBoundedBeforeTheMatch) {
  std::string near = "common";
  for (int i = 0; i < 32; ++i) near += (i % 2 ? " NEAR common" : " NEAR xq0001");
  EXPECT_NE(usage_error_of({{"q", near}}).find("33 words, more than the limit of 32"),
            std::string::npos)
      << usage_error_of({{"q", near}});
  std::string phrase = "\"";
  for (int i = 0; i < 40; ++i) phrase += " common";
  EXPECT_NE(usage_error_of({{"q", phrase + "\""}}).find("limit of 32"), std::string::npos);
  // A short phrase is well within the work limit.
  EXPECT_EQ(search({{"q", "\"xq0001 common\""}}).total, 1U);
}

// Issue 30: a per-request deadline, checked inside the loops that read postings, on every
// route (the walk that counts, and Xapian's matcher with the count pass beside it).
TEST(QueryLimits, ASearchPastItsDeadlineStopsInsideTheMatchLoop) {
  const Deadline spent(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  {
    const DeadlineScope scope(&spent);
    for (const char* sort : {"relevance", "date"}) {
      try {
        search({{"q", "common"}, {"facets", "company,year"}, {"sort", sort}});
        ADD_FAILURE() << sort << ": no timeout";
      } catch (const TimeoutError& e) {
        EXPECT_NE(std::string(e.what()).find("time limit of 1 ms"), std::string::npos);
      }
    }
  }
  EXPECT_EQ(search({{"q", "common"}, {"facets", "company"}}).total, 1100U);  // no deadline now
  const Deadline ample(std::chrono::milliseconds(60000));
  const DeadlineScope scope(&ample);
  EXPECT_EQ(search({{"q", "common"}, {"sort", "date"}}).total, 1100U);
}

TEST(QueryLimits, TheQueryTimeoutIsRangeChecked) {
  ServerOptions o;
  o.db_path = wide_database();
  o.query_timeout_ms = -1;
  EXPECT_THROW(NewsServer{o}, UsageError);
}

TEST(QueryLimits, OpenDateRangesOutsideTheDataFindNothing) {
  EXPECT_EQ(search({{"q", "date:2030-01-01.."}}).total, 0U);
  EXPECT_EQ(search({{"q", "date:..1980-01-01"}}).total, 0U);
  EXPECT_EQ(search({{"q", "year:2030.."}}).total, 0U);
  EXPECT_EQ(search({{"q", ""}, {"from", "2030-01-01"}}).total, 0U);
  EXPECT_EQ(search({{"q", ""}, {"to", "1980-01-01"}}).total, 0U);
  EXPECT_EQ(search({{"q", ""}, {"from", "2018-01-02"}}).total, 550U);
  // Both ends given the wrong way round is still the user's mistake.
  EXPECT_NE(usage_error_of({{"q", "date:2018-02-01..2018-01-01"}}).find("start is after the end"),
            std::string::npos);
}

TEST(QueryLimits, InvalidUtf8InAnyParameterIsAUsageErrorNamingIt) {
  for (const char* name : {"q", "filter", "sort", "facets", "from", "limit", "stemming"}) {
    EXPECT_EQ(usage_error_of({{name, "a\xff"}}),
              std::string("parameter '") + name + "' is not valid UTF-8");
  }
  EXPECT_EQ(usage_error_of({{"q\xc3", "a"}}), "a parameter name is not valid UTF-8");
}

TEST(QueryLimits, TheServerAnswers400ForInvalidUtf8AndCostlyQueries) {
  RunningServer s(wide_database());
  auto c = s.client();
  for (const char* path :
       {"/api/search?filter=company%3D%FF", "/api/search?sort=%C3", "/api/search?from=%FF",
        "/api/search?facets=%FF%FE", "/api/documents/%FF%FE", "/api/search?q=xq*"}) {
    const auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 400) << path << " " << r->body;
    EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "bad_query") << path;
  }
  const auto ok = c.Get("/api/documents/xq0001");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

}  // namespace
}  // namespace newsdex::testing
