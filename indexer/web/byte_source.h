// Streams of bytes that the web readers pull from: a file descriptor, a string, or the
// uncompressed bytes of a gzip stream (one member or many, as a .warc.gz is written: each
// record its own member), through zlib. A corrupt or cut gzip stream is an error, never a
// silent end.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace newsdex::web {

// Thrown by a source whose bytes cannot be read (an I/O error, a damaged gzip stream).
struct SourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Thrown by gunzip() when the bytes would pass its limit.
struct TooLargeError : SourceError {
  using SourceError::SourceError;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to `n` bytes into `buf`; 0 only at the end. Throws SourceError.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
};

// REQUIRES: `fd` stays open while the source is used; the source does not close it.
class FdSource : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  std::size_t read(char* buf, std::size_t n) override;

 private:
  int fd_;
};

// REQUIRES: the viewed bytes outlive the source.
class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string_view s) : s_(s) {}
  std::size_t read(char* buf, std::size_t n) override;

 private:
  std::string_view s_;
};

// The uncompressed bytes of the gzip (or zlib) stream `in` yields, members one after another.
// REQUIRES: `in` outlives this.
class GunzipSource : public ByteSource {
 public:
  explicit GunzipSource(ByteSource& in);
  ~GunzipSource() override;
  GunzipSource(const GunzipSource&) = delete;
  GunzipSource& operator=(const GunzipSource&) = delete;
  std::size_t read(char* buf, std::size_t n) override;

 private:
  bool refill();
  ByteSource& in_;
  z_stream z_{};
  char inbuf_[65536];
  bool member_open_ = false;  // inside a member (its end not yet seen)
  bool eof_ = false;          // `in` has no more bytes
};

// True when `head` starts with the gzip magic bytes.
inline bool is_gzip(std::string_view head) { return head.substr(0, 2) == "\x1f\x8b"; }

// All of `compressed` uncompressed; SourceError when it is damaged, TooLargeError when it
// would exceed `max_bytes` (a gzip bomb stops there, having used at most that much memory).
std::string gunzip(std::string_view compressed, std::size_t max_bytes);

}  // namespace newsdex::web
