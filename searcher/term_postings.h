// One term's posting list, kept decoded in memory or read through Xapian, and the one cursor
// type that the ranking walk (walk.cc) and the pruned top-k (pruned.cc) read it with.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "searcher/checked_postings.h"

namespace newsdex {

// Past the last document: where a cursor stands when its list is exhausted.
inline constexpr Xapian::docid kEndDocid = std::numeric_limits<Xapian::docid>::max();

// Block maxima of one term's posting list: for each run of kSize postings, its last docid and
// its highest stored impact (wdf). What Lucene keeps in its skip data; Xapian 1.4's format has
// no room for it, so it is built from the posting list the first time a pruned ranking needs
// it and kept for the database revision (RevisionState::postings).
struct TermBlocks {
  static constexpr std::size_t kSize = 512;
  std::vector<Xapian::docid> last;
  std::vector<Xapian::termcount> max_wdf;
  std::vector<std::uint32_t> order;  // block numbers by max_wdf descending, then docid
  Xapian::termcount max = 0;         // over the whole list
};

// One term's posting list read once and kept decoded in memory, as Lucene keeps its postings in
// mmapped files: a skip is then a search in an array, not a B-tree read and a chunk decode
// through Xapian. Stored impacts fit a byte (at most (k1 + 1) x kImpactScale = 110).
struct TermPostings {
  std::vector<Xapian::docid> docids;  // ascending; empty when not kept (see read())
  std::vector<std::uint8_t> wdf;      // docids[i]'s stored impact
  Xapian::doccount termfreq = 0;      // the list's length, kept or not
  TermBlocks blocks;
  bool kept() const { return !docids.empty(); }
  std::size_t bytes() const;
  // Reads `term`'s list; keeps the postings when there are at most `keep_at_most` of them and
  // every wdf fits a byte (else only the block maxima: a cursor then reads through Xapian).
  static TermPostings read(const Xapian::Database& db, const std::string& term,
                           Xapian::doccount keep_at_most);
};

// A cursor over one term's postings in docid order, scoring each as ImpactWeight does (idf x
// stored impact x the query's weight factor). Reads from memory when `list` holds the postings,
// else through Xapian. Starts before the first posting (docid() == 0); kEndDocid when
// exhausted. The empty term is every document (MatchAll), scoring nothing.
class TermCursor {
 public:
  // `list` may be null (read through Xapian; no block maxima), or hold only the block maxima.
  TermCursor(const Xapian::Database& db, std::string term, std::shared_ptr<const TermPostings> list,
             double factor);

  Xapian::docid docid() const { return did_; }
  // The list's length (the term frequency).
  Xapian::doccount termfreq() const { return n_; }
  // What one unit of stored impact scores; score() = per_wdf() x wdf().
  double per_wdf() const { return per_wdf_; }
  double score() const { return per_wdf_ == 0 ? 0 : per_wdf_ * wdf(); }
  // The list's block maxima; only when constructed with a list.
  const TermBlocks& blocks() const { return list_->blocks; }

  void next() {
    if (did_ == kEndDocid) return;
    if (in_memory_) {
      const auto& d = list_->docids;
      if (did_ != 0) ++i_;
      did_ = i_ < d.size() ? d[i_] : kEndDocid;
    } else {
      if (did_ != 0) ++it_;
      did_ = it_ == end_ ? kEndDocid : checked_docid(*it_, last_, term_);
    }
  }
  // To the first posting >= target; does not move when already there.
  void skip_to(Xapian::docid target) {
    if (did_ >= target) return;
    if (!in_memory_) {
      it_.skip_to(target);
      did_ = it_ == end_ ? kEndDocid : checked_docid(*it_, last_, term_);
      return;
    }
    // Galloping search from the current posting: short skips cost a few compares.
    const auto& d = list_->docids;
    std::size_t lo = did_ == 0 ? 0 : i_ + 1, hi = lo, step = 1;
    while (hi < d.size() && d[hi] < target) {
      lo = hi + 1;
      hi = lo + step;
      step <<= 1;
    }
    const auto stop = d.begin() + static_cast<std::ptrdiff_t>(std::min(hi, d.size()));
    i_ = static_cast<std::size_t>(
        std::lower_bound(d.begin() + static_cast<std::ptrdiff_t>(lo), stop, target) - d.begin());
    did_ = i_ < d.size() ? d[i_] : kEndDocid;
  }
  // The current posting's stored impact.
  Xapian::termcount wdf() const { return in_memory_ ? list_->wdf[i_] : it_.get_wdf(); }
  // Back to before the first posting.
  void restart();

 private:
  const Xapian::Database* db_;
  std::string term_;
  std::shared_ptr<const TermPostings> list_;
  bool in_memory_ = false;  // list_ holds the postings; else read through it_
  std::size_t i_ = 0;       // list_->docids[i_] is the current posting
  Xapian::PostingIterator it_, end_;
  Xapian::docid did_ = 0;
  Xapian::docid last_ = 0;  // the database's last id: read postings are checked against it
  Xapian::doccount n_ = 0;
  double per_wdf_ = 0;
};

}  // namespace newsdex
