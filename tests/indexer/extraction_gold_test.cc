// Measures extraction on the labelled set data/extraction-gold.jsonl: company precision and
// recall, date accuracy and topic F1, printed, and held to the project's floors.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "indexer/extract/extractor.h"
#include "indexer/readers/text_reader.h"
#include "test_util.h"

namespace newsdex {

namespace {
struct Counts {
  std::size_t tp = 0, fp = 0, fn = 0;
  void add(const std::set<std::string>& expected, const std::set<std::string>& got) {
    for (const auto& g : got) (expected.count(g) ? tp : fp)++;
    for (const auto& e : expected) fn += got.count(e) ? 0 : 1;
  }
  double precision() const { return tp + fp == 0 ? 1 : double(tp) / double(tp + fp); }
  double recall() const { return tp + fn == 0 ? 1 : double(tp) / double(tp + fn); }
  double f1() const { return 2 * precision() * recall() / (precision() + recall()); }
};
std::set<std::string> as_set(const nlohmann::json& j) {
  std::set<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) out.insert(v.get<std::string>());
  }
  return out;
}
}  // namespace

TEST(ExtractionGold, MeetsThePrecisionRecallAndAccuracyFloors) {
  const ArticleExtractor extractor(CompanyGazetteer::load(testing::bundled("companies.tsv")),
                                   TopicClassifier::load(testing::bundled("topics.tsv")));
  std::ifstream in(testing::bundled("extraction-gold.jsonl"));
  ASSERT_TRUE(in) << "data/extraction-gold.jsonl is missing";
  Counts companies, topics;
  std::size_t articles = 0, dates_right = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto gold = nlohmann::json::parse(line);
    testing::CollectingSink sink;
    read_text_article(gold["text"].get<std::string>(), gold["id"], gold["id"], sink);
    ASSERT_EQ(sink.articles.size(), 1U) << gold["id"];
    Article a = sink.articles[0];
    extractor.enrich(a);
    const auto& exp = gold["expected"];
    auto expected_companies = as_set(exp["companies"]);
    for (const auto& d : as_set(exp["discovered"])) expected_companies.insert(d);
    // Compared as companies: an article files one under its name at the article's date
    // ("Apple Computer" in 2005), the labels under today's.
    std::set<std::string> got_companies;
    for (const auto& c : a.companies)
      got_companies.insert(extractor.gazetteer().canonical(c).value_or(c));
    companies.add(expected_companies, got_companies);
    topics.add(as_set(exp["topics"]), std::set<std::string>(a.topics.begin(), a.topics.end()));
    const std::string expected_date = exp["date"].is_null() ? "" : exp["date"].get<std::string>();
    const bool date_ok = a.date == expected_date;
    dates_right += date_ok ? 1 : 0;
    ++articles;
    for (const auto& c : got_companies) {
      if (!expected_companies.count(c))
        std::printf("  %s: extra company %s\n", gold["id"].get<std::string>().c_str(), c.c_str());
    }
    for (const auto& c : expected_companies) {
      if (!got_companies.count(c))
        std::printf("  %s: missed company %s\n", gold["id"].get<std::string>().c_str(), c.c_str());
    }
    const std::set<std::string> expected_topics = as_set(exp["topics"]);
    for (const auto& s : extractor.topics().score(a.title, a.body)) {
      const bool want = expected_topics.count(s.topic) != 0;
      if (want != s.assigned()) {
        std::printf("  %s: %s topic %s (%.1f / %.1f)\n", gold["id"].get<std::string>().c_str(),
                    want ? "missed" : "extra", s.topic.c_str(), s.score, s.threshold);
      }
    }
    if (!date_ok)
      std::printf("  %s: date %s, expected %s\n", gold["id"].get<std::string>().c_str(),
                  a.date.c_str(), expected_date.c_str());
  }
  ASSERT_GE(articles, 100U);
  const double date_accuracy = double(dates_right) / double(articles);
  std::printf(
      "extraction on %zu gold articles: company precision %.3f recall %.3f; "
      "date accuracy %.3f; topic precision %.3f recall %.3f F1 %.3f\n",
      articles, companies.precision(), companies.recall(), date_accuracy, topics.precision(),
      topics.recall(), topics.f1());
  EXPECT_GE(companies.precision(), 0.97);
  EXPECT_GE(companies.recall(), 0.95);
  EXPECT_GE(date_accuracy, 0.98);
  EXPECT_GE(topics.f1(), 0.85);
}

// The title is its own paragraph: a name never runs from the headline into the body.
TEST(Companies, ANameNeverRunsFromTheTitleIntoTheBody) {
  const ArticleExtractor extractor(CompanyGazetteer::load(testing::bundled("companies.tsv")),
                                   TopicClassifier::load(testing::bundled("topics.tsv")));
  const auto companies_of = [&](const std::string& body) {
    Article a;
    a.id = "t";
    a.title = "Plant opens in Ohio";
    a.body = body;
    extractor.enrich(a);
    return a.companies;
  };
  // At the body's start the name begins a sentence, where a discovered name needs more cues;
  // joined to the title it used to become "Ohio Acme".
  for (const auto& c : companies_of("Acme Corp said on Monday it would hire 300 people.")) {
    EXPECT_EQ(c.find("Ohio"), std::string::npos) << c;
  }
  // Inside the body the same name is found.
  const auto inside =
      companies_of("Shares of Acme Corp rose after it said it would hire 300 people.");
  EXPECT_EQ(inside, std::vector<std::string>{"Acme"});
}

}  // namespace newsdex
