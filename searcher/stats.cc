#include "searcher/stats.h"

#include <algorithm>
#include <map>

#include "core/database.h"
#include "core/schema.h"
#include "searcher/checked_postings.h"
#include "searcher/facet_value.h"

namespace newsdex {

namespace {

// Distinct values of a boolean field and its `top_n` most frequent ones. A company filed under
// several names (`names`, the stored gazetteer) is one value, labelled as in facets.
nlohmann::json field_stats(const Xapian::Database& db, const schema::FieldSpec& f,
                           std::size_t top_n, const CompanyGazetteer& names) {
  std::vector<FacetValueCount> all;
  std::map<std::string, std::size_t> group;      // canonical name -> its place in `all`
  std::map<std::string, Xapian::doccount> most;  // canonical name -> its label's count
  const std::string prefix(f.prefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    std::string value = schema::value_of_term(f, *t);
    const std::string company =
        f.resolve == schema::Resolve::kGazetteer ? names.grouped_under(value) : "";
    if (company.empty()) {
      all.push_back({std::move(value), t.get_termfreq()});
      continue;
    }
    const auto [it, added] = group.emplace(company, all.size());
    if (added) all.push_back({company, 0});
    auto& entry = all[it->second];
    entry.count += t.get_termfreq();
    if (t.get_termfreq() >= most[company]) {
      most[company] = t.get_termfreq();
      entry.label = value == entry.value ? "" : value;
    }
  }
  const std::size_t n = std::min(top_n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(n), all.end(),
                    [](const auto& a, const auto& b) { return reported_before(a, b); });
  nlohmann::json top = nlohmann::json::array();
  for (std::size_t i = 0; i < n; ++i) {
    top.push_back({{"value", all[i].value}, {"count", all[i].count}});
    if (!all[i].label.empty()) top.back()["label"] = all[i].label;
  }
  return {{"distinct", all.size()}, {"top", top}};
}
// How many documents hold at least one term of field `f` (a facet): the articles with a value
// in its first slot when every article has slots (one lookup, also on a cluster), else found
// through its terms' postings.
Xapian::doccount documents_with_field(const Xapian::Database& db, const schema::FieldSpec& f) {
  if (db.get_metadata(std::string(schema::kMetaFacetSlotsKey)) == "1")
    return db.get_value_freq(schema::facet_slot(f, 0));
  std::vector<bool> seen(db.get_lastdocid() + 1, false);
  Xapian::doccount n = 0;
  const std::string prefix(f.prefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
      const Xapian::docid d = checked_docid(*p, db.get_lastdocid(), *t);
      if (seen[d]) continue;
      seen[d] = true;
      ++n;
    }
  }
  return n;
}
}  // namespace

nlohmann::json database_stats(const Xapian::Database& db, std::size_t top_n) {
  const auto names = stored_gazetteer(db);
  const auto& day = schema::field("date");
  const auto& year = schema::field("year");
  Xapian::doccount dated = 0;
  const std::string year_prefix(year.prefix);
  for (auto t = db.allterms_begin(year_prefix); t != db.allterms_end(year_prefix); ++t) {
    dated += t.get_termfreq();  // every dated article has exactly one year term
  }
  nlohmann::json date_min = nullptr, date_max = nullptr;
  const std::string day_prefix(day.prefix);
  for (auto t = db.allterms_begin(day_prefix); t != db.allterms_end(day_prefix); ++t) {
    if (date_min.is_null()) date_min = schema::value_of_term(day, *t);
    date_max = schema::value_of_term(day, *t);
  }
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& f : schema::kFields) {
    if (f.has(schema::kFacet)) fields[std::string(f.name)] = field_stats(db, f, top_n, names);
  }
  // The largest stories by a headline (their first article's), not only their hex ids.
  nlohmann::json stories = field_stats(db, schema::field("story"), top_n, names);
  for (auto& entry : stories["top"]) {
    const std::string term =
        schema::term(schema::field("story"), entry["value"].get<std::string>());
    const auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) continue;
    const auto data = nlohmann::json::parse(db.get_document(*p).get_data(), nullptr, false);
    entry["title"] = data.is_object() ? data.value("title", "") : "";
  }
  return {{"total_documents", db.get_doccount()},
          {"undated_documents", db.get_doccount() - dated},
          {"date_min", date_min},
          {"date_max", date_max},
          {"fields", fields},
          {"documents_with_company", documents_with_field(db, schema::field("company"))},
          {"discovered_companies", field_stats(db, schema::field("discovered"), top_n, names)},
          {"stories", stories}};
}

}  // namespace newsdex
