#!/usr/bin/env bash
# Ranking quality per collection, Newsdex's settings against plain Xapian BM25, in one run.
#
#   bench/ir/run.sh [NEWSDEX_BINARY] [WORK_DIR] [newsdex eval flags...]
#
# For cranfield, cisi, med, npl (../shared/data/ir) and news (Reuters-21578 with the graded
# queries of data/news-queries): converts the collection (convert.py), indexes it once with
# Newsdex and once with plain Xapian (plain_bm25.py), then scores nDCG@10 for `newsdex eval`
# with its defaults (no feedback), with --feedback and with --match any, and for plain
# BM25, and prints one markdown table (cells: nDCG@10 (topics with no results)). Databases are
# cached in WORK_DIR (default: a new temporary directory) and built again only when the
# binary, plain_bm25.py or the converted documents change. Flags after the first two
# arguments are added to every Newsdex setting (`--match all`; a --match or --no-feedback
# given there replaces the setting's own). Each setting's run is kept as
# WORK_DIR/COLLECTION/run-N.trec and scored again by plain_bm25.py's scorer as a check.
# Exits 0 with a message when the shared data directory is absent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../build/newsdex}"
work="${2:-$(mktemp -d /tmp/ir-run.XXXXXX)}"
shift $(( $# > 2 ? 2 : $# ))
extra=("$@")
shared="${NEWSDEX_SHARED_DATA:-$here/../../../shared/data}"
if [[ ! -d "$shared" ]]; then
  echo "skipped: the shared data directory $shared is absent" >&2
  exit 0
fi
if [[ ! -x "$bin" ]]; then
  echo "run.sh: no Newsdex binary at $bin (give it as the first argument)" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
start=$SECONDS

# python3-xapian installs into the system Python, which may not be the python3 on PATH.
xpy=""
for p in "${NEWSDEX_XAPIAN_PYTHON:-}" python3 /usr/bin/python3; do
  if [[ -n "$p" ]] && "$p" -c 'import xapian' 2>/dev/null; then xpy="$p"; break; fi
done
[[ -n "$xpy" ]] || echo "run.sh: no Python with the xapian module: plain BM25 is n/a" >&2

# The Newsdex settings: each is a list of eval flags; the user's flags are added to each, and
# a --match they give replaces the setting's own (--no-feedback drops --feedback). Identical
# lists run once.
has() { local f; for f in "${extra[@]}"; do [[ "$f" == "$1" || "$f" == "$1="* ]] && return 0; done; return 1; }
settings=()
for base in "" "--feedback" "--match any"; do
  read -r -a flags <<< "$base"
  kept=()
  for ((i = 0; i < ${#flags[@]}; i++)); do
    if [[ "${flags[i]}" == --match ]]; then
      has --match || kept+=(--match "${flags[i+1]}")
      i=$((i + 1))
    elif [[ "${flags[i]}" == --feedback ]]; then
      has --no-feedback || kept+=(--feedback)
    fi
  done
  s="$(printf '%s ' "${kept[@]}" "${extra[@]}")"
  s="${s% }"
  dup=0
  for t in "${settings[@]}"; do [[ "$t" == "$s" ]] && dup=1; done
  (( dup )) || settings+=("$s")
done

# key FILE...: what a cached database was built from (contents of the files given).
key() { cat "$@" | sha256sum | cut -d' ' -f1; }

results="$work/results.tsv"
: > "$results"
for c in cranfield cisi med npl news; do
  dir="$work/$c"
  if [[ "$c" == news ]]; then
    src="$shared/reuters21578"
    inputs=("$src"/reut2-*.sgm)
    [[ -e "${inputs[0]}" ]] || { echo "== $c: skipped ($src has no reut2-*.sgm)" >&2; continue; }
    python3 "$here/convert.py" news "$here/../../data/news-queries" "$dir"
    nd_index=(index --db "$dir/newsdex-db.partial" "${inputs[@]}")
    bm_build=(--sgml "$src")
    # Extraction reads the gazetteer and taxonomy of the data directory built into the
    # binary (this checkout's data/ when built here): a change to them re-indexes.
    nd_extra=("$here/../../data/companies.tsv" "$here/../../data/topics.tsv")
  else
    src="$shared/ir/$c"
    [[ -d "$src" ]] || { echo "== $c: skipped ($src is absent)" >&2; continue; }
    python3 "$here/convert.py" "$c" "$src" "$dir"
    inputs=("$dir/docs.jsonl")
    nd_index=(index --db "$dir/newsdex-db.partial" --no-extract "$dir/docs.jsonl")
    bm_build=(--docs "$dir/docs.jsonl")
    nd_extra=()
  fi
  existing=()
  for f in "${nd_extra[@]}"; do [[ -f "$f" ]] && existing+=("$f"); done
  nd_key="$(key "$bin" "${inputs[@]}" "${existing[@]}" <(echo "${nd_index[@]}"))"
  if [[ ! -d "$dir/newsdex-db" || "$(cat "$dir/newsdex-db.key" 2>/dev/null)" != "$nd_key" ]]; then
    echo "== $c: indexing with Newsdex" >&2
    rm -rf "$dir/newsdex-db" "$dir/newsdex-db.partial"
    "$bin" "${nd_index[@]}" > /dev/null 2> "$dir/newsdex-index.log" ||
      { cat "$dir/newsdex-index.log" >&2; exit 1; }
    mv "$dir/newsdex-db.partial" "$dir/newsdex-db"
    echo "$nd_key" > "$dir/newsdex-db.key"
  fi
  n=0
  for s in "${settings[@]}"; do
    n=$((n + 1))
    read -r -a flags <<< "$s"
    echo "== $c: newsdex eval ${s:-(defaults)}" >&2
    "$bin" eval --db "$dir/newsdex-db" --topics "$dir/topics.tsv" --qrels "$dir/qrels" --json \
      --run "$dir/run-$n.trec" "${flags[@]}" > "$dir/eval-$n.json"
    check="$(python3 "$here/plain_bm25.py" --score "$dir/run-$n.trec" --topics "$dir/topics.tsv" \
      --qrels "$dir/qrels")"
    python3 - "$c" "$n" "$dir/eval-$n.json" "$check" >> "$results" <<'EOF'
import json, sys
c, n, path, check = sys.argv[1:]
j, k = json.load(open(path)), json.loads(check)
if j["topics"] != k["topics"] or abs(j["ndcg@10"] - k["ndcg@10"]) > 1e-9:
    print("run.sh: %s setting %s: newsdex eval says %s, its run file scores %s" % (c, n, j, k),
          file=sys.stderr)
print("%s\t%s\t%d\t%.6f\t%d" % (c, n, j["topics"], j["ndcg@10"], j["no_results"]))
EOF
  done
  if [[ -n "$xpy" ]]; then
    bm_key="$(key "$here/plain_bm25.py" "${inputs[@]}")"
    if [[ "$(cat "$dir/bm25-db.key" 2>/dev/null)" != "$bm_key" ]]; then
      rm -rf "$dir/bm25-db" "$dir/bm25-db.partial" "$dir/bm25-db.key"
      echo "== $c: indexing with plain Xapian" >&2
    fi
    echo "== $c: plain BM25" >&2
    "$xpy" "$here/plain_bm25.py" --db "$dir/bm25-db" "${bm_build[@]}" --topics "$dir/topics.tsv" \
      --qrels "$dir/qrels" --run "$dir/run-bm25.trec" > "$dir/eval-bm25.json"
    echo "$bm_key" > "$dir/bm25-db.key"
    python3 -c 'import json, sys; j = json.load(open(sys.argv[2]))
print("%s\tbm25\t%d\t%.6f\t%d" % (sys.argv[1], j["topics"], j["ndcg@10"], j["no_results"]))' \
      "$c" "$dir/eval-bm25.json" >> "$results"
  fi
done

python3 - "$results" "$xpy" "${settings[@]}" <<'EOF'
import sys
path, xpy, settings = sys.argv[1], sys.argv[2], sys.argv[3:]
cols = [str(n) for n in range(1, len(settings) + 1)] + ["bm25"]
names = [s or "default" for s in settings] + ["plain BM25"]
cells, topics = {}, {}
for line in open(path):
    c, col, t, ndcg, empty = line.rstrip("\n").split("\t")
    cells[c, col] = (float(ndcg), int(empty))
    if topics.setdefault(c, t) != t:
        print("run.sh: %s: the settings averaged different numbers of topics" % c, file=sys.stderr)
rows = [c for c in ("cranfield", "cisi", "med", "npl", "news") if c in topics]
print("| collection | topics | " + " | ".join(names) + " |")
print("|---|---:|" + "---:|" * len(names))
fmt = lambda v: "%.3f (%d)" % v if v else "n/a"
for c in rows:
    print("| %s | %s | %s |" % (c, topics[c], " | ".join(fmt(cells.get((c, col))) for col in cols)))
dev = [c for c in ("cranfield", "cisi", "med", "npl") if c in topics]
if dev:
    mean = []
    for col in cols:
        vs = [cells.get((c, col)) for c in dev]
        mean.append(fmt((sum(v[0] for v in vs) / len(vs), sum(v[1] for v in vs)))
                    if all(vs) else "n/a")
    label = "mean of 4" if len(dev) == 4 else "mean of " + "+".join(dev)
    print("| **%s** | | %s |" % (label, " | ".join(mean)))
print()
print("nDCG@10 (linear gain, as trec_eval ndcg_cut.10), averaged over the judged topics that "
      "have a relevant document; in brackets, how many of them found nothing (the mean row: "
      "the sum).")
EOF
echo "run.sh: $((SECONDS - start)) s; databases, runs and results in $work" >&2
