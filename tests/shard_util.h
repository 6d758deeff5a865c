// Real xapian-tcpsrv shards for the cluster tests: a stock server per database on 127.0.0.1,
// started as a process of its own and killed with the children it forks per connection.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace newsdex::testing {

inline bool have_tcpsrv() { return run_command("command -v xapian-tcpsrv >/dev/null") == 0; }

// A TCP socket on 127.0.0.1 (a free port when `port` is 0), listening or not.
struct Socket {
  int fd = -1;
  int port = 0;
  explicit Socket(bool listening) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    if (listening) {
      EXPECT_EQ(listen(fd, 16), 0);
    }
  }
  ~Socket() { close(fd); }
};

inline int free_port() { return Socket(false).port; }

inline bool answers(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// A stock xapian-tcpsrv serving `db` on 127.0.0.1, in a process group of its own (it forks a
// child per connection), killed with the group when stopped.
class ShardServer {
 public:
  explicit ShardServer(const std::string& db, int port = 0) : port_(port ? port : free_port()) {
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      const std::string p = std::to_string(port_);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
             p.c_str(), db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    setpgid(pid_, pid_);
    for (int i = 0; i < 200 && !answers(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(answers(port_)) << "xapian-tcpsrv did not start on port " << port_;
  }
  ~ShardServer() { stop(); }
  ShardServer(const ShardServer&) = delete;
  ShardServer& operator=(const ShardServer&) = delete;
  void stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  int port() const { return port_; }
  std::string line() const { return "remote 127.0.0.1:" + std::to_string(port_) + "\n"; }

 private:
  int port_;
  pid_t pid_ = -1;
};

using Servers = std::vector<std::unique_ptr<ShardServer>>;

// Serves each database of `dbs` and writes the stub `stub` listing them.
inline Servers serve(const std::vector<std::string>& dbs, const std::string& stub) {
  Servers servers;
  std::string lines = "# a test cluster\n";
  for (const auto& db : dbs) {
    servers.push_back(std::make_unique<ShardServer>(db));
    lines += servers.back()->line();
  }
  write_file(stub, lines);
  return servers;
}

}  // namespace newsdex::testing
