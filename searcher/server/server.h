// NewsServer: the HTTP JSON API and the web page (SPEC `newsdex serve`), on cpp-httplib with a
// fixed pool of worker threads. Each worker thread has its own Searcher (its own Xapian
// database handle); they share one FacetIndexCache. Handlers only translate HTTP to the
// searcher library and back.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace newsdex {

class FacetIndexCache;

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  int threads = 4;
  bool access_log = true;  // one line per request on stderr
  std::size_t max_body_bytes = 64 * 1024;
  int timeout_seconds = 10;  // read and write timeouts per connection
};

class NewsServer {
 public:
  // Opens the database once to check it (throws DatabaseError) and sets up the routes.
  explicit NewsServer(ServerOptions options);
  ~NewsServer();
  NewsServer(const NewsServer&) = delete;
  NewsServer& operator=(const NewsServer&) = delete;

  // Binds the listening socket and returns its port. Throws std::runtime_error when the
  // address cannot be bound.
  int bind();
  // Serves until stop(). REQUIRES: bind() succeeded.
  void serve();
  // Makes serve() return; safe from any thread.
  void stop();
  int port() const { return port_; }

 private:
  void install_routes();
  ServerOptions options_;
  std::unique_ptr<httplib::Server> http_;
  std::shared_ptr<FacetIndexCache> facet_cache_;
  int port_ = 0;
};

}  // namespace newsdex
