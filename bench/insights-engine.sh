#!/usr/bin/env bash
# The insights engine over a large workspace: the first walk over its whole history and a live step of every
# detector, timed (bench/Postmeter.QueryBench insights). Builds the workspace once, as query-latency.sh does.
#
# Environment: DELIVERIES (default 2000000), DAYS (90), ITERATIONS (20), WORKSPACE (bench/out/insightbench-ws).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/out"
deliveries=${DELIVERIES:-2000000}
days=${DAYS:-90}
workspace=${WORKSPACE:-"$out/insightbench-ws"}
mkdir -p "$out"
dotnet build "$here/Postmeter.QueryBench" -c Release -nologo -v quiet > /dev/null
bench=("dotnet" "$here/Postmeter.QueryBench/bin/Release/net10.0/Postmeter.QueryBench.dll")
[ -d "$workspace" ] || "${bench[@]}" build "$workspace" "$deliveries" "$days"
"${bench[@]}" insights "$workspace" "${ITERATIONS:-20}"
