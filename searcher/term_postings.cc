#include "searcher/term_postings.h"

#include "core/ranking.h"

namespace newsdex {

std::size_t TermPostings::bytes() const {
  return sizeof(TermPostings) + docids.capacity() * sizeof(Xapian::docid) + wdf.capacity() +
         blocks.last.capacity() * (sizeof(Xapian::docid) + sizeof(Xapian::termcount) + 4);
}

TermPostings TermPostings::read(const Xapian::Database& db, const std::string& term,
                                Xapian::doccount keep_at_most) {
  TermPostings p;
  TermBlocks& b = p.blocks;
  const Xapian::doccount n = term.empty() ? db.get_doccount() : db.get_termfreq(term);
  p.termfreq = n;
  bool keep = n <= keep_at_most;
  if (keep) {
    p.docids.reserve(n);
    p.wdf.reserve(n);
  }
  std::size_t i = 0;
  const Xapian::docid last = db.get_lastdocid();
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it, ++i) {
    const Xapian::docid d = checked_docid(*it, last, term);
    const Xapian::termcount w = it.get_wdf();
    if (i % TermBlocks::kSize == 0) {
      b.last.push_back(0);
      b.max_wdf.push_back(0);
    }
    b.last.back() = d;
    b.max_wdf.back() = std::max(b.max_wdf.back(), w);
    b.max = std::max(b.max, w);
    if (keep && w > std::numeric_limits<std::uint8_t>::max()) keep = false;
    if (keep) {
      p.docids.push_back(d);
      p.wdf.push_back(static_cast<std::uint8_t>(w));
    }
  }
  if (!keep) {
    p.docids = {};
    p.wdf = {};
  }
  b.order.resize(b.last.size());
  for (std::uint32_t k = 0; k < b.order.size(); ++k) b.order[k] = k;
  std::stable_sort(b.order.begin(), b.order.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return b.max_wdf[x] > b.max_wdf[y]; });
  return p;
}

TermCursor::TermCursor(const Xapian::Database& db, std::string term,
                       std::shared_ptr<const TermPostings> list, double factor)
    : db_(&db), term_(std::move(term)), list_(std::move(list)) {
  in_memory_ = list_ && list_->kept();
  n_ = list_ ? list_->termfreq : term_.empty() ? db.get_doccount() : db.get_termfreq(term_);
  // As ImpactWeight scores it (MatchAll scores nothing).
  per_wdf_ = term_.empty() ? 0.0 : ranking::weight_per_wdf(n_, db.get_doccount(), factor);
  last_ = db.get_lastdocid();
  if (!in_memory_) it_ = db_->postlist_begin(term_);
}

void TermCursor::restart() {
  did_ = 0;
  i_ = 0;
  if (!in_memory_) it_ = db_->postlist_begin(term_);
}

}  // namespace newsdex
