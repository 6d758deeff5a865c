#include "indexer/web/warc_reader.h"

#include <charconv>
#include <optional>

#include "core/dates.h"
#include "core/text.h"
#include "indexer/web/charset.h"
#include "indexer/web/html_reader.h"

namespace newsdex::web {

namespace {

// A header line longer than this, or more header lines than this, is not a WARC record.
constexpr std::size_t kMaxHeaderLine = 65536;
constexpr std::size_t kMaxHeaderLines = 512;

// Buffered reading of lines and counted blocks over a ByteSource.
class Reader {
 public:
  explicit Reader(ByteSource& in) : in_(in) {}
  std::uint64_t offset() const { return consumed_; }

  // One line without its CRLF or LF; nullopt at the end of the input. A line over `max`
  // bytes is an error (SourceError).
  std::optional<std::string> line(std::size_t max) {
    std::string out;
    for (;;) {
      if (pos_ == buf_.size() && !fill()) {
        if (out.empty()) return std::nullopt;
        return out;
      }
      const std::size_t nl = buf_.find('\n', pos_);
      const std::size_t end = nl == std::string::npos ? buf_.size() : nl;
      out.append(buf_, pos_, end - pos_);
      take(end - pos_ + (nl == std::string::npos ? 0 : 1));
      if (out.size() > max)
        throw SourceError("a header line over " + std::to_string(max) + " bytes");
      if (nl != std::string::npos) {
        if (!out.empty() && out.back() == '\r') out.pop_back();
        return out;
      }
    }
  }

  // Appends up to `n` bytes to `out` (or drops them when `out` is null); the count read.
  std::uint64_t block(std::uint64_t n, std::string* out) {
    std::uint64_t got = 0;
    while (got < n) {
      if (pos_ == buf_.size() && !fill()) break;
      const std::size_t k =
          static_cast<std::size_t>(std::min<std::uint64_t>(n - got, buf_.size() - pos_));
      if (out != nullptr) out->append(buf_, pos_, k);
      take(k);
      got += k;
    }
    return got;
  }

 private:
  bool fill() {
    buf_.resize(65536);
    const std::size_t n = in_.read(buf_.data(), buf_.size());
    buf_.resize(n);
    pos_ = 0;
    return n > 0;
  }
  void take(std::size_t n) {
    pos_ += n;
    consumed_ += n;
  }
  ByteSource& in_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::uint64_t consumed_ = 0;
};

struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;  // names lower case
  std::string get(std::string_view name) const {
    for (const auto& [k, v] : fields) {
      if (k == name) return v;
    }
    return "";
  }
};

// "Name: value" lines up to a blank line, from `lines` (WARC or HTTP headers).
template <typename NextLine>
std::optional<Headers> read_headers(NextLine next) {
  Headers h;
  for (std::size_t i = 0; i < kMaxHeaderLines; ++i) {
    const auto l = next();
    if (!l) return std::nullopt;
    if (l->empty()) return h;
    const std::size_t colon = l->find(':');
    if (colon == std::string::npos) continue;
    h.fields.emplace_back(text::to_lower_ascii(text::trim(std::string_view(*l).substr(0, colon))),
                          std::string(text::trim(std::string_view(*l).substr(colon + 1))));
  }
  return std::nullopt;
}

std::optional<std::uint64_t> number(std::string_view s, int base = 10) {
  s = text::trim(s);
  std::uint64_t n = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n, base);
  if (ec != std::errc() || p == s.data()) return std::nullopt;
  return n;
}

// The body of a chunked HTTP message; nullopt when the chunks are malformed.
std::optional<std::string> unchunk(std::string_view s) {
  std::string out;
  for (;;) {
    const std::size_t nl = s.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    const std::string_view line = s.substr(0, nl);
    const auto size = number(line.substr(0, line.find(';')), 16);  // "SIZE;extension"
    if (!size) return std::nullopt;
    s.remove_prefix(nl + 1);
    if (*size == 0) return out;
    if (*size > s.size()) return std::nullopt;
    out.append(s.substr(0, static_cast<std::size_t>(*size)));
    s.remove_prefix(static_cast<std::size_t>(*size));
    if (s.substr(0, 2) == "\r\n")
      s.remove_prefix(2);
    else if (s.substr(0, 1) == "\n")
      s.remove_prefix(1);
  }
}

// One response record's block: an HTTP response with an HTML page, read as an article.
void read_response(std::string_view block, const Headers& warc, const SourceLocation& where,
                   ReadSink& sink) {
  const std::string url = text::to_utf8(warc.get("warc-target-uri"));
  if (text::trim(url).empty()) {
    sink.skip(where, "missing_url", "a response record without WARC-Target-URI");
    return;
  }
  // The HTTP head.
  std::size_t at = 0;
  const auto next = [&]() -> std::optional<std::string> {
    if (at >= block.size()) return std::nullopt;
    std::size_t nl = block.find('\n', at);
    if (nl == std::string_view::npos) nl = block.size();
    std::string l(block.substr(at, nl - at));
    at = nl + 1;
    if (!l.empty() && l.back() == '\r') l.pop_back();
    return l;
  };
  const auto status_line = next();
  if (!status_line || status_line->rfind("HTTP/", 0) != 0) {
    sink.skip(where, "not_html", url + ": the record holds no HTTP response");
    return;
  }
  const auto status =
      number(status_line->substr(std::min(status_line->find(' '), status_line->size())));
  const auto http = read_headers(next);
  if (!http) {
    sink.skip(where, "truncated", url + ": the HTTP header is cut short");
    return;
  }
  if (!status || *status != 200) {
    sink.skip(where, "http_status",
              url + ": HTTP status " + (status ? std::to_string(*status) : "unreadable"));
    return;
  }
  const std::string type = http->get("content-type");
  const std::string mime =
      text::to_lower_ascii(text::trim(std::string_view(type).substr(0, type.find(';'))));
  if (mime != "text/html" && mime != "application/xhtml+xml") {
    sink.skip(where, "not_html",
              url + ": not an HTML page (" + (mime.empty() ? "no type" : mime) + ")");
    return;
  }
  std::string body(block.substr(std::min(at, block.size())));
  if (text::to_lower_ascii(http->get("transfer-encoding")).find("chunked") != std::string::npos) {
    auto plain = unchunk(body);
    if (!plain) {
      sink.skip(where, "truncated", url + ": its chunked body is malformed or cut short");
      return;
    }
    body = std::move(*plain);
  }
  const std::string encoding = text::to_lower_ascii(http->get("content-encoding"));
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
    try {
      body = gunzip(body, kMaxWarcRecordBytes);
    } catch (const SourceError& e) {
      sink.skip(where, "unsupported_encoding", url + ": its " + encoding + " body: " + e.what());
      return;
    }
  } else if (!encoding.empty() && encoding != "identity") {
    sink.skip(where, "unsupported_encoding", url + ": content encoding " + encoding);
    return;
  }
  PageOrigin origin;
  origin.id = url;
  origin.where = where;
  origin.url = url;
  origin.http_charset = charset_parameter(type);
  if (const auto d = parse_iso_date(warc.get("warc-date"))) origin.crawl_date = d->iso();
  read_html_page(body, origin, sink);
}

}  // namespace

void read_warc(ByteSource& in, const std::string& file, ReadSink& sink) {
  Reader r(in);
  std::size_t record = 0;
  try {
    for (;;) {
      std::optional<std::string> version;
      std::uint64_t start = 0;
      do {
        start = r.offset();
        version = r.line(kMaxHeaderLine);
      } while (version && version->empty());
      if (!version) return;
      ++record;
      const SourceLocation where{file + " record " + std::to_string(record), 0};
      if (version->rfind("WARC/", 0) != 0) {
        sink.skip(where, "malformed_warc",
                  "not a WARC record at byte " + std::to_string(start) +
                      "; the rest of the file is not read");
        return;
      }
      const auto h = read_headers([&] { return r.line(kMaxHeaderLine); });
      const auto length = h ? number(h->get("content-length")) : std::nullopt;
      if (!h || !length) {
        sink.skip(where, "malformed_warc",
                  "a WARC header without Content-Length; the rest of the file is not read");
        return;
      }
      const std::string type = text::to_lower_ascii(h->get("warc-type"));
      const bool wanted = type == "response" && *length <= kMaxWarcRecordBytes;
      std::string block;
      const std::uint64_t got = r.block(*length, wanted ? &block : nullptr);
      if (got < *length) {
        if (type == "response") {
          sink.skip(where, "truncated",
                    h->get("warc-target-uri") + ": the record is cut short (" +
                        std::to_string(got) + " of " + std::to_string(*length) + " bytes)");
        }
        return;
      }
      if (type != "response") continue;
      if (!wanted) {
        sink.skip(where, "too_large",
                  h->get("warc-target-uri") + ": a response of " + std::to_string(*length) +
                      " bytes, over " + std::to_string(kMaxWarcRecordBytes >> 20) + " MiB");
        continue;
      }
      read_response(block, *h, where, sink);
    }
  } catch (const SourceError& e) {
    sink.skip(SourceLocation{file, 0}, "malformed_warc",
              std::string(e.what()) + " at byte " + std::to_string(r.offset()) + " (after record " +
                  std::to_string(record) + "); the rest of the file is not read");
  }
}

}  // namespace newsdex::web
