#!/usr/bin/env python3
"""Converts the test collections in ../shared/data/ir to what Newsdex reads.

    convert.py cranfield|cisi|med|npl SRC_DIR OUT_DIR
    convert.py news QUERIES_DIR OUT_DIR     (data/news-queries: topics and qrels only)

writes OUT_DIR/docs.jsonl (one article per document: id, title, body), OUT_DIR/topics.tsv
(qid TAB query text) and OUT_DIR/qrels (TREC: qid 0 docid grade; grade > 0 is relevant).
Queries are kept as typed: only line breaks and runs of spaces become one space (quotes,
case, punctuation and Boolean-looking words stay). The collections' traps (each README):
- every file: CRLF and trailing padding spaces are stripped; a section marker may carry
  trailing spaces (`.T `); unknown markers (CISI's `.K`, `.C`) are accepted and not indexed.
- cranfield: documents are .T (title) and .W (abstract); .A/.B are not indexed. In doc 240
  the abstract has lines `.A` and `.B` after .W: a marker that repeats a field the record
  already has, met after .W, is a stray line: it is dropped and the text after it stays in
  the abstract (docs 576 and 578 repeat `.W`, which changes nothing).
  Queries are numbered 1..225 in file order (their .I numbers have gaps and do not match
  cranqrel); codes 1 (complete answer) .. 4 (minimum interest) become grades 4..1 (5 - code);
  the one code -1 pair per query is dropped (not relevant).
- med: documents have only .W (no title); MED.REL (TREC layout, binary) is used as is.
- cisi: documents are .T and .W; .A, .B and the .X citation triples are not indexed. Queries
  are .W only (queries 58-112 are whole abstracts with quoted phrases; their .T/.A/.B are
  left out). CISI.REL (`q doc 0 0.000000`) is binary: grade 1. 36 of the 112 queries have no
  judgement; they stay in topics.tsv (evaluators skip them).
- npl: records end at a line holding only `/` (indented in doc-text and rlv-ass, not in
  query-text, and doc-text ends with an extra `/`); the first line is the id. Documents have no
  title (body only, lower case, no punctuation); queries are upper case and can wrap; rlv-ass
  lists each query's relevant documents over several lines: grade 1.
- news: topics.tsv keeps the first two columns of queries.tsv (qid, query; the third is the
  grading rule, which `newsdex eval` would otherwise read as part of the query); qrels are
  copied. The documents are Reuters-21578's SGML, indexed directly (no docs.jsonl).
"""
import json
import os
import re
import sys

MARKER = re.compile(r"\.([A-Z])")


def lines_of(path, encoding="latin-1"):
    with open(path, encoding=encoding, newline="") as f:
        return [line.rstrip("\r\n").rstrip() for line in f]


def smart_records(path):
    """Yields (number, {field letter: [lines]}) for each .I record of a SMART file."""
    number, fields, field = None, {}, None
    for line in lines_of(path):
        if re.fullmatch(r"\.I\s+\S+", line):
            if number is not None:
                yield number, fields
            number, fields, field = line[2:].strip(), {}, None
        elif MARKER.fullmatch(line):
            if line[1] in fields and field == "W":
                continue  # a stray marker inside the abstract (Cranfield 240, 576, 578)
            field = line[1]
            fields.setdefault(field, [])
        elif field is not None:
            fields[field].append(line.strip())
    if number is not None:
        yield number, fields


def slash_records(path):
    """Yields (id, [text lines]) for each NPL record: id line, text, a line holding '/'."""
    record = []
    for line in lines_of(path):
        if line.strip() == "/":
            if record:
                yield record[0].strip(), record[1:]
            record = []
        elif record or line.strip():
            record.append(line)
    if record:
        yield record[0].strip(), record[1:]


def joined(lines):
    return " ".join(" ".join(lines).split())


def text(fields, letter):
    return joined(fields.get(letter, []))


def write_docs(out, docs):
    n = 0
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as f:
        for docid, title, body in docs:
            f.write(json.dumps({"id": docid, "title": title, "body": body}) + "\n")
            n += 1
    return n


def write_topics(out, topics):
    with open(os.path.join(out, "topics.tsv"), "w", encoding="utf-8") as f:
        for qid, query in topics:
            if "\t" in query or not query:
                sys.exit("query %s: empty or holds a TAB" % qid)
            f.write("%s\t%s\n" % (qid, query))


def write_qrels(out, qrels):
    with open(os.path.join(out, "qrels"), "w", encoding="utf-8") as f:
        for qid, docid, grade in qrels:
            f.write("%s 0 %s %d\n" % (qid, docid, grade))


def split_lines(path):
    return [line.split() for line in lines_of(path) if line.strip()]


def smart_docs(path, title):
    for number, fields in smart_records(path):
        yield number, text(fields, "T") if title else "", text(fields, "W")


def convert(name, src, out):
    os.makedirs(out, exist_ok=True)
    p = lambda f: os.path.join(src, f)
    if name == "cranfield":
        write_docs(out, smart_docs(p("cran.all.1400"), True))
        write_topics(out, [(str(k), text(fields, "W")) for k, (_, fields)
                           in enumerate(smart_records(p("cran.qry")), 1)])
        write_qrels(out, [(q, d, 5 - int(c)) for q, d, c in split_lines(p("cranqrel"))
                          if 1 <= int(c) <= 4])
    elif name == "med":
        write_docs(out, smart_docs(p("MED.ALL"), False))
        write_topics(out, [(n, text(fields, "W")) for n, fields in smart_records(p("MED.QRY"))])
        write_qrels(out, [(q, d, int(g)) for q, _, d, g in split_lines(p("MED.REL"))])
    elif name == "cisi":
        write_docs(out, smart_docs(p("CISI.ALL"), True))
        write_topics(out, [(n, text(fields, "W")) for n, fields in smart_records(p("CISI.QRY"))])
        write_qrels(out, [(q, d, 1) for q, d, _, _ in split_lines(p("CISI.REL"))])
    elif name == "npl":
        write_docs(out, ((n, "", joined(body)) for n, body in slash_records(p("doc-text"))))
        write_topics(out, [(n, joined(q)) for n, q in slash_records(p("query-text"))])
        write_qrels(out, [(q, d, 1) for q, docs in slash_records(p("rlv-ass"))
                          for d in " ".join(docs).split()])
    elif name == "news":
        topics = []
        for line in lines_of(p("queries.tsv"), "utf-8"):
            if line.strip():
                qid, query = line.split("\t")[:2]
                topics.append((qid, query))
        write_topics(out, topics)
        write_qrels(out, [(q, d, int(g)) for q, _, d, g in split_lines(p("qrels"))])
    else:
        sys.exit("unknown collection '%s' (cranfield, cisi, med, npl or news)" % name)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    convert(*sys.argv[1:])
