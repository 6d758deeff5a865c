#include "searcher/server/server.h"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>
#include <string_view>

#include "core/errors.h"
#include "searcher/deadline.h"
#include "searcher/request.h"
#include "searcher/revision_state.h"
#include "searcher/search.h"
#include "searcher/server/connection_gate.h"
#include "searcher/server/web_assets.h"
#include "searcher/trends.h"

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
  send_json(res, status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// `s` with control bytes, DEL, backslash and non-ASCII bytes written as \xHH, so that a
// client cannot start a new line, send escape codes or NUL bytes into the access log.
std::string log_safe(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f || c == '\\') {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += ch;
    }
  }
  return out;
}

// The host of a Host header value ("Name", "name:8080", "[::1]:8080") lower-cased, without
// its port, or "" when the value is not one. A bare IPv6 address ("::1") is not a Host.
std::string host_name(std::string_view v) {
  std::size_t end = v.find(':');
  if (!v.empty() && v.front() == '[') {
    end = v.find(']');
    if (end == std::string_view::npos) return "";
    ++end;
  }
  const std::string_view port = end < v.size() ? v.substr(end) : std::string_view();
  if (!port.empty() && (port.size() < 2 || port.size() > 6 || port.front() != ':' ||
                        port.find_first_not_of("0123456789", 1) != std::string_view::npos)) {
    return "";
  }
  std::string name(v.substr(0, end));
  const bool bracketed = !name.empty() && name.front() == '[';
  const char* allowed =
      bracketed ? "[]:.0123456789abcdef" : "-._0123456789abcdefghijklmnopqrstuvwxyz";
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.empty() || name.find_first_not_of(allowed) != std::string::npos) return "";
  return name;
}

// An address or name as a Host header writes it: IPv6 addresses in brackets.
std::string as_host(const std::string& host) {
  return host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
}

// The Host check (ServerOptions::check_host): 0 to answer, 400 for a value that is no host,
// 421 for another server's name.
std::function<int(std::string_view)> host_check(const ServerOptions& o) {
  if (!o.check_host) return nullptr;
  std::set<std::string> names = {"127.0.0.1", "localhost", "[::1]", host_name(as_host(o.host))};
  for (const auto& a : o.allowed_hosts) names.insert(host_name(as_host(a)));
  const bool everywhere = o.host.empty() || o.host == "0.0.0.0" || o.host == "::";
  const bool any = everywhere && o.allowed_hosts.empty();
  return [names, any](std::string_view value) {
    const std::string name = host_name(value);
    if (name.empty()) return 400;
    return any || names.count(name) != 0 ? 0 : 421;
  };
}

GateLimits gate_limits(const ServerOptions& o) {
  GateLimits g;
  g.workers = o.threads;
  g.head_timeout = std::chrono::seconds(o.head_timeout_seconds);
  g.keep_alive_timeout = std::chrono::seconds(o.keep_alive_seconds);
  g.write_timeout = std::chrono::seconds(o.timeout_seconds);
  g.check_host = host_check(o);
  return g;
}

// Why `host:port` cannot be bound, or "" when it can (checked before httplib binds, which
// does not say why it failed).
std::string bind_problem(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
    return "not an address of this machine";
  }
  std::string problem;
  const int fd = socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  const int yes = 1;
  if (fd < 0) {
    problem = std::strerror(errno);
  } else {
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0) {
      problem = errno == EADDRINUSE      ? "in use"
                : errno == EADDRNOTAVAIL ? "not an address of this machine"
                                         : std::strerror(errno);
    }
    ::close(fd);
  }
  freeaddrinfo(found);
  return problem;
}

using Params = std::vector<std::pair<std::string, std::string>>;

Params params_of(const httplib::Request& req) { return {req.params.begin(), req.params.end()}; }

// The JSON API, one row per endpoint: its path (an httplib pattern; `(.+)` is an id) and the
// answer it sends with status 200, from the worker's Searcher and the request. What an answer
// throws becomes an error in send_thrown.
struct ApiRoute {
  const char* path;
  std::string (*answer)(Searcher&, const httplib::Request&);  // the JSON body
};

const ApiRoute kApiRoutes[] = {
    {"/api/search",
     [](Searcher& s, const httplib::Request& r) {
       return result_to_json(s.search(parse_search_params(params_of(r)))).dump();
     }},
    {R"(/api/documents/(.+))",
     [](Searcher& s, const httplib::Request& r) { return s.document(r.matches[1].str()).dump(); }},
    {R"(/api/stories/(.+))",
     [](Searcher& s, const httplib::Request& r) { return s.story(r.matches[1].str()).dump(); }},
    {"/api/stats", [](Searcher& s, const httplib::Request&) { return s.stats().dump(); }},
    {"/api/trends/series",
     [](Searcher& s, const httplib::Request& r) {
       return series_to_json(trend_series(s, parse_series_params(params_of(r)))).dump();
     }},
    {"/api/trends/surging",
     [](Searcher& s, const httplib::Request& r) {
       return surging_to_json(trend_surging(s, parse_surging_params(params_of(r)))).dump();
     }},
};

// Sends the error being handled as JSON, with the status of its kind and no internals (the
// one place that maps the project's errors to HTTP statuses). Call only inside a catch block.
void send_thrown(httplib::Response& res) {
  try {
    throw;
  } catch (const TimeoutError& e) {
    send_error(res, 503, "timeout", e.what());
  } catch (const UsageError& e) {
    send_error(res, 400, "bad_query", e.what());
  } catch (const NotFoundError& e) {
    send_error(res, 404, "not_found", e.what());
  } catch (const ShardError& e) {
    send_error(res, 503, "shard_unavailable", e.what());
  } catch (const DamagedDatabaseError& e) {
    send_error(res, 500, "database_damaged", e.what());
  } catch (const DatabaseError&) {
    send_error(res, 500, "database_unavailable", "the database cannot be read");
  } catch (const Xapian::DatabaseCorruptError&) {
    send_error(res, 500, "database_damaged",
               "the database is damaged: Xapian found a corrupt block; restore it from a copy "
               "or index the articles again");
  } catch (const Xapian::Error& e) {
    send_error(res, 500, "internal", std::string("the search failed (") + e.get_type() + ")");
  } catch (...) {
    send_error(res, 500, "internal", "the search failed");
  }
}

}  // namespace

NewsServer::NewsServer(ServerOptions options)
    : options_(validated(std::move(options))),
      http_(std::make_unique<GatedServer>(gate_limits(options_))),
      state_cache_(std::make_shared<RevisionStateCache>()) {
  Searcher check(options_.db_path);  // fails early, with the database's own message
  http_->set_payload_max_length(options_.max_body_bytes);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which lets a second server
  // share a port that is in use.
  http_->set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // Without it, Nagle's algorithm and delayed ACKs hold each keep-alive response ~40 ms.
  http_->set_tcp_nodelay(true);
  install_routes();
}

NewsServer::~NewsServer() = default;

void NewsServer::install_routes() {
  // One Searcher per worker thread, created on its first request; all share state_cache_.
  auto searcher = [this]() -> Searcher& {
    thread_local std::unique_ptr<Searcher> mine;
    thread_local const NewsServer* owner = nullptr;
    if (!mine || owner != this) {
      mine = std::make_unique<Searcher>(options_.db_path, state_cache_);
      owner = this;
    }
    return *mine;
  };

  // Every API handler runs under the request's deadline; its errors end in send_thrown.
  const auto budget = std::chrono::milliseconds(options_.query_timeout_ms);
  http_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  for (const ApiRoute& route : kApiRoutes) {
    const auto answer = route.answer;
    http_->Get(route.path,
               [searcher, budget, answer](const httplib::Request& req, httplib::Response& res) {
                 try {
                   const Deadline deadline(budget);
                   const DeadlineScope scope(deadline.limited() ? &deadline : nullptr);
                   send_json(res, 200, answer(searcher(), req));
                 } catch (...) {
                   send_thrown(res);
                 }
               });
  }

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
      std::fprintf(stderr, "%s %s %d %.2fms\n", log_safe(req.method).c_str(),
                   log_safe(req.path).c_str(), res.status, ms);
    });
  }
}

int NewsServer::bind() {
  if (options_.port != 0) {
    if (const std::string why = bind_problem(options_.host, options_.port); !why.empty()) {
      throw ServerError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                        ": " + why);
    }
  }
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.host);
  } else {
    port_ = http_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    const std::string why = bind_problem(options_.host, options_.port);
    throw ServerError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                      ": " + (why.empty() ? "the address cannot be bound" : why));
  }
  return port_;
}

void NewsServer::serve() {
  http_->listen_after_bind();
  http_->shutdown_gate();
}

ServerOptions NewsServer::validated(ServerOptions o) {
  if (o.port < 0 || o.port > 65535) {
    throw UsageError("--port must be between 0 and 65535, not " + std::to_string(o.port));
  }
  if (o.threads < 1) throw UsageError("--threads must be at least 1");
  if (o.query_timeout_ms < 0) throw UsageError("--query-timeout must be 0 (no limit) or more");
  return o;
}

void NewsServer::stop() { http_->stop(); }

}  // namespace newsdex
