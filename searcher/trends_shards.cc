// Trends over a cluster (searcher/trends.h): the same series and surging values as one
// database gives, counted with Xapian's built-in match spies, as the cluster's facets are
// (shards.cc): the matches' days by a spy on the date slot, a field's values by one spy per value
// slot. A series takes a pass for the days, one for the values over the range and one per
// value drawn; surging one for the window, one for the baseline and one per value listed.
// Counts are of articles: a cluster does not count stories (counts_stories stays false).
#include "searcher/trends_shards.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <map>
#include <memory>

#include "core/dates.h"
#include "core/schema.h"
#include "searcher/shards.h"
#include "searcher/trend_days.h"

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;
const auto kDateSlot = static_cast<Xapian::valueno>(schema::field("date").value_slot);

double since_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// What one pass over the matches of a query counts.
struct Tally {
  Xapian::doccount matches = 0;
  std::map<std::int32_t, Xapian::doccount> days;  // dated matches per day
  std::vector<FacetValueCount> values;            // every value, most matches first
};

// The matches of `q`, their days when `days`, and the values of `column`'s field over its
// `slots` slots when `column` is set.
Tally tally(const Xapian::Database& db, const Xapian::Query& q, bool days,
            const FacetColumn* column = nullptr, unsigned slots = 0) {
  Xapian::Enquire e(db);
  e.set_query(q);
  e.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy day_spy(kDateSlot);
  if (days) e.add_matchspy(&day_spy);
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
  std::vector<const Xapian::ValueCountMatchSpy*> read;
  for (unsigned i = 0; column != nullptr && i < slots; ++i) {
    spies.push_back(
        std::make_unique<Xapian::ValueCountMatchSpy>(schema::facet_slot(column->field(), i)));
    e.add_matchspy(spies.back().get());
    read.push_back(spies.back().get());
  }
  Tally t;
  t.matches = e.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  for (auto v = day_spy.values_begin(); days && v != day_spy.values_end(); ++v) {
    if (const auto d = parse_iso_date(*v)) {
      t.days[static_cast<std::int32_t>(d->days_since_epoch())] += v.get_termfreq();
    }
  }
  if (column != nullptr) t.values = spied_counts(*column, read, SIZE_MAX);
  return t;
}

Xapian::Query both(const Xapian::Query& a, const Xapian::Query& b) {
  return Xapian::Query(Xapian::Query::OP_FILTER, a, b);
}

// The articles dated from day `from` to day `to`.
Xapian::Query dated(Searcher& searcher, std::int32_t from, std::int32_t to) {
  SearchRequest r;
  r.from = iso(from);
  r.to = iso(to);
  return searcher.shard_matches(r).query;
}

// The articles with `value` in field `field`.
Xapian::Query with_value(const std::string& field, const std::string& value) {
  return Xapian::Query(schema::term(schema::field(field), value));
}

}  // namespace

SeriesResult series_on_shards(Searcher& searcher, const SeriesRequest& request) {
  const auto start = Clock::now();
  SeriesResult r;
  r.query = request.match.query;
  r.field = request.field;
  r.interval = request.interval;
  const auto m = searcher.shard_matches(request.match);
  const Xapian::Database& db = searcher.database();
  const Tally all = tally(db, m.query, true);
  std::int32_t from = request.from.empty() ? INT32_MIN + 1 : to_days(request.from);
  std::int32_t to = request.to.empty() ? INT32_MAX : to_days(request.to);
  std::int32_t lo = INT32_MAX, hi = INT32_MIN;
  Xapian::doccount with_date = 0;
  for (const auto& [day, n] : all.days) {
    with_date += n;
    if (day < from || day > to) continue;
    lo = std::min(lo, day);
    hi = std::max(hi, day);
  }
  r.undated = all.matches - with_date;
  if (request.from.empty()) from = lo;
  if (request.to.empty()) to = hi;
  r.took_ms = since_ms(start);
  if (from > to) return r;  // nothing dated, and no range given
  r.from = iso(from);
  r.to = iso(to);
  const std::vector<std::uint16_t> bucket_of = make_buckets(db, from, to, request.interval, r);
  const auto per_bucket = [&](const Tally& t) {
    std::vector<Xapian::doccount> counts(r.buckets.size(), 0);
    for (const auto& [day, n] : t.days) {
      if (day >= from && day <= to) counts[bucket_of[static_cast<std::size_t>(day - from)]] += n;
    }
    return counts;
  };
  r.total = per_bucket(all);
  for (const auto n : r.total) r.matches += n;
  // The values drawn: the most matches over the range, then each one's matches per bucket.
  const Xapian::Query in_range = both(m.query, dated(searcher, from, to));
  const FacetColumn& column = m.state->column(request.field);
  const Tally values = tally(db, in_range, false, &column, m.slots.at(request.field));
  for (std::size_t i = 0; i < values.values.size() && i < request.top; ++i) {
    const auto& v = values.values[i];
    const Tally line = tally(db, both(in_range, with_value(request.field, v.value)), true);
    r.series.push_back({v.value, per_bucket(line), v.count});
  }
  r.took_ms = since_ms(start);
  return r;
}

SurgingResult surging_on_shards(Searcher& searcher, const SurgingRequest& request) {
  const auto start = Clock::now();
  SurgingResult r;
  // Named copies, not a structured binding: clang before 16 refuses to capture bindings.
  const SurgingDays period = start_surging(request, r);
  const std::int32_t wf = period.wf, wt = period.wt, bf = period.bf, bt = period.bt;
  const std::int64_t spark_days = period.spark_days;

  const auto m = searcher.shard_matches(request.match);
  const Xapian::Database& db = searcher.database();
  const FacetColumn& column = m.state->column(request.field);
  const unsigned slots = m.slots.at(request.field);
  const Xapian::Query window_days = dated(searcher, wf, wt);
  Xapian::Query baseline_days = dated(searcher, bf, bt);
  if (request.baseline == Baseline::kAll) {
    // Every dated match outside the window: the dated are those with a year.
    const auto& year = schema::field("year");
    const std::string prefix(year.prefix);
    std::vector<std::string> years(db.allterms_begin(prefix), db.allterms_end(prefix));
    baseline_days =
        Xapian::Query(Xapian::Query::OP_AND_NOT,
                      Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end()), window_days);
  }
  const Tally window = tally(db, both(m.query, window_days), false, &column, slots);
  const Tally baseline = tally(db, both(m.query, baseline_days), false, &column, slots);
  r.window_matches = window.matches;
  r.baseline_matches = baseline.matches;
  const auto comparable =
      request.baseline != Baseline::kPrevious || any_article_between(db, bf, bt);
  if (!comparable) note_no_baseline(r);
  std::map<std::string, Xapian::doccount> before;
  for (const auto& v : baseline.values) before[v.value] = v.count;
  const double n = r.window_matches, mm = r.baseline_matches;
  std::vector<SurgingValue> rising;
  for (const auto& v : comparable ? window.values : std::vector<FacetValueCount>{}) {
    const double a = v.count, b = before.count(v.value) ? before[v.value] : 0;
    if (v.count < request.min_count) continue;
    const double share = a / n, baseline_share = mm > 0 ? b / mm : 0;
    if (share <= baseline_share) continue;
    const double score = log_likelihood_ratio(a, n, b, mm);
    if (score < SurgingResult::kMinScore) continue;  // not significant: not surging
    rising.push_back(
        {v.value, v.count, static_cast<Xapian::doccount>(b), share, baseline_share, score, {}});
  }
  const auto k = static_cast<long>(std::min(request.top, rising.size()));
  std::partial_sort(rising.begin(), rising.begin() + k, rising.end(), [](auto& a, auto& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.count != b.count) return a.count > b.count;
    return a.value < b.value;
  });
  rising.resize(static_cast<std::size_t>(k));
  // Each listed value's sparkline over [bf, wt].
  const Xapian::Query spark = both(m.query, dated(searcher, bf, wt));
  for (auto& v : rising) {
    v.sparkline.assign(r.spark_slices, 0);
    for (const auto& [day, count] :
         tally(db, both(spark, with_value(request.field, v.value)), true).days) {
      if (day < bf || day > wt) continue;
      const auto slice =
          (std::int64_t{day} - bf) * static_cast<std::int64_t>(r.spark_slices) / spark_days;
      v.sparkline[static_cast<std::size_t>(slice)] += count;
    }
  }
  r.values = std::move(rising);
  r.took_ms = since_ms(start);
  return r;
}

}  // namespace newsdex
