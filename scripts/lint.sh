#!/usr/bin/env bash
# Style checks: clang-format (fails on any difference), no source file over 500 lines, and
# clang-tidy with .clang-tidy over the project's sources (needs build/compile_commands.json, which
# scripts/test.sh produces).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
clang-format --dry-run --Werror "${files[@]}"
# Xapian::Query::MatchAll is one static object with a non-atomic reference count: copying it
# on two threads at once crashed the server (issue 30). Use match_all() (searcher/query_copy.h).
if git grep -nE '^[^/]*Query::MatchAll' -- '*.cc' '*.h' ':!tests/searcher/query_copy_test.cc'; then
  echo "lint: use newsdex::match_all(), never Xapian::Query::MatchAll (see searcher/query_copy.h)" >&2
  exit 1
fi
# No source file over 500 lines (STYLE.md): a longer file is split by what its parts do.
long=$(git ls-files '*.cc' '*.h' '*.js' '*.mjs' '*.css' '*.html' '*.py' '*.sh' '*.cmake' \
  | xargs wc -l | awk '$2 != "total" && $1 > 500 { print "  " $2 " (" $1 " lines)" }')
if [ -n "$long" ]; then
  echo "lint: files over 500 lines:" >&2
  echo "$long" >&2
  exit 1
fi
if [ "${1:-}" = "--tidy" ]; then
  mapfile -t sources < <(git ls-files '*.cc' | grep -v '^tests/')
  clang-tidy -p build --quiet "${sources[@]}"
fi
