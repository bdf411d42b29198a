#!/usr/bin/env bash
# Memory per message in flight: a log of a queue that never drains (make-queue-log.py: every message accepted and
# deferred, none finished) read by streaming `report`, imported with -importonly, then read back with
# `report --workspace` and `messages --workspace`. Prints each run's wall time and peak RSS, and the RSS per message
# in flight (the slope between two queue sizes, so the runtime's fixed cost drops out).
#
# Environment:
#   COPIES   two queue sizes, in copies of the seed-42 queue (275 messages each)  (default "200 1000")
#   NO_BUILD=1  reuse bench/out/postmeter as it is
#   POSTMETER   another build's postmeter.dll to measure (implies NO_BUILD), to compare builds side by side
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$here/out"
read -r small large <<< "${COPIES:-200 1000}"

mkdir -p "$out"
if [ -z "${NO_BUILD:-}" ] && [ -z "${POSTMETER:-}" ]; then
  dotnet publish "$root/src/Postmeter.Server" -c Release -o "$out/postmeter" > /dev/null
fi
postmeter=("dotnet" "${POSTMETER:-$out/postmeter/postmeter.dll}")

peak() { # label, command...: prints "label seconds KiB"
  local label=$1; shift
  /usr/bin/time -f "$label %e %M" "$@" > /dev/null 2> "$out/time.txt" || { cat "$out/time.txt" >&2; exit 1; }
  tail -n 1 "$out/time.txt"
}

declare -A rss
for copies in "$small" "$large"; do
  log_dir="$out/queue-$copies"
  rm -rf "$log_dir" "$out/queue-ws-$copies"
  python3 "$here/make-queue-log.py" --copies "$copies" --out "$log_dir/maillog"
  while read -r label seconds kib; do
    rss["$label,$copies"]=$kib
    printf '%-10s %6s copies: %6.2f s, peak RSS %7.1f MiB\n' "$label" "$copies" "$seconds" "$(echo "$kib / 1024" | bc -l)"
  done < <(
    peak report "${postmeter[@]}" report "$log_dir/maillog"
    peak import "${postmeter[@]}" -workspace "$out/queue-ws-$copies" -watch_dir "$log_dir" -importonly -log_level WARN
    peak report-ws "${postmeter[@]}" report --workspace "$out/queue-ws-$copies"
    peak messages-ws "${postmeter[@]}" messages --workspace "$out/queue-ws-$copies"
  )
done

messages=$(( (large - small) * 275 ))
for label in report import report-ws messages-ws; do
  per=$(( (rss["$label,$large"] - rss["$label,$small"]) * 1024 / messages ))
  printf '%-10s %6d bytes of peak RSS per message in flight\n' "$label" "$per"
done
