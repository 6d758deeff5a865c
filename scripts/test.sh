#!/usr/bin/env bash
# Installs the dependencies, builds Newsdex, and runs every test: once in a normal build and
# once under AddressSanitizer and UndefinedBehaviorSanitizer, the server's under ThreadSanitizer.
# Tests that need ../shared/data skip (and say so) when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
bash scripts/install-deps.sh
if [ -f tests/e2e/web/package-lock.json ]; then
  (cd tests/e2e/web && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== formatting (clang-format, .clang-format)"
bash scripts/lint.sh

echo "== release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSDEX_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest -j"$jobs" --output-on-failure)

if [ "${NEWSDEX_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DNEWSDEX_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest -j"$jobs" --output-on-failure)
fi

if [ "${NEWSDEX_SKIP_TSAN:-0}" != 1 ]; then
  echo "== ThreadSanitizer: the server's tests and ${NEWSDEX_TSAN_SECONDS:-20} s of hostile clients"
  bash scripts/tsan.sh "${NEWSDEX_TSAN_SECONDS:-20}"
fi

if [ "${NEWSDEX_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzzing: each libFuzzer target for ${NEWSDEX_FUZZ_SECONDS:-15} s (ASan + UBSan)"
  bash scripts/fuzz.sh "${NEWSDEX_FUZZ_SECONDS:-15}"
fi
