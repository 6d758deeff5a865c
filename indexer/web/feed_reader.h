// The feed reader: RSS 2.0 (and RSS 1.0/RDF) and Atom 1.0, parsed by libxml2 with the
// network and external entities off. Each item or entry is an article: its title, link
// (resolved against xml:base or the feed's own link), date, author, categories (as topics)
// and content, description or summary (HTML there is read as text by the HTML parser).
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace newsdex::web {

// Reads one feed file. A file whose root is not <rss>, <rdf:RDF> or <feed> is skipped
// (not_a_feed); XML that cannot be parsed at all is skipped (malformed_feed); an item with
// neither title nor text is skipped (empty_article).
void read_feed(std::string_view bytes, const std::string& file, ReadSink& sink);

}  // namespace newsdex::web
