#!/usr/bin/env bash
# The web server's cost to ingestion and its request rate.
#
# 1. Import throughput: the same 1.5M-line log imported with -importonly (until the process exits) and by the server
#    (postmeter without -importonly, until its /metrics count every line committed, polled every 0.1 s), ROUNDS times,
#    interleaved so that the machine's drift hits both alike; prints each run and the medians.
# 2. Request rate with wrk (Debian package): GET /livez and GET /api/v1/auth/me with a session cookie, on the server
#    of the imported workspace, 2 threads, 16 connections, DURATION seconds each.
#
# Both keep 5 years of data: the log spans 634 days, and with the default 90 days -importonly would spend its end
# deleting most of what it imported (the server does that in its ten-minute retention loop, after the timing).
#
# Environment: ROUNDS (default 5), DURATION (default 10), NO_BUILD=1 to reuse bench/out/postmeter.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$here/out"
rounds=${ROUNDS:-5}
duration=${DURATION:-10}
mkdir -p "$out"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet publish "$root/src/Postmeter.Server" -c Release -o "$out/postmeter" > /dev/null
fi
postmeter=("dotnet" "$out/postmeter/postmeter.dll")
log="$out/maillog-1500000"
[ -f "$log" ] || python3 "$here/make-large-log.py" --lines 1500000 --out "$log"
logs="$out/server-logs"
rm -rf "$logs" && mkdir -p "$logs" && ln -s "$log" "$logs/mail.log"

now() { date +%s.%N; }

import_only() {
  rm -rf "$out/server-ws"
  local start; start=$(now)
  "${postmeter[@]}" -workspace "$out/server-ws" -watch_dir "$logs" -importonly -log_level WARN --data-retention 5y
  echo "$(now) - $start" | bc -l
}

served() { # prints the seconds until the server has committed every line (its /metrics say so)
  rm -rf "$out/server-ws"
  local start; start=$(now)
  "${postmeter[@]}" -workspace "$out/server-ws" -watch_dir "$logs" -listen 127.0.0.1:0 -log_level INFO --metrics-public --data-retention 5y 2> "$out/server.err" &
  local pid=$!
  until grep -q "serving the web application" "$out/server.err"; do sleep 0.02; done
  local url; url=$(grep -o 'http://127.0.0.1:[0-9]*' "$out/server.err" | head -1)
  until curl -s "$url/metrics" | grep -q '^postmeter_log_lines_read_total 1500000$'; do
    kill -0 "$pid" 2> /dev/null || { cat "$out/server.err" >&2; exit 1; }
    sleep 0.1
  done
  local seconds; seconds=$(echo "$(now) - $start" | bc -l)
  kill -TERM "$pid"; wait "$pid" || true
  echo "$seconds"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: > "$out/import-only.txt"; : > "$out/served.txt"
for round in $(seq 1 "$rounds"); do
  # Alternate which goes first, so that neither always runs on a warmer machine.
  if [ $((round % 2)) -eq 1 ]; then
    a=$(import_only); b=$(served)
  else
    b=$(served); a=$(import_only)
  fi
  echo "$a" >> "$out/import-only.txt"; echo "$b" >> "$out/served.txt"
  printf 'round %d: -importonly %6.2f s   server %6.2f s\n' "$round" "$a" "$b"
done
a=$(median < "$out/import-only.txt"); b=$(median < "$out/served.txt")
printf 'median: -importonly %.2f s (%.0f lines/s), server %.2f s (%.0f lines/s): server/importonly = %.3f\n' \
  "$a" "$(echo "1500000 / $a" | bc -l)" "$b" "$(echo "1500000 / $b" | bc -l)" "$(echo "$b / $a" | bc -l)"

# Request rate on the imported workspace.
"${postmeter[@]}" -workspace "$out/server-ws" -watch_dir "$logs" -listen 127.0.0.1:0 -log_level INFO 2> "$out/server.err" &
pid=$!
trap 'kill -TERM $pid 2> /dev/null || true' EXIT
until grep -q "following 1 log file" "$out/server.err"; do sleep 0.05; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$out/server.err" | head -1)
jar="$out/cookies.txt"; rm -f "$jar"
token=$(curl -s -c "$jar" -b "$jar" "$url/api/v1/auth/csrf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -s -c "$jar" -b "$jar" -H "X-CSRF-Token: $token" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","name":"Bench","password":"violet staple orbit 93 harbour"}' "$url/api/v1/auth/register" > /dev/null
session=$(awk '$6 == "postmeter_session" { print $7 }' "$jar")
echo "wrk GET /livez:"
wrk -t2 -c16 -d"${duration}s" "$url/livez" | grep -E "Requests/sec|Latency|Non-2xx"
echo "wrk GET /api/v1/auth/me (session):"
wrk -t2 -c16 -d"${duration}s" -H "Cookie: postmeter_session=$session" "$url/api/v1/auth/me" | grep -E "Requests/sec|Latency|Non-2xx"
