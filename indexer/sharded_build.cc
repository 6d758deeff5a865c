#include "indexer/sharded_build.h"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "core/database.h"
#include "core/errors.h"
#include "core/schema.h"
#include "indexer/index_writer.h"
#include "indexer/stories/story_index.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

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
class ShardingSink : public CountingSink {
 public:
  ShardingSink(std::vector<std::unique_ptr<ArticleQueue>>& queues,
               const ArticleExtractor& extractor, const IndexOptions& options,
               IndexSummary& summary, const IndexObserver& observer)
      : CountingSink(extractor, options, summary, observer), queues_(queues) {}
  void article(Article&& a, const SourceLocation&) override {
    prepare(a);
    // Routed by the id's term, so ids that share one (long ids, hashed) meet in one writer,
    // which refuses the clash.
    const std::size_t shard =
        std::hash<std::string>{}(schema::term(schema::field("id"), a.id)) % queues_.size();
    queues_[shard]->push(std::move(a));
    ++read_;
  }
  std::size_t read() const { return read_; }

 private:
  std::string uncommitted() const override { return "nothing was committed"; }
  std::vector<std::unique_ptr<ArticleQueue>>& queues_;
  std::size_t read_ = 0;
};

// One shard's database and what its writer thread did.
struct Shard {
  std::string path;
  std::size_t added = 0, replaced = 0;
  std::exception_ptr error;
};

// Adds what `queue` delivers to the shard, committing every batch_size articles. On failure,
// records the error and stops every queue so the other threads end too.
void write_shard(Shard& shard, ArticleQueue& queue,
                 std::vector<std::unique_ptr<ArticleQueue>>& queues,
                 const ArticleExtractor& extractor, const IndexOptions& options) {
  try {
    IndexWriter writer(shard.path, options.stories);
    writer.store_gazetteer(extractor.gazetteer().tsv());
    Article a;
    while (queue.pop(a)) {
      shard.replaced += writer.add(a) ? 1 : 0;
      if (++shard.added % options.batch_size == 0) writer.commit();
    }
    writer.commit();
  } catch (...) {
    shard.error = std::current_exception();
    for (auto& q : queues) q->stop();
  }
}

void refuse_existing_articles(const std::string& db_path) {
  std::error_code ec;
  if (fs::exists(db_path, ec) && !fs::is_empty(db_path, ec) &&
      open_database_for_reading(db_path).get_doccount() > 0) {
    throw UsageError("--shards builds a new database, but " + db_path +
                     " already holds articles (index into it with one writer)");
  }
  fs::remove_all(db_path, ec);
  fs::remove_all(db_path + ".merging", ec);  // left over from an interrupted build
}

}  // namespace

IndexSummary index_sharded(const std::vector<InputFile>& inputs, const IndexOptions& options,
                           const ArticleExtractor& extractor, IndexSummary summary,
                           const IndexObserver& observer) {
  refuse_existing_articles(options.db_path);
  const unsigned n = options.shards;
  std::vector<std::unique_ptr<ArticleQueue>> queues;
  std::vector<Shard> shards(n);
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
    threads.emplace_back(
        [&, k] { write_shard(shards[k], *queues[k], queues, extractor, options); });
  }
  ShardingSink sink(queues, extractor, options, summary, observer);
  try {
    read_inputs(inputs, options, sink, observer, [&] { return sink.read(); });
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
  // Merged beside the database and renamed into place: a run killed while merging leaves no
  // half-written database, only a directory the next run removes.
  const std::string merged = options.db_path + ".merging";
  std::error_code ec;
  try {
    all.compact(merged);
    if (options.stories) {
      // Near duplicates in different shards were not seen by one writer: join them before the
      // database takes its place, so a finished-looking database always has its stories.
      Xapian::WritableDatabase merged_db = open_database_for_writing(merged);
      stories::resolve_stories_across_shards(merged_db);
      merged_db.commit();
    }
    fs::rename(merged, options.db_path);
  } catch (const Xapian::Error& e) {
    remove_shards();
    fs::remove_all(merged, ec);
    throw DatabaseError("merging the shards into " + options.db_path +
                        " failed: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    remove_shards();
    fs::remove_all(merged, ec);
    throw DatabaseError("moving the merged shards to " + options.db_path + " failed: " + e.what());
  }
  remove_shards();
  summary.total_documents = open_database_for_reading(options.db_path).get_doccount();
  return summary;
}

}  // namespace newsdex
