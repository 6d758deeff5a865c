// Issue 30: a hostile-client pass over the HTTP server. Each test plays one attack against a
// real server on 127.0.0.1 with raw sockets: oversized request heads, slow readers, request
// smuggling, a foreign Host header (DNS rebinding), and the URL printed for an IPv6 address.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "raw_socket.h"
#include "server_util.h"

namespace newsdex::testing {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Two short articles and one whose body is a million quotes and control bytes, which JSON
// writes \" and \u0001: /api/documents/big is a 3 MB answer that costs little to make, more
// than the kernel takes (about 1.7 MB on loopback) from a client that does not read.
constexpr std::size_t kBigAnswer = 3'000'000;
const std::string& database() {
  static TempDir dir;
  static const std::string path = [] {
    std::string big;
    for (int i = 0; i < 250'000; ++i) big += "\\\"\\\"\\\"\\u0001";
    write_file(dir / "a.jsonl",
               "{\"id\":\"1\",\"title\":\"Samsung opens a plant\",\"date\":\"2018-01-01\"}\n"
               "{\"id\":\"2\",\"title\":\"Microsoft buys a startup\",\"date\":\"2018-02-01\"}\n"
               "{\"id\":\"big\",\"title\":\"A long report\",\"date\":\"2018-03-01\",\"body\":\"" +
                   big + "\"}\n");
    index_quietly(dir / "db", {dir / "a.jsonl"});
    return dir / "db";
  }();
  return path;
}

ServerOptions options(int threads = 4) {
  ServerOptions o;
  o.db_path = database();
  o.threads = threads;
  o.access_log = false;
  o.check_host = true;
  return o;
}

int status_of(const std::string& answer) {
  return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(answer.c_str() + 9) : 0;
}

// Sends `request` on a fresh connection; returns the answer and whether the server then
// closed the connection (within 1 s).
std::string ask(int port, const std::string& request, bool& closed) {
  Socket s(port);
  EXPECT_TRUE(s.connected());
  s.send(request);
  std::string got = s.receive(2000, closed);
  if (!closed) got += s.receive(1000, closed, false);
  return got;
}

// A search on a fresh httplib client; its time in ms.
double search_ms(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  const auto start = Clock::now();
  const auto r = c.Get("/api/search?q=samsung");
  const double ms = 1000 * seconds_since(start);
  EXPECT_TRUE(r);
  if (r) {
    EXPECT_EQ(r->status, 200);
  }
  return ms;
}

long rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

std::string header_lines(std::size_t bytes) {
  std::string s;
  for (int i = 0; s.size() < bytes; ++i) s += "X-Filler-" + std::to_string(i) + ": abcdefgh\r\n";
  return s;
}

TEST(HttpLimits, OversizedHeadsAreRefusedBeforeAWorkerTakesThem) {
  RunningServer s(options());
  for (int i = 0; i < 4; ++i) search_ms(s.port());  // warm-up: each worker opens its handle
  std::vector<std::unique_ptr<Socket>> attackers;
  for (int i = 0; i < 8; ++i) {
    attackers.push_back(std::make_unique<Socket>(s.port()));
    ASSERT_TRUE(attackers.back()->connected());
    // More than 16 KiB of header lines and no blank line: the head never ends.
    attackers.back()->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                           header_lines(17 * 1024));
  }
  std::vector<double> ms;
  for (int i = 0; i < 5; ++i) ms.push_back(search_ms(s.port()));
  std::sort(ms.begin(), ms.end());
  std::printf("search with 8 oversized heads open: median %.2f ms, max %.2f ms\n", ms[2], ms[4]);
  // With the heads holding the workers (the fault this guards), every probe took seconds; one
  // probe slowed by the machine's scheduler (1 s seen once under ctest -j2) is not that fault.
  EXPECT_LT(ms[3], 500.0 * kTimeScale);
  for (auto& a : attackers) {
    bool closed = false;
    const std::string got = a->receive(2000, closed);
    EXPECT_EQ(status_of(got), 431) << got.substr(0, 200);
    EXPECT_NE(got.find("{\"error\":{\"code\":\"too_large\""), std::string::npos) << got;
    if (!closed) a->receive(2000, closed, false);
    EXPECT_TRUE(closed);
  }
}

TEST(HttpLimits, TwentyMegabytesOfHeaderLinesAreCutOffAt16KiB) {
  RunningServer s(options());
  search_ms(s.port());
  const long before = rss_kib();
  Socket a(s.port());
  ASSERT_TRUE(a.connected());
  const std::string lines = header_lines(1024 * 1024);
  std::size_t sent = 0;
  bool refused = !a.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  while (!refused && sent < 20 * 1024 * 1024) {
    if (!a.send(lines)) refused = true;
    sent += lines.size();
  }
  bool closed = false;
  const std::string got = a.receive(3000, closed);
  const long grown = rss_kib() - before;
  std::printf("sent %zu bytes of header lines; answer %d; RSS grew %ld KiB\n", sent, status_of(got),
              grown);
  EXPECT_NE(status_of(got), 200);
  EXPECT_LT(grown, 20 * 1024) << "KiB";
}

TEST(HttpLimits, TooManyHeaderLinesAreRefused) {
  RunningServer s(options());
  std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 150; ++i) request += "X" + std::to_string(i) + ": y\r\n";
  bool closed = false;
  const std::string got = ask(s.port(), request + "\r\n", closed);
  EXPECT_EQ(status_of(got), 431) << got;
  EXPECT_TRUE(closed);
  // 50 header lines are fine.
  request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 50; ++i) request += "X" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(status_of(ask(s.port(), request + "\r\n", closed)), 200);
}

TEST(HttpLimits, SlowReadersDoNotHoldTheWorkers) {
  ServerOptions o = options(4);
  o.timeout_seconds = 2;  // the whole answer's budget
  RunningServer s(o);
  for (int i = 0; i < 4; ++i) search_ms(s.port());
  {  // For comparison: the same 8 requests from clients that read, i.e. the cost of the work.
    std::vector<std::thread> fast;
    for (int i = 0; i < 8; ++i) {
      fast.emplace_back([&s] { s.client().Get("/api/documents/big"); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::printf("search behind 8 big answers read at once: %.2f ms\n", search_ms(s.port()));
    for (auto& t : fast) t.join();
  }
  const std::string request = "GET /api/documents/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  std::vector<std::unique_ptr<Socket>> readers;
  const auto start = Clock::now();
  for (int i = 0; i < 8; ++i) {  // twice the workers; none of them reads
    readers.push_back(std::make_unique<Socket>(s.port(), 1024));
    ASSERT_TRUE(readers.back()->connected());
    readers.back()->send(request);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::vector<double> ms;
  for (int i = 0; i < 3; ++i) ms.push_back(search_ms(s.port()));
  std::sort(ms.begin(), ms.end());
  std::printf("search with 8 slow readers: first %.2f ms, median %.2f ms, max %.2f ms\n", ms[0],
              ms[1], ms[2]);
  EXPECT_LT(ms[2], 2000.0 * kTimeScale) << "the target is 500 ms";
  // Each slow reader is cut off: the server resets the connection (which a client sees
  // without reading) before it has taken the whole answer.
  for (auto& r : readers) {
    pollfd p{r->fd(), 0, 0};  // POLLERR and POLLHUP are always reported
    const auto left = 10'000 - static_cast<int>(1000 * seconds_since(start));
    EXPECT_EQ(::poll(&p, 1, std::max(left, 0)), 1);
    EXPECT_NE(p.revents & (POLLERR | POLLHUP), 0);
  }
  std::printf("all 8 slow readers cut off after %.2f s\n", seconds_since(start));
  EXPECT_LT(seconds_since(start), 6.0 * kTimeScale);
}

TEST(HttpLimits, AResponseHasAWholeDeadlineEvenWithoutContention) {
  ServerOptions o = options(2);
  o.timeout_seconds = 1;
  RunningServer s(o);
  Socket r(s.port(), 1024);
  ASSERT_TRUE(r.connected());
  const auto start = Clock::now();
  r.send("GET /api/documents/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  // Reads 512 bytes every 100 ms for 2.5 s: each write makes progress, the whole is too slow.
  std::string got;
  bool closed = false;
  while (!closed && seconds_since(start) < 2.5) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    char buf[512];
    const ssize_t n = ::recv(r.fd(), buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN)) closed = true;
    if (n > 0) got.append(buf, static_cast<std::size_t>(n));
  }
  // Then takes what the server sent before it gave up.
  while (!closed && seconds_since(start) < 6) got += r.receive(500, closed, false);
  EXPECT_TRUE(closed);
  EXPECT_LT(got.size(), kBigAnswer);
}

// Issue 30, item 3: a GET whose body is another request must not be served twice.
TEST(HttpLimits, AGetWithABodyIsRefusedAndClosed) {
  RunningServer s(options());
  const std::string inner = "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  bool closed = false;
  std::string got = ask(s.port(),
                        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                            std::to_string(inner.size()) + "\r\n\r\n" + inner,
                        closed);
  EXPECT_EQ(status_of(got), 400) << got;
  EXPECT_EQ(got.find("HTTP/1.1", 1), std::string::npos) << "a second answer: " << got;
  EXPECT_NE(got.find("{\"error\":{\"code\":\"bad_request\""), std::string::npos) << got;
  EXPECT_TRUE(closed);
  // Transfer-Encoding on a GET, and Content-Length with Transfer-Encoding on a POST.
  for (const std::string& head : std::vector<std::string>{
           "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n",
           "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
           "Transfer-Encoding: chunked\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
           "Content-Length: 40\r\n\r\n"}) {
    got = ask(s.port(), head + "0\r\n\r\n" + inner, closed);
    EXPECT_EQ(status_of(got), 400) << head << got;
    EXPECT_EQ(got.find("HTTP/1.1", 1), std::string::npos) << head << got;
    EXPECT_TRUE(closed) << head;
  }
  // A GET with Content-Length: 0 is an ordinary GET.
  got = ask(s.port(),
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n",
            closed);
  EXPECT_EQ(status_of(got), 200) << got;
}

// After a 400 for a bad request line or head, the connection is closed: what follows cannot
// be trusted to start a request.
TEST(HttpLimits, ABadRequestLineOrHeadIsAnsweredThenClosed) {
  RunningServer s(options());
  const std::string next = "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (const std::string& bad : std::vector<std::string>{
           "BREW /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
           "GET /healthz HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
           "GET /healthz\r\nHost: 127.0.0.1\r\n\r\n",
           "GET /a b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: 1\r\n folded\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A : 1\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\nX-A: 1\r\n\r\n",
       }) {
    bool closed = false;
    const std::string got = ask(s.port(), bad + next, closed);
    EXPECT_EQ(status_of(got), 400) << bad << got;
    EXPECT_EQ(got.find("HTTP/1.1", 1), std::string::npos) << bad << got;
    EXPECT_TRUE(closed) << bad;
  }
}

// Issue 30, item 4: DNS rebinding. A page on evil.example whose name now points at
// 127.0.0.1 sends Host: evil.example.
TEST(HttpLimits, OnlyTheServersOwnHostNamesAreAnswered) {
  RunningServer s(options());
  const std::string port = std::to_string(s.port());
  for (const std::string& host :
       std::vector<std::string>{"127.0.0.1", "127.0.0.1:" + port, "localhost", "LocalHost:" + port,
                                "[::1]", "[::1]:" + port}) {
    bool closed = false;
    const std::string got =
        ask(s.port(), "GET /healthz HTTP/1.1\r\nHost: " + host + "\r\n\r\n", closed);
    EXPECT_EQ(status_of(got), 200) << host << got;
  }
  for (const std::string& host :
       std::vector<std::string>{"evil.example", "evil.example:" + port, "127.0.0.1.evil.example",
                                "localhost.evil:" + port, "::1", "127.0.0.1:x", ""}) {
    bool closed = false;
    const std::string got =
        ask(s.port(), "GET /api/stats HTTP/1.1\r\nHost: " + host + "\r\n\r\n", closed);
    EXPECT_EQ(status_of(got), host.empty() || host == "::1" || host == "127.0.0.1:x" ? 400 : 421)
        << host << got;
    EXPECT_NE(got.find("{\"error\":{\"code\":"), std::string::npos) << host << got;
    EXPECT_EQ(got.find("documents"), std::string::npos) << host << got;
  }
  bool closed = false;
  EXPECT_EQ(status_of(ask(s.port(), "GET /healthz HTTP/1.1\r\n\r\n", closed)), 400);
  EXPECT_EQ(
      status_of(
          ask(s.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil\r\n\r\n", closed)),
      400);
  // HTTP/1.0 has no Host header.
  EXPECT_EQ(status_of(ask(s.port(), "GET /healthz HTTP/1.0\r\n\r\n", closed)), 200);
  // httplib's client names the server as 127.0.0.1:PORT.
  EXPECT_LT(search_ms(s.port()), 30000.0);
}

TEST(HttpLimits, AServerOnEveryAddressAnswersAnyHostOrTheAllowedOnes) {
  ServerOptions o = options();
  o.host = "0.0.0.0";
  {
    RunningServer s(o);
    bool closed = false;
    EXPECT_EQ(
        status_of(ask(s.port(), "GET /healthz HTTP/1.1\r\nHost: news.example\r\n\r\n", closed)),
        200);
  }
  o.allowed_hosts = {"news.example"};
  RunningServer s(o);
  bool closed = false;
  EXPECT_EQ(
      status_of(ask(s.port(), "GET /healthz HTTP/1.1\r\nHost: News.Example:80\r\n\r\n", closed)),
      200);
  EXPECT_EQ(status_of(ask(s.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", closed)),
            200);
  EXPECT_EQ(status_of(ask(s.port(), "GET /healthz HTTP/1.1\r\nHost: evil.example\r\n\r\n", closed)),
            421);
}

// Issue 30, item 5: an IPv6 address in a URL goes in brackets.
TEST(HttpLimits, ServePrintsAnIPv6UrlInBrackets) {
  const auto r = run_newsdex("serve --db " + database() +
                             " --host ::1 --port 0 --quiet & pid=$!; "
                             "sleep 1; kill $pid; wait $pid");
  if (r.out.find("cannot listen") != std::string::npos) GTEST_SKIP() << "no IPv6: " << r.out;
  EXPECT_NE(r.out.find("http://[::1]:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("http://::1:"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace newsdex::testing
