// What a hit shows (its stored fields, a snippet with the query's words marked, its story)
// and a result's JSON, the shape SPEC gives for /api/search and `search --json`.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/article.h"
#include "core/dates.h"
#include "core/schema.h"
#include "core/text.h"
#include "searcher/impact_weight.h"
#include "searcher/search.h"

namespace newsdex {

namespace {
constexpr std::size_t kSnippetBytes = 240;
}  // namespace

nlohmann::ordered_json result_to_json(const SearchResult& r) {
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  for (const auto& h : r.hits) {
    hits.push_back({{"rank", h.rank},
                    {"id", h.id},
                    {"score", std::round(h.score * 1000) / 1000},
                    {"title", h.title},
                    {"date", or_null(h.date)},
                    {"companies", h.companies},
                    {"topics", h.topics},
                    {"url", or_null(h.url)},
                    {"source", or_null(h.source)},
                    {"snippet", h.snippet}});
    if (h.story) {
      hits.back()["story"] = {{"id", or_null(h.story->id)},
                              {"size", h.story->size},
                              {"first_date", or_null(h.story->first_date)},
                              {"sources", h.story->sources}};
    }
  }
  nlohmann::ordered_json facets = nlohmann::ordered_json::object();
  for (const auto& [name, values] : r.facets) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& v : values) {
      list.push_back({{"value", v.value}, {"count", v.count}});
      if (!v.label.empty()) list.back()["label"] = v.label;
    }
    facets[name] = list;
  }
  nlohmann::ordered_json j = {{"query", r.query}, {"total", r.total}};
  if (r.total_stories) j["total_stories"] = *r.total_stories;
  j["total_exact"] = r.total_exact;
  j["offset"] = r.offset;
  j["limit"] = r.limit;
  j["hits"] = hits;
  j["facets"] = facets;
  j["facet_count"] = r.facet_count;
  j["did_you_mean"] = r.did_you_mean ? nlohmann::ordered_json(*r.did_you_mean) : nullptr;
  j["matching"] = r.matching;
  if (r.all_words) j["all_words"] = *r.all_words;
  if (!r.notices.empty()) j["notices"] = r.notices;
  auto filters = nlohmann::ordered_json::array();
  for (const auto& f : r.filters)
    filters.push_back({{"field", f.field}, {"value", f.value}, {"as", f.as}});
  j["filters"] = filters;
  j["took_ms"] = std::round(r.took_ms * 1000) / 1000;
  return j;
}

void Searcher::add_hits(const Page& page, const SearchRequest& request,
                        const Xapian::Query& snippet_query, const std::optional<Xapian::MSet>& mset,
                        SearchResult& r) const {
  const auto id_slot = static_cast<Xapian::valueno>(schema::field("id").value_slot);
  std::optional<Xapian::MSet> for_snippets;
  const Xapian::Stem stemmer("english");
  // A cluster sends a document per request: ask for the page's documents at once (Xapian
  // pipelines the requests), and read them through the MSet.
  std::map<Xapian::docid, Xapian::Document> fetched;
  if (remote_ && mset) {
    mset->fetch();
    for (auto m = mset->begin(); m != mset->end(); ++m) fetched.emplace(*m, m.get_document());
  }
  for (std::size_t i = 0; i < page.size(); ++i) {
    SearchHit h;
    h.rank = request.offset + i + 1;
    h.score = page[i].second;
    if (request.collapse)
      h.story = remote_ ? shard_hit_story(page[i].first) : hit_story(page[i].first);
    // (The ranking just saw this document: skip the existence check and its B-tree read.)
    const auto got = fetched.find(page[i].first);
    const Xapian::Document doc = got != fetched.end()
                                     ? got->second
                                     : db_.get_document(page[i].first, Xapian::DOC_ASSUME_VALID);
    if (!request.full_hits) {
      h.id = doc.get_value(id_slot);
      r.hits.push_back(std::move(h));
      continue;
    }
    const Article a = article_from_json(nlohmann::json::parse(doc.get_data()));
    h.id = a.id;
    h.title = a.title;
    h.date = a.date;
    h.url = a.url;
    h.source = a.source;
    h.companies = a.companies;
    h.topics = a.topics;
    const std::string& text = a.body.empty() ? a.title : a.body;
    if (snippet_query.get_terms_begin() == snippet_query.get_terms_end()) {
      // Browsing (no words): the article's opening, where Xapian would pick any window.
      const std::string opening = text::truncate_utf8(text, kSnippetBytes);
      const auto cut = opening.size() < text.size() ? opening.find_last_of(" \n") : opening.npos;
      h.snippet = text::html_escape(opening.substr(0, cut == opening.npos ? opening.size() : cut)) +
                  (opening.size() < text.size() ? "\xE2\x80\xA6" : "");
      r.hits.push_back(std::move(h));
      continue;
    }
    if (!mset && !for_snippets) {
      // MSet::snippet highlights the terms of the MSet's query; an empty MSet of the same
      // query costs no matching.
      Xapian::Enquire enquire(db_);
      enquire.set_query(snippet_query);
      if (!remote_) enquire.set_weighting_scheme(ImpactWeight());
      for_snippets = enquire.get_mset(0, 0);
    }
    // No background model: it looks up the frequency of every word around the matches,
    // which doubled the time of a page of hits.
    h.snippet = (mset ? *mset : *for_snippets)
                    .snippet(text, kSnippetBytes, stemmer, 0, "<mark>", "</mark>", "\xE2\x80\xA6");
    r.hits.push_back(std::move(h));
  }
}

HitStory Searcher::hit_story(Xapian::docid d) const {
  const StoryColumn& stories = *stories_;
  HitStory h;
  const std::uint32_t s = stories.story(d);
  if (s == StoryColumn::kNoStory) return h;
  h.id = stories.id(s);
  h.size = stories.size(s);
  if (stories.first_day(s) != StoryColumn::kUndated)
    h.first_date = Date::from_days_since_epoch(stories.first_day(s)).iso();
  // Sources by value: ordinals sort as the values do.
  const FacetColumn& sources = state_->column("source");
  std::vector<std::uint32_t> ords;
  for (const auto m : stories.members(s)) {
    for (const auto o : sources.ordinals(m)) ords.push_back(o);
  }
  std::sort(ords.begin(), ords.end());
  ords.erase(std::unique(ords.begin(), ords.end()), ords.end());
  for (std::size_t i = 0; i < ords.size() && i < kMaxHitStorySources; ++i)
    h.sources.push_back(sources.values()[ords[i]]);
  return h;
}

}  // namespace newsdex
