#include "indexer/indexer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/database.h"
#include "core/errors.h"
#include "core/stub.h"
#include "indexer/index_writer.h"
#include "indexer/inputs.h"
#include "indexer/sharded_build.h"
#include "indexer/temporaries.h"

namespace newsdex {

InputFormat parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "text") return InputFormat::kText;
  if (name == "reuters") return InputFormat::kReuters;
  if (name == "html") return InputFormat::kHtml;
  if (name == "warc") return InputFormat::kWarc;
  if (name == "feed") return InputFormat::kFeed;
  throw UsageError("unknown --format '" + name +
                   "' (use auto, jsonl, text, reuters, html, warc or feed)");
}

std::size_t IndexSummary::skipped_total() const {
  std::size_t n = 0;
  for (const auto& [reason, count] : skipped) n += count;
  return n;
}

std::size_t IndexSummary::unreadable() const {
  std::size_t n = 0;
  for (const char* reason : {"unreadable_directory", "unreadable_file"}) {
    if (const auto it = skipped.find(reason); it != skipped.end()) n += it->second;
  }
  return n;
}

nlohmann::json IndexSummary::to_json() const {
  return {{"indexed", indexed},
          {"replaced", replaced},
          {"skipped", {{"total", skipped_total()}, {"by_reason", skipped}}},
          {"warnings", warnings},
          {"seconds", seconds},
          {"docs_per_second", docs_per_second()},
          {"total_documents", total_documents},
          {"shards", shards}};
}

unsigned sharded_writers(const IndexOptions& options) {
  if (options.shards == 1) return 0;
  if (options.shards > 1) return options.shards;
  if (!stub_file_of(options.db_path).empty()) return 0;  // an archive: its live part takes them
  std::error_code ec;
  if (std::filesystem::exists(options.db_path, ec)) {
    try {
      if (open_database_for_reading(options.db_path).get_doccount() > 0) return 0;
    } catch (const std::exception&) {
      // Not a readable database: the build's own open reports why.
    } catch (const Xapian::Error&) {
    }
  }
  return std::clamp(std::thread::hardware_concurrency(), 1U, 64U);
}

namespace {

// The single-writer build: extracts each article and commits every batch_size of them.
class IndexingSink : public CountingSink {
 public:
  IndexingSink(IndexWriter& writer, const ArticleExtractor& extractor, const IndexOptions& options,
               IndexSummary& summary, const IndexObserver& observer)
      : CountingSink(extractor, options, summary, observer), writer_(writer) {
    batch_.reserve(options.batch_size);
  }

  void article(Article&& a, const SourceLocation&) override {
    prepare(a);
    batch_.push_back(std::move(a));
    if (batch_.size() >= options_.batch_size) flush();
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
  std::string uncommitted() const override {
    return "this batch of " + std::to_string(batch_.size()) + " articles was not committed";
  }
  IndexWriter& writer_;
  std::vector<Article> batch_;
};

}  // namespace

IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                         const IndexObserver& observer) {
  if (options.batch_size == 0) throw UsageError("--batch-size must be at least 1");
  const auto start = std::chrono::steady_clock::now();
  IndexSummary summary;
  const auto inputs = collect_inputs(paths, options.format, summary.skipped, observer);
  if (options.strict && summary.unreadable() > 0) {
    throw InputError("an input could not be read (--strict: nothing was indexed)");
  }
  const ArticleExtractor extractor = make_extractor(options);
  if (const unsigned writers = sharded_writers(options); writers > 0) {
    IndexOptions sharded = options;
    sharded.shards = writers;
    summary = index_sharded(inputs, sharded, extractor, std::move(summary), observer);
    summary.shards = writers;
    summary.merged = true;
  } else {
    IndexWriter writer(options.db_path, options.stories, options.bm25);
    for (const auto& dir : remove_stale_temporaries(options.db_path)) {
      observer.message(dir + ": removed (left by an interrupted compact or --shards build)");
    }
    writer.store_gazetteer(extractor.gazetteer().tsv());
    IndexingSink sink(writer, extractor, options, summary, observer);
    read_inputs(inputs, options, sink, observer, [&] { return summary.indexed + sink.pending(); });
    sink.flush();
    writer.commit();  // also the metadata, when nothing was indexed
    summary.total_documents = writer.document_count();
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace newsdex
