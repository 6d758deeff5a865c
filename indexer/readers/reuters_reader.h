// Reuters-21578 SGML reader: one article per <REUTERS> element (SPEC "Articles").
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace newsdex {

// Reads every <REUTERS> element of one .sgm file's bytes. Ids are "reuters-NEWID"; TOPICS ->
// topics, ORGS and COMPANIES -> companies (given, so not extracted), DATE -> date and
// timestamp. Character references are decoded and control characters dropped; bytes that are
// not UTF-8 are read as Latin-1. BRIEF stories have a title only; UNPROC stories have no
// TITLE/BODY tags, so their first line becomes the title and the text the body.
void read_reuters_sgml(std::string_view content, const std::string& file, ReadSink& sink);

// Decodes SGML character references (&lt; &amp; &gt; &quot; &#N;), dropping control
// characters other than newline and tab.
std::string decode_sgml_text(std::string_view s);

}  // namespace newsdex
