#!/usr/bin/env bash
# Style checks: clang-format (fails on any difference) and clang-tidy with .clang-tidy over the
# project's sources (needs build/compile_commands.json, which scripts/test.sh produces).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
clang-format --dry-run --Werror "${files[@]}"
if [ "${1:-}" = "--tidy" ]; then
  mapfile -t sources < <(git ls-files '*.cc' | grep -v '^tests/')
  clang-tidy -p build --quiet "${sources[@]}"
fi
