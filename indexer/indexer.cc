#include "indexer/indexer.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/database.h"
#include "core/errors.h"
#include "core/gazetteer.h"
#include "core/text.h"
#include "indexer/extract/extractor.h"
#include "indexer/index_writer.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/reuters_reader.h"
#include "indexer/readers/text_reader.h"

namespace newsdex {

namespace fs = std::filesystem;

InputFormat parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "text") return InputFormat::kText;
  if (name == "reuters") return InputFormat::kReuters;
  throw UsageError("unknown --format '" + name + "' (use auto, jsonl, text or reuters)");
}

std::size_t IndexSummary::skipped_total() const {
  std::size_t n = 0;
  for (const auto& [reason, count] : skipped) n += count;
  return n;
}

nlohmann::json IndexSummary::to_json() const {
  return {{"indexed", indexed},
          {"replaced", replaced},
          {"skipped", {{"total", skipped_total()}, {"by_reason", skipped}}},
          {"warnings", warnings},
          {"seconds", seconds},
          {"docs_per_second", docs_per_second()},
          {"total_documents", total_documents}};
}

namespace {

struct InputFile {
  std::string path;  // as opened; "-" for stdin
  std::string id;    // plain-text article id: path relative to the directory argument
  InputFormat format;
  std::uintmax_t size;
};

// The format a file's extension implies; kAuto when it implies none we read.
InputFormat format_for(const fs::path& p) {
  const std::string ext = text::to_lower_ascii(p.extension().string());
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::kJsonl;
  if (ext == ".sgm" || ext == ".sgml") return InputFormat::kReuters;
  if (ext == ".txt" || ext == ".md" || ext.empty()) return InputFormat::kText;
  return InputFormat::kAuto;
}

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

ArticleExtractor make_extractor(const IndexOptions& options) {
  return ArticleExtractor(
      CompanyGazetteer::load(options.companies_path.empty() ? CompanyGazetteer::default_path()
                                                            : options.companies_path),
      TopicClassifier::load(options.topics_path.empty() ? TopicClassifier::default_path()
                                                        : options.topics_path));
}

class IndexingSink : public ReadSink {
 public:
  IndexingSink(IndexWriter& writer, const ArticleExtractor& extractor, const IndexOptions& options,
               IndexSummary& summary, const IndexObserver& observer)
      : writer_(writer),
        extractor_(extractor),
        options_(options),
        summary_(summary),
        observer_(observer) {
    batch_.reserve(options.batch_size);
  }

  void article(Article&& a, const SourceLocation&) override {
    if (options_.extract) extractor_.enrich(a);
    batch_.push_back(std::move(a));
    if (batch_.size() >= options_.batch_size) flush();
  }

  void skip(const SourceLocation& where, std::string_view reason,
            const std::string& message) override {
    ++summary_.skipped[std::string(reason)];
    const std::string line = where.to_string() + ": skipped: " + message;
    if (options_.strict) {
      throw InputError(line + " (--strict: this batch of " + std::to_string(batch_.size()) +
                       " articles was not committed)");
    }
    observer_.message(line);
  }

  void warn(const SourceLocation& where, const std::string& message) override {
    ++summary_.warnings;
    observer_.message(where.to_string() + ": warning: " + message);
  }

  // Writes and commits the pending batch.
  void flush() {
    if (batch_.empty()) return;
    for (const auto& a : batch_) {
      summary_.replaced += writer_.add(a) ? 1 : 0;
      ++summary_.indexed;
    }
    writer_.commit();
    batch_.clear();
  }

  std::size_t pending() const { return batch_.size(); }

 private:
  IndexWriter& writer_;
  const ArticleExtractor& extractor_;
  const IndexOptions& options_;
  IndexSummary& summary_;
  const IndexObserver& observer_;
  std::vector<Article> batch_;
};

// A bounded hand-off of articles from the reading thread to one shard's writer thread.
class ArticleQueue {
 public:
  void push(Article&& a) {
    std::unique_lock<std::mutex> lock(mutex_);
    space_.wait(lock, [&] { return items_.size() < kCapacity || stopped_; });
    items_.push_back(std::move(a));
    ready_.notify_one();
  }
  // False when the queue is closed and drained.
  bool pop(Article& out) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || closed_ || stopped_; });
    if (items_.empty() || stopped_) return false;
    out = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return true;
  }
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }
  // Abandons the queue: pending articles are dropped, both sides wake up.
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    ready_.notify_all();
    space_.notify_all();
  }

 private:
  static constexpr std::size_t kCapacity = 1024;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Article> items_;  // guarded by mutex_
  bool closed_ = false;        // guarded by mutex_
  bool stopped_ = false;       // guarded by mutex_
};

// The reading side of a sharded build: extracts, then routes each article to its shard.
class ShardingSink : public ReadSink {
 public:
  ShardingSink(std::vector<std::unique_ptr<ArticleQueue>>& queues,
               const ArticleExtractor& extractor, const IndexOptions& options,
               IndexSummary& summary, const IndexObserver& observer)
      : queues_(queues),
        extractor_(extractor),
        options_(options),
        summary_(summary),
        observer_(observer) {}
  void article(Article&& a, const SourceLocation&) override {
    if (options_.extract) extractor_.enrich(a);
    const std::size_t shard = std::hash<std::string>{}(a.id) % queues_.size();
    queues_[shard]->push(std::move(a));
    ++read_;
  }
  void skip(const SourceLocation& where, std::string_view reason,
            const std::string& message) override {
    ++summary_.skipped[std::string(reason)];
    const std::string line = where.to_string() + ": skipped: " + message;
    if (options_.strict) throw InputError(line + " (--strict: nothing was committed)");
    observer_.message(line);
  }
  void warn(const SourceLocation& where, const std::string& message) override {
    ++summary_.warnings;
    observer_.message(where.to_string() + ": warning: " + message);
  }
  std::size_t read() const { return read_; }

 private:
  std::vector<std::unique_ptr<ArticleQueue>>& queues_;
  const ArticleExtractor& extractor_;
  const IndexOptions& options_;
  IndexSummary& summary_;
  const IndexObserver& observer_;
  std::size_t read_ = 0;
};

// Writes one shard: adds what its queue delivers, committing every batch_size articles.
struct ShardWriter {
  std::string path;
  std::size_t added = 0, replaced = 0;
  std::exception_ptr error;
};

IndexSummary index_sharded(const std::vector<InputFile>& inputs, const IndexOptions& options,
                           const ArticleExtractor& extractor, IndexSummary summary,
                           const IndexObserver& observer) {
  {
    std::error_code ec;
    if (fs::exists(options.db_path, ec) && !fs::is_empty(options.db_path, ec) &&
        open_database_for_reading(options.db_path).get_doccount() > 0) {
      throw UsageError("--shards builds a new database, but " + options.db_path +
                       " already holds articles (index into it with one writer)");
    }
    fs::remove_all(options.db_path, ec);
  }
  const unsigned n = options.shards;
  std::vector<std::unique_ptr<ArticleQueue>> queues;
  std::vector<ShardWriter> shards(n);
  for (unsigned k = 0; k < n; ++k) {
    queues.push_back(std::make_unique<ArticleQueue>());
    shards[k].path = options.db_path + ".shard-" + std::to_string(k);
    std::error_code ec;
    fs::remove_all(shards[k].path, ec);  // left over from an interrupted build
  }
  auto remove_shards = [&] {
    std::error_code ec;
    for (const auto& sh : shards) fs::remove_all(sh.path, ec);
  };
  std::vector<std::thread> threads;
  for (unsigned k = 0; k < n; ++k) {
    threads.emplace_back([&, k] {
      try {
        IndexWriter writer(shards[k].path, options.stories);
        writer.store_gazetteer(extractor.gazetteer().tsv());
        Article a;
        while (queues[k]->pop(a)) {
          shards[k].replaced += writer.add(a) ? 1 : 0;
          if (++shards[k].added % options.batch_size == 0) writer.commit();
        }
        writer.commit();
      } catch (...) {
        shards[k].error = std::current_exception();
        for (auto& q : queues) q->stop();
      }
    });
  }
  ShardingSink sink(queues, extractor, options, summary, observer);
  std::uintmax_t total_bytes = 0, done_bytes = 0;
  for (const auto& f : inputs) total_bytes += f.size;
  try {
    for (const auto& f : inputs) {
      read_input(f, options, sink);
      done_bytes += f.size;
      observer.progress(sink.read(), done_bytes, total_bytes);
    }
  } catch (...) {
    for (auto& q : queues) q->stop();
    for (auto& t : threads) t.join();
    remove_shards();
    throw;
  }
  for (auto& q : queues) q->close();
  for (auto& t : threads) t.join();
  for (const auto& sh : shards) {
    if (sh.error) {
      remove_shards();
      std::rethrow_exception(sh.error);
    }
  }
  Xapian::Database all;
  for (const auto& sh : shards) {
    all.add_database(Xapian::Database(sh.path));
    summary.indexed += sh.added;
    summary.replaced += sh.replaced;
  }
  try {
    all.compact(options.db_path);
  } catch (const Xapian::Error& e) {
    remove_shards();
    throw DatabaseError("merging the shards into " + options.db_path +
                        " failed: " + e.get_description());
  }
  remove_shards();
  if (options.stories) {
    Xapian::WritableDatabase merged = open_database_for_writing(options.db_path);
    stories::resolve_stories_across_shards(merged);
    merged.commit();
  }
  summary.total_documents = open_database_for_reading(options.db_path).get_doccount();
  return summary;
}

}  // namespace

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                         const IndexObserver& observer) {
  if (options.batch_size == 0) throw UsageError("--batch-size must be at least 1");
  const auto start = std::chrono::steady_clock::now();
  IndexSummary summary;
  const auto inputs = collect_inputs(paths, options.format, summary.skipped, observer);
  const ArticleExtractor extractor = make_extractor(options);
  if (options.shards > 1) {
    summary = index_sharded(inputs, options, extractor, std::move(summary), observer);
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
  }
  IndexWriter writer(options.db_path, options.stories);
  writer.store_gazetteer(extractor.gazetteer().tsv());

  std::uintmax_t total_bytes = 0, done_bytes = 0;
  for (const auto& f : inputs) total_bytes += f.size;
  IndexingSink sink(writer, extractor, options, summary, observer);
  for (const auto& f : inputs) {
    read_input(f, options, sink);
    done_bytes += f.size;
    observer.progress(summary.indexed + sink.pending(), done_bytes, total_bytes);
  }
  sink.flush();
  writer.commit();  // also the metadata, when nothing was indexed
  summary.total_documents = writer.document_count();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

namespace {

class ExplainSink : public ReadSink {
 public:
  ExplainSink(const ArticleExtractor& extractor, std::ostream& out)
      : extractor_(extractor), out_(out) {}

  void article(Article&& a, const SourceLocation& where) override {
    const Extraction e = extractor_.explain(a);
    out_ << "== " << a.id << "  (" << where.to_string() << ")\n";
    out_ << "title: " << a.title << "\n";
    out_ << "companies" << (a.companies_given ? " (given in the record; text shown below)" : "")
         << ":\n";
    if (e.company_mentions.empty()) out_ << "  none found\n";
    for (const auto& m : e.company_mentions) {
      out_ << "  " << m.company << (m.discovered ? " [discovered]" : "") << "  <- \"" << m.matched
           << "\" at byte " << m.offset << ": " << m.why << "\n";
    }
    out_ << "date: ";
    if (!a.date.empty() && a.date_source == "given") {
      out_ << a.date << " (given in the record)\n";
    } else if (!a.date.empty()) {
      // The plain-text reader already took the date from the header lines.
      out_ << a.date << " (rule: " << a.date_source << ", from the file's header lines)\n";
    } else if (e.date) {
      out_ << e.date->date.iso() << " (rule: " << e.date->source << ", form " << e.date->form
           << ", line " << e.date->line << ": \"" << e.date->evidence << "\")\n";
    } else {
      out_ << "none found (the article is kept undated)\n";
    }
    out_ << "topics" << (a.topics_given ? " (given in the record)" : "") << ":\n";
    if (e.topic_scores.empty()) out_ << "  no rule matched\n";
    for (const auto& s : e.topic_scores) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f / %.1f", s.score, s.threshold);
      out_ << "  " << (s.assigned() ? "+ " : "- ") << s.topic << "  " << buf << ":";
      for (const auto& ev : s.evidence) out_ << " " << ev << ";";
      out_ << "\n";
    }
    out_ << "\n";
  }
  void skip(const SourceLocation& where, std::string_view, const std::string& message) override {
    out_ << "== " << where.to_string() << ": skipped: " << message << "\n\n";
  }
  void warn(const SourceLocation& where, const std::string& message) override {
    out_ << "-- " << where.to_string() << ": warning: " << message << "\n";
  }

 private:
  const ArticleExtractor& extractor_;
  std::ostream& out_;
};

}  // namespace

void explain_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   std::ostream& out) {
  std::map<std::string, std::size_t> skipped;
  IndexObserver observer;
  observer.message = [&](const std::string& m) { out << "-- " << m << "\n"; };
  const auto inputs = collect_inputs(paths, options.format, skipped, observer);
  const ArticleExtractor extractor = make_extractor(options);
  ExplainSink sink(extractor, out);
  for (const auto& f : inputs) read_input(f, options, sink);
}

}  // namespace newsdex
