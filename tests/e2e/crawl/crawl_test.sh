#!/usr/bin/env bash
# Web ingest as a user runs it (issue 26): WARC crawls written by make_warc.py (from the
# WARC 1.1 specification, not from our reader) indexed into a real database: every HTML page
# with HTTP 200 becomes one article, every other response is skipped with its reason, a
# record cut short is counted, the same crawl indexed again replaces instead of adding; also
# saved pages and feeds given as a directory, and a damaged gzip stream.
# With ../shared/data/article-extraction present, also the 100 labelled real pages.
# Usage: crawl_test.sh NEWSDEX_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=$((failed + 1))
}
# field JSON_FILE PYTHON_EXPRESSION_ON_j
field() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"; }
make_warc="$src/tests/e2e/crawl/make_warc.py"
fixtures="$src/tests/data/web"

# 1. A crawl of the fixture pages, gzip with one member per record.
python3 "$make_warc" "$work/crawl.warc.gz" "$fixtures" --expect "$work/expect.json" >/dev/null ||
  fail "make_warc.py"
pages=$(field "$work/expect.json" "j['html_200_pages']")
"$bin" index --db "$work/db" --json "$work/crawl.warc.gz" >"$work/first.json" 2>"$work/first.err" ||
  fail "index of the crawl exited $?: $(cat "$work/first.err")"
indexed=$(field "$work/first.json" "j['indexed']")
no_article=$(field "$work/first.json" "j['skipped']['by_reason'].get('no_article', 0)")
[ "$((indexed + no_article))" = "$pages" ] ||
  fail "indexed $indexed + no_article $no_article, want the crawl's $pages HTML pages"
[ "$no_article" = 1 ] || fail "the front page of links (no_article.html) was not skipped as no_article"
for reason in "http_status 2" "not_html 2" "truncated 1"; do
  set -- $reason
  got=$(field "$work/first.json" "j['skipped']['by_reason'].get('$1', 0)")
  [ "$got" = "$2" ] || fail "skipped $1: $got, want $2"
done
grep -q "record [0-9]*: skipped: https://example.org/no-such-page: HTTP status 404" "$work/first.err" ||
  fail "the 404 is not named with its record and URL: $(head -3 "$work/first.err")"
grep -q "truncated-page: the record is cut short" "$work/first.err" || fail "the cut record is not named"

# Every page once, under its URL; the chunked page decoded; the cut page absent.
"$bin" search --db "$work/db" --json Eastmere >"$work/chunked.json" || fail "search Eastmere"
[ "$(field "$work/chunked.json" "j['total']")" = 1 ] || fail "the chunked page is not indexed once"
[ "$(field "$work/chunked.json" "j['hits'][0]['url']")" = "https://example.org/chunked-page" ] ||
  fail "the chunked page's URL: $(field "$work/chunked.json" "j['hits'][0].get('url')")"
"$bin" search --db "$work/db" --json Quillbrook >"$work/cut.json" || fail "search Quillbrook"
[ "$(field "$work/cut.json" "j['total']")" = 0 ] || fail "the truncated record was indexed"

# 2. The same crawl again: replaced, not added.
"$bin" index --db "$work/db" --json "$work/crawl.warc.gz" >"$work/second.json" 2>/dev/null ||
  fail "second index exited $?"
[ "$(field "$work/second.json" "j['replaced']")" = "$indexed" ] ||
  fail "re-indexing replaced $(field "$work/second.json" "j['replaced']"), want $indexed"
[ "$(field "$work/second.json" "j['total_documents']")" = "$indexed" ] ||
  fail "the database holds $(field "$work/second.json" "j['total_documents']") after re-indexing, want $indexed"

# 3. The same crawl uncompressed gives the same counts.
python3 "$make_warc" "$work/plain.warc" "$fixtures" --plain >/dev/null || fail "make_warc.py --plain"
"$bin" index --db "$work/plain-db" --json "$work/plain.warc" >"$work/plain.json" 2>/dev/null ||
  fail "index of the plain WARC exited $?"
[ "$(field "$work/plain.json" "j['indexed']")" = "$indexed" ] || fail "the plain WARC indexed a different count"

# 4. A gzip stream cut mid-member: the records before the cut are indexed, the cut is named.
size=$(stat -c %s "$work/crawl.warc.gz")
head -c $((size * 2 / 3)) "$work/crawl.warc.gz" >"$work/cut.warc.gz"
"$bin" index --db "$work/cut-db" --json "$work/cut.warc.gz" >"$work/cutgz.json" 2>"$work/cutgz.err"
[ "$(field "$work/cutgz.json" "j['skipped']['by_reason'].get('malformed_warc', 0)")" = 1 ] ||
  fail "a cut gzip stream was not reported: $(cat "$work/cutgz.err")"
grep -q "cut.warc.gz: skipped: the gzip stream is cut short at byte [0-9]* (after record [0-9]*)" "$work/cutgz.err" ||
  fail "the cut gzip stream is not named: $(tail -2 "$work/cutgz.err")"
[ "$(field "$work/cutgz.json" "j['indexed']")" -gt 0 ] || fail "nothing before the cut was indexed"

# 5. Bytes that are not WARC, named .warc: refused by name, nothing indexed.
printf 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' >"$work/not.warc"
"$bin" index --db "$work/not-db" --json "$work/not.warc" >"$work/not.json" 2>"$work/not.err"
grep -q "not.warc record 1: skipped: not a WARC record at byte 0" "$work/not.err" ||
  fail "a non-WARC file: $(cat "$work/not.err")"

# 6. Saved pages and feeds as a directory: each page one article, each feed item one.
mkdir -p "$work/site"
cp "$fixtures"/*.html "$fixtures"/feed.rss "$fixtures"/feed.atom "$work/site/"
gzip -c "$fixtures/utf8.html" >"$work/site/copy.html.gz"
"$bin" index --db "$work/site-db" --json "$work/site" >"$work/site.json" 2>"$work/site.err" ||
  fail "index of the saved pages exited $?"
html=$(ls "$fixtures"/*.html | wc -l)
[ "$(field "$work/site.json" "j['indexed']")" = "$((html - 1 + 1 + 4 + 3))" ] ||
  fail "saved pages and feeds: indexed $(field "$work/site.json" "j['indexed']"), want $((html + 7))"

# 7. The 100 labelled real pages as a crawl.
pages_dir="$src/../shared/data/article-extraction/html"
if [ -d "$pages_dir" ]; then
  python3 "$make_warc" "$work/real.warc.gz" "$pages_dir" --expect "$work/real.expect.json" >/dev/null ||
    fail "make_warc.py on the labelled pages"
  "$bin" index --db "$work/real-db" --json "$work/real.warc.gz" >"$work/real.json" 2>/dev/null ||
    fail "index of the real crawl exited $?"
  want=$(field "$work/real.expect.json" "j['html_200_pages']")
  [ "$(field "$work/real.json" "j['indexed']")" = "$want" ] ||
    fail "real crawl: indexed $(field "$work/real.json" "j['indexed']"), want $want"
  [ "$(field "$work/real.json" "j['skipped']['total']")" = 5 ] ||
    fail "real crawl: skipped $(field "$work/real.json" "j['skipped']"), want 2 statuses, 2 types, 1 cut"
else
  echo "note: ../shared/data/article-extraction is absent; the real-page crawl is not run"
fi

if [ "$failed" -gt 0 ]; then
  echo "$failed checks failed"
  exit 1
fi
echo "crawl: all checks passed"
