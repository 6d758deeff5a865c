// The web readers (issue 26) on real files: the hand-made pages and feeds of tests/data/web
// indexed into a real database give the labelled fields (expected.json, written with the
// pages, before the reader existed); charsets; and hostile input: enormous, deep and
// compressed-bomb pages, WARC records cut short, feeds with external and exploding entities.
#include <gtest/gtest.h>
#include <xapian.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "core/article.h"
#include "core/text.h"
#include "indexer/web/byte_source.h"
#include "indexer/web/charset.h"
#include "indexer/web/feed_reader.h"
#include "indexer/web/html_page.h"
#include "indexer/web/html_reader.h"
#include "indexer/web/warc_reader.h"
#include "test_util.h"

namespace newsdex {
namespace {

using testing::CollectingSink;
using testing::TempDir;

const std::string kFixtures = std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/web";

std::map<std::string, Article> stored_articles(const std::string& db) {
  std::map<std::string, Article> out;
  Xapian::Database d(db);
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    Article a = article_from_json(nlohmann::json::parse(d.get_document(*it).get_data()));
    out[a.id] = a;
  }
  return out;
}

std::string gzip_bytes(const std::string& plain) {
  z_stream z{};
  deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, plain.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uInt>(plain.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(WebReaders, FixturePagesAndFeedsGiveTheLabelledFields) {
  TempDir dir;
  const std::string in = dir.path() + "/in";
  std::filesystem::create_directories(in);
  for (const auto& e : std::filesystem::directory_iterator(kFixtures)) {
    const auto name = e.path().filename().string();
    if (name != "expected.json" && name != "README.md")
      std::filesystem::copy(e.path(), in + "/" + name);
  }
  const IndexSummary s = testing::index_quietly(dir.path() + "/db", {in});
  EXPECT_EQ(s.skipped.at("no_article"), 1U) << "the front page of links is not an article";
  const auto stored = stored_articles(dir.path() + "/db");
  // Articles from files are keyed by path; feed items by their link.
  std::map<std::string, Article> by_label;
  for (const auto& [id, a] : stored) by_label[id] = a;
  const auto expected =
      nlohmann::json::parse(testing::read_whole_file(kFixtures + "/expected.json"));
  std::size_t checked = 0;
  for (const auto& [label, e] : expected.items()) {
    if (e.value("skip", false)) {
      EXPECT_EQ(by_label.count(label), 0U) << label;
      continue;
    }
    const std::string key =
        label.find('#') == std::string::npos ? label : e.at("url").get<std::string>();
    ASSERT_EQ(by_label.count(key), 1U) << label << " was not indexed under " << key;
    const Article& a = by_label.at(key);
    SCOPED_TRACE(label);
    if (e.contains("title")) {
      EXPECT_EQ(a.title, e["title"].get<std::string>());
    }
    if (e.contains("date")) {
      EXPECT_EQ(a.date, e["date"].is_null() ? "" : e["date"].get<std::string>());
    }
    if (e.contains("author")) {
      EXPECT_EQ(a.author, e["author"].is_null() ? "" : e["author"].get<std::string>());
    }
    if (e.contains("url")) {
      EXPECT_EQ(a.url, e["url"].get<std::string>());
    }
    if (e.contains("site")) {
      EXPECT_EQ(a.source, e["site"].get<std::string>());
    }
    if (e.contains("topics")) {
      std::vector<std::string> want = e["topics"];
      std::vector<std::string> got = a.topics;
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, want);
    }
    for (const std::string& has : e.value("body_has", std::vector<std::string>{})) {
      EXPECT_NE(a.body.find(has), std::string::npos) << "body lacks \"" << has << "\"";
    }
    for (const std::string& lacks : e.value("body_lacks", std::vector<std::string>{})) {
      EXPECT_EQ(a.body.find(lacks), std::string::npos) << "body has \"" << lacks << "\"";
    }
    ++checked;
  }
  EXPECT_GE(checked, 12U);
}

TEST(WebReaders, CharsetsBecomeUtf8AndALyingDeclarationIsNotFollowed) {
  using web::decode_to_utf8;
  // Declared Latin-1 (read as windows-1252, as browsers do).
  auto d = decode_to_utf8("<meta charset=\"ISO-8859-1\"><p>caf\xE9 \x93quoted\x94</p>");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_NE(d.text.find("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D"), std::string::npos);
  // Shift_JIS and EUC-KR, by the page's meta and by the HTTP header.
  d = decode_to_utf8(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=Shift_JIS\">\x93\xFA\x96\x7B");
  EXPECT_NE(d.text.find("\xE6\x97\xA5\xE6\x9C\xAC"), std::string::npos) << d.text;  // 日本
  d = decode_to_utf8("<p>\xC7\xD1\xB1\xB9</p>", "EUC-KR");
  EXPECT_NE(d.text.find("\xED\x95\x9C\xEA\xB5\xAD"), std::string::npos) << d.text;  // 한국
  // The HTTP header outranks the page.
  d = decode_to_utf8("<meta charset=\"utf-8\">\xE9", "iso-8859-1");
  EXPECT_EQ(d.text.substr(d.text.size() - 2), "\xC3\xA9");
  // A page that declares Latin-1 over UTF-8 bytes is read as UTF-8, with a note.
  d = decode_to_utf8("<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9 \xE2\x80\x94</p>");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_NE(d.note.find("declares iso-8859-1"), std::string::npos);
  EXPECT_NE(d.text.find("caf\xC3\xA9 \xE2\x80\x94"), std::string::npos);
  // Undeclared: UTF-8 when valid, else windows-1252; an unknown name is said and survived.
  EXPECT_EQ(decode_to_utf8("<p>\x80 5</p>").text, "<p>\xE2\x82\xAC 5</p>");
  d = decode_to_utf8("<meta charset=\"x-klingon\"><p>plain</p>");
  EXPECT_NE(d.note.find("unknown charset 'x-klingon'"), std::string::npos);
  EXPECT_NE(d.text.find("plain"), std::string::npos);
  // A meta tag with a line break before charset; "utf-16" in a readable meta means UTF-8; an
  // HTTP header's wrong UTF-8 gives way to the page's own declaration.
  d = decode_to_utf8("<meta\ncharset=\"windows-1251\"><p>\xC7\xE0\xE2\xEE\xE4</p>");
  EXPECT_NE(d.text.find("\xD0\x97\xD0\xB0\xD0\xB2\xD0\xBE\xD0\xB4"), std::string::npos)
      << d.text;  // Завод
  d = decode_to_utf8("<meta charset=\"utf-16\"><p>plain</p>");
  EXPECT_NE(d.text.find("<p>plain</p>"), std::string::npos);
  d = decode_to_utf8("<meta charset=\"windows-1251\"><p>\xC7\xE0\xE2\xEE\xE4</p>", "UTF-8");
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_NE(d.text.find("\xD0\x97\xD0\xB0"), std::string::npos);
  // A byte order mark wins over everything; bytes a charset cannot map become U+FFFD.
  d = decode_to_utf8(std::string("\xFF\xFE<\0p\0>\0", 8), "iso-8859-1");
  EXPECT_EQ(d.text, "<p>");
  d = decode_to_utf8("<meta charset=\"shift_jis\">\x81", "");
  EXPECT_TRUE(text::is_valid_utf8(d.text));
  EXPECT_NE(d.text.find("\xEF\xBF\xBD"), std::string::npos);
}

std::string page_with_paragraphs(std::size_t paragraphs) {
  std::string html = "<html><head><title>Big page</title></head><body><article>";
  for (std::size_t i = 0; i < paragraphs; ++i) {
    html += "<p>Paragraph " + std::to_string(i) +
            " of a very long report, with commas, and enough words to count as prose.</p>";
  }
  return html + "</article></body></html>";
}

TEST(WebReaders, EnormousDeepAndBombPagesAreBounded) {
  const web::PageOrigin origin{"big.html", {"big.html", 0}, "", "", ""};
  {  // Over the size limit: refused before parsing.
    CollectingSink s;
    web::read_html_page(std::string(web::kMaxHtmlBytes + 1, 'a'), origin, s);
    ASSERT_EQ(s.skips.size(), 1U);
    EXPECT_EQ(s.skips[0].reason, "too_large");
  }
  {  // Deeper than the parser is given: refused, no stack used.
    CollectingSink s;
    std::string deep;
    for (int i = 0; i < 50000; ++i) deep += "<div><b>";
    web::read_html_page(deep + "text", origin, s);
    ASSERT_EQ(s.skips.size(), 1U);
    EXPECT_NE(s.skips[0].message.find("nest more than"), std::string::npos);
  }
  // Deep by tags HTML reads as open ("<div/>" is "<div>"; a stray end tag closes nothing):
  // refused. Many self-closed elements inside <svg> are not depth: read.
  for (const std::string unit : {"<div/>", "<div></x>"}) {
    CollectingSink s;
    std::string deep;
    for (int i = 0; i < 40000; ++i) deep += unit;
    web::read_html_page(deep + "text", origin, s);
    ASSERT_EQ(s.skips.size(), 1U) << unit;
    EXPECT_NE(s.skips[0].message.find("nest more than"), std::string::npos) << unit;
  }
  {
    CollectingSink s;
    std::string icons = "<svg>";
    for (int i = 0; i < 5000; ++i) icons += "<path d=\"M0 0\"/>";
    web::read_html_page("<html><body>" + icons + "</svg>" + page_with_paragraphs(5).substr(12),
                        origin, s);
    EXPECT_EQ(s.articles.size(), 1U);
  }
  {  // Large but legal (about 12 MiB): read, its body cut to the limit with a warning.
    CollectingSink s;
    web::read_html_page(page_with_paragraphs(130000), origin, s);
    ASSERT_EQ(s.articles.size(), 1U);
    EXPECT_LE(s.articles[0].body.size(), kMaxBodyBytes);
    EXPECT_EQ(s.warnings.size(), 1U);
  }
  // A gzip bomb: 64 MiB of zeros in a small .html.gz is stopped at the page limit.
  TempDir dir;
  testing::write_file(dir.path() + "/bomb.html.gz", gzip_bytes(std::string(64u << 20, '<')));
  const IndexSummary s = testing::index_quietly(dir.path() + "/db", {dir.path() + "/bomb.html.gz"});
  EXPECT_EQ(s.indexed, 0U);
  EXPECT_EQ(s.skipped.at("too_large"), 1U);
  // JSON-LD nested past the limit is ignored; the page is still read.
  CollectingSink ld;
  web::read_html_page("<script type=\"application/ld+json\">" + std::string(5000, '[') +
                          "</script>" + page_with_paragraphs(5),
                      origin, ld);
  EXPECT_EQ(ld.articles.size(), 1U);
}

std::string warc_record(const std::string& type, const std::string& url, const std::string& block,
                        std::size_t claimed = 0) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + url +
         "\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nContent-Length: " +
         std::to_string(claimed != 0 ? claimed : block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

TEST(WebReaders, AWarcRecordCutMidBodyIsCountedAndTheOnesBeforeItRead) {
  const std::string page =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page_with_paragraphs(3);
  std::string warc = warc_record("warcinfo", "", "software: hand") +
                     warc_record("response", "https://example.org/one", page) +
                     warc_record("request", "https://example.org/two", "GET /two HTTP/1.1\r\n\r\n");
  const std::string cut = warc_record("response", "https://example.org/two", page);
  warc += cut.substr(0, cut.size() - page.size() / 2 - 4);
  CollectingSink s;
  web::StringSource src(warc);
  web::read_warc(src, "cut.warc", s);
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].id, "https://example.org/one");
  EXPECT_EQ(s.articles[0].url, "https://example.org/one");
  EXPECT_EQ(s.articles[0].date, "2024-03-05") << "the crawl date, as the page gives none";
  EXPECT_EQ(s.articles[0].date_source, "crawl");
  ASSERT_EQ(s.skips.size(), 1U);
  EXPECT_EQ(s.skips[0].reason, "truncated");
  EXPECT_NE(s.skips[0].message.find("https://example.org/two: the record is cut short"),
            std::string::npos);
  // The same bytes gzip-compressed, then cut inside the gzip stream.
  const std::string gz = gzip_bytes(warc);
  web::StringSource raw(std::string_view(gz).substr(0, gz.size() / 2));
  web::GunzipSource unzipped(raw);
  CollectingSink z;
  web::read_warc(unzipped, "cut.warc.gz", z);
  ASSERT_FALSE(z.skips.empty());
  EXPECT_EQ(z.skips.back().reason, "malformed_warc");
  EXPECT_NE(z.skips.back().message.find("cut short"), std::string::npos);
}

TEST(WebReaders, AWarcUrlIsMadeUtf8AndAResponseWithoutOneIsSkipped) {
  const std::string page =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page_with_paragraphs(3);
  std::string warc = warc_record("response", "https://example.org/caf\xE9", page);
  warc += "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: " + std::to_string(page.size()) +
          "\r\n\r\n" + page + "\r\n\r\n";
  CollectingSink s;
  web::StringSource src(warc);
  web::read_warc(src, "urls.warc", s);
  ASSERT_EQ(s.articles.size(), 1U);
  EXPECT_EQ(s.articles[0].id, "https://example.org/caf\xC3\xA9");
  EXPECT_TRUE(text::is_valid_utf8(s.articles[0].url));
  ASSERT_EQ(s.skips.size(), 1U);
  EXPECT_EQ(s.skips[0].reason, "missing_url");
}

TEST(WebReaders, FeedsNeverReadFilesOrExpandEntityBombs) {
  CollectingSink xxe;
  web::read_feed(
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<rss><channel><title>T</title><link>https://e.example/</link><item><title>A &x; B</title>"
      "<link>/a</link><description>Text &x; here and more text about the harbour.</description>"
      "</item></channel></rss>",
      "xxe.rss", xxe);
  // A feed that declares entities is refused whole (libxml2 would expand them, unbounded).
  EXPECT_TRUE(xxe.articles.empty());
  ASSERT_EQ(xxe.skips.size(), 1U);
  EXPECT_NE(xxe.skips[0].message.find("declares its own XML entities"), std::string::npos);
  for (const auto& a : xxe.articles) {
    EXPECT_EQ(a.body.find("root:"), std::string::npos);
    EXPECT_EQ(a.title.find("root:"), std::string::npos);
  }
  // Twelve levels of ten references each: 10^12 bytes if expanded.
  std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">";
  for (char e = 'b'; e <= 'l'; ++e) {
    bomb += std::string("<!ENTITY ") + e + " \"";
    for (int k = 0; k < 10; ++k) bomb += std::string("&") + static_cast<char>(e - 1) + ";";
    bomb += "\">";
  }
  bomb +=
      "]><rss><channel><item><title>t</title><description>&l;</description></item></channel></rss>";
  CollectingSink b;
  web::read_feed(bomb, "bomb.rss", b);
  EXPECT_TRUE(b.articles.empty());
  ASSERT_EQ(b.skips.size(), 1U);
  EXPECT_EQ(b.skips[0].reason, "malformed_feed");
  for (const auto& a : b.articles) EXPECT_LT(a.body.size(), 1u << 20);
  CollectingSink not_feed;
  web::read_feed("<html><body>hi</body></html>", "page.xml", not_feed);
  ASSERT_EQ(not_feed.skips.size(), 1U);
  EXPECT_EQ(not_feed.skips[0].reason, "not_a_feed");
  CollectingSink junk;
  web::read_feed("\x01\x02 not xml", "junk.rss", junk);
  ASSERT_EQ(junk.skips.size(), 1U);
  EXPECT_EQ(junk.skips[0].reason, "malformed_feed");
}

TEST(WebReaders, ResolveUrlHandlesTheFormsPagesUse) {
  using web::resolve_url;
  EXPECT_EQ(resolve_url("https://a.example/x/y.html", "/z"), "https://a.example/z");
  EXPECT_EQ(resolve_url("https://a.example/x/y.html", "z.html"), "https://a.example/x/z.html");
  EXPECT_EQ(resolve_url("https://a.example/x/y/", "../z"), "https://a.example/x/z");
  EXPECT_EQ(resolve_url("https://a.example/x", "//b.example/q"), "https://b.example/q");
  EXPECT_EQ(resolve_url("https://a.example/x?p=1", "?p=2"), "https://a.example/x?p=2");
  EXPECT_EQ(resolve_url("http://h.example?p=1", "/story"), "http://h.example/story");
  EXPECT_EQ(resolve_url("https://a.example/x/b#top", "?page=2"), "https://a.example/x/b?page=2");
  EXPECT_EQ(resolve_url("https://a.example/x/b", "#top"), "https://a.example/x/b#top");
  EXPECT_EQ(resolve_url("https://a.example/", "/news/../world/./x?q=1#f"),
            "https://a.example/world/x?q=1#f");
  EXPECT_EQ(resolve_url("https://a.example", "x"), "https://a.example/x");
  EXPECT_EQ(resolve_url("https://a.example/a/b/", ".."), "https://a.example/a/");
  EXPECT_EQ(resolve_url("", "/z"), "");
  EXPECT_EQ(resolve_url("https://a.example/", "javascript:alert(1)"), "");
  EXPECT_EQ(resolve_url("https://a.example/", "mailto:x@y.example"), "");
  EXPECT_EQ(resolve_url("ftp://a.example/", "https://b.example/"), "https://b.example/");
}

}  // namespace
}  // namespace newsdex
