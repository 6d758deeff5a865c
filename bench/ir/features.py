#!/usr/bin/env python3
"""Does each default ranking feature earn its place? (issue 22)

    features.py BINARY WORK_DIR [--quick]

Converts the four development collections (cranfield, cisi, med, npl) and the news set as
run.sh does, then, with Newsdex's `index --bm25` (index-time constants) and `eval --ranking`
(query-time features):
1. For each feature, nDCG@10 per collection with the defaults and with only that feature
   switched (off, or its alternative), the difference, and the verdict of issue 22's rule: a
   default feature must raise the mean of the four and lower none by more than 0.005.
2. For each constant, leave-one-collection-out: the value each collection would get if it were
   chosen on the other three (best mean of the three), and that collection's figure with it.
Prints markdown. Databases are cached in WORK_DIR by binary, inputs and constants. --quick
skips the k1 x b grid (the slowest part: 16 indexings of every collection).
"""
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = ["cranfield", "cisi", "med", "npl"]
ALL = DEV + ["news"]
TOLERANCE = 0.005

# Index-time (--bm25) and query-time (--ranking, plus eval flags) switches of each feature.
# Each row: name, what the default does, the setting without it (bm25, ranking, flags).
FEATURES = [
    ("stop list", "drops English function words from plain queries", ("", "stopwords=off", [])),
    ("exact-form bonus", "unstemmed matches add 0.1 of their weight", ("", "exact=0", [])),
    ("query term frequency", "a word typed n times weighs 1.5n/(0.5+n)", ("", "qtf=0", [])),
    ("all-words-first tiering", "relaxed levels list all-word matches first",
     ("", "tiers=off", [])),
    ("phrase bonus", "quoted phrases read as words add their phrase weight",
     ("", "phrases=off", [])),
    ("title weight 3", "a title word counts 3 body words (off: 1)", ("title=1", "", [])),
    ("learned average length", "impacts use the database's average (off: 250 words)",
     ("avglen=250", "", [])),
    ("headline as a long article", "an article with no body is normalised as twice the "
     "average length (off: its own)", ("headline=0", "", [])),
]
# Optional features, off by default: the setting with them on.
OPTIONS = [("feedback (RM3)", "re-ranks relaxed queries", ("", "", ["--feedback"])),
           ("proximity", "neighbouring words within 8 positions add 0.05 of their weight",
            ("", "near=0.05", []))]
# Constants chosen leave-one-collection-out: name, values, how a value becomes a setting.
CONSTANTS = [
    ("qtf k3", [0, 0.5, 1, 2, 4, 8], lambda v: ("", "qtf=%g" % v)),
    ("exact boost", [0, 0.1, 0.25, 0.5], lambda v: ("", "exact=%g" % v)),
    ("proximity share", [0, 0.02, 0.05, 0.1, 0.25], lambda v: ("", "near=%g" % v)),
]
GRID = [("k1, b", [(k, b) for k in (0.9, 1.2, 1.6, 2.0) for b in (0.4, 0.5, 0.6, 0.75)],
         lambda v: ("k1=%g,b=%g" % v, ""))]


def digest(*parts):
    h = hashlib.sha256()
    for p in parts:
        if os.path.isfile(p):
            with open(p, "rb") as f:
                h.update(f.read())
        else:
            h.update(p.encode())
    return h.hexdigest()[:16]


class Bench:
    def __init__(self, binary, work, shared):
        self.bin, self.work, self.shared = binary, work, shared
        self.cache = {}
        self.collections = []
        for c in ALL:
            out = os.path.join(work, c)
            if c == "news":
                src = os.path.join(shared, "reuters21578")
                if not os.path.isdir(src):
                    continue
                conv = ["news", os.path.join(HERE, "../../data/news-queries"), out]
                self.news_inputs = sorted(os.path.join(src, f) for f in os.listdir(src)
                                          if f.startswith("reut2-") and f.endswith(".sgm"))
            else:
                src = os.path.join(shared, "ir", c)
                if not os.path.isdir(src):
                    continue
                conv = [c, src, out]
            subprocess.run([sys.executable, os.path.join(HERE, "convert.py")] + conv, check=True)
            self.collections.append(c)

    def database(self, c, bm25):
        d = os.path.join(self.work, c)
        inputs = self.news_inputs if c == "news" else [os.path.join(d, "docs.jsonl")]
        db = os.path.join(d, "features-" + digest(self.bin, bm25, *inputs))
        if not os.path.isdir(db):
            args = [self.bin, "index", "--db", db + ".partial", "--no-stories"]
            if bm25:
                args += ["--bm25", bm25]
            if c != "news":
                args.append("--no-extract")
            subprocess.run(["rm", "-rf", db + ".partial"], check=True)
            subprocess.run(args + inputs, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            os.rename(db + ".partial", db)
        return db

    def ndcg(self, c, bm25="", ranking="", flags=()):
        key = (c, bm25, ranking, tuple(flags))
        if key not in self.cache:
            d = os.path.join(self.work, c)
            out = subprocess.run(
                [self.bin, "eval", "--db", self.database(c, bm25), "--topics",
                 os.path.join(d, "topics.tsv"), "--qrels", os.path.join(d, "qrels"), "--json",
                 "--ranking", ranking] + list(flags), check=True, capture_output=True, text=True)
            self.cache[key] = json.loads(out.stdout)["ndcg@10"]
        return self.cache[key]

    def row(self, setting):
        bm25, ranking, flags = setting
        return {c: self.ndcg(c, bm25, ranking, flags) for c in self.collections}


def mean(row, cols):
    return sum(row[c] for c in cols) / len(cols)


def feature_table(bench):
    cols = bench.collections
    dev = [c for c in DEV if c in cols]
    base = bench.row(("", "", []))
    print("| feature | what it does | " + " | ".join(cols) + " | mean of 4 | verdict |")
    print("|---|---|" + "---:|" * (len(cols) + 1) + "---|")
    print("| (defaults) | | " + " | ".join("%.3f" % base[c] for c in cols) +
          " | %.3f | |" % mean(base, dev))
    for name, what, without in FEATURES + OPTIONS:
        other = bench.row(without)
        optional = (name, what, without) in OPTIONS
        on, off = (other, base) if optional else (base, other)
        delta = {c: on[c] - off[c] for c in cols}
        keep = mean(on, dev) > mean(off, dev) and all(delta[c] >= -TOLERANCE for c in dev)
        verdict = "earns it" if keep else "fails"
        if optional:
            verdict += " (stays an option)" if not keep else " (could be a default)"
        print("| %s | %s | %s | %+.3f | %s |" % (
            name, what, " | ".join("%+.3f" % delta[c] for c in cols),
            mean(on, dev) - mean(off, dev), verdict))
    print()
    print("Cells: nDCG@10 with the feature minus without it (for an option: with it on minus "
          "the defaults). Rule (issue 22): a default feature raises the mean of the four "
          "development collections and lowers none by more than %.3f." % TOLERANCE)


def leave_one_out(bench, name, values, setting_of):
    dev = [c for c in DEV if c in bench.collections]
    rows = {v: bench.row(setting_of(v) + ([],)) for v in values}
    label = lambda v: ", ".join("%g" % x for x in v) if isinstance(v, tuple) else "%g" % v
    print("**%s**: " % name + "; ".join(
        "%s: %s" % (label(v), " ".join("%.3f" % rows[v][c] for c in dev)) for v in values))
    print()
    print("| held out | chosen on the other three | held-out nDCG@10 | best value for it |")
    print("|---|---|---:|---|")
    held = []
    for c in dev:
        others = [o for o in dev if o != c]
        chosen = max(values, key=lambda v: mean(rows[v], others))
        best = max(values, key=lambda v: rows[v][c])
        held.append(rows[chosen][c])
        print("| %s | %s | %.3f | %s (%.3f) |" % (c, label(chosen), rows[chosen][c], label(best),
                                                  rows[best][c]))
    print("| **mean** | | %.3f | |" % (sum(held) / len(held)))
    print()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shared = os.environ.get("NEWSDEX_SHARED_DATA", os.path.join(HERE, "../../../shared/data"))
    if not os.path.isdir(shared):
        print("skipped: the shared data directory %s is absent" % shared, file=sys.stderr)
        return
    os.makedirs(work, exist_ok=True)
    bench = Bench(binary, work, shared)
    print("### Each default feature, on against off\n")
    feature_table(bench)
    print("\n### Constants chosen leave-one-collection-out\n")
    for name, values, setting_of in CONSTANTS + ([] if "--quick" in sys.argv else GRID):
        leave_one_out(bench, name, values, setting_of)


if __name__ == "__main__":
    main()
