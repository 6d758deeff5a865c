// HelperThread: one long-lived worker that runs one task at a time and hands back a future.
// Starting a thread per query cost tens of microseconds, which decided how small a query
// could be and still gain from using the second core.
#pragma once

#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "core/thread_annotations.h"
#include "searcher/deadline.h"

namespace newsdex {

// A task submitted to the HelperThread. Its destructor waits for the task to end, so the task
// may read the submitter's locals however the submitter leaves (an exception included). The
// task must not write anything the submitter reads before get(): it returns its results.
template <typename R>
class HelperTask {
 public:
  HelperTask() = default;
  explicit HelperTask(std::future<R> f) : f_(std::move(f)) {}
  HelperTask(HelperTask&&) noexcept = default;
  HelperTask& operator=(HelperTask&& o) noexcept {
    wait();
    f_ = std::move(o.f_);
    return *this;
  }
  HelperTask(const HelperTask&) = delete;
  HelperTask& operator=(const HelperTask&) = delete;
  ~HelperTask() { wait(); }

  bool valid() const { return f_.valid(); }
  // The task's result, or what it threw. REQUIRES: valid().
  R get() { return f_.get(); }

 private:
  void wait() {
    if (f_.valid()) f_.wait();
  }
  std::future<R> f_;
};

class HelperThread {
 public:
  HelperThread() : thread_([this] { loop(); }) {}
  ~HelperThread() {
    {
      MutexLock lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  // Runs `f` on the helper; its result (or exception) arrives through the task. One task at
  // a time: the caller ends a task (get() or destruction) before it submits the next. The
  // task works under the caller's deadline (the task ends before the caller's scope does).
  template <typename F>
  auto submit(F f) -> HelperTask<decltype(f())> {
    auto task = std::make_shared<std::packaged_task<decltype(f())()>>(
        [f = std::move(f), deadline = current_deadline()]() mutable {
          DeadlineScope scope(deadline);
          return f();
        });
    auto result = task->get_future();
    {
      MutexLock lock(mutex_);
      task_ = [task] { (*task)(); };
    }
    wake_.notify_one();
    return HelperTask<decltype(f())>(std::move(result));
  }

 private:
  void loop() {
    MutexLock lock(mutex_);
    while (true) {
      wake_.wait(lock.native(), [this]() REQUIRES(mutex_) { return stop_ || task_; });
      if (stop_) return;
      auto task = std::move(task_);
      task_ = nullptr;
      lock.unlock();
      task();  // packaged_task keeps exceptions for the future
      lock.lock();
    }
  }

  Mutex mutex_;
  std::condition_variable wake_;
  std::function<void()> task_ GUARDED_BY(mutex_);
  bool stop_ GUARDED_BY(mutex_) = false;
  std::thread thread_;  // last: starts after the members it uses exist
};

}  // namespace newsdex
