#!/usr/bin/env bash
# The main job: installs the dependencies, builds Newsdex, indexes the bundled sample corpus
# (data/sample) into ./newsdex-db, and serves it at http://127.0.0.1:8080/ (Ctrl-C stops;
# PORT=... picks another port).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
if [ -z "${NEWSDEX_DB:-}" ]; then
  # The sample database is rebuilt each time, so one written by an older schema never blocks it.
  export NEWSDEX_DB="$PWD/newsdex-db"
  rm -rf "$NEWSDEX_DB"
fi
./build/newsdex index data/sample/text data/sample/articles.jsonl
./build/newsdex stats
exec ./build/newsdex serve --port "${PORT:-8080}"
