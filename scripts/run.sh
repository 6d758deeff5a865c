#!/usr/bin/env bash
# The main job: installs what the newsdex binary needs, builds it, indexes the bundled sample
# corpus (data/sample) into its own demo database the first time, and serves it at
# http://127.0.0.1:8080/ (Ctrl-C stops; PORT=... picks another port).
# The demo database is ./newsdex-demo-db (NEWSDEX_DEMO_DB=PATH picks another): built once,
# reused afterwards, never removed. It is not ./newsdex-db, where the README indexes your data.
# NEWSDEX_SKIP_SETUP=1 skips installing and building, and NEWSDEX_BINARY picks the binary
# (tests/e2e/run_script_test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${NEWSDEX_SKIP_SETUP:-0}" != 1 ]; then
  bash scripts/install-deps.sh run
  # The tests and benchmarks are not needed to run: scripts/test.sh builds them.
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_TESTS=OFF >/dev/null
  cmake --build build -j"$(nproc)" --target newsdex
fi
bin="${NEWSDEX_BINARY:-./build/newsdex}"
db="${NEWSDEX_DEMO_DB:-$PWD/newsdex-demo-db}"
if [ ! -e "$db" ]; then
  "$bin" index --db "$db" data/sample/text data/sample/articles.jsonl
elif ! "$bin" stats --db "$db" >/dev/null 2>&1; then
  echo "run.sh: $db exists but does not open as a Newsdex database (left untouched; move it" \
    "away, or set NEWSDEX_DEMO_DB to another path, to build the demo database again)" >&2
  exit 1
fi
"$bin" stats --db "$db"
exec "$bin" serve --db "$db" --port "${PORT:-8080}"
