#include "indexer/readers/reuters_reader.h"

#include <algorithm>

#include "core/dates.h"
#include "core/text.h"

namespace newsdex {

std::string decode_sgml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '&') {
      const std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        const std::string_view ref = s.substr(i + 1, semi - i - 1);
        std::string rep;
        bool known = true;
        if (ref == "lt") {
          rep = "<";
        } else if (ref == "gt") {
          rep = ">";
        } else if (ref == "amp") {
          rep = "&";
        } else if (ref == "quot") {
          rep = "\"";
        } else if (!ref.empty() && ref[0] == '#' && ref.size() > 1 &&
                   std::all_of(ref.begin() + 1, ref.end(), [](char d) {
                     return std::isdigit(static_cast<unsigned char>(d));
                   })) {
          const int code = std::stoi(std::string(ref.substr(1)));
          if (code == '\n' || code == '\t') {
            rep = static_cast<char>(code);
          } else if (code >= 32 && code < 127) {
            rep = static_cast<char>(code);
          }  // control characters are dropped
        } else {
          known = false;
        }
        if (known) {
          out += rep;
          i = semi;
          continue;
        }
      }
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 32 && c != '\n' && c != '\t') continue;
    if (u == 127) continue;
    out += c;
  }
  return out;
}

namespace {

// The text between <tag ...> and </tag> in `block`, or nullopt when the tag is absent.
std::optional<std::string_view> element(std::string_view block, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  std::size_t start = 0;
  while (true) {
    start = block.find(open, start);
    if (start == std::string_view::npos) return std::nullopt;
    const char after = start + open.size() < block.size() ? block[start + open.size()] : '\0';
    if (after == '>' || after == ' ') break;
    start += open.size();
  }
  const std::size_t content = block.find('>', start);
  if (content == std::string_view::npos) return std::nullopt;
  const std::string close = "</" + std::string(tag) + ">";
  const std::size_t end = block.find(close, content + 1);
  if (end == std::string_view::npos) return block.substr(content + 1);
  return block.substr(content + 1, end - content - 1);
}

std::string clean(std::string_view s) { return std::string(text::trim(decode_sgml_text(s))); }

// Values of <D>...</D> entries inside a category element.
std::vector<std::string> d_values(std::string_view block, std::string_view tag) {
  std::vector<std::string> out;
  const auto list = element(block, tag);
  if (!list) return out;
  std::size_t pos = 0;
  while ((pos = list->find("<D>", pos)) != std::string_view::npos) {
    const std::size_t end = list->find("</D>", pos);
    if (end == std::string_view::npos) break;
    auto v = clean(list->substr(pos + 3, end - pos - 3));
    if (!v.empty()) out.push_back(std::move(v));
    pos = end + 4;
  }
  return out;
}

std::string attribute(std::string_view open_tag, std::string_view name) {
  const std::string key = std::string(name) + "=\"";
  const std::size_t p = open_tag.find(key);
  if (p == std::string_view::npos) return {};
  const std::size_t e = open_tag.find('"', p + key.size());
  return std::string(open_tag.substr(p + key.size(), e - p - key.size()));
}

}  // namespace

void read_reuters_sgml(std::string_view content, const std::string& file, ReadSink& sink) {
  std::size_t pos = 0;
  std::size_t line = 1;
  std::size_t line_counted_to = 0;
  bool any = false;
  while ((pos = content.find("<REUTERS", pos)) != std::string_view::npos) {
    line +=
        static_cast<std::size_t>(std::count(content.begin() + static_cast<long>(line_counted_to),
                                            content.begin() + static_cast<long>(pos), '\n'));
    line_counted_to = pos;
    const SourceLocation where{file, line};
    const std::size_t tag_end = content.find('>', pos);
    const std::size_t end = content.find("</REUTERS>", pos);
    // An element that another <REUTERS> opens before it closes is unterminated: it is
    // skipped, and the next one read on its own (not swallowed into this one).
    const std::size_t next = content.find("<REUTERS", pos + 8);
    if (tag_end == std::string_view::npos || end == std::string_view::npos || next < end) {
      any = true;
      sink.skip(where, "malformed_sgml", "a <REUTERS> element has no closing </REUTERS>");
      if (next == std::string_view::npos) return;
      pos = next;
      continue;
    }
    any = true;
    const std::string_view open_tag = content.substr(pos, tag_end - pos);
    // Raw bytes of one story: decode it as UTF-8, or as Latin-1 when it is not (reut2-017).
    const std::string block = text::to_utf8(content.substr(tag_end + 1, end - tag_end - 1));
    pos = end + 10;

    Article a;
    const std::string newid = attribute(open_tag, "NEWID");
    if (newid.empty()) {
      sink.skip(where, "missing_id", "a <REUTERS> element has no NEWID attribute");
      continue;
    }
    a.id = "reuters-" + newid;
    if (const auto date = element(block, "DATE")) {
      const auto dates = find_dates(decode_sgml_text(*date));
      if (!dates.empty()) {
        a.date = dates.front().date.iso();
        a.date_source = "given";
        // Keep the wire time: "26-FEB-1987 15:01:01.79" -> "1987-02-26T15:01:01".
        const std::string raw = clean(*date);
        const std::size_t colon = raw.find(':');
        if (colon != std::string::npos && colon >= 2 && colon + 6 <= raw.size()) {
          a.published = a.date + "T" + raw.substr(colon - 2, 8);
        }
      } else {
        sink.warn(where, "article '" + a.id + "': DATE '" + clean(*date) +
                             "' is not a date; the article is kept without a date");
      }
    }
    a.topics = d_values(block, "TOPICS");
    a.orgs = d_values(block, "ORGS");  // codes; the extractor's vocabulary names them
    a.companies = d_values(block, "COMPANIES");
    a.places = d_values(block, "PLACES");  // codes too
    a.topics_given = !a.topics.empty();
    a.companies_given = !a.companies.empty();
    const auto text_el = element(block, "TEXT");
    if (const auto title = element(block, "TITLE")) a.title = text::squeeze_spaces(clean(*title));
    if (const auto author = element(block, "AUTHOR")) {
      std::string au = text::squeeze_spaces(clean(*author));
      if (au.rfind("By ", 0) == 0 || au.rfind("by ", 0) == 0) au = au.substr(3);
      if (const auto comma = au.find(','); comma != std::string::npos) au.resize(comma);
      a.author = au;
    }
    if (const auto body = element(block, "BODY")) {
      std::string b = clean(*body);
      // The wire's sign-off.
      if (b.size() >= 6 && b.compare(b.size() - 6, 6, "Reuter") == 0) b.resize(b.size() - 6);
      a.body = std::string(text::trim(b));
    } else if (text_el && !element(*text_el, "TITLE")) {
      // UNPROC: unstructured text; its first non-empty line serves as the title.
      const std::string raw = clean(*text_el);
      const std::size_t nl = raw.find('\n');
      a.title = text::squeeze_spaces(raw.substr(0, nl));
      a.body = nl == std::string::npos ? std::string() : std::string(text::trim(raw.substr(nl)));
    }
    if (a.title.empty() && a.body.empty()) {
      // The collection has such stories (an UNPROC with only control characters); they are
      // part of it, so they are kept, findable by their metadata.
      sink.warn(where, "article '" + a.id + "' has no text; indexed with its metadata only");
    }
    limit_body_size(a, where, sink);
    sink.article(std::move(a), where);
  }
  if (!any) sink.skip({file, 0}, "malformed_sgml", "no <REUTERS> element in the file");
}

}  // namespace newsdex
