// GatedServer: cpp-httplib's Server with its connections kept away from the worker threads
// until a whole request head has arrived. Slow or idle clients (a request line sent a byte at
// a time, an idle keep-alive connection) wait in one poll() thread, the gate, and never hold
// a worker; a worker takes a connection only when it has a request to answer (issue 17).
//
// Limits: a request head must arrive within `head_timeout` of its first byte (or of the
// connection's start), the rest of the request within the same time once a worker has it;
// an idle keep-alive connection is closed after `keep_alive_timeout`; at most
// `max_waiting` connections wait in the gate (the longest-waiting are closed first).
//
// The gate also judges each head before a worker sees it (issue 30): its size and header
// count while it arrives (431, or 413 for a long request line), its syntax, the framing of a
// body (a GET with a body, Transfer-Encoding, two Content-Lengths: 400, so that no body is
// ever read as a second request) and its Host header. A refused connection gets a JSON error
// and is closed. A response must be written whole within `write_timeout`.
#pragma once

#include <httplib.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/thread_annotations.h"

namespace newsdex {

struct GateLimits {
  int workers = 4;                                     // threads that answer requests
  std::chrono::milliseconds head_timeout{5000};        // whole request head, from its first byte
  std::chrono::milliseconds keep_alive_timeout{5000};  // idle between requests
  std::chrono::milliseconds write_timeout{10000};      // a whole response, all its writes
  // A response whose client has taken no byte for this long is abandoned while other
  // requests wait for a worker: a client that does not read holds a worker only when no one
  // else needs it.
  std::chrono::milliseconds write_stall_timeout{250};
  std::size_t max_waiting = 512;                  // connections in the gate
  std::size_t max_requests_per_connection = 100;  // then the connection is closed
  std::size_t max_head_bytes = 16 * 1024;         // request line and headers
  std::size_t max_header_count = 100;
  // After a refusal, what the client still sends is read and dropped for this long before
  // the connection is closed: closing with unread bytes resets the connection, which can
  // destroy the error answer before the client reads it.
  std::chrono::milliseconds linger_timeout{1000};
  // The Host header's value -> 0 to answer, or the status to refuse with (400, 421).
  // Empty: any Host.
  std::function<int(std::string_view)> check_host;
};

class GatedServer : public httplib::Server {
 public:
  explicit GatedServer(GateLimits limits);
  ~GatedServer() override;
  GatedServer(const GatedServer&) = delete;
  GatedServer& operator=(const GatedServer&) = delete;

  // Closes the waiting connections, lets the workers finish the requests they hold, and
  // joins every thread. Call after listen_after_bind() has returned; idempotent.
  void shutdown_gate();

 private:
  using Clock = std::chrono::steady_clock;
  struct Connection {
    int fd = -1;
    std::string head;         // bytes read so far and not yet handed to httplib
    Clock::time_point since;  // when it began waiting (eviction order)
    Clock::time_point deadline;
    bool idle = true;  // no byte of the next request yet
    std::size_t served = 0;
    std::size_t scanned = 0;  // bytes of `head` already checked for line ends
    std::size_t lines = 0;    // line ends in them
    bool lingering = false;   // refused: draining what the client still sends
  };

  // Called by httplib for each accepted socket (on the accepting thread, see the task queue
  // set in the constructor): hands the socket to the gate and returns at once.
  bool process_and_close_socket(socket_t sock) override;
  void wait_in_gate(Connection c);
  void gate_loop();
  // Moves `c` to `ready` when its head is whole and sound (true); refuses it when the head is
  // not (it then lingers), or leaves it waiting for more bytes (false).
  bool examine(Connection& c, std::vector<Connection>& ready);
  void refuse(Connection& c, int status, const char* code, const char* message);
  bool others_wait();  // a request waits for a worker
  void worker_loop();
  // Answers the requests of `c` while whole ones are at hand, then hands it back or closes it.
  void serve(Connection c);
  void wake_gate();

  const GateLimits limits_;
  Mutex mu_;
  std::condition_variable ready_cv_;
  std::vector<Connection> arriving_ GUARDED_BY(mu_);  // handed to the gate, not yet polled
  std::deque<Connection> ready_ GUARDED_BY(mu_);      // whole heads, for the workers
  bool stopping_ GUARDED_BY(mu_) = false;
  int wake_pipe_[2] = {-1, -1};
  std::vector<Connection> waiting_;  // the gate thread's own
  std::thread gate_;
  std::vector<std::thread> workers_;
  bool joined_ = false;
};

// Judging a request head (issue 30): inline here, where tests can call it, so that
// connection_gate.cc stays short.
namespace gate_head {

// cpp-httplib's own limits for the request line and for one header line: the gate refuses
// longer ones itself, so that httplib never answers 414 or 400 on a connection left open.
constexpr std::size_t kMaxLineBytes = 8192;

// A head judged: whole and sound, not whole yet, or refused with a status and a JSON error.
struct Verdict {
  enum Kind { incomplete, sound, refused } kind = incomplete;
  int status = 0;
  const char* code = "";
  const char* message = "";
};

inline Verdict refusal(int status, const char* message) {
  const char* code = status == 400 ? "bad_request" : status == 421 ? "wrong_host" : "too_large";
  return {Verdict::refused, status, code, message};
}

inline bool is_token_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return std::isalnum(c) != 0 || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

// The request line: one of the methods httplib routes, a target without spaces or control
// bytes (and at most one '?', as httplib parses it), HTTP/1.0 or 1.1. Sets `method` and
// whether the version is 1.1.
inline Verdict judge_request_line(std::string_view line, std::string_view& method, bool& http11) {
  if (line.size() > kMaxLineBytes) return refusal(413, "the request URI is too long");
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    return refusal(400, "the request line is not METHOD TARGET VERSION");
  }
  method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  static constexpr std::string_view kMethods[] = {"GET",    "HEAD",    "POST", "PUT",
                                                  "DELETE", "OPTIONS", "PATCH"};
  if (std::find(std::begin(kMethods), std::end(kMethods), method) == std::end(kMethods)) {
    return refusal(400, "the method is not one this server knows");
  }
  // Control bytes were refused with the whole head (judge_head).
  const std::string_view path = target.substr(0, target.find('#'));
  if (target.empty() || std::count(path.begin(), path.end(), '?') > 1) {
    return refusal(400, "the request target is malformed");
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return refusal(400, "the HTTP version is not 1.0 or 1.1");
  }
  http11 = version == "HTTP/1.1";
  return {Verdict::sound};
}

// A whole head (request line and header lines, each ending in CRLF, without the blank line).
inline Verdict judge_whole_head(std::string_view head, const GateLimits& limits) {
  const auto first_end = head.find("\r\n");
  std::string_view method;
  bool http11 = false;
  if (Verdict v = judge_request_line(head.substr(0, first_end), method, http11);
      v.kind != Verdict::sound) {
    return v;
  }
  std::size_t count = 0, hosts = 0, lengths = 0;
  std::string_view host, length;
  bool chunked = false;
  for (std::size_t at = first_end + 2; at < head.size();) {
    const auto end = head.find("\r\n", at);
    const std::string_view line = head.substr(at, end - at);
    at = end + 2;
    if (++count > limits.max_header_count) return refusal(431, "too many header lines");
    if (line.size() > kMaxLineBytes) return refusal(431, "a header line is over 8 KiB");
    const auto colon = line.find(':');
    // A line starting with white space continues the last one (obsolete folding); a name with
    // white space before its colon is read differently by different parsers.
    if (colon == 0 || colon == std::string_view::npos ||
        !std::all_of(line.begin(), line.begin() + static_cast<long>(colon), is_token_char)) {
      return refusal(400, "a header line is not NAME: VALUE");
    }
    const std::string_view name = line.substr(0, colon);
    const auto from = std::min(line.find_first_not_of(" \t", colon + 1), line.size());
    const std::string_view value = line.substr(from, line.find_last_not_of(" \t") + 1 - from);
    const auto is = [&name](std::string_view n) {
      return name.size() == n.size() && strncasecmp(name.data(), n.data(), n.size()) == 0;
    };
    if (is("host")) {
      ++hosts;
      host = value;
    } else if (is("content-length")) {
      ++lengths;
      length = value;
    } else if (is("transfer-encoding")) {
      chunked = true;
    }
  }
  // No endpoint takes a body, so a body is framed only one way, by one Content-Length, and
  // never on a method whose body httplib would leave unread (to be read as the next request).
  if (chunked) return refusal(400, "Transfer-Encoding is not accepted");
  if (lengths > 1) return refusal(400, "more than one Content-Length");
  if (lengths == 1) {
    if (length.empty() || length.size() > 18 ||
        length.find_first_not_of("0123456789") != std::string_view::npos) {
      return refusal(400, "Content-Length is not a number");
    }
    const bool unread_body = method == "GET" || method == "HEAD" || method == "OPTIONS";
    if (unread_body && length.find_first_not_of('0') != std::string_view::npos) {
      return refusal(400, "a GET, HEAD or OPTIONS request cannot have a body");
    }
  }
  if (hosts > 1) return refusal(400, "more than one Host header");
  if (hosts == 0 && http11) return refusal(400, "an HTTP/1.1 request needs a Host header");
  if (hosts == 1 && limits.check_host) {
    const int status = limits.check_host(host);
    if (status == 421) return refusal(421, "this server does not answer for that Host");
    if (status != 0) return refusal(400, "the Host header is not a host name");
  }
  return {Verdict::sound};
}

// Judges the bytes of a head read so far. Lines must end in CRLF: a lone CR or LF is where
// one parser sees a line end and another does not; no other control byte belongs in a head.
// `scanned` and `lines` carry what earlier calls saw, so that a head trickled a byte at a time is
// scanned once.
inline Verdict judge_head(const std::string& buf, std::size_t& scanned, std::size_t& lines,
                          const GateLimits& limits) {
  for (; scanned < buf.size(); ++scanned) {
    const char c = buf[scanned];
    if (c == '\n') {
      if (scanned == 0 || buf[scanned - 1] != '\r') {
        return refusal(400, "a line of the request head does not end in CRLF");
      }
      ++lines;
      if (scanned >= 3 && buf.compare(scanned - 3, 4, "\r\n\r\n") == 0) {
        return judge_whole_head(std::string_view(buf).substr(0, scanned - 1), limits);
      }
    } else if (scanned > 0 && buf[scanned - 1] == '\r') {
      return refusal(400, "a line of the request head does not end in CRLF");
    } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
      return refusal(400, "the request head holds a control character");
    }
  }
  if (lines > limits.max_header_count + 1) return refusal(431, "too many header lines");
  if (lines == 0 && buf.size() > kMaxLineBytes) return refusal(413, "the request URI is too long");
  if (buf.size() >= limits.max_head_bytes) {
    return refusal(431, "the request head is over 16 KiB");
  }
  return {};
}

}  // namespace gate_head

}  // namespace newsdex
