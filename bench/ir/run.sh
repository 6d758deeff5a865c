#!/usr/bin/env bash
# Indexes Cranfield and MED (from ../shared/data/ir) into fresh databases and runs
# `newsdex eval` on each. Usage: bench/ir/run.sh [NEWSDEX_BINARY] [WORK_DIR] [eval flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../build/newsdex}"
work="${2:-$(mktemp -d)}"
shift $(( $# > 2 ? 2 : $# ))
data="${NEWSDEX_SHARED_DATA:-$here/../../../shared/data}/ir"
if [[ ! -d "$data/cranfield" || ! -d "$data/med" ]]; then
  echo "skipped: $data/cranfield and $data/med are absent" >&2
  exit 0
fi
for c in cranfield med; do
  python3 "$here/convert.py" "$c" "$data/$c" "$work/$c"
  if [[ ! -d "$work/$c/db" ]]; then
    "$bin" index --db "$work/$c/db" --no-extract "$work/$c/docs.jsonl" > /dev/null
  fi
  echo "== $c"
  "$bin" eval --db "$work/$c/db" --topics "$work/$c/topics.tsv" --qrels "$work/$c/qrels" "$@"
done
