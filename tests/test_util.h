// Helpers shared by the tests: temporary directories, files, and the shared corpora.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/article.h"
#include "indexer/readers/reader.h"

namespace newsdex::testing {

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
  return std::string(NEWSDEX_DATA_DIR) + "/" + name;
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

// Runs a shell command; returns its exit status and captures stdout+stderr into `output`.
inline int run_command(const std::string& cmd, std::string* output = nullptr) {
  std::string full = cmd + " 2>&1";
  FILE* p = popen(full.c_str(), "r");
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  if (output != nullptr) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace newsdex::testing
