#include "indexer/stories/story_index.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

#include "core/dates.h"
#include "core/schema.h"

namespace newsdex::stories {

namespace {

const schema::FieldSpec& story_field() { return schema::field("story"); }
Xapian::valueno story_slot() { return static_cast<Xapian::valueno>(story_field().value_slot); }
Xapian::valueno id_slot() { return static_cast<Xapian::valueno>(schema::field("id").value_slot); }

Xapian::valueno band_slot() {
  return static_cast<Xapian::valueno>(schema::field("storyband").value_slot);
}

// The term that lists the articles of `day` (their date term, or the undated marker).
std::string day_term(const std::optional<long>& day) {
  if (!day) return std::string(schema::field("storyband").prefix) + "u";
  return schema::term(schema::field("date"), Date::from_days_since_epoch(*day).iso());
}

std::string encode_bands(const BandKeys& bands) {
  std::string out;
  out.reserve(bands.size() * 8);
  for (auto b : bands) {
    for (int i = 0; i < 8; ++i, b >>= 8) out += static_cast<char>(b & 0xff);
  }
  return out;
}

std::optional<BandKeys> decode_bands(const std::string& v) {
  if (v.size() != kBands * 8) return std::nullopt;
  BandKeys out{};
  for (std::size_t k = 0; k < out.size(); ++k) {
    for (int i = 7; i >= 0; --i) {
      out[k] = (out[k] << 8) | static_cast<unsigned char>(v[k * 8 + static_cast<std::size_t>(i)]);
    }
  }
  return out;
}

// The key under which the in-memory index files a band of an article of `day`.
std::uint64_t session_key(std::uint64_t band, const std::optional<long>& day) {
  const auto d = day ? static_cast<std::uint64_t>(*day) + 1 : 0;
  return band ^ (d * 0x9e3779b97f4a7c15ULL);
}

// The days whose articles an article of `day` may duplicate.
std::vector<std::optional<long>> days_around(const std::optional<long>& day) {
  if (!day) return {std::nullopt};
  std::vector<std::optional<long>> out;
  for (long d = *day - kMaxDaysApart; d <= *day + kMaxDaysApart; ++d) out.emplace_back(d);
  return out;
}

Signature signature_of(const Xapian::Document& doc) {
  const auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
  auto get = [&](const char* key) {
    const auto it = j.is_object() ? j.find(key) : j.end();
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return make_signature(get("title"), get("body"), get("date"));
}

void set_story(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& story) {
  Xapian::Document doc = db.get_document(did);
  const std::string old = doc.get_value(story_slot());
  if (old == story) return;
  if (!old.empty()) doc.remove_term(schema::term(story_field(), old));
  doc.add_boolean_term(schema::term(story_field(), story));
  doc.add_value(story_slot(), story);
  auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
  if (j.is_object()) {
    j["story"] = story;
    doc.set_data(j.dump());
  }
  db.replace_document(did, doc);
}

std::vector<Xapian::docid> postings(const Xapian::Database& db, const std::string& term) {
  std::vector<Xapian::docid> out;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.push_back(*p);
  return out;
}

void relabel(Xapian::WritableDatabase& db, const std::string& from, const std::string& to) {
  for (const auto did : postings(db, schema::term(story_field(), from))) set_story(db, did, to);
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

StoryIndex::StoryIndex(Xapian::WritableDatabase& db)
    : db_(db), database_was_empty_(db.get_doccount() == 0) {}

void StoryIndex::add_terms(Xapian::Document& doc, const Signature& sig, const std::string& story) {
  doc.add_value(band_slot(), encode_bands(sig.bands));
  if (!sig.day) doc.add_boolean_term(day_term(sig.day));
  doc.add_boolean_term(schema::term(story_field(), story));
  doc.add_value(story_slot(), story);
}

void StoryIndex::load_day(const std::optional<long>& day) {
  if (database_was_empty_ || !loaded_days_.insert(day).second) return;
  for (const auto did : postings(db_, day_term(day))) {
    if (const auto bands = decode_bands(db_.get_document(did).get_value(band_slot()))) {
      for (const auto band : *bands) file(session_key(band, day), did);
    }
  }
}

std::vector<Xapian::docid> StoryIndex::candidates(const Signature& sig, Xapian::docid exclude) {
  std::vector<Xapian::docid> out;
  for (const auto& day : days_around(sig.day)) {
    load_day(day);
    for (const auto band : sig.bands) {
      const auto it = bands_.find(session_key(band, day));
      if (it != bands_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
  }
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
  for (const auto band : sig.bands) file(session_key(band, sig.day), did);
}

void StoryIndex::file(std::uint64_t key, Xapian::docid did) {
  auto& docs = bands_[key];
  if (docs.size() < kMaxBucket) docs.push_back(did);
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

std::size_t resolve_stories_across_shards(Xapian::WritableDatabase& db) {
  // Candidate pairs: articles sharing a band key on days close enough. The days are walked in
  // order, keeping the band keys of the last kMaxDaysApart + 1 days in memory.
  std::set<std::pair<Xapian::docid, Xapian::docid>> pairs;
  std::map<long, std::unordered_map<std::uint64_t, std::vector<Xapian::docid>>> window;
  auto pair_day = [&](const std::optional<long>& day) {
    std::unordered_map<std::uint64_t, std::vector<Xapian::docid>> today;
    for (const auto did : postings(db, day_term(day))) {
      const auto bands = decode_bands(db.get_document(did).get_value(band_slot()));
      if (!bands) continue;
      for (const auto band : *bands) {
        auto note = [&](const std::vector<Xapian::docid>& others) {
          for (const auto o : others) {
            if (o != did) pairs.emplace(std::min(o, did), std::max(o, did));
          }
        };
        if (const auto it = today.find(band); it != today.end()) note(it->second);
        for (const auto& [d, keys] : window) {
          if (const auto it = keys.find(band); it != keys.end()) note(it->second);
        }
        today[band].push_back(did);
      }
    }
    return today;
  };
  const std::string date_prefix(schema::field("date").prefix);
  for (auto t = db.allterms_begin(date_prefix); t != db.allterms_end(date_prefix); ++t) {
    const auto d = parse_iso_date(schema::value_of_term(schema::field("date"), *t));
    if (!d) continue;
    const long day = d->days_since_epoch();
    while (!window.empty() && window.begin()->first < day - kMaxDaysApart) {
      window.erase(window.begin());
    }
    window[day] = pair_day(day);
  }
  pair_day(std::nullopt);
  // Join the stories of verified pairs; each merged story takes the smallest id.
  std::map<std::string, std::string> parent;
  auto find = [&](std::string s) {
    for (auto it = parent.find(s); it != parent.end() && it->second != s; it = parent.find(s)) {
      s = it->second;
    }
    return s;
  };
  for (const auto& [a, b] : pairs) {
    const Xapian::Document da = db.get_document(a), dbb = db.get_document(b);
    const std::string ra = find(da.get_value(story_slot())), rb = find(dbb.get_value(story_slot()));
    if (ra == rb || ra.empty() || rb.empty()) continue;
    if (!same_story(signature_of(da), signature_of(dbb))) continue;
    parent[std::max(ra, rb)] = std::min(ra, rb);
  }
  std::size_t merged = 0;
  for (const auto& [story, up] : parent) {
    relabel(db, story, find(story));
    ++merged;
  }
  return merged;
}

}  // namespace newsdex::stories
