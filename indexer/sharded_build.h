// The sharded build behind `index --shards N`: one reading thread extracts and routes each
// article to shard hash(id) % N (so a repeated id still replaces), N writer threads each fill
// their own database, and compaction merges them into the new database at the end.
#pragma once

#include <vector>

#include "indexer/inputs.h"

namespace newsdex {

// Builds options.db_path, which must be absent, empty, or hold no articles (else UsageError).
// Holds the database's write lock throughout (a second build on the path is refused as
// locked); shards and merge live in a DB.newsdex-shards-XXXXXX directory of its own
// (indexer/temporaries.h), swapped in with one atomic rename. On failure that directory is
// removed and db_path is left as it was (a database this run created is removed). Returns
// `summary` with the counts of this build added.
IndexSummary index_sharded(const std::vector<InputFile>& inputs, const IndexOptions& options,
                           const ArticleExtractor& extractor, IndexSummary summary,
                           const IndexObserver& observer);

}  // namespace newsdex
