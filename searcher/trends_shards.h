// Trends on a cluster of remote shards (trends_shards.cc): trend_series and trend_surging call
// these when the searcher's database is a cluster.
#pragma once

#include "searcher/search.h"
#include "searcher/trends.h"

namespace newsdex {

SeriesResult series_on_shards(Searcher& searcher, const SeriesRequest& request);
SurgingResult surging_on_shards(Searcher& searcher, const SurgingRequest& request);

}  // namespace newsdex
