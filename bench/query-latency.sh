#!/usr/bin/env bash
# Dashboard and Message Detective latency on a large workspace.
#
# 1. Builds (once) a workspace of DELIVERIES recipient deliveries over DAYS days through the real store writer
#    (bench/Postmeter.QueryBench: ~50k senders, ~1M recipient addresses, ~20k domains, 5 % bounced, 10 % deferred at
#    least once), printing its build time and size.
# 2. Starts postmeter on it (loopback, an API token) and times each dashboard query over 1, 7 and 90 days and each
#    detective search ITERATIONS times (after two warm-ups), printing p50/p99 and whether p99 <= 100 ms.
#
# Environment: DELIVERIES (default 10100000), DAYS (90), ITERATIONS (20), WORKSPACE (bench/out/querybench-ws),
# NO_BUILD=1 to reuse bench/out/postmeter, ONLY=TEXT to time only the requests whose name contains TEXT.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$here/out"
deliveries=${DELIVERIES:-10100000}
days=${DAYS:-90}
iterations=${ITERATIONS:-20}
workspace=${WORKSPACE:-"$out/querybench-ws"}
mkdir -p "$out"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet publish "$root/src/Postmeter.Server" -c Release -o "$out/postmeter" -nologo -v quiet > /dev/null
fi
dotnet build "$here/Postmeter.QueryBench" -c Release -nologo -v quiet > /dev/null
bench=("dotnet" "$here/Postmeter.QueryBench/bin/Release/net10.0/Postmeter.QueryBench.dll")
[ -d "$workspace" ] || "${bench[@]}" build "$workspace" "$deliveries" "$days"

postmeter="$out/postmeter/postmeter"
logs="$out/querybench-logs"
mkdir -p "$logs" && touch "$logs/mail.log"
token=$("$postmeter" tokens create --name "querybench-$$" --role admin --workspace "$workspace" | head -1)
"$postmeter" -workspace "$workspace" -watch_dir "$logs" -listen 127.0.0.1:18099 -log_level WARN --data-retention 5y 2> "$out/querybench-server.err" &
pid=$!
trap 'kill -TERM $pid 2> /dev/null || true; wait $pid 2> /dev/null || true' EXIT
until curl -s -o /dev/null http://127.0.0.1:18099/livez; do
  kill -0 "$pid" 2> /dev/null || { cat "$out/querybench-server.err" >&2; exit 1; }
  sleep 1
done
"${bench[@]}" measure http://127.0.0.1:18099/ "$token" "$workspace" "$iterations" ${ONLY:+"$ONLY"}
