#include "searcher/search.h"

#include <chrono>
#include <future>
#include <map>

#include "core/article.h"
#include "core/database.h"
#include "core/errors.h"
#include "core/schema.h"
#include "searcher/boolean_match.h"
#include "searcher/impact_weight.h"
#include "searcher/stats.h"

namespace newsdex {

namespace {
constexpr std::size_t kSnippetBytes = 240;
// Postings the count pass will read for `q`: the frequencies of its terms (positional and
// wildcard parts are estimated by their term list, which is what the count reads too).
Xapian::doccount postings_to_scan(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::doccount n = 0;
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
    n += db.get_termfreq(*t);
  return n;
}

// How much an exact (unstemmed) word match adds, relative to the stemmed match's weight.
constexpr double kExactBoost = 0.5;
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
  }
  nlohmann::ordered_json facets = nlohmann::ordered_json::object();
  for (const auto& [name, values] : r.facets) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = list;
  }
  return {{"query", r.query},
          {"total", r.total},
          {"total_exact", r.total_exact},
          {"offset", r.offset},
          {"limit", r.limit},
          {"hits", hits},
          {"facets", facets},
          {"did_you_mean", r.did_you_mean ? nlohmann::ordered_json(*r.did_you_mean) : nullptr},
          {"took_ms", std::round(r.took_ms * 1000) / 1000}};
}

Searcher::Searcher(const std::string& db_path, std::shared_ptr<FacetIndexCache> cache)
    : path_(db_path),
      db_(open_database_for_reading(db_path)),
      count_db_(open_database_for_reading(db_path)),
      cache_(std::move(cache)) {
  refresh();  // aligns the two handles and loads the revision's state
}

Searcher::~Searcher() = default;

void Searcher::load_revision_state() {
  revision_ = db_.get_uuid() + "@" + std::to_string(db_.get_revision());
  facets_ = cache_->get(db_);
  std::string tsv = db_.get_metadata(std::string(schema::kMetaCompaniesKey));
  if (tsv != gazetteer_tsv_) {
    gazetteer_ = CompanyGazetteer::parse(tsv, path_ + " (stored gazetteer)");
    gazetteer_tsv_ = std::move(tsv);
  }
  builder_ = std::make_unique<QueryBuilder>(db_, *facets_, gazetteer_);
}

void Searcher::refresh() {
  // Both handles must show the same revision, or counts and hits would disagree.
  for (int tries = 0; tries < 10; ++tries) {
    db_.reopen();
    count_db_.reopen();
    if (db_.get_revision() == count_db_.get_revision()) break;
  }
  // reopen() may say true with nothing new; the revision says whether anything changed.
  if (db_.get_uuid() + "@" + std::to_string(db_.get_revision()) != revision_) load_revision_state();
}

SearchResult Searcher::search(const SearchRequest& request) {
  refresh();
  try {
    return run(request);
  } catch (const Xapian::DatabaseModifiedError&) {
    // A writer committed twice while we read: reopen and retry once.
    refresh();
    return run(request);
  }
}

void Searcher::count_matches(const Xapian::Database& db, const Xapian::Query& base,
                             const std::map<std::string, Xapian::Query>& filter_queries,
                             const SearchRequest& request, SearchResult& r) const {
  const DocSet matched = match_documents(db, base);
  std::map<std::string, std::shared_ptr<const DocSet>> filter_sets;
  for (const auto& [field, q] : filter_queries) {
    filter_sets.emplace(
        field, facets_->filter_set(q.get_description(), [&] { return match_documents(db, q); }));
  }
  DocSet all = matched;
  for (const auto& [field, set] : filter_sets) all &= *set;
  r.total = all.count();
  for (const auto& name : request.facets) {
    const FacetColumn& column = facets_->column(name);
    std::vector<Xapian::doccount> counts(column.values().size(), 0);
    if (filter_sets.count(name) == 0) {
      column.count(all, counts);
    } else {
      // Multi-select: this field's own filter does not narrow its counts.
      DocSet others = matched;
      for (const auto& [field, set] : filter_sets) {
        if (field != name) others &= *set;
      }
      column.count(others, counts);
    }
    r.facets.emplace_back(name, column.top(counts, request.facet_size));
  }
}

SearchResult Searcher::run(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  const QueryBuilder& builder = *builder_;
  const auto parsed = builder.parse(request.query, request.stemming);
  Xapian::Query base = parsed.match;
  if (!request.from.empty() || !request.to.empty()) {
    base =
        Xapian::Query(Xapian::Query::OP_FILTER, base, builder.date_range(request.from, request.to));
  }

  // Filters grouped by field: values of one field ORed.
  std::map<std::string, std::vector<std::string>> filter_terms;
  for (const auto& f : request.filters) {
    const auto& field = schema::field(f.field);
    filter_terms[f.field].push_back(schema::term(field, builder.resolve_value(field, f.value)));
  }
  std::map<std::string, Xapian::Query> filter_queries;
  for (const auto& [field, terms] : filter_terms) {
    filter_queries[field] = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  // Count-only pass: the matches, and for each filtered field the matches of every other
  // filter. Skipped only when the caller accepts an estimate and asks for no facets.
  SearchResult r;
  r.query = request.query;
  r.offset = request.offset;
  r.limit = request.limit;
  const bool count_pass = request.exact_total || !request.facets.empty();
  // A big count runs on a second thread, with its own database handle at the same revision,
  // while this thread ranks: the query then takes the longer of the two passes, not the sum.
  std::future<void> counting;
  if (count_pass && postings_to_scan(db_, base) >= parallel_count_postings_) {
    // Xapian::Query copies share reference-counted internals that are not thread-safe, so the
    // helper gets its own deep copies, made here before it starts.
    auto own = [](const Xapian::Query& q) { return Xapian::Query::unserialise(q.serialise()); };
    std::map<std::string, Xapian::Query> own_filters;
    for (const auto& [field, q] : filter_queries) own_filters.emplace(field, own(q));
    counting = std::async(std::launch::async, [this, &request, &r, own_base = own(base),
                                               own_filters = std::move(own_filters)] {
      count_matches(count_db_, own_base, own_filters, request, r);
    });
  } else if (count_pass) {
    count_matches(db_, base, filter_queries, request, r);
  }
  // Joins the counting thread however this function leaves.
  struct Join {
    std::future<void>& f;
    ~Join() {
      if (f.valid()) f.wait();
    }
  } join{counting};

  // Ranking pass: the top hits of the page.
  Xapian::Query ranked = base;
  if (!parsed.boost.empty()) {
    ranked =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, parsed.boost, kExactBoost));
  }
  for (const auto& [field, q] : filter_queries) {
    ranked = Xapian::Query(Xapian::Query::OP_FILTER, ranked, q);
  }
  // (While counting runs in parallel the total is unknown yet, so the page is ranked anyway.)
  if (request.limit > 0 && (counting.valid() || !count_pass || r.total > request.offset)) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(ranked);
    enquire.set_weighting_scheme(ImpactWeight());
    const auto slot = static_cast<Xapian::valueno>(schema::field("date").value_slot);
    if (request.sort == SortOrder::kNewestFirst) {
      enquire.set_sort_by_value_then_relevance(slot, true);
    } else if (request.sort == SortOrder::kOldestFirst) {
      enquire.set_sort_by_value_then_relevance(slot, false);
    }
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                               static_cast<Xapian::doccount>(request.limit));
    if (!count_pass) {
      r.total = mset.get_matches_estimated();
      r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    }
    const Xapian::Stem stemmer("english");
    const auto id_slot = static_cast<Xapian::valueno>(schema::field("id").value_slot);
    for (auto m = mset.begin(); m != mset.end(); ++m) {
      SearchHit h;
      h.rank = m.get_rank() + 1;
      h.score = m.get_weight();
      if (!request.full_hits) {
        h.id = m.get_document().get_value(id_slot);
        r.hits.push_back(std::move(h));
        continue;
      }
      const Article a = article_from_json(nlohmann::json::parse(m.get_document().get_data()));
      h.id = a.id;
      h.title = a.title;
      h.date = a.date;
      h.url = a.url;
      h.source = a.source;
      h.companies = a.companies;
      h.topics = a.topics;
      // No background model: it looks up the frequency of every word around the matches,
      // which doubled the time of a page of hits.
      h.snippet = mset.snippet(a.body.empty() ? a.title : a.body, kSnippetBytes, stemmer, 0,
                               "<mark>", "</mark>", "\xE2\x80\xA6");
      r.hits.push_back(std::move(h));
    }
  }
  if (counting.valid()) counting.get();  // rethrows what the count threw
  if (r.total == 0 || !request.query.empty()) r.did_you_mean = builder.did_you_mean(request.query);
  r.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return r;
}

nlohmann::json Searcher::document(const std::string& id) {
  refresh();
  const std::string term = schema::term(schema::field("id"), id);
  auto p = db_.postlist_begin(term);
  if (p == db_.postlist_end(term)) throw NotFoundError("no article with id '" + id + "'");
  return article_to_json(article_from_json(nlohmann::json::parse(db_.get_document(*p).get_data())));
}

nlohmann::json Searcher::stats() {
  refresh();
  return database_stats(db_);
}

}  // namespace newsdex
