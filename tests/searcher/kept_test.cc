// Kept<V, rule>: each value computed once per key, and each eviction rule as named.
#include "searcher/kept.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace newsdex {

namespace {
struct Sized {
  std::size_t n = 0;
  std::size_t bytes() const { return n; }
};
}  // namespace

TEST(Kept, NeverComputesAKeyTwice) {
  Kept<int, Evict::kNever> kept;
  int computed = 0;
  const auto make = [&](int v) {
    return [&computed, v] {
      ++computed;
      return v;
    };
  };
  for (int round = 0; round < 3; ++round) {
    for (int k = 0; k < 100; ++k) EXPECT_EQ(*kept.get(std::to_string(k), make(k)), k);
  }
  EXPECT_EQ(computed, 100);
}

TEST(Kept, AllWhenFullStartsOverAtTheBudget) {
  Kept<int, Evict::kAllWhenFull> kept(2);
  int computed = 0;
  const auto one = [&] {
    ++computed;
    return 1;
  };
  kept.get("a", one);
  kept.get("b", one);
  kept.get("a", one);
  EXPECT_EQ(computed, 2);
  kept.get("c", one);  // full: a and b are dropped, c kept
  EXPECT_EQ(computed, 3);
  kept.get("c", one);
  EXPECT_EQ(computed, 3);
  kept.get("a", one);
  EXPECT_EQ(computed, 4);
}

TEST(Kept, LeastRecentlyUsedKeepsTheBytesWithinTheBudget) {
  Kept<Sized, Evict::kLeastRecentlyUsed> kept(10);
  std::vector<std::string> computed;
  const auto of = [&](const std::string& key, std::size_t n) {
    return kept.get(key, [&, n] {
      computed.push_back(key);
      return Sized{n};
    });
  };
  of("a", 4);
  of("b", 4);
  of("a", 4);  // a is now the most recent
  of("c", 4);  // 12 bytes > 10: b, the least recent, goes
  EXPECT_EQ(computed, (std::vector<std::string>{"a", "b", "c"}));
  of("a", 4);
  of("c", 4);
  EXPECT_EQ(computed.size(), 3U);
  of("b", 4);  // read again; a is now the least recent and goes
  of("c", 4);
  EXPECT_EQ(computed.size(), 4U);
  of("a", 4);
  EXPECT_EQ(computed, (std::vector<std::string>{"a", "b", "c", "b", "a"}));
  // A value over the whole budget is kept alone.
  const auto big = of("big", 50);
  EXPECT_EQ(big->n, 50U);
  of("big", 50);
  EXPECT_EQ(computed.size(), 6U);
}

TEST(Kept, ThreadsAskingForOneNewKeyAllGetTheFirstValueKept) {
  Kept<int, Evict::kNever> kept;
  std::atomic<int> next{0};
  std::vector<std::shared_ptr<const int>> got(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] { got[t] = kept.get("k", [&] { return next++; }); });
  }
  for (auto& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, got[0]);  // the same object, computed maybe more often
  EXPECT_GE(next.load(), 1);
}

}  // namespace newsdex
