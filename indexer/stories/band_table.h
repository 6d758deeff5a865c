// BandTable: the articles of one day filed under their LSH band keys, for finding candidates
// (story_index.h, shard_join.h). One flat array with open addressing and linear probing, an
// entry of 8 bytes (a band key and a docid) at most half full: about 16 bytes a key, where a
// hash map of vectors took about 100. A writer keeps up to kMaxArticlesInMemory articles'
// keys (20 each), so this is most of a build's memory for stories.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "indexer/stories/signature.h"

namespace newsdex::stories {

class BandTable {
 public:
  // Files `did` under `band` unless `cap` articles are filed there already.
  // REQUIRES: did != 0 (Xapian never gives 0; it marks an empty entry).
  void file(std::uint64_t band, Xapian::docid did, std::size_t cap) {
    if ((used_ + 1) * 2 > entries_.size()) grow();
    const auto key = static_cast<std::uint32_t>(band);
    std::size_t filed = 0;
    std::size_t i = slot(key);
    for (; entries_[i].did != 0; i = (i + 1) & mask()) {
      if (entries_[i].band == key && ++filed >= cap) return;
    }
    entries_[i] = {key, did};
    ++used_;
  }

  // Calls f(did) for each article filed under `band`, in the order they were filed.
  template <class F>
  void for_each(std::uint64_t band, F&& f) const {
    if (entries_.empty()) return;
    const auto key = static_cast<std::uint32_t>(band);
    for (std::size_t i = slot(key); entries_[i].did != 0; i = (i + 1) & mask()) {
      if (entries_[i].band == key) f(entries_[i].did);
    }
  }

 private:
  static_assert(kBandKeyBits == 32, "an entry holds a band key in 32 bits");
  struct Entry {
    std::uint32_t band = 0;
    Xapian::docid did = 0;  // 0: empty
  };
  std::size_t mask() const { return entries_.size() - 1; }
  std::size_t slot(std::uint32_t key) const { return (key * 0x9E3779B1U) & mask(); }
  // Doubles the array (64 entries at first). Entries are moved in array order starting after
  // an empty one, so those of one key keep the order they were filed in.
  void grow() {
    std::vector<Entry> old(entries_.empty() ? 64 : entries_.size() * 2);
    old.swap(entries_);
    std::size_t start = 0;
    while (start < old.size() && old[start].did != 0) ++start;
    for (std::size_t n = 0; n < old.size(); ++n) {
      const Entry& e = old[(start + n) % old.size()];
      if (e.did == 0) continue;
      std::size_t i = slot(e.band);
      while (entries_[i].did != 0) i = (i + 1) & mask();
      entries_[i] = e;
    }
  }
  std::vector<Entry> entries_;
  std::size_t used_ = 0;
};

}  // namespace newsdex::stories
