#include "searcher/facets.h"

#include <algorithm>
#include <map>

#include "core/errors.h"
#include "core/text.h"
#include "searcher/checked_postings.h"

namespace newsdex {

FacetColumn::FacetColumn(const Xapian::Database& db, const schema::FieldSpec& field,
                         bool with_documents, const CompanyGazetteer* names)
    : field_(&field) {
  const Xapian::docid last = db.get_lastdocid();
  const std::string prefix(field.prefix);
  // Pass 1: the dictionary, and how many values each document has.
  std::vector<std::uint32_t> per_doc(static_cast<std::size_t>(last) + 2, 0);
  std::vector<std::vector<Xapian::docid>> postings;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    const auto ord = static_cast<std::uint32_t>(values_.size());
    values_.push_back(schema::value_of_term(field, term));
    by_lower_.emplace(text::to_lower_ascii(values_.back()), ord);
    if (!with_documents) continue;
    std::vector<Xapian::docid> docs;
    docs.reserve(std::min<Xapian::doccount>(t.get_termfreq(), last));
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      docs.push_back(checked_docid(*p, last, term));
      ++per_doc[docs.back()];
    }
    postings.push_back(std::move(docs));
  }
  if (names != nullptr && field.resolve == schema::Resolve::kGazetteer) group_names(*names);
  // Pass 2: prefix sums, then fill each document's ordinals (in ordinal order).
  offsets_.assign(per_doc.size() + 1, 0);
  for (std::size_t d = 0; d < per_doc.size(); ++d) offsets_[d + 1] = offsets_[d] + per_doc[d];
  ords_.resize(offsets_.back());
  std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (std::uint32_t ord = 0; ord < postings.size(); ++ord) {
    for (const auto d : postings[ord]) ords_[fill[d]++] = ord;
  }
}

void FacetColumn::group_names(const CompanyGazetteer& names) {
  std::map<std::string, std::size_t> group_by_name;
  std::vector<std::int32_t> group_of(values_.size(), -1);
  for (std::uint32_t o = 0; o < values_.size(); ++o) {
    std::string company = names.grouped_under(values_[o]);
    if (company.empty()) continue;
    const auto [it, added] = group_by_name.emplace(company, groups_.size());
    if (added) groups_.push_back({std::move(company), {}});
    groups_[it->second].ords.push_back(o);
    group_of[o] = static_cast<std::int32_t>(it->second);
  }
  if (!groups_.empty()) group_of_ = std::move(group_of);
}

FacetValueCount FacetColumn::group_count(const Group& g,
                                         const std::vector<Xapian::doccount>& counts) const {
  FacetValueCount out{g.value, 0};
  Xapian::doccount most = 0;
  for (const auto o : g.ords) {
    out.count += counts[o];
    // The label: the name most counted articles carry (on a tie, the later name in term order).
    if (counts[o] > 0 && counts[o] >= most) {
      most = counts[o];
      out.label = values_[o];
    }
  }
  if (out.label == out.value) out.label.clear();
  return out;
}

std::unordered_map<std::uint32_t, FacetValueCount> FacetColumn::fold(
    std::vector<Xapian::doccount>& counts) const {
  std::unordered_map<std::uint32_t, FacetValueCount> out;
  for (const auto& g : groups_) {
    auto folded = group_count(g, counts);
    for (const auto o : g.ords) counts[o] = 0;
    counts[g.ords.front()] = folded.count;
    out.emplace(g.ords.front(), std::move(folded));
  }
  return out;
}

std::string FacetColumn::find_ignoring_case(std::string_view value) const {
  const auto it = by_lower_.find(text::to_lower_ascii(value));
  return it == by_lower_.end() ? std::string() : values_[it->second];
}

std::vector<FacetValueCount> FacetColumn::top(const std::vector<Xapian::doccount>& counts,
                                              std::size_t n) const {
  std::vector<std::uint32_t> ords;
  for (std::uint32_t o = 0; o < counts.size(); ++o) {
    if (counts[o] > 0 && (group_of_.empty() || group_of_[o] < 0)) ords.push_back(o);
  }
  const auto better = [&](std::uint32_t a, std::uint32_t b) {
    return reported_before(counts[a], values_[a], counts[b], values_[b]);
  };
  const std::size_t k = std::min(n, ords.size());
  std::partial_sort(ords.begin(), ords.begin() + static_cast<long>(k), ords.end(), better);
  std::vector<FacetValueCount> out;
  for (std::size_t i = 0; i < k; ++i) out.push_back({values_[ords[i]], counts[ords[i]]});
  if (groups_.empty()) return out;
  // The groups (a few companies), each one value, placed among the others.
  for (const auto& g : groups_) {
    auto folded = group_count(g, counts);
    if (folded.count > 0) out.push_back(std::move(folded));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return reported_before(a, b); });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace newsdex
