#include "searcher/server/server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>

#include "core/errors.h"
#include "searcher/facets.h"
#include "searcher/request.h"
#include "searcher/search.h"
#include "searcher/server/web_assets.h"
#include "searcher/stories.h"

namespace newsdex {

namespace {

// The request's start, for the access log: each request runs on one worker thread.
thread_local std::chrono::steady_clock::time_point request_start;

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  send_json(res, status, j.dump());
}

}  // namespace

NewsServer::NewsServer(ServerOptions options)
    : options_(std::move(options)),
      http_(std::make_unique<httplib::Server>()),
      facet_cache_(std::make_shared<FacetIndexCache>()) {
  Searcher check(options_.db_path);  // fails early, with the database's own message
  if (options_.threads < 1) throw UsageError("--threads must be at least 1");
  const auto threads = static_cast<std::size_t>(options_.threads);
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(options_.max_body_bytes);
  http_->set_read_timeout(options_.timeout_seconds, 0);
  http_->set_write_timeout(options_.timeout_seconds, 0);
  http_->set_keep_alive_max_count(100);
  // Without it, Nagle's algorithm and delayed ACKs hold each keep-alive response ~40 ms.
  http_->set_tcp_nodelay(true);
  install_routes();
}

NewsServer::~NewsServer() = default;

void NewsServer::install_routes() {
  // One Searcher per worker thread, created on its first request; all share facet_cache_.
  auto searcher = [this]() -> Searcher& {
    thread_local std::unique_ptr<Searcher> mine;
    thread_local const NewsServer* owner = nullptr;
    if (!mine || owner != this) {
      mine = std::make_unique<Searcher>(options_.db_path, facet_cache_);
      owner = this;
    }
    return *mine;
  };

  // Every handler's errors end here, as JSON with the right status and no internals.
  auto guarded = [](auto handler) {
    return [handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const UsageError& e) {
        send_error(res, 400, "bad_query", e.what());
      } catch (const NotFoundError& e) {
        send_error(res, 404, "not_found", e.what());
      } catch (const DatabaseError&) {
        send_error(res, 500, "database_unavailable", "the database cannot be read");
      } catch (const Xapian::Error& e) {
        send_error(res, 500, "internal", std::string("the search failed (") + e.get_type() + ")");
      } catch (const std::exception&) {
        send_error(res, 500, "internal", "the search failed");
      }
    };
  };

  http_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });

  http_->Get("/api/search",
             guarded([searcher](const httplib::Request& req, httplib::Response& res) {
               std::vector<std::pair<std::string, std::string>> params(req.params.begin(),
                                                                       req.params.end());
               const SearchRequest request = parse_search_params(params);
               send_json(res, 200, result_to_json(searcher().search(request)).dump());
             }));

  http_->Get(R"(/api/documents/(.+))",
             guarded([searcher](const httplib::Request& req, httplib::Response& res) {
               send_json(res, 200, searcher().document(req.matches[1]).dump());
             }));

  http_->Get(R"(/api/stories/(.+))",
             guarded([searcher](const httplib::Request& req, httplib::Response& res) {
               searcher().refresh();
               send_json(res, 200, story_to_json(searcher().database(), req.matches[1]).dump());
             }));

  http_->Get("/api/stats", guarded([searcher](const httplib::Request&, httplib::Response& res) {
               send_json(res, 200, searcher().stats().dump());
             }));

  http_->Get("/favicon.ico", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;  // no icon; answering saves browsers a logged 404
  });

  http_->Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_header(
        "Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'");
    res.set_content(std::string(index_html()), "text/html; charset=utf-8");
  });

  http_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler already wrote a JSON error
    switch (res.status) {
      case 404:
        send_error(res, 404, "not_found", "no such endpoint");
        break;
      case 413:
        send_error(res, 413, "too_large", "the request is too large");
        break;
      case 414:
        send_error(res, 413, "too_large", "the request URI is too long");
        break;
      default:
        send_error(res, res.status, "http_error", "the request could not be served");
    }
  });

  http_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "internal", "the request failed");
      });

  if (options_.access_log) {
    http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                  request_start)
                            .count();
      std::fprintf(stderr, "%s %s %d %.2fms\n", req.method.c_str(), req.path.c_str(), res.status,
                   ms);
    });
  }
}

int NewsServer::bind() {
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.host);
  } else {
    port_ = http_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" +
                             std::to_string(options_.port) +
                             " (in use, or not an address of this machine)");
  }
  return port_;
}

void NewsServer::serve() { http_->listen_after_bind(); }

void NewsServer::stop() { http_->stop(); }

}  // namespace newsdex
