// "name=value,name=value" lists of constants (`index --bm25`, `eval --ranking`): one reading of
// the list and of a number in it, each error naming the flag and the part.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/text.h"

namespace newsdex::settings {

struct Setting {
  std::string part, name, value;  // "k1=1.6", "k1", "1.6" (value "" when there is no '=')
};

// The non-empty parts of `spec`, trimmed, split at their first '='.
inline std::vector<Setting> split(const std::string& spec) {
  std::vector<Setting> out;
  for (auto piece : text::split(spec, ',')) {
    std::string part(text::trim(piece));
    if (part.empty()) continue;
    const auto eq = part.find('=');
    std::string name = part.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
    out.push_back({std::move(part), std::move(name), std::move(value)});
  }
  return out;
}

// The setting's value as a finite number in [min, max]; else UsageError naming `flag`.
inline double number(const std::string& flag, const Setting& s, double min, double max) {
  char* end = nullptr;
  const double v = std::strtod(s.value.c_str(), &end);
  if (s.value.empty() || *end != '\0' || !std::isfinite(v) || v < min || v > max) {
    char range[64];
    std::snprintf(range, sizeof range, "%g to %g", min, max);
    throw UsageError(flag + ": '" + s.part + "' needs a number from " + range);
  }
  return v;
}

}  // namespace newsdex::settings
