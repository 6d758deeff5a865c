#include "core/dates.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "core/text.h"

namespace newsdex {

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool Date::valid() const {
  return year >= 1000 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::iso_month() const { return iso().substr(0, 7); }

// Howard Hinnant's days_from_civil algorithm.
long Date::days_since_epoch() const {
  const int y = month <= 2 ? year - 1 : year;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

int Date::weekday() const {
  const long z = days_since_epoch();
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

std::optional<Date> parse_iso_date(std::string_view s) {
  Date d;
  if (!digits(s, 0, 4, d.year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, d.month) ||
      s[7] != '-' || !digits(s, 8, 2, d.day) || !d.valid()) {
    return std::nullopt;
  }
  if (s.size() == 10) return d;
  // A time part: "T" or " ", then hh:mm, optional :ss, fraction and zone.
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int hh, mm;
  if (!digits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, mm) || hh > 23 ||
      mm > 59) {
    return std::nullopt;
  }
  for (std::size_t i = 16; i < s.size(); ++i) {
    const char c = s[i];
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.' && c != 'Z' &&
        c != '+' && c != '-') {
      return std::nullopt;
    }
  }
  return d;
}

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

// The date `day` `month` with the four-digit year at `p`, as a mention of the text from `pos`
// to the year's end; nullopt when no year stands at `p` or the date is not a real one.
std::optional<DateMention> with_year_at(std::string_view s, std::size_t pos, std::size_t p,
                                        int month, int day, const char* form) {
  int year;
  std::size_t end;
  if (!read_year(s, p, year, end)) return std::nullopt;
  const Date d{year, month, day};
  if (!d.valid()) return std::nullopt;
  return DateMention{d, pos, end - pos, form};
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
  return with_year_at(s, pos, p, month, first, dashed ? "reuters" : "day-month-year");
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
  return with_year_at(s, pos, p, month, day, "month-day-year");
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

}  // namespace newsdex
