#!/usr/bin/env python3
"""Scores extracted article bodies (and, optionally, titles) against a labelled set.

    score.py GROUND_TRUTH_JSON EXTRACTED_JSONL [--titles TITLES_TSV] [--per-page] [--json]

GROUND_TRUTH_JSON maps a page key (the file name without `.html.gz`) to
{"url": ..., "articleBody": ...}. EXTRACTED_JSONL holds one JSON object per line with "id"
(the page's file name or a path ending in it, for example `html/0a1b....html.gz`), "body"
(the extracted text) and optionally "title". The key is the id's last path component with a
trailing `.html.gz`, `.html` or `.htm` removed.

The body metric is the one of scrapinghub's article-extraction-benchmark (see the data set's
README.md):
- a text is split into word tokens with re.findall(r"\\w+", text) (Unicode, case kept);
- its shingles are all runs of 4 consecutive tokens; a text of 1 to 3 tokens is one shingle,
  a text without tokens has none;
- per page, with the shingles as multisets: tp = shared shingles, fp = extracted shingles not
  in the expected text, fn = expected shingles not extracted;
- precision = mean, over the pages with tp + fp > 0, of tp / (tp + fp);
  recall = mean, over the pages with tp + fn > 0, of tp / (tp + fn);
  F1 = 2 * precision * recall / (precision + recall) of those two means.
(The benchmark divides tp, fp and fn by their sum first; that changes none of the ratios.)
A page missing from EXTRACTED_JSONL counts as an empty extraction: it adds 0 to recall and,
having no extracted shingles, is left out of precision.

Per page (--per-page) F1 is 2tp / (2tp + fp + fn), and 1 when both texts are empty.

With --titles TITLES_TSV (`key<TAB>headline` lines; lines starting with `#` are comments),
each labelled page's extracted "title" is compared with its label after normalisation
(Unicode NFKC, casefold, runs of whitespace made one space, punctuation and quotes stripped
from both ends).

--json prints one JSON object instead of the text report. Exits 0 once the files are read.
"""
import argparse
import collections
import json
import re
import signal
import sys
import unicodedata

SHINGLE_SIZE = 4
WORD = re.compile(r"\w+")
SUFFIXES = (".html.gz", ".html", ".htm")


def page_key(page_id):
    """`dir/abc.html.gz` -> `abc`."""
    name = page_id.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def shingles(text):
    """The multiset of 4-word shingles of a text, as a Counter of word tuples."""
    words = WORD.findall(text or "")
    if not words:
        return collections.Counter()
    if len(words) < SHINGLE_SIZE:
        return collections.Counter([tuple(words)])
    return collections.Counter(
        tuple(words[i:i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1))


def overlap(expected, extracted):
    """(tp, fp, fn) of the extracted text's shingles against the expected text's."""
    want = shingles(expected)
    got = shingles(extracted)
    tp = sum((want & got).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    return tp, fp, fn


def page_precision(tp, fp):
    return tp / (tp + fp) if tp + fp > 0 else None


def page_recall(tp, fn):
    return tp / (tp + fn) if tp + fn > 0 else None


def page_f1(tp, fp, fn):
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def mean(values):
    return sum(values) / len(values) if values else None


def harmonic(p, r):
    if p is None or r is None or p + r == 0:
        return 0.0
    return 2 * p * r / (p + r)


def load_ground_truth(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {key: (value.get("url", ""), value.get("articleBody") or "")
            for key, value in data.items()}


def load_extracted(path):
    """{key: {"body", "title"}} from a JSON Lines file; the first record of a key wins."""
    pages = {}
    duplicates = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                print(f"score.py: {path}:{number}: not JSON ({err}); line skipped",
                      file=sys.stderr)
                continue
            if not isinstance(record, dict) or "id" not in record:
                print(f"score.py: {path}:{number}: no \"id\"; line skipped", file=sys.stderr)
                continue
            key = page_key(str(record["id"]))
            if key in pages:
                duplicates += 1
                continue
            pages[key] = {"body": record.get("body") or "", "title": record.get("title")}
    if duplicates:
        print(f"score.py: {duplicates} further record(s) for an id already seen were ignored "
              "(the first record of each id is scored)", file=sys.stderr)
    return pages


def load_titles(path):
    """[(key, headline)] from a `key<TAB>headline` file, in file order."""
    titles = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                print(f"score.py: {path}:{number}: no tab; line skipped", file=sys.stderr)
                continue
            key, headline = line.split("\t", 1)
            titles.append((page_key(key.strip()), headline))
    return titles


def is_edge_junk(ch):
    """Whitespace, punctuation (quotes included) and symbols are stripped from a title's ends."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def normalise_title(text):
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = " ".join(text.split())
    start, end = 0, len(text)
    while start < end and is_edge_junk(text[start]):
        start += 1
    while end > start and is_edge_junk(text[end - 1]):
        end -= 1
    return text[start:end]


def score_bodies(truth, extracted):
    rows = []
    for key, (url, expected) in truth.items():
        page = extracted.get(key)
        tp, fp, fn = overlap(expected, page["body"] if page else "")
        rows.append({
            "key": key, "url": url, "extracted": page is not None,
            "tp": tp, "fp": fp, "fn": fn,
            "precision": page_precision(tp, fp), "recall": page_recall(tp, fn),
            "f1": page_f1(tp, fp, fn),
        })
    precision = mean([r["precision"] for r in rows if r["precision"] is not None])
    recall = mean([r["recall"] for r in rows if r["recall"] is not None])
    return rows, precision, recall, harmonic(precision, recall)


def score_titles(labels, extracted):
    wrong = []
    for key, expected in labels:
        page = extracted.get(key)
        got = page["title"] if page and page["title"] is not None else ""
        if normalise_title(got) != normalise_title(expected):
            wrong.append({"key": key, "expected": expected, "got": got,
                          "extracted": page is not None})
    return len(labels) - len(wrong), len(labels), wrong


def fmt(value):
    return "-" if value is None else f"{value:.3f}"


def main():
    parser = argparse.ArgumentParser(
        description="Score extracted article bodies (shingle precision/recall/F1) and titles.")
    parser.add_argument("ground_truth", help="ground-truth.json")
    parser.add_argument("extracted", help="JSON Lines with id, body and title")
    parser.add_argument("--titles", help="TSV of key<TAB>headline labels")
    parser.add_argument("--per-page", action="store_true",
                        help="list every page, worst F1 first")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `| head` ends the report quietly

    truth = load_ground_truth(args.ground_truth)
    extracted = load_extracted(args.extracted)
    rows, precision, recall, f1 = score_bodies(truth, extracted)
    missing = sum(1 for r in rows if not r["extracted"])
    unknown = sorted(set(extracted) - set(truth))
    if unknown:
        print(f"score.py: {len(unknown)} extracted id(s) are not in the ground truth and were "
              f"ignored, e.g. {unknown[0]}", file=sys.stderr)
    if precision is None:
        print("score.py: no page has any extracted text; precision is undefined "
              "(reported as null / -)", file=sys.stderr)
    rows.sort(key=lambda r: (r["f1"], r["key"]))

    titles = score_titles(load_titles(args.titles), extracted) if args.titles else None

    if args.json:
        result = {"pages": len(rows), "missing": missing, "precision": precision,
                  "recall": recall, "f1": f1}
        if args.per_page:
            result["per_page"] = rows
        if titles:
            right, total, wrong = titles
            result.update({"titles_right": right, "titles_total": total,
                           "titles_wrong": wrong})
        print(json.dumps(result, ensure_ascii=False))
        return 0

    print(f"pages:     {len(rows)} ({missing} missing from the extraction)")
    print(f"precision: {fmt(precision)}")
    print(f"recall:    {fmt(recall)}")
    print(f"F1:        {f1:.3f}")
    if args.per_page:
        print()
        print("key\tP\tR\tF1\turl")
        for r in rows:
            key = r["key"] if r["extracted"] else r["key"] + " (missing)"
            print(f"{key}\t{fmt(r['precision'])}\t{fmt(r['recall'])}\t{r['f1']:.3f}\t{r['url']}")
    if titles:
        right, total, wrong = titles
        print()
        print(f"titles right: {right} of {total}")
        for w in wrong:
            got = w["got"] if w["extracted"] else "(page missing)"
            print(f"{w['key']}\texpected: {w['expected']}\tgot: {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
