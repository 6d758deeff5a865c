#include "indexer/stories/story_index.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "core/schema.h"
#include "indexer/stories/story_store.h"

namespace newsdex::stories {

namespace {

const schema::FieldSpec& story_field() { return schema::field("story"); }

// The days whose articles an article of `day` may duplicate.
std::vector<std::optional<long>> days_around(const std::optional<long>& day) {
  if (!day) return {std::nullopt};
  std::vector<std::optional<long>> out;
  for (long d = *day - kMaxDaysApart; d <= *day + kMaxDaysApart; ++d) out.emplace_back(d);
  return out;
}

// Union-find over indexes 0..n-1.
struct Components {
  std::vector<std::size_t> parent;
  explicit Components(std::size_t n) : parent(n) {
    std::iota(parent.begin(), parent.end(), std::size_t{0});
  }
  std::size_t find(std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

StoryIndex::StoryIndex(Xapian::WritableDatabase& db, std::size_t max_articles)
    : db_(db), max_articles_(max_articles > 0 ? max_articles : kMaxArticlesInMemory) {}

void StoryIndex::add_terms(Xapian::Document& doc, const Signature& sig, const std::string& story) {
  doc.add_value(band_slot(), encode_bands(sig.bands));
  if (!sig.day) doc.add_boolean_term(day_term(sig.day));
  doc.add_boolean_term(schema::term(story_field(), story));
  doc.add_value(story_slot(), story);
}

StoryIndex::Day& StoryIndex::day(const std::optional<long>& d) {
  auto [it, fresh] = days_.try_emplace(d);
  Day& held = it->second;
  held.used = clock_;
  if (!fresh) return held;
  for (const auto did : postings(db_, day_term(d))) {
    if (const auto bands = decode_bands(db_.get_document(did).get_value(band_slot()))) {
      for (const auto band : *bands) held.bands.file(band, did, kMaxBucket);
      ++held.articles;
    }
  }
  filed_ += held.articles;
  return held;
}

void StoryIndex::trim() {
  while (filed_ > max_articles_) {
    auto oldest = days_.end();
    for (auto it = days_.begin(); it != days_.end(); ++it) {
      if (it->second.used < clock_ &&
          (oldest == days_.end() || it->second.used < oldest->second.used)) {
        oldest = it;
      }
    }
    if (oldest == days_.end()) return;  // every day held is one the current article needs
    filed_ -= oldest->second.articles;
    days_.erase(oldest);
  }
}

std::vector<Xapian::docid> StoryIndex::candidates(const Signature& sig, Xapian::docid exclude) {
  ++clock_;
  std::vector<Xapian::docid> out;
  for (const auto& d : days_around(sig.day)) {
    const Day& held = day(d);
    for (const auto band : sig.bands) {
      held.bands.for_each(band, [&](Xapian::docid did) { out.push_back(did); });
    }
  }
  trim();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), exclude), out.end());
  return out;
}

const Signature& StoryIndex::signature_at(const Xapian::Document& doc, Xapian::docid did) {
  if (const auto it = recent_.find(did); it != recent_.end()) return it->second;
  if (recent_.size() >= 8192) recent_.clear();
  return recent_.emplace(did, signature_of(doc)).first->second;
}

std::string StoryIndex::resolve(const Signature& sig, const std::string& key,
                                Xapian::docid replacing) {
  std::set<std::string> joined;
  for (const auto did : candidates(sig, replacing)) {
    Xapian::Document doc;
    try {
      doc = db_.get_document(did);
    } catch (const Xapian::DocNotFoundError&) {
      continue;  // deleted since the in-memory index filed it
    }
    std::string story = doc.get_value(story_slot());
    if (joined.count(story) != 0) continue;  // already joined through another member
    // A docid filed in memory may hold a newer version now: same_story checks the bands again.
    if (same_story(sig, signature_at(doc, did))) joined.insert(std::move(story));
  }
  joined.erase("");
  std::string story = key;
  if (!joined.empty()) story = std::min(story, *joined.begin());
  for (const auto& s : joined) {
    if (s != story) relabel(db_, s, story);
  }
  return story;
}

void StoryIndex::added(Xapian::docid did, const Signature& sig) {
  recent_.erase(did);
  Day& held = day(sig.day);  // in memory: candidates() read it for this article
  for (const auto band : sig.bands) held.bands.file(band, did, kMaxBucket);
  ++held.articles;
  ++filed_;
}

void StoryIndex::detach(Xapian::docid did) {
  recent_.erase(did);
  const std::string story = db_.get_document(did).get_value(story_slot());
  if (story.empty()) return;
  std::vector<Xapian::docid> rest = postings(db_, schema::term(story_field(), story));
  rest.erase(std::remove(rest.begin(), rest.end(), did), rest.end());
  if (rest.empty() || rest.size() > kMaxStoryToSplit) return;
  std::vector<Signature> sigs;
  std::vector<std::string> keys;
  for (const auto m : rest) {
    const Xapian::Document doc = db_.get_document(m);
    sigs.push_back(signature_of(doc));
    keys.push_back(article_key(doc.get_value(id_slot())));
  }
  Components c(rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i) {
    for (std::size_t j = i + 1; j < rest.size(); ++j) {
      if (c.find(i) != c.find(j) && same_story(sigs[i], sigs[j])) c.join(i, j);
    }
  }
  std::map<std::size_t, std::string> smallest;  // component root -> smallest key
  for (std::size_t i = 0; i < rest.size(); ++i) {
    auto [it, fresh] = smallest.emplace(c.find(i), keys[i]);
    if (!fresh) it->second = std::min(it->second, keys[i]);
  }
  for (std::size_t i = 0; i < rest.size(); ++i) set_story(db_, rest[i], smallest[c.find(i)]);
}

}  // namespace newsdex::stories
