// Real xapian-tcpsrv shards for the cluster tests: a stock server per database on 127.0.0.1,
// started as a process of its own and killed with the children it forks per connection.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
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
    // posix_spawn, not fork: the tests start shards while server threads run, and a forked
    // child of a threaded process may only call async-signal-safe functions before exec.
    const std::string p = std::to_string(port_);
    std::vector<std::string> args = {
        "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", p, db};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);  // a group of its own, with its connection children
    const int failed = posix_spawnp(&pid_, "xapian-tcpsrv", &files, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&files);
    EXPECT_EQ(failed, 0) << "cannot start xapian-tcpsrv";
    if (failed != 0) pid_ = -1;
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
