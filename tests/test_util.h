// Helpers shared by the test binaries: temporary directories, files, the shared corpora, a
// small database and the newsdex binary as a process (tests/server_util.h: a real server).
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/article.h"
#include "indexer/indexer.h"
#include "indexer/readers/reader.h"

namespace newsdex::testing {

// Whether a sanitizer is compiled in: GCC defines __SANITIZE_*__, clang answers __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NEWSDEX_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define NEWSDEX_TSAN_BUILD 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define NEWSDEX_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define NEWSDEX_TSAN_BUILD 1
#endif

// Sanitizers slow the server several times over: time bounds in tests are multiplied by this
// (the bounds are there to catch a worker held for seconds, not to measure speed).
#if defined(NEWSDEX_ASAN) || defined(NEWSDEX_TSAN_BUILD)
inline constexpr double kTimeScale = 5;
#else
inline constexpr double kTimeScale = 1;
#endif

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "newsdex-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void write_file(const std::string& path, const std::string& content) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// ../shared/data (or $NEWSDEX_SHARED_DATA), and whether a corpus is present there.
inline std::string shared_data_dir() {
  const char* env = std::getenv("NEWSDEX_SHARED_DATA");
  return env != nullptr ? env : NEWSDEX_SHARED_DATA;
}
inline bool shared_corpus_present(const std::string& sub) {
  return std::filesystem::exists(shared_data_dir() + "/" + sub);
}

inline std::string bundled(const std::string& name) {
  std::string path = NEWSDEX_DATA_DIR;  // appended, not a + b + c: GCC 12 warns falsely there
  path += '/';
  path += name;
  return path;
}

// A ReadSink that keeps everything, for reader tests.
struct CollectingSink : ReadSink {
  struct Skip {
    SourceLocation where;
    std::string reason, message;
  };
  std::vector<Article> articles;
  std::vector<SourceLocation> locations;
  std::vector<Skip> skips;
  std::vector<std::string> warnings;
  void article(Article&& a, const SourceLocation& where) override {
    articles.push_back(std::move(a));
    locations.push_back(where);
  }
  void skip(const SourceLocation& where, std::string_view reason,
            const std::string& message) override {
    skips.push_back({where, std::string(reason), message});
  }
  void warn(const SourceLocation& where, const std::string& message) override {
    warnings.push_back(where.to_string() + ": " + message);
  }
};

// Runs a shell command; returns its exit status (-1 if it could not run or was killed) and
// captures stdout+stderr into `output`.
inline int run_command(const std::string& cmd, std::string* output = nullptr) {
  const std::string full = cmd + " 2>&1";
  FILE* p = popen(full.c_str(), "r");
  if (p == nullptr) return -1;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  if (output != nullptr) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct CommandResult {
  int status = -1;
  std::string out;  // stdout and stderr together
};

// Runs the newsdex binary under test with `args` (a shell-quoted string).
inline CommandResult run_newsdex(const std::string& args) {
  CommandResult r;
  r.status = run_command(std::string(NEWSDEX_BINARY) + " " + args, &r.out);
  return r;
}

// Indexes `paths` into `db` with no extraction and no progress output.
inline IndexSummary index_quietly(const std::string& db, const std::vector<std::string>& paths) {
  IndexOptions o;
  o.db_path = db;
  o.extract = false;
  return index_paths(paths, o, IndexObserver{});
}

}  // namespace newsdex::testing
