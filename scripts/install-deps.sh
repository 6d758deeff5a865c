#!/usr/bin/env bash
# Installs what Newsdex needs to build and test on Debian 12 (run as root, or with sudo).
# Every package and why it is here is listed in the README ("Dependencies").
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# `install-deps.sh run` installs only what building and running the newsdex binary needs
# (scripts/run.sh); with no argument, also what the tests, lint, fuzzing and benchmarks need.
packages=(
  build-essential cmake pkg-config          # compiler and build
  libxapian-dev                             # the search library
  libcli11-dev                              # command-line parsing
  nlohmann-json3-dev                        # JSON in and out
  libcpp-httplib-dev                        # the HTTP server
  libgumbo-dev                              # an HTML5 parser, for web pages and WARC crawls
  libxml2-dev                               # an XML parser, for RSS and Atom feeds
  zlib1g-dev                                # gzip: .html.gz pages and .warc.gz crawls
)
if [ "${1:-}" != run ]; then
  packages+=(
    xapian-tools                            # xapian-delve/xapian-compact, for looking inside
    clang-format clang-tidy                 # scripts/lint.sh
    googletest libgtest-dev                 # unit and integration tests
    python3 curl                            # test scripts and the README's curl example
    chromium                                # the web page's end-to-end test (headless)
    wrk                                     # bench/load.sh: HTTP load on loopback
    clang libclang-rt-14-dev                # scripts/fuzz.sh: libFuzzer targets (the runtime)
  )
  # Node.js runs the browser test (playwright-core from npm); use the machine's own if present.
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
