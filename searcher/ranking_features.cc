#include "searcher/ranking_features.h"

#include "core/errors.h"
#include "core/settings.h"

namespace newsdex {

namespace {

bool on_off(const settings::Setting& s) {
  if (s.value == "on") return true;
  if (s.value == "off") return false;
  throw UsageError("--ranking: '" + s.part + "' must be on or off");
}

}  // namespace

RankingFeatures parse_ranking_features(const std::string& spec) {
  RankingFeatures f;
  for (const auto& s : settings::split(spec)) {
    if (s.name == "stopwords") {
      f.stopwords = on_off(s);
    } else if (s.name == "exact") {
      f.exact_boost = settings::number("--ranking", s, 0, 10);
    } else if (s.name == "tiers") {
      f.all_words_first = on_off(s);
    } else if (s.name == "phrases") {
      f.phrase_bonus = on_off(s);
    } else if (s.name == "near") {
      f.proximity = settings::number("--ranking", s, 0, 10);
    } else if (s.name == "qtf") {
      f.query_tf_k3 = settings::number("--ranking", s, 0, 1000);
    } else {
      throw UsageError(
          "--ranking: unknown feature '" + s.part +
          "' (stopwords=on|off, exact=N, tiers=on|off, qtf=K3, phrases=on|off, near=SHARE)");
    }
  }
  return f;
}

}  // namespace newsdex
