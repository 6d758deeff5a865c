#include "searcher/ranking_features.h"

#include <cmath>
#include <cstdlib>

#include "core/errors.h"
#include "core/text.h"

namespace newsdex {

namespace {

bool on_off(const std::string& part, const std::string& value) {
  if (value == "on") return true;
  if (value == "off") return false;
  throw UsageError("--ranking: '" + part + "' must be on or off");
}

double number(const std::string& part, const std::string& value, double max) {
  char* end = nullptr;
  const double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(v) || v < 0 || v > max) {
    throw UsageError("--ranking: '" + part + "' must be a number from 0 to " +
                     std::to_string(static_cast<int>(max)));
  }
  return v;
}

}  // namespace

RankingFeatures parse_ranking_features(const std::string& spec) {
  RankingFeatures f;
  for (auto piece : text::split(spec, ',')) {
    const std::string part(text::trim(piece));
    if (part.empty()) continue;
    const auto eq = part.find('=');
    const std::string name = part.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
    if (name == "stopwords") {
      f.stopwords = on_off(part, value);
    } else if (name == "exact") {
      f.exact_boost = number(part, value, 10);
    } else if (name == "tiers") {
      f.all_words_first = on_off(part, value);
    } else if (name == "phrases") {
      f.phrase_bonus = on_off(part, value);
    } else if (name == "qtf") {
      f.query_tf_k3 = number(part, value, 1000);
    } else {
      throw UsageError("--ranking: unknown feature '" + part +
                       "' (stopwords=on|off, exact=N, tiers=on|off, qtf=K3, phrases=on|off)");
    }
  }
  return f;
}

}  // namespace newsdex
