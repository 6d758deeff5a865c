#!/usr/bin/env bash
# scripts/run.sh never deletes data (issue 29): it builds its demo database once at its own
# path and serves it again on the next run; a user's database (NEWSDEX_DB) is never touched;
# a path that is not a database is refused, not removed. Setup is skipped (NEWSDEX_SKIP_SETUP).
# Usage: run_script_test.sh NEWSDEX_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=$((failed + 1))
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
fingerprint() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }

# Starts run.sh, waits for its server, prints the article count it serves, stops it.
served_total() {
  local port
  port=$(free_port)
  NEWSDEX_SKIP_SETUP=1 NEWSDEX_BINARY="$bin" NEWSDEX_DEMO_DB="$work/demo" NEWSDEX_DB="$work/user-db" \
    PORT=$port bash "$src/scripts/run.sh" >"$work/run.log" 2>&1 &
  server=$!
  local total=""
  for _ in $(seq 1 120); do
    total=$(curl -s "http://127.0.0.1:$port/api/stats" 2>/dev/null |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["total_documents"])' 2>/dev/null) && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
  server=""
  echo "${total:-none}"
}

# The user's own database, indexed as the README shows.
"$bin" index --db "$work/user-db" "$src/data/sample/articles.jsonl" >/dev/null 2>&1 || fail "user index"
before=$(fingerprint "$work/user-db")

first=$(served_total)
sample=$("$bin" stats --json --db "$work/demo" 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["total_documents"])' 2>/dev/null)
[ "$first" != none ] && [ "$first" = "$sample" ] && [ "$first" -ge 60 ] ||
  fail "first run serves $first articles (demo database: $sample); log: $(cat "$work/run.log")"

# The second run serves the database it built, as it is now (one article deleted by hand).
"$bin" delete --db "$work/demo" sample-0001 >/dev/null 2>&1 || fail "delete from the demo database"
second=$(served_total)
[ "$second" = $((sample - 1)) ] || fail "second run serves $second articles, expected $((sample - 1)) (rebuilt?)"

[ "$(fingerprint "$work/user-db")" = "$before" ] || fail "the user's database changed"

# A demo path holding something else is refused and left as it was.
rm -rf "$work/demo" && mkdir -p "$work/demo" && echo "my notes" >"$work/demo/notes.txt"
NEWSDEX_SKIP_SETUP=1 NEWSDEX_BINARY="$bin" NEWSDEX_DEMO_DB="$work/demo" PORT=$(free_port) \
  bash "$src/scripts/run.sh" >"$work/refused.log" 2>&1
status=$?
[ "$status" -eq 1 ] || fail "a demo path that is not a database: exit $status, expected 1"
grep -q "$work/demo" "$work/refused.log" || fail "the refusal does not name the path: $(cat "$work/refused.log")"
[ "$(cat "$work/demo/notes.txt" 2>/dev/null)" = "my notes" ] || fail "the file at the demo path was touched"

echo "run.sh test: first run $first articles, second run $second, $failed failures"
[ "$failed" -eq 0 ]
