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

namespace newsdex {

class HelperThread {
 public:
  HelperThread() : thread_([this] { loop(); }) {}
  ~HelperThread() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  // Runs `f` on the helper; its result (or exception) arrives through the future. One task
  // at a time: the caller waits for a task's future before it submits the next.
  template <typename F>
  auto submit(F f) -> std::future<decltype(f())> {
    auto task = std::make_shared<std::packaged_task<decltype(f())()>>(std::move(f));
    auto result = task->get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = [task] { (*task)(); };
    }
    wake_.notify_one();
    return result;
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      wake_.wait(lock, [this] { return stop_ || task_; });
      if (stop_) return;
      auto task = std::move(task_);
      task_ = nullptr;
      lock.unlock();
      task();  // packaged_task keeps exceptions for the future
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::function<void()> task_;  // GUARDED_BY(mutex_)
  bool stop_ = false;           // GUARDED_BY(mutex_)
  std::thread thread_;          // last: starts after the members it uses exist
};

}  // namespace newsdex
