// The indexing pipeline: paths -> readers -> extraction -> IndexWriter, committed in batches.
#pragma once

#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/ranking.h"

namespace newsdex {

enum class InputFormat { kAuto, kJsonl, kText, kReuters, kHtml, kWarc, kFeed };

// "auto", "jsonl", "text", "reuters", "html", "warc", "feed"; throws UsageError for anything
// else.
InputFormat parse_input_format(const std::string& name);

struct IndexOptions {
  std::string db_path;
  InputFormat format = InputFormat::kAuto;
  std::string companies_path;      // "" = the bundled data/companies.tsv
  std::string topics_path;         // "" = the bundled data/topics.tsv
  bool strict = false;             // any skipped record fails the run; its batch is not committed
  bool extract = true;             // extract missing companies/topics/dates from the text
  std::size_t batch_size = 10000;  // articles per commit
  std::string id_field = "id";     // JSON Lines key holding the id
  // > 1: build a NEW database with this many writer threads, each filling its own shard
  // (articles go to shard hash(id) % shards, so a repeated id still replaces), then merge the
  // shards by compaction. 1: one writer, committing every batch_size articles into the
  // database as it goes. 0 (the default): a database that holds no articles yet is built the
  // sharded way with one writer per core (and left compacted); articles are added to an
  // existing one by one writer. See writers_for().
  unsigned shards = 0;
  // Detect near duplicates and keep story ids (indexer/stories); with shards, the stories
  // that near duplicates in different shards share are joined before the merge.
  bool stories = true;
  // The BM25 constants of a new database (`--bm25`); unset = ranking::Params's defaults, or
  // what an existing database was created with.
  std::optional<ranking::Params> bm25;
};

struct IndexSummary {
  std::size_t indexed = 0;   // articles written (new or replacing)
  std::size_t replaced = 0;  // of those, how many replaced an article with the same id
  std::map<std::string, std::size_t> skipped;  // reason -> count
  std::size_t warnings = 0;
  double seconds = 0;
  std::size_t total_documents = 0;
  unsigned shards = 1;  // writer threads used
  bool merged = false;  // the shards were merged by compaction (the database is compacted)

  std::size_t skipped_total() const;
  // Files and directories that could not be read at all (skipped as unreadable_file or
  // unreadable_directory): the run indexed the rest, but failed partly (the CLI exits 1).
  std::size_t unreadable() const;
  double docs_per_second() const { return seconds > 0 ? indexed / seconds : 0; }
  // The SPEC's summary: indexed, replaced, skipped {total, by_reason}, warnings, seconds,
  // docs_per_second, total_documents; and shards.
  nlohmann::json to_json() const;
};

// Where the pipeline reports as it goes. Called from the indexing thread only.
struct IndexObserver {
  // A skipped record or a warning, already formatted ("FILE:LINE: reason").
  std::function<void(const std::string&)> message = [](const std::string&) {};
  // Articles done so far, input bytes read so far and in all.
  std::function<void(std::size_t, std::uintmax_t, std::uintmax_t)> progress =
      [](std::size_t, std::uintmax_t, std::uintmax_t) {};
  // The sharded build entering each of its phases, in order: kPhaseWriting, kPhaseJoining
  // (with stories), kPhaseMerging, kPhaseSwapping, kPhaseSwapped (the tests kill it at each).
  std::function<void(std::string_view)> phase = [](std::string_view) {};
};
inline constexpr std::string_view kPhaseWriting = "writing shards";
inline constexpr std::string_view kPhaseJoining = "joining stories across shards";
inline constexpr std::string_view kPhaseMerging = "merging shards";
inline constexpr std::string_view kPhaseSwapping = "swapping in the merged database";
inline constexpr std::string_view kPhaseSwapped = "swapped in";

// How a run writes: 0 for one writer into the database in place, else the number of shards
// of a new build (options.shards when given; with 0, one per core when options.db_path holds
// no articles yet, else 0).
unsigned sharded_writers(const IndexOptions& options);

// Indexes files and directories (recursively; `-` is JSON Lines on standard input).
// Throws InputError for a path that does not exist or is not a regular file or directory
// (before writing anything), and, with options.strict, for the first skipped record or
// unreadable input (its batch is
// not committed; with shards, nothing is); DatabaseError for database problems; UsageError
// for shards > 1 on a database that already holds articles, and for a --companies or --topics
// path that is not a readable, non-empty regular file. Unreadable files and directories met
// on the way are skipped, reported and counted (IndexSummary::unreadable). Temporary
// directories that killed compact and --shards runs left beside the database are removed,
// each reported to the observer.
IndexSummary index_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                         const IndexObserver& observer);

// The most `--explain -` reads from standard input.
inline constexpr std::size_t kMaxExplainInput = std::size_t{8} << 20;

// Reads `paths` like index_paths but writes nothing: prints, for each article, what
// extraction finds in its text and why (aliases and where they matched, the date rule,
// topic scores against the threshold). "-" reads `in`: one plain-text article, or JSON Lines
// when it starts with '{' (or as --format says: reuters, html and feed too; not warc); over
// kMaxExplainInput bytes is an InputError. With `json`, prints instead one JSON object per article,
// as it would be indexed (id, title, date, url, source, author, body, companies, topics, ...; web
// readers add "left_out"), and skips and warnings go to `err`: any extractor can be scored against
// a labelled set.
void explain_paths(const std::vector<std::string>& paths, const IndexOptions& options,
                   std::ostream& out, std::istream& in = std::cin, bool json = false,
                   std::ostream& err = std::cerr);

}  // namespace newsdex
