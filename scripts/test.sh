#!/usr/bin/env bash
# Installs the dependencies, builds Newsdex, and runs every test: once in a normal build and
# once under AddressSanitizer and UndefinedBehaviorSanitizer, the server's under ThreadSanitizer.
# Tests that need ../shared/data skip (and say so) when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# Each phase's start is stamped with the seconds since the script began, so that a CI log says
# where the time goes.
phase() { echo "== [$SECONDS s] $*"; }
trap 'echo "== [$SECONDS s] done"' EXIT
phase "dependencies"
bash scripts/install-deps.sh
if [ -f tests/e2e/web/package-lock.json ]; then
  (cd tests/e2e/web && npm ci --no-audit --no-fund --loglevel=error)
fi

phase "formatting (clang-format, .clang-format) and file lengths"
bash scripts/lint.sh

phase "release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
phase "release tests"
(cd build && ctest -j"$jobs" --output-on-failure)

if [ "${NEWSDEX_SKIP_SANITIZERS:-0}" != 1 ]; then
  # clang, -O1, the tests and the fuzz targets in one tree: the fuzz phase below reuses it.
  phase "AddressSanitizer + UndefinedBehaviorSanitizer build (clang; tests and fuzz targets)"
  bash scripts/asan-build.sh
  # Every test but five that repeat other tests' code paths over the whole of Reuters-21578
  # (asan_exclude; NEWSDEX_ASAN_EXCLUDE= runs them too): the
  # sanitizers check memory and undefined behaviour on each path, which the sample corpus
  # walks as well, and these are the release run's slowest tests (BruteForce 74 s, Cluster
  # 66 s, StoryIndex 41 s, Archive 17 s, DefaultBuild 11 s of ctest's 395 s on 2 cores).
  phase "AddressSanitizer + UndefinedBehaviorSanitizer tests"
  asan_exclude='^(BruteForce|Cluster|StoryIndex|Archive|DefaultBuild)\.Reuters'
  exclude=()
  if [ -n "${NEWSDEX_ASAN_EXCLUDE-$asan_exclude}" ]; then
    exclude=(-E "${NEWSDEX_ASAN_EXCLUDE-$asan_exclude}")
  fi
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest -j"$jobs" --output-on-failure "${exclude[@]}")
fi

if [ "${NEWSDEX_SKIP_TSAN:-0}" != 1 ]; then
  phase "ThreadSanitizer: the server's tests and ${NEWSDEX_TSAN_SECONDS:-20} s of hostile clients"
  bash scripts/tsan.sh "${NEWSDEX_TSAN_SECONDS:-20}"
fi

if [ "${NEWSDEX_SKIP_FUZZ:-0}" != 1 ]; then
  phase "fuzzing: each libFuzzer target for ${NEWSDEX_FUZZ_SECONDS:-15} s (ASan + UBSan)"
  bash scripts/fuzz.sh "${NEWSDEX_FUZZ_SECONDS:-15}"
fi
