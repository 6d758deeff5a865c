// newsdex serve: the JSON API and the web page over HTTP until SIGINT or SIGTERM.
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli.h"
#include "core/database.h"
#include "searcher/server/server.h"
#include "searcher/stats.h"

namespace newsdex::cli {
namespace {

// `s` percent-encoded for a URL's query (unreserved characters kept).
std::string url_encode(const std::string& s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct ServeCommand {
  CommonOptions common;
  ServerOptions options;
  bool quiet = false;
};

// The start-up hint's requests, drawn from the database being served (its most frequent
// company and topic), so that each finds articles; a browse of the newest when it has none.
std::vector<std::string> example_requests(const std::string& db) {
  std::vector<std::string> out;
  try {
    const nlohmann::json stats = database_stats(open_database_for_reading(db), 1);
    const auto top = [&](const char* field) -> std::string {
      const auto& f = stats["fields"][field]["top"];
      return f.empty() ? "" : f[0]["value"].get<std::string>();
    };
    if (const std::string company = top("company"); !company.empty()) {
      out.push_back("api/search?q=" + url_encode(company));
    }
    if (const std::string topic = top("topic"); !topic.empty()) {
      out.push_back("api/search?filter=" + url_encode("topic:" + topic));
    }
  } catch (const std::exception&) {
    // The server reports a database it cannot read on the first request; the hint stays generic.
  } catch (const Xapian::Error&) {
  }
  if (out.empty()) out.push_back("api/search?q=");
  return out;
}

int run_serve(ServeCommand& c) {
  c.options.db_path = c.common.db;
  c.options.access_log = !c.quiet;
  // SIGINT and SIGTERM stop the server cleanly: a thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  NewsServer server(c.options);
  const int port = server.bind();
  // An IPv6 address goes in brackets in a URL (http://[::1]:8080/).
  const bool ipv6 = c.options.host.find(':') != std::string::npos;
  const std::string host = ipv6 ? "[" + c.options.host + "]" : c.options.host;
  const std::string url = "http://" + host + ":" + std::to_string(port) + "/";
  std::printf("newsdex: serving %s on %s (Ctrl-C stops)\n", c.common.db.c_str(), url.c_str());
  std::printf("  open %s in a browser, or try:\n", url.c_str());
  for (const auto& example : example_requests(c.common.db)) {
    std::printf("  curl '%s%s'\n", url.c_str(), example.c_str());
  }
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  server.serve();
  // serve() also returns on its own failure; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("serve", "Serve the JSON API and the web page over HTTP");
  auto c = std::make_shared<ServeCommand>();
  c->common.add_to(*cmd, false);
  cmd->add_option("--host", c->options.host, "Address to bind (only this machine by default)")
      ->capture_default_str();
  // Against DNS rebinding: a page of another site whose name now points here is refused.
  c->options.check_host = true;
  cmd->add_option("--allowed-host", c->options.allowed_hosts,
                  "A name this server answers to in the Host header, besides 127.0.0.1, "
                  "localhost, [::1] and --host (repeatable; with --host 0.0.0.0 or ::, "
                  "any name is answered unless this is given)");
  cmd->add_option("--port", c->options.port, "Port (0 picks a free one)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", c->options.threads, "Worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--query-timeout", c->options.query_timeout_ms,
                  "Milliseconds of wall and CPU time an API request may take (0: no limit); "
                  "past it the answer is 503 timeout")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  cmd->add_flag("--quiet", c->quiet, "No access log on stderr");
  cmd->callback([c, &action] { action = [c] { return run_serve(*c); }; });
}

}  // namespace newsdex::cli
