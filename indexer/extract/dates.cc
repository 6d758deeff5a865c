#include "indexer/extract/dates.h"

#include <algorithm>
#include <cctype>
#include <span>

#include "core/text.h"

namespace newsdex {

std::string_view strip_list_marker(std::string_view line) {
  line = text::trim(line);
  for (const std::string_view marker : {"\xE2\x80\xA2", "\xC2\xB7", "-", "*"}) {
    if (line.substr(0, marker.size()) != marker) continue;
    const std::string_view rest = line.substr(marker.size());
    // "-" and "*" are markers only when a space follows ("-5%" is text).
    if (marker.size() == 1 && (rest.empty() || rest.front() != ' ')) continue;
    return text::trim(rest);
  }
  return line;
}

bool is_byline(std::string_view line) {
  line = strip_list_marker(line);
  if (line.size() < 4 || !(line.substr(0, 3) == "By " || line.substr(0, 3) == "BY ")) {
    return false;
  }
  return std::isupper(static_cast<unsigned char>(text::trim(line.substr(3)).front())) != 0;
}

namespace {
// The lowercased line without a list marker and leading brackets or punctuation.
std::string label_of(std::string_view line) {
  line = strip_list_marker(line);
  while (!line.empty() && !std::isalnum(static_cast<unsigned char>(line.front()))) {
    line.remove_prefix(1);
  }
  return text::to_lower_ascii(line.substr(0, 40));
}

bool starts_with_any(const std::string& s, std::initializer_list<std::string_view> words) {
  for (const auto w : words) {
    if (s.rfind(w, 0) == 0) return true;
  }
  return false;
}

std::size_t word_count(std::string_view line) {
  std::size_t n = 0;
  bool in_word = false;
  for (const char c : line) {
    const bool w = std::isspace(static_cast<unsigned char>(c)) == 0;
    n += w && !in_word ? 1 : 0;
    in_word = w;
  }
  return n;
}
}  // namespace

bool is_crawl_stamp(std::string_view line) {
  return starts_with_any(
      label_of(line), {"retrieved", "updated", "last updated", "accessed", "crawled", "crawl",
                       "fetched", "downloaded", "last modified", "modified", "archived", "printed",
                       "print", "captured", "saved", "snapshot", "edited", "revised"});
}

bool is_labelled_date(std::string_view line) {
  return starts_with_any(label_of(line), {"published", "posted", "first published",
                                          "publication date", "date:", "dated"});
}

std::optional<PublicationDate> find_publication_date(std::string_view text) {
  struct HeaderLine {
    std::string_view text;
    std::size_t number;
  };
  std::vector<HeaderLine> lines;
  std::size_t line_no = 0;
  for (const auto line : text::split(text, '\n')) {
    ++line_no;
    if (text::trim(line).empty()) continue;
    lines.push_back({line, line_no});
    if (lines.size() == kHeaderLines + 1) break;
  }
  // The header block ends at the first body paragraph (never the first line: the title).
  std::size_t header_size = std::min(lines.size(), kHeaderLines);
  std::size_t last_byline = 0;  // the last byline or labelled date in the first lines
  for (std::size_t i = 0; i < header_size; ++i) {
    if (is_byline(lines[i].text) || is_labelled_date(lines[i].text)) last_byline = i;
  }
  for (std::size_t i = 1; i < header_size; ++i) {
    const std::size_t words = word_count(lines[i].text);
    const bool wrapped = words >= 8 && i + 1 < lines.size() &&
                         lines[i + 1].number == lines[i].number + 1 &&
                         word_count(lines[i + 1].text) >= 8;
    const auto trimmed = text::trim(lines[i].text);
    const char last = trimmed.empty() ? ' ' : trimmed.back();
    const bool sentence = words >= 4 && (last == '.' || last == '!' || last == '?');
    if (words >= 25 || wrapped || (sentence && i > last_byline)) {
      header_size = i;
      break;
    }
  }
  const std::span<const HeaderLine> header(lines.data(), header_size);
  auto first_date = [](std::string_view line) -> std::optional<DateMention> {
    auto dates = find_dates(line);
    if (dates.empty()) return std::nullopt;
    return dates.front();
  };
  auto make = [](const DateMention& m, const HeaderLine& l, const char* source) {
    return PublicationDate{m.date, source, m.form, l.number,
                           std::string(strip_list_marker(l.text))};
  };
  // 1. A labelled publication date.
  for (const auto& l : header) {
    if (!is_labelled_date(l.text)) continue;
    if (const auto m = first_date(l.text)) return make(*m, l, "labelled");
  }
  // 2. The byline's own line, then the lines around it.
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!is_byline(header[i].text)) continue;
    for (const std::size_t j : {i, i + 1, i - 1}) {
      if (j >= header.size() || is_crawl_stamp(header[j].text)) continue;
      if (const auto m = first_date(header[j].text)) return make(*m, header[j], "byline");
    }
  }
  // 3. The first dated header line that is not a stamp.
  for (const auto& l : header) {
    if (is_crawl_stamp(l.text)) continue;
    if (const auto m = first_date(l.text)) return make(*m, l, "header");
  }
  // 4. The first full date in the text that is not in a stamp.
  line_no = 0;
  for (const auto line : text::split(text, '\n')) {
    ++line_no;
    if (is_crawl_stamp(line)) continue;
    if (const auto m = first_date(line)) return make(*m, HeaderLine{line, line_no}, "body");
  }
  return std::nullopt;
}

}  // namespace newsdex
