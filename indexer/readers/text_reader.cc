#include "indexer/readers/text_reader.h"

#include "core/dates.h"
#include "core/text.h"
#include "indexer/extract/dates.h"  // the publication-date rule and the header lines it reads

namespace newsdex {

namespace {
bool looks_binary(std::string_view content) {
  return content.substr(0, 8192).find('\0') != std::string_view::npos;
}

// A header line that holds only a date (and perhaps a time or weekday), not a title.
bool is_date_line(std::string_view line) {
  const auto dates = find_dates(line);
  if (dates.empty()) return false;
  std::size_t letters = 0;
  for (char c : line) letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
  // A date line has few letters beyond month and weekday names.
  return letters <= 22;
}
}  // namespace

void read_text_article(std::string_view content, const std::string& id, const std::string& file,
                       ReadSink& sink) {
  const SourceLocation where{file, 0};
  if (text::trim(content).empty()) {
    sink.skip(where, "empty_file", "the file is empty");
    return;
  }
  if (looks_binary(content)) {
    sink.skip(where, "binary_file", "the file is binary, not text");
    return;
  }
  std::string utf8;
  if (text::is_valid_utf8(content)) {
    utf8 = std::string(content);
  } else {
    sink.warn(where, "not valid UTF-8; read as Latin-1");
    utf8 = text::latin1_to_utf8(content);
  }
  if (utf8.rfind("\xEF\xBB\xBF", 0) == 0) utf8.erase(0, 3);  // byte order mark

  Article a;
  a.id = id;
  const auto lines = text::split(utf8, '\n');
  std::size_t i = 0;
  std::size_t header_seen = 0;
  // The header: lines before the first blank line after the title, at most kHeaderLines.
  // Title, dates, bylines and stamps are taken from it; anything else starts the body.
  for (; i < lines.size() && header_seen < kHeaderLines; ++i) {
    const auto line = text::trim(lines[i]);
    if (line.empty()) {
      if (!a.title.empty()) break;
      continue;
    }
    ++header_seen;
    if (is_byline(line)) {
      std::string author(text::trim(strip_list_marker(line).substr(3)));
      if (const auto comma = author.find(','); comma != std::string::npos) author.resize(comma);
      a.author = text::squeeze_spaces(author);
      continue;
    }
    if (is_crawl_stamp(line) || is_date_line(line)) continue;
    if (a.title.empty()) {
      a.title = text::squeeze_spaces(line);
      continue;
    }
    break;  // a second text line: the body has begun
  }
  std::string body;
  for (; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    body += line;
    body += '\n';
  }
  a.body = std::string(text::trim(body));
  if (const auto pd = find_publication_date(utf8)) {
    a.date = pd->date.iso();
    a.date_source = pd->source;
  }
  if (a.title.empty() && a.body.empty()) {
    sink.skip(where, "empty_article", "the file has no title or body text");
    return;
  }
  limit_body_size(a, where, sink);
  sink.article(std::move(a), where);
}

}  // namespace newsdex
