// DocSet: a set of document ids as a bitmap over 1..last_docid, with the set operations the
// count-only pass needs. A million documents take 128 KiB.
#pragma once

#include <xapian.h>

#include <bit>
#include <cstdint>
#include <vector>

namespace newsdex {

class DocSet {
 public:
  explicit DocSet(Xapian::docid max_docid = 0) : words_((max_docid >> 6) + 1, 0) {}

  void add(Xapian::docid d) { words_[d >> 6] |= std::uint64_t{1} << (d & 63); }
  bool contains(Xapian::docid d) const {
    return (d >> 6) < words_.size() && (words_[d >> 6] >> (d & 63) & 1) != 0;
  }
  // Every document 1..max_docid (including deleted ids: intersect with real postings).
  void fill(Xapian::docid max_docid) {
    for (Xapian::docid d = 1; d <= max_docid; ++d) add(d);
  }
  DocSet& operator&=(const DocSet& o) {
    for (std::size_t i = 0; i < words_.size(); ++i)
      words_[i] &= i < o.words_.size() ? o.words_[i] : 0;
    return *this;
  }
  DocSet& operator|=(const DocSet& o) {
    for (std::size_t i = 0; i < words_.size() && i < o.words_.size(); ++i) words_[i] |= o.words_[i];
    return *this;
  }
  DocSet& operator^=(const DocSet& o) {
    for (std::size_t i = 0; i < words_.size() && i < o.words_.size(); ++i) words_[i] ^= o.words_[i];
    return *this;
  }
  DocSet& subtract(const DocSet& o) {
    for (std::size_t i = 0; i < words_.size() && i < o.words_.size(); ++i)
      words_[i] &= ~o.words_[i];
    return *this;
  }
  // The smallest member >= d, or 0 when there is none.
  Xapian::docid next_member(Xapian::docid d) const {
    std::size_t i = d >> 6;
    if (i >= words_.size()) return 0;
    std::uint64_t w = words_[i] & (~std::uint64_t{0} << (d & 63));
    while (w == 0) {
      if (++i == words_.size()) return 0;
      w = words_[i];
    }
    return static_cast<Xapian::docid>((i << 6) | static_cast<std::size_t>(std::countr_zero(w)));
  }
  Xapian::doccount count() const {
    Xapian::doccount n = 0;
    for (const auto w : words_) n += static_cast<Xapian::doccount>(std::popcount(w));
    return n;
  }
  // Calls f(docid) for each member in increasing order.
  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      std::uint64_t w = words_[i];
      while (w != 0) {
        const int bit = std::countr_zero(w);
        f(static_cast<Xapian::docid>((i << 6) | static_cast<std::size_t>(bit)));
        w &= w - 1;
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace newsdex
