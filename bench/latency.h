// Latency figures the benchmarks share: elapsed milliseconds and nearest-rank percentiles.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace newsdex::bench {

using Clock = std::chrono::steady_clock;

// Milliseconds from `start` until now.
inline double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The p-th percentile (0 <= p <= 1) of `v` by the nearest-rank method: the smallest value
// that at least p of the values do not exceed (p = 0 gives the minimum). 0 when `v` is empty.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace newsdex::bench
