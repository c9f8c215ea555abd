#!/usr/bin/env bash
# Local engine against Spark engine (issue 13): for each size, a synthetic hospital (made once by
# `bin/casebook synth --patients N --seed 1`, kept under WORK), then each engine as a process of its
# own, cold (a new JVM every run), files in the page cache, run as the README runs it and timed by
# /usr/bin/time -v (GNU time): `bin/casebook screen` and `bin/casebook-spark screen --engine spark
# --master MASTER`. Checks that the engines wrote the same files (diff -r), prints wall, CPU
# (user + sys), peak RSS, MB/s and s/GB per run, and an estimate for 10,000,000 patients: the
# largest size's bytes per patient and s/GB scaled linearly (an estimate, not a measurement).
#
#   bench/screen-engines.sh --engine local,spark --patients 10000,100000 [--protocol P] [--master local[2]] [--work DIR]
#
# One run per engine and size (RUNS=3 for the median of three). WORK (default /tmp/casebook-bench-engines)
# keeps the hospitals between runs: 100,000 seed patients are 4.65 GB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engines="local,spark"
sizes="10000,100000"
master="local[2]"
work="${WORK:-/tmp/casebook-bench-engines}"
protocol=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --engine) engines="$2"; shift 2 ;;
    --patients) sizes="$2"; shift 2 ;;
    --master) master="$2"; shift 2 ;;
    --protocol) protocol=(--protocol "$2"); shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "usage: bench/screen-engines.sh [--engine local,spark] [--patients 10000,100000] [--protocol P] [--master URL] [--work DIR]" >&2; exit 2 ;;
  esac
done
runs="${RUNS:-1}"
if [[ ! -x /usr/bin/time ]]; then
  echo "bench/screen-engines.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
mkdir -p "$work"
"$root/bin/casebook" --version >/dev/null          # builds the jar when the sources are newer
"$root/bin/casebook-spark" --version >/dev/null    # builds casebook-spark's class path
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# One run of a command: prints "wall cpu rss_mb" from /usr/bin/time -v.
measure() {
  local log="$work/time.txt"
  /usr/bin/time -v -o "$log" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || { echo "failed: $*" >&2; tail -20 "$work/stderr.txt" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, user + sys, rss }' "$log"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

results="$work/results.txt"
: >"$results"
for size in ${sizes//,/ }; do
  hospital="$work/h$size"
  if [[ ! -f "$hospital/.complete" ]]; then
    rm -rf "$hospital"
    echo "screen-engines: writing a $size-patient hospital to $hospital…" >&2
    "$root/bin/casebook" synth --patients "$size" --seed 1 --out "$hospital" --quiet "${protocol[@]}" >/dev/null
    touch "$hospital/.complete"
  fi
  bytes="$(find "$hospital" -maxdepth 1 -name '*.ndjson*' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')"
  # The page cache, not the JVM, is warmed, when the files fit in memory (else both engines read from disk).
  memory="$(awk '/^MemTotal:/ { printf "%.0f\n", $2 * 1024 }' /proc/meminfo)"
  if awk -v b="$bytes" -v m="$memory" 'BEGIN { exit !(b < m / 2) }'; then
    cat "$hospital"/*.ndjson* >/dev/null 2>&1 || true
  else
    echo "screen-engines: $size patients ($bytes bytes) do not fit in the page cache: read from disk" >&2
  fi
  for engine in ${engines//,/ }; do
    : >"$work/runs.txt"
    for run in $(seq "$runs"); do
      out="$work/out-$engine-$size"
      rm -rf "$out"
      case "$engine" in
        local) cmd=("$root/bin/casebook" screen --fhir "$hospital" --out "$out" --quiet "${protocol[@]}") ;;
        spark) cmd=("$root/bin/casebook-spark" screen --engine spark --master "$master" --fhir "$hospital" --out "$out" --quiet "${protocol[@]}") ;;
        *) echo "unknown engine: $engine (local or spark)" >&2; exit 2 ;;
      esac
      measure "${cmd[@]}" >>"$work/runs.txt"
    done
    read -r wall cpu rss <<<"$(paste <(cut -d' ' -f1 "$work/runs.txt" | median) <(cut -d' ' -f2 "$work/runs.txt" | median) <(cut -d' ' -f3 "$work/runs.txt" | median))"
    echo "$size $bytes $engine $wall $cpu $rss" >>"$results"
  done
  first="$(echo "${engines//,/ }" | cut -d' ' -f1)"
  for engine in ${engines//,/ }; do
    if [[ "$engine" != "$first" ]]; then
      if diff -r "$work/out-$first-$size" "$work/out-$engine-$size" >/dev/null; then same="identical"; else same="DIFFERENT"; fi
      echo "$size patients: $first and $engine outputs $same (diff -r)"
    fi
  done
done

echo "$(nproc) cores; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; $runs cold run(s) each (median); master $master"
printf '| %9s | %7s | %-6s | %8s | %8s | %12s | %7s | %8s | %10s |\n' patients GB engine "wall s" "CPU s" "peak RSS MB" "MB/s" "wall s/GB" "CPU s/GB"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ----------: --------: -------- ---------: ---------: -------------: --------: ----------: -----------:
awk '{ gb = $2 / 1e9; printf "| %9d | %7.2f | %-6s | %8.1f | %8.1f | %12.0f | %7.1f | %9.1f | %10.1f |\n", $1, gb, $3, $4, $5, $6, $2 / 1e6 / $4, $4 / gb, $5 / gb }' "$results"
# 10,000,000 patients: the largest size's bytes per patient and per-GB rates, scaled linearly.
awk 'BEGIN { target = 10000000 }
  { if ($1 >= largest) { largest = $1; bytes = $2; wall[$3] = $4; cpu[$3] = $5; order[$3] = NR } }
  END {
    gb = bytes / largest * target / 1e9
    printf "estimate, not measured: %d patients ≈ %.0f GB (%d-patient run: %.0f bytes per patient)\n", target, gb, largest, bytes / largest
    for (engine in wall) {
      printf "  %-6s ≈ %.1f h wall, %.1f CPU h on this machine (the %d-patient run'"'"'s s/GB × %.0f GB)\n", engine, wall[engine] / (bytes / 1e9) * gb / 3600, cpu[engine] / (bytes / 1e9) * gb / 3600, largest, gb
    }
  }' "$results"
