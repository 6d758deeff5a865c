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

namespace newsdex {

namespace {

using Clock = std::chrono::steady_clock;

// Larger than cpp-httplib's URI limit (8 KiB) plus ordinary headers: past it the head goes to
// httplib, which answers 414 or 400.
constexpr std::size_t kMaxHeadBytes = 16 * 1024;

bool head_complete(const std::string& buf) {
  return buf.find("\r\n\r\n") != std::string::npos || buf.find("\n\n") != std::string::npos;
}

int millis_until(Clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
}

void close_connection(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

void ip_and_port(const sockaddr_storage& addr, std::string& ip, int& port) {
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
// deadline, so a request trickled in slowly cannot hold the worker past it.
class GateStream final : public httplib::Stream {
 public:
  GateStream(int fd, std::string buffered, Clock::time_point read_deadline,
             std::chrono::milliseconds write_timeout)
      : fd_(fd),
        buf_(std::move(buffered)),
        read_deadline_(read_deadline),
        write_timeout_(write_timeout) {}

  bool is_readable() const override {
    return pos_ < buf_.size() || wait_for(POLLIN, millis_until(read_deadline_));
  }
  bool is_writable() const override {
    return wait_for(POLLOUT, static_cast<int>(write_timeout_.count()));
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
    if (!is_writable()) return -1;
    return ::send(fd_, ptr, size, MSG_NOSIGNAL);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip_and_port(addr, ip, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip_and_port(addr, ip, port);
    }
  }
  socket_t socket() const override { return fd_; }

  // Bytes read past the request just answered (a pipelined next request).
  std::string leftover() const { return buf_.substr(pos_); }

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
  std::chrono::milliseconds write_timeout_;
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
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("pipe failed");
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
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  ready_cv_.notify_all();
  wake_gate();
  gate_.join();
  for (auto& w : workers_) w.join();
  joined_ = true;
  for (auto& c : waiting_) close_connection(c.fd);
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
    std::lock_guard lock(mu_);
    if (stopping_) {
      close_connection(c.fd);
      return;
    }
    arriving_.push_back(std::move(c));
  }
  wake_gate();
}

void GatedServer::gate_loop() {
  std::vector<pollfd> fds;
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      for (auto& c : arriving_) waiting_.push_back(std::move(c));
      arriving_.clear();
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
    if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) continue;
    if (fds[0].revents != 0) {
      char drain[256];
      while (::read(wake_pipe_[0], drain, sizeof drain) > 0) {
      }
    }
    const auto now = Clock::now();
    std::vector<Connection> ready;
    std::vector<Connection> still;
    for (std::size_t i = 0; i < waiting_.size(); ++i) {
      Connection& c = waiting_[i];
      if ((fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        char chunk[4096];
        const std::size_t room = std::min(sizeof chunk, kMaxHeadBytes - c.head.size());
        const ssize_t n = ::recv(c.fd, chunk, room, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
          close_connection(c.fd);  // the client went away
          continue;
        }
        if (n > 0) {
          if (c.idle) c.deadline = now + limits_.head_timeout;  // a request has begun
          c.idle = false;
          c.head.append(chunk, static_cast<std::size_t>(n));
          if (head_complete(c.head) || c.head.size() >= kMaxHeadBytes) {
            ready.push_back(std::move(c));
            continue;
          }
        }
      }
      if (now >= c.deadline) {
        close_connection(c.fd);  // too slow, or idle too long
        continue;
      }
      still.push_back(std::move(c));
    }
    waiting_ = std::move(still);
    if (!ready.empty()) {
      {
        std::lock_guard lock(mu_);
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
      std::unique_lock lock(mu_);
      ready_cv_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
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
    GateStream stream(c.fd, std::move(c.head), Clock::now() + limits_.head_timeout,
                      limits_.write_timeout);
    bool stopping;
    {
      std::lock_guard lock(mu_);
      stopping = stopping_;
    }
    const bool last = ++c.served >= limits_.max_requests_per_connection || stopping;
    bool closed = false;
    const bool ok = process_request(stream, last, closed, nullptr);
    if (!ok || closed || last) {
      close_connection(c.fd);
      return;
    }
    c.head = stream.leftover();
    if (head_complete(c.head)) continue;  // a pipelined request is already here
    c.idle = c.head.empty();
    c.since = Clock::now();
    c.deadline = c.since + (c.idle ? limits_.keep_alive_timeout : limits_.head_timeout);
    wait_in_gate(std::move(c));
    return;
  }
}

}  // namespace newsdex
