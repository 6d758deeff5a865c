#include "core/schema.h"

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

namespace {
// Dates are written with dashes for people and without them in terms.
std::string strip_dashes(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c != '-') out += c;
  }
  return out;
}
}  // namespace

std::string term(const FieldSpec& f, std::string_view value) {
  std::string t(f.prefix);
  if (f.name == "month" || f.name == "date") {
    t += strip_dashes(value);
  } else {
    t += value;
  }
  return text::truncate_utf8(t, kMaxTermBytes);
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
