#include "searcher/trends.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>

#include "core/database.h"
#include "core/dates.h"
#include "core/errors.h"
#include "core/schema.h"
#include "searcher/checked_postings.h"
#include "searcher/story_units.h"
#include "searcher/trend_days.h"
#include "searcher/trends_shards.h"

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

// Ordinals with a non-zero count, by count descending then value ascending (a group's value:
// `folded`, FacetColumn::fold); at most n.
std::vector<std::uint32_t> top_ordinals(
    const FacetColumn& column, const std::vector<Xapian::doccount>& counts,
    const std::unordered_map<std::uint32_t, FacetValueCount>& folded, std::size_t n) {
  std::vector<std::uint32_t> ords;
  for (std::uint32_t o = 0; o < counts.size(); ++o) {
    if (counts[o] > 0) ords.push_back(o);
  }
  const auto value = [&](std::uint32_t o) -> const std::string& {
    const auto it = folded.find(o);
    return it == folded.end() ? column.values()[o] : it->second.value;
  };
  const auto k = static_cast<long>(std::min(n, ords.size()));
  std::partial_sort(ords.begin(), ords.begin() + k, ords.end(), [&](auto a, auto b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : value(a) < value(b);
  });
  ords.resize(static_cast<std::size_t>(k));
  return ords;
}

// For each ordinal, its place among `chosen`, or -1. A company's other names take the place
// of its group's head (FacetColumn::fold), so that they count in its line.
std::vector<int> places(const FacetColumn& column, const std::vector<std::uint32_t>& chosen) {
  std::vector<int> slot(column.values().size(), -1);
  for (std::size_t i = 0; i < chosen.size(); ++i) slot[chosen[i]] = static_cast<int>(i);
  for (std::uint32_t o = 0; o < slot.size(); ++o) slot[o] = slot[column.head(o)];
  return slot;
}

// The value and label of ordinal `o` once `folded` (FacetColumn::fold) named its group.
std::pair<std::string, std::string> named(
    const FacetColumn& column, const std::unordered_map<std::uint32_t, FacetValueCount>& folded,
    std::uint32_t o) {
  const auto it = folded.find(o);
  if (it == folded.end()) return {column.values()[o], ""};
  return {it->second.value, it->second.label};
}

double since_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double rounded(double x, double scale) { return std::round(x * scale) / scale; }

}  // namespace

double log_likelihood_ratio(double a, double n, double b, double m) {
  const double total = n + m;
  if (total <= 0) return 0;
  const double with = a + b;  // matches that have the value
  const double observed[4] = {a, n - a, b, m - b};
  const double expected[4] = {n * with / total, n * (total - with) / total, m * with / total,
                              m * (total - with) / total};
  double g = 0;
  for (int i = 0; i < 4; ++i) {
    if (observed[i] > 0) g += observed[i] * std::log(observed[i] / expected[i]);
  }
  return std::max(0.0, 2 * g);  // (rounding can leave a tiny negative for equal shares)
}

namespace {

SeriesResult series_once(Searcher& searcher, const SeriesRequest& request) {
  const auto start = Clock::now();
  SeriesResult r;
  r.query = request.match.query;
  r.field = request.field;
  r.interval = request.interval;
  const auto m = searcher.matches(request.match);
  const auto days = m.state->days(searcher.database());
  const FacetColumn& column = m.state->column(request.field);

  // The matches dated in the range, with their days.
  std::int32_t from = request.from.empty() ? INT32_MIN + 1 : to_days(request.from);
  std::int32_t to = request.to.empty() ? INT32_MAX : to_days(request.to);
  std::int32_t lo = INT32_MAX, hi = INT32_MIN;
  std::vector<std::pair<Xapian::docid, std::int32_t>> dated;
  std::vector<std::pair<Xapian::docid, std::uint32_t>> undated;
  m.docs.for_each([&](Xapian::docid d) {
    const std::int32_t day = days->day(d);
    if (day == DayColumn::kUndated) {
      undated.emplace_back(d, 0);
    } else if (day >= from && day <= to) {
      dated.emplace_back(d, day);
      lo = std::min(lo, day);
      hi = std::max(hi, day);
    }
  });
  const StoryColumn* stories = m.stories.get();
  r.counts_stories = stories != nullptr;
  for_each_unit(undated, stories, [&](auto, auto) { ++r.undated; });
  if (request.from.empty()) from = lo;
  if (request.to.empty()) to = hi;
  r.took_ms = since_ms(start);
  if (from > to) return r;  // nothing dated, and no range given
  r.from = iso(from);
  r.to = iso(to);

  const std::vector<std::uint16_t> bucket_of =
      make_buckets(searcher.database(), from, to, request.interval, r);

  // Pass 1: totals per bucket and per value; pass 2: the top values per bucket. A unit is a
  // match, or with stories the matches of one story in one bucket.
  std::vector<std::pair<Xapian::docid, std::uint32_t>> keyed;
  keyed.reserve(dated.size());
  for (const auto& [d, day] : dated)
    keyed.emplace_back(d, bucket_of[static_cast<std::size_t>(day - from)]);
  r.total.assign(r.buckets.size(), 0);
  std::vector<Xapian::doccount> counts(column.values().size(), 0);
  UnitValues values(column);
  for_each_unit(keyed, stories, [&](std::uint32_t b, std::span<const Xapian::docid> docs) {
    ++r.total[b];
    ++r.matches;
    values.each(docs, [&](std::uint32_t o) { ++counts[o]; });
  });
  const auto folded = column.fold(counts);
  const auto top = top_ordinals(column, counts, folded, request.top);
  const auto slot = places(column, top);
  for (const auto o : top) {
    auto [value, label] = named(column, folded, o);
    r.series.push_back({std::move(value), std::vector<Xapian::doccount>(r.buckets.size(), 0),
                        counts[o], std::move(label)});
  }
  for_each_unit(keyed, stories, [&](std::uint32_t b, std::span<const Xapian::docid> docs) {
    values.each(docs, [&](std::uint32_t o) {
      if (slot[o] >= 0) ++r.series[static_cast<std::size_t>(slot[o])].counts[b];
    });
  });
  r.took_ms = since_ms(start);
  return r;
}

SurgingResult surging_once(Searcher& searcher, const SurgingRequest& request) {
  const auto start = Clock::now();
  SurgingResult r;
  // Named copies, not a structured binding: clang before 16 refuses to capture bindings.
  const SurgingDays period = start_surging(request, r);
  const std::int32_t wf = period.wf, wt = period.wt, bf = period.bf, bt = period.bt;
  const std::int64_t spark_days = period.spark_days;

  const auto m = searcher.matches(request.match);
  const auto days = m.state->days(searcher.database());
  const FacetColumn& column = m.state->column(request.field);
  std::vector<Xapian::doccount> in_window(column.values().size(), 0);
  std::vector<Xapian::doccount> in_baseline(column.values().size(), 0);
  // (match, 0 = window / 1 = baseline) and (match, sparkline slice): counted by unit.
  std::vector<std::pair<Xapian::docid, std::uint32_t>> periods, sparked;
  m.docs.for_each([&](Xapian::docid d) {
    const std::int32_t day = days->day(d);
    if (day == DayColumn::kUndated) return;
    if (day >= wf && day <= wt) {
      periods.emplace_back(d, 0);
    } else if (request.baseline == Baseline::kAll || (day >= bf && day <= bt)) {
      periods.emplace_back(d, 1);
    }
    if (day >= bf && day <= wt) {
      const auto slice =
          (std::int64_t{day} - bf) * static_cast<std::int64_t>(r.spark_slices) / spark_days;
      sparked.emplace_back(d, static_cast<std::uint32_t>(slice));
    }
  });
  const StoryColumn* stories = m.stories.get();
  r.counts_stories = stories != nullptr;
  UnitValues values(column);
  for_each_unit(periods, stories, [&](std::uint32_t period, std::span<const Xapian::docid> docs) {
    auto& matches = period == 0 ? r.window_matches : r.baseline_matches;
    auto& counts = period == 0 ? in_window : in_baseline;
    ++matches;
    values.each(docs, [&](std::uint32_t o) { ++counts[o]; });
  });

  // A previous period without a single article is no baseline: every value would "surge"
  // from 0. Nothing is listed then, and a notice says why.
  const auto folded = column.fold(in_window);
  column.fold(in_baseline);
  const bool comparable =
      request.baseline != Baseline::kPrevious || any_article_between(searcher.database(), bf, bt);
  if (!comparable) note_no_baseline(r);
  const double n = r.window_matches, mm = r.baseline_matches;
  std::vector<SurgingValue> rising;
  std::vector<std::uint32_t> rising_ords;
  for (std::uint32_t o = 0; comparable && o < in_window.size(); ++o) {
    const double a = in_window[o], b = in_baseline[o];
    if (in_window[o] < request.min_count) continue;
    const double share = a / n, baseline_share = mm > 0 ? b / mm : 0;
    if (share <= baseline_share) continue;
    const double score = log_likelihood_ratio(a, n, b, mm);
    if (score < SurgingResult::kMinScore) continue;  // not significant: not surging
    auto [value, label] = named(column, folded, o);
    rising.push_back({std::move(value),
                      in_window[o],
                      in_baseline[o],
                      share,
                      baseline_share,
                      score,
                      {},
                      std::move(label)});
    rising_ords.push_back(o);
  }
  std::vector<std::size_t> order(rising.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto k = static_cast<long>(std::min(request.top, order.size()));
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](auto x, auto y) {
    const auto &a = rising[x], &b = rising[y];
    if (a.score != b.score) return a.score > b.score;
    if (a.count != b.count) return a.count > b.count;
    return a.value < b.value;
  });
  std::vector<std::uint32_t> chosen;
  for (long i = 0; i < k; ++i) {
    const auto pick = order[static_cast<std::size_t>(i)];
    r.values.push_back(std::move(rising[pick]));
    r.values.back().sparkline.assign(r.spark_slices, 0);
    chosen.push_back(rising_ords[pick]);
  }
  const auto slot = places(column, chosen);
  for_each_unit(sparked, stories, [&](std::uint32_t slice, std::span<const Xapian::docid> docs) {
    values.each(docs, [&](std::uint32_t o) {
      if (slot[o] >= 0) ++r.values[static_cast<std::size_t>(slot[o])].sparkline[slice];
    });
  });
  r.took_ms = since_ms(start);
  return r;
}

}  // namespace

SeriesResult trend_series(Searcher& searcher, const SeriesRequest& request) {
  if (searcher.remote()) return series_on_shards(searcher, request);
  // A writer that commits twice while the day column is read: read again (core/database.h).
  return retry_if_modified([&] { return series_once(searcher, request); });
}

SurgingResult trend_surging(Searcher& searcher, const SurgingRequest& request) {
  if (searcher.remote()) return surging_on_shards(searcher, request);
  return retry_if_modified([&] { return surging_once(searcher, request); });
}

nlohmann::ordered_json series_to_json(const SeriesResult& r) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
  };
  auto series = nlohmann::ordered_json::array();
  for (const auto& line : r.series) {
    series.push_back({{"value", line.value}, {"counts", line.counts}, {"total", line.total}});
    if (!line.label.empty()) series.back()["label"] = line.label;
  }
  return {{"query", r.query},
          {"field", r.field},
          {"interval", interval_name(r.interval)},
          {"count", r.counts_stories ? "stories" : "articles"},
          {"from", or_null(r.from)},
          {"to", or_null(r.to)},
          {"buckets", r.buckets},
          {"total", r.total},
          {"matches", r.matches},
          {"undated", r.undated},
          {"series", series},
          {"gaps", r.gaps},
          {"took_ms", rounded(r.took_ms, 1000)}};
}

nlohmann::ordered_json surging_to_json(const SurgingResult& r) {
  const bool previous = r.baseline == Baseline::kPrevious;
  auto values = nlohmann::ordered_json::array();
  for (const auto& v : r.values) {
    values.push_back({{"value", v.value},
                      {"count", v.count},
                      {"baseline_count", v.baseline_count},
                      {"share", rounded(v.share, 1e6)},
                      {"baseline_share", rounded(v.baseline_share, 1e6)},
                      {"share_change", rounded(v.share - v.baseline_share, 1e6)},
                      {"score", rounded(v.score, 1000)},
                      {"sparkline", v.sparkline}});
    if (!v.label.empty()) values.back()["label"] = v.label;
  }
  nlohmann::ordered_json j = {
      {"query", r.query},
      {"field", r.field},
      {"count", r.counts_stories ? "stories" : "articles"},
      {"window", {{"from", r.window_from}, {"to", r.window_to}, {"matches", r.window_matches}}},
      {"baseline",
       {{"mode", previous ? "previous" : "all"},
        {"from", previous ? nlohmann::ordered_json(r.baseline_from) : nullptr},
        {"to", previous ? nlohmann::ordered_json(r.baseline_to) : nullptr},
        {"matches", r.baseline_matches}}},
      {"min_count", r.min_count},
      {"score", "g2"},
      {"min_score", SurgingResult::kMinScore},
      {"sparkline", {{"from", r.spark_from}, {"to", r.window_to}, {"slices", r.spark_slices}}},
      {"values", values},
      {"took_ms", rounded(r.took_ms, 1000)}};
  if (!r.notices.empty()) j["notices"] = r.notices;
  return j;
}

}  // namespace newsdex
