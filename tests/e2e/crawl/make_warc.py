#!/usr/bin/env python3
"""Writes a WARC 1.1 file (ISO 28500:2017) of real pages plus every kind of record a reader must
skip, for testing WARC input. Written from the specification, independently of the indexer's reader.

Usage: make_warc.py OUT PAGES_DIR [--plain] [--expect EXPECT_JSON] [--only N]
                    [--ground-truth JSON]

PAGES_DIR holds pages as NAME.html.gz or NAME.html; they are taken sorted by NAME (--only N keeps
the first N). A page's URL is the "url" of key NAME in the ground truth (default: ground-truth.json
beside PAGES_DIR, else ../shared/data/article-extraction/ground-truth.json), else
https://example.org/NAME. Page i (from 0) is dated 2024-03-(01 + i % 9) at 09:00 UTC + i minutes.

OUT is gzip with one gzip member per record (like Common Crawl's .warc.gz), or plain with --plain.
The output depends only on the inputs (fixed dates, record ids derived from the content, gzip
mtime 0). Records in order:
  warcinfo
  request + response for page 0
  metadata about page 0
  request + response: 301 redirect, 404 with an HTML body, 200 image/png, 200 application/json
  revisit of page 0 (identical-payload-digest profile, headers only, dated 2024-04-02)
  request + response: 200 text/html with Transfer-Encoding: chunked ("Chunked page")
  request + response for pages 1 .. N-1
  request + response: 200 text/html cut in the middle of its body (Content-Length promises more
  bytes than the file holds; its gzip member is complete, the record inside is not)
--expect writes what a correct reader finds: see tests/e2e/crawl/README.md.
"""
import argparse
import base64
import calendar
import email.utils
import gzip
import hashlib
import json
import os
import re
import struct
import sys
import time
import urllib.parse
import uuid
import zlib

CRLF = b"\r\n"
# ../shared beside the project's checkout, as the tests expect it.
SHARED_GROUND_TRUTH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..",
                                   "shared", "data", "article-extraction", "ground-truth.json")
ID_NAMESPACE = uuid.UUID("6f1c2f4e-3b7a-4c55-9d2e-6e65777364ef")  # fixed, for stable record ids
WARC_TYPES = ["warcinfo", "request", "response", "metadata", "revisit"]

CHUNKED_URL = "https://example.org/chunked-page"
CHUNKED_HTML = (
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>Chunked page</title>\n</head>\n<body>\n<article>\n<h1>Chunked page</h1>\n"
    "<p>The harbour committee of Eastmere met on Tuesday evening to settle a question that has "
    "divided the small coastal town for most of the year: whether the old fish market by the "
    "north quay should become a covered hall for the weekly farmers' market or be pulled down to "
    "widen the road. After three hours of debate, members voted seven to four to keep the "
    "building, repair its slate roof before winter and open it to stallholders from the first "
    "Saturday in May. The treasurer warned that the repairs would use most of next year's "
    "maintenance budget.</p>\n"
    "</article>\n</body>\n</html>\n").encode("utf-8")

TRUNCATED_URL = "https://example.org/truncated-page"
TRUNCATED_HTML = (
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>Truncated page</title>\n</head>\n<body>\n<article>\n<h1>Truncated page</h1>\n"
    "<p>Quillbrook parish council has postponed its vote on the new footbridge until the river "
    "survey is finished, the clerk said on Monday.</p>\n"
    "<p>The survey, paid for by the county, will measure how far the banks have moved since the "
    "floods two winters ago and whether the old abutments can carry a wider deck. Residents on "
    "both sides of the river have asked for the bridge to be wide enough for bicycles and "
    "pushchairs, and the council has promised a public meeting before any design is chosen.</p>\n"
    "</article>\n</body>\n</html>\n").encode("utf-8")

REDIRECT_URL = "https://example.org/old-address"
REDIRECT_TARGET = "https://example.org/new-address"
NOT_FOUND_URL = "https://example.org/no-such-page"
PNG_URL = "https://example.org/logo.png"
JSON_URL = "https://example.org/api/story.json"


def iso_date(day, minutes, month=3):
    """WARC-Date (ISO 8601, UTC, second precision) for 2024-MM-DD 09:00 + minutes."""
    return "2024-%02d-%02dT%02d:%02d:00Z" % (month, day, 9 + minutes // 60, minutes % 60)


def http_date(warc_date):
    """The same instant as an HTTP IMF-fixdate (RFC 9110), e.g. Fri, 01 Mar 2024 09:00:00 GMT."""
    t = calendar.timegm(time.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ"))
    return email.utils.formatdate(t, usegmt=True)


def sha1_label(data):
    """A WARC digest value: algorithm, colon, base32 of the SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record_id(*parts):
    return "<urn:uuid:%s>" % uuid.uuid5(ID_NAMESPACE, "\x00".join(parts))


def warc_record(fields, block):
    """A whole record: version line, named fields, Content-Length, blank line, block, CRLF CRLF.
    Returns (record bytes, offset of the block inside them)."""
    head = b"WARC/1.1" + CRLF
    for name, value in fields:
        head += ("%s: %s" % (name, value)).encode("utf-8") + CRLF
    head += ("Content-Length: %d" % len(block)).encode("ascii") + CRLF + CRLF
    return head + block + CRLF + CRLF, len(head)


def http_message(start_line, headers, body=b""):
    msg = start_line.encode("ascii") + CRLF
    for name, value in headers:
        msg += ("%s: %s" % (name, value)).encode("latin-1") + CRLF
    return msg + CRLF + body


def chunk(body, sizes):
    """Chunked transfer coding (RFC 9112 section 7.1) of body in chunks of the given sizes, the
    rest in one last data chunk, then the zero-size chunk and an empty trailer section."""
    out, pos = b"", 0
    for size in list(sizes) + [len(body)]:
        piece = body[pos:pos + size]
        if not piece:
            break
        out += b"%x" % len(piece) + CRLF + piece + CRLF
        pos += len(piece)
    return out + b"0" + CRLF + CRLF


def tiny_png():
    """A valid 1x1 opaque red PNG."""
    def png_chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) +
            png_chunk(b"IEND", b""))


META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)


def declared_charset(html):
    """The charset a page declares in a <meta> tag (charset=... or http-equiv content), if any."""
    end = html.lower().find(b"</head>")
    head = html[:end if end >= 0 else 65536]
    match = META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def load_pages(pages_dir):
    pages = {}
    for entry in os.listdir(pages_dir):
        for suffix in (".html.gz", ".html"):
            if entry.endswith(suffix):
                name = entry[:-len(suffix)]
                if name in pages:
                    sys.exit("make_warc: %s is both NAME.html and NAME.html.gz" % name)
                pages[name] = os.path.join(pages_dir, entry)
                break
    return [(name, pages[name]) for name in sorted(pages)]


def read_page(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


class Writer:
    def __init__(self, out_path, plain):
        self.out = open(out_path, "wb")
        self.plain = plain
        self.types = {t: 0 for t in WARC_TYPES}
        self.warcinfo_id = None

    def write(self, warc_type, fields, block, cut_at=None):
        """Writes one record. cut_at: keep only that many bytes of the block (truncated record)."""
        if self.warcinfo_id and warc_type != "warcinfo":
            fields = fields + [("WARC-Warcinfo-ID", self.warcinfo_id)]
        data, block_offset = warc_record([("WARC-Type", warc_type)] + fields, block)
        if cut_at is not None:
            data = data[:block_offset + cut_at]
        self.out.write(data if self.plain else gzip.compress(data, 6, mtime=0))
        self.types[warc_type] += 1

    def close(self):
        self.out.close()


def request_block(url):
    parts = urllib.parse.urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return http_message("GET %s HTTP/1.1" % target, [
        ("Host", parts.netloc),
        ("User-Agent", "newsdex-test-crawler/1.0"),
        ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
        ("Accept-Encoding", "identity"),
        ("Connection", "close")])


def write_exchange(w, url, date, status_line, headers, body, payload=None, cut_at=None):
    """A request record, then the response record for url. body is the HTTP message body as sent
    (chunked if so); payload is the entity body after transfer decoding (default: body).
    Returns (response record id, payload digest)."""
    req_id = record_id("request", url, date)
    w.write("request", [
        ("WARC-Record-ID", req_id),
        ("WARC-Date", date),
        ("WARC-Target-URI", url),
        ("Content-Type", "application/http; msgtype=request")], request_block(url))
    block = http_message(status_line, [("Date", http_date(date)),
                                       ("Server", "newsdex-test")] + headers, body)
    payload_digest = sha1_label(body if payload is None else payload)
    resp_id = record_id("response", url, date)
    fields = [
        ("WARC-Record-ID", resp_id),
        ("WARC-Date", date),
        ("WARC-Target-URI", url),
        ("WARC-Concurrent-To", req_id),
        ("WARC-Block-Digest", sha1_label(block)),
        ("WARC-Payload-Digest", payload_digest),
        ("Content-Type", "application/http; msgtype=response")]
    if cut_at is not None:
        cut_at += len(block) - len(body)  # cut_at counted from the start of the HTTP body
    w.write("response", fields, block, cut_at)
    return resp_id, payload_digest


def html_headers(html, charset=None):
    ctype = "text/html; charset=%s" % charset if charset else "text/html"
    return [("Content-Type", ctype), ("Content-Length", str(len(html))), ("Connection", "close")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("pages_dir")
    ap.add_argument("--plain", action="store_true", help="write an uncompressed .warc")
    ap.add_argument("--expect", metavar="JSON", help="write what a correct reader finds")
    ap.add_argument("--only", type=int, metavar="N", help="only the first N pages by name")
    ap.add_argument("--ground-truth", metavar="JSON", help="URLs by page name")
    args = ap.parse_args()

    pages = load_pages(args.pages_dir)
    if args.only is not None:
        pages = pages[:max(args.only, 0)]
    gt_path = args.ground_truth
    if gt_path is None:
        beside = os.path.join(os.path.dirname(os.path.abspath(args.pages_dir)), "ground-truth.json")
        gt_path = next((p for p in (beside, SHARED_GROUND_TRUTH) if os.path.exists(p)), None)
    truth = {}
    if gt_path:
        with open(gt_path, encoding="utf-8") as f:
            truth = json.load(f)

    def page_url(name):
        entry = truth.get(name)
        if isinstance(entry, dict) and entry.get("url"):
            return entry["url"]
        return "https://example.org/" + urllib.parse.quote(name)

    w = Writer(args.out, args.plain)
    urls, dates = [], {}
    skipped = {"status": [], "not_html": [], "truncated": 0}

    # warcinfo
    info = "".join("%s: %s\r\n" % kv for kv in [
        ("software", "newsdex tests/e2e/crawl/make_warc.py"),
        ("format", "WARC File Format 1.1"),
        ("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/"
                       "warc-1.1/"),
        ("isPartOf", "newsdex-test-crawl"),
        ("description", "%d pages and records a reader must skip" % len(pages)),
        ("robots", "classic")]).encode("utf-8")
    info_id = record_id("warcinfo", os.path.basename(args.out))
    w.write("warcinfo", [
        ("WARC-Record-ID", info_id),
        ("WARC-Date", iso_date(1, 0)),
        ("WARC-Filename", os.path.basename(args.out)),
        ("Content-Type", "application/warc-fields")], info)
    w.warcinfo_id = info_id

    def write_page(i, name, path):
        html = read_page(path)
        url = page_url(name)
        if url in dates:
            sys.exit("make_warc: two pages have the URL %s" % url)
        date = iso_date(1 + i % 9, i)
        resp_id, digest = write_exchange(w, url, date, "HTTP/1.1 200 OK",
                                         html_headers(html, declared_charset(html)), html)
        urls.append(url)
        dates[url] = date[:10]
        return url, date, resp_id, digest, html

    first = write_page(0, *pages[0]) if pages else None

    # metadata about page 0 (or about a URL of its own when there are no pages)
    meta_url, meta_date = (first[0], first[1]) if first else ("https://example.org/", iso_date(1, 0))
    meta_fields = [
        ("WARC-Record-ID", record_id("metadata", meta_url)),
        ("WARC-Date", meta_date),
        ("WARC-Target-URI", meta_url)]
    if first:
        meta_fields.append(("WARC-Concurrent-To", first[2]))
    meta_fields.append(("Content-Type", "application/warc-fields"))
    w.write("metadata", meta_fields,
            b"via: https://example.org/\r\nhopsFromSeed: L\r\nfetchTimeMs: 412\r\n")

    # 301 redirect with a small HTML body
    body = ('<html><head><title>Moved Permanently</title></head><body><p>This page has moved '
            '<a href="%s">here</a>.</p></body></html>\n' % REDIRECT_TARGET).encode("ascii")
    write_exchange(w, REDIRECT_URL, iso_date(15, 0), "HTTP/1.1 301 Moved Permanently",
                   [("Location", REDIRECT_TARGET)] + html_headers(body, "utf-8"), body)
    skipped["status"].append(REDIRECT_URL)

    # 404 with an HTML body
    body = (b"<!DOCTYPE html>\n<html><head><title>Page not found</title></head><body>"
            b"<h1>Page not found</h1><p>Sorry, the page you asked for does not exist on this "
            b"server. Try the search box or go back to the front page.</p></body></html>\n")
    write_exchange(w, NOT_FOUND_URL, iso_date(15, 1), "HTTP/1.1 404 Not Found",
                   html_headers(body, "utf-8"), body)
    skipped["status"].append(NOT_FOUND_URL)

    # 200 image/png
    body = tiny_png()
    write_exchange(w, PNG_URL, iso_date(15, 2), "HTTP/1.1 200 OK",
                   [("Content-Type", "image/png"), ("Content-Length", str(len(body))),
                    ("Connection", "close")], body)
    skipped["not_html"].append(PNG_URL)

    # 200 application/json (holding HTML in a string, which a reader must not take as a page)
    body = json.dumps({
        "title": "JSON response",
        "html": "<html><head><title>Not a page</title></head><body><p>This markup is inside a "
                "JSON string.</p></body></html>"}, indent=1).encode("utf-8") + b"\n"
    write_exchange(w, JSON_URL, iso_date(15, 3), "HTTP/1.1 200 OK",
                   [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                    ("Connection", "close")], body)
    skipped["not_html"].append(JSON_URL)

    # revisit of page 0: headers only, the payload is the earlier capture's
    rv_url = first[0] if first else "https://example.org/revisited"
    rv_date = iso_date(2, 0, month=4)
    rv_html = first[4] if first else b""
    rv_block = http_message("HTTP/1.1 200 OK", [("Date", http_date(rv_date)),
                                                ("Server", "newsdex-test")] +
                            html_headers(rv_html, declared_charset(rv_html)))
    rv_fields = [
        ("WARC-Record-ID", record_id("revisit", rv_url, rv_date)),
        ("WARC-Date", rv_date),
        ("WARC-Target-URI", rv_url),
        ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
        ("WARC-Payload-Digest", first[3] if first else sha1_label(b""))]
    if first:
        rv_fields += [("WARC-Refers-To", first[2]), ("WARC-Refers-To-Target-URI", first[0]),
                      ("WARC-Refers-To-Date", first[1])]
    rv_fields.append(("Content-Type", "application/http; msgtype=response"))
    w.write("revisit", rv_fields, rv_block)

    # 200 text/html sent with Transfer-Encoding: chunked
    ch_date = iso_date(12, 30)
    write_exchange(w, CHUNKED_URL, ch_date, "HTTP/1.1 200 OK",
                   [("Content-Type", "text/html; charset=utf-8"),
                    ("Transfer-Encoding", "chunked"), ("Connection", "close")],
                   chunk(CHUNKED_HTML, [26, 200, 7]), payload=CHUNKED_HTML)
    urls.append(CHUNKED_URL)
    dates[CHUNKED_URL] = ch_date[:10]

    for i, (name, path) in enumerate(pages[1:], start=1):
        write_page(i, name, path)

    # last: a 200 text/html response cut in the middle of its body
    write_exchange(w, TRUNCATED_URL, iso_date(13, 0), "HTTP/1.1 200 OK",
                   html_headers(TRUNCATED_HTML, "utf-8"), TRUNCATED_HTML,
                   cut_at=len(TRUNCATED_HTML) // 2)
    skipped["truncated"] = 1
    w.close()

    skipped["revisit"] = w.types["revisit"]
    skipped["metadata"] = w.types["metadata"]
    skipped["request"] = w.types["request"]
    skipped["warcinfo"] = w.types["warcinfo"]
    expect = {
        "html_200_pages": len(urls),
        "skipped": skipped,
        "urls": urls,
        "dates": dates,
        "records": sum(w.types.values()),
        "record_types": w.types,
        "truncated_url": TRUNCATED_URL,
        "chunked_url": CHUNKED_URL,
    }
    if args.expect:
        with open(args.expect, "w", encoding="utf-8") as f:
            json.dump(expect, f, indent=1, ensure_ascii=False)
            f.write("\n")
    print("make_warc: %s: %d records, %d HTML pages (%d from %s + 1 chunked)" % (
        args.out, expect["records"], len(urls), len(pages), args.pages_dir))


if __name__ == "__main__":
    main()
