// What both ways of counting trends share: trends.cc over one database's columns, and
// trends_shards.cc over a cluster's match spies. Days, buckets and the archive's gaps.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "searcher/trends.h"

namespace newsdex {

// Days since 1970-01-01 of a validated "YYYY-MM-DD" (request parsing checked it).
std::int32_t to_days(const std::string& iso);
// "YYYY-MM-DD" of a day since 1970-01-01.
std::string iso(std::int32_t day);
// The first day of the bucket that holds `day` (weeks start on Monday).
std::int32_t bucket_start(std::int32_t day, Interval interval);
// The first day of the bucket after the one starting on `start`.
std::int32_t next_bucket(std::int32_t start, Interval interval);
std::string bucket_label(std::int32_t start, Interval interval);

// Sets r.buckets (labels) and r.gaps (buckets no article of `db` is dated in) for the days
// [from, to], and returns each day's bucket (index: day - from). Throws UsageError for more
// than kMaxTrendBuckets buckets, naming the interval and r.from..r.to.
std::vector<std::uint16_t> make_buckets(const Xapian::Database& db, std::int32_t from,
                                        std::int32_t to, Interval interval, SeriesResult& r);

// The days a surging request compares: the window [wf, wt], the period just before it [bf, bt]
// (as many days), and the sparklines' span [bf, wt] of spark_days days.
struct SurgingDays {
  std::int32_t wf, wt, bf, bt;
  std::int64_t spark_days;
};
// Copies the request into `r` (query, field, baseline, window, sparkline span and slices) and
// returns its days.
SurgingDays start_surging(const SurgingRequest& request, SurgingResult& r);
// Says in r.notices that the period before the window holds no article.
void note_no_baseline(SurgingResult& r);

// Whether any article of `db` is dated from day `from` to day `to` (days since the epoch).
bool any_article_between(const Xapian::Database& db, std::int32_t from, std::int32_t to);

}  // namespace newsdex
