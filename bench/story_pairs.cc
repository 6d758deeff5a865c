#include "bench/story_pairs.h"

#include <fstream>
#include <set>

#include "core/dates.h"
#include "core/errors.h"
#include "core/schema.h"
#include "core/text.h"
#include "indexer/index_writer.h"
#include "indexer/stories/signature.h"

namespace newsdex::bench {

namespace {

// The body's sentences: split after '.', '!' or '?' followed by white space.
std::vector<std::string> sentences(const std::string& body) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < body.size(); ++i) {
    cur += body[i];
    const bool end =
        (body[i] == '.' || body[i] == '!' || body[i] == '?') &&
        (i + 1 == body.size() || std::isspace(static_cast<unsigned char>(body[i + 1])));
    if (end) {
      out.push_back(std::string(text::trim(cur)));
      cur.clear();
    }
  }
  if (!text::trim(cur).empty()) out.push_back(std::string(text::trim(cur)));
  return out;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < parts.size(); ++i)
    out += (out.empty() ? "" : " ") + parts[i];
  return out;
}

std::string first_words(const std::string& s, std::size_t n) {
  std::string out;
  std::size_t words = 0;
  const std::string squeezed = text::squeeze_spaces(s);
  for (const auto w : text::split(squeezed, ' ')) {
    if (words++ == n) break;
    out += (out.empty() ? "" : " ") + std::string(w);
  }
  return out;
}

std::string trimmed(const std::string& body, double keep) {
  const auto s = sentences(body);
  const auto n = std::max<std::size_t>(1, static_cast<std::size_t>(s.size() * keep));
  return join(s, 0, n);
}

std::string with_boilerplate(const std::string& body) {
  return "By a Staff Reporter\n" + body +
         "\n(Reporting by the wire desk; editing by the news desk. Copyright 2026 Example Wire "
         "Service. All rights reserved. Republished with permission.)";
}

// Every digit d becomes (d + shift) % 10.
std::string shift_digits(std::string s, int shift) {
  for (auto& c : s) {
    if (c >= '0' && c <= '9') c = static_cast<char>('0' + (c - '0' + shift) % 10);
  }
  return s;
}

std::string next_day(const std::string& iso) {
  const auto d = parse_iso_date(iso);
  return d ? Date::from_days_since_epoch(d->days_since_epoch() + 1).iso() : iso;
}

}  // namespace

std::vector<StoryPair> load_story_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot read the labelled pairs");
  std::vector<StoryPair> out;
  std::string line;
  bool header = true;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const auto f = text::split(line, '\t');
    if (f.size() != 4 || (f[2] != "0" && f[2] != "1")) {
      throw InputError(path + ":" + std::to_string(n) + ": expected a, b, label 0|1, kind");
    }
    out.push_back({std::string(f[0]), std::string(f[1]), f[2] == "1", std::string(f[3])});
  }
  return out;
}

Article make_variant(const Article& base, const std::string& edit) {
  Article v = base;
  v.id = "variant-" + base.id.substr(base.id.find('-') + 1) + "-" + edit;
  v.source = "syndicate-" + edit;
  const auto s = sentences(base.body);
  if (edit == "retitle") {
    v.title = first_words(s.empty() ? base.title : s[0], 8) + " - report";
  } else if (edit == "trim") {
    v.body = trimmed(base.body, 0.6);
  } else if (edit == "extend") {
    v.body = base.body + "\nThe announcement came as " + first_words(base.title, 4) +
             " drew attention from market participants, who said they would study the details "
             "over the coming days before drawing conclusions about its wider effect.";
  } else if (edit == "boilerplate") {
    v.body = with_boilerplate(base.body);
  } else if (edit == "reorder") {
    auto r = s;
    for (std::size_t i = 0; i + 1 < r.size(); i += 2) std::swap(r[i], r[i + 1]);
    v.body = join(r, 0, r.size());
  } else if (edit == "combo") {
    v.title = first_words(s.empty() ? base.title : s[0], 8) + " - report";
    v.body = with_boilerplate(trimmed(base.body, 0.7));
  } else if (edit == "correction") {
    v.title = "CORRECTED - " + base.title;
    const auto p = v.body.find_first_of("0123456789");
    if (p != std::string::npos)
      v.body[p] = v.body[p] == '9' ? '8' : static_cast<char>(v.body[p] + 1);
    v.body += "\n(Corrects a figure in the first paragraph)";
  } else if (edit == "figures") {
    v.title = shift_digits(base.title, 3);
    v.body = shift_digits(base.body, 3);
  } else if (edit == "followup") {
    v.date = next_day(base.date);
    v.title = "Further details emerge a day after " + first_words(base.title, 5);
    v.body = "Officials and analysts gave more details on the following day. " +
             (s.empty() ? std::string() : s[0]) +
             " Since then, market participants have been weighing what it means, and several "
             "said they expected further statements before the end of the week, while others "
             "declined to comment until official figures are published next month.";
  } else {
    throw UsageError("unknown variant edit '" + edit + "'");
  }
  return v;
}

std::string story_pair_article_id(const std::string& spec) {
  const auto f = text::split(spec, ':');
  if (f.size() == 2 && f[0] == "r") return "reuters-" + std::string(f[1]);
  if (f.size() == 3 && f[0] == "v") return "variant-" + std::string(f[1]) + "-" + std::string(f[2]);
  throw InputError("bad pair member '" + spec + "' (use r:N or v:N:EDIT)");
}

std::vector<Article> story_pair_articles(const std::vector<StoryPair>& pairs,
                                         const std::map<std::string, Article>& reuters) {
  std::vector<Article> out;
  std::set<std::string> seen;
  for (const auto& p : pairs) {
    for (const auto& spec : {p.a, p.b}) {
      const auto f = text::split(spec, ':');
      if (f.size() < 2) throw InputError("bad pair member '" + spec + "'");
      const auto it = reuters.find("reuters-" + std::string(f[1]));
      if (it == reuters.end()) throw InputError("no Reuters article " + std::string(f[1]));
      const std::string id = story_pair_article_id(spec);
      if (!seen.insert(id).second) continue;
      out.push_back(f[0] == "r" ? it->second : make_variant(it->second, std::string(f[2])));
    }
  }
  return out;
}

double StoryEvaluation::precision() const {
  const auto p = true_positives + false_positives;
  return p == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(p);
}

double StoryEvaluation::recall() const {
  const auto p = true_positives + false_negatives;
  return p == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(p);
}

nlohmann::json StoryEvaluation::to_json() const {
  nlohmann::json misses = nlohmann::json::array();
  for (const auto& s : scores) {
    if (s.predicted_same == s.pair.same_story) continue;
    misses.push_back({{"a", s.pair.a},
                      {"b", s.pair.b},
                      {"label", s.pair.same_story},
                      {"kind", s.pair.kind},
                      {"containment", s.containment},
                      {"resemblance", s.resemblance},
                      {"days_apart", s.days_apart},
                      {"shared_band", s.shared_band},
                      {"figures_differ", s.figures_differ},
                      {"corrects", s.corrects}});
  }
  std::map<std::string, StoryEvaluation> kinds;
  for (const auto& s : scores) {
    auto& k = kinds[s.pair.kind];
    if (s.predicted_same) {
      ++(s.pair.same_story ? k.true_positives : k.false_positives);
    } else {
      ++(s.pair.same_story ? k.false_negatives : k.true_negatives);
    }
    k.scores.push_back(s);
  }
  nlohmann::json by_kind = nlohmann::json::object();
  for (const auto& [kind, k] : kinds) by_kind[kind] = k.counts_json();
  auto out = counts_json();
  out["by_kind"] = by_kind;
  out["misses"] = misses;
  return out;
}

nlohmann::json StoryEvaluation::counts_json() const {
  return {{"pairs", scores.size()},
          {"true_positives", true_positives},
          {"false_positives", false_positives},
          {"false_negatives", false_negatives},
          {"true_negatives", true_negatives},
          {"precision", precision()},
          {"recall", recall()}};
}

std::string StoryEvaluation::scores_tsv() const {
  std::string out;
  for (const auto& s : scores) {
    out += s.pair.a + "\t" + s.pair.b + "\t" + (s.pair.same_story ? "1" : "0") + "\t" +
           s.pair.kind + "\t" + (s.predicted_same ? "1" : "0") + "\t" +
           std::to_string(s.containment) + "\t" + std::to_string(s.resemblance) + "\t" +
           std::to_string(s.number_containment) + "\t" + std::to_string(s.days_apart) + "\t" +
           (s.shared_band ? "1" : "0") + "\t" + (s.figures_differ ? "1" : "0") + "\t" +
           (s.corrects ? "1" : "0") + "\n";
  }
  return out;
}

StoryEvaluation evaluate_story_pairs(const std::vector<StoryPair>& pairs,
                                     const std::vector<Article>& articles,
                                     const std::string& db_path) {
  std::map<std::string, stories::Signature> sigs;
  {
    IndexWriter writer(db_path);
    for (const auto& a : articles) {
      writer.add(a);
      sigs[a.id] = stories::make_signature(a.title, a.body, a.date);
    }
    writer.commit();
  }
  const Xapian::Database db(db_path);
  const auto slot = static_cast<Xapian::valueno>(schema::field("story").value_slot);
  auto story_of = [&](const std::string& id) {
    const std::string term = schema::term(schema::field("id"), id);
    const auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) throw InputError("article " + id + " was not indexed");
    return db.get_document(*p).get_value(slot);
  };
  StoryEvaluation e;
  for (const auto& p : pairs) {
    const std::string a = story_pair_article_id(p.a), b = story_pair_article_id(p.b);
    const auto &sa = sigs[a], &sb = sigs[b];
    StoryPairScore s{p,
                     story_of(a) == story_of(b),
                     stories::containment(sa.shingles, sb.shingles),
                     stories::resemblance(sa.shingles, sb.shingles),
                     sa.numbers.empty() || sb.numbers.empty()
                         ? -1.0
                         : stories::containment(sa.numbers, sb.numbers),
                     sa.day && sb.day ? std::labs(*sa.day - *sb.day) : -1,
                     stories::share_a_band(sa, sb),
                     stories::figures_differ(sa, sb),
                     stories::corrects(sa, sb)};
    if (s.predicted_same) {
      ++(p.same_story ? e.true_positives : e.false_positives);
    } else {
      ++(p.same_story ? e.false_negatives : e.true_negatives);
    }
    e.scores.push_back(s);
  }
  return e;
}

}  // namespace newsdex::bench
