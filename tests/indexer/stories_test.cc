// Story detection: the signature rule, incremental add/replace/delete, order independence,
// sharded builds, template items and re-sends (the measurements: story_measures_test.cc).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "core/schema.h"
#include "core/text.h"
#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "indexer/stories/signature.h"
#include "indexer/stories/story_store.h"
#include "story_util.h"
#include "test_util.h"

namespace newsdex {

namespace {

using stories::make_signature;
using testing::distinct_stories;

const std::string kLong =
    "The central bank raised its main lending rate by half a point on Monday, citing rising "
    "prices for food and fuel. Economists had expected the move after inflation reached its "
    "highest level in six years last month. The bank said it would watch wage settlements "
    "closely and act again if needed. Markets took the decision calmly, with the currency "
    "little changed against the dollar in afternoon trading. Exporters warned that dearer "
    "credit would hurt investment plans for the coming year. The finance ministry welcomed the "
    "decision and repeated its pledge to cut the budget deficit.";

Article article(const std::string& id, const std::string& title, const std::string& body,
                const std::string& date = "2020-03-02") {
  Article a;
  a.id = id;
  a.title = title;
  a.body = body;
  a.date = date;
  a.source = "wire";
  return a;
}

// id -> story id of every article in the database.
std::map<std::string, std::string> stories_of(const std::string& db_path) {
  return testing::stories_in(Xapian::Database(db_path));
}

// Adds `articles` to the database at `db` (made if absent) and commits.
void index_all(const std::string& db, const std::vector<Article>& articles) {
  IndexWriter w(db);
  for (const auto& a : articles) w.add(a);
  w.commit();
}

}  // namespace

TEST(StorySignature, NumbersAreWordsSoBriefsWithOtherFiguresDiffer) {
  const auto a = make_signature("ACME CO 1ST QTR NET",
                                "Shr 12 cts vs 10 cts Net 1,200,000 vs 900,000 Revs 15.2 mln vs "
                                "13.1 mln",
                                "1987-03-02");
  const auto other = make_signature("ACME CO 1ST QTR NET",
                                    "Shr 45 cts vs 38 cts Net 4,500,000 vs 3,800,000 Revs 48.6 mln "
                                    "vs 41.7 mln",
                                    "1987-03-02");
  EXPECT_FALSE(stories::same_story(a, other));
  EXPECT_LT(stories::containment(a.shingles, other.shingles), 0.4);
  const auto copy = make_signature("Acme Co first-quarter net",
                                   "Shr 12 cts vs 10 cts Net 1,200,000 vs 900,000 Revs 15.2 mln "
                                   "vs 13.1 mln",
                                   "1987-03-02");
  EXPECT_TRUE(stories::same_story(a, copy));
}

// Articles of metadata only (no title, no body) are nobody's copies: they used to share one
// shingle of nothing, and 1,899 such records of a JSON Lines dump became one story.
TEST(StorySignature, ArticlesWithoutWordsAreNotCopiesOfEachOther) {
  const auto a = make_signature("", "", "1987-03-02");
  const auto b = make_signature("", "", "1987-03-02");
  EXPECT_TRUE(a.shingles.empty());
  EXPECT_FALSE(stories::same_story(a, b));
  EXPECT_FALSE(stories::same_story(a, make_signature("", "  \n ", "1987-03-03")));
  // A short text still has its one shingle.
  EXPECT_TRUE(stories::same_story(make_signature("Oil up", "", "1987-03-02"),
                                  make_signature("OIL UP", "", "1987-03-02")));
}

TEST(StorySignature, TheSameTextOnDaysFurtherApartIsAnotherEvent) {
  const auto monday = make_signature("Bank notice", kLong, "2020-03-02");
  const auto tuesday = make_signature("Bank notice", kLong, "2020-03-03");
  const auto thursday = make_signature("Bank notice", kLong, "2020-03-05");
  const auto friday = make_signature("Bank notice", kLong, "2020-03-06");
  EXPECT_TRUE(stories::same_story(monday, tuesday));
  EXPECT_TRUE(stories::same_story(monday, thursday));  // a weekend's re-send
  EXPECT_FALSE(stories::same_story(monday, friday));
  EXPECT_FALSE(stories::same_story(monday, make_signature("Bank notice", kLong, "")));
}

// A short version of a long article (its first paragraph) has a low resemblance, so the
// whole-text bands rarely meet; the lead bands do, and the rule joins them.
TEST(StorySignature, AShortVersionOfALongArticleIsACandidateThroughItsLead) {
  const std::string more =
      " Opposition leaders accused the government of losing control of spending before the "
      "election. Farmers' unions said fertiliser and diesel costs had doubled since the spring "
      "harvest. The central bank's governor told parliament that wage claims above seven percent "
      "would force further tightening. Retailers reported weaker Christmas orders and trimmed "
      "their hiring plans for the first quarter. Mortgage lenders raised their variable rates "
      "within hours of the announcement, adding to pressure on first-time buyers. Bond yields "
      "climbed to a two-year high while the stock index slipped in thin trading. The statistics "
      "office will publish revised growth figures on Thursday, which economists expect to show "
      "a contraction in manufacturing. Trade unions called a meeting for next week to discuss "
      "the impact on public sector pay. Several regional banks said they would review their "
      "lending criteria for small businesses. Tourism operators warned that a stronger currency "
      "could deter foreign visitors during the summer season.";
  const auto long_one = make_signature("Rates rise", kLong + more, "2020-03-02");
  const auto short_one =
      make_signature("Rates rise", kLong.substr(0, kLong.find(" Markets")), "2020-03-02");
  EXPECT_LT(stories::resemblance(long_one.shingles, short_one.shingles), 0.3);
  EXPECT_GE(stories::containment(long_one.shingles, short_one.shingles), stories::kMinContainment);
  bool lead = false;
  for (int b = stories::kWholeBands; b < stories::kBands; ++b) {
    const auto i = static_cast<std::size_t>(b);
    lead = lead || long_one.bands[i] == short_one.bands[i];
  }
  EXPECT_TRUE(lead);
  EXPECT_TRUE(stories::same_story(long_one, short_one));
  // Articles with no body have no lead: their lead keys are their own, never shared.
  const auto flash1 = make_signature("OIL PRICES RISE", "", "2020-03-02");
  const auto flash2 = make_signature("GOLD FALLS", "", "2020-03-02");
  for (int b = stories::kWholeBands; b < stories::kBands; ++b) {
    EXPECT_NE(flash1.bands[static_cast<std::size_t>(b)], flash2.bands[static_cast<std::size_t>(b)]);
  }
}

// Band values of older databases still decode: 20 or (before the lead bands) 16 keys of 8
// bytes, cut to kBandKeyBits as new keys are, the missing lead keys the article's own; a value
// of any other size is not band keys.
TEST(StoryStore, BandValuesOfOlderDatabasesStillDecode) {
  const auto sig = make_signature("Rates rise", kLong, "2020-03-02");
  for (const auto k : sig.bands) ASSERT_EQ(k & ~stories::kBandKeyMask, 0U);
  const std::string all = stories::encode_bands(sig.bands);
  ASSERT_EQ(all.size(), stories::kBands * 4U);
  EXPECT_EQ(stories::decode_bands(all), sig.bands);
  // An older writer kept 64 bits: give the keys high bits, as its hashes had.
  stories::BandKeys full = sig.bands;
  for (auto& k : full) k |= 0x9e3779b900000000ULL;
  std::string eight;
  for (auto k : full) {
    for (int i = 0; i < 8; ++i, k >>= 8) eight += static_cast<char>(k & 0xff);
  }
  EXPECT_EQ(stories::decode_bands(eight), sig.bands);
  const auto old = stories::decode_bands(eight.substr(0, stories::kWholeBands * 8));
  ASSERT_TRUE(old.has_value());
  for (int b = 0; b < stories::kBands; ++b) {
    const auto i = static_cast<std::size_t>(b);
    if (b < stories::kWholeBands) {
      EXPECT_EQ((*old)[i], sig.bands[i]);
    } else {
      EXPECT_EQ((*old)[i], stories::lone_band_key(full, b) & stories::kBandKeyMask);
    }
  }
  EXPECT_FALSE(stories::decode_bands(eight.substr(0, 17 * 8)).has_value());
  EXPECT_FALSE(stories::decode_bands(all.substr(0, 17 * 4)).has_value());
}

TEST(StoryIndex, AddReplaceAndDeleteKeepStoriesRight) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  // B contains A and C; A and C share nothing: B is the bridge of one story.
  const std::string first_half = kLong.substr(0, kLong.find("Markets took"));
  const std::string second_half = kLong.substr(kLong.find("Markets took"));
  index_all(db,
            {article("a", "Rates up", first_half), article("c", "Exporters worried", second_half)});
  auto s = stories_of(db);
  EXPECT_NE(s["a"], s["c"]);
  EXPECT_EQ(s["a"], stories::article_key("a"));
  {
    IndexWriter w(db);  // an existing database: candidates come from the band terms
    w.add(article("b", "Central bank raises rates", kLong));
    w.commit();
  }
  s = stories_of(db);
  EXPECT_EQ(s["a"], s["b"]);
  EXPECT_EQ(s["b"], s["c"]);
  EXPECT_EQ(s["a"], std::min({stories::article_key("a"), stories::article_key("b"),
                              stories::article_key("c")}));
  // The stored data carries the story too.
  {
    const Xapian::Database rdb(db);
    const auto doc = rdb.get_document(*rdb.postlist_begin("Qa"));
    EXPECT_EQ(nlohmann::json::parse(doc.get_data())["story"], s["a"]);
  }
  // Replacing the bridge with unrelated text splits the story; each part takes its smallest key.
  index_all(db, {article("b", "Football", "The home side won the cup final after extra time.")});
  s = stories_of(db);
  EXPECT_EQ(s["a"], stories::article_key("a"));
  EXPECT_EQ(s["c"], stories::article_key("c"));
  EXPECT_EQ(s["b"], stories::article_key("b"));
  // Put the bridge back, then delete it: the same split.
  index_all(db, {article("b", "Central bank raises rates", kLong),
                 article("d", "Central bank raises rates", kLong)});
  s = stories_of(db);
  EXPECT_EQ(distinct_stories(s), 1U);
  {
    IndexWriter w(db);
    EXPECT_TRUE(w.remove("b"));
    w.commit();
  }
  s = stories_of(db);
  EXPECT_EQ(s["a"], s["d"]);  // still joined through d, a copy of b
  EXPECT_EQ(s["a"], std::min({stories::article_key("a"), stories::article_key("c"),
                              stories::article_key("d")}));
  {
    IndexWriter w(db);
    EXPECT_TRUE(w.remove("d"));
    w.commit();
  }
  s = stories_of(db);
  EXPECT_EQ(s["a"], stories::article_key("a"));
  EXPECT_EQ(s["c"], stories::article_key("c"));
}

TEST(StoryIndex, DeletingTheArticleWhoseKeyNamesTheStoryKeepsTheRestTogether) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  std::vector<std::string> ids = {"x1", "x2", "x3", "x4"};
  {
    IndexWriter w(db);
    for (const auto& id : ids) w.add(article(id, "Rates up", kLong));
    w.commit();
  }
  auto s = stories_of(db);
  ASSERT_EQ(distinct_stories(s), 1U);
  const auto named = std::find_if(ids.begin(), ids.end(), [&](const std::string& id) {
    return stories::article_key(id) == s["x1"];
  });
  ASSERT_NE(named, ids.end());
  {
    IndexWriter w(db);
    w.remove(*named);
    w.commit();
  }
  s = stories_of(db);
  EXPECT_EQ(s.size(), 3U);
  EXPECT_EQ(distinct_stories(s), 1U);
  EXPECT_NE(s.begin()->second, stories::article_key(*named));
}

TEST(StoryIndex, AnotherOrderGivesTheSameStoriesAndSoDoShards) {
  testing::TempDir dir;
  // Three stories of several versions each, plus singletons, over three days.
  std::vector<Article> all;
  const std::vector<std::string> texts = {
      kLong, kLong.substr(0, 300) + " Shares of banks rose 2.5 pct on the news.",
      "Oil prices fell 3 dlrs a barrel after producers failed to agree on output cuts at a "
      "meeting that ended without a statement. Traders said stocks were ample and demand weak."};
  int n = 0;
  for (int day = 2; day <= 4; ++day) {
    for (std::size_t t = 0; t < texts.size(); ++t) {
      for (int copy = 0; copy < 3; ++copy) {
        all.push_back(article("art-" + std::to_string(n++), "Version " + std::to_string(copy),
                              texts[t] + (copy == 2 ? " Reporting by a correspondent." : ""),
                              "2020-03-0" + std::to_string(day)));
      }
    }
  }
  all.push_back(article("lone", "Football", "The home side won the cup final in extra time."));
  auto build = [&](const std::vector<Article>& order, const std::string& name) {
    const std::string db = dir / name;
    IndexWriter w(db);
    for (const auto& a : order) w.add(a);
    w.commit();
    return stories_of(db);
  };
  const auto forward = build(all, "forward");
  auto shuffled = all;
  std::mt19937 rng(42);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  EXPECT_EQ(build(shuffled, "shuffled"), forward);  // the same groups and the same ids
  std::reverse(shuffled.begin(), shuffled.end());
  EXPECT_EQ(build(shuffled, "reversed"), forward);
  EXPECT_GT(distinct_stories(forward), 2U);
  EXPECT_LT(distinct_stories(forward), all.size());

  // A sharded build joins the stories split across shards.
  const std::string jsonl = dir / "in.jsonl";
  {
    std::ofstream out(jsonl);
    for (const auto& a : all) out << article_to_json(a).dump() << "\n";
  }
  for (unsigned shards : {1U, 3U}) {
    IndexOptions o;
    o.db_path = dir / ("sharded-" + std::to_string(shards));
    o.shards = shards;
    o.extract = false;
    index_paths({jsonl}, o, IndexObserver{});
    EXPECT_EQ(stories_of(o.db_path), forward) << shards << " shards";
  }
}

// The rule for figures, corrections, day words and datelines (docs/GUIDE.md, Stories).
namespace {
// A daily notice of one template: the same words, other figures.
std::string money_market(int given, int total, int shortage) {
  return "The Bank of England said it had provided the money market with " + std::to_string(given) +
         " mln stg assistance in the afternoon session. This brings the bank's total help so far "
         "today to " +
         std::to_string(total) + " mln stg and compares with its revised estimate of a " +
         std::to_string(shortage) +
         " mln stg shortage in the system today. The bank bought bills outright in band one at "
         "rates between ten and eleven pct, dealers said, and no further help is expected.";
}
}  // namespace

TEST(StoryIndex, TemplateItemsThatDifferInTheirFiguresAreTwoStories) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  const Article monday = article("mm-1", "MONEY MARKET", money_market(150, 275, 400));
  const Article tuesday =
      article("mm-2", "MONEY MARKET", money_market(120, 245, 450), "2020-03-03");
  // Near-identical text, close in time: only the figures keep them apart.
  const auto a = make_signature(monday.title, monday.body, monday.date);
  const auto b = make_signature(tuesday.title, tuesday.body, tuesday.date);
  ASSERT_GE(stories::containment(a.shingles, b.shingles), stories::kMinContainment);
  EXPECT_TRUE(stories::figures_differ(a, b));
  // A copy that leaves out its last sentence drops figures but changes none: same story.
  Article copy = monday;
  copy.id = "mm-1-copy";
  copy.body = copy.body.substr(0, copy.body.find(" The bank bought"));
  index_all(db, {monday, tuesday, copy});
  auto s = stories_of(db);
  EXPECT_NE(s["mm-1"], s["mm-2"]);
  EXPECT_EQ(s["mm-1"], s["mm-1-copy"]);
}

TEST(StoryIndex, ACorrectedResendJoinsTheItemItCorrects) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  const std::string body =
      "Moody's Investors Service Inc said it may downgrade the debt of Crazy Eddie Inc, affecting "
      "about 65 mln dlrs of convertible subordinated debentures. The agency cited the retailer's "
      "falling sales and the uncertainty created by the proxy fight for control of its board.";
  std::string corrected_body = body;
  corrected_body.replace(corrected_body.find("65"), 2, "81");
  const Article original = article("ce-1", "CRAZY EDDIE MAY BE DOWNGRADED BY MOODY'S", body);
  const Article corrected =
      article("ce-2", "CORRECTED - CRAZY EDDIE MAY BE DOWNGRADED BY MOODY'S", corrected_body);
  const Article unmarked = article("ce-3", original.title, corrected_body);  // another item
  const auto a = make_signature(original.title, original.body, original.date);
  const auto b = make_signature(corrected.title, corrected.body, corrected.date);
  EXPECT_TRUE(stories::figures_differ(a, b));
  EXPECT_TRUE(b.correction);
  index_all(db, {original, unmarked});
  auto s = stories_of(db);
  EXPECT_NE(s["ce-1"], s["ce-3"]);
  {
    IndexWriter w(db);
    w.remove("ce-3");
    w.add(corrected);
    w.commit();
  }
  s = stories_of(db);
  EXPECT_EQ(s["ce-1"], s["ce-2"]);
  // A correction changes some figures, not all: "CORRECTED" on other figures is another item.
  auto net = [](const std::string& title, const std::string& figures) {
    return make_signature(title, "Shr " + figures + ". " + kLong, "2020-03-02");
  };
  const auto brief = net("ACME 1ST QTR NET", "12 cts vs 10 cts Net 900,000 vs 800,000");
  EXPECT_TRUE(stories::same_story(
      brief, net("CORRECTED - ACME 1ST QTR NET", "13 cts vs 10 cts Net 900,000 vs 800,000")));
  EXPECT_FALSE(stories::same_story(
      brief, net("CORRECTED - ACME 1ST QTR NET", "45 cts vs 38 cts Net 4,500,000 vs 3,800,000")));
  // The marks, in the title or the first line of the body, in any case; not further down.
  EXPECT_TRUE(stories::marked_as_correction("(CORRECTED) - GOODYEAR TO SELL CELERON", ""));
  EXPECT_TRUE(stories::marked_as_correction("RPT-INSITUFORM NET", ""));
  EXPECT_TRUE(stories::marked_as_correction("Oil output", "Correction: a figure was wrong.\n"));
  EXPECT_TRUE(stories::marked_as_correction("Oil output", "(Refiling to add detail)\nText"));
  EXPECT_TRUE(stories::marked_as_correction("Repeat: oil output", ""));
  EXPECT_FALSE(stories::marked_as_correction("GREECE REPEATS IT CAN DRILL", "Greece said.\n"));
  EXPECT_FALSE(stories::marked_as_correction("Oil output", "Output rose.\nA correction came."));
}

TEST(StoryIndex, AResendSayingSaturdayForYesterdayJoinsTheOriginal) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  const std::string body =
      "Two Utah financial institutions were closed DAY by state regulators, the Federal Deposit "
      "Insurance Corp said. The FDIC said DAY that the deposits of the failed savings bank were "
      "taken over by a local bank, and that the thrift's insured deposits will be paid out.";
  auto utah = [&](const std::string& id, const std::string& day, const std::string& date) {
    std::string b = body;
    for (auto p = b.find("DAY"); p != std::string::npos; p = b.find("DAY")) b.replace(p, 3, day);
    return article(id, "TWO UTAH FINANCIAL INSTITUTIONS FAIL", b, date);
  };
  // Sent on Sunday with "yesterday", re-sent on Tuesday with "Saturday": two days apart. The
  // same text more than kMaxDaysApart later is another event.
  const Article sunday = utah("ut-1", "yesterday", "1987-04-12");
  const Article tuesday = utah("ut-2", "Saturday", "1987-04-14");
  const Article later = utah("ut-3", "Saturday", "1987-04-19");
  const auto a = make_signature(sunday.title, sunday.body, sunday.date);
  const auto b = make_signature(tuesday.title, tuesday.body, tuesday.date);
  EXPECT_EQ(a.shingles, b.shingles);
  index_all(db, {sunday, tuesday, later});
  const auto s = stories_of(db);
  EXPECT_EQ(s.at("ut-1"), s.at("ut-2"));
  EXPECT_NE(s.at("ut-2"), s.at("ut-3"));
}

TEST(StoryIndex, ADatelineThatDiffersDoesNotSeparateCopies) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  const std::string text =
      "Ecuador will ask OPEC to raise its oil export quota by 100,000 barrels a day to make up "
      "for output lost after an earthquake cut its main pipeline, the energy minister said.";
  const Article first = article("ec-1", "ECUADOR TO ASK OPEC TO RAISE EXPORT QUOTA",
                                "CARACAS, March 11 - " + text, "1987-03-11");
  const Article second = article("ec-2", "ECUADOR TO ASK OPEC TO RAISE EXPORT QUOTA",
                                 "CARACAS, March 12 - " + text, "1987-03-12");
  EXPECT_FALSE(stories::figures_differ(make_signature(first.title, first.body, first.date),
                                       make_signature(second.title, second.body, second.date)));
  index_all(db, {first, second});
  const auto s = stories_of(db);
  EXPECT_EQ(s.at("ec-1"), s.at("ec-2"));
  // The forms of a dateline; openings that are not one are kept.
  EXPECT_EQ(stories::without_dateline("LONDON, March 3 - Text"), "Text");
  EXPECT_EQ(stories::without_dateline("  ST. LOUIS, Mo., Mar. 3, 1987 -- Text"), "Text");
  EXPECT_EQ(stories::without_dateline("PARIS, 3 March (Reuters) \xe2\x80\x94 Text"), "Text");
  EXPECT_EQ(stories::without_dateline("Sales rose 5 - 6 pct in March, it said."),
            "Sales rose 5 - 6 pct in March, it said.");
  EXPECT_EQ(stories::without_dateline("LONDON - Text"), "LONDON - Text");
  EXPECT_EQ(stories::without_dateline("LONDON, March 3\n- Text"), "LONDON, March 3\n- Text");
}

}  // namespace newsdex
