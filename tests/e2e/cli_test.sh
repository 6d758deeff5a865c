#!/usr/bin/env bash
# End-to-end test of the newsdex binary on the bundled sample corpus, as a user runs it.
# Usage: cli_test.sh NEWSDEX_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEWSDEX_DB="$work/db"
passed=0
failed=0

check() {  # check NAME CONDITION-COMMAND...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name" >&2
  fi
}
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

# --- index the sample corpus
"$bin" index --json "$src/data/sample/text" "$src/data/sample/articles.jsonl" >"$work/index.json" 2>"$work/index.err"
check "index exits 0" test $? -eq 0
total=$(json_get '["total_documents"]' <"$work/index.json")
check "sample corpus has at least 60 articles (got $total)" test "$total" -ge 60
check "nothing skipped" test "$(json_get '["skipped"]["total"]' <"$work/index.json")" -eq 0
check "quiet stderr when not a terminal" test ! -s "$work/index.err"

# --- --explain shows what extraction found and why, and writes nothing
"$bin" index --db "$work/explain-db" --explain "$src/data/sample/text/2024-05-21-microsoft-samsung-hynix-lg-skt-ai-chips.txt" >"$work/explain.txt"
check "explain exits 0" test $? -eq 0
check "explain names the alias that matched" grep -q "SK Hynix" "$work/explain.txt"
check "explain gives the date rule" grep -q "rule: " "$work/explain.txt"
check "explain scores topics against the threshold" grep -Eq "^  \+ (AI|Memory Chips)" "$work/explain.txt"
check "explain writes no database" test ! -e "$work/explain-db"

# --- re-indexing replaces
"$bin" index --json "$src/data/sample/articles.jsonl" >"$work/again.json" 2>/dev/null
check "re-index replaces" test "$(json_get '["replaced"]' <"$work/again.json")" -eq "$(json_get '["indexed"]' <"$work/again.json")"
check "re-index keeps the count" test "$(json_get '["total_documents"]' <"$work/again.json")" -eq "$total"

# --- stats
"$bin" stats --json >"$work/stats.json"
check "stats exits 0" test $? -eq 0
check "stats counts documents" test "$(json_get '["total_documents"]' <"$work/stats.json")" -eq "$total"
check "stats lists Samsung Electronics among companies" \
  grep -q '"Samsung Electronics"' "$work/stats.json"
check "stats has a date span" test "$(json_get '["date_min"][:2]' <"$work/stats.json")" = "20"

# --- search
"$bin" search --json samsung ai >"$work/search.json"
check "search exits 0" test $? -eq 0
check "search finds the 2018 Samsung-Microsoft story" grep -q "2018-11-07-samsung-microsoft-ai-cloud.txt" "$work/search.json"
check "search total is exact" test "$(json_get '["total_exact"]' <"$work/search.json")" = "True"
check "hits carry snippets with marks" grep -q '<mark>' "$work/search.json"
"$bin" search --limit 1 "" >"$work/browse.txt"
check "browsing says articles, newest first, and shows no score" \
  sh -c "head -1 '$work/browse.txt' | grep -q 'articles (no words: newest first' && ! grep -q 'score' '$work/browse.txt'"
"$bin" search --limit 3 tesla model x deliveries >"$work/levels.txt"
check "a relaxed search says why scores are not in order" grep -q "with all the words come first" "$work/levels.txt"
"$bin" search --json --filter company=hynix --facets company,year "" >"$work/filter.json"
check "alias filter matches" test "$(json_get '["total"]' <"$work/filter.json")" -gt 0
check "multi-select keeps other companies" test "$(json_get '["facets"]["company"].__len__()' <"$work/filter.json")" -gt 1
"$bin" search --json --facet-mode drilldown --facets company --filter company=hynix "" >"$work/drill.json"
check "drill-down counts only the filtered matches" test "$(json_get '["facets"]["company"][0]["count"]' <"$work/drill.json")" = "$(json_get '["total"]' <"$work/drill.json")"
check "drill-down keeps the total" test "$(json_get '["total"]' <"$work/drill.json")" = "$(json_get '["total"]' <"$work/filter.json")"
"$bin" search 'date:2018-13-45..' >/dev/null 2>"$work/err"
check "bad date range exits 2" test $? -eq 2
check "bad date range is named" grep -q "2018-13-45" "$work/err"
"$bin" search --filter colour=red x >/dev/null 2>"$work/err"
check "unknown filter field exits 2" test $? -eq 2
"$bin" search --db "$work/nowhere" x >/dev/null 2>"$work/err"
check "missing database exits 1" test $? -eq 1
check "missing database is named" grep -q "no database at" "$work/err"
"$bin" search samsung >"$work/human.txt"
check "human output lists matches and facets" grep -q "matches" "$work/human.txt"

# --- trends
"$bin" trends series --json --field company --interval year samsung >"$work/series.json" 2>"$work/err"
check "trends series exits 0" test $? -eq 0
check "trends series charts Samsung Electronics first" \
  test "$(json_get '["series"][0]["value"]' <"$work/series.json")" = "Samsung Electronics"
"$bin" trends series --field topic --interval year '' >"$work/series.txt" 2>"$work/err"
check "trends series prints a table" grep -q "^bucket" "$work/series.txt"
"$bin" trends surging --json --field topic --window 2018-01-01..2018-12-31 --min-count 1 >"$work/surging.json" 2>"$work/err"
check "trends surging exits 0" test $? -eq 0
check "trends surging names its baseline" test "$(json_get '["baseline"]["from"]' <"$work/surging.json")" = "2017-01-01"
"$bin" trends series --field body x >/dev/null 2>"$work/err"
check "trends with an unknown field exits 2" test $? -eq 2
check "trends names the bad parameter" grep -q "parameter 'field'" "$work/err"
"$bin" trends surging --window 2018-02-01..2018-01-01 >/dev/null 2>"$work/err"
check "trends with a reversed window exits 2" test $? -eq 2
"$bin" trends series --interval day --from 1000-01-01 --to 2999-12-31 >/dev/null 2>"$work/err"
check "trends with too many buckets exits 2" test $? -eq 2

# --- eval --json: the keys SPEC.md gives
printf 'q1\tsamsung memory\nq2\tnvidia\n' >"$work/topics.tsv"
printf 'q1 0 2017-07-27-samsung-record-profit-memory-boom.txt 2\nq2 0 2024-06-06-nvidia-market-value-3-trillion.txt 1\n' >"$work/qrels"
"$bin" eval --json --per-query --topics "$work/topics.tsv" --qrels "$work/qrels" >"$work/eval.json"
check "eval --json exits 0" test $? -eq 0
check "eval --json has SPEC's keys" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) >= {"topics", "no_results", "ndcg@10", "p@10", "map", "recall@1000"}, d
assert d["topics"] == 2 and d["no_results"] == 0 and 0 < d["ndcg@10"] <= 1, d
assert set(d["per_query"][0]) >= {"qid", "ndcg@10", "p@10", "map", "recall@1000"}, d
' "$work/eval.json"

"$bin" eval --topics "$work/topics.tsv" --qrels "$work/qrels" --run /dev/full >/dev/null 2>"$work/err"
check "eval --run to a full device exits 1" test $? -eq 1
check "eval --run names the file" grep -q "/dev/full: cannot write" "$work/err"

# --- delete
"$bin" delete sample-0001 no-such-id >"$work/del.out" 2>"$work/del.err"
check "delete exits 0 with an unknown id" test $? -eq 0
check "delete reports the unknown id" grep -q "no-such-id" "$work/del.err"
check "delete removed one" test "$("$bin" stats --json | json_get '["total_documents"]')" -eq $((total - 1))

# --- compact
"$bin" compact >/dev/null
check "compact exits 0" test $? -eq 0
check "compacted database still answers" test "$("$bin" stats --json | json_get '["total_documents"]')" -eq $((total - 1))

# --- exit statuses and messages
"$bin" index --no-such-flag x >/dev/null 2>&1
check "unknown flag exits 2" test $? -eq 2
"$bin" index "$work/missing.jsonl" >/dev/null 2>"$work/err"
check "missing path exits 1" test $? -eq 1
check "missing path is named" grep -q "missing.jsonl: no such file" "$work/err"
mkdir -p "$work/notdb" && echo hi >"$work/notdb/file"
"$bin" stats --db "$work/notdb" >/dev/null 2>"$work/err"
check "not a database exits 1" test $? -eq 1
check "not a database says so" grep -q "not a Newsdex database" "$work/err"
printf '{"id":"a","title":"ok"}\n{"id":"b","title":7}\n' >"$work/bad.jsonl"
"$bin" index --strict --db "$work/strictdb" "$work/bad.jsonl" >/dev/null 2>"$work/err"
check "--strict exits 1 on a bad record" test $? -eq 1
check "--strict names file and line" grep -q "bad.jsonl:2" "$work/err"
"$bin" --help >/dev/null && "$bin" index --help | grep -q -- "--strict"
check "help describes flags" test $? -eq 0

# --- serve's start-up hint: requests drawn from the served database, each finding articles
"$bin" serve --port 0 --quiet >"$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 50); do grep -q "curl '" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
hints=$(grep -o "curl '[^']*'" "$work/serve.out" | sed "s/^curl '//; s/'$//")
check "serve prints example requests" test -n "$hints"
check "the examples are not the bundled sample's fixed words" test "$(grep -c 'samsung&filter=topic:AI' "$work/serve.out")" -eq 0
for url in $hints; do
  n=$(curl -s "$url" | json_get '["total"]')
  check "the hint $url finds articles (got $n)" test "${n:-0}" -gt 0
done
kill "$serve_pid" 2>/dev/null
wait "$serve_pid" 2>/dev/null

echo "e2e: $passed passed, $failed failed"
test "$failed" -eq 0
