// A real HTTP server for the tests that talk to one: NewsServer on 127.0.0.1 with an
// ephemeral port, and a cpp-httplib client for it. Kept apart from test_util.h so that the
// other tests do not compile cpp-httplib.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "searcher/server/server.h"
#include "test_util.h"

namespace newsdex::testing {

// A NewsServer on 127.0.0.1 with an ephemeral port, serving from a background thread for the
// lifetime of the object; the destructor stops it and joins the thread.
class RunningServer {
 public:
  explicit RunningServer(const std::string& db, int threads = 4, bool access_log = false)
      : RunningServer([&] {
          ServerOptions o;
          o.db_path = db;
          o.threads = threads;
          o.access_log = access_log;
          return o;
        }()) {}
  // Serves with `o` as given, except that the port is always ephemeral.
  explicit RunningServer(ServerOptions o) {
    o.port = 0;
    server_ = std::make_unique<NewsServer>(o);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->serve(); });
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  // A client for this server with a 30 s read timeout.
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

}  // namespace newsdex::testing
