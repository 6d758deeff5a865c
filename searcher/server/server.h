// NewsServer: the HTTP JSON API and the web page (SPEC `newsdex serve`), on cpp-httplib with a
// fixed pool of worker threads. Each worker thread has its own Searcher (its own Xapian
// database handle); they share one RevisionStateCache. Handlers only translate HTTP to the
// searcher library and back.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "searcher/revision_state.h"

namespace newsdex {

class GatedServer;

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  // DNS rebinding: only a request whose Host header names this server (127.0.0.1, localhost,
  // [::1], `host` or one of `allowed_hosts`; any port) is answered, others get 421. Bound to
  // every address (0.0.0.0, ::), any Host is answered unless `allowed_hosts` is given. Off by
  // default for embedding and tests; `newsdex serve` turns it on.
  bool check_host = false;
  std::vector<std::string> allowed_hosts;
  int port = 8080;  // 0 picks a free port; at most 65535
  int threads = 4;  // workers answering requests; slow clients wait apart (connection_gate.h)
  bool access_log = true;  // one line per request on stderr
  std::size_t max_body_bytes = 64 * 1024;
  int timeout_seconds = 10;      // to write a whole response
  int head_timeout_seconds = 5;  // a request must arrive whole within this
  int keep_alive_seconds = 5;    // idle keep-alive connections are closed after this
  // Each API request's budget of wall time, and of CPU time per thread, enforced inside the
  // match loops (searcher/deadline.h); past it the answer is 503 "timeout". 0: no limit.
  int query_timeout_ms = 5000;
};

class NewsServer {
 public:
  // Opens the database once to check it (throws DatabaseError) and sets up the routes.
  // Throws UsageError for a port outside 0..65535 or fewer than one thread.
  explicit NewsServer(ServerOptions options);
  ~NewsServer();
  NewsServer(const NewsServer&) = delete;
  NewsServer& operator=(const NewsServer&) = delete;

  // Binds the listening socket and returns its port. Throws std::runtime_error
  // "cannot listen on HOST:PORT: in use" (or the system's reason) when it cannot be bound;
  // a port another process listens on is refused (no SO_REUSEPORT).
  int bind();
  // Serves until stop(). REQUIRES: bind() succeeded.
  void serve();
  // Makes serve() return; safe from any thread.
  void stop();
  int port() const { return port_; }

 private:
  static ServerOptions validated(ServerOptions o);  // throws UsageError
  void install_routes();
  ServerOptions options_;
  std::unique_ptr<GatedServer> http_;
  std::shared_ptr<RevisionStateCache> state_cache_;
  int port_ = 0;
};

}  // namespace newsdex
