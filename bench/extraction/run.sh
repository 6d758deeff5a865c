#!/usr/bin/env bash
# Scores Newsdex's HTML reader on the labelled pages, beside the whole-page baseline, in one
# run: all 100 pages, and the two halves the rules were tuned on (keys 0-7) and held out from
# (keys 8-f); then titles, and pages/s through the reader alone.
# Usage: bench/extraction/run.sh NEWSDEX_BINARY [WORK_DIR]
set -euo pipefail
bin=$1
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../../shared/data/article-extraction"
[ -d "$data/html" ] || { echo "no labelled pages at $data"; exit 77; }
mkdir -p "$work"
start=$(date +%s.%N)
"$bin" index --explain --json --no-extract "$data/html" >"$work/newsdex.jsonl" 2>"$work/newsdex.err"
end=$(date +%s.%N)
python3 "$here/whole_page.py" "$data/html" "$work/whole.jsonl" >/dev/null
python3 - "$data/ground-truth.json" "$work" <<'PY'
import json, sys
gt = json.load(open(sys.argv[1]))
for name, first in (("tuned", "01234567"), ("held_out", "89abcdef")):
    json.dump({k: v for k, v in gt.items() if k[0] in first}, open(f"{sys.argv[2]}/gt_{name}.json", "w"))
PY
printf '%-10s %-9s %-6s %-6s %-6s\n' set extractor P R F1
for set in all tuned held_out; do
  gt="$data/ground-truth.json"
  [ "$set" = all ] || gt="$work/gt_$set.json"
  for who in newsdex whole; do
    python3 "$here/score.py" "$gt" "$work/$who.jsonl" --json 2>/dev/null |
      python3 -c "import json,sys; j=json.load(sys.stdin); print('%-10s %-9s %.3f  %.3f  %.3f' % ('$set', '$who', j['precision'] or 0, j['recall'], j['f1']))"
  done
done
python3 "$here/score.py" "$data/ground-truth.json" "$work/newsdex.jsonl" --titles "$here/titles.tsv" 2>/dev/null |
  grep "titles right"
python3 -c "print('reader alone (explain --json --no-extract, one core): %.0f pages/s' % (100 / ($end - $start)))"
