#include "indexer/inputs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ext/stdio_filebuf.h>
#include <filesystem>
#include <iostream>
#include <optional>

#include "core/errors.h"
#include "core/gazetteer.h"
#include "core/text.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/reuters_reader.h"
#include "indexer/readers/text_reader.h"
#include "indexer/web/byte_source.h"
#include "indexer/web/feed_reader.h"
#include "indexer/web/html_page.h"
#include "indexer/web/html_reader.h"
#include "indexer/web/warc_reader.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

// The format a file's extension implies; kAuto when it implies none we read.
InputFormat format_for(const fs::path& p) {
  std::string ext = text::to_lower_ascii(p.extension().string());
  if (ext == ".gz") {
    // Compressed web formats: page.html.gz, crawl.warc.gz, feed.xml.gz.
    ext = text::to_lower_ascii(p.stem().extension().string());
    if (ext == ".jsonl" || ext == ".txt" || ext == ".sgm") return InputFormat::kAuto;
  }
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputFormat::kHtml;
  if (ext == ".warc") return InputFormat::kWarc;
  if (ext == ".rss" || ext == ".atom" || ext == ".xml") return InputFormat::kFeed;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::kJsonl;
  if (ext == ".sgm" || ext == ".sgml") return InputFormat::kReuters;
  if (ext == ".txt" || ext == ".md" || ext.empty()) return InputFormat::kText;
  return InputFormat::kAuto;
}

// What a path is, for messages about things that are not regular files: "a FIFO".
std::string kind_of(fs::file_type t) {
  switch (t) {
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device";
    case fs::file_type::not_found:
      return "missing";
    default:
      return "not a file";
  }
}

bool is_special(fs::file_type t) {
  return t == fs::file_type::fifo || t == fs::file_type::socket || t == fs::file_type::block ||
         t == fs::file_type::character;
}

// An open file descriptor, closed at scope exit.
struct Fd {
  int fd = -1;
  Fd() = default;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// How many leading bytes decide whether a file is binary (a NUL among them).
constexpr std::size_t kSniffBytes = 8192;

// Opens an input file and checks it before anything is read whole: it is a regular file (no
// FIFO swapped in since it was listed; opened without blocking), readable, not empty and not
// binary. False, with the file skipped on `sink`, when it is not fit to read.
bool open_input(const InputFile& f, ReadSink& sink, Fd& fd) {
  const SourceLocation where{f.path, 0};
  fd.fd = open(f.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat st {};
  if (fd.fd < 0 || fstat(fd.fd, &st) != 0) {
    sink.skip(where, "unreadable_file",
              std::string("unreadable file (") + std::strerror(errno) + ")");
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    sink.skip(where, "not_regular_file", "not a regular file");
    return false;
  }
  fcntl(fd.fd, F_SETFL, fcntl(fd.fd, F_GETFL) & ~O_NONBLOCK);
  if (st.st_size == 0) {
    sink.skip(where, "empty_file", "the file is empty");
    return false;
  }
  std::string head(kSniffBytes, '\0');
  const ssize_t n = pread(fd.fd, head.data(), head.size(), 0);
  if (n < 0) {
    sink.skip(where, "unreadable_file",
              std::string("unreadable file (") + std::strerror(errno) + ")");
    return false;
  }
  head.resize(static_cast<std::size_t>(n));
  const bool web = f.format == InputFormat::kHtml || f.format == InputFormat::kWarc ||
                   f.format == InputFormat::kFeed;
  // A crawl holds binary bodies (images, compressed pages); a page may be gzip or UTF-16.
  const bool binary_ok = f.format == InputFormat::kWarc ||
                         (web && (web::is_gzip(head) || head.rfind("\xFF\xFE", 0) == 0 ||
                                  head.rfind("\xFE\xFF", 0) == 0));
  if (head.find('\0') != std::string::npos && !binary_ok) {
    sink.skip(where, "binary_file", "the file is binary, not text");
    return false;
  }
  return true;
}

// The whole of an opened file that read_input_bytes may hold in memory, or nullopt (skipped
// on `sink`) when it is over kMaxInputBytes or a read fails.
std::optional<std::string> read_whole(const InputFile& f, int fd, ReadSink& sink) {
  const SourceLocation where{f.path, 0};
  std::string content;
  char buf[65536];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      sink.skip(where, "unreadable_file",
                std::string("unreadable file (") + std::strerror(errno) + ")");
      return std::nullopt;
    }
    if (n == 0) return content;
    if (content.size() + static_cast<std::size_t>(n) > kMaxInputBytes) {
      sink.skip(where, "too_large",
                "the file is over " + std::to_string(kMaxInputBytes >> 20) +
                    " MiB; files read whole (text, SGML, pages, feeds) larger than that are not "
                    "read (split it)");
      return std::nullopt;
    }
    content.append(buf, static_cast<std::size_t>(n));
  }
}

// A WARC file, streamed (through zlib when it is gzip).
void read_warc_file(const InputFile& f, int fd, ReadSink& sink) {
  char magic[2] = {0, 0};
  const bool gz = pread(fd, magic, 2, 0) == 2 && web::is_gzip(std::string_view(magic, 2));
  web::FdSource raw(fd);
  if (!gz) {
    web::read_warc(raw, f.path, sink);
    return;
  }
  web::GunzipSource unzipped(raw);
  web::read_warc(unzipped, f.path, sink);
}

// An HTML page or a feed, read whole (uncompressed first when it is gzip).
void read_web_file(const InputFile& f, std::string content, ReadSink& sink) {
  const SourceLocation where{f.path, 0};
  if (web::is_gzip(content)) {
    try {
      content = web::gunzip(content, web::kMaxHtmlBytes);
    } catch (const web::TooLargeError& e) {
      sink.skip(where, "too_large", std::string("the gzip file: ") + e.what());
      return;
    } catch (const web::SourceError& e) {
      sink.skip(where, "unreadable_file", std::string("the gzip file: ") + e.what());
      return;
    }
  }
  if (f.format == InputFormat::kFeed) {
    web::read_feed(content, f.path, sink);
    return;
  }
  web::PageOrigin origin;
  origin.id = f.id;
  origin.where = where;
  web::read_html_page(content, origin, sink);
}

// Runs the right reader over one input.
void read_input(const InputFile& f, const IndexOptions& options, ReadSink& sink) {
  if (f.path == "-") {
    read_jsonl(std::cin, "<stdin>", JsonlOptions{options.id_field}, sink);
    return;
  }
  Fd fd;
  if (!open_input(f, sink, fd)) return;
  if (f.format == InputFormat::kJsonl) {
    // Streamed line by line (read_jsonl bounds each line).
    __gnu_cxx::stdio_filebuf<char> buf(fd.fd, std::ios::in);
    fd.fd = -1;  // closed by buf
    std::istream in(&buf);
    read_jsonl(in, f.path, JsonlOptions{options.id_field}, sink);
    return;
  }
  if (f.format == InputFormat::kWarc) {
    read_warc_file(f, fd.fd, sink);
    return;
  }
  auto content = read_whole(f, fd.fd, sink);
  if (!content) return;
  if (f.format == InputFormat::kHtml || f.format == InputFormat::kFeed) {
    read_web_file(f, std::move(*content), sink);
  } else if (f.format == InputFormat::kReuters) {
    read_reuters_sgml(*content, f.path, sink);
  } else {
    read_text_article(*content, f.id, f.path, sink);
  }
}

// Adds the files under `dir` to `files`, recursively. Directories that cannot be read are
// skipped and counted (unreadable_directory); FIFOs, sockets and devices too
// (not_regular_file). Hidden files, and links to directories, are passed over.
void walk(const fs::path& dir, std::vector<fs::path>& files,
          std::map<std::string, std::size_t>& skipped, const IndexObserver& observer) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
      walk(p, files, skipped, observer);
      continue;
    }
    const auto name = p.filename().string();
    if (name.empty() || name[0] == '.') continue;  // hidden files
    const auto type = it->status(type_ec).type();
    if (type == fs::file_type::regular) {
      files.push_back(p);
    } else if (is_special(type)) {
      ++skipped["not_regular_file"];
      observer.message(p.string() + ": skipped: not a regular file (" + kind_of(type) + ")");
    }
  }
  if (ec) {
    ++skipped["unreadable_directory"];
    observer.message(dir.string() + ": skipped: unreadable directory (" + ec.message() + ")");
  }
}

// Refuses a --companies or --topics path that is not a readable, non-empty regular file: a
// directory or an empty file would give an empty gazetteer that the database then keeps.
void require_data_file(const std::string& path, const std::string& flag) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  const std::string named = flag + " " + path;
  if (st.type() != fs::file_type::regular) {
    throw UsageError(named + ": not a readable regular file (" +
                     (ec ? ec.message() : kind_of(st.type())) + ")");
  }
  if (access(path.c_str(), R_OK) != 0) {
    throw UsageError(named + ": not a readable regular file (" + std::strerror(errno) + ")");
  }
  if (fs::file_size(path, ec) == 0) throw UsageError(named + ": the file is empty");
}

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, InputFormat forced,
                                      std::map<std::string, std::size_t>& skipped,
                                      const IndexObserver& observer) {
  for (const auto& p : paths) {
    if (p == "-") continue;
    std::error_code ec;
    const auto type = fs::status(p, ec).type();
    if (type == fs::file_type::not_found) throw InputError(p + ": no such file or directory");
    if (is_special(type)) {
      throw InputError(p + ": not a regular file (" + kind_of(type) +
                       "); give files or directories, or - for JSON Lines on standard input");
    }
  }
  std::vector<InputFile> out;
  for (const auto& p : paths) {
    if (p == "-") {
      out.push_back({"-", "-", InputFormat::kJsonl, 0});
      continue;
    }
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      const InputFormat f = forced != InputFormat::kAuto ? forced : format_for(p);
      const auto size = fs::file_size(p, ec);
      out.push_back({p, fs::path(p).filename().string(),
                     f == InputFormat::kAuto ? InputFormat::kText : f, ec ? 0 : size});
      continue;
    }
    std::vector<fs::path> files;
    walk(p, files, skipped, observer);
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const InputFormat fmt = forced != InputFormat::kAuto ? forced : format_for(f);
      if (fmt == InputFormat::kAuto) {
        ++skipped["unsupported_format"];
        observer.message(f.string() + ": skipped: not a format Newsdex reads (use --format)");
        continue;
      }
      const auto size = fs::file_size(f, ec);
      out.push_back({f.string(), fs::relative(f, p).string(), fmt, ec ? 0 : size});
    }
  }
  return out;
}

void read_inputs(const std::vector<InputFile>& inputs, const IndexOptions& options, ReadSink& sink,
                 const IndexObserver& observer, const std::function<std::size_t()>& done) {
  std::uintmax_t total_bytes = 0, done_bytes = 0;
  for (const auto& f : inputs) total_bytes += f.size;
  for (const auto& f : inputs) {
    read_input(f, options, sink);
    done_bytes += f.size;
    observer.progress(done(), done_bytes, total_bytes);
  }
}

ArticleExtractor make_extractor(const IndexOptions& options) {
  if (!options.companies_path.empty()) require_data_file(options.companies_path, "--companies");
  if (!options.topics_path.empty()) require_data_file(options.topics_path, "--topics");
  auto companies = CompanyGazetteer::load(
      options.companies_path.empty() ? CompanyGazetteer::default_path() : options.companies_path);
  if (companies.companies().empty()) {
    throw UsageError("--companies " + options.companies_path +
                     ": no companies in the file (only comments or blank lines)");
  }
  auto topics = TopicClassifier::load(options.topics_path.empty() ? TopicClassifier::default_path()
                                                                  : options.topics_path);
  if (topics.topics().empty()) {
    throw UsageError("--topics " + options.topics_path +
                     ": no topics in the file (only comments or blank lines)");
  }
  return ArticleExtractor(std::move(companies), std::move(topics),
                          CodeVocabulary::load(CodeVocabulary::default_path()));
}

void CountingSink::prepare(Article& a) const {
  if (options_.extract) {
    extractor_.enrich(a);
  } else {
    extractor_.normalise(a);
  }
}

void CountingSink::skip(const SourceLocation& where, std::string_view reason,
                        const std::string& message) {
  ++summary_.skipped[std::string(reason)];
  const std::string line = where.to_string() + ": skipped: " + message;
  if (options_.strict) throw InputError(line + " (--strict: " + uncommitted() + ")");
  observer_.message(line);
}

void CountingSink::warn(const SourceLocation& where, const std::string& message) {
  ++summary_.warnings;
  observer_.message(where.to_string() + ": warning: " + message);
}

}  // namespace newsdex
