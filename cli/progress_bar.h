// The `index` command's progress bar (cli only).
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace newsdex::cli {

// A one-line progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
 public:
  void update(std::size_t docs, std::uintmax_t done, std::uintmax_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? docs / secs : 0;
    const double frac = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
    const int width = 30;
    const int filled = static_cast<int>(frac * width);
    const double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::fprintf(stderr, "\r[%s%s] %3.0f%%  %zu docs  %.0f docs/s  ETA %d:%02d ",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), frac * 100,
                 docs, rate, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    drawn_ = true;
  }
  void finish() {
    if (drawn_) std::fputs("\n", stderr);
    drawn_ = false;
  }
  bool drawn() const { return drawn_; }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

}  // namespace newsdex::cli
