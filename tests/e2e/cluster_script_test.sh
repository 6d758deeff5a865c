#!/usr/bin/env bash
# scripts/cluster.sh as docs/GUIDE.md uses it (issue 25): an archive of the bundled corpus by year
# served part by part by real xapian-tcpsrv processes; `newsdex search` and `stats` on the stub
# answer as on the archive; stop ends every server; bad arguments are refused by name.
# Usage: cluster_script_test.sh NEWSDEX_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
work=$(mktemp -d)
cleanup() {
  bash "$src/scripts/cluster.sh" stop "$work/cluster.stub" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
command -v xapian-tcpsrv >/dev/null || { echo "SKIP: xapian-tcpsrv is not installed"; exit 77; }
failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=$((failed + 1))
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$bin" index --db "$work/db" "$src/data/sample/articles.jsonl" >/dev/null 2>&1 || fail "index"
"$bin" compact --by year --db "$work/db" >/dev/null || fail "compact --by year"
port=$(free_port)
out=$(bash "$src/scripts/cluster.sh" start "$work/db" "$work/cluster.stub" "$port") ||
  fail "cluster.sh start: $out"
parts=$(grep -c '^auto' "$work/db/XAPIANDB")
[ "$(grep -c '^remote 127.0.0.1:' "$work/cluster.stub")" = "$parts" ] ||
  fail "the stub lists $(grep -c '^remote' "$work/cluster.stub") shards for $parts parts"
[ "$(wc -l <"$work/cluster.stub.pids")" = "$parts" ] || fail "not one server per part"

for q in chip "chip deal" '"record chip"'; do
  local_json=$("$bin" search --db "$work/db" --json --facets company,year "$q" | python3 -c \
    'import json,sys; j=json.load(sys.stdin); print(j["total"], json.dumps(j["facets"]))')
  cluster_json=$("$bin" search --db "$work/cluster.stub" --json --facets company,year "$q" |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["total"], json.dumps(j["facets"]))')
  [ -n "$local_json" ] && [ "$local_json" = "$cluster_json" ] ||
    fail "search '$q': the archive says '$local_json', the cluster '$cluster_json'"
done
[ "$("$bin" stats --db "$work/db" --json)" = "$("$bin" stats --db "$work/cluster.stub" --json)" ] ||
  fail "stats differ between the archive and the cluster"

# Writers refuse the cluster, naming the stub's line.
if "$bin" index --db "$work/cluster.stub" "$src/data/sample/articles.jsonl" >"$work/w.out" 2>&1; then
  fail "index into a cluster stub succeeded"
fi
grep -q "cluster.stub:2: a remote shard" "$work/w.out" || fail "index: $(cat "$work/w.out")"

pids=$(cat "$work/cluster.stub.pids")
bash "$src/scripts/cluster.sh" stop "$work/cluster.stub"
running() {  # (a zombie whose parent does not reap it has stopped)
  case $(ps -o stat= -p "$1" 2>/dev/null) in '' | Z*) return 1 ;; *) return 0 ;; esac
}
for pid in $pids; do
  for ((i = 0; i < 50; i++)); do running "$pid" || break; sleep 0.1; done
  running "$pid" && fail "server $pid still runs 5 s after stop"
done
# A stopped cluster: the search fails naming a shard, at once.
if "$bin" search --db "$work/cluster.stub" chip >"$work/s.out" 2>&1; then
  fail "a search on a stopped cluster succeeded"
fi
grep -q "shard 127.0.0.1:$port (.*cluster.stub:2) cannot be reached" "$work/s.out" ||
  fail "stopped cluster: $(cat "$work/s.out")"

bash "$src/scripts/cluster.sh" start "$work/db" "$work/x.stub" 80 >"$work/p.out" 2>&1 &&
  fail "port 80 accepted"
grep -q "FIRST_PORT must be a number from 1024 to 65000" "$work/p.out" || fail "port: $(cat "$work/p.out")"
bash "$src/scripts/cluster.sh" start "$work/nothing" "$work/x.stub" >"$work/a.out" 2>&1 &&
  fail "a missing archive accepted"
grep -q "is not an archive" "$work/a.out" || fail "archive: $(cat "$work/a.out")"

[ "$failed" = 0 ] && echo "cluster_script_test: all passed"
exit "$((failed > 0))"
