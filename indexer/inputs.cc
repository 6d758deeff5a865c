#include "indexer/inputs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/errors.h"
#include "core/gazetteer.h"
#include "core/text.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/reuters_reader.h"
#include "indexer/readers/text_reader.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

// The format a file's extension implies; kAuto when it implies none we read.
InputFormat format_for(const fs::path& p) {
  const std::string ext = text::to_lower_ascii(p.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::kJsonl;
  if (ext == ".sgm" || ext == ".sgml") return InputFormat::kReuters;
  if (ext == ".txt" || ext == ".md" || ext.empty()) return InputFormat::kText;
  return InputFormat::kAuto;
}

// Runs the right reader over one input.
void read_input(const InputFile& f, const IndexOptions& options, ReadSink& sink) {
  switch (f.format) {
    case InputFormat::kJsonl: {
      JsonlOptions jo;
      jo.id_field = options.id_field;
      if (f.path == "-") {
        read_jsonl(std::cin, "<stdin>", jo, sink);
      } else {
        std::ifstream in(f.path, std::ios::binary);
        if (!in) throw InputError(f.path + ": cannot read the file");
        if (f.size == 0) {
          sink.skip({f.path, 0}, "empty_file", "the file is empty");
          return;
        }
        read_jsonl(in, f.path, jo, sink);
      }
      return;
    }
    case InputFormat::kReuters:
      read_reuters_sgml(text::read_file(f.path), f.path, sink);
      return;
    case InputFormat::kText:
    case InputFormat::kAuto:
      read_text_article(text::read_file(f.path), f.id, f.path, sink);
      return;
  }
}

}  // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, InputFormat forced,
                                      std::map<std::string, std::size_t>& skipped,
                                      const IndexObserver& observer) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (p != "-" && !fs::exists(p, ec)) throw InputError(p + ": no such file or directory");
  }
  std::vector<InputFile> out;
  for (const auto& p : paths) {
    if (p == "-") {
      out.push_back({"-", "-", InputFormat::kJsonl, 0});
      continue;
    }
    if (!fs::is_directory(p)) {
      const InputFormat f = forced != InputFormat::kAuto ? forced : format_for(p);
      out.push_back({p, fs::path(p).filename().string(),
                     f == InputFormat::kAuto ? InputFormat::kText : f, fs::file_size(p)});
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry :
         fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied)) {
      if (!entry.is_regular_file()) continue;
      const auto name = entry.path().filename().string();
      if (name.empty() || name[0] == '.') continue;  // hidden files
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const InputFormat fmt = forced != InputFormat::kAuto ? forced : format_for(f);
      if (fmt == InputFormat::kAuto) {
        ++skipped["unsupported_format"];
        observer.message(f.string() + ": skipped: not a format Newsdex reads (use --format)");
        continue;
      }
      out.push_back({f.string(), fs::relative(f, p).string(), fmt, fs::file_size(f)});
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
  return ArticleExtractor(
      CompanyGazetteer::load(options.companies_path.empty() ? CompanyGazetteer::default_path()
                                                            : options.companies_path),
      TopicClassifier::load(options.topics_path.empty() ? TopicClassifier::default_path()
                                                        : options.topics_path),
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
