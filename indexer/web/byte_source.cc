#include "indexer/web/byte_source.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace newsdex::web {

std::size_t FdSource::read(char* buf, std::size_t n) {
  for (;;) {
    const ssize_t r = ::read(fd_, buf, n);
    if (r >= 0) return static_cast<std::size_t>(r);
    if (errno != EINTR)
      throw SourceError(std::string("read failed (") + std::strerror(errno) + ")");
  }
}

std::size_t StringSource::read(char* buf, std::size_t n) {
  const std::size_t k = std::min(n, s_.size());
  std::memcpy(buf, s_.data(), k);
  s_.remove_prefix(k);
  return k;
}

GunzipSource::GunzipSource(ByteSource& in) : in_(in) {
  // 15 + 32: a gzip or a zlib header (HTTP's "deflate" is zlib's), windows up to 32 KiB.
  if (inflateInit2(&z_, 15 + 32) != Z_OK) throw SourceError("zlib could not start");
}

GunzipSource::~GunzipSource() { inflateEnd(&z_); }

bool GunzipSource::refill() {
  if (eof_) return false;
  const std::size_t n = in_.read(inbuf_, sizeof inbuf_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  z_.next_in = reinterpret_cast<Bytef*>(inbuf_);
  z_.avail_in = static_cast<uInt>(n);
  return true;
}

std::size_t GunzipSource::read(char* buf, std::size_t n) {
  z_.next_out = reinterpret_cast<Bytef*>(buf);
  z_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
  const uInt wanted = z_.avail_out;
  while (z_.avail_out == wanted) {
    if (z_.avail_in == 0 && !refill()) {
      if (member_open_) throw SourceError("the gzip stream is cut short");
      return 0;
    }
    if (!member_open_) {
      // Bytes after a member's end start a new member (a .warc.gz is many).
      if (inflateReset(&z_) != Z_OK) throw SourceError("zlib could not restart");
      member_open_ = true;
    }
    const int r = inflate(&z_, Z_NO_FLUSH);
    if (r == Z_STREAM_END) {
      member_open_ = false;
    } else if (r != Z_OK && r != Z_BUF_ERROR) {
      throw SourceError(std::string("the gzip stream is damaged (") +
                        (z_.msg != nullptr ? z_.msg : "zlib error") + ")");
    }
  }
  return wanted - z_.avail_out;
}

std::string gunzip(std::string_view compressed, std::size_t max_bytes) {
  StringSource raw(compressed);
  GunzipSource z(raw);
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = z.read(buf, sizeof buf)) > 0;) {
    if (out.size() + n > max_bytes) {
      throw TooLargeError("it uncompresses to more than " + std::to_string(max_bytes >> 20) +
                          " MiB");
    }
    out.append(buf, n);
  }
  return out;
}

}  // namespace newsdex::web
