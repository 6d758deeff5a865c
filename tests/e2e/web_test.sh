#!/usr/bin/env bash
# End-to-end test of the web page in headless Chromium (Debian's chromium, driven by
# playwright-core): starts `newsdex serve` on a free loopback port over the sample corpus and
# tests/e2e/web/stories.jsonl (copies of one story, organisations),
# runs tests/e2e/web/web_test.mjs, and keeps its screenshots in build/e2e-artifacts/.
# Usage: web_test.sh NEWSDEX_BINARY SOURCE_DIR ARTIFACT_DIR. Exits 77 (skipped) when Chromium or
# the npm packages are missing; scripts/test.sh installs both.
set -u
bin=$1
src=$2
artifacts=$3
web="$src/tests/e2e/web"
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null || [ ! -d "$web/node_modules/playwright-core" ]; then
  echo "SKIP: needs /usr/bin/chromium, node and 'npm ci' in tests/e2e/web (scripts/test.sh sets them up)"
  exit 77
fi
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" index --db "$work/db" "$src/data/sample/text" "$src/data/sample/articles.jsonl" \
  "$web/stories.jsonl" >/dev/null
"$bin" serve --db "$work/db" --port 0 --quiet >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.out" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "the server did not start:"; cat "$work/serve.err"
  exit 1
fi
mkdir -p "$artifacts"
timeout 300 node "$web/web_test.mjs" "$url" "$artifacts"
