// Statistics of a Newsdex database for `newsdex stats` and GET /api/stats.
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>

namespace newsdex {

// {"total_documents", "undated_documents", "date_min", "date_max",
//  "fields": {FACET: {"distinct": N, "top": [{"value","count"}...]}},
//  "documents_with_company": N (articles with at least one company),
//  "discovered_companies": {"distinct": N, "top": [...]},
//  "stories": {"distinct": number of stories, "top": the largest, as {"value": id, "count",
//  "title": the title of its article indexed first}}}
//  (top lists hold `top_n` values).
nlohmann::json database_stats(const Xapian::Database& db, std::size_t top_n = 10);

}  // namespace newsdex
