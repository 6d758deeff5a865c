// A raw TCP connection to a test server, for the tests that speak HTTP byte by byte (slow,
// malformed and hostile clients): tests/safety/server_safety_test.cc, http_limits_test.cc.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

namespace newsdex::testing {

// A raw TCP connection to 127.0.0.1:port; `rcvbuf` > 0 shrinks its receive buffer first.
class Socket {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Socket(int port, int rcvbuf = 0) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (rcvbuf > 0) setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  bool connected() const { return connected_; }
  int fd() const { return fd_; }
  // Sends all of `s` unless the server closes first; false then.
  bool send(const std::string& s) {
    for (std::size_t sent = 0; sent < s.size();) {
      const ssize_t n = ::send(fd_, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // Reads for up to `ms`, until the server closes (closed = true) or, when `one_answer`, a
  // whole answer (head and a Content-Length body) has arrived.
  std::string receive(int ms, bool& closed, bool one_answer = true) {
    std::string out;
    closed = false;
    const auto end = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(left, 1))) <= 0) break;
      char buf[65536];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed = true;
        break;
      }
      out.append(buf, static_cast<std::size_t>(n));
      if (one_answer && answer_complete(out)) break;
    }
    return out;
  }

 private:
  static bool answer_complete(const std::string& s) {
    const auto end = s.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const auto cl = s.find("Content-Length: ");
    if (cl == std::string::npos || cl > end) return true;
    return s.size() >= end + 4 + std::stoul(s.substr(cl + 16));
  }
  int fd_;
  bool connected_ = false;
};

}  // namespace newsdex::testing
