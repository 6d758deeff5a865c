// Looking up a story (a group of near-duplicate articles, see indexer/stories) for
// `newsdex story ID` and GET /api/stories/{id}.
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>

namespace newsdex {

// The most articles a story lookup lists (`size` still counts them all).
inline constexpr std::size_t kMaxStoryArticles = 1000;
// The longest id a story lookup accepts (an article with a longer id is found by search).
inline constexpr std::size_t kMaxStoryLookup = 4096;

// {"id", "size", "first_date", "last_date", "sources": [...], "articles": [{"id","date",
// "source","title"}...]}, articles by date (undated last), then id; at most kMaxStoryArticles.
// `id` is a story id (16 lower-case hex digits, as stored with each article) or an article's
// id, which names the article's story. Throws UsageError for an empty id or one over
// kMaxStoryLookup bytes, NotFoundError when neither a story nor an article has it.
nlohmann::ordered_json story_to_json(const Xapian::Database& db, const std::string& id);

}  // namespace newsdex
