#include "indexer/sharded_build.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "core/database.h"
#include "core/errors.h"
#include "core/schema.h"
#include "core/thread_annotations.h"
#include "indexer/index_writer.h"
#include "indexer/stories/shard_join.h"
#include "indexer/temporaries.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

// A bounded hand-off of articles from the reading thread to one shard's writer thread.
class ArticleQueue {
 public:
  void push(Article&& a) {
    MutexLock lock(mutex_);
    space_.wait(lock.native(),
                [&]() REQUIRES(mutex_) { return items_.size() < kCapacity || stopped_; });
    items_.push_back(std::move(a));
    ready_.notify_one();
  }
  // False when the queue is closed and drained.
  bool pop(Article& out) {
    MutexLock lock(mutex_);
    ready_.wait(lock.native(),
                [&]() REQUIRES(mutex_) { return !items_.empty() || closed_ || stopped_; });
    if (items_.empty() || stopped_) return false;
    out = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return true;
  }
  void close() {
    MutexLock lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }
  // Abandons the queue: pending articles are dropped, both sides wake up.
  void stop() {
    MutexLock lock(mutex_);
    stopped_ = true;
    ready_.notify_all();
    space_.notify_all();
  }

 private:
  static constexpr std::size_t kCapacity = 1024;
  Mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Article> items_ GUARDED_BY(mutex_);
  bool closed_ GUARDED_BY(mutex_) = false;
  bool stopped_ GUARDED_BY(mutex_) = false;
};

// The reading side of a sharded build: extracts, then routes each article to its shard. A new
// database that learns its average length holds its first articles until the average is
// learnt (AverageLearner), so every shard computes its impacts with the same one.
class ShardingSink : public CountingSink {
 public:
  ShardingSink(std::vector<std::unique_ptr<ArticleQueue>>& queues,
               const ArticleExtractor& extractor, const IndexOptions& options,
               IndexSummary& summary, const IndexObserver& observer, double& average)
      : CountingSink(extractor, options, summary, observer),
        queues_(queues),
        average_(average),
        learner_(options.bm25.value_or(ranking::Params{}).title) {
    if (options.bm25.value_or(ranking::Params{}).fixed_length == 0) learning_ = true;
  }
  void article(Article&& a, const SourceLocation&) override {
    prepare(a);
    ++read_;
    if (!learning_) return route(std::move(a));
    const bool learnt = learner_.add(a);
    held_.push_back(std::move(a));
    if (learnt) release();
  }
  // Sets the average from what was held and routes the held articles (at the end of the input
  // when it holds fewer articles than learning takes).
  void release() {
    if (!learning_) return;
    learning_ = false;
    average_ = learner_.average();  // read by the writers after their first article arrives
    for (auto& a : held_) route(std::move(a));
    held_.clear();
  }
  std::size_t read() const { return read_; }

 private:
  void route(Article&& a) {
    // Routed by the id's term, so ids that share one (long ids, hashed) meet in one writer,
    // which refuses the clash.
    const std::size_t shard =
        std::hash<std::string>{}(schema::term(schema::field("id"), a.id)) % queues_.size();
    queues_[shard]->push(std::move(a));
  }
  std::string uncommitted() const override { return "nothing was committed"; }
  std::vector<std::unique_ptr<ArticleQueue>>& queues_;
  double& average_;
  AverageLearner learner_;
  bool learning_ = false;
  std::vector<Article> held_;
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
// `average`: the learnt average length (0: the database's constants fix it), set before the
// first article is queued.
void write_shard(Shard& shard, ArticleQueue& queue,
                 std::vector<std::unique_ptr<ArticleQueue>>& queues,
                 const ArticleExtractor& extractor, const IndexOptions& options,
                 const double& average) {
  try {
    IndexWriter writer(shard.path, options.stories, options.bm25);
    writer.store_gazetteer(extractor.gazetteer().tsv());
    Article a;
    while (queue.pop(a)) {
      if (shard.added == 0 && average > 0) writer.use_average_length(average);
      shard.replaced += writer.add(a) ? 1 : 0;
      if (++shard.added % options.batch_size == 0) writer.commit();
    }
    writer.commit();
  } catch (...) {
    shard.error = std::current_exception();
    for (auto& q : queues) q->stop();
  }
}

// Removes `path` at scope exit unless it was cleared: the empty database a failed build made.
struct RemoveOnFailure {
  std::string path;
  RemoveOnFailure() = default;
  RemoveOnFailure(const RemoveOnFailure&) = delete;
  RemoveOnFailure& operator=(const RemoveOnFailure&) = delete;
  ~RemoveOnFailure() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// Whether `path` names nothing, so that a failed build may remove what it made there.
bool absent(const std::string& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() == fs::file_type::not_found;
}

// Near duplicates in different shards were not seen by one writer: their stories are joined
// in the shards, so the merge compacts a database whose stories are complete.
void join_stories(const std::vector<Shard>& shards) {
  try {
    std::vector<Xapian::WritableDatabase> dbs;
    for (const auto& sh : shards) dbs.push_back(open_database_for_writing(sh.path));
    stories::join_stories_across_shards(dbs);
    for (auto& db : dbs) db.commit();
  } catch (const Xapian::Error& e) {
    throw DatabaseError("joining the stories of the shards failed: " + e.get_description());
  }
}

}  // namespace

IndexSummary index_sharded(const std::vector<InputFile>& inputs, const IndexOptions& options,
                           const ArticleExtractor& extractor, IndexSummary summary,
                           const IndexObserver& observer) {
  const std::string db_path = normalized_database_path(options.db_path);
  const bool created = absent(db_path);
  // The database's write lock, held until the merged database is in place: a second build,
  // an indexer or a compact on the same path is refused meanwhile (as "locked").
  Xapian::WritableDatabase target = open_database_for_writing(db_path);
  RemoveOnFailure made_here;  // an empty database this run created, removed on failure
  if (created) made_here.path = db_path;
  if (target.get_doccount() > 0) {
    throw UsageError("--shards builds a new database, but " + db_path +
                     " already holds articles (index into it with one writer)");
  }
  for (const auto& dir : remove_stale_temporaries(db_path)) {
    observer.message(dir + ": removed (left by an interrupted compact or --shards build)");
  }
  // Shards and merge in a fresh directory of this run's own: nothing that was there before is
  // touched, and only this directory is removed at the end.
  OwnTemporary work(db_path, kShardsTemporary);
  const unsigned n = options.shards;
  std::vector<std::unique_ptr<ArticleQueue>> queues;
  std::vector<Shard> shards(n);
  for (unsigned k = 0; k < n; ++k) {
    queues.push_back(std::make_unique<ArticleQueue>());
    shards[k].path = work.path() + "/shard-" + std::to_string(k);
  }
  observer.phase(kPhaseWriting);
  double average = 0;  // written by the reading thread before it queues any article
  std::vector<std::thread> threads;
  for (unsigned k = 0; k < n; ++k) {
    threads.emplace_back(
        [&, k] { write_shard(shards[k], *queues[k], queues, extractor, options, average); });
  }
  ShardingSink sink(queues, extractor, options, summary, observer, average);
  try {
    read_inputs(inputs, options, sink, observer, [&] { return sink.read(); });
    sink.release();
  } catch (...) {
    for (auto& q : queues) q->stop();
    for (auto& t : threads) t.join();
    throw;
  }
  for (auto& q : queues) q->close();
  for (auto& t : threads) t.join();
  for (const auto& sh : shards) {
    if (sh.error) std::rethrow_exception(sh.error);
  }
  if (options.stories) {
    observer.phase(kPhaseJoining);
    join_stories(shards);
  }
  Xapian::Database all;
  for (const auto& sh : shards) {
    all.add_database(Xapian::Database(sh.path));
    summary.indexed += sh.added;
    summary.replaced += sh.replaced;
  }
  // Merged in the working directory and swapped in with one atomic rename: a run killed while
  // merging leaves the (empty) database as it was and a working directory the next run removes.
  const std::string merged = work.path() + "/merged";
  observer.phase(kPhaseMerging);
  try {
    all.compact(merged);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("merging the shards into " + db_path + " failed: " + e.get_description());
  }
  observer.phase(kPhaseSwapping);
  if (syscall(SYS_renameat2, AT_FDCWD, merged.c_str(), AT_FDCWD, db_path.c_str(),
              RENAME_EXCHANGE) != 0) {
    throw DatabaseError("moving the merged shards to " + db_path +
                        " failed: " + std::strerror(errno));
  }
  observer.phase(kPhaseSwapped);
  made_here.path.clear();
  work.remove();  // with the empty database the merge replaced, before the lock is released
  target.close();
  summary.total_documents = open_database_for_reading(db_path).get_doccount();
  return summary;
}

}  // namespace newsdex
