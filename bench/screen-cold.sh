#!/usr/bin/env bash
# Whole-process screening benchmark (issue 12): each reader runs as a process of its own, cold (a new
# JVM every run), files in the page cache, timed by /usr/bin/time -v (GNU time; Debian/Ubuntu package
# `time`). Prints wall, CPU (user + sys) and peak RSS per reader, the median of RUNS runs, and how many
# times faster casebook screen is than each baseline (wall and CPU, ratio of the medians).
#
#   bench/screen-cold.sh EXTRACT [casebook screen options, e.g. --protocol P]
#   RUNS=5 bench/screen-cold.sh /tmp/h100k
#
# Readers: `bin/casebook screen` exactly as the README runs it; the Jackson parse floor (every line of
# every file tokenized by one thread, org.casebook.screening.bench.JacksonParseFloor) and DuckDB
# (read_ndjson_objects + the seed criteria as SQL, casebook-bench's DuckDbSqlBaseline), each run by
# org.casebook.screening.bench.RunBaseline in a plain `java` (the JVM's defaults; BASELINE_JAVA_OPTS
# to change). DuckDB needs the casebook-bench module (built here with Maven, offline when
# MAVEN_OFFLINE=1). BASELINES="floor" (or "") leaves DuckDB (or both) out; CASEBOOK="java -jar old.jar"
# times another build's screen (default: bin/casebook). Before the timed runs, screen runs once untimed:
# the first run after a build records bin/casebook's class-data archive.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 1 ]]; then
  echo "usage: bench/screen-cold.sh EXTRACT [casebook screen options]" >&2
  exit 2
fi
extract="$(cd "$1" && pwd)"
shift
runs="${RUNS:-3}"
if [[ ! -x /usr/bin/time ]]; then
  echo "bench/screen-cold.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
jar="$root/casebook-cli/target/casebook.jar"
"$root/bin/casebook" --version >/dev/null   # builds the jar when the sources are newer
classpath="$root/casebook-bench/target/classpath.txt"
baselines="${BASELINES-floor duckdb}"
casebook=(${CASEBOOK:-$root/bin/casebook})
if [[ "$baselines" == *duckdb* ]]; then
  if [[ ! -f "$classpath" ]] || [[ -n "$(find "$root" -path "$root/*/src/main/*" -newer "$classpath" -print -quit 2>/dev/null)" ]]; then
    echo "screen-cold: building casebook-bench (mvn compile)…" >&2
    (cd "$root" && mvn -q -B ${MAVEN_OFFLINE:+-o} -pl casebook-bench -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2)
    touch "$classpath"   # Maven leaves an unchanged class path file's time as it was
  fi
  bench_cp="$root/casebook-bench/target/classes:$root/casebook-screening/target/classes:$(cat "$classpath")"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The page cache, not the JVM, is warmed.
cat "$extract"/*.ndjson* >/dev/null 2>&1 || true
size_mb="$(du -smL "$extract" --exclude=expected | cut -f1)"

# One run of a command: prints "wall cpu rss_mb" from /usr/bin/time -v.
measure() {
  local log="$work/time.txt"
  /usr/bin/time -v -o "$log" "$@" >"$work/out.txt" 2>"$work/err.txt" || { echo "failed: $*" >&2; cat "$work/err.txt" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, user + sys, rss }' "$log"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A wall cpu rss note
readers=(screen $baselines)
for reader in "${readers[@]}"; do
  : >"$work/$reader.txt"
done
rm -rf "$work/out"; "${casebook[@]}" screen --extract "$extract" --out "$work/out" --quiet "$@" >/dev/null
for run in $(seq "$runs"); do
  for reader in "${readers[@]}"; do
    case "$reader" in
      screen) rm -rf "$work/out"; cmd=("${casebook[@]}" screen --extract "$extract" --out "$work/out" --quiet "$@") ;;
      floor) cmd=(java ${BASELINE_JAVA_OPTS:-} -cp "$jar" org.casebook.screening.bench.RunBaseline org.casebook.screening.bench.JacksonParseFloor "$extract") ;;
      duckdb) cmd=(java ${BASELINE_JAVA_OPTS:-} -cp "$bench_cp" org.casebook.screening.bench.RunBaseline org.casebook.bench.DuckDbSqlBaseline "$extract") ;;
    esac
    measure "${cmd[@]}" >>"$work/$reader.txt"
    case "$reader" in
      screen) note[$reader]="$(grep -o '"included" : [0-9]*' "$work/out/flow.json" | head -1 | tr -d '"')" ;;
      *) note[$reader]="$(tail -1 "$work/out.txt")" ;;
    esac
  done
done
for reader in "${readers[@]}"; do
  wall[$reader]="$(cut -d' ' -f1 "$work/$reader.txt" | median)"
  cpu[$reader]="$(cut -d' ' -f2 "$work/$reader.txt" | median)"
  rss[$reader]="$(cut -d' ' -f3 "$work/$reader.txt" | median)"
done
declare -A names=([screen]="casebook screen" [floor]="Jackson parse floor (1 thread)" [duckdb]="DuckDB SQL (2 threads)")
echo "extract: $extract ($size_mb MB), $runs cold run(s) each, median; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-31s | %7s | %7s | %12s | %15s | %14s | %s |\n' reader "wall s" "CPU s" "peak RSS MB" "screen × (wall)" "screen × (CPU)" note
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "---------------------------------" ---------- --------- -------------- ----------------- ---------------- ------
for reader in "${readers[@]}"; do
  printf '| %-31s | %7.2f | %7.2f | %12.0f | %15.2f | %14.2f | %s |\n' "${names[$reader]}" "${wall[$reader]}" "${cpu[$reader]}" "${rss[$reader]}" \
    "$(awk "BEGIN { print ${wall[$reader]} / ${wall[screen]} }")" "$(awk "BEGIN { print ${cpu[$reader]} / ${cpu[screen]} }")" "${note[$reader]}"
done
