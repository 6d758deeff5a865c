#!/usr/bin/env bash
# Fault test (issue 17): `newsdex index` killed with -9 at random moments, one writer
# (--shards 1) and the default build of a new database (sharded, merged at the end), ROUNDS
# rounds; after each: the database opens, stats and search work, and a re-run
# ends with exactly the input's articles (no duplicates). Then `compact --by` and indexing
# into the archive it makes, killed the same way. Then a disk that fills up mid-run
# (a small tmpfs; skipped, saying so, where this user cannot mount one).
# Usage: fault_test.sh NEWSDEX_BINARY [ROUNDS]
set -u
bin=$1
rounds=${2:-20}
work=$(mktemp -d)
cleanup() {
  if mountpoint -q "$work/small" 2>/dev/null; then umount "$work/small"; fi
  rm -rf "$work"
}
trap cleanup EXIT
failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=$((failed + 1))
}
total_of() {  # the article count that stats reports, or "none"
  "$bin" stats --json --db "$1" 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total_documents"])' 2>/dev/null ||
    echo none
}

docs=600
"$bin" bench generate --docs "$docs" --seed 7 --out "$work/in.jsonl" >/dev/null 2>&1 ||
  { echo "cannot generate the input" >&2; exit 1; }
expected=$(python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in open(sys.argv[1])}))' "$work/in.jsonl")

# How long one whole run takes here, to pick kill moments inside it.
start=$(date +%s%N)
"$bin" index --no-extract --batch-size 50 --db "$work/timing-db" "$work/in.jsonl" >/dev/null 2>&1
full_ms=$((($(date +%s%N) - start) / 1000000))
rm -rf "$work/timing-db"
echo "one run: ${full_ms} ms for $docs articles ($expected distinct ids)"

for round in $(seq 1 "$rounds"); do
  db="$work/db-$round"
  flags=(--no-extract --batch-size 50)
  if [ $((round % 2)) -eq 1 ]; then flags+=(--shards 1); fi
  if [ $((round % 4)) -eq 1 ] && [ "$round" -gt 1 ]; then
    cp -r "$work/db-$((round - 1))" "$db" 2>/dev/null  # kill a run into a full database too
  fi
  delay_ms=$((RANDOM % (full_ms + 1)))
  "$bin" index "${flags[@]}" --db "$db" "$work/in.jsonl" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # After the kill: the database opens and answers (it may not exist yet: a sharded build
  # writes it only at its end).
  after=$(total_of "$db")
  if [ "$after" != none ]; then
    "$bin" search --db "$db" --json --limit 1 '' >/dev/null 2>&1 || fail "round $round: search after kill"
    [ "$after" -le "$expected" ] || fail "round $round: $after articles after the kill"
  elif [ -e "$db" ] && [ -n "$(ls -A "$db" 2>/dev/null)" ]; then
    fail "round $round: stats fails on the killed database: $("$bin" stats --db "$db" 2>&1)"
  fi
  # The re-run with the defaults: sharded into a database without articles, else one writer.
  rerun=(--no-extract --batch-size 50)
  out=$("$bin" index "${rerun[@]}" --db "$db" "$work/in.jsonl" 2>&1) || fail "round $round: re-run failed: $out"
  final=$(total_of "$db")
  hits=$("$bin" search --db "$db" --json --limit 0 --facets '' '' 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null)
  [ "$final" = "$expected" ] || fail "round $round: $final articles after the re-run, expected $expected"
  [ "$hits" = "$expected" ] || fail "round $round: search finds $hits, expected $expected"
  echo "round $round (${flags[*]}): killed after ${delay_ms} ms with $after articles; re-run: $final"
  [ $((round % 4)) -eq 0 ] || rm -rf "$db"
done
rm -rf "$work"/db-*

# Archives (issue 24): `compact --by month` killed at random moments leaves the old layout or
# the new one, never a mix (every article is there, once); then indexing into the archive
# (new articles go to its live part) killed the same way, and re-run.
"$bin" index --no-extract --db "$work/flat" "$work/in.jsonl" >/dev/null 2>&1 || fail "archive: index"
cp -r "$work/flat" "$work/timing-tier"
start=$(date +%s%N)
"$bin" compact --by month --db "$work/timing-tier" >/dev/null 2>&1 || fail "archive: compact --by"
tier_ms=$((($(date +%s%N) - start) / 1000000))
rm -rf "$work/timing-tier"
"$bin" bench generate --docs 300 --seed 8 --out "$work/more.jsonl" >/dev/null 2>&1
sed -i 's/"id": *"/"id": "more-/' "$work/more.jsonl"
more=$(python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in open(sys.argv[1])}))' "$work/more.jsonl")
for round in $(seq 1 $((rounds / 4 + 1))); do
  db="$work/tier-$round"
  rm -rf "$db"
  cp -r "$work/flat" "$db"
  delay_ms=$((RANDOM % (tier_ms + 1)))
  "$bin" compact --by month --db "$db" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  tier_kill_ms=$delay_ms
  after=$(total_of "$db")
  [ "$after" = "$expected" ] || fail "archive round $round: $after articles after killing compact --by"
  out=$("$bin" compact --by month --db "$db" 2>&1) || fail "archive round $round: compact --by again: $out"
  [ -f "$db/XAPIANDB" ] || fail "archive round $round: no archive after compact --by"
  delay_ms=$((RANDOM % (full_ms + 1)))
  "$bin" index --no-extract --batch-size 50 --db "$db" "$work/more.jsonl" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  killed=$(total_of "$db")
  out=$("$bin" index --no-extract --batch-size 50 --db "$db" "$work/more.jsonl" 2>&1) ||
    fail "archive round $round: re-run into the archive failed: $out"
  final=$(total_of "$db")
  [ "$final" = $((expected + more)) ] ||
    fail "archive round $round: $final articles after the re-run, expected $((expected + more))"
  echo "archive round $round: compact --by killed after ${tier_kill_ms} ms ($after articles)," \
    "index after ${delay_ms} ms ($killed); re-run: $final"
  rm -rf "$db"
done

# Disk full: a 6 MiB tmpfs holds a commit or two of this input (about 1,000 articles), not all.
mkdir -p "$work/small"
if mount -t tmpfs -o size=6m tmpfs "$work/small" 2>/dev/null; then
  "$bin" bench generate --docs 3000 --seed 8 --out "$work/big.jsonl" >/dev/null 2>&1
  # The default build of a new database commits only at its end: a full disk leaves nothing.
  out=$("$bin" index --no-extract --db "$work/small/db" "$work/big.jsonl" 2>&1)
  status=$?
  [ "$status" -eq 1 ] || fail "disk full, default build: exit $status, expected 1: $out"
  echo "$out" | grep -qi "space\|full" || fail "disk full, default build: the message does not say so: $out"
  [ -z "$(ls -A "$work/small")" ] || fail "disk full, default build: left $(ls -A "$work/small")"
  echo "disk full, default build: exit $status, nothing left: ${out##*$'\n'}"
  # One writer commits batch by batch: what was committed before the disk filled stays.
  out=$("$bin" index --no-extract --batch-size 500 --shards 1 --db "$work/small/db" "$work/big.jsonl" 2>&1)
  status=$?
  [ "$status" -eq 1 ] || fail "disk full: exit $status, expected 1: $out"
  echo "$out" | grep -qi "space\|full" || fail "disk full: the message does not say so: $out"
  after=$(total_of "$work/small/db")
  [ "$after" != none ] || fail "disk full: the database does not open after the full disk"
  "$bin" search --db "$work/small/db" --json --limit 1 '' >/dev/null 2>&1 || fail "disk full: search"
  echo "disk full: exit $status, $after articles committed before it: ${out##*$'\n'}"
  # With room again, a re-run completes.
  cp -r "$work/small/db" "$work/roomy-db" && umount "$work/small"
  "$bin" index --no-extract --batch-size 500 --db "$work/roomy-db" "$work/big.jsonl" >/dev/null 2>&1 ||
    fail "disk full: the re-run with room failed"
  final=$(total_of "$work/roomy-db")
  expected_big=$(python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in open(sys.argv[1])}))' "$work/big.jsonl")
  [ "$final" = "$expected_big" ] || fail "disk full: $final articles after the re-run, expected $expected_big"
else
  echo "SKIP disk-full part: cannot mount a small tmpfs here (needs root)"
fi

echo "fault test: $rounds rounds, $failed failures"
[ "$failed" -eq 0 ]
