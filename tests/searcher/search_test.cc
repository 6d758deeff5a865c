// The searcher on the sample corpus: operators, fields, aliases, facets, paging, snippets,
// sorting and errors, through the same request parsing the CLI and HTTP server use.
#include "searcher/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/errors.h"
#include "core/text.h"
#include "search_fixture.h"

namespace newsdex {

using testing::hit_ids;
using testing::search_sample;
using P = std::vector<std::pair<std::string, std::string>>;

namespace {
Xapian::doccount facet_count(const SearchResult& r, const std::string& facet,
                             const std::string& value) {
  for (const auto& [name, values] : r.facets) {
    if (name != facet) continue;
    for (const auto& v : values) {
      if (v.value == value) return v.count;
    }
  }
  return 0;
}
}  // namespace

TEST(Search, FindsTheSamsungMicrosoftStoryAndRanksTitleMatchesFirst) {
  const auto r = search_sample({{"q", "samsung microsoft cloud"}});
  ASSERT_GT(r.total, 0U);
  EXPECT_EQ(r.hits.at(0).id, "2018-11-07-samsung-microsoft-ai-cloud.txt");
  EXPECT_TRUE(r.total_exact);
}

TEST(Search, AnEmptyQueryBrowsesEverything) {
  const auto r = search_sample({{"q", ""}, {"limit", "5"}});
  EXPECT_EQ(r.total, 72U);
  EXPECT_EQ(r.hits.size(), 5U);
}

// Browsing has no relevance to rank by: newest first (issue 29), whatever order the articles
// were indexed in; an explicit -date still gives the oldest first.
TEST(Search, BrowsingWithNoWordsListsTheNewestFirst) {
  for (const char* q : {"", "   "}) {
    const auto all = search_sample({{"q", q}, {"limit", "100"}, {"facets", ""}});
    ASSERT_EQ(all.hits.size(), 72U);
    std::vector<std::string> dates;
    for (const auto& h : all.hits) dates.push_back(h.date.empty() ? "0000" : h.date);
    EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend())) << "q='" << q << "'";
    EXPECT_NE(all.hits.front().date, all.hits.back().date);
    // With no words to show in context, a hit's snippet is its article's opening.
    const auto& first = all.hits.front();
    const std::string body =
        Searcher(testing::sample_database()).document(first.id).at("body").get<std::string>();
    ASSERT_GT(body.size(), 100U);
    EXPECT_EQ(first.snippet.substr(0, 60), text::html_escape(body).substr(0, 60)) << first.id;
  }
  const auto oldest = search_sample({{"q", ""}, {"sort", "-date"}, {"limit", "1"}});
  const auto newest = search_sample({{"q", ""}, {"limit", "1"}});
  ASSERT_EQ(oldest.hits.size(), 1U);
  EXPECT_LT(oldest.hits[0].date, newest.hits[0].date);
}

TEST(Search, BooleanOperatorsCombineMatches) {
  const auto a = search_sample({{"q", "dram"}}).total;
  const auto b = search_sample({{"q", "nvidia"}}).total;
  const auto both = search_sample({{"q", "dram AND nvidia"}}).total;
  const auto either = search_sample({{"q", "dram OR nvidia"}}).total;
  const auto a_not_b = search_sample({{"q", "dram NOT nvidia"}}).total;
  EXPECT_GT(both, 0U);
  EXPECT_EQ(either, a + b - both);
  EXPECT_EQ(a_not_b, a - both);
  EXPECT_EQ(search_sample({{"q", "dram -nvidia"}}).total, a_not_b);
  // Plain words: all of them when that fills a page, else fewer (searcher/query_plan.h).
  EXPECT_EQ(search_sample({{"q", "dram nvidia"}, {"match", "all"}}).total, both);
  ASSERT_LT(both, 10U);
  const auto relaxed = search_sample({{"q", "dram nvidia"}});
  EXPECT_EQ(relaxed.matching, "any");
  EXPECT_EQ(relaxed.total, either);
}

// Issue 30: "-samsung" alone returned the Samsung articles.
TEST(Search, OnlyExcludedWordsMatchEveryArticleWithoutThem) {
  const auto all = search_sample({{"q", ""}}).total;
  const auto samsung = search_sample({{"q", "samsung"}}).total;
  const auto both = search_sample({{"q", "samsung OR nvidia"}}).total;
  ASSERT_GT(samsung, 0U);
  EXPECT_EQ(search_sample({{"q", "-samsung"}}).total, all - samsung);
  EXPECT_EQ(search_sample({{"q", "NOT samsung"}}).total, all - samsung);
  EXPECT_EQ(search_sample({{"q", "-samsung -nvidia"}}).total, all - both);
  for (const auto& h : search_sample({{"q", "-samsung"}, {"limit", "100"}}).hits)
    EXPECT_EQ(h.id.find("samsung"), std::string::npos) << h.id;
}

TEST(Search, PhrasesMatchWordsInOrder) {
  const auto phrase = search_sample({{"q", "\"high bandwidth memory\""}});
  const auto words = search_sample({{"q", "high bandwidth memory"}});
  EXPECT_GT(phrase.total, 0U);
  EXPECT_LE(phrase.total, words.total);
  // A phrase no article has is not an empty page: its words answer, and the answer says so.
  const auto reversed = search_sample({{"q", "\"memory bandwidth high\""}, {"match", "all"}});
  EXPECT_EQ(reversed.matching, "words");
  EXPECT_EQ(reversed.total,
            search_sample({{"q", "high bandwidth memory"}, {"match", "all"}}).total);
  EXPECT_EQ(search_sample({{"q", "memory NEAR/0 zebra"}}).total, 0U);  // operators stay exact
}

TEST(Search, StemmingMatchesWordFormsButExactFormsRankFirst) {
  const auto r = search_sample({{"q", "chips"}});
  EXPECT_EQ(r.total, search_sample({{"q", "chip"}}).total);
  ASSERT_FALSE(r.hits.empty());
}

TEST(Search, CompanyAliasesResolveAsUsersTypeThem) {
  const auto canonical = search_sample({{"q", "company:\"SK Hynix\""}}).total;
  EXPECT_GT(canonical, 0U);
  EXPECT_EQ(search_sample({{"q", "company:hynix"}}).total, canonical);
  EXPECT_EQ(search_sample({{"q", "company:\"sk hynix\""}}).total, canonical);
  EXPECT_EQ(search_sample({{"filter", "company=sk hynix"}}).total, canonical);
  const auto ms = search_sample({{"filter", "company=MS"}}).total;
  EXPECT_EQ(ms, search_sample({{"filter", "company=Microsoft"}}).total);
  EXPECT_GT(ms, 0U);
  EXPECT_EQ(search_sample({{"filter", "company=Samsung"}}).total,
            search_sample({{"filter", "company=Samsung Electronics"}}).total);
}

TEST(Search, FieldsAndDateRangesRestrictMatches) {
  const auto all = search_sample({{"q", ""}}).total;
  const auto y2018 = search_sample({{"q", "year:2018"}}).total;
  const auto range = search_sample({{"q", "date:2018-01-01..2018-12-31"}}).total;
  EXPECT_EQ(y2018, range);
  EXPECT_EQ(search_sample({{"from", "2018-01-01"}, {"to", "2018-12-31"}}).total, y2018);
  EXPECT_EQ(search_sample({{"q", "date:..2017-12-31"}}).total +
                search_sample({{"q", "date:2018-01-01.."}}).total,
            all);
  EXPECT_EQ(search_sample({{"q", "month:2018-11"}}).total,
            search_sample({{"q", "date:2018-11-01..2018-11-30"}}).total);
  EXPECT_GT(search_sample({{"q", "topic:ai"}}).total, 0U);
  EXPECT_EQ(search_sample({{"q", "topic:ai"}}).total,
            search_sample({{"filter", "topic=AI"}}).total);
  EXPECT_GT(search_sample({{"q", "title:samsung"}}).total, 0U);
  EXPECT_LT(search_sample({{"q", "title:samsung"}}).total, search_sample({{"q", "samsung"}}).total);
}

TEST(Search, FacetCountsAreExactAndMultiSelect) {
  const auto open = search_sample({{"q", "memory"}, {"facet_size", "100"}});
  const auto hynix = facet_count(open, "company", "SK Hynix");
  const auto samsung = facet_count(open, "company", "Samsung Electronics");
  ASSERT_GT(hynix, 0U);
  ASSERT_GT(samsung, 0U);
  // Picking one company narrows the hits but keeps the other companies' counts.
  const auto picked =
      search_sample({{"q", "memory"}, {"filter", "company=SK Hynix"}, {"facet_size", "100"}});
  EXPECT_EQ(picked.total, hynix);
  EXPECT_EQ(facet_count(picked, "company", "Samsung Electronics"), samsung);
  // Two values of one field are ORed.
  const auto both = search_sample(
      {{"q", "memory"}, {"filter", "company=SK Hynix"}, {"filter", "company=Samsung Electronics"}});
  EXPECT_GE(both.total, std::max(hynix, samsung));
  EXPECT_LE(both.total, hynix + samsung);
  // Other facets are narrowed by the company filter.
  Xapian::doccount years = 0;
  for (const auto& [name, values] : picked.facets) {
    if (name == "year") {
      for (const auto& v : values) years += v.count;
    }
  }
  EXPECT_EQ(years, picked.total);  // every match has exactly one year
}

TEST(Search, DrillDownCountsOnlyTheFilteredMatches) {
  const P picked = {{"q", "memory"}, {"filter", "company=SK Hynix"}, {"facet_size", "100"}};
  const auto multi = search_sample(picked);
  P drill = picked;
  drill.push_back({"facet_mode", "drilldown"});
  const auto down = search_sample(drill);
  EXPECT_EQ(down.total, multi.total);
  EXPECT_EQ(hit_ids(down), hit_ids(multi));
  ASSERT_GT(facet_count(multi, "company", "Samsung Electronics"), 0U);
  // In drill-down the filtered field counts only the filtered matches: every one has SK Hynix.
  EXPECT_EQ(facet_count(down, "company", "SK Hynix"), down.total);
  EXPECT_LT(facet_count(down, "company", "Samsung Electronics"),
            facet_count(multi, "company", "Samsung Electronics"));
}

TEST(Search, FacetsAreSortedByCountThenValue) {
  const auto r = search_sample(
      {{"q", ""}, {"facets", "company,topic,year,month,source"}, {"facet_size", "1000"}});
  ASSERT_EQ(r.facets.size(), 5U);
  for (const auto& [name, values] : r.facets) {
    for (std::size_t i = 1; i < values.size(); ++i) {
      const bool ordered =
          values[i - 1].count > values[i].count ||
          (values[i - 1].count == values[i].count && values[i - 1].value < values[i].value);
      EXPECT_TRUE(ordered) << name << " at " << i;
    }
  }
}

TEST(Search, PagesThroughResultsWithoutOverlap) {
  const auto all = search_sample({{"q", "samsung"}, {"limit", "100"}});
  const auto p1 = search_sample({{"q", "samsung"}, {"limit", "3"}});
  const auto p2 = search_sample({{"q", "samsung"}, {"limit", "3"}, {"offset", "3"}});
  ASSERT_GE(all.hits.size(), 6U);
  EXPECT_EQ(p1.hits[0].id, all.hits[0].id);
  EXPECT_EQ(p2.hits[0].id, all.hits[3].id);
  EXPECT_EQ(p2.hits[0].rank, 4U);
  const auto beyond = search_sample({{"q", "samsung"}, {"offset", "500"}});
  EXPECT_TRUE(beyond.hits.empty());
  EXPECT_EQ(beyond.total, all.total);
}

TEST(Search, SnippetsHighlightMatchesAndEscapeEverythingElse) {
  const auto r = search_sample({{"q", "dram"}});
  ASSERT_FALSE(r.hits.empty());
  for (const auto& h : r.hits) {
    const auto& s = h.snippet;
    EXPECT_NE(s.find("<mark>"), std::string::npos) << s;
    std::string without = s;
    for (const std::string tag : {"<mark>", "</mark>"}) {
      for (std::size_t p; (p = without.find(tag)) != std::string::npos;)
        without.erase(p, tag.size());
    }
    EXPECT_EQ(without.find('<'), std::string::npos) << s;
  }
  const auto att = search_sample({{"q", "at&t"}});
  for (const auto& h : att.hits) EXPECT_EQ(h.snippet.find("AT&T"), std::string::npos) << h.snippet;
}

TEST(Search, SortsByDateNewestOrOldestFirst) {
  const auto newest = search_sample({{"q", "samsung"}, {"sort", "date"}, {"limit", "50"}});
  const auto oldest = search_sample({{"q", "samsung"}, {"sort", "-date"}, {"limit", "50"}});
  ASSERT_GT(newest.hits.size(), 2U);
  for (std::size_t i = 1; i < newest.hits.size(); ++i)
    EXPECT_GE(newest.hits[i - 1].date, newest.hits[i].date);
  for (std::size_t i = 1; i < oldest.hits.size(); ++i)
    EXPECT_LE(oldest.hits[i - 1].date, oldest.hits[i].date);
}

TEST(Search, SuggestsASpellingForUnknownWords) {
  const auto r = search_sample({{"q", "samsnug"}});
  EXPECT_EQ(r.total, 0U);
  ASSERT_TRUE(r.did_you_mean);
  EXPECT_EQ(*r.did_you_mean, "samsung");
  EXPECT_FALSE(search_sample({{"q", "samsung"}}).did_you_mean);
}

TEST(Search, FreeTextStaysForgiving) {
  EXPECT_GT(search_sample({{"q", "\"high bandwidth"}}).total, 0U);  // unbalanced quote
  EXPECT_NO_THROW(search_sample({{"q", "ratio: memory"}}));         // not a field
  EXPECT_EQ(search_sample({{"q", "memory:"}}).total, search_sample({{"q", "memory"}}).total);
}

TEST(Search, MalformedRequestsAreUsageErrorsThatSayWhat) {
  auto message = [](const P& p) {
    try {
      search_sample(p);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({{"q", "date:2018-13-45.."}}).find("2018-13-45"), std::string::npos);
  EXPECT_NE(message({{"q", "date:2019-01-01..2018-01-01"}}).find("start is after the end"),
            std::string::npos);
  EXPECT_NE(message({{"filter", "colour=red"}}).find("unknown filter field 'colour'"),
            std::string::npos);
  EXPECT_NE(message({{"filter", "company"}}).find("FIELD=VALUE"), std::string::npos);
  EXPECT_NE(message({{"facets", "company,colour"}}).find("unknown facet 'colour'"),
            std::string::npos);
  EXPECT_NE(message({{"sort", "oldest"}}).find("unknown sort"), std::string::npos);
  EXPECT_NE(message({{"limit", "ten"}}).find("'limit'"), std::string::npos);
  EXPECT_NE(message({{"offset", "9995"}, {"limit", "10"}}).find("at most 10000"),
            std::string::npos);
  EXPECT_NE(message({{"from", "2018-02-30"}}).find("'from'"), std::string::npos);
  EXPECT_NE(message({{"q", "samsung AND"}}).find("cannot parse"), std::string::npos);
  EXPECT_NE(message({{"q", "year:18"}}).find("YYYY"), std::string::npos);
  EXPECT_NE(message({{"facet_mode", "all"}}).find("'facet_mode'"), std::string::npos);
}

TEST(Search, FetchesAStoredArticleById) {
  Searcher s(testing::sample_database());
  const auto a = s.document("sample-0001");
  EXPECT_EQ(a["id"], "sample-0001");
  EXPECT_FALSE(a["body"].get<std::string>().empty());
  EXPECT_THROW(s.document("nope"), NotFoundError);
}

TEST(Search, AMissingDatabaseIsADatabaseError) {
  EXPECT_THROW(Searcher("/nonexistent/newsdex-db"), DatabaseError);
}

TEST(Search, EachFilterSaysTheValueItFiltersBy) {
  const auto j =
      result_to_json(search_sample({{"q", ""}, {"filter", "company:MS"}, {"filter", "topic:AI"}}));
  ASSERT_EQ(j["filters"].size(), 2U);
  EXPECT_EQ(j["filters"][0]["field"], "company");
  EXPECT_EQ(j["filters"][0]["value"], "MS");
  EXPECT_EQ(j["filters"][0]["as"], "Microsoft");
  EXPECT_EQ(j["filters"][1]["as"], "AI");
  for (const auto& h : j["hits"]) {
    const auto& companies = h["companies"];
    EXPECT_NE(std::find(companies.begin(), companies.end(), "Microsoft"), companies.end());
  }
  EXPECT_GT(j["total"].get<int>(), 0);
}

TEST(Search, JsonHasTheSpecShape) {
  const auto j = result_to_json(search_sample({{"q", "samsung"}, {"limit", "2"}}));
  for (const char* key : {"query", "total", "total_exact", "offset", "limit", "hits", "facets",
                          "did_you_mean", "took_ms"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  const auto& hit = j["hits"][0];
  for (const char* key :
       {"rank", "id", "score", "title", "date", "companies", "topics", "url", "snippet"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_TRUE(j["facets"].contains("company"));
  EXPECT_TRUE(j["facets"]["company"][0].contains("value"));
  EXPECT_TRUE(j["facets"]["company"][0].contains("count"));
}

TEST(Search, KeptPostingListsStayWithinTheBudgetDroppingTheLeastRecentlyUsed) {
  const Xapian::Database db(testing::sample_database());
  const TermPostings samsung = TermPostings::read(db, "samsung", 1000000);
  ASSERT_TRUE(samsung.kept());
  // The kept list is the posting list itself.
  std::vector<Xapian::docid> want;
  for (auto p = db.postlist_begin("samsung"); p != db.postlist_end("samsung"); ++p) {
    want.push_back(*p);
    EXPECT_EQ(samsung.wdf[want.size() - 1], p.get_wdf());
  }
  EXPECT_EQ(samsung.docids, want);
  EXPECT_FALSE(TermPostings::read(db, "samsung", 1).kept());  // too long for the limit

  // Room for two lists the size of samsung's.
  const RevisionState index(db, RevisionState::Columns::kFull,
                            2 * samsung.bytes() + samsung.bytes() / 2);
  std::map<std::string, int> reads;
  const auto get = [&](const std::string& term) {
    return index.postings(term, [&] {
      ++reads[term];
      return samsung;  // every list the same size, for the arithmetic
    });
  };
  get("a");
  get("b");
  get("a");  // order of use: a, b
  get("c");  // over the budget: b, the least recent, goes
  get("a");
  get("c");  // order of use: c, a
  EXPECT_EQ(reads, (std::map<std::string, int>{{"a", 1}, {"b", 1}, {"c", 1}}));
  get("b");  // read again; a goes
  EXPECT_EQ(get("c")->docids, want);
  EXPECT_EQ(reads, (std::map<std::string, int>{{"a", 1}, {"b", 2}, {"c", 1}}));
  get("a");
  EXPECT_EQ(reads["a"], 2);
}

}  // namespace newsdex
