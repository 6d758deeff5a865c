// The error types that Newsdex libraries throw. Only the front ends (cli/main.cc and the HTTP
// handler) turn them into exit codes and HTTP statuses.
#pragma once

#include <stdexcept>
#include <string>

namespace newsdex {

// The base of every error Newsdex throws, so that a front end can catch the project's errors in
// one place; the subclass says which kind it is (and so the exit status or HTTP status).
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// The caller asked for something malformed: a bad flag value, query, filter or range.
// CLI exit status 2, HTTP 400.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& what) : Error(what) {}
};

// Input data could not be read: a missing file, an unreadable record. CLI exit status 1.
class InputError : public Error {
 public:
  explicit InputError(const std::string& what) : Error(what) {}
};

// The database is missing, not a Newsdex database, locked, or failed. CLI exit status 1.
class DatabaseError : public Error {
 public:
  explicit DatabaseError(const std::string& what) : Error(what) {}
};

// The database's files are damaged (a posting list names a document that cannot exist). The
// message names the table and says what to do, and no path: the HTTP API shows it.
class DamagedDatabaseError : public DatabaseError {
 public:
  explicit DamagedDatabaseError(const std::string& what) : DatabaseError(what) {}
};

// A cluster's shard cannot be reached, or failed or timed out during a request. The message
// names the shard (HOST:PORT and its stub line) and no other path. HTTP 503.
class ShardError : public DatabaseError {
 public:
  explicit ShardError(const std::string& what) : DatabaseError(what) {}
};

// A requested thing does not exist (a document id). HTTP 404.
class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& what) : Error(what) {}
};

// The HTTP server cannot start: its address is in use or refused, or the system denied it a
// resource it needs (a pipe). CLI exit status 1.
class ServerError : public Error {
 public:
  explicit ServerError(const std::string& what) : Error(what) {}
};

// A request ran past its time budget (searcher/deadline.h). CLI exit status 1, HTTP 503.
class TimeoutError : public Error {
 public:
  explicit TimeoutError(const std::string& what) : Error(what) {}
};

}  // namespace newsdex
