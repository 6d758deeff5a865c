#include "searcher/facets.h"

#include <algorithm>

#include "core/errors.h"
#include "core/text.h"
#include "searcher/checked_postings.h"

namespace newsdex {

FacetColumn::FacetColumn(const Xapian::Database& db, const schema::FieldSpec& field,
                         bool with_documents)
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
  // Pass 2: prefix sums, then fill each document's ordinals (in ordinal order).
  offsets_.assign(per_doc.size() + 1, 0);
  for (std::size_t d = 0; d < per_doc.size(); ++d) offsets_[d + 1] = offsets_[d] + per_doc[d];
  ords_.resize(offsets_.back());
  std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (std::uint32_t ord = 0; ord < postings.size(); ++ord) {
    for (const auto d : postings[ord]) ords_[fill[d]++] = ord;
  }
}

std::string FacetColumn::find_ignoring_case(std::string_view value) const {
  const auto it = by_lower_.find(text::to_lower_ascii(value));
  return it == by_lower_.end() ? std::string() : values_[it->second];
}

std::vector<FacetValueCount> FacetColumn::top(const std::vector<Xapian::doccount>& counts,
                                              std::size_t n) const {
  std::vector<std::uint32_t> ords;
  for (std::uint32_t o = 0; o < counts.size(); ++o) {
    if (counts[o] > 0) ords.push_back(o);
  }
  const auto better = [&](std::uint32_t a, std::uint32_t b) {
    return reported_before(counts[a], values_[a], counts[b], values_[b]);
  };
  const std::size_t k = std::min(n, ords.size());
  std::partial_sort(ords.begin(), ords.begin() + static_cast<long>(k), ords.end(), better);
  std::vector<FacetValueCount> out;
  for (std::size_t i = 0; i < k; ++i) out.push_back({values_[ords[i]], counts[ords[i]]});
  return out;
}

}  // namespace newsdex
