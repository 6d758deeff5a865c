// The HTML reader: one web page is one article. Its bytes become UTF-8 (charset.h), a real
// HTML5 parser reads them (html_page.h), the main-text rule picks the article's text
// (main_text.h), and the page's own metadata gives the headline, date, author, URL and site.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace newsdex::web {

// Where a page came from, beside its bytes.
struct PageOrigin {
  std::string id;            // the article id: a file's path, or a crawled page's URL
  SourceLocation where;      // for messages
  std::string url;           // the address it was fetched from ("" for a saved file)
  std::string http_charset;  // the HTTP response's charset ("" when none)
  std::string crawl_date;    // YYYY-MM-DD the crawler fetched it ("" when unknown)
};

// Reads one page. A page with no article text (a front page of links, an error page) is
// skipped as no_article; one the parser must not be given (too large, too deep) as too_large.
void read_html_page(std::string_view bytes, const PageOrigin& origin, ReadSink& sink);

// The headline among what the page offers: the <h1> that og:title, JSON-LD or <title> agree
// with; else the page's only <h1> (when it is not the site's name); else og:title or the
// JSON-LD headline; else <title> without the site's name.
struct HtmlMeta;
std::string page_title(const HtmlMeta& meta);

// `ref` resolved against `base` (an absolute http(s) URL): absolute, scheme-relative,
// root-relative and relative references. "" when neither gives an absolute http(s) URL.
std::string resolve_url(std::string_view base, std::string_view ref);

}  // namespace newsdex::web
