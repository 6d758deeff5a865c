#include "core/ranking.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "core/settings.h"

namespace newsdex::ranking {

Xapian::termcount impact_wdf(Xapian::termcount tf, Xapian::termcount length, double average_length,
                             const Params& params) {
  if (tf == 0) return 0;
  const double k1 = params.k1, b = params.b;
  const double norm = 1 - b + b * static_cast<double>(length) / average_length;
  const double impact = (k1 + 1) * tf / (tf + k1 * norm);
  return static_cast<Xapian::termcount>(std::max(1L, std::lround(impact * kImpactScale)));
}

namespace {
// Terms with a prefix start with a capital letter (schema conventions, Z for stems).
bool unprefixed(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}
}  // namespace

Xapian::termcount document_length(const Xapian::Document& raw) {
  Xapian::termcount length = 0;
  for (auto t = raw.termlist_begin(); t != raw.termlist_end(); ++t) {
    if (unprefixed(*t)) length += t.get_wdf();
  }
  return length;
}

void set_impacts(Xapian::Document& doc, double average_length, const Params& params,
                 bool headline_only) {
  Xapian::termcount length = document_length(doc);
  if (headline_only && params.headline_length > 0) {
    const double as_if = params.headline_length * average_length;
    length = std::max(length, static_cast<Xapian::termcount>(std::lround(as_if)));
  }
  // Raised in place: positions stay where TermGenerator put them. An impact is almost always
  // at least the raw frequency (it is kImpactScale for one occurrence); a lower one (a word
  // hundreds of times in a long text) is rewritten with its positions.
  std::vector<std::pair<std::string, Xapian::termcount>> lower;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const Xapian::termcount wdf = t.get_wdf();
    if (wdf == 0) continue;  // a boolean term
    const Xapian::termcount impact = impact_wdf(wdf, length, average_length, params);
    if (impact >= wdf) {
      doc.add_term(*t, impact - wdf);
    } else {
      lower.emplace_back(*t, impact);
    }
  }
  for (const auto& [term, impact] : lower) {
    auto t = doc.termlist_begin();
    t.skip_to(term);
    const std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
    doc.remove_term(term);
    for (const auto p : positions) doc.add_posting(term, p, 0);
    doc.add_term(term, impact);
  }
}

Params parse_params(const std::string& spec) {
  Params p;
  const std::string flag = "--bm25";
  for (const auto& s : settings::split(spec)) {
    if (s.name == "k1") {
      p.k1 = settings::number(flag, s, 0, 10);
    } else if (s.name == "b") {
      p.b = settings::number(flag, s, 0, 1);
    } else if (s.name == "title") {
      p.title = static_cast<unsigned>(settings::number(flag, s, 1, 20));
      if (static_cast<double>(p.title) != std::strtod(s.value.c_str(), nullptr)) {
        throw UsageError(flag + ": '" + s.part + "' needs a whole number");
      }
    } else if (s.name == "headline") {
      p.headline_length = settings::number(flag, s, 0, 10);
    } else if (s.name == "avglen") {
      p.fixed_length = s.value == "learn" ? 0 : settings::number(flag, s, 1, 100000);
    } else {
      throw UsageError(flag + ": unknown constant '" + s.part +
                       "' (k1=X,b=Y,title=N,avglen=L|learn,headline=H)");
    }
  }
  return p;
}

std::string format_params(const Params& p) {
  // The shortest of 15 or 17 significant digits that reads back as the same double.
  const auto exact = [](double v) {
    char text[40];
    std::snprintf(text, sizeof text, "%.15g", v);
    if (std::strtod(text, nullptr) != v) std::snprintf(text, sizeof text, "%.17g", v);
    return std::string(text);
  };
  return "k1=" + exact(p.k1) + ",b=" + exact(p.b) + ",title=" + std::to_string(p.title) +
         ",avglen=" + (p.fixed_length > 0 ? exact(p.fixed_length) : "learn") +
         ",headline=" + exact(p.headline_length);
}

}  // namespace newsdex::ranking
