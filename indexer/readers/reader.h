// What every reader reports to: articles it read, records it skipped, and warnings.
#pragma once

#include <string>
#include <string_view>

#include "core/article.h"

namespace newsdex {

// Where a record came from: a file and a 1-based line (0 when the record is the whole file).
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::string to_string() const { return line == 0 ? file : file + ":" + std::to_string(line); }
};

// Receives what a reader produces. Readers call it synchronously, in input order.
class ReadSink {
 public:
  virtual ~ReadSink() = default;
  virtual void article(Article&& a, const SourceLocation& where) = 0;
  // A record that could not be read. `reason` is a short key for the summary
  // ("malformed_json", "missing_id", ...); `message` explains it to a person.
  virtual void skip(const SourceLocation& where, std::string_view reason,
                    const std::string& message) = 0;
  // Something was read but changed on the way (a dropped date, a truncated body).
  virtual void warn(const SourceLocation& where, const std::string& message) = 0;
  // Text a web reader left out of the next article, and why ("nav", "links", "outside":
  // boilerplate.h and main_text.h). Called only when wants_left_out() says so (--explain).
  virtual bool wants_left_out() const { return false; }
  virtual void left_out(std::string_view /*why*/, std::string_view /*text*/) {}
};

// The most any reader holds of its input at once: a plain-text or SGML file larger than this,
// and a JSON Lines line longer than this, is skipped (too_large) without being read whole.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

// Bodies longer than this are truncated, with a warning.
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;

// Truncates an over-long body in place and warns; shared by all readers.
void limit_body_size(Article& a, const SourceLocation& where, ReadSink& sink);

}  // namespace newsdex
