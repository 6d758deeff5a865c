// A synthetic news corpus of any size, for scale tests: Zipf-distributed vocabulary, real
// company names and topics with skewed popularity, dates over 2000-2025. Deterministic for a
// seed.
#pragma once

#include <cstdint>
#include <ostream>

namespace newsdex::bench {

struct GeneratorOptions {
  std::uint64_t docs = 1000;
  std::uint64_t seed = 1;
  std::size_t vocabulary = 50000;  // distinct body words
};

// Writes `docs` JSON Lines articles with id, title, body, date, source, companies, topics.
// About half the articles omit companies and topics (so indexing exercises extraction too).
void generate_corpus(const GeneratorOptions& options, std::ostream& out);

}  // namespace newsdex::bench
