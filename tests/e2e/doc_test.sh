#!/usr/bin/env bash
# Doc test: runs the shell examples of README.md, docs/GUIDE.md, docs/API.md and
# docs/OPERATIONS.md as a reader would type them, against a fresh database of the bundled sample.
# Usage: doc_test.sh NEWSDEX_BINARY SOURCE_DIR
#
# What runs: each command of each block fenced ```sh (one command a line; a line ending in a
# backslash goes on, and a here-document runs to its terminator). Comment lines are not run.
# Blocks fenced any other way (```text, ```json, a bare ```) are not run.
#
# Marking what cannot run here (it needs a network, apt, ../shared/data, or a long time):
#   ```sh skip-test                   the whole block is shown, never run
#   CMD   # doc-test: skip (why)       this one command is not run
#   CMD   # doc-test: exit N           the command must exit N (otherwise it must exit 0)
#
# How a command is run:
#   - `./build/newsdex`, and `newsdex` where a command starts, become NEWSDEX_BINARY;
#     `./newsdex-db` becomes the test's database, and NEWSDEX_DB names it as well.
#   - Each document gets its own fresh database of data/sample (text/ and articles.jsonl,
#     indexed as tests/e2e/cli_test.sh does) and its own working directory, whose entries are
#     links to SOURCE_DIR's (data/, bench/, ...): relative paths read the project's files, and
#     files a command writes stay in the test's directory.
#   - A `newsdex serve` command starts in the background on a free port (its --port becomes
#     --port 0) and the URL it prints is waited for; `127.0.0.1:PORT` and `localhost:PORT` in
#     later commands then name it. A command that names 127.0.0.1:8080 when no serve command
#     came first gets a server the test starts on the document's database.
#   - Every command runs in bash, in that directory, with a 60 s limit.
# DOC_TEST_VERBOSE=1 also prints what each command wrote, for reading the examples' output.
set -u
bin=$1
src=$2
command -v python3 >/dev/null || { echo "doc test: needs python3" >&2; exit 1; }
work=$(mktemp -d)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

ran=0
skipped=0
failed=0
declare -A skip_reasons=()

# Prints one record per command: FILE:LINE, expected status, skip reason ("-" to run), the
# command with the binary and the database put in, in base64 (so newlines and tabs survive).
extract() {  # extract FILE LABEL DATABASE
  python3 - "$1" "$2" "$bin" "$3" <<'PY'
import base64, re, sys
path, label, binary, db = sys.argv[1:5]
def substitute(cmd):
    cmd = cmd.replace("./build/newsdex", binary)
    # `newsdex` where a command starts: a line's start, after ; & | ( $( or time/xargs/exec.
    cmd = re.sub(r"(^|[;&|(]\s*|\$\(\s*|\b(?:time|xargs|exec)\s+)newsdex(?=\s|$)",
                 lambda m: m.group(1) + binary, cmd, flags=re.M)
    return cmd.replace("./newsdex-db", db)
lines = open(path, encoding="utf-8").read().split("\n")
fence = re.compile(r"^\s*```+\s*(\S*)\s*(.*)$")
i, in_block, block_skip = 0, False, False
def emit(lineno, cmd, skip):
    status, reason = "0", "-"
    m = re.search(r"#.*\bdoc-test:\s*exit\s+(\d+)", cmd)
    if m:
        status = m.group(1)
    m = re.search(r"#.*\bdoc-test:\s*skip\b[\s:]*\(?([^)\n]*)", cmd)
    if m:
        reason = m.group(1).strip() or "marked skip"
    if skip:
        reason = "block marked skip-test"
    enc = base64.b64encode(substitute(cmd).encode()).decode()
    print(f"{label}:{lineno}\t{status}\t{reason}\t{enc}")
while i < len(lines):
    line = lines[i]
    m = fence.match(line)
    if m and not in_block:
        in_block = m.group(1) == "sh"
        block_skip = "skip-test" in m.group(2)
        opened_other = m.group(1) != "sh"
        i += 1
        if opened_other:  # skip to the closing fence of a block that is not sh
            while i < len(lines) and not fence.match(lines[i]):
                i += 1
            i += 1
        continue
    if in_block and m:
        in_block = False
        i += 1
        continue
    if not in_block or not line.strip() or line.lstrip().startswith("#"):
        i += 1
        continue
    start, cmd = i + 1, line
    while cmd.endswith("\\") and i + 1 < len(lines):  # a continued line
        i += 1
        cmd += "\n" + lines[i]
    h = re.search(r"<<-?\s*['\"]?(\w+)['\"]?", cmd)
    if h:  # a here-document, up to its terminator
        end = h.group(1)
        while i + 1 < len(lines):
            i += 1
            cmd += "\n" + lines[i]
            if lines[i].strip() == end:
                break
    emit(start, cmd, block_skip)
    i += 1
PY
}

# Starts `serve` from a doc's command line (or the test's own, when none came first) and waits
# for the URL it prints; sets addr to 127.0.0.1:PORT.
start_server() {  # start_server COMMAND-LINE
  stop_server
  local line=$1
  if [[ "$line" =~ --port[\ =]+[0-9]+ ]]; then
    line=$(sed -E 's/--port[ =]+[0-9]+/--port 0/' <<<"$line")
  else
    line="$line --port 0"
  fi
  line=$(sed -E 's/[[:space:]]+#.*$//; s/[[:space:]]*&[[:space:]]*$//' <<<"$line")
  (cd "$dir" && exec bash -c "exec $line") >"$work/serve.out" 2>"$work/serve.err" </dev/null &
  server_pid=$!
  addr=""
  for _ in $(seq 1 100); do
    addr=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.out" | head -1)
    [ -n "$addr" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}

run_doc() {  # run_doc RELATIVE-PATH
  local doc=$1 name
  name=$(basename "$doc" .md)
  dir="$work/$name"
  db="$work/$name-db"
  mkdir -p "$dir"
  for entry in "$src"/*; do
    case $(basename "$entry") in build | build-* | newsdex-db | newsdex-demo-db) continue ;; esac
    ln -s "$entry" "$dir/$(basename "$entry")"
  done
  export NEWSDEX_DB="$db"
  if ! "$bin" index --db "$db" "$src/data/sample/text" "$src/data/sample/articles.jsonl" >/dev/null 2>"$work/index.err"; then
    echo "FAIL: cannot index the sample for $doc:" >&2
    cat "$work/index.err" >&2
    failed=$((failed + 1))
    return
  fi
  addr=""
  local doc_port=8080
  local where expect reason enc cmd status
  while IFS=$'\t' read -r where expect reason enc; do
    cmd=$(base64 -d <<<"$enc")
    if [ "$reason" != "-" ]; then
      skipped=$((skipped + 1))
      skip_reasons[$reason]=$((${skip_reasons[$reason]:-0} + 1))
      echo "skip $where: $(head -1 <<<"$cmd")  [$reason]"
      continue
    fi
    if [[ "$cmd" =~ ^[[:space:]]*[^[:space:]]*newsdex[[:space:]]+serve([[:space:]]|$) ]]; then
      [[ "$cmd" =~ --port[\ =]+([0-9]+) ]] && doc_port=${BASH_REMATCH[1]} || doc_port=8080
      if start_server "$cmd"; then
        ran=$((ran + 1))
        echo "ok   $where: serve (listening on $addr for port $doc_port)"
      else
        failed=$((failed + 1))
        echo "FAIL $where: $cmd" >&2
        echo "  the server did not start:" >&2
        sed 's/^/  /' "$work/serve.err" >&2
      fi
      continue
    fi
    if [[ "$cmd" =~ (127\.0\.0\.1|localhost):([0-9]+) ]]; then
      if [ -z "$server_pid" ]; then
        doc_port=${BASH_REMATCH[2]}
        start_server "$bin serve --db $db --quiet" || {
          failed=$((failed + 1))
          echo "FAIL $where: the test's server did not start" >&2
          continue
        }
      fi
      cmd=${cmd//127.0.0.1:$doc_port/$addr}
      cmd=${cmd//localhost:$doc_port/$addr}
    fi
    (cd "$dir" && timeout 60 bash -c "$cmd") >"$work/out" 2>"$work/err" </dev/null
    status=$?
    if [ "$status" -eq "$expect" ]; then
      ran=$((ran + 1))
      echo "ok   $where: $(head -1 <<<"$cmd")"
      if [ -n "${DOC_TEST_VERBOSE:-}" ]; then
        awk 1 "$work/out" "$work/err" | sed 's/^/  | /' | head -40  # awk 1: a last newline
      fi
    else
      failed=$((failed + 1))
      {
        echo "FAIL $where: exit $status, the doc says $expect"
        awk '{ print "  $ " $0 }' <<<"$cmd"
        tail -5 "$work/out" | sed 's/^/  out: /'
        tail -5 "$work/err" | sed 's/^/  err: /'
      } >&2
    fi
  done < <(extract "$src/$doc" "$doc" "$db")
  stop_server
}

for doc in README.md docs/GUIDE.md docs/API.md docs/OPERATIONS.md; do
  if [ ! -f "$src/$doc" ]; then
    echo "FAIL: $doc is missing" >&2
    failed=$((failed + 1))
    continue
  fi
  run_doc "$doc"
done

echo "doc test: $ran commands ran, $skipped skipped, $failed failed"
for reason in "${!skip_reasons[@]}"; do echo "  skipped ${skip_reasons[$reason]}: $reason"; done
test "$failed" -eq 0 && test "$ran" -gt 0
