// The error types that Newsdex libraries throw. Only the front ends (cli/main.cc and the HTTP
// handler) turn them into exit codes and HTTP statuses.
#pragma once

#include <stdexcept>
#include <string>

namespace newsdex {

// The caller asked for something malformed: a bad flag value, query, filter or range.
// CLI exit status 2, HTTP 400.
class UsageError : public std::invalid_argument {
 public:
  explicit UsageError(const std::string& what) : std::invalid_argument(what) {}
};

// Input data could not be read: a missing file, an unreadable record. CLI exit status 1.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

// The database is missing, not a Newsdex database, locked, or failed. CLI exit status 1.
class DatabaseError : public std::runtime_error {
 public:
  explicit DatabaseError(const std::string& what) : std::runtime_error(what) {}
};

// A requested thing does not exist (a document id). HTTP 404.
class NotFoundError : public std::runtime_error {
 public:
  explicit NotFoundError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace newsdex
