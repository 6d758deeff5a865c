#!/usr/bin/env bash
# The server under ThreadSanitizer: its tests (many workers, the gate thread and the helper
# threads over one database), then SECONDS (default 30) of issue 30's crash scenario
# (tests/safety/hostile_clients.py: unfinished heads, slow readers, empty-query searches on
# every worker) against the TSan-built binary. Any report fails the script.
# Usage: scripts/tsan.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DNEWSDEX_TSAN=ON >/dev/null
cmake --build build-tsan -j"$(nproc)" --target newsdex newsdex_server_tests
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tests/safety/tsan.supp"
build-tsan/tests/newsdex_server_tests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build-tsan/newsdex index --db "$work/db" data/sample/text data/sample/articles.jsonl >/dev/null
python3 tests/safety/hostile_clients.py build-tsan/newsdex "$work/db" "$seconds"
