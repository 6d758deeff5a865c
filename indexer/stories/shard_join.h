// Joining the stories of a build split over shards: each shard's writer grouped the near
// duplicates it saw; copies of one story that went to different shards are found here, before
// the shards are merged, so the merged database is compacted once with its stories complete.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

namespace newsdex::stories {

// Reads the shards as one database (Xapian numbers document k of shard s as
// (k - 1) * shards + s + 1), walking the days in date order and keeping in memory only the
// band keys, stories and signatures of the last kMaxDaysApart + 1 days: memory is bounded by
// the articles of a few days, not by the archive. A candidate pair (a shared band key) is
// checked with same_story() only when its articles are in different shards and not yet in one
// story. Joined stories take the smallest id, as the one-writer StoryIndex names them; the
// shards are relabelled, not committed. Returns how many stories were merged into others.
std::size_t join_stories_across_shards(std::vector<Xapian::WritableDatabase>& shards);

}  // namespace newsdex::stories
