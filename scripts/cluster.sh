#!/usr/bin/env bash
# A local Newsdex cluster on loopback, for the tests and the demo: each part of an archive
# (newsdex compact --by year|month) served by its own stock xapian-tcpsrv, and a stub that
# lists them as remote shards. On several machines, start one xapian-tcpsrv per shard on its
# machine the same way and list HOST:PORT in the stub (docs/GUIDE.md, "A cluster").
#
#   scripts/cluster.sh start ARCHIVE STUB [FIRST_PORT]   # prints the stub's path
#   scripts/cluster.sh stop STUB
#
# start: one xapian-tcpsrv per part listed in ARCHIVE/XAPIANDB, on 127.0.0.1 ports FIRST_PORT
# (default 33500), FIRST_PORT + 1, ...; waits until each answers; writes STUB (one "remote
# 127.0.0.1:PORT" line per part), STUB.pids and STUB.log. stop: ends the servers STUB.pids
# lists.
set -euo pipefail

usage() {
  echo "usage: $0 start ARCHIVE STUB [FIRST_PORT] | stop STUB" >&2
  exit 2
}

start() {
  local archive=$1 stub=$2 port=${3:-33500}
  [[ $port =~ ^[0-9]{1,5}$ ]] && ((port >= 1024 && port <= 65000)) ||
    { echo "$0: FIRST_PORT must be a number from 1024 to 65000, not '$port'" >&2; exit 2; }
  [ -f "$archive/XAPIANDB" ] ||
    { echo "$0: $archive is not an archive (make one with 'newsdex compact --by year')" >&2; exit 1; }
  command -v xapian-tcpsrv >/dev/null ||
    { echo "$0: xapian-tcpsrv is missing (Debian package xapian-tools)" >&2; exit 1; }
  : >"$stub.pids"
  echo "# A Newsdex cluster: $archive's parts, each served by a xapian-tcpsrv (scripts/cluster.sh)" >"$stub"
  local part path
  while read -r backend part; do
    [ "$backend" = auto ] || [ "$backend" = glass ] || continue
    case $part in /*) path=$part ;; *) path=$archive/$part ;; esac
    # (A session of its own: on SIGTERM xapian-tcpsrv signals its whole process group, its
    # connection children, which would otherwise include this script and its callers.)
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$path" \
      >>"$stub.log" 2>&1 </dev/null &
    echo $! >>"$stub.pids"
    echo "remote 127.0.0.1:$port" >>"$stub"
    port=$((port + 1))
  done <"$archive/XAPIANDB"
  # Ready when each port accepts a connection (bash's /dev/tcp), within 10 s.
  local line tries
  while read -r line; do
    [[ $line == remote* ]] || continue
    local p=${line##*:}
    for ((tries = 0; tries < 100; tries++)); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then break; fi
      sleep 0.1
    done
    ((tries < 100)) || { echo "$0: no server answers on 127.0.0.1:$p" >&2; stop "$stub"; exit 1; }
  done <"$stub"
  echo "$stub"
}

stop() {
  local stub=$1
  [ -f "$stub.pids" ] || return 0
  # (Each ends the children it forked per connection: its process group.)
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$stub.pids"
  rm -f "$stub.pids"
}

case ${1:-} in
  start) [ $# -ge 3 ] && [ $# -le 4 ] || usage; start "$2" "$3" "${4:-}" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
