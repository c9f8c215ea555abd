#!/usr/bin/env bash
# Whole-process analysis and report benchmark (issue 12): `casebook analyze` and `casebook report` of
# generated series (the demo's patients repeated and jittered, `casebook bench report --workbook-only`),
# each run as a process of its own, cold, the way bin/casebook runs it (C1 only, class-data archive)
# with a stated heap limit, timed by /usr/bin/time -v (GNU time; Debian/Ubuntu package `time`).
# Prints wall, CPU (user + sys) and peak RSS of each run with the load average before it.
#
#   bench/report-cold.sh [PATIENTS ...]            default: 500 10000 100000
#   HEAP=1g RUNS=1 WORK=/tmp/report-bench bench/report-cold.sh 100000
#
# The generated workbooks are kept in WORK (default: casebook-out/report-bench) and reused; writing one of
# 100,000 patients builds it in memory first, so the generator runs with GEN_HEAP (default 4g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(500 10000 100000)
heap="${HEAP:-1g}"
runs="${RUNS:-1}"
work="${WORK:-$root/casebook-out/report-bench}"
if [[ ! -x /usr/bin/time ]]; then
  echo "bench/report-cold.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
"$root/bin/casebook" --version >/dev/null   # builds the jar when the sources are newer
mkdir -p "$work"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# One run: prints "wall cpu rss_mb" from /usr/bin/time -v.
measure() {
  /usr/bin/time -v -o "$log" "$@" >"$work/last.out" 2>"$work/last.err" || { echo "failed: $*" >&2; tail -5 "$work/last.err" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%8.1f %8.1f %9.0f\n", wall, user + sys, rss }' "$log"
}

opts="-XX:TieredStopAtLevel=1 -Xmx$heap"
# report runs on the serial collector with a larger old generation, and both on transparent huge pages
# where the kernel offers them, as bin/casebook runs them
report_opts="$opts -XX:+UseSerialGC -XX:NewRatio=5"
thp=""
read -r thp </sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true
if [[ "$thp" == *"[always]"* || "$thp" == *"[madvise]"* ]]; then
  opts="$opts -XX:+UseTransparentHugePages"
  report_opts="$report_opts -XX:+UseTransparentHugePages"
fi
printf '%-9s %-8s %-4s %8s %8s %9s %6s\n' patients command run "wall s" "CPU s" "RSS MB" load
for n in "${sizes[@]}"; do
  cases="$work/cases-$n"
  if [[ ! -d "$cases" ]]; then
    CASEBOOK_JAVA_OPTS="-XX:TieredStopAtLevel=1 -Xmx${GEN_HEAP:-4g}" "$root/bin/casebook" bench report --patients "$n" --out "$work" --workbook-only >/dev/null
  fi
  # untimed, on the demo's six patients: the first run of a command after a build records bin/casebook's class-data archive
  CASEBOOK_JAVA_OPTS="$opts" "$root/bin/casebook" analyze --cases "$work/demo-cases" >/dev/null 2>&1
  CASEBOOK_JAVA_OPTS="$report_opts" "$root/bin/casebook" report --cases "$work/demo-cases" --out "$work/report-warm-up" >/dev/null 2>&1
  for run in $(seq 1 "$runs"); do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    printf '%-9s %-8s %-4s %s %6s\n' "$n" analyze "$run" "$(CASEBOOK_JAVA_OPTS="$opts" measure "$root/bin/casebook" analyze --cases "$cases" --json "$work/results-$n.json")" "$load"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    printf '%-9s %-8s %-4s %s %6s\n' "$n" report "$run" "$(CASEBOOK_JAVA_OPTS="$report_opts" measure "$root/bin/casebook" report --cases "$cases" --out "$work/report-$n")" "$load"
  done
done
echo "heap limit: -Xmx$heap; bin/casebook's options: $opts (report: $report_opts); workbooks and outputs in $work"
