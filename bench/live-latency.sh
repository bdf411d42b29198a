#!/usr/bin/env bash
# Live-following latency: a real postmeter follows a directory while real-shaped Postfix lines are appended to
# mail.log at a steady rate (each write stamped with the current time); a reader polls the workspace every 5 ms
# and records, for every write, the time until the workspace counts its lines, and for every message's last line
# (qmgr "removed") the time until that message is found completed through the store. Prints p50/p90/p99/max, the
# follower's CPU and peak RSS, and whether the goal (p99 <= 1 s) is met.
#
# Environment:
#   RATES    lines per second, one run each   (default "1000 5000")
#   DURATION seconds each run appends lines  (default 60)
#   WRITES   writes per second                (default 20)
#   SOURCE   real log to repeat               (default tests/fixtures/realpostfix-seed42/maillog)
#   NO_BUILD=1  reuse bench/out/postmeter as it is
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$here/out"
rates=${RATES:-"1000 5000"}
seconds=${DURATION:-60}
writes=${WRITES:-20}
source_log=${SOURCE:-"$root/tests/fixtures/realpostfix-seed42/maillog"}

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'live-latency: %s\n' "$*" >&2; exit 1; }

command -v python3 > /dev/null || die "python3 is needed to make the log"
[ -f "$source_log" ] || die "source log $source_log not found (set SOURCE)"
mkdir -p "$out"
if [ -z "${NO_BUILD:-}" ]; then
    say "publishing src/Postmeter.Server (Release) to bench/out/postmeter"
    dotnet publish "$root/src/Postmeter.Server" -c Release -o "$out/postmeter" -nologo -v quiet > "$out/publish.log" 2>&1 \
        || { cat "$out/publish.log" >&2; die "dotnet publish failed"; }
fi
postmeter="$out/postmeter/postmeter"
[ -x "$postmeter" ] || die "$postmeter was not built"
say "building bench/Postmeter.LiveLatency (Release)"
dotnet build "$here/Postmeter.LiveLatency" -c Release -nologo -v quiet > "$out/latency-build.log" 2>&1 \
    || { cat "$out/latency-build.log" >&2; die "building the latency driver failed"; }

status=0
for rate in $rates; do
    lines=$((rate * seconds))
    log="$out/live-source-$lines"
    if [ ! -s "$log" ] || [ "$here/make-large-log.py" -nt "$log" ] || [ "$source_log" -nt "$log" ]; then
        say "making $log ($lines lines)"
        python3 "$here/make-large-log.py" --source "$source_log" --lines "$lines" --out "$log"
    fi
    say "following at $rate lines/s for $seconds s"
    dotnet "$here/Postmeter.LiveLatency/bin/Release/net10.0/Postmeter.LiveLatency.dll" \
        --postmeter "$postmeter" --source "$log" --rate "$rate" --seconds "$seconds" --writes-per-second "$writes" || status=1
done
exit $status
