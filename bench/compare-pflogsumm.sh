#!/usr/bin/env bash
# Whole-process benchmark against `pflogsumm FILE` on large real-shaped logs, of either
#   MODE=report (default): `postmeter report FILE --format text`, or
#   MODE=import:           `postmeter -workspace WS -watch_dir DIR -importonly` into a fresh workspace each run
#                          (DIR holds the log as `maillog`); the workspace size is reported per million lines.
#
# Builds postmeter (Release publish into bench/out/postmeter), makes the logs with make-large-log.py into bench/out/
# (kept between runs, remade when the generator or its source log changes), then times both tools on each log in
# the same run: RUNS runs each, alternating which tool goes first, best wall time and its peak RSS kept.
#
# Environment:
#   SIZES   line counts of the logs        (default "1500000 6000000")
#   RUNS    runs per tool and log          (default 2)
#   SOURCE  real log to repeat             (default tests/fixtures/realpostfix-seed42/maillog)
#   NO_BUILD=1  reuse bench/out/postmeter as it is
#
# The table keeps each tool's best wall time (and that run's peak RSS and user+system CPU seconds). On a shared
# machine compare the cpu column too: a loaded machine stretches wall times, much less CPU time.
#
# Targets (report): postmeter throughput >= 5x pflogsumm's; peak RSS <= 100 MiB and not growing with the log size.
# Targets (import): postmeter throughput >= 2x pflogsumm's; peak RSS <= 200 MiB and not growing with the log size.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$here/out"
sizes=${SIZES:-"1500000 6000000"}
runs=${RUNS:-2}
source_log=${SOURCE:-"$root/tests/fixtures/realpostfix-seed42/maillog"}
mode=${MODE:-report}
case $mode in
    report) min_ratio=5; max_rss=100 ;;
    import) min_ratio=2; max_rss=200 ;;
    *) printf 'compare-pflogsumm: MODE must be report or import, not %s\n' "$mode" >&2; exit 1 ;;
esac

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'compare-pflogsumm: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo > /dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}

installed_any=
need_package() { # need_package COMMAND-PATH PACKAGE
    if [ ! -x "$1" ] && ! command -v "$1" > /dev/null 2>&1; then
        say "installing $2"
        if [ -z "$installed_any" ]; then as_root apt-get update -qq; installed_any=1; fi
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" > /dev/null
    fi
}

need_package pflogsumm pflogsumm
need_package /usr/bin/time time
command -v python3 > /dev/null || die "python3 is needed to make the logs"
command -v dotnet > /dev/null || die "the .NET SDK (dotnet) is needed to build postmeter"
[ -f "$source_log" ] || die "source log $source_log not found (set SOURCE)"

mkdir -p "$out"
postmeter="$out/postmeter/postmeter"
if [ -z "${NO_BUILD:-}" ]; then
    say "publishing src/Postmeter.Server (Release) to bench/out/postmeter"
    dotnet publish "$root/src/Postmeter.Server" -c Release -o "$out/postmeter" -nologo -v quiet > "$out/publish.log" 2>&1 \
        || { cat "$out/publish.log" >&2; die "dotnet publish failed"; }
fi
[ -x "$postmeter" ] || die "$postmeter was not built"
"$postmeter" report --help > /dev/null 2>&1 || die "$postmeter has no 'report' command yet"

logs=()
for lines in $sizes; do
    log="$out/maillog-$lines"
    if [ ! -s "$log" ] || [ "$here/make-large-log.py" -nt "$log" ] || [ "$source_log" -nt "$log" ]; then
        say "making $log ($lines lines)"
        python3 "$here/make-large-log.py" --source "$source_log" --lines "$lines" --out "$log"
    fi
    logs+=("$log")
done

# measure TOOL LOG: runs the tool once, prints "wall-seconds max-rss-kib cpu-seconds".
measure() {
    local tool=$1 log=$2 stats="$out/time.$$"
    local -a command
    case $tool in
        pflogsumm) command=(pflogsumm "$log") ;;
        postmeter)
            if [ "$mode" = import ]; then
                local dir="$out/watch-$(basename "$log")"
                rm -rf "$dir" "$out/workspace"
                mkdir -p "$dir"
                ln "$log" "$dir/maillog"
                # The generated log spans years (a day per repetition): keep it all, so the run measures importing.
                command=("$postmeter" -workspace "$out/workspace" -watch_dir "$dir" -importonly -log_level WARN -data_retention_duration 100y)
            else
                command=("$postmeter" report "$log" --format text)
            fi ;;
    esac
    if ! /usr/bin/time -v -o "$stats" "${command[@]}" > /dev/null 2> "$out/$tool.stderr"; then
        cat "$out/$tool.stderr" "$stats" >&2
        die "$tool failed on $log"
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
        /Maximum resident set size/ { rss = $2 }
        /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
        END { printf "%.3f %d %.2f\n", s, rss, cpu }' "$stats"
    rm -f "$stats"
}

results="$out/results.tsv"
: > "$results"
loads=()
for log in "${logs[@]}"; do
    lines=$(wc -l < "$log")
    cat "$log" > /dev/null # same warm page cache for both tools
    declare -A best_s=() best_rss=() best_cpu=()
    for ((run = 1; run <= runs; run++)); do
        if ((run % 2)); then order=(pflogsumm postmeter); else order=(postmeter pflogsumm); fi
        for tool in "${order[@]}"; do
            load=$(cut -d' ' -f1 /proc/loadavg)
            read -r seconds rss cpu < <(measure "$tool" "$log")
            if [ "$tool" = postmeter ] && [ "$mode" = import ]; then
                du -sk "$out/workspace" | cut -f1 > "$out/workspace-kib-$(basename "$log")"
            fi
            say "$(basename "$log") run $run: $tool ${seconds}s (cpu ${cpu}s), peak RSS $((rss / 1024)) MiB, load before $load"
            loads+=("$load")
            if [ -z "${best_s[$tool]:-}" ] || awk -v a="$seconds" -v b="${best_s[$tool]}" 'BEGIN { exit !(a < b) }'; then
                best_s[$tool]=$seconds
                best_rss[$tool]=$rss
                best_cpu[$tool]=$cpu
            fi
        done
    done
    for tool in pflogsumm postmeter; do
        printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$lines" "${best_s[$tool]}" "${best_rss[$tool]}" "${best_cpu[$tool]}" >> "$results"
    done
    if [ "$mode" = import ]; then
        kib=$(cat "$out/workspace-kib-$(basename "$log")")
        say "$(basename "$log"): workspace $((kib / 1024)) MiB, $(awk -v k="$kib" -v l="$lines" 'BEGIN { printf "%.1f", k / 1024 / (l / 1000000) }') MiB per million lines"
    fi
    unset best_s best_rss best_cpu
done

echo
awk -F'\t' -v loads="${loads[*]}" -v cores="$(nproc)" -v mode="$mode" -v min_ratio="$min_ratio" -v max_rss="$max_rss" '
    {
        tool[NR] = $1; lines[NR] = $2; secs[NR] = $3; rss[NR] = $4 / 1024; cpu[NR] = $5
        rate[NR] = secs[NR] > 0 ? $2 / secs[NR] : 0
        if ($1 == "pflogsumm") base[$2] = rate[NR]
        if ($1 == "postmeter") { pm_rss[$2] = rss[NR]; if (first == "") first = $2; last = $2 }
    }
    END {
        printf "%-10s %10s %9s %12s %14s %22s %9s\n", "tool", "lines", "seconds", "lines/s", "peak RSS MiB", "postmeter/pflogsumm", "cpu s"
        ok = 1
        for (i = 1; i <= NR; i++) {
            ratio = ""
            if (tool[i] == "postmeter" && base[lines[i]] > 0) {
                r = rate[i] / base[lines[i]]; ratio = sprintf("%.2fx", r)
                if (r < min_ratio) ok = 0
                if (rss[i] > max_rss) ok = 0
            }
            printf "%-10s %10d %9.2f %12.0f %14.1f %22s %9.2f\n", tool[i], lines[i], secs[i], rate[i], rss[i], ratio, cpu[i]
        }
        print ""
        printf "targets (%s): postmeter >= %dx pflogsumm throughput, peak RSS <= %d MiB, RSS not growing with size\n", mode, min_ratio, max_rss
        if (first != last) {
            growth = pm_rss[last] - pm_rss[first]
            printf "postmeter peak RSS %d -> %d lines: %.1f -> %.1f MiB (%+.1f MiB)\n", first, last, pm_rss[first], pm_rss[last], growth
            # Allow 10% noise between runs before calling it growth.
            if (growth > pm_rss[first] * 0.10) ok = 0
        }
        print (ok ? "result: all targets met" : "result: TARGETS MISSED")
        n = split(loads, l, " "); max = 0
        for (i = 1; i <= n; i++) if (l[i] + 0 > max) max = l[i] + 0
        if (max > cores * 0.75)
            printf "note: the 1-minute load average reached %.1f on %d cores during the runs; wall times are inflated, compare cpu s\n", max, cores
    }' "$results"
