#include "indexer/extract/dates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>

#include "core/text.h"

namespace newsdex {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Month number for an English month name or abbreviation ("Nov", "Sept", "NOVEMBER"), or 0.
int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string w = text::to_lower_ascii(word);
  for (int i = 0; i < 12; ++i) {
    if (w == kNames[i]) return i + 1;
    if (w.size() == 3 && kNames[i].substr(0, 3) == w) return i + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

// Reads a run of digits at `pos`; returns the number of digits (0 if none) and the value.
std::size_t read_number(std::string_view s, std::size_t pos, int& value) {
  std::size_t n = 0;
  value = 0;
  while (pos + n < s.size() && is_digit(s[pos + n]) && n < 5) {
    value = value * 10 + (s[pos + n] - '0');
    ++n;
  }
  if (pos + n < s.size() && is_digit(s[pos + n])) return 0;  // longer than 5 digits
  return n;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  return pos;
}

std::size_t word_end(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_alpha(s[pos])) ++pos;
  return pos;
}

// A four-digit year at `pos` that is not followed by another digit.
bool read_year(std::string_view s, std::size_t pos, int& year, std::size_t& end) {
  const std::size_t n = read_number(s, pos, year);
  if (n != 4) return false;
  end = pos + 4;
  return true;
}

// Skips an English ordinal suffix ("st", "nd", "rd", "th") at `p`.
std::size_t skip_ordinal(std::string_view s, std::size_t p) {
  const std::string_view two = s.substr(p, 2);
  return two == "st" || two == "nd" || two == "rd" || two == "th" ? p + 2 : p;
}

// Tries the forms that start with digits at `pos`.
std::optional<DateMention> date_starting_with_digits(std::string_view s, std::size_t pos) {
  int first;
  const std::size_t n = read_number(s, pos, first);
  if (n == 4 && pos + 10 <= s.size() && (s[pos + 4] == '-' || s[pos + 4] == '/') &&
      s[pos + 7] == s[pos + 4]) {
    int month, day;
    if (read_number(s, pos + 5, month) == 2 && read_number(s, pos + 8, day) == 2) {
      const Date d{first, month, day};
      if (d.valid()) {
        return DateMention{d, pos, 10, s[pos + 4] == '-' ? "iso" : "ymd-slash"};
      }
    }
    return std::nullopt;
  }
  if (n < 1 || n > 2) return std::nullopt;
  // "7 November 2018", "7th November, 2018", "26-FEB-1987".
  std::size_t p = skip_ordinal(s, pos + n);
  const bool dashed = p < s.size() && s[p] == '-';
  p = dashed ? p + 1 : skip_spaces(s, p);
  if (p == pos + n && !dashed) return std::nullopt;
  const std::size_t we = word_end(s, p);
  const int month = month_number(s.substr(p, we - p));
  if (month == 0) return std::nullopt;
  p = we;
  if (p < s.size() && s[p] == '.') ++p;
  if (dashed) {
    if (p >= s.size() || s[p] != '-') return std::nullopt;
    ++p;
  } else {
    if (p < s.size() && s[p] == ',') ++p;
    p = skip_spaces(s, p);
  }
  int year;
  std::size_t end;
  if (!read_year(s, p, year, end)) return std::nullopt;
  const Date d{year, month, first};
  if (!d.valid()) return std::nullopt;
  return DateMention{d, pos, end - pos, dashed ? "reuters" : "day-month-year"};
}

// Tries "November 7, 2018", "Nov. 7 2018" at `pos` (a word start).
std::optional<DateMention> date_starting_with_month(std::string_view s, std::size_t pos) {
  const std::size_t we = word_end(s, pos);
  const int month = month_number(s.substr(pos, we - pos));
  if (month == 0) return std::nullopt;
  std::size_t p = we;
  if (p < s.size() && s[p] == '.') ++p;
  p = skip_spaces(s, p);
  int day;
  const std::size_t n = read_number(s, p, day);
  if (n < 1 || n > 2) return std::nullopt;
  p = skip_ordinal(s, p + n);
  if (p < s.size() && s[p] == ',') ++p;
  p = skip_spaces(s, p);
  int year;
  std::size_t end;
  if (!read_year(s, p, year, end)) return std::nullopt;
  const Date d{year, month, day};
  if (!d.valid()) return std::nullopt;
  return DateMention{d, pos, end - pos, "month-day-year"};
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view s) {
  std::vector<DateMention> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
    if (word_start && (is_digit(s[i]) || is_alpha(s[i]))) {
      const auto m =
          is_digit(s[i]) ? date_starting_with_digits(s, i) : date_starting_with_month(s, i);
      if (m) {
        out.push_back(*m);
        i += m->length;
        continue;
      }
    }
    ++i;
  }
  return out;
}

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
