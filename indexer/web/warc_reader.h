// The WARC reader (WARC 1.0 and 1.1, plain or gzip with one member per record, as Common
// Crawl's CC-NEWS writes them): every `response` record holding an HTTP 200 HTML page is an
// article, read by the HTML reader with the record's URL as its id and address and the
// record's date as the crawl date. Streamed: at most one record is held at a time.
#pragma once

#include <string>

#include "indexer/readers/reader.h"
#include "indexer/web/byte_source.h"

namespace newsdex::web {

// A response record larger than this is skipped (too_large) without being held.
inline constexpr std::size_t kMaxWarcRecordBytes = std::size_t{20} << 20;

// Reads every record of `in` (the file's uncompressed bytes). Skipped, each with a count:
// HTTP statuses other than 200 (http_status), bodies that are not HTML (not_html), records
// cut short (truncated: the reading stops there), content encodings other than gzip/deflate
// (unsupported_encoding). Request, metadata, warcinfo, revisit and other records are not
// articles and are passed over silently. Bytes that are not a WARC record stop the reading
// (malformed_warc), naming the byte offset.
void read_warc(ByteSource& in, const std::string& file, ReadSink& sink);

}  // namespace newsdex::web
