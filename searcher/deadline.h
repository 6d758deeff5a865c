// A request's time budget, enforced inside the loops that read postings (the walk, the boolean
// evaluation, Xapian's matcher through a match spy), so that one query cannot hold a server
// worker for longer than the budget.
//
// The budget is wall time from the request's start and CPU time of each thread that works on
// it. Searcher opens a DeadlineScope around each read; the loops call check_deadline(), which
// reads the clocks once every kCheckEvery calls and throws TimeoutError when the budget is
// spent. A helper thread works under the deadline of the task's submitter (helper_thread.h).
#pragma once

#include <time.h>

#include <chrono>

#include "core/errors.h"

namespace newsdex {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  // No limit.
  Deadline() = default;
  // `budget` of wall time from now, and as much CPU time on each thread.
  explicit Deadline(std::chrono::milliseconds budget)
      : limited_(budget.count() > 0), budget_(budget), wall_end_(Clock::now() + budget) {}

  bool limited() const { return limited_; }
  std::chrono::milliseconds budget() const { return budget_; }
  // True when the wall time is spent or the calling thread has used `budget` of CPU since
  // `cpu_start` (its thread CPU clock when it began working under this deadline).
  bool passed(std::chrono::nanoseconds cpu_start) const {
    return limited_ && (Clock::now() >= wall_end_ || thread_cpu() - cpu_start >= budget_);
  }

  static std::chrono::nanoseconds thread_cpu() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
  }

 private:
  bool limited_ = false;
  std::chrono::milliseconds budget_{0};
  Clock::time_point wall_end_{};
};

// The deadline this thread works under, for as long as the scope lives (scopes nest: the
// inner one is restored to the outer when it ends).
class DeadlineScope {
 public:
  explicit DeadlineScope(const Deadline* d);
  ~DeadlineScope();
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;

 private:
  const Deadline* outer_;
  std::chrono::nanoseconds outer_cpu_start_;
};

// The deadline the calling thread works under (nullptr: none).
const Deadline* current_deadline();

// Throws TimeoutError when the calling thread's deadline has passed. Reads the clocks once
// every kCheckEvery calls, so a loop may call it for every posting.
inline constexpr unsigned kCheckEvery = 1024;
void check_deadline_now();
inline void check_deadline() {
  thread_local unsigned calls = 0;
  if (++calls % kCheckEvery == 0) check_deadline_now();
}

}  // namespace newsdex
