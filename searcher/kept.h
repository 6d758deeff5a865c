// The searcher's caches.
// Kept<V, rule>: values computed once per key and kept for later asks, shared by threads, with
// the eviction rule named where the cache is declared. A value is computed outside the lock (it
// may take a while): two threads asking for the same new key may both compute it, and the
// first value kept is the one both get.
// PerRevision<T>: the T of a database's current revision, built once per revision.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/database.h"
#include "core/thread_annotations.h"

namespace newsdex {

enum class Evict {
  kNever,             // every value is kept (for the owner's lifetime: one database revision)
  kAllWhenFull,       // at `budget` values, all are dropped and the cache starts over
  kLeastRecentlyUsed  // values' V::bytes() kept within `budget`; the least recently asked go
};

template <class V, Evict kRule>
class Kept {
 public:
  explicit Kept(std::size_t budget = 0) : budget_(budget) {}
  Kept(const Kept&) = delete;
  Kept& operator=(const Kept&) = delete;

  // The value of `key`: kept, or made by `compute` now (and kept under the rule). Thread-safe.
  std::shared_ptr<const V> get(const std::string& key, const std::function<V()>& compute) const {
    {
      MutexLock lock(mutex_);
      if (auto kept = find(key)) return kept;
    }
    auto made = std::make_shared<const V>(compute());
    MutexLock lock(mutex_);
    if (auto kept = find(key)) return kept;  // another thread was first
    if constexpr (kRule == Evict::kAllWhenFull) {
      if (entries_.size() >= budget_) entries_.clear();
    } else if constexpr (kRule == Evict::kLeastRecentlyUsed) {
      bytes_ += made->bytes();
      while (bytes_ > budget_ && !lru_.empty()) {
        const auto oldest = entries_.find(lru_.back());
        bytes_ -= oldest->second.value->bytes();
        entries_.erase(oldest);
        lru_.pop_back();
      }
      lru_.push_front(key);
    }
    entries_.emplace(key, Entry{made, lru_.begin()});
    return made;
  }

 private:
  struct Entry {
    std::shared_ptr<const V> value;
    typename std::list<std::string>::iterator lru;  // its place in lru_ (LRU rule only)
  };
  // The kept value of `key` (moved to the front of lru_), or null.
  std::shared_ptr<const V> find(const std::string& key) const REQUIRES(mutex_) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    if constexpr (kRule == Evict::kLeastRecentlyUsed)
      lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.value;
  }

  const std::size_t budget_;
  mutable Mutex mutex_;
  mutable std::unordered_map<std::string, Entry> entries_ GUARDED_BY(mutex_);
  mutable std::list<std::string> lru_ GUARDED_BY(mutex_);  // keys, most recent first
  mutable std::size_t bytes_ GUARDED_BY(mutex_) = 0;
};

// Hands out the T (built by T(const Xapian::Database&)) of a database's current revision,
// building it when the revision (`key`, revision_key) differs from the last one asked for. Threads
// share it: `mutex_` guards the key and the value; the build happens under the lock, once.
template <class T>
class PerRevision {
 public:
  // `args` go to T's constructor after `db`, when it is built.
  template <class... Args>
  std::shared_ptr<const T> get(const Xapian::Database& db, const std::string& key,
                               const Args&... args) {
    MutexLock lock(mutex_);
    if (!cached_ || key != key_) {
      cached_ = std::make_shared<const T>(db, args...);
      key_ = key;
    }
    return cached_;
  }

 private:
  Mutex mutex_;
  std::string key_ GUARDED_BY(mutex_);  // uuid@revision
  std::shared_ptr<const T> cached_ GUARDED_BY(mutex_);
};

}  // namespace newsdex
