#include "searcher/server/connection_gate.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "core/errors.h"

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;
using gate_head::judge_head;
using gate_head::Verdict;

// What a refused client may still send, read and dropped, before its connection is closed.
constexpr std::size_t kMaxLingerBytes = 1024 * 1024;

int millis_until(Clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
}

void close_connection(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

// Closes with a reset: what the kernel still holds of an abandoned response (up to its send
// buffer, megabytes) is dropped at once instead of waiting for a client that does not read.
void abort_connection(int fd) {
  const linger reset{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  ::close(fd);
}

// The address of the peer (`remote`) or of this end of a socket.
void address_of(int fd, bool remote, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* any = reinterpret_cast<sockaddr*>(&addr);
  if ((remote ? getpeername(fd, any, &len) : getsockname(fd, any, &len)) != 0) return;
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

// A socket stream for httplib::Server::process_request that starts with the bytes the gate
// read, buffers reads (httplib reads the head a byte at a time), and stops reading at a
// deadline, so a request trickled in slowly cannot hold the worker past it. Writes never
// block: a response must be taken whole within the write timeout (one slow write after
// another could hold the worker for long), and sooner when others wait (`contended`).
class GateStream final : public httplib::Stream {
 public:
  GateStream(int fd, std::string buffered, Clock::time_point read_deadline,
             const GateLimits& limits, std::function<bool()> contended)
      : fd_(fd),
        buf_(std::move(buffered)),
        read_deadline_(read_deadline),
        limits_(limits),
        contended_(std::move(contended)) {}

  bool is_readable() const override {
    return pos_ < buf_.size() || wait_for(POLLIN, millis_until(read_deadline_));
  }
  bool is_writable() const override {
    return !writing_ || wait_for(POLLOUT, millis_until(write_deadline_));
  }
  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == buf_.size()) {
      buf_.clear();
      pos_ = 0;
      if (!wait_for(POLLIN, millis_until(read_deadline_))) return -1;
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return n;
      buf_.assign(chunk, static_cast<std::size_t>(n));
    }
    const std::size_t n = std::min(size, buf_.size() - pos_);
    std::copy_n(buf_.data() + pos_, n, ptr);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!writing_) {  // the response's first write starts its deadline
      writing_ = true;
      progress_ = Clock::now();
      write_deadline_ = progress_ + limits_.write_timeout;
    }
    while (true) {
      const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        progress_ = Clock::now();
        return n;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return -1;
      const auto now = Clock::now();
      const auto stalled = progress_ + limits_.write_stall_timeout;
      if (now >= write_deadline_ || (now >= stalled && contended_())) {
        abandoned_ = true;
        return -1;
      }
      // Wakes when the client reads, or to look again whether others wait.
      const auto look = now >= stalled ? now + limits_.write_stall_timeout : stalled;
      wait_for(POLLOUT, millis_until(std::min(look, write_deadline_)) + 1);
    }
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, false, ip, port);
  }
  socket_t socket() const override { return fd_; }

  // Bytes read past the request just answered (a pipelined next request).
  std::string leftover() const { return buf_.substr(pos_); }
  // Whether a response was given up for its deadline.
  bool abandoned() const { return abandoned_; }

 private:
  bool wait_for(short events, int timeout_ms) const {
    pollfd p{fd_, events, 0};
    int r;
    do {
      r = ::poll(&p, 1, timeout_ms);
    } while (r < 0 && errno == EINTR);
    return r > 0 && (p.revents & (events | POLLHUP)) != 0;
  }

  int fd_;
  std::string buf_;
  std::size_t pos_ = 0;
  Clock::time_point read_deadline_;
  const GateLimits& limits_;
  std::function<bool()> contended_;
  bool writing_ = false, abandoned_ = false;
  Clock::time_point write_deadline_, progress_;
};

// httplib hands each accepted socket to its task queue; this one runs the task on the
// accepting thread, where process_and_close_socket only passes the socket to the gate.
class InlineQueue final : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

}  // namespace

GatedServer::GatedServer(GateLimits limits) : limits_(limits) {
  new_task_queue = [] { return new InlineQueue(); };
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0)
    throw ServerError(std::string("cannot start the server: pipe failed: ") + std::strerror(errno));
  gate_ = std::thread([this] { gate_loop(); });
  for (int i = 0; i < std::max(1, limits_.workers); ++i) {
    workers_.emplace_back([this] { worker_loop(); });
  }
}

GatedServer::~GatedServer() {
  shutdown_gate();
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

void GatedServer::shutdown_gate() {
  if (joined_) return;
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  ready_cv_.notify_all();
  wake_gate();
  gate_.join();
  for (auto& w : workers_) w.join();
  joined_ = true;
  for (auto& c : waiting_) close_connection(c.fd);
  MutexLock lock(mu_);  // no other thread is left, but the analysis checks every access
  for (auto& c : arriving_) close_connection(c.fd);
  for (auto& c : ready_) close_connection(c.fd);
  waiting_.clear();
  arriving_.clear();
  ready_.clear();
}

bool GatedServer::process_and_close_socket(socket_t sock) {
  const int one = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  Connection c;
  c.fd = sock;
  c.since = Clock::now();
  c.deadline = c.since + limits_.head_timeout;
  c.idle = false;  // a new connection owes its first request within the head timeout
  wait_in_gate(std::move(c));
  return true;
}

void GatedServer::wake_gate() {
  const char byte = 1;
  [[maybe_unused]] const auto n = ::write(wake_pipe_[1], &byte, 1);
}

void GatedServer::wait_in_gate(Connection c) {
  {
    MutexLock lock(mu_);
    if (stopping_) {
      close_connection(c.fd);
      return;
    }
    arriving_.push_back(std::move(c));
  }
  wake_gate();
}

bool GatedServer::examine(Connection& c, std::vector<Connection>& ready) {
  const Verdict v = judge_head(c.head, c.scanned, c.lines, limits_);
  if (v.kind == Verdict::sound) {
    ready.push_back(std::move(c));
    return true;
  }
  if (v.kind == Verdict::refused) refuse(c, v.status, v.code, v.message);
  return false;
}

void GatedServer::refuse(Connection& c, int status, const char* code, const char* message) {
  // The messages are the gate's own words: nothing to escape.
  const std::string body =
      std::string(R"({"error":{"code":")") + code + R"(","message":")" + message + "\"}}";
  const char* reason = status == 413   ? "Payload Too Large"
                       : status == 421 ? "Misdirected Request"
                       : status == 431 ? "Request Header Fields Too Large"
                                       : "Bad Request";
  const std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                             "\r\nContent-Type: application/json; charset=utf-8\r\n"
                             "Cache-Control: no-store\r\nConnection: close\r\n"
                             "Content-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n" + body;
  // Small enough for the socket's buffer; the connection ends whether or not it all fits.
  [[maybe_unused]] const auto n =
      ::send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(c.fd, SHUT_WR);
  c.lingering = true;
  c.head = std::string();
  c.lines = 0;  // counts the bytes drained from now on
  c.deadline = Clock::now() + limits_.linger_timeout;
}

bool GatedServer::others_wait() {
  MutexLock lock(mu_);
  return !ready_.empty();
}

void GatedServer::gate_loop() {
  std::vector<pollfd> fds;
  while (true) {
    std::vector<Connection> arrived;
    {
      MutexLock lock(mu_);
      if (stopping_) return;
      arrived.swap(arriving_);
    }
    std::vector<Connection> ready;
    // A connection back from a worker may bring the start of a pipelined request, or a
    // whole one that is refused here.
    for (auto& c : arrived) {
      if (c.head.empty() || !examine(c, ready)) waiting_.push_back(std::move(c));
    }
    // The longest-waiting connections go first when too many wait.
    if (waiting_.size() > limits_.max_waiting) {
      std::sort(waiting_.begin(), waiting_.end(),
                [](const Connection& a, const Connection& b) { return a.since < b.since; });
      const std::size_t excess = waiting_.size() - limits_.max_waiting;
      for (std::size_t i = 0; i < excess; ++i) close_connection(waiting_[i].fd);
      waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<long>(excess));
    }
    fds.assign(1, pollfd{wake_pipe_[0], POLLIN, 0});
    int timeout = 1000;
    for (const auto& c : waiting_) {
      fds.push_back(pollfd{c.fd, POLLIN, 0});
      timeout = std::min(timeout, millis_until(c.deadline) + 1);
    }
    if (!ready.empty()) timeout = 0;
    if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) continue;
    if (fds[0].revents != 0) {
      char drain[256];
      while (::read(wake_pipe_[0], drain, sizeof drain) > 0) {
      }
    }
    const auto now = Clock::now();
    std::vector<Connection> still;
    for (std::size_t i = 0; i < waiting_.size(); ++i) {
      Connection& c = waiting_[i];
      if ((fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        char chunk[4096];
        const std::size_t room =
            c.lingering ? sizeof chunk
                        : std::min(sizeof chunk, limits_.max_head_bytes - c.head.size());
        const ssize_t n = ::recv(c.fd, chunk, room, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
          close_connection(c.fd);  // the client went away
          continue;
        }
        if (n > 0 && c.lingering) {
          c.lines += static_cast<std::size_t>(n);
          if (c.lines > kMaxLingerBytes) {
            close_connection(c.fd);
            continue;
          }
        } else if (n > 0) {
          if (c.idle) c.deadline = now + limits_.head_timeout;  // a request has begun
          c.idle = false;
          c.head.append(chunk, static_cast<std::size_t>(n));
          if (examine(c, ready)) continue;
        }
      }
      if (now >= c.deadline) {
        close_connection(c.fd);  // too slow, idle too long, or done lingering
        continue;
      }
      still.push_back(std::move(c));
    }
    waiting_ = std::move(still);
    if (!ready.empty()) {
      {
        MutexLock lock(mu_);
        for (auto& c : ready) ready_.push_back(std::move(c));
      }
      ready_cv_.notify_all();
    }
  }
}

void GatedServer::worker_loop() {
  while (true) {
    Connection c;
    {
      MutexLock lock(mu_);
      ready_cv_.wait(lock.native(),
                     [this]() REQUIRES(mu_) { return stopping_ || !ready_.empty(); });
      if (ready_.empty()) return;  // stopping, and nothing left to answer
      c = std::move(ready_.front());
      ready_.pop_front();
    }
    serve(std::move(c));
  }
}

void GatedServer::serve(Connection c) {
  while (true) {
    // The rest of the request (a body) must come within the head timeout too.
    GateStream stream(c.fd, std::move(c.head), Clock::now() + limits_.head_timeout, limits_,
                      [this] { return others_wait(); });
    bool stopping;
    {
      MutexLock lock(mu_);
      stopping = stopping_;
    }
    const bool last = ++c.served >= limits_.max_requests_per_connection || stopping;
    bool closed = false;
    const bool ok = process_request(stream, last, closed, nullptr);
    if (stream.abandoned()) {
      abort_connection(c.fd);
      return;
    }
    if (!ok || closed || last) {
      close_connection(c.fd);
      return;
    }
    c.head = stream.leftover();
    c.scanned = c.lines = 0;
    // A pipelined request already here, and sound, is answered at once; one that is not
    // goes to the gate, which waits for the rest of it or refuses it.
    if (judge_head(c.head, c.scanned, c.lines, limits_).kind == Verdict::sound) continue;
    c.scanned = c.lines = 0;
    c.idle = c.head.empty();
    c.since = Clock::now();
    c.deadline = c.since + (c.idle ? limits_.keep_alive_timeout : limits_.head_timeout);
    wait_in_gate(std::move(c));
    return;
  }
}

}  // namespace newsdex
