// Story detection measured: the labelled pairs of real Reuters articles (the team's set and the
// set labelled blind) against their precision and recall floors, and Reuters-21578 indexed once
// and three times over giving the same number of stories.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "bench/story_pairs.h"
#include "indexer/index_writer.h"
#include "searcher/search.h"
#include "story_util.h"
#include "test_util.h"

namespace newsdex {

namespace {

using testing::distinct_stories;
using testing::reuters_articles;

std::map<std::string, std::string> stories_of(const std::string& db_path) {
  return testing::stories_in(Xapian::Database(db_path));
}

}  // namespace

namespace {
// Precision and recall of "same story" over the labelled pairs of data/`file`, printed with
// the figures per kind; the scores go to $`scores_env` when it is set.
bench::StoryEvaluation evaluate_pairs_file(const std::string& file, const char* scores_env) {
  const auto pairs = bench::load_story_pairs(testing::bundled(file));
  const auto articles = bench::story_pair_articles(pairs, reuters_articles());
  testing::TempDir dir;
  auto e = bench::evaluate_story_pairs(pairs, articles, dir / "db");
  std::cout << file << ": " << e.to_json().dump(1) << "\n";
  if (const char* out = std::getenv(scores_env)) std::ofstream(out) << e.scores_tsv();
  return e;
}
}  // namespace

// The measurement docs/GUIDE.md quotes: precision and recall of "same story" over the labelled
// pairs of data/story-pairs.tsv (Reuters pairs labelled by hand, and derived variants), the set
// the rule was chosen on.
TEST(StoryPairs, MeetsThePrecisionAndRecallFloors) {
  if (!testing::shared_corpus_present("reuters21578/reut2-000.sgm")) {
    GTEST_SKIP() << "Reuters-21578 is not in " << testing::shared_data_dir();
  }
  // For choosing thresholds (docs/GUIDE.md, Stories).
  const auto e = evaluate_pairs_file("story-pairs.tsv", "NEWSDEX_STORY_SCORES");
  EXPECT_GT(e.true_negatives, 80U);
  EXPECT_GE(e.precision(), 0.98);
  EXPECT_GE(e.recall(), 0.95);
}

// The same measurement on data/story-pairs-blind.tsv: 300 Reuters pairs labelled by someone who
// never saw the detector's output, and never used to choose the rule (docs/GUIDE.md, Stories). The
// floors sit just under what the rule measured there, to catch a regression, not to tune.
TEST(StoryPairs, BlindLabelledPairsMeetTheirFloors) {
  if (!testing::shared_corpus_present("reuters21578/reut2-000.sgm")) {
    GTEST_SKIP() << "Reuters-21578 is not in " << testing::shared_data_dir();
  }
  const auto e = evaluate_pairs_file("story-pairs-blind.tsv", "NEWSDEX_STORY_SCORES_BLIND");
  EXPECT_EQ(e.scores.size(), 300U);
  EXPECT_GE(e.precision(), 0.97);  // measured 0.991; issue 23's target 0.97
  EXPECT_GE(e.recall(), 0.83);     // measured 0.855; short of the target 0.93 (docs/GUIDE.md)
}

// A third set, labelled blind on 2026-12-07 after the lead bands were designed on the two sets
// above (data/story-pairs-fresh.tsv): the held-out measure of that change. Floors as above.
TEST(StoryPairs, FreshBlindPairsMeetTheirFloors) {
  if (!testing::shared_corpus_present("reuters21578/reut2-000.sgm")) {
    GTEST_SKIP() << "Reuters-21578 is not in " << testing::shared_data_dir();
  }
  const auto e = evaluate_pairs_file("story-pairs-fresh.tsv", "NEWSDEX_STORY_SCORES_FRESH");
  EXPECT_EQ(e.scores.size(), 240U);
  EXPECT_GE(e.precision(), 0.96);  // measured 0.986
  EXPECT_GE(e.recall(), 0.72);     // measured 0.742 (rewrites and corrections: docs/GUIDE.md)
}

// Reuters copied three times with new ids and sources but the same dates: every copy joins its
// original's story, so there are exactly as many stories as in Reuters alone. (The first four
// of its 22 files, 4,000 articles: the whole corpus takes minutes on a busy machine.)
TEST(StoryIndex, ReutersCopiedThreeTimesHasTheOriginalsNumberOfStories) {
  if (!testing::shared_corpus_present("reuters21578/reut2-000.sgm")) {
    GTEST_SKIP() << "Reuters-21578 is not in " << testing::shared_data_dir();
  }
  auto reuters = reuters_articles(3);
  // Companies from the first two words of the title (the reader extracts none): values that
  // depend on the text, as extracted ones do, shared by many stories.
  for (auto& [id, a] : reuters) {
    const auto words = text::split(a.title, ' ');
    for (std::size_t i = 0; i < words.size() && i < 2; ++i) {
      if (!words[i].empty()) a.companies.push_back("Co " + std::string(words[i]));
    }
  }
  testing::TempDir dir;
  {
    IndexWriter w(dir / "once");
    for (const auto& [id, a] : reuters) w.add(a);
    w.commit();
  }
  {
    IndexWriter w(dir / "thrice");
    for (int copy = 1; copy <= 3; ++copy) {
      for (const auto& [id, a] : reuters) {
        Article c = a;
        c.id = "copy" + std::to_string(copy) + "-" + a.id;
        c.source = "outlet-" + std::to_string(copy);
        w.add(c);
      }
    }
    w.commit();
  }
  const auto once = stories_of(dir / "once");
  const auto thrice = stories_of(dir / "thrice");
  EXPECT_EQ(thrice.size(), 3 * once.size());
  std::cout << "Reuters: " << once.size() << " articles, " << distinct_stories(once)
            << " stories\n";
  EXPECT_EQ(distinct_stories(thrice), distinct_stories(once));
  EXPECT_LT(distinct_stories(once), once.size());

  // Counted by story, the copies give the original's counts: every company and topic (all of
  // them, not a top ten), and the number of stories, for everything and for a few words; by
  // article they give three times as many (so the check cannot pass by accident).
  Searcher searcher_once(dir / "once");
  Searcher searcher_thrice(dir / "thrice");
  int compared = 0;
  for (const std::string q : {"", "oil", "bank rate", "shares OR dividend", "\"net loss\""}) {
    SearchRequest req;
    req.query = q;
    req.facets = {"company", "topic"};
    req.facet_size = kMaxFacetSize;
    req.collapse = true;
    req.count_stories = true;
    const auto a = searcher_once.search(req);
    const auto b = searcher_thrice.search(req);
    ASSERT_TRUE(a.total_stories && b.total_stories);
    EXPECT_EQ(*b.total_stories, *a.total_stories) << q;
    EXPECT_EQ(b.total, 3 * a.total) << q;
    EXPECT_EQ(result_to_json(b)["facets"], result_to_json(a)["facets"]) << q;
    EXPECT_EQ(b.hits.size(), a.hits.size()) << q;
    req.count_stories = false;
    const auto by_article = searcher_thrice.search(req);
    EXPECT_NE(result_to_json(by_article)["facets"], result_to_json(b)["facets"]) << q;
    compared += a.facets[0].second.size() > 0 ? 1 : 0;
  }
  EXPECT_EQ(compared, 5);
}

}  // namespace newsdex
