#include "searcher/story_column.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>

#include "core/dates.h"
#include "core/schema.h"
#include "searcher/checked_postings.h"

namespace newsdex {

namespace {
// A story id (16 lower-case hex digits) as a number; false when `s` is not one.
bool parse_story_id(const std::string& s, std::uint64_t& out) {
  if (s.size() != 16) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return ec == std::errc() && ptr == s.data() + s.size();
}
}  // namespace

StoryColumn::StoryColumn(const Xapian::Database& db)
    : story_of_(static_cast<std::size_t>(db.get_lastdocid()) + 1, kNoStory) {
  // Each story id with its articles, sorted: an id's articles together, its first one leading.
  // (Sorting: a hash map of the ids took most of the build at a million articles.)
  std::vector<std::pair<std::uint64_t, Xapian::docid>> tagged;
  tagged.reserve(db.get_doccount());
  const auto story_slot = static_cast<Xapian::valueno>(schema::field("story").value_slot);
  for (auto v = db.valuestream_begin(story_slot); v != db.valuestream_end(story_slot); ++v) {
    std::uint64_t id = 0;
    if (!parse_story_id(*v, id)) continue;  // (not written by the indexer: a story of its own)
    tagged.emplace_back(id, checked_docid(v.get_docid(), db.get_lastdocid(), "story value"));
  }
  std::sort(tagged.begin(), tagged.end());
  // Each article's id group (ids ascending), then ordinals in the order of the groups' first
  // articles (as the ids first appear in the slot).
  std::vector<std::uint64_t> group_id;
  for (std::size_t i = 0; i < tagged.size(); ++i) {
    if (i == 0 || tagged[i].first != tagged[i - 1].first) group_id.push_back(tagged[i].first);
    story_of_[tagged[i].second] = static_cast<std::uint32_t>(group_id.size() - 1);
  }
  std::vector<std::uint32_t> ordinal_of(group_id.size(), kNoStory);
  ids_.reserve(group_id.size());
  for (auto& s : story_of_) {
    if (s == kNoStory) continue;
    if (ordinal_of[s] == kNoStory) {
      ordinal_of[s] = static_cast<std::uint32_t>(ids_.size());
      ids_.push_back(group_id[s]);
    }
    s = ordinal_of[s];
  }
  auto n = static_cast<std::uint32_t>(ids_.size());
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    const Xapian::docid d = checked_docid(*p, db.get_lastdocid(), "");
    if (story_of_[d] == kNoStory) story_of_[d] = n++;
  }
  // Members grouped by story (a counting sort: docids stay ascending within a story).
  offsets_.assign(std::size_t{n} + 1, 0);
  for (const auto s : story_of_) {
    if (s != kNoStory) ++offsets_[s + 1];
  }
  for (std::size_t s = 0; s < n; ++s) offsets_[s + 1] += offsets_[s];
  members_.resize(offsets_[n]);
  shared_ = DocSet(static_cast<Xapian::docid>(story_of_.size()));
  std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
  for (Xapian::docid d = 0; d < story_of_.size(); ++d) {
    const auto s = story_of_[d];
    if (s == kNoStory) continue;
    members_[next[s]++] = d;
    if (size(s) > 1) shared_.add(d);
  }
  first_day_.assign(n, kUndated);
  const auto date_slot = static_cast<Xapian::valueno>(schema::field("date").value_slot);
  for (auto v = db.valuestream_begin(date_slot); v != db.valuestream_end(date_slot); ++v) {
    const auto s = story(checked_docid(v.get_docid(), db.get_lastdocid(), "date value"));
    const auto day = parse_iso_date(*v);
    if (s == kNoStory || !day) continue;
    const auto d = static_cast<std::int32_t>(day->days_since_epoch());
    if (first_day_[s] == kUndated || d < first_day_[s]) first_day_[s] = d;
  }
}

std::string StoryColumn::id(std::uint32_t s) const {
  if (s >= ids_.size()) return "";
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(ids_[s]));
  return buf;
}

}  // namespace newsdex
