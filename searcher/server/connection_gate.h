// GatedServer: cpp-httplib's Server with its connections kept away from the worker threads
// until a whole request head has arrived. Slow or idle clients (a request line sent a byte at
// a time, an idle keep-alive connection) wait in one poll() thread, the gate, and never hold
// a worker; a worker takes a connection only when it has a request to answer (issue 17).
//
// Limits: a request head must arrive within `head_timeout` of its first byte (or of the
// connection's start), the rest of the request within the same time once a worker has it;
// an idle keep-alive connection is closed after `keep_alive_timeout`; at most
// `max_waiting` connections wait in the gate (the longest-waiting are closed first).
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace newsdex {

struct GateLimits {
  int workers = 4;                                     // threads that answer requests
  std::chrono::milliseconds head_timeout{5000};        // whole request head, from its first byte
  std::chrono::milliseconds keep_alive_timeout{5000};  // idle between requests
  std::chrono::milliseconds write_timeout{10000};      // each write of a response
  std::size_t max_waiting = 512;                       // connections in the gate
  std::size_t max_requests_per_connection = 100;       // then the connection is closed
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
  };

  // Called by httplib for each accepted socket (on the accepting thread, see the task queue
  // set in the constructor): hands the socket to the gate and returns at once.
  bool process_and_close_socket(socket_t sock) override;
  void wait_in_gate(Connection c);
  void gate_loop();
  void worker_loop();
  // Answers the requests of `c` while whole ones are at hand, then hands it back or closes it.
  void serve(Connection c);
  void wake_gate();

  const GateLimits limits_;
  std::mutex mu_;
  std::condition_variable ready_cv_;
  std::vector<Connection> arriving_;  // GUARDED_BY(mu_): handed to the gate, not yet polled
  std::deque<Connection> ready_;      // GUARDED_BY(mu_): whole heads, for the workers
  bool stopping_ = false;             // GUARDED_BY(mu_)
  int wake_pipe_[2] = {-1, -1};
  std::vector<Connection> waiting_;  // the gate thread's own
  std::thread gate_;
  std::vector<std::thread> workers_;
  bool joined_ = false;
};

}  // namespace newsdex
