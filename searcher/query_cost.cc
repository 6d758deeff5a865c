#include "searcher/query_cost.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/errors.h"
#include "core/schema.h"
#include "core/text.h"

namespace newsdex {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
}

// The term prefix of a wildcard written after `field:` ("" for no field or an unknown one).
std::string prefix_of(std::string_view field) {
  const auto* f = schema::find_field(text::to_lower_ascii(field));
  return f != nullptr && f->has(schema::kFreeText) ? std::string(f->prefix) : std::string();
}

// The positional work of `q` (see kMaxPositionalWork); throws when a group is too long.
std::uint64_t positional_work(const Xapian::Database& db, const Xapian::Query& q) {
  const auto type = q.get_type();
  const std::size_t n = q.get_num_subqueries();
  if (type != Xapian::Query::OP_PHRASE && type != Xapian::Query::OP_NEAR) {
    std::uint64_t work = 0;
    for (std::size_t i = 0; i < n; ++i) work += positional_work(db, q.get_subquery(i));
    return work;
  }
  if (n > kMaxPositionalTerms) {
    throw UsageError("a phrase or NEAR group has " + std::to_string(n) + " words, more than the " +
                     "limit of " + std::to_string(kMaxPositionalTerms) + "; use fewer words");
  }
  Xapian::doccount candidates = db.get_doccount();
  for (std::size_t i = 0; i < n; ++i) {
    const Xapian::Query sub = q.get_subquery(i);
    if (sub.get_type() == Xapian::Query::LEAF_TERM) {
      candidates = std::min(candidates, db.get_termfreq(*sub.get_terms_begin()));
    }
  }
  return std::uint64_t{candidates} * n;
}

}  // namespace

void check_query_cost(const Xapian::Database& db, const std::string& text,
                      const Xapian::Query& query, std::uint64_t max_postings) {
  std::uint64_t postings = 0;
  std::size_t wildcards = 0;
  // Wildcards as QueryParser reads them: a word (optionally field:word) ending in '*'.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '*' || i == 0 || !word_char(text[i - 1])) continue;
    std::size_t start = i;
    while (start > 0 && word_char(text[start - 1])) --start;
    std::string field;
    if (start > 1 && text[start - 1] == ':') {
      std::size_t f = start - 1;
      while (f > 0 && word_char(text[f - 1])) --f;
      field = text.substr(f, start - 1 - f);
    }
    const std::string word = text.substr(start, i - start);
    if (++wildcards > kMaxWildcards) {
      throw UsageError("the query has more than " + std::to_string(kMaxWildcards) +
                       " wildcards (limit: " + std::to_string(kMaxWildcards) + " per query)");
    }
    const std::string prefix = prefix_of(field) + text::to_lower_ascii(word);
    Xapian::termcount terms = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      if (++terms > kMaxWildcardTerms) {
        throw UsageError("the wildcard '" + word + "*' matches more than " +
                         std::to_string(kMaxWildcardTerms) +
                         " words (limit per wildcard); type more letters");
      }
      postings += t.get_termfreq();
    }
  }
  if (text.find('"') != std::string::npos || text.find("NEAR") != std::string::npos ||
      text.find("ADJ") != std::string::npos) {
    const std::uint64_t work = positional_work(db, query);
    if (work > kMaxPositionalWork) {
      throw UsageError("the query's phrases would compare word positions in " +
                       std::to_string(work) + " places, more than the limit of " +
                       std::to_string(kMaxPositionalWork) +
                       " per query; use rarer words or fewer of them in a phrase");
    }
  }
  std::size_t terms = 0;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) ++terms;
  if (wildcards == 0 && terms <= 16) return;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    postings += db.get_termfreq(*t);
  }
  if (postings > max_postings) {
    throw UsageError("the query would read " + std::to_string(postings) +
                     " postings, more than the limit of " + std::to_string(max_postings) +
                     " per query; use fewer or rarer words or longer wildcard prefixes");
  }
}

}  // namespace newsdex
