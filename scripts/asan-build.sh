#!/usr/bin/env bash
# Builds build-asan: clang, AddressSanitizer + UndefinedBehaviorSanitizer at -O1, with the
# tests and the libFuzzer targets in one tree (the libraries carry libFuzzer's coverage
# instrumentation, which the tests ignore). scripts/test.sh runs the tests from it and
# scripts/fuzz.sh the fuzz targets, so CI compiles the sanitized code once.
# Usage: scripts/asan-build.sh [TARGET...]   (no target: everything)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DNEWSDEX_SANITIZE=ON -DNEWSDEX_FUZZ=ON -DNEWSDEX_TESTS=ON >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build-asan -j"$(nproc)" "${targets[@]}"
