#include "core/schema.h"

#include <cstdint>
#include <cstdio>

#include "core/errors.h"
#include "core/text.h"

namespace newsdex::schema {

const FieldSpec* find_field(std::string_view name) {
  for (const auto& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FieldSpec& field(std::string_view name) {
  if (const auto* f = find_field(name)) return *f;
  std::string known;
  for (const auto& f : kFields) {
    if (!known.empty()) known += ", ";
    known += f.name;
  }
  throw UsageError("unknown field '" + std::string(name) + "' (known fields: " + known + ")");
}

std::string facet_field_names() {
  std::string out;
  for (const auto& f : kFields) {
    if (!f.has(kFacet)) continue;
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

unsigned facet_slot(const FieldSpec& f, unsigned i) {
  const auto index = static_cast<unsigned>(&f - kFields.data());
  return kFacetSlotBase + index * kMaxFacetSlots + i;
}

namespace {
// Dates are written with dashes for people and without them in terms.
std::string strip_dashes(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c != '-') out += c;
  }
  return out;
}

// 128 bits from two 64-bit FNV-1a passes (forward and backward) with a final mix. Not a
// cryptographic hash: writers compare the stored full value, so a collision is caught.
std::string hash_hex(std::string_view v) {
  auto mix = [](std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
  };
  std::uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL ^ v.size();
  for (std::size_t i = 0; i < v.size(); ++i) {
    a = (a ^ static_cast<unsigned char>(v[i])) * 0x100000001b3ULL;
    b = (b ^ static_cast<unsigned char>(v[v.size() - 1 - i])) * 0x100000001b3ULL;
  }
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(mix(a)),
                static_cast<unsigned long long>(mix(b)));
  return out;
}
}  // namespace

std::string normalize_value(const FieldSpec& f, std::string_view value) {
  if (f.name == "id") return std::string(value);
  return text::squeeze_spaces(value);
}

std::string term(const FieldSpec& f, std::string_view value) {
  std::string t(f.prefix);
  if (f.name == "month" || f.name == "date") {
    t += strip_dashes(value);
  } else {
    t += normalize_value(f, value);
  }
  if (t.size() <= kMaxTermBytes) return t;
  const std::string hash = hash_hex(std::string_view(t).substr(f.prefix.size()));
  return text::truncate_utf8(t, kMaxTermBytes - hash.size() - 1) + "#" + hash;
}

std::string value_of_term(const FieldSpec& f, std::string_view term) {
  std::string_view v = term.substr(std::min(f.prefix.size(), term.size()));
  if (f.name == "month" && v.size() == 6) {
    return std::string(v.substr(0, 4)) + "-" + std::string(v.substr(4));
  }
  if (f.name == "date" && v.size() == 8) {
    return std::string(v.substr(0, 4)) + "-" + std::string(v.substr(4, 2)) + "-" +
           std::string(v.substr(6));
  }
  return std::string(v);
}

}  // namespace newsdex::schema
