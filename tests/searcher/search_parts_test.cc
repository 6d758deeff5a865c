// The searcher's parts one by one, on the sample database, each against Xapian reading the same
// index: a facet column, a kept posting list and its cursor, and the document-at-a-time walk.
// (The brute-force suites check them together on random queries.)
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/database.h"
#include "core/schema.h"
#include "search_fixture.h"
#include "searcher/facets.h"
#include "searcher/impact_weight.h"
#include "searcher/term_postings.h"
#include "searcher/walk.h"

namespace newsdex {

namespace {

const Xapian::Database& sample() {
  static const Xapian::Database db = open_database_for_reading(testing::sample_database());
  return db;
}

// The `n` most frequent stemmed words of the sample in at most half of its articles.
std::vector<std::string> frequent_words(std::size_t n) {
  std::vector<std::pair<Xapian::doccount, std::string>> all;
  for (auto t = sample().allterms_begin("Z"); t != sample().allterms_end("Z"); ++t) {
    if (t.get_termfreq() <= sample().get_doccount() / 2) all.emplace_back(t.get_termfreq(), *t);
  }
  std::sort(all.rbegin(), all.rend());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n && i < all.size(); ++i) out.push_back(all[i].second);
  return out;
}

std::vector<std::pair<Xapian::docid, Xapian::termcount>> xapian_postings(const std::string& t) {
  std::vector<std::pair<Xapian::docid, Xapian::termcount>> out;
  for (auto p = sample().postlist_begin(t); p != sample().postlist_end(t); ++p)
    out.emplace_back(*p, p.get_wdf());
  return out;
}

}  // namespace

TEST(FacetColumnPart, HoldsEachDocumentsValuesAsOrdinalsIntoTheSortedValues) {
  const auto& field = schema::field("company");
  const FacetColumn column(sample(), field);
  const auto& values = column.values();
  ASSERT_GT(values.size(), 3U);
  EXPECT_TRUE(std::is_sorted(values.begin(), values.end()));
  // Each document's ordinals are its company terms, as Xapian's term list gives them.
  const std::string prefix(field.prefix);
  std::vector<Xapian::doccount> counts(values.size(), 0);
  for (Xapian::docid d = 1; d <= sample().get_lastdocid(); ++d) {
    std::set<std::string> expected;
    for (auto t = sample().termlist_begin(d); t != sample().termlist_end(d); ++t) {
      if (std::string(*t).rfind(prefix, 0) == 0) expected.insert(schema::value_of_term(field, *t));
    }
    std::set<std::string> got;
    for (const auto ord : column.ordinals(d)) got.insert(values.at(ord));
    EXPECT_EQ(got, expected) << "document " << d;
    column.count(d, counts.data());
  }
  // count() added one per value per document: the terms' frequencies.
  for (std::size_t o = 0; o < values.size(); ++o)
    EXPECT_EQ(counts[o], sample().get_termfreq(schema::term(field, values[o]))) << values[o];
  // Past the column's end: nothing.
  EXPECT_TRUE(column.ordinals(sample().get_lastdocid() + 5).empty());
  EXPECT_TRUE(column.contains(values[0]));
  EXPECT_FALSE(column.contains(values[0] + " not a value"));
}

TEST(FacetColumnPart, TopIsByCountThenValueWithoutZeros) {
  const FacetColumn column(sample(), schema::field("company"));
  const auto& values = column.values();
  std::vector<Xapian::doccount> counts(values.size(), 0);
  counts[2] = 5;
  counts[0] = 5;
  counts[1] = 7;
  const auto top = column.top(counts, 10);
  ASSERT_EQ(top.size(), 3U);  // zero counts left out
  EXPECT_EQ(top[0].value, values[1]);
  EXPECT_EQ(top[1].value, values[0]);  // ties by value, ascending
  EXPECT_EQ(top[2].value, values[2]);
  EXPECT_EQ(top[1].count, 5U);
  EXPECT_EQ(column.top(counts, 1).size(), 1U);
}

TEST(TermPostingsPart, AKeptListAndItsCursorEqualXapiansPostingList) {
  for (const auto& term : frequent_words(5)) {
    const auto expected = xapian_postings(term);
    const auto kept = std::make_shared<const TermPostings>(TermPostings::read(sample(), term, 1e6));
    ASSERT_TRUE(kept->kept()) << term;
    ASSERT_EQ(kept->termfreq, expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(kept->docids[i], expected[i].first);
      EXPECT_EQ(kept->wdf[i], expected[i].second);
    }
    // Block maxima: each block's last docid and highest wdf; `order` by max_wdf descending.
    const auto& b = kept->blocks;
    ASSERT_EQ(b.last.size(), (expected.size() + TermBlocks::kSize - 1) / TermBlocks::kSize);
    for (std::size_t k = 0; k < b.last.size(); ++k) {
      const std::size_t end = std::min(expected.size(), (k + 1) * TermBlocks::kSize);
      EXPECT_EQ(b.last[k], expected[end - 1].first);
      Xapian::termcount mx = 0;
      for (std::size_t i = k * TermBlocks::kSize; i < end; ++i)
        mx = std::max(mx, expected[i].second);
      EXPECT_EQ(b.max_wdf[k], mx);
    }
    for (std::size_t k = 1; k < b.order.size(); ++k)
      EXPECT_GE(b.max_wdf[b.order[k - 1]], b.max_wdf[b.order[k]]);
    // Too long for the limit: not kept, only counted.
    EXPECT_FALSE(TermPostings::read(sample(), term, 1).kept());
    // The cursor from memory and through Xapian: the same postings, by next() and skip_to().
    for (const auto& list : {kept, std::shared_ptr<const TermPostings>()}) {
      TermCursor c(sample(), term, list, 1.0);
      EXPECT_EQ(c.docid(), 0U);
      for (const auto& [d, wdf] : expected) {
        c.next();
        ASSERT_EQ(c.docid(), d) << term;
        EXPECT_EQ(c.wdf(), wdf);
      }
      c.next();
      EXPECT_EQ(c.docid(), kEndDocid);
      c.restart();
      for (std::size_t i = 0; i < expected.size(); i += 3) {
        const Xapian::docid target = expected[i].first - (i % 2);  // on a posting or just before
        c.skip_to(target);
        const auto want =
            std::lower_bound(expected.begin(), expected.end(), target,
                             [](const auto& p, Xapian::docid t) { return p.first < t; });
        ASSERT_EQ(c.docid(), want->first) << term << " skip_to " << target;
      }
      c.skip_to(sample().get_lastdocid() + 1);
      EXPECT_EQ(c.docid(), kEndDocid);
    }
  }
}

TEST(WalkPart, ListsXapiansMatchesAndRanksItsBestWithinARange) {
  const auto w = frequent_words(4);
  ASSERT_EQ(w.size(), 4U);
  using Q = Xapian::Query;
  const Q a(w[0]), b(w[1]), c(w[2]), d(w[3]);
  const Q queries[] = {
      Q(Q::OP_AND, a, b),
      Q(Q::OP_OR, Q(Q::OP_AND, a, c), d),
      Q(Q::OP_AND_NOT, Q(Q::OP_OR, a, b), c),
      Q(Q::OP_AND_MAYBE, b, Q(Q::OP_OR, c, d)),
      Q(Q::OP_FILTER, Q(Q::OP_OR, a, d), b),
  };
  const Xapian::docid last = sample().get_lastdocid();
  for (const auto& q : queries) {
    ASSERT_TRUE(walkable(q, 1.0)) << q.get_description();
    Xapian::Enquire enquire(sample());
    enquire.set_query(q);
    enquire.set_weighting_scheme(ImpactWeight());
    const Xapian::MSet all = enquire.get_mset(0, last);
    std::vector<Xapian::docid> expected;
    for (auto m = all.begin(); m != all.end(); ++m) expected.push_back(*m);
    std::sort(expected.begin(), expected.end());
    ASSERT_FALSE(expected.empty()) << q.get_description();
    // The whole range: every match listed, the count exact, the 5 best as Xapian ranks them.
    std::vector<Xapian::docid> matched;
    RankOptions o;
    o.k = 5;
    o.matched = &matched;
    const Ranking r = walk_documents(sample(), q, o);
    EXPECT_EQ(matched, expected) << q.get_description();
    EXPECT_EQ(r.count, expected.size());
    ASSERT_EQ(r.top.size(), std::min<std::size_t>(5, expected.size()));
    for (std::size_t i = 0; i < r.top.size(); ++i) {
      EXPECT_NEAR(r.top[i].score, all[static_cast<Xapian::doccount>(i)].get_weight(), 1e-9);
      if (i + 1 < r.top.size()) {
        EXPECT_FALSE(ranks_before(r.top[i + 1], r.top[i]));
      }
    }
    // [first, end): only the matches in the range.
    const Xapian::docid first = last / 3, end = 2 * last / 3;
    std::vector<Xapian::docid> in_range;
    o.first = first;
    o.end = end;
    const Ranking part = walk_documents(sample(), q, o);
    std::vector<Xapian::docid> want;
    for (const auto m : expected) {
      if (m >= first && m < end) want.push_back(m);
    }
    o.matched = &in_range;
    walk_documents(sample(), q, o);
    EXPECT_EQ(in_range, want) << q.get_description();
    EXPECT_EQ(part.count, want.size());
    for (const auto& t : part.top) EXPECT_TRUE(t.docid >= first && t.docid < end);
  }
}

}  // namespace newsdex
