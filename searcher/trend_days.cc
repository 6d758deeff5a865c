#include "searcher/trend_days.h"

#include <algorithm>

#include "core/dates.h"
#include "core/errors.h"
#include "core/schema.h"

namespace newsdex {

std::int32_t to_days(const std::string& iso) {
  return static_cast<std::int32_t>(parse_iso_date(iso).value().days_since_epoch());
}

std::string iso(std::int32_t day) { return Date::from_days_since_epoch(day).iso(); }

std::int32_t bucket_start(std::int32_t day, Interval interval) {
  Date d = Date::from_days_since_epoch(day);
  switch (interval) {
    case Interval::kDay:
      return day;
    case Interval::kWeek:
      return day - (d.weekday() + 6) % 7;
    case Interval::kMonth:
      d.day = 1;
      break;
    case Interval::kYear:
      d.day = d.month = 1;
      break;
  }
  return static_cast<std::int32_t>(d.days_since_epoch());
}

std::int32_t next_bucket(std::int32_t start, Interval interval) {
  Date d = Date::from_days_since_epoch(start);
  switch (interval) {
    case Interval::kDay:
      return start + 1;
    case Interval::kWeek:
      return start + 7;
    case Interval::kMonth:
      d = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
      break;
    case Interval::kYear:
      d = Date{d.year + 1, 1, 1};
      break;
  }
  return static_cast<std::int32_t>(d.days_since_epoch());
}

std::string bucket_label(std::int32_t start, Interval interval) {
  const Date d = Date::from_days_since_epoch(start);
  if (interval == Interval::kMonth) return d.iso_month();
  if (interval == Interval::kYear) return d.iso().substr(0, 4);
  return d.iso();
}

std::vector<std::uint16_t> make_buckets(const Xapian::Database& db, std::int32_t from,
                                        std::int32_t to, Interval interval, SeriesResult& r) {
  std::vector<std::uint16_t> bucket_of(static_cast<std::size_t>(to - from) + 1);
  for (std::int32_t b = bucket_start(from, interval); b <= to; b = next_bucket(b, interval)) {
    if (r.buckets.size() == kMaxTrendBuckets) {
      throw UsageError("parameter 'interval': " + interval_name(interval) + " is too fine for " +
                       r.from + ".." + r.to + " (more than " + std::to_string(kMaxTrendBuckets) +
                       " buckets); use a coarser interval or a narrower from/to");
    }
    const std::int32_t end = std::min(next_bucket(b, interval) - 1, to);
    for (std::int32_t day = std::max(b, from); day <= end; ++day)
      bucket_of[static_cast<std::size_t>(day - from)] =
          static_cast<std::uint16_t>(r.buckets.size());
    r.buckets.push_back(bucket_label(b, interval));
  }

  // The archive's gaps: buckets that no article's day term falls in (one term per day).
  {
    const auto& day = schema::field("date");
    const std::string prefix(day.prefix), last = schema::term(day, iso(to));
    std::vector<bool> covered(r.buckets.size(), false);
    auto t = db.allterms_begin(prefix);
    t.skip_to(schema::term(day, iso(from)));
    for (; t != db.allterms_end(prefix) && *t <= last; ++t) {
      const std::string ymd = (*t).substr(prefix.size());
      const auto d =
          parse_iso_date(ymd.substr(0, 4) + "-" + ymd.substr(4, 2) + "-" + ymd.substr(6));
      if (!d || d->days_since_epoch() < from || d->days_since_epoch() > to) continue;
      covered[bucket_of[static_cast<std::size_t>(d->days_since_epoch() - from)]] = true;
    }
    for (std::uint32_t b = 0; b < covered.size(); ++b) {
      if (!covered[b]) r.gaps.push_back(b);
    }
  }

  return bucket_of;
}

bool any_article_between(const Xapian::Database& db, std::int32_t from, std::int32_t to) {
  const auto& day = schema::field("date");
  const std::string prefix(day.prefix);
  auto t = db.allterms_begin(prefix);
  t.skip_to(schema::term(day, iso(from)));
  return t != db.allterms_end(prefix) && *t <= schema::term(day, iso(to));
}

SurgingDays start_surging(const SurgingRequest& request, SurgingResult& r) {
  r.query = request.match.query;
  r.field = request.field;
  r.baseline = request.baseline;
  r.min_count = request.min_count;
  r.window_from = request.window_from;
  r.window_to = request.window_to;
  const std::int32_t wf = to_days(request.window_from), wt = to_days(request.window_to);
  const std::int32_t len = wt - wf + 1;
  const std::int32_t bf = wf - len, bt = wf - 1;  // the previous period
  if (request.baseline == Baseline::kPrevious) {
    r.baseline_from = iso(bf);
    r.baseline_to = iso(bt);
  }
  r.spark_from = iso(bf);
  const std::int64_t spark_days = 2 * std::int64_t{len};
  r.spark_slices =
      static_cast<std::size_t>(std::min<std::int64_t>(SurgingResult::kSparkSlices, spark_days));
  return {wf, wt, bf, bt, spark_days};
}

void note_no_baseline(SurgingResult& r) {
  r.notices.push_back("no articles in the period before (" + r.baseline_from + " to " +
                      r.baseline_to + "): nothing can be said to surge against it; pick a " +
                      "window after a period that holds articles, or baseline=all");
}

}  // namespace newsdex
