#!/usr/bin/env bash
# HTTP load on loopback: starts `newsdex serve` on a free 127.0.0.1 port over DB, runs wrk at
# 1, 2 and 8 connections (DURATION seconds each) with the queries of QUERIES, and prints
# requests/s and latency percentiles next to the in-process search latency of the same
# queries, to show what HTTP adds. Bounded: wrk stops after DURATION; the server is stopped.
# Usage: bench/load.sh DB [QUERIES] [DURATION]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
db=${1:?usage: bench/load.sh DB [QUERIES] [DURATION]}
queries=${2:-$here/../shared/peers/queries.tsv}
duration=${3:-10}
bin="$here/build/newsdex"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
out=$(mktemp)
"$bin" serve --db "$db" --port 0 --threads 8 --quiet >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$out" | head -1) && [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$out"; exit 1; }
echo "# newsdex over HTTP ($url, 8 worker threads), $(grep -vc '^#' "$queries") queries, ${duration}s per run"
printf "%-12s %10s %9s %9s %9s %9s\n" connections "req/s" "p50 ms" "p90 ms" "p99 ms" "errors"
for c in 1 2 8; do
  threads=$(( c < 2 ? 1 : 2 ))
  res=$(wrk -t"$threads" -c"$c" -d"${duration}s" --latency -s "$here/bench/wrk_queries.lua" "$url" -- "$queries")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$res")
  pct() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$res"; }
  errs=$(awk '/Non-2xx|Socket errors/ {e=e $0 "; "} END {print (e=="" ? "0" : e)}' <<<"$res")
  printf "%-12s %10s %9s %9s %9s %9s\n" "$c" "$rps" "$(pct 50%)" "$(pct 90%)" "$(pct 99%)" "$errs"
done
echo "# the same queries in process (newsdex bench --mode w3, best of 3 passes, 1 thread):"
"$bin" bench --db "$db" --queries "$queries" --mode w3 --passes 3 --threads 2 | head -1
