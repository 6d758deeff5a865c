// Facet counting in the Lucene/Tantivy style: for each facet field a sorted dictionary of
// values, and per document the ordinals of its values in a compact column (CSR layout).
// Counting a set of matches increments counts[ord] in a plain array; strings appear only when
// the top values are reported.
//
// A company filed under several names (its former names by date, core/gazetteer.h) has an
// ordinal per name; the column groups them, so that the company is one facet value counted
// over all its names (each article carries one of them, so the sum is exact).
//
// Ordinals are global for one database revision: the columns are rebuilt from the
// boolean-term posting lists with the rest of the revision's state when the searcher sees a
// new revision (RevisionState, revision_state.h), so they never disagree with the index.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/gazetteer.h"
#include "core/schema.h"
#include "searcher/facet_value.h"

namespace newsdex {

class FacetColumn {
 public:
  // `with_documents` false: the dictionary only (values(), contains(), top()); no document's
  // values are read, which a cluster's remote shards could only send posting by posting.
  // `names`: the database's gazetteer, which groups a company's names (for the field that
  // resolves through it); nullptr groups nothing.
  FacetColumn(const Xapian::Database& db, const schema::FieldSpec& field,
              bool with_documents = true, const CompanyGazetteer* names = nullptr);

  const schema::FieldSpec& field() const { return *field_; }
  // Values in term order; an ordinal is an index into this.
  const std::vector<std::string>& values() const { return values_; }
  // True when `value` is indexed exactly as written.
  bool contains(std::string_view value) const {
    return std::binary_search(values_.begin(), values_.end(), value);
  }
  // The value spelled like `value` ignoring ASCII case, or "".
  std::string find_ignoring_case(std::string_view value) const;

  // Hints the CPU that count(d) is coming.
  void prefetch(Xapian::docid d) const {
    if (d + 1 < offsets_.size()) __builtin_prefetch(&offsets_[d]);
  }
  // Hints the CPU that d's values are coming, once prefetch(d) has brought their place.
  void prefetch_values(Xapian::docid d) const {
    if (d + 1 < offsets_.size() && offsets_[d] < ords_.size())
      __builtin_prefetch(&ords_[offsets_[d]]);
  }
  // Adds the values of document `d` to `counts` (sized values().size()).
  void count(Xapian::docid d, Xapian::doccount* counts) const {
    if (d + 1 >= offsets_.size()) return;
    for (auto k = offsets_[d]; k < offsets_[d + 1]; ++k) ++counts[ords_[k]];
  }
  // The ordinals of document `d`'s values, ascending (empty past the column's end).
  std::span<const std::uint32_t> ordinals(Xapian::docid d) const {
    if (d + 1 >= offsets_.size()) return {};
    return {ords_.data() + offsets_[d], ords_.data() + offsets_[d + 1]};
  }
  // The `n` highest counts, by count descending then value ascending; zero counts omitted.
  // A group counts as one value, the sum of its names' counts.
  std::vector<FacetValueCount> top(const std::vector<Xapian::doccount>& counts,
                                   std::size_t n) const;

  // The ordinal that stands for `o`'s group (the first of its names), or `o` itself.
  std::uint32_t head(std::uint32_t o) const {
    return group_of_.empty() || group_of_[o] < 0
               ? o
               : groups_[static_cast<std::size_t>(group_of_[o])].ords.front();
  }
  // Adds each group's counts into its head, leaving its other names at 0, and returns the
  // reported value and label of each head.
  std::unordered_map<std::uint32_t, FacetValueCount> fold(
      std::vector<Xapian::doccount>& counts) const;

 private:
  struct Group {
    std::string value;                // the canonical name
    std::vector<std::uint32_t> ords;  // its names' ordinals, ascending
  };
  // Groups the ordinals of each company's names (values_ filled).
  void group_names(const CompanyGazetteer& names);
  // The group's reported value and label for `counts`, with its total.
  FacetValueCount group_count(const Group& g, const std::vector<Xapian::doccount>& counts) const;

  const schema::FieldSpec* field_;
  std::vector<std::string> values_;
  std::unordered_map<std::string, std::uint32_t> by_lower_;
  std::vector<std::uint32_t> offsets_;  // docid -> start in ords_; size last_docid + 2
  std::vector<std::uint32_t> ords_;
  std::vector<Group> groups_;
  std::vector<std::int32_t> group_of_;  // per ordinal, its group or -1 (empty: no groups)
};

}  // namespace newsdex
