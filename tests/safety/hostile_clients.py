#!/usr/bin/env python3
"""Issue 30's crash scenario against a real `newsdex serve`, for sanitizer builds.

Usage: hostile_clients.py NEWSDEX_BINARY DATABASE SECONDS

Starts `newsdex serve --threads 4` on a free port, then for SECONDS runs, at once:
  - 8 connections that send 17 KB of header lines and never finish the head (for the first
    fifth of the run, as the report did),
  - 8 slow readers of `/api/search?q=&limit=10000` with a 4 KB receive buffer that read one
    byte a second and reconnect every 11 s,
  - 4 clients sending ordinary and empty-query searches back to back,
  - one prober timing a normal search every half second.
Fails (exit 1) when the server dies, prints a sanitizer report, or stops answering.
Prints the prober's median and worst latency (the target is 0.5 s while the attack runs).
"""
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

binary, database, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
server = subprocess.Popen(
    [binary, "serve", "--db", database, "--threads", "4", "--port", "0", "--quiet"],
    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
line = server.stdout.readline()
match = re.search(r":(\d+)/", line)
if not match:
    print("server did not start:", line, server.stderr.read(), file=sys.stderr)
    sys.exit(1)
port = int(match.group(1))
stop_at = time.time() + seconds
stop = threading.Event()


def connect(rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    return s


def unfinished_heads():
    end = time.time() + seconds / 5
    while time.time() < end and not stop.is_set():
        try:
            s = connect()
            s.sendall(b"GET /api/search?q=oil HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            for i in range(170):
                s.sendall(b"X-Filler-%03d: %s\r\n" % (i, b"a" * 90))
            time.sleep(2)
            s.close()
        except OSError:
            time.sleep(0.1)


def slow_reader():
    while not stop.is_set():
        try:
            s = connect(rcvbuf=4096)
            s.sendall(b"GET /api/search?q=&limit=10000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            began = time.time()
            while time.time() - began < 11 and not stop.is_set():
                if not s.recv(1):
                    break
                time.sleep(1)
            s.close()
        except OSError:
            time.sleep(0.1)


def busy_client(n):
    paths = ["/api/search?q=&limit=50&facets=company,topic", "/api/search?q=oil+prices",
             "/api/search?q=-oil", "/api/search?q=+&sort=date"]
    i = n
    while not stop.is_set():
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{paths[i % len(paths)]}",
                                   timeout=30).read()
        except OSError:
            time.sleep(0.05)
        i += 1


latencies = []


def prober():
    while not stop.is_set():
        began = time.time()
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/search?q=samsung&facets=company", timeout=30).read()
            latencies.append(time.time() - began)
        except OSError as e:
            latencies.append(float("inf"))
            print("probe failed:", e, file=sys.stderr)
        time.sleep(0.5)


threads = [threading.Thread(target=unfinished_heads) for _ in range(8)]
threads += [threading.Thread(target=slow_reader) for _ in range(8)]
threads += [threading.Thread(target=busy_client, args=(n,)) for n in range(4)]
threads += [threading.Thread(target=prober)]
for t in threads:
    t.daemon = True
    t.start()
alive = True
while time.time() < stop_at:
    if server.poll() is not None:
        alive = False
        break
    time.sleep(0.5)
stop.set()
for t in threads:
    t.join(timeout=15)
healthy = False
if alive:
    try:
        healthy = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10).status == 200
    except OSError:
        pass
    server.terminate()
try:
    _, err = server.communicate(timeout=30)
except subprocess.TimeoutExpired:
    server.kill()
    _, err = server.communicate()
reports = [l for l in err.splitlines() if "Sanitizer" in l or "runtime error" in l]
latencies.sort()
median = latencies[len(latencies) // 2] if latencies else float("inf")
worst = latencies[-1] if latencies else float("inf")
print(f"hostile_clients: {seconds:.0f} s, server {'alive' if alive else 'DIED'}, "
      f"healthz {'ok' if healthy else 'FAILED'}, {len(latencies)} probes, "
      f"median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms, "
      f"sanitizer reports {len(reports)}")
if reports:
    print("\n".join(err.splitlines()[:80]), file=sys.stderr)
sys.exit(0 if alive and healthy and not reports else 1)
