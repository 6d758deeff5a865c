// The indexer's inputs: which files a set of paths names and in which format, how each is
// read, and the sink that counts what readers skip and warn about. Shared by the single-writer
// and sharded builds and by --explain; not part of the public indexer API.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "indexer/extract/extractor.h"
#include "indexer/indexer.h"
#include "indexer/readers/reader.h"

namespace newsdex {

struct InputFile {
  std::string path;  // as opened; "-" for stdin
  std::string id;    // plain-text article id: path relative to the directory argument
  InputFormat format;
  std::uintmax_t size;
};

// The files `paths` name, in a stable order: directories are walked recursively (hidden files
// skipped; files of other formats counted in skipped["unsupported_format"], directories that
// cannot be read in skipped["unreadable_directory"], FIFOs, sockets and devices in
// skipped["not_regular_file"], each reported to the observer); "-" is JSON Lines on stdin.
// Throws InputError, before anything is read, when a path does not exist or is a FIFO,
// socket or device.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, InputFormat forced,
                                      std::map<std::string, std::size_t>& skipped,
                                      const IndexObserver& observer);

// Runs the right reader over each input in turn, reporting progress after each file;
// `done` gives the number of articles handled so far. Each file is checked before it is read
// whole: one that cannot be opened is skipped as unreadable_file, one with a NUL in its first
// 8 KiB as binary_file, a text or SGML file over kMaxInputBytes as too_large; JSON Lines are
// streamed a line at a time.
void read_inputs(const std::vector<InputFile>& inputs, const IndexOptions& options, ReadSink& sink,
                 const IndexObserver& observer, const std::function<std::size_t()>& done);

// The extractor the options name (bundled gazetteer and taxonomy by default). Throws
// UsageError naming the flag and the path when --companies or --topics is not a readable,
// non-empty regular file, or holds no companies or topics.
ArticleExtractor make_extractor(const IndexOptions& options);

// A sink that counts skipped records and warnings into a summary and reports them; with
// --strict the first skipped record throws InputError. Subclasses take the articles.
class CountingSink : public ReadSink {
 public:
  CountingSink(const ArticleExtractor& extractor, const IndexOptions& options,
               IndexSummary& summary, const IndexObserver& observer)
      : extractor_(extractor), options_(options), summary_(summary), observer_(observer) {}
  void skip(const SourceLocation& where, std::string_view reason,
            const std::string& message) override;
  void warn(const SourceLocation& where, const std::string& message) override;

 protected:
  // Extracts what the article lacks (or, with --no-extract, only normalises what it gives).
  void prepare(Article& a) const;
  // What --strict leaves uncommitted, for its error message.
  virtual std::string uncommitted() const = 0;
  const ArticleExtractor& extractor_;
  const IndexOptions& options_;
  IndexSummary& summary_;
  const IndexObserver& observer_;
};

}  // namespace newsdex
