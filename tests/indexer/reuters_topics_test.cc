// How the topics extracted from Reuters text compare with the collection's own TOPICS, for
// the topics both have (earn ~ Earnings, acq ~ Mergers and Acquisitions, crude and nat-gas ~
// Oil and Gas, trade ~ Trade Policy). Printed, and held to floors a regression would break.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "indexer/extract/topics.h"
#include "indexer/readers/reuters_reader.h"
#include "test_util.h"

namespace newsdex {

TEST(ReutersTopics, ExtractedTopicsAgreeWithTheCollectionsOwnWhereBothHaveThem) {
  const std::string dir = testing::shared_data_dir() + "/reuters21578";
  if (!testing::shared_corpus_present("reuters21578")) {
    GTEST_SKIP() << dir << " is absent; the Reuters topic comparison is not run";
  }
  const auto tc = TopicClassifier::load(testing::bundled("topics.tsv"));
  const std::map<std::string, std::string> both = {{"earn", "Earnings"},
                                                   {"acq", "Mergers and Acquisitions"},
                                                   {"crude", "Oil and Gas"},
                                                   {"nat-gas", "Oil and Gas"},
                                                   {"trade", "Trade Policy"}};
  std::set<std::string> ours;
  for (const auto& [theirs, name] : both) ours.insert(name);
  testing::CollectingSink sink;
  for (int i = 0; i <= 21; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/reut2-%03d.sgm", i);
    read_reuters_sgml(testing::read_whole_file(dir + name), name, sink);
  }
  std::map<std::string, std::array<double, 3>> counts;  // true positives, false positives, misses
  for (const auto& a : sink.articles) {
    if (!a.topics_given) continue;
    std::set<std::string> expected;
    for (const auto& t : a.topics) {
      if (const auto it = both.find(t); it != both.end()) expected.insert(it->second);
    }
    const auto got = tc.classify(a.title, a.body);
    const std::set<std::string> extracted(got.begin(), got.end());
    for (const auto& topic : ours) {
      const bool e = expected.count(topic) != 0, x = extracted.count(topic) != 0;
      counts[topic][e && x ? 0 : (x ? 1 : 2)] += (e || x) ? 1 : 0;
    }
  }
  std::map<std::string, double> f1;
  for (const auto& [topic, c] : counts) {
    const double p = c[0] / (c[0] + c[1]), r = c[0] / (c[0] + c[2]);
    f1[topic] = 2 * p * r / (p + r);
    std::printf("%-26s precision %.3f recall %.3f F1 %.3f (%.0f in the collection)\n",
                topic.c_str(), p, r, f1[topic], c[0] + c[2]);
  }
  EXPECT_GE(f1["Earnings"], 0.8);
  EXPECT_GE(f1["Oil and Gas"], 0.7);
  EXPECT_GE(f1["Mergers and Acquisitions"], 0.55);
  EXPECT_GE(f1["Trade Policy"], 0.6);
}

}  // namespace newsdex
