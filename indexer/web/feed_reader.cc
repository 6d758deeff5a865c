#include "indexer/web/feed_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <vector>

#include "core/dates.h"
#include "core/text.h"
#include "indexer/web/html_page.h"
#include "indexer/web/html_reader.h"

namespace newsdex::web {

namespace {

std::string_view name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string content(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  if (c == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return out;
}

std::string attribute(const xmlNode* n, const char* a) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(a));
  if (v == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string base_of(const xmlDoc* doc, const xmlNode* n) {
  xmlChar* b = xmlNodeGetBase(doc, n);
  if (b == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(b));
  xmlFree(b);
  return out;
}

std::string_view ns_of(const xmlNode* n) {
  return n->ns != nullptr && n->ns->href != nullptr ? reinterpret_cast<const char*>(n->ns->href)
                                                    : "";
}

// The child elements named `want`. A feed's own elements are in the parent's namespace; an
// extension element (dc:creator, content:encoded, atom:link in RSS) is asked for with
// `any_ns`, and otherwise never taken for the feed's own (WordPress puts <atom:link
// rel="self"> before the channel's <link>).
std::vector<const xmlNode*> children(const xmlNode* n, std::string_view want = {},
                                     bool any_ns = false) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || (!want.empty() && name(c) != want)) continue;
    if (!any_ns && ns_of(c) != ns_of(n)) continue;
    out.push_back(c);
  }
  return out;
}

const xmlNode* child(const xmlNode* n, std::string_view want, bool any_ns = false) {
  const auto all = children(n, want, any_ns);
  return all.empty() ? nullptr : all.front();
}

std::string child_text(const xmlNode* n, std::string_view want, bool any_ns = false) {
  const xmlNode* c = child(n, want, any_ns);
  return c == nullptr ? "" : text::squeeze_spaces(content(c));
}

// A feed date (RFC 822 in RSS, ISO 8601 in Atom) as YYYY-MM-DD, or "".
std::string feed_date(const std::string& s) {
  if (const auto d = parse_iso_date(text::trim(s))) return d->iso();
  if (const auto found = find_dates(s.substr(0, 200)); !found.empty())
    return found.front().date.iso();
  return "";
}

// The text of a content element: HTML (escaped, in CDATA, or Atom's xhtml) read as text. RSS
// text is HTML; an Atom element without a type is plain text (Atom's default).
std::string body_text(const xmlDoc* doc, const xmlNode* n, bool atom = false) {
  if (n == nullptr) return "";
  std::string type = text::to_lower_ascii(attribute(n, "type"));
  if (type.empty() && atom) type = "text";
  if (type == "xhtml") {
    xmlBufferPtr buf = xmlBufferCreate();
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      xmlNodeDump(buf, const_cast<xmlDoc*>(doc), const_cast<xmlNode*>(c), 0, 0);
    }
    std::string html(reinterpret_cast<const char*>(xmlBufferContent(buf)));
    xmlBufferFree(buf);
    return html_fragment_text(html);
  }
  if (type == "text") return std::string(text::trim(content(n)));
  return html_fragment_text(content(n));  // RSS descriptions and Atom html are HTML
}

struct Feed {
  std::string site, link, author;
};

// RSS's <author> is "email (Name)" or an email; the name when there is one.
std::string rss_author(const std::string& s) {
  const std::size_t open = s.find('('), close = s.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1) {
    return text::squeeze_spaces(s.substr(open + 1, close - open - 1));
  }
  return s;
}

void finish(Article& a, const SourceLocation& where, ReadSink& sink) {
  if (a.title.empty() && a.body.empty()) {
    sink.skip(where, "empty_article", "the item has no title or text");
    return;
  }
  // libxml2 recovers from broken input by passing bytes through: every field is made UTF-8.
  for (std::string* f : {&a.id, &a.title, &a.body, &a.url, &a.author, &a.source})
    *f = text::to_utf8(*f);
  for (auto& t : a.topics) t = text::to_utf8(t);
  a.title = text::truncate_utf8(a.title, 1024);
  a.topics_given = !a.topics.empty();
  limit_body_size(a, where, sink);
  sink.article(std::move(a), where);
}

void read_rss_item(const xmlDoc* doc, const xmlNode* item, const Feed& feed,
                   const SourceLocation& where, ReadSink& sink) {
  Article a;
  a.title = html_fragment_text(child_text(item, "title"));
  const std::string base = base_of(doc, item);
  a.url = resolve_url(base.empty() ? feed.link : resolve_url(feed.link, base),
                      child_text(item, "link"));
  if (a.url.empty()) a.url = resolve_url(feed.link, child_text(item, "link"));
  std::string date = child_text(item, "pubDate");
  if (date.empty()) date = child_text(item, "date", true);  // dc:date
  a.date = feed_date(date);
  if (!a.date.empty()) a.date_source = "given";
  a.author = child_text(item, "creator", true);  // dc:creator
  if (a.author.empty()) a.author = rss_author(child_text(item, "author"));
  for (const xmlNode* c : children(item, "category")) {
    const std::string t = text::squeeze_spaces(content(c));
    if (!t.empty() && a.topics.size() < 32) a.topics.push_back(t);
  }
  const xmlNode* body = child(item, "encoded", true);  // content:encoded
  if (body == nullptr) body = child(item, "description");
  a.body = body_text(doc, body);
  const std::string guid = child_text(item, "guid");
  a.id = !a.url.empty() ? a.url : !guid.empty() ? guid : where.to_string();
  a.source = feed.site;
  finish(a, where, sink);
}

void read_atom_entry(const xmlDoc* doc, const xmlNode* entry, const Feed& feed,
                     const SourceLocation& where, ReadSink& sink) {
  Article a;
  a.title = body_text(doc, child(entry, "title"), true);
  for (const xmlNode* l : children(entry, "link")) {
    const std::string rel = attribute(l, "rel");
    if (!rel.empty() && rel != "alternate") continue;
    std::string base = base_of(doc, l);
    if (base.empty()) base = feed.link;
    a.url = resolve_url(resolve_url(feed.link, base).empty() ? base : resolve_url(feed.link, base),
                        attribute(l, "href"));
    break;
  }
  std::string date = child_text(entry, "published");
  if (date.empty()) date = child_text(entry, "updated");
  a.date = feed_date(date);
  if (!a.date.empty()) a.date_source = "given";
  if (const xmlNode* au = child(entry, "author")) a.author = child_text(au, "name");
  if (a.author.empty()) a.author = feed.author;  // Atom: the feed's author covers its entries
  for (const xmlNode* c : children(entry, "category")) {
    std::string t = attribute(c, "label");
    if (t.empty()) t = attribute(c, "term");
    t = text::squeeze_spaces(t);
    if (!t.empty() && a.topics.size() < 32) a.topics.push_back(t);
  }
  const xmlNode* body = child(entry, "content");
  if (body == nullptr) body = child(entry, "summary");
  a.body = body_text(doc, body, true);
  const std::string id = child_text(entry, "id");
  a.id = !a.url.empty() ? a.url : !id.empty() ? id : where.to_string();
  a.source = feed.site;
  finish(a, where, sink);
}

}  // namespace

void read_feed(std::string_view bytes, const std::string& file, ReadSink& sink) {
  const SourceLocation whole{file, 0};
  // No network, no external entities or DTDs; libxml2's own limits bound entity expansion.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_RECOVER | XML_PARSE_NOCDATA;
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options),
      xmlFreeDoc);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    sink.skip(whole, "malformed_feed", "not XML that a feed reader can read");
    return;
  }
  if (doc->intSubset != nullptr && doc->intSubset->entities != nullptr) {
    // Expanded later (in each element's text) with no bound of libxml2's: one entity of 100 KB
    // used a thousand times is 100 MB. Real feeds declare none.
    sink.skip(whole, "malformed_feed",
              "the feed declares its own XML entities, which Newsdex does not expand");
    return;
  }
  const std::string_view kind = name(root);
  Feed feed;
  std::vector<const xmlNode*> items;
  if (kind == "rss" || kind == "RDF") {
    const bool rdf = kind == "RDF";  // RSS 1.0: its elements are in another namespace than the root
    const xmlNode* channel = child(root, "channel", rdf);
    if (channel != nullptr) {
      feed.site = child_text(channel, "title");
      feed.link = child_text(channel, "link");
    }
    items = children(kind == "rss" && channel != nullptr ? channel : root, "item", rdf);
  } else if (kind == "feed") {
    feed.site = body_text(doc.get(), child(root, "title"), true);
    for (const xmlNode* l : children(root, "link")) {
      const std::string rel = attribute(l, "rel");
      if (rel.empty() || rel == "alternate") feed.link = attribute(l, "href");
    }
    if (const std::string base = base_of(doc.get(), root); !base.empty()) {
      feed.link = feed.link.empty() ? base : resolve_url(base, feed.link);
    }
    if (const xmlNode* au = child(root, "author")) feed.author = child_text(au, "name");
    items = children(root, "entry");
  } else {
    sink.skip(whole, "not_a_feed",
              "the XML's root is <" + text::terminal_safe(kind) + ">, not <rss> or <feed>");
    return;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const SourceLocation where{file + " item " + std::to_string(i + 1), 0};
    if (kind == "feed") {
      read_atom_entry(doc.get(), items[i], feed, where, sink);
    } else {
      read_rss_item(doc.get(), items[i], feed, where, sink);
    }
  }
}

}  // namespace newsdex::web
