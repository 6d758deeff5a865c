// The brute-force oracle of tests/searcher/brute_force_test.cc: a corpus read back term by
// term, random queries over it, and the exact totals and facets a walk over every document
// gives, to compare with what the searcher answers.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "core/article.h"
#include "core/database.h"
#include "core/dates.h"
#include "core/gazetteer.h"
#include "core/schema.h"
#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "indexer/tiers.h"
#include "search_fixture.h"
#include "searcher/query_plan.h"

namespace newsdex::brute_force {

// The facet value a company name counts under: a company filed under several names over the
// years (the bundled gazetteer's former names) is one value, its canonical name.
inline std::string company_value(const std::string& name) {
  static const CompanyGazetteer names = CompanyGazetteer::load(testing::bundled("companies.tsv"));
  const std::string company = names.grouped_under(name);
  return company.empty() ? name : company;
}

// One document as the brute force sees it.
struct Doc {
  Xapian::docid did;
  std::vector<std::string> terms;  // sorted
  Article article;
  std::string story;  // its story id, or "doc N" for an article without one (a story of one)
  bool has(const std::string& t) const { return std::binary_search(terms.begin(), terms.end(), t); }
};

struct Node;
using NodePtr = std::shared_ptr<Node>;
struct Node {
  enum Kind { kWord, kPhrase, kAnd, kOr, kAndNot, kCompany, kTopic, kYear, kDates } kind;
  std::string a, b;  // word / phrase words / field value / date bounds
  NodePtr left, right;
};

class Corpus {
 public:
  explicit Corpus(const std::string& path) : db_(open_database_for_reading(path)) {
    for (auto p = db_.postlist_begin(""); p != db_.postlist_end(""); ++p) {
      Doc d;
      d.did = *p;
      const auto doc = db_.get_document(*p);
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) d.terms.push_back(*t);
      d.article = article_from_json(nlohmann::json::parse(doc.get_data()));
      d.story = doc.get_value(static_cast<Xapian::valueno>(schema::field("story").value_slot));
      if (d.story.empty()) d.story = "doc " + std::to_string(d.did);
      docs_.push_back(std::move(d));
    }
  }
  const std::vector<Doc>& docs() const { return docs_; }

  bool phrase(const Doc& d, const std::string& w1, const std::string& w2) const {
    if (!d.has(w1) || !d.has(w2)) return false;
    std::set<Xapian::termpos> first(db_.positionlist_begin(d.did, w1),
                                    db_.positionlist_end(d.did, w1));
    for (auto p = db_.positionlist_begin(d.did, w2); p != db_.positionlist_end(d.did, w2); ++p) {
      if (*p > 0 && first.count(*p - 1)) return true;
    }
    return false;
  }

  bool eval(const Node& n, const Doc& d) const {
    static const Xapian::Stem stem("english");
    const Article& a = d.article;
    switch (n.kind) {
      case Node::kWord:
        return d.has("Z" + stem(n.a));
      case Node::kPhrase:
        return phrase(d, n.a, n.b);
      case Node::kAnd:
        return eval(*n.left, d) && eval(*n.right, d);
      case Node::kOr:
        return eval(*n.left, d) || eval(*n.right, d);
      case Node::kAndNot:
        return eval(*n.left, d) && !eval(*n.right, d);
      case Node::kCompany:
        return std::any_of(a.companies.begin(), a.companies.end(), [&](const std::string& c) {
          return company_value(c) == company_value(n.a);
        });
      case Node::kTopic:
        return std::count(a.topics.begin(), a.topics.end(), n.a) > 0;
      case Node::kYear:
        return a.date.substr(0, 4) == n.a;
      case Node::kDates:
        return !a.date.empty() && (n.a.empty() || a.date >= n.a) && (n.b.empty() || a.date <= n.b);
    }
    return false;
  }

 private:
  Xapian::Database db_;
  std::vector<Doc> docs_;
};

inline std::string render(const Node& n) {
  switch (n.kind) {
    case Node::kWord:
      return n.a;
    case Node::kPhrase:
      return "\"" + n.a + " " + n.b + "\"";
    case Node::kAnd:
      return "(" + render(*n.left) + " AND " + render(*n.right) + ")";
    case Node::kOr:
      return "(" + render(*n.left) + " OR " + render(*n.right) + ")";
    case Node::kAndNot:
      return "(" + render(*n.left) + " AND NOT " + render(*n.right) + ")";
    case Node::kCompany:
      return "company:\"" + n.a + "\"";
    case Node::kTopic:
      return "topic:\"" + n.a + "\"";
    case Node::kYear:
      return "year:" + n.a;
    case Node::kDates:
      return "date:" + n.a + ".." + n.b;
  }
  return "";
}

// Values a facet field has in a document, from its stored metadata.
// Values as the index holds them (schema::normalize_value), each once per article.
inline std::vector<std::string> normalized(const std::vector<std::string>& values,
                                           const std::string& field) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::string n = schema::normalize_value(schema::field(field), v);
    if (!n.empty() && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

inline std::vector<std::string> values_of(const Article& a, const std::string& field) {
  if (field == "company") {
    std::vector<std::string> out;
    for (const auto& v : normalized(a.companies, field)) {
      if (std::find(out.begin(), out.end(), company_value(v)) == out.end())
        out.push_back(company_value(v));
    }
    return out;
  }
  if (field == "topic") return normalized(a.topics, field);
  if (field == "source")
    return a.source.empty() ? std::vector<std::string>{} : std::vector<std::string>{a.source};
  if (a.date.empty()) return {};
  if (field == "year") return {a.date.substr(0, 4)};
  if (field == "month") return {a.date.substr(0, 7)};
  return {};
}

inline bool plain(const std::string& v) {
  return !v.empty() && v.find('"') == std::string::npos && v.size() < 200;
}

class QueryMaker {
 public:
  QueryMaker(const Corpus& c, unsigned seed) : c_(c), rng_(seed) {}

  const Doc& random_doc() {
    return c_.docs()[std::uniform_int_distribution<std::size_t>(0, c_.docs().size() - 1)(rng_)];
  }
  // A lowercase word the document contains (unstemmed, alphabetic, 3+ letters).
  std::string word_of(const Doc& d) {
    std::vector<std::string> words;
    for (const auto& t : d.terms) {
      if (t.size() >= 3 &&
          std::all_of(t.begin(), t.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; })) {
        words.push_back(t);
      }
    }
    if (words.empty()) return "market";
    return words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(rng_)];
  }
  // Two adjacent words of a document's title, or nullopt.
  std::optional<std::pair<std::string, std::string>> bigram_of(const Doc& d) {
    std::vector<std::string> words;
    std::string cur;
    for (char ch : d.article.title + " ") {
      if (std::isalpha(static_cast<unsigned char>(ch))) {
        cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      } else {
        if (!cur.empty()) words.push_back(cur);
        cur.clear();
        if (ch != ' ') words.push_back("");  // punctuation breaks phrases
      }
    }
    for (std::size_t tries = 0; tries < 5 && words.size() >= 2; ++tries) {
      const auto i = std::uniform_int_distribution<std::size_t>(0, words.size() - 2)(rng_);
      if (words[i].size() >= 2 && words[i + 1].size() >= 2)
        return std::make_pair(words[i], words[i + 1]);
    }
    return std::nullopt;
  }

  NodePtr leaf() {
    const Doc& d = random_doc();
    const int kind = std::uniform_int_distribution<int>(0, 9)(rng_);
    if (kind <= 4)
      return std::make_shared<Node>(Node{Node::kWord, word_of(d), "", nullptr, nullptr});
    if (kind == 5) {
      if (const auto bg = bigram_of(d))
        return std::make_shared<Node>(Node{Node::kPhrase, bg->first, bg->second, nullptr, nullptr});
      return std::make_shared<Node>(Node{Node::kWord, word_of(d), "", nullptr, nullptr});
    }
    if (kind == 6 && !d.article.companies.empty() && plain(d.article.companies[0])) {
      return std::make_shared<Node>(
          Node{Node::kCompany, d.article.companies[0], "", nullptr, nullptr});
    }
    if (kind == 7 && !d.article.topics.empty() && plain(d.article.topics[0])) {
      return std::make_shared<Node>(Node{Node::kTopic, d.article.topics[0], "", nullptr, nullptr});
    }
    if (kind == 8 && !d.article.date.empty()) {
      return std::make_shared<Node>(
          Node{Node::kYear, d.article.date.substr(0, 4), "", nullptr, nullptr});
    }
    if (kind == 9 && !d.article.date.empty()) {
      const Doc& e = random_doc();
      std::string lo = d.article.date, hi = e.article.date.empty() ? "" : e.article.date;
      if (!hi.empty() && hi < lo) std::swap(lo, hi);
      if (std::uniform_int_distribution<int>(0, 3)(rng_) == 0) lo.clear();
      return std::make_shared<Node>(Node{Node::kDates, lo, hi, nullptr, nullptr});
    }
    return std::make_shared<Node>(Node{Node::kWord, word_of(d), "", nullptr, nullptr});
  }

  NodePtr query(int depth = 0) {
    const int r = std::uniform_int_distribution<int>(0, 9)(rng_);
    if (depth >= 2 || r < 4) return leaf();
    const Node::Kind op = r < 7 ? Node::kOr : (r < 9 ? Node::kAnd : Node::kAndNot);
    return std::make_shared<Node>(Node{op, "", "", query(depth + 1), query(depth + 1)});
  }

  std::vector<Filter> filters() {
    std::vector<Filter> out;
    const int n = std::uniform_int_distribution<int>(0, 3)(rng_);
    static const std::vector<std::string> fields = {"company", "topic", "year", "month", "source"};
    for (int i = 0; i < n; ++i) {
      const auto& field =
          fields[std::uniform_int_distribution<std::size_t>(0, fields.size() - 1)(rng_)];
      const auto values = values_of(random_doc().article, field);
      if (!values.empty() && plain(values[0])) out.push_back({field, values[0]});
    }
    return out;
  }

 private:
  const Corpus& c_;
  std::mt19937 rng_;
};

// The page ranked by our own evaluator equals Xapian's with the same weighting: the same
// scores (up to the order of floating-point additions) and the same documents, except that
// documents whose scores tie may swap.
inline void expect_same_ranking(const SearchResult& got, const SearchResult& xapian,
                                const std::string& query, bool same_total = true) {
  if (same_total) {
    ASSERT_EQ(got.total, xapian.total) << query;
  }
  ASSERT_EQ(got.hits.size(), xapian.hits.size()) << query;
  constexpr double kTie = 1e-9;
  const auto& h = got.hits;
  for (std::size_t i = 0; i < h.size(); ++i) {
    ASSERT_NEAR(h[i].score, xapian.hits[i].score, kTie) << query << " rank " << i + 1;
    const bool tied = (i > 0 && std::abs(h[i].score - h[i - 1].score) < kTie) ||
                      (i + 1 < h.size() && std::abs(h[i].score - h[i + 1].score) < kTie);
    if (!tied) {
      ASSERT_EQ(h[i].id, xapian.hits[i].id) << query << " rank " << i + 1;
    }
  }
}

// got's facets equal `counts` (facet -> value -> count), top facet_size by count then value.
inline void expect_facets(const SearchRequest& req, const SearchResult& got,
                          std::map<std::string, std::map<std::string, Xapian::doccount>>& counts) {
  for (const auto& [name, values] : got.facets) {
    std::vector<FacetValueCount> expected;
    for (const auto& [v, c] : counts[name]) expected.push_back({v, c});
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (expected.size() > req.facet_size) expected.resize(req.facet_size);
    EXPECT_EQ(values.size(), expected.size()) << "facet " << name << " of " << req.query;
    for (std::size_t i = 0; i < values.size() && i < expected.size(); ++i) {
      EXPECT_EQ(values[i].value, expected[i].value)
          << "facet " << name << " #" << i << " of " << req.query;
      EXPECT_EQ(values[i].count, expected[i].count)
          << "facet " << name << " " << values[i].value << " of " << req.query;
    }
  }
}

// True when article `a` passes every filter of `req` but those on field `except`.
inline bool passes_filters(const SearchRequest& req, const Article& a, const std::string& except) {
  std::map<std::string, std::vector<std::string>> filter_values;
  for (const auto& f : req.filters)
    filter_values[f.field].push_back(f.field == "company" ? company_value(f.value) : f.value);
  for (const auto& [field, wanted] : filter_values) {
    if (field == except) continue;
    const auto have = values_of(a, field);
    if (std::none_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
          return std::count(have.begin(), have.end(), w) > 0;
        })) {
      return false;
    }
  }
  return true;
}

// Checks got's total_stories and facets counted by story against a walk over every document
// that `matches` accepts: a story counts when one of its matches passes the filters, a value
// once per story with a match carrying it that passes the other fields' filters.
template <class Matches>
inline void expect_story_counts(const Corpus& corpus, const SearchRequest& req,
                                const SearchResult& got, const Matches& matches) {
  std::set<std::string> stories;
  std::map<std::string, std::map<std::string, std::set<std::string>>> per_value;
  for (const auto& d : corpus.docs()) {
    if (!matches(d)) continue;
    if (passes_filters(req, d.article, "")) stories.insert(d.story);
    for (const auto& f : req.facets) {
      if (!passes_filters(req, d.article, req.multi_select ? f : "")) continue;
      for (const auto& v : values_of(d.article, f)) per_value[f][v].insert(d.story);
    }
  }
  ASSERT_TRUE(got.total_stories.has_value()) << req.query;
  EXPECT_EQ(*got.total_stories, stories.size()) << "query: " << req.query;
  EXPECT_EQ(got.facet_count, "stories");
  std::map<std::string, std::map<std::string, Xapian::doccount>> counts;
  for (const auto& [f, values] : per_value) {
    for (const auto& [v, set] : values) counts[f][v] = static_cast<Xapian::doccount>(set.size());
  }
  expect_facets(req, got, counts);
}

// Checks got's total and facets against a walk over every document that `matches` accepts,
// with req's filters (multi-select or drill-down); returns the expected total.
template <class Matches>
Xapian::doccount expect_exact_counts(const Corpus& corpus, const SearchRequest& req,
                                     const SearchResult& got, const Matches& matches) {
  auto passes = [&](const Article& a, const std::string& except) {
    return passes_filters(req, a, except);
  };
  Xapian::doccount total = 0;
  std::map<std::string, std::map<std::string, Xapian::doccount>> counts;
  for (const auto& d : corpus.docs()) {
    if (!matches(d)) continue;
    if (passes(d.article, "")) ++total;
    for (const auto& f : req.facets) {
      if (!passes(d.article, req.multi_select ? f : "")) continue;
      for (const auto& v : values_of(d.article, f)) ++counts[f][v];
    }
  }
  EXPECT_EQ(got.total, total) << "query: " << req.query << " filters: " << req.filters.size();
  expect_facets(req, got, counts);
  return total;
}

// The three ways a query is answered, which must agree: `own` (the searcher as it runs, posting
// lists kept in memory), `parallel` (every count on the helper thread, every posting list read
// through Xapian) and `reference` (ranked by Xapian's matcher).
struct Routes {
  explicit Routes(const std::string& db) : own(db), parallel(db), reference(db) {
    parallel.set_parallel_count_postings(0);
    parallel.set_keep_postings_at_most(0);
    reference.set_own_ranking(false);
  }
  Searcher own, parallel, reference;
};

}  // namespace newsdex::brute_force
