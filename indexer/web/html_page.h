// An HTML page read into what the main-text rule and the metadata need, by a real HTML5
// parser (gumbo, libgumbo-dev): the page's text as blocks (one per paragraph, heading, list
// item or run of text between block elements), the element tree they hang from with each
// element's text and link text, and the metadata the page declares (<title>, <meta>,
// JSON-LD, <time>, <link rel=canonical>, <html lang>).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/web/boilerplate.h"

namespace newsdex::web {

// Pages larger than this (after decompression) are not parsed.
inline constexpr std::size_t kMaxHtmlBytes = std::size_t{16} << 20;
// Pages whose elements nest deeper than this (a parser's stack and time are not resources to
// hand to a page) are not parsed; real pages nest under a hundred.
inline constexpr std::size_t kMaxHtmlDepth = 1000;

struct HtmlElement {
  std::int32_t parent = -1;  // index in HtmlPage::elements; -1 for the root
  std::string tag;           // lower case
  std::string class_id;      // the class and id attributes, lower case, space-separated
};

struct HtmlBlock {
  std::string text;       // whitespace collapsed; "\n" for <br>
  std::size_t chars = 0;  // code points
  std::size_t link_chars = 0;
  std::size_t commas = 0;  // , ， 、 and ،
  std::int32_t owner = 0;  // the innermost block element holding it
  std::string tag;         // that element's tag
  // Whether it sits in boilerplate (boilerplate.h): the most certain verdict among the
  // elements that hold it.
  Boilerplate boilerplate;
};

struct HtmlMeta {
  std::string title_tag;        // <title>
  std::vector<std::string> h1;  // the text of each <h1>, in order (at most 8)
  std::string og_title, og_site_name, og_url, canonical, language;
  std::string author;                // <meta name=author>, article:author, JSON-LD
  std::string published;             // the first declared publication time, as written
  std::string published_from;        // where it was: "article:published_time", ...
  std::string ld_headline, ld_body;  // JSON-LD NewsArticle/Article headline, articleBody
};

struct HtmlPage {
  std::vector<HtmlElement> elements;  // in document order; a parent precedes its children
  std::vector<HtmlBlock> blocks;      // in document order
  HtmlMeta meta;
};

// Parses UTF-8 HTML. nullopt, with `why` set, when the page is over kMaxHtmlBytes or nests
// deeper than kMaxHtmlDepth.
std::optional<HtmlPage> parse_html(std::string_view utf8, std::string& why);

// The text of an HTML fragment (a feed item's description), blocks joined by blank lines.
std::string html_fragment_text(std::string_view utf8);

}  // namespace newsdex::web
