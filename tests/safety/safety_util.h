// Helpers for the safety tests: a small database, a server in a thread, the CLI as a process.
#pragma once

#include <httplib.h>
#include <sys/wait.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "indexer/indexer.h"
#include "searcher/server/server.h"
#include "test_util.h"

namespace newsdex::testing {

inline IndexSummary index_quietly(const std::string& db, const std::vector<std::string>& paths) {
  IndexOptions o;
  o.db_path = db;
  o.extract = false;
  return index_paths(paths, o, IndexObserver{});
}

// A server in a background thread for the lifetime of the object.
class ServerThread {
 public:
  explicit ServerThread(const std::string& db, int threads = 4, bool log = false)
      : ServerThread([&] {
          ServerOptions o;
          o.db_path = db;
          o.port = 0;
          o.threads = threads;
          o.access_log = log;
          return o;
        }()) {}
  explicit ServerThread(const ServerOptions& o) {
    server_ = std::make_unique<NewsServer>(o);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->serve(); });
  }
  ~ServerThread() {
    server_->stop();
    thread_.join();
  }
  ServerThread(const ServerThread&) = delete;
  ServerThread& operator=(const ServerThread&) = delete;
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<NewsServer> server_;
  int port_ = 0;
  std::thread thread_;
};

struct CommandResult {
  int status = -1;
  std::string out;  // stdout and stderr together
};

// Runs the newsdex binary with `args` (a shell-quoted string), capturing its output.
inline CommandResult run_newsdex(const std::string& args) {
  CommandResult r;
  const std::string cmd = std::string(NEWSDEX_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace newsdex::testing
