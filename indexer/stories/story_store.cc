#include "indexer/stories/story_store.h"

#include <nlohmann/json.hpp>

#include "core/dates.h"
#include "core/schema.h"

namespace newsdex::stories {

namespace {
const schema::FieldSpec& story_field() { return schema::field("story"); }
}  // namespace

Xapian::valueno story_slot() { return static_cast<Xapian::valueno>(story_field().value_slot); }
Xapian::valueno id_slot() { return static_cast<Xapian::valueno>(schema::field("id").value_slot); }
Xapian::valueno band_slot() {
  return static_cast<Xapian::valueno>(schema::field("storyband").value_slot);
}

std::string day_term(const std::optional<long>& day) {
  if (!day) return std::string(schema::field("storyband").prefix) + "u";
  return schema::term(schema::field("date"), Date::from_days_since_epoch(*day).iso());
}

std::string encode_bands(const BandKeys& bands) {
  constexpr int kBytes = kBandKeyBits / 8;
  std::string out;
  out.reserve(bands.size() * kBytes);
  for (auto b : bands) {
    for (int i = 0; i < kBytes; ++i, b >>= 8) out += static_cast<char>(b & 0xff);
  }
  return out;
}

std::optional<BandKeys> decode_bands(const std::string& v) {
  // Little-endian keys of kBandKeyBits / 8 bytes; or of 8 bytes, written before keys were cut
  // to kBandKeyBits, kBands of them or kWholeBands (before lead bands existed: those get keys
  // of their own). Old keys are cut as new ones are, so both kinds of value match.
  const std::size_t bytes = v.size() == kBands * kBandKeyBits / 8 ? kBandKeyBits / 8 : 8;
  if (v.size() != kBands * bytes && v.size() != kWholeBands * 8) return std::nullopt;
  BandKeys out{};
  const std::size_t stored = v.size() / bytes;
  for (std::size_t k = 0; k < stored; ++k) {
    for (std::size_t i = bytes; i-- > 0;) {
      out[k] = (out[k] << 8) | static_cast<unsigned char>(v[k * bytes + i]);
    }
  }
  for (std::size_t k = stored; k < out.size(); ++k)
    out[k] = lone_band_key(out, static_cast<int>(k));
  for (auto& k : out) k &= kBandKeyMask;
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

std::vector<Xapian::docid> postings(const Xapian::Database& db, const std::string& term) {
  std::vector<Xapian::docid> out;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.push_back(*p);
  return out;
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

void relabel(Xapian::WritableDatabase& db, const std::string& from, const std::string& to) {
  for (const auto did : postings(db, schema::term(story_field(), from))) set_story(db, did, to);
}

}  // namespace newsdex::stories
