#!/usr/bin/env python3
"""The whole page as the "extraction": a baseline that checks score.py.

    whole_page.py PAGES_DIR OUT_JSONL

For every `*.html.gz`, `*.html` and `*.htm` file in PAGES_DIR (not its subfolders), writes one
JSON line {"id": FILE_NAME, "title": ..., "body": ...} to OUT_JSONL:
- "body" is the page's text as a browser would show it: every text node outside <head>,
  <script>, <style>, <noscript>, <template> and inline <svg>, entities decoded, with a line
  break at each block-level tag and runs of spaces made one;
- "title" is the text of the page's first <title> (not one inside an <svg>).
Pages are read as UTF-8, or in the charset their <meta> declares when they are not UTF-8.

The data set's README gives the whole page's text (html-text) F1 0.665 on its 181 pages, so
`score.py` on this file should land near that; far from it points to a scorer bug.
"""
import gzip
import html.parser
import json
import os
import re
import sys

# Content of these elements is never shown.
HIDDEN = {"head", "script", "style", "noscript", "template", "svg"}
# Tags that start a new line of text (so that words in neighbouring cells do not merge).
BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "option",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul", "body", "html", "title", "button", "label", "select", "textarea", "img", "iframe",
}
SUFFIXES = (".html.gz", ".html", ".htm")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class TextCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = {}          # open hidden element -> nesting depth
        self.pieces = []
        self.title = None
        self.title_parts = None   # collecting while inside the first <title>

    def is_hidden(self):
        return any(self.hidden.values())

    def handle_starttag(self, tag, attrs):
        if tag == "title" and self.title is None and not self.hidden.get("svg"):
            self.title_parts = []
        if tag == "body":
            # A page that never closes <head> still shows its body.
            self.hidden["head"] = 0
        if tag in HIDDEN:
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
        if tag in BLOCK:
            self.pieces.append("\n")

    def handle_startendtag(self, tag, attrs):
        # <script src=... /> and the like open nothing.
        if tag in BLOCK:
            self.pieces.append("\n")

    def handle_endtag(self, tag):
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split())
            self.title_parts = None
        if tag in HIDDEN and self.hidden.get(tag):
            self.hidden[tag] -= 1
        if tag in BLOCK:
            self.pieces.append("\n")

    def handle_data(self, data):
        if self.title_parts is not None:
            self.title_parts.append(data)
        if not self.is_hidden():
            self.pieces.append(data)

    def text(self):
        lines = ("".join(self.pieces)).split("\n")
        lines = (" ".join(line.split()) for line in lines)
        return "\n".join(line for line in lines if line)


def read_page(path):
    with open(path, "rb") as f:
        raw = f.read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = META_CHARSET.search(raw[:20000])
    if match:
        try:
            return raw.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return raw.decode("utf-8", errors="replace")


def page_text(markup):
    parser = TextCollector()
    parser.feed(markup)
    parser.close()
    title = parser.title
    if title is None and parser.title_parts is not None:   # <title> never closed
        title = " ".join("".join(parser.title_parts).split())
    return title or "", parser.text()


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    pages_dir, out_path = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(pages_dir)
                   if n.endswith(SUFFIXES) and os.path.isfile(os.path.join(pages_dir, n)))
    with open(out_path, "w", encoding="utf-8") as out:
        for name in names:
            title, body = page_text(read_page(os.path.join(pages_dir, name)))
            out.write(json.dumps({"id": name, "title": title, "body": body},
                                 ensure_ascii=False) + "\n")
    print(f"whole_page.py: {len(names)} pages written to {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
