// Trends parameters: every hostile value is a clear usage error naming the parameter, from the
// parser and through the real HTTP server (400), and the answers stay within their limits.
#include "searcher/trends_request.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "core/errors.h"
#include "search_fixture.h"
#include "searcher/server/server.h"
#include "searcher/trends.h"
#include "server_util.h"

namespace newsdex {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// The UsageError message `parse` throws for `params`, or "" when it accepts them.
template <class Parse>
std::string error_of(const Parse& parse, const Params& params) {
  try {
    parse(params);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

std::string series_error(const Params& p) { return error_of(parse_series_params, p); }
std::string surging_error(Params p) {
  if (std::none_of(p.begin(), p.end(), [](const auto& kv) { return kv.first == "window"; }))
    p.emplace_back("window", "2018-01-01..2018-01-31");
  return error_of(parse_surging_params, p);
}

}  // namespace

TEST(TrendsRequest, DefaultsAreCompanyByMonthTopTen) {
  const auto s = parse_series_params({{"q", "samsung"}});
  EXPECT_EQ(s.field, "company");
  EXPECT_EQ(s.interval, Interval::kMonth);
  EXPECT_EQ(s.top, 10U);
  EXPECT_EQ(s.match.query, "samsung");
  const auto g = parse_surging_params({{"window", "2018-11-01..2018-11-30"}, {"field", "topic"}});
  EXPECT_EQ(g.baseline, Baseline::kPrevious);
  EXPECT_EQ(g.window_from, "2018-11-01");
  EXPECT_EQ(g.window_to, "2018-11-30");
  EXPECT_EQ(g.min_count, 5U);
}

TEST(TrendsRequest, CountStoriesAndCollapseStoryCountStories) {
  EXPECT_FALSE(parse_series_params({}).match.count_stories);
  EXPECT_TRUE(parse_series_params({{"count", "stories"}}).match.count_stories);
  EXPECT_TRUE(parse_series_params({{"collapse", "story"}}).match.count_stories);
  EXPECT_FALSE(
      parse_series_params({{"collapse", "story"}, {"count", "articles"}}).match.count_stories);
  const auto window = std::make_pair(std::string("window"), std::string("2018-01-01..2018-01-31"));
  EXPECT_TRUE(parse_surging_params({window, {"count", "stories"}}).match.count_stories);
  EXPECT_FALSE(parse_surging_params({window, {"count", "articles"}}).match.count_stories);
}

TEST(TrendsRequest, RejectsEveryHostileSeriesParameterNamingIt) {
  const std::vector<std::pair<Params, std::string>> cases = {
      {{{"field", "body"}}, "field"},
      {{{"field", ""}}, "field"},
      {{{"field", std::string(5000, 'x')}}, "field"},
      {{{"interval", "hour"}}, "interval"},
      {{{"interval", ""}}, "interval"},
      {{{"from", "2018-13-01"}}, "from"},
      {{{"from", "yesterday"}}, "from"},
      {{{"to", "2018-02-30"}}, "to"},
      {{{"from", "2019-01-01"}, {"to", "2018-01-01"}}, "reversed"},
      {{{"top", "0"}}, "top"},
      {{{"top", "101"}}, "top"},
      {{{"top", "-1"}}, "top"},
      {{{"top", "ten"}}, "top"},
      {{{"top", "99999999999999999999999"}}, "top"},
      {{{"top", ""}}, "top"},
      {{{"count", "words"}}, "count"},
      {{{"count", ""}}, "count"},
      {{{"collapse", "stories"}}, "collapse"},
      {{{"window", "2018-01-01..2018-02-01"}}, "unknown parameter 'window'"},
      {{{"bogus", "1"}}, "unknown parameter 'bogus'"},
      {{{"q", std::string(5000, 'a')}}, "'q'"},
      {{{"q", "\xff\xfe"}}, "UTF-8"},
      {{{"filter", "nofield"}}, "filter"},
      {{{"filter", "body=x"}}, "filter field"},
      {{{"stemming", "maybe"}}, "stemming"},
  };
  for (const auto& [params, needle] : cases) {
    const std::string message = series_error(params);
    EXPECT_NE(message.find(needle), std::string::npos)
        << params[0].first << "=" << params[0].second.substr(0, 30) << " gave: " << message;
  }
  Params many;
  for (int i = 0; i < 65; ++i) many.emplace_back("filter", "topic=t" + std::to_string(i));
  EXPECT_NE(series_error(many).find("filters"), std::string::npos);
}

TEST(TrendsRequest, RejectsEveryHostileSurgingParameterNamingIt) {
  const std::vector<std::pair<Params, std::string>> cases = {
      {{{"window", ""}}, "window"},
      {{{"window", ".."}}, "window"},
      {{{"window", "2018-01-01"}}, "window"},
      {{{"window", "2018-01-01.."}}, "window"},
      {{{"window", "..2018-01-01"}}, "window"},
      {{{"window", "2018-02-01..2018-01-01"}}, "reversed"},
      {{{"window", "2018-01-01..2018-01-01..2018-02-01"}}, "window"},
      {{{"window", std::string(8000, '.')}}, "window"},
      {{{"baseline", "before"}}, "baseline"},
      {{{"min_count", "0"}}, "min_count"},
      {{{"min_count", "-5"}}, "min_count"},
      {{{"min_count", "1e3"}}, "min_count"},
      {{{"min_count", "10000000000"}}, "min_count"},
      {{{"top", "1000"}}, "top"},
      {{{"field", "url"}}, "field"},
      {{{"interval", "day"}}, "unknown parameter 'interval'"},
      {{{"count", "Stories"}}, "count"},
      {{{"collapse", "article"}}, "collapse"},
  };
  for (const auto& [params, needle] : cases) {
    const std::string message = surging_error(params);
    EXPECT_NE(message.find(needle), std::string::npos)
        << params[0].first << "=" << params[0].second.substr(0, 30) << " gave: " << message;
  }
  EXPECT_NE(error_of(parse_surging_params, {{"q", "x"}}).find("'window' is required"),
            std::string::npos);
}

TEST(TrendsRequest, AnIntervalTooFineForTheRangeIsAUsageErrorNamingIt) {
  Searcher searcher(testing::sample_database());
  const auto request =
      parse_series_params({{"interval", "day"}, {"from", "1000-01-01"}, {"to", "2999-12-31"}});
  try {
    trend_series(searcher, request);
    FAIL() << "a million daily buckets were accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("interval"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("1000 buckets"), std::string::npos) << e.what();
  }
  // The same range by year fits: 2,000 buckets would not, 1000-1999 does.
  const auto years = trend_series(
      searcher,
      parse_series_params({{"interval", "year"}, {"from", "1000-01-01"}, {"to", "1999-12-31"}}));
  EXPECT_EQ(years.buckets.size(), 1000U);
  EXPECT_EQ(years.buckets.front(), "1000");
}

TEST(TrendsRequest, SampleSeriesCountsSamsungByYear) {
  Searcher searcher(testing::sample_database());
  const auto r = trend_series(
      searcher,
      parse_series_params({{"q", "samsung"}, {"interval", "year"}, {"field", "company"}}));
  ASSERT_FALSE(r.series.empty());
  EXPECT_EQ(r.series[0].value, "Samsung Electronics");
  Xapian::doccount sum = 0;
  for (const auto c : r.total) sum += c;
  EXPECT_EQ(sum, r.matches);
  EXPECT_EQ(r.matches + r.undated, searcher.search(parse_search_params({{"q", "samsung"}})).total);
}

TEST(TrendsServer, SeriesAndSurgingAnswerTheLibrarysJson) {
  testing::RunningServer server(testing::sample_database(), 2);
  Searcher searcher(testing::sample_database());
  auto res = server.client().Get("/api/trends/series?q=samsung&field=company&interval=year&top=3");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto body = nlohmann::json::parse(res->body);
  const auto direct = series_to_json(trend_series(
      searcher, parse_series_params(
                    {{"q", "samsung"}, {"field", "company"}, {"interval", "year"}, {"top", "3"}})));
  EXPECT_EQ(body["buckets"], nlohmann::json(direct["buckets"]));
  EXPECT_EQ(body["series"], nlohmann::json(direct["series"]));
  EXPECT_LE(body["series"].size(), 3U);

  res = server.client().Get(
      "/api/trends/surging?field=topic&window=2018-01-01..2018-12-31&min_count=1");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  body = nlohmann::json::parse(res->body);
  EXPECT_EQ(body["window"]["from"], "2018-01-01");
  EXPECT_EQ(body["baseline"]["from"], "2017-01-01");
  EXPECT_EQ(body["baseline"]["to"], "2017-12-31");
  EXPECT_EQ(body["score"], "g2");
  for (const auto& v : body["values"]) {
    EXPECT_GT(v["share_change"].get<double>(), 0);
    EXPECT_EQ(v["sparkline"].size(), 16U);
  }
}

TEST(TrendsServer, CountStoriesSaysWhatItCounts) {
  testing::RunningServer server(testing::sample_database(), 2);
  for (const std::string path :
       {"/api/trends/series?interval=year&count=stories",
        "/api/trends/series?interval=year&collapse=story",
        "/api/trends/surging?window=2018-01-01..2018-12-31&count=stories"}) {
    const auto res = server.client().Get(path);
    ASSERT_TRUE(res) << path;
    ASSERT_EQ(res->status, 200) << path << ": " << res->body;
    EXPECT_EQ(nlohmann::json::parse(res->body)["count"], "stories") << path;
  }
  const auto res = server.client().Get("/api/trends/series?interval=year");
  ASSERT_TRUE(res);
  EXPECT_EQ(nlohmann::json::parse(res->body)["count"], "articles");
}

TEST(TrendsServer, HostileParametersAre400sNamingTheParameter) {
  testing::RunningServer server(testing::sample_database(), 2);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/trends/series?field=nope", "field"},
      {"/api/trends/series?interval=fortnight", "interval"},
      {"/api/trends/series?interval=day&from=1000-01-01&to=2999-12-31", "interval"},
      {"/api/trends/series?top=100000", "top"},
      {"/api/trends/series?count=story", "count"},
      {"/api/trends/series?collapse=yes", "collapse"},
      {"/api/trends/series?from=2019-01-01&to=2018-01-01", "reversed"},
      {"/api/trends/surging?field=company", "window"},
      {"/api/trends/surging?window=2018-12-31..2018-01-01", "reversed"},
      {"/api/trends/surging?window=2018-01-01..2018-01-31&min_count=0", "min_count"},
      {"/api/trends/surging?window=2018-01-01..2018-01-31&baseline=last", "baseline"},
      {"/api/trends/surging?window=%00..%ff", "window"},
  };
  for (const auto& [path, needle] : cases) {
    const auto res = server.client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    const auto body = nlohmann::json::parse(res->body);
    EXPECT_EQ(body["error"]["code"], "bad_query") << path;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(needle), std::string::npos)
        << path << ": " << res->body;
  }
}

}  // namespace newsdex
