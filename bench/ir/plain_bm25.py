#!/usr/bin/python3
"""Plain Xapian BM25 baseline (issue 22): builds a Xapian database, runs topics, scores the run.

    plain_bm25.py --db DIR [--docs DOCS.jsonl | --sgml DIR] [--topics TSV] [--qrels QRELS]
                  [--run OUT] [--depth N] [--limit N]
    plain_bm25.py --score RUN --topics TSV --qrels QRELS

Builds DIR (if it does not exist yet) from --docs, a docs.jsonl written by convert.py
(id, title, body), or else from the Reuters-21578 reut2-*.sgm files of --sgml (the default):
one document per article, title + body indexed with Xapian's TermGenerator (English stemmer,
STEM_SOME, no stopper; the title, then a position gap, then the body), document data = the id
(`reuters-NEWID` for Reuters). Reuters text is read as Newsdex's reader does: SGML entities
decoded, control characters dropped, Latin-1 when a story is not UTF-8, the trailing "Reuter"
sign-off removed, UNPROC stories split into a first-line title and a body.

Then runs every topic of --topics (`qid<TAB>query[<TAB>...]`, the query exactly as typed;
default: data/news-queries/queries.tsv) through QueryParser (FLAG_DEFAULT, default op OR,
English stemmer, STEM_SOME) and BM25Weight() with its default parameters (k1 1, k2 0, k3 1,
b 0.5, min_normlen 0.5): Xapian BM25 with default parameters. A query QueryParser rejects
is counted as one with no results (and named on stderr).
- with --qrels: prints `{"topics", "no_results", "ndcg@10"}` as JSON (see `evaluate`), and
  with --run OUT also writes the run (top --depth, 1000, per topic);
- else: writes a TREC run, `qid Q0 docid rank score plain-bm25`, the top --limit (20) per
  topic on stdout, or with --run OUT the top --depth (1000) per topic to OUT.
--score RUN scores an existing TREC run file (any system's; ranks taken in file order per
topic) the same way, without Xapian.
Needs python3-xapian (apt-get install python3-xapian), which installs into /usr/bin/python3.
"""
import argparse
import glob
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SGML = os.path.join(HERE, "../../../shared/data/reuters21578")
QUERIES = os.path.join(HERE, "../../data/news-queries/queries.tsv")


def ndcg10(ranked, judged):
    """nDCG@10 with linear gain, as trec_eval's ndcg_cut.10 and Newsdex's eval::score_query:
    ranked is the list of docids in rank order, judged maps docid -> grade (grade <= 0 and
    unjudged documents gain 0). Returns None when judged has no relevant document (the topic
    is not averaged); a topic with no results scores 0."""
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
    if not ideal:
        return None
    gain = lambda g, i: g / math.log2(i + 2)
    dcg = sum(gain(max(judged.get(doc, 0), 0), i) for i, doc in enumerate(ranked[:10]))
    return dcg / sum(gain(g, i) for i, g in enumerate(ideal))


def evaluate(topics, qrels, ranked):
    """What `newsdex eval --json` reports for nDCG@10: the mean over the topics (qids of the
    topics file, in order) that have a relevant judgement, `topics` = how many, `no_results`
    = how many of those found nothing. ranked maps qid -> docids in rank order."""
    scores, empty = [], 0
    for qid in topics:
        score = ndcg10(ranked.get(qid, []), qrels.get(qid, {}))
        if score is None:
            continue
        scores.append(score)
        empty += 0 if ranked.get(qid) else 1
    return {"topics": len(scores), "no_results": empty,
            "ndcg@10": sum(scores) / len(scores) if scores else 0.0}


def read_topics(path):
    """[(qid, query)] of a `qid<TAB>query[<TAB>...]` file; the query as typed."""
    topics = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip():
                qid, query = (line.split("\t") + [""])[:2]
                topics.append((qid.strip(), query))
    return topics


def read_qrels(path):
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, _, docid, grade = line.split()
                qrels.setdefault(qid, {})[docid] = int(grade)
    return qrels


def read_run(path):
    ranked = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, _, docid = line.split()[:3]
                ranked.setdefault(qid, []).append(docid)
    return ranked


def decode(s):
    """SGML entities (&lt; &gt; &amp; &quot; &#N;) decoded; control characters dropped."""
    def ref(m):
        r = m.group(1)
        if r[0] == "#":
            c = int(r[1:])
            return chr(c) if c in (9, 10) or 32 <= c < 127 else ""
        return {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}[r]
    s = re.sub(r"&(lt|gt|amp|quot|#[0-9]+);", ref, s)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", s)


def element(block, tag):
    m = re.search(r"<%s(?:\s[^>]*)?>(.*?)(?:</%s>|\Z)" % (tag, tag), block, re.S)
    return m.group(1) if m else None


def reuters_articles(sgml_dir):
    """Yields (id, title, body) for every story, in file order."""
    paths = sorted(glob.glob(os.path.join(sgml_dir, "reut2-*.sgm")))
    if not paths:
        sys.exit("no reut2-*.sgm in %s" % sgml_dir)
    for path in paths:
        raw = open(path, "rb").read()
        for m in re.finditer(rb'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', raw, re.S):
            try:
                block = m.group(2).decode("utf-8")
            except UnicodeDecodeError:
                block = m.group(2).decode("latin-1")
            get = lambda tag: decode(element(block, tag) or "").strip()
            title, body = " ".join(get("TITLE").split()), get("BODY")
            if body.endswith("Reuter"):
                body = body[:-6].strip()
            text = element(block, "TEXT")
            if element(block, "BODY") is None and text is not None and element(text, "TITLE") is None:
                title, _, body = decode(text).strip().partition("\n")  # UNPROC
                title, body = " ".join(title.split()), body.strip()
            yield "reuters-" + m.group(1).decode(), title, body


def jsonl_articles(path):
    """Yields (id, title, body) for every line of a docs.jsonl written by convert.py."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                yield str(d["id"]), d.get("title") or "", d.get("body") or ""


def build(db_dir, articles):
    import xapian
    tmp = db_dir + ".partial"
    db = xapian.WritableDatabase(tmp, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    n = 0
    for docid, title, body in articles:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(body)
        doc.set_data(docid)
        doc.add_boolean_term("Q" + docid)
        db.replace_document("Q" + docid, doc)
        n += 1
    db.commit()
    db.close()
    os.rename(tmp, db_dir)  # only a complete database is ever found at db_dir
    print("indexed %d articles into %s" % (n, db_dir), file=sys.stderr)


def searcher(db):
    import xapian
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_OR)
    enq = xapian.Enquire(db)
    enq.set_weighting_scheme(xapian.BM25Weight())

    def search(qid, query, depth):
        try:
            enq.set_query(qp.parse_query(query, xapian.QueryParser.FLAG_DEFAULT))
        except xapian.QueryParserError as e:
            print("topic %s: QueryParser rejects it (%s): no results" % (qid, e), file=sys.stderr)
            return []
        return [(m.document.get_data().decode(), m.weight) for m in enq.get_mset(0, depth)]
    return search


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="Xapian database (built when absent)")
    ap.add_argument("--docs", help="docs.jsonl to build the database from (convert.py's)")
    ap.add_argument("--sgml", default=SGML, help="directory of reut2-*.sgm (when no --docs)")
    ap.add_argument("--topics", "--queries", dest="topics", default=QUERIES,
                    help="qid<TAB>query[<TAB>...] TSV")
    ap.add_argument("--qrels", help="score the run against these TREC qrels; print JSON")
    ap.add_argument("--score", metavar="RUN", help="only score this TREC run file")
    ap.add_argument("--run", help="write a TREC run file here (depth --depth)")
    ap.add_argument("--depth", type=int, default=1000)
    ap.add_argument("--limit", type=int, default=20, help="hits per query on stdout")
    a = ap.parse_args()
    topics = read_topics(a.topics)
    if a.score:
        if not a.qrels:
            ap.error("--score needs --qrels")
        print(json.dumps(evaluate([q for q, _ in topics], read_qrels(a.qrels), read_run(a.score))))
        return
    if not a.db:
        ap.error("--db is required")
    if not os.path.exists(a.db):
        build(a.db, jsonl_articles(a.docs) if a.docs else reuters_articles(a.sgml))
    import xapian
    search = searcher(xapian.Database(a.db))
    depth = a.depth if a.run or a.qrels else a.limit
    ranked = {}
    lines = []
    for qid, query in topics:
        hits = search(qid, query, depth)
        ranked[qid] = [docid for docid, _ in hits]
        for rank, (docid, score) in enumerate(hits, 1):
            lines.append("%s Q0 %s %d %.4f plain-bm25\n" % (qid, docid, rank, score))
    if a.run:
        with open(a.run, "w", encoding="utf-8") as out:
            out.writelines(lines)
    elif not a.qrels:
        sys.stdout.writelines(lines)
    if a.qrels:
        print(json.dumps(evaluate([q for q, _ in topics], read_qrels(a.qrels), ranked)))


if __name__ == "__main__":
    main()
