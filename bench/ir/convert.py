#!/usr/bin/env python3
"""Converts the SMART-format test collections in ../shared/data/ir to what Newsdex reads.

    convert.py cranfield|med SRC_DIR OUT_DIR

writes OUT_DIR/docs.jsonl (one article per document: id, title, body), OUT_DIR/topics.tsv
(qid TAB query text) and OUT_DIR/qrels (TREC: qid 0 docid grade). The collections' traps
(see each README): CRLF lines and padding spaces are stripped; Cranfield's queries are
numbered 1..225 in file order (their .I numbers have gaps and do not match cranqrel); its
judgment codes 1 (complete answer) .. 4 (minimum interest) become grades 4..1 (5 - code), and
the one code -1 pair per query is dropped (not relevant); MED's binary MED.REL is used as is.
"""
import json
import os
import sys


def smart_records(path):
    """Yields (number, {field letter: text}) for each .I record of a SMART file."""
    with open(path, encoding="latin-1", newline="") as f:
        lines = [line.rstrip("\r\n").rstrip() for line in f]
    number, fields, field = None, {}, None
    for line in lines:
        if line.startswith(".I"):
            if number is not None:
                yield number, fields
            number, fields, field = line[2:].strip(), {}, None
        elif len(line) == 2 and line.startswith("."):
            field = line[1]
            fields.setdefault(field, [])
        elif field is not None:
            fields[field].append(line.strip())
    if number is not None:
        yield number, fields


def text(fields, letter):
    return " ".join(w for w in " ".join(fields.get(letter, [])).split())


def convert(name, src, out):
    os.makedirs(out, exist_ok=True)
    if name == "cranfield":
        docs, queries = "cran.all.1400", "cran.qry"
    elif name == "med":
        docs, queries = "MED.ALL", "MED.QRY"
    else:
        sys.exit("unknown collection '%s' (cranfield or med)" % name)
    with open(os.path.join(out, "docs.jsonl"), "w") as f:
        for number, fields in smart_records(os.path.join(src, docs)):
            f.write(json.dumps({"id": number, "title": text(fields, "T"),
                                "body": text(fields, "W")}) + "\n")
    with open(os.path.join(out, "topics.tsv"), "w") as f:
        for k, (number, fields) in enumerate(smart_records(os.path.join(src, queries)), 1):
            qid = str(k) if name == "cranfield" else number
            f.write("%s\t%s\n" % (qid, text(fields, "W")))
    with open(os.path.join(out, "qrels"), "w") as f:
        if name == "cranfield":
            with open(os.path.join(src, "cranqrel")) as rel:
                for line in rel:
                    parts = line.split()
                    if len(parts) != 3:
                        continue
                    qid, doc, code = parts[0], parts[1], int(parts[2])
                    if 1 <= code <= 4:
                        f.write("%s 0 %s %d\n" % (qid, doc, 5 - code))
        else:
            with open(os.path.join(src, "MED.REL")) as rel:
                for line in rel:
                    parts = line.split()
                    if len(parts) == 4:
                        f.write(" ".join(parts) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    convert(*sys.argv[1:])
