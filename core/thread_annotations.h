// Locks that clang's thread-safety analysis (-Wthread-safety) can check: a member written
// GUARDED_BY(mu) may be touched only while `mu` is held, and a function marked REQUIRES(mu)
// only called so. The CI's ThreadSanitizer and fuzz builds compile with clang and the warning
// on (CMakeLists.txt), so a forgotten lock fails the build; with GCC the marks are empty.
#pragma once

#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define NEWSDEX_THREAD_ATTRIBUTE(x) __attribute__((x))
#else
#define NEWSDEX_THREAD_ATTRIBUTE(x)
#endif

#define CAPABILITY(name) NEWSDEX_THREAD_ATTRIBUTE(capability(name))
#define SCOPED_CAPABILITY NEWSDEX_THREAD_ATTRIBUTE(scoped_lockable)
#define GUARDED_BY(mu) NEWSDEX_THREAD_ATTRIBUTE(guarded_by(mu))
#define REQUIRES(...) NEWSDEX_THREAD_ATTRIBUTE(requires_capability(__VA_ARGS__))
#define ACQUIRE(...) NEWSDEX_THREAD_ATTRIBUTE(acquire_capability(__VA_ARGS__))
#define RELEASE(...) NEWSDEX_THREAD_ATTRIBUTE(release_capability(__VA_ARGS__))

namespace newsdex {

// std::mutex, marked as a capability for the analysis.
class CAPABILITY("mutex") Mutex {
 public:
  void lock() ACQUIRE() { m_.lock(); }
  void unlock() RELEASE() { m_.unlock(); }
  std::mutex& native() { return m_; }

 private:
  std::mutex m_;
};

// Holds a Mutex for its scope (std::unique_lock underneath, so a condition variable can wait
// on it: cv.wait(lock.native(), ...)). The analysis takes the mutex as held for the whole
// scope, also while a wait has it released.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : lock_(mu.native()) {}
  ~MutexLock() RELEASE() {}
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;
  // Lets go of the mutex and takes it again within the scope.
  void unlock() RELEASE() { lock_.unlock(); }
  void lock() ACQUIRE() { lock_.lock(); }
  std::unique_lock<std::mutex>& native() { return lock_; }

 private:
  std::unique_lock<std::mutex> lock_;
};

}  // namespace newsdex
