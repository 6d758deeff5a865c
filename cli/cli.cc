#include "cli/cli.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <typeinfo>

#include "core/database.h"
#include "core/errors.h"
#include "core/text.h"

namespace newsdex::cli {

namespace {

// At exit: everything written to standard output must have reached it. A full disk, or
// /dev/full, otherwise loses the output with exit status 0.
void check_standard_output() {
  errno = 0;
  std::cout.flush();  // (flushes stdout too, and sets errno when that fails)
  const bool flush_failed = std::fflush(stdout) != 0 || std::cout.fail();
  const int e = errno;
  const bool failed = flush_failed || std::ferror(stdout) != 0;
  // (A standard output closed from the start, with nothing written to it, is no failure.)
  const bool close_failed = std::fclose(stdout) != 0 && errno != EBADF;
  if (close_failed || failed) {
    const int why = failed ? e : errno;
    std::fprintf(stderr, "newsdex: cannot write to standard output%s%s\n", why != 0 ? ": " : "",
                 why != 0 ? std::strerror(why) : "");
    _exit(1);
  }
}

// Registered when the newsdex binary starts (this file is part of it only).
[[maybe_unused]] const bool standard_output_checked = std::atexit(check_standard_output) == 0;

}  // namespace

void CommonOptions::add_to(CLI::App& app, bool with_json) {
  db = default_database_path();
  app.add_option("--db", db, "Database directory (default: $NEWSDEX_DB, else ./newsdex-db)");
  if (with_json) app.add_flag("--json", json, "Print one JSON document on stdout");
}

void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

void write_output_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
  auto fail = [&](int e) {
    throw Error(path + ": cannot write" + (e != 0 ? std::string(": ") + std::strerror(e) : ""));
  };
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) fail(errno);
  errno = 0;
  write(out);
  out.flush();
  if (!out) fail(errno);
  out.close();
  if (out.fail()) fail(errno);
  // The data on disk before success is reported (a regular file; not /dev/stdout and such).
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(errno);
  struct stat st {};
  const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const int synced = regular ? fsync(fd) : 0;
  const int e = errno;
  close(fd);
  if (synced != 0) fail(e);
}

void rethrow_terminal_safe() {
  try {
    throw;
  } catch (const UsageError& e) {
    throw UsageError(text::terminal_safe(e.what()));
  } catch (const InputError& e) {
    throw InputError(text::terminal_safe(e.what()));
  } catch (const DatabaseError& e) {
    throw DatabaseError(text::terminal_safe(e.what()));
  } catch (const NotFoundError& e) {
    throw NotFoundError(text::terminal_safe(e.what()));
  } catch (const Error& e) {
    if (typeid(e) != typeid(Error)) throw;  // a kind this helper does not know: kept as it is
    throw Error(text::terminal_safe(e.what()));
  }
}

}  // namespace newsdex::cli
