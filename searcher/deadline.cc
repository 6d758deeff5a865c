#include "searcher/deadline.h"

#include <string>

namespace newsdex {

namespace {
thread_local const Deadline* current = nullptr;
thread_local std::chrono::nanoseconds cpu_start{0};  // this thread's CPU clock at scope start
}  // namespace

DeadlineScope::DeadlineScope(const Deadline* d) : outer_(current), outer_cpu_start_(cpu_start) {
  current = d;
  cpu_start = Deadline::thread_cpu();
}

DeadlineScope::~DeadlineScope() {
  current = outer_;
  cpu_start = outer_cpu_start_;
}

const Deadline* current_deadline() { return current; }

void check_deadline_now() {
  if (current != nullptr && current->passed(cpu_start)) {
    throw TimeoutError("the query took longer than its time limit of " +
                       std::to_string(current->budget().count()) +
                       " ms; narrow it with fewer or rarer words, a filter or a date range");
  }
}

}  // namespace newsdex
