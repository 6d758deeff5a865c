#include "indexer/web/html_reader.h"

#include <algorithm>

#include "core/dates.h"
#include "core/text.h"
#include "indexer/web/charset.h"
#include "indexer/web/html_page.h"
#include "indexer/web/main_text.h"

namespace newsdex::web {

namespace {

// A page whose kept text is shorter than this (code points) has no article.
constexpr std::size_t kMinArticleChars = 100;

// An <h1> shorter than this (code points) is a logo or a section name, not a headline.
constexpr std::size_t kMinHeadlineChars = 15;

// Separators that join a headline and a site's name in <title> and og:title.
constexpr std::string_view kSeparators[] = {
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / "};

// `t` without a site's name before or after a separator: the part the site name is not, or
// else the longest part.
std::string without_site(const std::string& t, const std::string& site) {
  for (std::string_view sep : kSeparators) {
    const std::size_t at = t.rfind(sep);
    if (at == std::string::npos) continue;
    const std::string head = t.substr(0, at), tail = t.substr(at + sep.size());
    if (!site.empty() && comparison_key(tail) == comparison_key(site)) return head;
    const std::size_t first = t.find(sep);
    if (!site.empty() && comparison_key(t.substr(0, first)) == comparison_key(site))
      return t.substr(first + sep.size());
    // No site name known: a short last part is the site's.
    if (tail.size() * 2 < head.size() && tail.size() <= 40) return head;
  }
  return t;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (const auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (const auto colon = url.rfind(':');
      colon != std::string_view::npos && url.find(']') == std::string_view::npos) {
    url = url.substr(0, colon);
  }
  std::string h = text::to_lower_ascii(url);
  if (h.rfind("www.", 0) == 0) h.erase(0, 4);
  return h;
}

// The publication date a page declares, as the article's date (YYYY-MM-DD) and timestamp.
void set_page_date(const HtmlMeta& meta, Article& a) {
  if (meta.published.empty()) return;
  if (const auto d = parse_iso_date(meta.published)) {
    a.date = d->iso();
    if (meta.published.size() > 10) a.published = text::truncate_utf8(meta.published, 64);
  } else if (const auto found = find_dates(meta.published.substr(0, 200)); !found.empty()) {
    a.date = found.front().date.iso();
  } else {
    return;
  }
  a.date_source = "page";
}

}  // namespace

std::string page_title(const HtmlMeta& meta) {
  const std::string site = meta.og_site_name;
  const std::string og = without_site(meta.og_title, site);
  const std::string tag = without_site(meta.title_tag, site);
  for (const std::string& h : meta.h1) {
    const std::string k = comparison_key(h);
    if (k.empty()) continue;
    if (k == comparison_key(og) || k == comparison_key(meta.ld_headline) ||
        k == comparison_key(tag) || k == comparison_key(meta.title_tag))
      return h;
  }
  // One <h1> on the page is the headline as readers see it (og:title is often written for
  // search engines), unless it is the site's name or too short to be a headline.
  if (meta.h1.size() == 1 && code_points(meta.h1[0]) >= kMinHeadlineChars &&
      comparison_key(meta.h1[0]) != comparison_key(site) &&
      comparison_key(meta.h1[0]) != comparison_key(tag)) {
    return meta.h1[0];
  }
  if (!og.empty()) return og;
  if (!meta.ld_headline.empty()) return meta.ld_headline;
  return tag;
}

std::string resolve_url(std::string_view base, std::string_view ref) {
  ref = text::trim(ref);
  const auto absolute = [](std::string_view u) {
    const std::string l = text::to_lower_ascii(u.substr(0, 8));
    return l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0;
  };
  if (absolute(ref)) return std::string(ref);
  if (!absolute(base) || ref.empty()) return "";
  // Another scheme (javascript:, mailto:, data:) is no page's address.
  const std::size_t colon = ref.find(':');
  if (colon != std::string_view::npos && ref.find_first_of("/?#") > colon) return "";
  const std::size_t scheme_end = base.find("://");
  if (ref.substr(0, 2) == "//")
    return std::string(base.substr(0, scheme_end + 1)) + std::string(ref);
  // The base without its query and fragment: origin, then path.
  const std::string_view clean = base.substr(0, base.find_first_of("?#", scheme_end + 3));
  const std::size_t path_start = clean.find('/', scheme_end + 3);
  const std::string origin(clean.substr(0, path_start));
  const std::string_view base_path =
      path_start == std::string_view::npos ? "/" : clean.substr(path_start);
  if (ref[0] == '#') return std::string(base.substr(0, base.find('#'))) + std::string(ref);
  if (ref[0] == '?') return origin + std::string(base_path) + std::string(ref);
  // The reference's path (before its query or fragment), with "." and ".." segments removed.
  const std::size_t tail_at = std::min(ref.find_first_of("?#"), ref.size());
  const std::string path = ref[0] == '/'
                               ? std::string(ref.substr(0, tail_at))
                               : std::string(base_path.substr(0, base_path.rfind('/') + 1)) +
                                     std::string(ref.substr(0, tail_at));
  std::vector<std::string> parts;
  std::size_t i = 1;  // past the leading '/'
  while (i <= path.size()) {
    const std::size_t j = std::min(path.find('/', i), path.size());
    const std::string seg = path.substr(i, j - i);
    const bool last = j == path.size();
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      if (last) parts.emplace_back();
    } else if (seg == ".") {
      if (last) parts.emplace_back();
    } else {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out = origin;
  for (const auto& p : parts) out += "/" + p;
  if (parts.empty()) out += "/";
  return out + std::string(ref.substr(tail_at));
}

void read_html_page(std::string_view bytes, const PageOrigin& origin, ReadSink& sink) {
  const Decoded d = decode_to_utf8(bytes, origin.http_charset);
  if (!d.note.empty()) sink.warn(origin.where, d.note);
  std::string why;
  const auto page = parse_html(d.text, why);
  if (!page) {
    sink.skip(origin.where, "too_large", why + "; not parsed");
    return;
  }
  Article a;
  a.id = text::to_utf8(origin.id);  // a crawl's URL is bytes from the WARC header
  a.title = page_title(page->meta);
  const MainText m = main_text(*page, a.title);
  a.body = join_blocks(*page, m);
  // The publisher's own articleBody (JSON-LD) when the page's markup gave little or nothing.
  if (code_points(a.body) < kMinArticleChars &&
      code_points(page->meta.ld_body) >= kMinArticleChars) {
    a.body = html_fragment_text(page->meta.ld_body);
  }
  if (sink.wants_left_out()) {
    for (std::size_t i = 0; i < page->blocks.size(); ++i) {
      if (!m.why[i].empty()) sink.left_out(m.why[i], page->blocks[i].text);
    }
  }
  if (code_points(a.body) < kMinArticleChars) {
    std::size_t page_chars = 0;
    for (const auto& b : page->blocks) page_chars += b.chars;
    sink.skip(origin.where, "no_article",
              "the page has no article text (" + std::to_string(code_points(a.body)) +
                  " characters kept of " + std::to_string(page_chars) +
                  "; a front page, a list of links or an error page)");
    return;
  }
  const HtmlMeta& meta = page->meta;
  std::string url = resolve_url(origin.url, meta.canonical);
  if (url.empty()) url = resolve_url(origin.url, meta.og_url);
  if (url.empty()) url = origin.url;
  a.url = text::truncate_utf8(text::to_utf8(url), 2048);
  a.source = !meta.og_site_name.empty() ? meta.og_site_name : host_of(a.url);
  a.author = text::truncate_utf8(meta.author, 256);
  set_page_date(meta, a);
  if (a.date.empty() && !origin.crawl_date.empty()) {
    // The crawl's day, used only when the text gives no date either (ArticleExtractor).
    a.date = origin.crawl_date;
    a.date_source = "crawl";
  }
  a.title = text::truncate_utf8(a.title, 1024);
  limit_body_size(a, origin.where, sink);
  sink.article(std::move(a), origin.where);
}

}  // namespace newsdex::web
