#include "indexer/web/html_page.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace newsdex::web {

namespace {

// Elements that start and end a block of text.
bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Elements whose content is never article text (their text is code, controls or media).
bool is_skipped(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

std::string attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a != nullptr ? std::string(a->value) : std::string();
}

std::string tag_name(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece p = e.original_tag;
  gumbo_tag_from_original_text(&p);
  return text::to_lower_ascii(std::string_view(p.data, p.length));
}

// How deep the page's elements nest, counted on its tags before parsing (gumbo frees its tree
// recursively, so depth is stack): a start tag of an element that must be closed opens a
// level; an end tag closes the nearest open element of its name among the innermost few, and
// is ignored otherwise (as the parser ignores a stray one). "<div/>" opens a level too (HTML
// ignores that slash) except inside <svg> and <math>, where it closes the element. Elements
// the parser closes by themselves (p, li, td, ...) and void elements open none. Returns as
// soon as the depth passes `limit`. Linear in the page.
std::size_t nesting_depth(std::string_view html, std::size_t limit) {
  static const std::array<std::string_view, 24> kNoLevel = {
      "p",   "li",    "td",     "th",    "tr",    "dt",    "dd",   "option",
      "br",  "img",   "meta",   "link",  "input", "hr",    "area", "base",
      "col", "embed", "source", "track", "wbr",   "param", "!",    "?"};
  constexpr std::size_t kEndTagReach = 16;  // open elements an end tag may close through
  std::vector<std::string> open;
  std::size_t deepest = 0, foreign = 0;  // foreign: open <svg>/<math> elements
  std::size_t next_gt = 0;               // the first '>' at or after a position, cached
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t s = i + (closing ? 2 : 1), e = s;
    while (e < html.size() && std::isalnum(static_cast<unsigned char>(html[e]))) ++e;
    if (e == s) continue;
    const std::string name = text::to_lower_ascii(html.substr(s, e - s));
    if (!closing && (name == "script" || name == "style")) {
      // Skip to its end tag, compared ignoring case, without copying the page.
      const std::string close = "</" + name;
      std::size_t end = e;
      while ((end = html.find("</", end)) != std::string_view::npos &&
             !text::iequals_ascii(html.substr(end, close.size()), close)) {
        end += 2;
      }
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    if (std::find(kNoLevel.begin(), kNoLevel.end(), name) != kNoLevel.end()) continue;
    if (closing) {
      const std::size_t reach = std::min(open.size(), kEndTagReach);
      for (std::size_t k = 0; k < reach; ++k) {
        if (open[open.size() - 1 - k] != name) continue;
        for (std::size_t popped = 0; popped <= k; ++popped) {
          if (open.back() == "svg" || open.back() == "math") --foreign;
          open.pop_back();
        }
        break;
      }
      continue;
    }
    if (foreign > 0) {
      if (next_gt != std::string_view::npos && next_gt < e) next_gt = html.find('>', e);
      if (next_gt != std::string_view::npos && next_gt > 0 && html[next_gt - 1] == '/') continue;
    }
    if (name == "svg" || name == "math") ++foreign;
    open.push_back(name);
    deepest = std::max(deepest, open.size());
    if (deepest > limit) break;
  }
  return deepest;
}

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Collects blocks, elements and metadata in one walk over the tree, without recursion.
class Walker {
 public:
  explicit Walker(HtmlPage& page) : page_(page) {}

  void walk(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next = 0;
      std::int32_t elem = -1;
      std::int32_t saved_owner = 0;
      bool saved_link = false;
      Boilerplate saved_boilerplate;
    };
    std::vector<Frame> stack;
    stack.push_back(Frame{root, 0, -1, 0, false, {}});
    enter_element(stack.back());
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& kids = f.node->v.element.children;
      if (f.next >= kids.length) {
        leave_element(f);
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(kids.data[f.next++]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
          child->type == GUMBO_NODE_CDATA) {
        add_text(child->v.text.text);
      } else if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
        Frame next{child, 0, -1, 0, false, {}};
        if (enter_element(next)) stack.push_back(std::move(next));
      }
    }
    flush();
    // The page's dates, most explicit first; the walk kept each kind's first.
    set_published(ld_published_, "JSON-LD datePublished");
    set_published(item_published_, "itemprop datePublished");
    set_published(named_published_, "meta date");
    set_published(time_published_, "<time datetime>");
  }

 private:
  template <typename F>
  bool enter_element(F& f) {
    const GumboElement& e = f.node->v.element;
    read_meta(e);
    if (e.tag == GUMBO_TAG_BR) {
      add_text("\n");
      return false;
    }
    if (is_skipped(e.tag)) {
      if (e.tag == GUMBO_TAG_SCRIPT &&
          text::to_lower_ascii(attr(e, "type")) == "application/ld+json") {
        read_json_ld(e);
      }
      if (e.tag == GUMBO_TAG_TITLE && page_.meta.title_tag.empty()) {
        page_.meta.title_tag = text::squeeze_spaces(own_text(e));
      }
      if (e.tag == GUMBO_TAG_HEAD) walk_head(e);
      return false;
    }
    const bool block = is_block(e.tag);
    if (block) flush();
    HtmlElement el;
    el.parent = elem_;
    el.tag = tag_name(e);
    el.class_id = text::to_lower_ascii(attr(e, "class") + " " + attr(e, "id"));
    f.elem = static_cast<std::int32_t>(page_.elements.size());
    f.saved_owner = owner_;
    f.saved_link = in_link_;
    f.saved_boilerplate = boilerplate_;
    Boilerplate here = boilerplate(el.tag, el.class_id, attr(e, "role"), attr(e, "style"),
                                   gumbo_get_attribute(&e.attributes, "hidden") != nullptr,
                                   attr(e, "aria-hidden") == "true");
    if (here.certainty > boilerplate_.certainty) boilerplate_ = std::move(here);
    if (e.tag == GUMBO_TAG_H1 && page_.meta.h1.size() < 8) {
      page_.meta.h1.push_back(text::squeeze_spaces(own_text(e)));
    }
    page_.elements.push_back(std::move(el));
    elem_ = f.elem;
    if (block) owner_ = f.elem;
    if (e.tag == GUMBO_TAG_A) in_link_ = true;
    return true;
  }

  template <typename F>
  void leave_element(F& f) {
    if (f.elem < 0) return;
    if (is_block(f.node->v.element.tag)) flush();
    owner_ = f.saved_owner;
    in_link_ = f.saved_link;
    boilerplate_ = std::move(f.saved_boilerplate);
    elem_ = page_.elements[static_cast<std::size_t>(f.elem)].parent;
  }

  void add_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (s == "\n") {
        while (!cur_.text.empty() && cur_.text.back() == ' ') cur_.text.pop_back();
        if (!cur_.text.empty()) cur_.text += '\n';
        return;
      }
      if (is_space(c)) {
        if (!cur_.text.empty() && cur_.text.back() != ' ' && cur_.text.back() != '\n')
          cur_.text += ' ';
        continue;
      }
      cur_.text += static_cast<char>(c);
      if ((c & 0xC0) == 0x80) continue;  // a continuation byte: not a new character
      ++cur_.chars;
      if (in_link_) ++cur_.link_chars;
      if (c == ',') ++cur_.commas;
      // ， (EF BC 8C), 、 (E3 80 81) and ، (D8 8C).
      if ((c == 0xEF && s.substr(i, 3) == "\xEF\xBC\x8C") ||
          (c == 0xE3 && s.substr(i, 3) == "\xE3\x80\x81") ||
          (c == 0xD8 && s.substr(i, 2) == "\xD8\x8C")) {
        ++cur_.commas;
      }
    }
  }

  void flush() {
    while (!cur_.text.empty() && (cur_.text.back() == ' ' || cur_.text.back() == '\n'))
      cur_.text.pop_back();
    if (cur_.chars > 0) {
      cur_.owner = owner_;
      cur_.tag = page_.elements.empty() ? "" : page_.elements[static_cast<std::size_t>(owner_)].tag;
      cur_.boilerplate = boilerplate_;
      page_.blocks.push_back(std::move(cur_));
    }
    cur_ = HtmlBlock{};
  }

  // The text of an element (for <title>, <h1>), tags dropped.
  static std::string own_text(const GumboElement& e) {
    std::string out;
    std::vector<const GumboVector*> todo{&e.children};
    std::vector<unsigned> at{0};
    while (!todo.empty()) {
      if (at.back() >= todo.back()->length) {
        todo.pop_back();
        at.pop_back();
        continue;
      }
      const auto* n = static_cast<const GumboNode*>(todo.back()->data[at.back()++]);
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
          n->type == GUMBO_NODE_CDATA) {
        out += n->v.text.text;
        if (out.size() > 4096) break;
      } else if (n->type == GUMBO_NODE_ELEMENT && !is_skipped(n->v.element.tag)) {
        out += ' ';
        todo.push_back(&n->v.element.children);
        at.push_back(0);
      }
    }
    return out;
  }

  void walk_head(const GumboElement& head) {
    for (unsigned i = 0; i < head.children.length; ++i) {
      const auto* n = static_cast<const GumboNode*>(head.children.data[i]);
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = n->v.element;
      read_meta(e);
      if (e.tag == GUMBO_TAG_TITLE && page_.meta.title_tag.empty()) {
        page_.meta.title_tag = text::squeeze_spaces(own_text(e));
      } else if (e.tag == GUMBO_TAG_SCRIPT &&
                 text::to_lower_ascii(attr(e, "type")) == "application/ld+json") {
        read_json_ld(e);
      }
    }
  }

  void set_published(const std::string& value, const char* from) {
    if (page_.meta.published.empty() && !text::trim(value).empty()) {
      page_.meta.published = std::string(text::trim(value));
      page_.meta.published_from = from;
    }
  }

  void read_meta(const GumboElement& e);
  void read_json_ld(const GumboElement& e);
  void read_ld_object(const nlohmann::json& j, int depth);

  HtmlPage& page_;
  HtmlBlock cur_;
  std::int32_t owner_ = 0, elem_ = -1;
  bool in_link_ = false;
  Boilerplate boilerplate_;
  std::string ld_published_, item_published_, named_published_, time_published_;
};

void Walker::read_meta(const GumboElement& e) {
  HtmlMeta& m = page_.meta;
  if (e.tag == GUMBO_TAG_HTML && m.language.empty())
    m.language = text::to_lower_ascii(attr(e, "lang"));
  if (e.tag == GUMBO_TAG_LINK && m.canonical.empty() &&
      text::to_lower_ascii(attr(e, "rel")) == "canonical") {
    m.canonical = attr(e, "href");
  }
  if (const std::string ip = attr(e, "itemprop"); ip == "datePublished") {
    const std::string v = attr(e, e.tag == GUMBO_TAG_META ? "content" : "datetime");
    if (item_published_.empty()) item_published_ = v;
  }
  if (e.tag == GUMBO_TAG_TIME && time_published_.empty() &&
      boilerplate_.certainty == Certainty::kNone) {
    time_published_ = attr(e, "datetime");
  }
  if (e.tag != GUMBO_TAG_META) return;
  const std::string key = text::to_lower_ascii(attr(e, "property") + attr(e, "name"));
  const std::string content(text::trim(attr(e, "content")));
  if (content.empty()) return;
  if (key == "og:title" && m.og_title.empty()) m.og_title = text::squeeze_spaces(content);
  if (key == "og:site_name" && m.og_site_name.empty())
    m.og_site_name = text::squeeze_spaces(content);
  if (key == "og:url" && m.og_url.empty()) m.og_url = content;
  if (key == "article:published_time") set_published(content, "article:published_time");
  if ((key == "author" || key == "article:author" || key == "dc.creator") && m.author.empty() &&
      content.find("://") == std::string::npos) {
    m.author = text::squeeze_spaces(content);
  }
  static const std::array<std::string_view, 10> kDateNames = {
      "pubdate",          "publishdate",      "publish-date",    "date",
      "dc.date",          "dc.date.issued",   "dcterms.created", "sailthru.date",
      "parsely-pub-date", "article.published"};
  if (named_published_.empty() &&
      std::find(kDateNames.begin(), kDateNames.end(), key) != kDateNames.end()) {
    named_published_ = content;
  }
}

void Walker::read_json_ld(const GumboElement& e) {
  if (e.children.length == 0) return;
  const auto* n = static_cast<const GumboNode*>(e.children.data[0]);
  if (n->type != GUMBO_NODE_TEXT && n->type != GUMBO_NODE_CDATA && n->type != GUMBO_NODE_WHITESPACE)
    return;
  const std::string_view s = n->v.text.text;
  // Bounded before parsing: 1 MiB, and 64 levels of nesting.
  if (s.size() > (1u << 20)) return;
  int depth = 0, deepest = 0;
  for (char c : s) {
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if (c == ']' || c == '}') --depth;
  }
  if (deepest > 64) return;
  const auto j = nlohmann::json::parse(s, nullptr, false);
  if (!j.is_discarded()) read_ld_object(j, 0);
}

void Walker::read_ld_object(const nlohmann::json& j, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& x : j) read_ld_object(x, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (const auto g = j.find("@graph"); g != j.end()) read_ld_object(*g, depth + 1);
  const auto type = j.find("@type");
  if (type == j.end()) return;
  const std::string t = type->is_string() ? type->get<std::string>()
                        : type->is_array() && !type->empty() && (*type)[0].is_string()
                            ? (*type)[0].get<std::string>()
                            : "";
  if (t.find("Article") == std::string::npos && t != "BlogPosting" && t != "Report" &&
      t != "LiveBlogPosting")
    return;
  HtmlMeta& m = page_.meta;
  const auto str = [&](const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (m.ld_headline.empty()) m.ld_headline = text::squeeze_spaces(str("headline"));
  if (m.ld_body.empty()) m.ld_body = str("articleBody");
  if (ld_published_.empty()) ld_published_ = str("datePublished");
  if (m.author.empty()) {
    const auto a = j.find("author");
    const nlohmann::json* first = a == j.end()                   ? nullptr
                                  : a->is_array() && !a->empty() ? &(*a)[0]
                                                                 : &*a;
    if (first != nullptr && first->is_string()) m.author = first->get<std::string>();
    if (first != nullptr && first->is_object() && first->contains("name") &&
        (*first)["name"].is_string()) {
      m.author = (*first)["name"].get<std::string>();
    }
  }
}

}  // namespace

std::optional<HtmlPage> parse_html(std::string_view utf8, std::string& why) {
  if (utf8.size() > kMaxHtmlBytes) {
    why = "the page is over " + std::to_string(kMaxHtmlBytes >> 20) + " MiB";
    return std::nullopt;
  }
  if (nesting_depth(utf8, kMaxHtmlDepth) > kMaxHtmlDepth) {
    why = "the page's elements nest more than " + std::to_string(kMaxHtmlDepth) + " deep";
    return std::nullopt;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // the parse goes on; its error list is not kept
  GumboOutput* out = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  HtmlPage page;
  Walker w(page);
  w.walk(out->root);
  gumbo_destroy_output(&options, out);
  return page;
}

std::string html_fragment_text(std::string_view utf8) {
  std::string why;
  const auto page = parse_html(utf8, why);
  std::string out;
  if (!page) return out;
  for (const auto& b : page->blocks) {
    if (!out.empty()) out += "\n\n";
    out += b.text;
  }
  return out;
}

}  // namespace newsdex::web
