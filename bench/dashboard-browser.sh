#!/usr/bin/env bash
# The dashboard in Chromium on the query benchmark's workspace (see query-latency.sh): starts postmeter on it with a
# user of its own, then times, in Debian's chromium, how long after navigation the dashboard shows its numbers over
# 1, 7, 30 and 90 days (web/e2e/dashboard-timing.mjs; goal: 1.5 s). COLD=1 times right after the server started;
# by default it first waits for the server to have made the dashboard's lists of the last 7, 30 and 90 days (a minute
# after start, and each UTC day: DashboardWarmer), as a dashboard opened on a running server finds them.
#
# The workspace's mail ends on a fixed day; postmeter runs with its clock set to 08:00 UTC of the day after
# (libfaketime: apt-get install faketime), as on a live server whose mail runs until now.
#
# Environment: WORKSPACE (bench/out/querybench-ws, built by query-latency.sh), ROUNDS (10), COLD=1, NO_BUILD=1 to
# reuse bench/out/postmeter.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$here/out"
workspace=${WORKSPACE:-"$out/querybench-ws"}
rounds=${ROUNDS:-10}
[ -f "$workspace/bench-samples.json" ] || { echo "no query benchmark workspace at $workspace: run bench/query-latency.sh first" >&2; exit 1; }
if [ -z "${NO_BUILD:-}" ]; then
  dotnet publish "$root/src/Postmeter.Server" -c Release -o "$out/postmeter" -nologo -v quiet > /dev/null
fi
(cd "$root/web" && [ -d node_modules ] || npm ci --no-audit --no-fund > /dev/null)

postmeter="$out/postmeter/postmeter"
email="bench-$$@example.com"
password="violet staple orbit 93 harbour"
printf '%s\n' "$password" | "$postmeter" users add --workspace "$workspace" --email "$email" --name "Bench" --role viewer --password-stdin
logs="$out/querybench-logs"
mkdir -p "$logs" && touch "$logs/mail.log"
command -v faketime > /dev/null || { echo "faketime is missing: apt-get install faketime" >&2; exit 1; }
end=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["End"][:10])' "$workspace/bench-samples.json")
faketime -f "@$end 08:00:00" "$postmeter" -workspace "$workspace" -watch_dir "$logs" -listen 127.0.0.1:18097 -log_level INFO --data-retention 5y 2> "$out/dashboard-browser.err" &
pid=$!
trap 'kill -TERM $pid 2> /dev/null || true; wait $pid 2> /dev/null || true; "$postmeter" users delete --workspace "$workspace" --email "$email" > /dev/null 2>&1 || true' EXIT
until curl -s -o /dev/null http://127.0.0.1:18097/livez; do
  kill -0 "$pid" 2> /dev/null || { cat "$out/dashboard-browser.err" >&2; exit 1; }
  sleep 1
done
if [ -z "${COLD:-}" ]; then
  until grep -q "dashboard lists of the last 7, 30 and 90 days made" "$out/dashboard-browser.err"; do
    kill -0 "$pid" 2> /dev/null || { cat "$out/dashboard-browser.err" >&2; exit 1; }
    sleep 2
  done
  grep "dashboard lists of the last" "$out/dashboard-browser.err"
fi
last=$(python3 -c 'import json,sys,datetime; e=json.load(open(sys.argv[1]))["End"]; print((datetime.datetime.fromisoformat(e.replace("Z","+00:00"))-datetime.timedelta(days=1)).strftime("%Y-%m-%d"))' "$workspace/bench-samples.json")
(cd "$root/web" && node e2e/dashboard-timing.mjs http://127.0.0.1:18097 "$email" "$password" "$last" "$rounds")
