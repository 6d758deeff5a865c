// How stories are kept in a database, shared by the one-writer StoryIndex and the pass that
// joins stories across shards: the band keys in a value, the term that lists a day's articles,
// the signature rebuilt from an article's stored text, and relabelling a story.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "indexer/stories/signature.h"

namespace newsdex::stories {

Xapian::valueno story_slot();
Xapian::valueno band_slot();
Xapian::valueno id_slot();

// The term that lists the articles of `day` (their date term, or the undated marker).
std::string day_term(const std::optional<long>& day);

// The band keys as the value stored in band_slot(), and back (nullopt: not a band value).
std::string encode_bands(const BandKeys& bands);
std::optional<BandKeys> decode_bands(const std::string& v);

// The signature of a stored article, from the title, body and date of its data.
Signature signature_of(const Xapian::Document& doc);

// The documents that index `term`, in docid order.
std::vector<Xapian::docid> postings(const Xapian::Database& db, const std::string& term);

// Gives the article at `did` the story `story` (term, value and stored data).
void set_story(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& story);
// Moves every article of story `from` to story `to`.
void relabel(Xapian::WritableDatabase& db, const std::string& from, const std::string& to);

}  // namespace newsdex::stories
