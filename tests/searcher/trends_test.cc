// Trends: series and surging lists compared exactly with a brute force that walks every document
// (its indexed terms and stored metadata) on random queries, filters, ranges, intervals and
// windows; and every parameter's hostile values.
#include "searcher/trends.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "bench/generator.h"
#include "core/article.h"
#include "core/database.h"
#include "core/dates.h"
#include "core/errors.h"
#include "core/gazetteer.h"
#include "core/schema.h"
#include "indexer/indexer.h"
#include "test_util.h"

namespace newsdex {

namespace {

using testing::TempDir;
using Params = std::vector<std::pair<std::string, std::string>>;

// A generated corpus (dates 2000-2025, companies, topics, sources) plus a few undated articles,
// with stories of several articles: every fourth article copied by another outlet the same day
// (with one more topic), every seventh re-filed the next day (the same story across buckets).
const std::string& trends_database() {
  static TempDir dir;
  static const std::string path = [] {
    const std::string jsonl = dir / "corpus.jsonl";
    {
      std::ofstream out(jsonl);
      bench::GeneratorOptions g;
      g.docs = 3000;
      g.seed = 7;
      g.vocabulary = 3000;
      std::stringstream generated;
      bench::generate_corpus(g, generated);
      std::string line;
      for (int i = 0; std::getline(generated, line); ++i) {
        out << line << "\n";
        auto j = nlohmann::json::parse(line);
        if (i % 4 == 0) {
          auto copy = j;
          copy["id"] = "copy-" + j["id"].get<std::string>();
          copy["source"] = "Outlet";
          copy["topics"].push_back("Syndicated");
          out << copy.dump() << "\n";
        }
        const auto day = parse_iso_date(j.value("date", ""));
        if (i % 7 == 0 && day) {
          auto later = j;
          later["id"] = "later-" + j["id"].get<std::string>();
          later["date"] = Date::from_days_since_epoch(day->days_since_epoch() + 1).iso();
          out << later.dump() << "\n";
        }
      }
      for (int i = 0; i < 5; ++i) {
        out << R"({"id":"undated-)" << i
            << R"(","title":"Undated market report","body":"market shares and profit",)"
            << R"("companies":["Samsung Electronics"],"topics":["Markets"]})"
            << "\n";
      }
    }
    IndexOptions o;
    o.db_path = dir / "db";
    index_paths({jsonl}, o, IndexObserver{});
    return o.db_path;
  }();
  return path;
}

struct Doc {
  std::vector<std::string> terms;  // sorted
  Article article;
  std::string story;  // the story id (slot 2)
  long day = 0;       // days since epoch; valid only when dated
  bool dated = false;
  bool has(const std::string& t) const { return std::binary_search(terms.begin(), terms.end(), t); }
};

// A company filed under several names over the years is one value, its canonical name.
std::vector<std::string> values_of(const Article& a, const std::string& field) {
  if (field == "company") {
    static const CompanyGazetteer names = CompanyGazetteer::load(testing::bundled("companies.tsv"));
    std::vector<std::string> out;
    for (const auto& c : a.companies) {
      const std::string company = names.grouped_under(c);
      out.push_back(company.empty() ? c : company);
    }
    return out;
  }
  if (field == "topic") return a.topics;
  if (field == "source")
    return a.source.empty() ? std::vector<std::string>{} : std::vector{a.source};
  if (a.date.empty()) return {};
  if (field == "year") return {a.date.substr(0, 4)};
  return {a.date.substr(0, 7)};  // month
}

// The brute force's own bucket label of a day (weeks by their Monday).
std::string label_of(long day, const std::string& interval) {
  const Date d = Date::from_days_since_epoch(day);
  if (interval == "day") return d.iso();
  if (interval == "month") return d.iso().substr(0, 7);
  if (interval == "year") return d.iso().substr(0, 4);
  long monday = day;
  while (Date::from_days_since_epoch(monday).weekday() != 1) --monday;
  return Date::from_days_since_epoch(monday).iso();
}

double g2(double a, double n, double b, double m) {
  // The same statistic written as Dunning's sum over the four cells, with k = a + b.
  auto xlx = [](double x) { return x > 0 ? x * std::log(x) : 0.0; };
  const double k = a + b, N = n + m;
  if (N == 0) return 0;
  return std::max(0.0, 2 * (xlx(a) + xlx(n - a) + xlx(b) + xlx(m - b) - xlx(k) - xlx(N - k) -
                            xlx(n) - xlx(m) + xlx(N)));
}

struct Query {
  Params params;  // q, filters
  std::function<bool(const Doc&)> matches;
};

class TrendsBruteForce : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto db = open_database_for_reading(trends_database());
    docs_ = new std::vector<Doc>;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
      Doc d;
      const auto doc = db.get_document(*p);
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) d.terms.push_back(*t);
      d.article = article_from_json(nlohmann::json::parse(doc.get_data()));
      d.story = doc.get_value(static_cast<Xapian::valueno>(schema::field("story").value_slot));
      if (const auto date = parse_iso_date(d.article.date)) {
        d.dated = true;
        d.day = date->days_since_epoch();
      }
      docs_->push_back(std::move(d));
    }
  }
  static void TearDownTestSuite() { delete docs_; }

  const Doc& random_doc() {
    return (*docs_)[std::uniform_int_distribution<std::size_t>(0, docs_->size() - 1)(rng_)];
  }
  std::string word_of(const Doc& d) {
    std::vector<std::string> words;
    for (const auto& t : d.terms) {
      if (t.size() >= 3 &&
          std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        words.push_back(t);
    }
    return words.empty()
               ? "market"
               : words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(rng_)];
  }
  int roll(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  // A random query: nothing, a word, two words ANDed or ORed; and maybe a filter or two.
  Query random_query() {
    static const Xapian::Stem stem("english");
    Query q;
    const int kind = roll(4);
    const std::string w1 = word_of(random_doc()), w2 = word_of(random_doc());
    std::string text;
    std::function<bool(const Doc&)> text_match = [](const Doc&) { return true; };
    if (kind == 1) {
      text = w1;
      text_match = [t = "Z" + stem(w1)](const Doc& d) { return d.has(t); };
    } else if (kind == 2) {
      text = w1 + " AND " + w2;
      text_match = [a = "Z" + stem(w1), b = "Z" + stem(w2)](const Doc& d) {
        return d.has(a) && d.has(b);
      };
    } else if (kind == 3) {
      text = w1 + " OR " + w2;
      text_match = [a = "Z" + stem(w1), b = "Z" + stem(w2)](const Doc& d) {
        return d.has(a) || d.has(b);
      };
    }
    q.params.emplace_back("q", text);
    std::vector<std::pair<std::string, std::string>> filters;
    for (int f = roll(3); f > 0; --f) {
      const Doc& d = random_doc();
      const std::string field = roll(2) == 0 ? "company" : "topic";
      const auto values = values_of(d.article, field);
      if (values.empty() || values[0].find('"') != std::string::npos) continue;
      filters.emplace_back(field, values[0]);
      q.params.emplace_back("filter", field + "=" + values[0]);
    }
    q.matches = [text_match, filters](const Doc& d) {
      if (!text_match(d)) return false;
      std::map<std::string, bool> field_ok;  // values of one field ORed, fields ANDed
      for (const auto& [field, value] : filters) {
        const auto vs = values_of(d.article, field);
        field_ok[field] = field_ok[field] || std::count(vs.begin(), vs.end(), value) > 0;
      }
      return std::all_of(field_ok.begin(), field_ok.end(), [](const auto& p) { return p.second; });
    };
    return q;
  }
  std::string random_field() {
    static const char* const kFields[] = {"company", "topic", "source", "year", "month"};
    return kFields[roll(5)];
  }
  long random_day() {
    const Doc* d = &random_doc();
    while (!d->dated) d = &random_doc();
    return d->day;
  }

  static std::vector<Doc>* docs_;
  std::mt19937 rng_{20261129};
  Searcher searcher_{trends_database()};
};

std::vector<Doc>* TrendsBruteForce::docs_ = nullptr;

}  // namespace

TEST_F(TrendsBruteForce, SeriesEqualTheBruteForceOnRandomQueriesRangesAndIntervals) {
  static const char* const kIntervals[] = {"day", "week", "month", "year"};
  int compared_lines = 0, story_differs = 0, gaps_seen = 0;
  for (int iter = 0; iter < 150; ++iter) {
    Query q = random_query();
    const std::string field = random_field();
    const std::string interval = kIntervals[roll(4)];
    const std::size_t top = static_cast<std::size_t>(1 + roll(12));
    Params p = q.params;
    p.insert(p.end(), {{"field", field}, {"interval", interval}, {"top", std::to_string(top)}});
    // Days and weeks need a range short enough for the bucket cap.
    long from = random_day(), to = random_day();
    if (from > to) std::swap(from, to);
    if (interval == "day") to = std::min(to, from + 300);
    if (interval == "week") to = std::min(to, from + 2000);
    const bool ranged = interval == "day" || interval == "week" || roll(2) == 0;
    const bool by_story = roll(2) == 0;
    if (by_story) p.emplace_back("count", "stories");
    // What counts once: an article, or with count=stories a story (once per bucket).
    const auto unit = [by_story](const Doc* d) { return by_story ? d->story : d->article.id; };
    if (ranged) {
      p.emplace_back("from", Date::from_days_since_epoch(from).iso());
      p.emplace_back("to", Date::from_days_since_epoch(to).iso());
    }
    const SeriesResult got = trend_series(searcher_, parse_series_params(p));
    SCOPED_TRACE(q.params[0].second + " field=" + field + " interval=" + interval +
                 (by_story ? " count=stories" : ""));
    EXPECT_EQ(got.counts_stories, by_story);

    // The brute force.
    std::vector<const Doc*> in_range;
    std::set<std::string> undated;
    long lo = LONG_MAX, hi = LONG_MIN;
    for (const auto& d : *docs_) {
      if (!q.matches(d)) continue;
      if (!d.dated) {
        undated.insert(unit(&d));
      } else if (!ranged || (d.day >= from && d.day <= to)) {
        in_range.push_back(&d);
        lo = std::min(lo, d.day);
        hi = std::max(hi, d.day);
      }
    }
    if (!ranged) from = lo, to = hi;
    EXPECT_EQ(got.undated, undated.size());
    if (from > to) {
      EXPECT_TRUE(got.buckets.empty());
      continue;
    }
    std::vector<std::string> labels;
    std::map<std::string, std::size_t> index;
    for (long day = from; day <= to; ++day) {
      const auto l = label_of(day, interval);
      if (labels.empty() || labels.back() != l) {
        index[l] = labels.size();
        labels.push_back(l);
      }
    }
    ASSERT_EQ(got.buckets, labels);
    // Gaps: the buckets that no dated article of the corpus (matching or not) falls in.
    std::vector<bool> covered(labels.size(), false);
    for (const auto& d : *docs_) {
      if (d.dated && d.day >= from && d.day <= to)
        covered[index.at(label_of(d.day, interval))] = true;
    }
    std::vector<std::uint32_t> gaps;
    for (std::uint32_t b = 0; b < covered.size(); ++b) {
      if (!covered[b]) gaps.push_back(b);
    }
    EXPECT_EQ(got.gaps, gaps);
    gaps_seen += gaps.empty() ? 0 : 1;
    std::vector<std::set<std::string>> units(labels.size());
    std::map<std::string, std::vector<std::set<std::string>>> value_units;
    for (const Doc* d : in_range) {
      const auto b = index.at(label_of(d->day, interval));
      units[b].insert(unit(d));
      for (const auto& v : values_of(d->article, field)) {
        value_units[v].resize(labels.size());
        value_units[v][b].insert(unit(d));
      }
    }
    std::vector<Xapian::doccount> total;
    Xapian::doccount matches = 0;
    for (const auto& u : units) {
      total.push_back(static_cast<Xapian::doccount>(u.size()));
      matches += total.back();
    }
    std::map<std::string, std::vector<Xapian::doccount>> per_value;
    std::map<std::string, Xapian::doccount> value_total;
    for (const auto& [v, per_bucket] : value_units) {
      for (const auto& u : per_bucket) {
        per_value[v].push_back(static_cast<Xapian::doccount>(u.size()));
        value_total[v] += static_cast<Xapian::doccount>(u.size());
      }
    }
    EXPECT_EQ(got.matches, matches);
    EXPECT_EQ(got.total, total);
    std::vector<std::pair<std::string, Xapian::doccount>> ranked(value_total.begin(),
                                                                 value_total.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (ranked.size() > top) ranked.resize(top);
    ASSERT_EQ(got.series.size(), ranked.size());
    if (by_story && matches < in_range.size()) ++story_differs;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      EXPECT_EQ(got.series[i].value, ranked[i].first);
      EXPECT_EQ(got.series[i].total, ranked[i].second);
      EXPECT_EQ(got.series[i].counts, per_value[ranked[i].first]);
      ++compared_lines;
    }
  }
  EXPECT_GT(compared_lines, 200);  // the random queries were not all empty
  EXPECT_GT(story_differs, 10);    // ... and story counts were not article counts
  EXPECT_GT(gaps_seen, 10);        // ... and some ranges had gaps
}

TEST_F(TrendsBruteForce, SurgingListsEqualTheBruteForceOnRandomQueriesAndWindows) {
  int compared_values = 0;
  int without_baseline = 0;  // windows whose previous period holds no article
  for (int iter = 0; iter < 800; ++iter) {
    Query q = random_query();
    const std::string field = random_field();
    const bool previous = roll(3) != 0;
    const std::size_t top = static_cast<std::size_t>(1 + roll(15));
    const std::size_t min_count = static_cast<std::size_t>(1 + roll(4));
    long wf = random_day();
    const long wt = wf + roll(2) * roll(800);  // often a single day
    Params p = q.params;
    p.insert(p.end(), {{"field", field},
                       {"window", Date::from_days_since_epoch(wf).iso() + ".." +
                                      Date::from_days_since_epoch(wt).iso()},
                       {"baseline", previous ? "previous" : "all"},
                       {"top", std::to_string(top)},
                       {"min_count", std::to_string(min_count)}});
    const bool by_story = roll(2) == 0;
    if (by_story) p.emplace_back("count", "stories");
    const auto unit = [by_story](const Doc& d) { return by_story ? d.story : d.article.id; };
    const SurgingResult got = trend_surging(searcher_, parse_surging_params(p));
    SCOPED_TRACE(q.params[0].second + " field=" + field + " window=" + p[p.size() - 4].second +
                 (by_story ? " count=stories" : ""));
    EXPECT_EQ(got.counts_stories, by_story);

    const long len = wt - wf + 1, bf = wf - len, bt = wf - 1;
    const std::size_t slices = std::min<long>(16, 2 * len);
    // Sets of units (articles, or stories): a story counts once in the window, once in the
    // baseline and once per sparkline slice in which it has a match.
    std::set<std::string> in_window, in_baseline;
    std::map<std::string, std::set<std::string>> a_units, b_units;
    std::map<std::string, std::vector<std::set<std::string>>> spark_units;
    for (const auto& d : *docs_) {
      if (!d.dated || !q.matches(d)) continue;
      const auto values = values_of(d.article, field);
      if (d.day >= wf && d.day <= wt) {
        in_window.insert(unit(d));
        for (const auto& v : values) a_units[v].insert(unit(d));
      } else if (!previous || (d.day >= bf && d.day <= bt)) {
        in_baseline.insert(unit(d));
        for (const auto& v : values) b_units[v].insert(unit(d));
      }
      if (d.day >= bf && d.day <= wt) {
        for (const auto& v : values) {
          spark_units[v].resize(slices);
          spark_units[v][static_cast<std::size_t>((d.day - bf) * static_cast<long>(slices) /
                                                  (2 * len))]
              .insert(unit(d));
        }
      }
    }
    const double n = static_cast<double>(in_window.size());
    const double m = static_cast<double>(in_baseline.size());
    std::map<std::string, double> a, b;
    for (const auto& [v, u] : a_units) a[v] = static_cast<double>(u.size());
    for (const auto& [v, u] : b_units) b[v] = static_cast<double>(u.size());
    std::map<std::string, std::vector<Xapian::doccount>> spark;
    for (const auto& [v, slices_of] : spark_units) {
      for (const auto& u : slices_of) spark[v].push_back(static_cast<Xapian::doccount>(u.size()));
    }
    EXPECT_EQ(got.window_matches, n);
    EXPECT_EQ(got.baseline_matches, m);
    struct Expected {
      std::string value;
      double a, b, score;
    };
    std::vector<Expected> expected;
    // A previous period holding no article at all (matching or not) is no baseline: nothing
    // surges, and a notice says so. Otherwise only significant rises are listed.
    const bool comparable =
        !previous || std::any_of(docs_->begin(), docs_->end(), [&](const Doc& d) {
          return d.dated && d.day >= bf && d.day <= bt;
        });
    EXPECT_EQ(got.notices.size(), comparable ? 0U : 1U);
    without_baseline += comparable ? 0 : 1;
    for (const auto& [v, count] : a) {
      const double before = b.count(v) ? b[v] : 0;
      if (!comparable || count < static_cast<double>(min_count)) continue;
      if (!(count / n > (m > 0 ? before / m : 0))) continue;
      const double score = g2(count, n, before, m);
      if (score < 10.83) continue;
      expected.push_back({v, count, before, score});
    }
    std::sort(expected.begin(), expected.end(), [](const Expected& x, const Expected& y) {
      if (std::abs(x.score - y.score) > 1e-9 * std::max(1.0, x.score)) return x.score > y.score;
      if (x.a != y.a) return x.a > y.a;
      return x.value < y.value;
    });
    if (expected.size() > top) expected.resize(top);
    ASSERT_EQ(got.values.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const auto& g = got.values[i];
      EXPECT_EQ(g.value, expected[i].value);
      EXPECT_EQ(g.count, expected[i].a);
      EXPECT_EQ(g.baseline_count, expected[i].b);
      EXPECT_NEAR(g.score, expected[i].score, 1e-6 * std::max(1.0, expected[i].score));
      EXPECT_EQ(g.sparkline, spark[g.value]);
      ++compared_values;
    }
  }
  EXPECT_GT(compared_values, 60);  // (only significant rises are listed)
  EXPECT_GT(without_baseline, 5);
}

TEST(TrendsScore, LogLikelihoodRatioMatchesAWorkedExample) {
  // 40 of 900 in the window, 9 of 850 before: a clear rise.
  EXPECT_NEAR(log_likelihood_ratio(40, 900, 9, 850), 19.974, 0.001);
  EXPECT_DOUBLE_EQ(log_likelihood_ratio(10, 100, 10, 100), 0.0);  // equal shares
  EXPECT_DOUBLE_EQ(log_likelihood_ratio(3, 3, 0, 0), 0.0);        // no baseline at all
}

}  // namespace newsdex
