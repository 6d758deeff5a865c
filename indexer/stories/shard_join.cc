#include "indexer/stories/shard_join.h"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/dates.h"
#include "core/schema.h"
#include "indexer/stories/band_table.h"
#include "indexer/stories/story_index.h"
#include "indexer/stories/story_store.h"

namespace newsdex::stories {

namespace {

// One article of the window: where it lives, its story, and its signature once needed.
struct Member {
  std::size_t shard = 0;
  std::string story;
  std::optional<Signature> signature;
};

// The articles of one day in the window, filed under their band keys.
struct Day {
  BandTable bands;
  std::unordered_map<Xapian::docid, Member> members;
};

// Union-find over story ids; a root is the smallest id of its set.
class StoryUnion {
 public:
  std::string find(const std::string& s) {
    std::string root = s;
    for (auto it = parent_.find(root); it != parent_.end(); it = parent_.find(root)) {
      root = it->second;
    }
    return root;
  }
  void join(const std::string& a, const std::string& b) {
    const std::string ra = find(a), rb = find(b);
    if (ra == rb) return;
    parent_[std::max(ra, rb)] = std::min(ra, rb);
  }
  // Every story that was joined into another, with the id it takes now.
  std::map<std::string, std::string> renames() {
    std::map<std::string, std::string> out;
    for (const auto& [story, up] : parent_) out[story] = find(up);
    return out;
  }

 private:
  std::map<std::string, std::string> parent_;  // a story -> one it was joined into
};

class Walk {
 public:
  explicit Walk(std::vector<Xapian::WritableDatabase>& shards) : count_(shards.size()) {
    for (auto& s : shards) all_.add_database(s);
  }

  void run() {
    const std::string prefix(schema::field("date").prefix);
    for (auto t = all_.allterms_begin(prefix); t != all_.allterms_end(prefix); ++t) {
      const auto d = parse_iso_date(schema::value_of_term(schema::field("date"), *t));
      if (!d) continue;
      const long day = d->days_since_epoch();
      while (!window_.empty() && window_.begin()->first < day - kMaxDaysApart) {
        window_.erase(window_.begin());
      }
      visit(day, *t);
    }
    window_.clear();
    visit(std::nullopt, day_term(std::nullopt));  // undated articles match undated ones only
  }

  StoryUnion stories;

 private:
  void visit(const std::optional<long>& day, const std::string& term) {
    Day today;
    for (const auto did : postings(all_, term)) {
      const Xapian::Document doc = all_.get_document(did);
      const auto bands = decode_bands(doc.get_value(band_slot()));
      if (!bands) continue;
      Member& me = today.members[did];
      me.shard = (did - 1) % count_;
      me.story = doc.get_value(story_slot());
      rejected_.clear();
      for (const auto band : *bands) {
        compare(did, me, today, band);
        for (auto& [d, earlier] : window_) compare(did, me, earlier, band);
        today.bands.file(band, did, kMaxBucket * count_);
      }
    }
    if (day) window_[*day] = std::move(today);
  }

  // Checks `did` against the articles of `day` filed under `band`.
  void compare(Xapian::docid did, Member& me, Day& day, std::uint64_t band) {
    day.bands.for_each(band, [&](Xapian::docid other) {
      Member& them = day.members.at(other);
      if (them.shard == me.shard || me.story.empty() || them.story.empty()) return;
      if (stories.find(me.story) == stories.find(them.story)) return;
      if (!rejected_.insert(other).second) return;
      if (same_story(signature(did, me), signature(other, them))) {
        stories.join(me.story, them.story);
      }
    });
  }

  const Signature& signature(Xapian::docid did, Member& m) {
    if (!m.signature) m.signature = signature_of(all_.get_document(did));
    return *m.signature;
  }

  Xapian::Database all_;
  std::size_t count_;
  std::map<long, Day> window_;                  // the days before the one being visited
  std::unordered_set<Xapian::docid> rejected_;  // pairs of the current article found apart
};

}  // namespace

std::size_t join_stories_across_shards(std::vector<Xapian::WritableDatabase>& shards) {
  if (shards.size() < 2) return 0;
  Walk walk(shards);
  walk.run();
  const auto renames = walk.stories.renames();
  for (const auto& [from, to] : renames) {
    for (auto& shard : shards) relabel(shard, from, to);
  }
  return renames.size();
}

}  // namespace newsdex::stories
