#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan: scripts/asan-build.sh, in build-asan)
# and runs each for SECONDS (default 60), starting from the seed corpus in tests/fuzz/corpus/.
# New inputs that reach new code are kept in build-fuzz/corpus/TARGET (not in the repository);
# crashes are written to build-fuzz/crashes/ and make the script fail: turn each into a
# regression test.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: jsonl text reuters dates companies gazetteer request stub html warc feed)
# FUZZ_TIMEOUT (default 10) is the seconds one input may take: raise it when the fuzzers share
# the machine with other work (a starved run reports false timeouts).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonl text reuters dates companies gazetteer request stub html warc feed)
bash scripts/asan-build.sh "${targets[@]/#/fuzz_}"
mkdir -p build-fuzz/crashes
status=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  # The web readers also start from the hand-made pages and feeds of tests/data/web.
  extra_seeds=()
  case $t in html | feed) extra_seeds=(tests/data/web) ;; esac
  log="build-fuzz/fuzz_$t.log"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build-asan/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -artifact_prefix="build-fuzz/crashes/$t-" \
    "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" "${extra_seeds[@]}" >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and build-fuzz/crashes/)"
    status=1
  fi
  runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  echo "fuzz_$t: ${runs:-no summary} - $result"
done
exit $status
