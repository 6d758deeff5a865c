// Looking up a story (a group of near-duplicate articles, see indexer/stories) for
// `newsdex story ID` and GET /api/stories/{id}.
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>

namespace newsdex {

// The most articles a story lookup lists (`size` still counts them all).
inline constexpr std::size_t kMaxStoryArticles = 1000;

// {"id", "size", "first_date", "last_date", "sources": [...], "articles": [{"id","date",
// "source","title"}...]}, articles by date (undated last), then id; at most kMaxStoryArticles.
// Throws UsageError when `id` is not 16 lower-case hex digits, NotFoundError when no article
// has this story.
nlohmann::ordered_json story_to_json(const Xapian::Database& db, const std::string& id);

}  // namespace newsdex
