#!/usr/bin/env bash
# Start-up time against the size of the audit journal: the standalone jar from `java -jar` to the first 200
# on /q/health/ready with an EMPTY journal directory (A) and with one holding a LINES-line journal (B),
# started in turn A B A B ..., one warm-up start each; medians (min..max) and the B/A ratio pair by pair.
# Target: B within 10% of A (start-up reads the chain head and the unshipped tail, never the history).
#
#   bench/audit-startup.sh [-n RUNS] [-l LINES] [--legacy] [JAR]
#
#   -n RUNS    starts of each (default 10)
#   -l LINES   journal lines for B (default 1000000, ~220 MB), generated once per run of this script with the
#              engine's own journal classes (bench/jmh/target/benchmarks.jar, built if missing)
#   --legacy   B is one file audit-<writer>.log, the layout before segments, linked afresh before every B
#              start (an engine of this version takes it over by renaming it; an older engine reads it whole)
#   JAR        default functions/standalone/target/quarkus-app/quarkus-run.jar (built if missing)
#
# Without PostgreSQL (the standalone default): the journal directory is the trail. Each B start logs how many
# bytes opening the journal read ("bytes read to open"); the summary quotes the last one.
# BENCH_JAVA_OPTS is passed to every JVM; BENCH_PORT_RANGE=18200-18299 picks ports from that range;
# BENCH_KEEP_JOURNAL=1 keeps the generated journal under the output directory (otherwise removed at exit).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=10 lines=1000000 legacy=0 jar=$BENCH_DEFAULT_JAR
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    -l) lines=$2; shift 2 ;;
    --legacy) legacy=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) jar=$1; shift ;;
  esac
done
bench_ensure_jar "$jar"
gen_jar=$BENCH_ROOT/bench/jmh/target/benchmarks.jar
if [ ! -f "$gen_jar" ]; then
  bench_say "bench: building bench/jmh/target/benchmarks.jar (mvn -pl bench/jmh -am package -DskipTests)"
  (cd "$BENCH_ROOT" && mvn -B -ntp -q -pl bench/jmh -am package -DskipTests) || bench_die "build failed"
fi
out=${BENCH_OUT:-$BENCH_ROOT/target/bench/$(date +%Y%m%d-%H%M%S)-audit-startup}
mkdir -p "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

layout=segments
[ "$legacy" = 1 ] && layout=single
master=$out/journal-$lines
bench_say "bench: generating a $lines-line journal ($layout layout) in $master"
java -cp "$gen_jar" com.tradesense.marketdata.bench.audit.AuditJournalGenerator "$master" "$lines" "$layout" | tee "$out/journal.txt" >&2

pid=''
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  [ -n "$pid" ] && { wait "$pid" 2>/dev/null || true; }
  pid=''
}
# the generated journals are large: kept only if asked (BENCH_KEEP_JOURNAL=1)
finish() {
  cleanup
  [ -n "${BENCH_KEEP_JOURNAL:-}" ] || rm -rf "$master" "$out/legacy" "$out/empty"
}
trap finish EXIT
trap 'exit 130' INT TERM

# one_start AUDIT_DIR LOG : sets start_ms (ms to the first 200)
one_start() {
  local port t0 t1 rc=0
  port=$(bench_free_port)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  MDE_AUDIT_DIR="$1" java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$port" -jar "$jar" >"$2" 2>&1 </dev/null &
  pid=$!
  bench_wait_ready "$pid" "$port" "${BENCH_READY_TIMEOUT:-90}" || rc=$?
  t1=$(date +%s%N)
  cleanup
  if [ "$rc" != 0 ]; then tail -n 20 "$2" >&2; bench_die "$jar did not become ready (see $2)"; fi
  start_ms=$(( (t1 - t0) / 1000000 ))
}

# prepare A|B : prints the audit directory of the next start
prepare() {
  if [ "$1" = A ]; then
    rm -rf "$out/empty"; mkdir -p "$out/empty"; echo "$out/empty"
  elif [ "$legacy" = 1 ]; then
    # hard links, not a 220 MB copy whose write-back would slow the start being timed: the engine only
    # renames the file in this directory (nothing is appended at start-up), so the master keeps its name
    rm -rf "$out/legacy"; cp -al "$master" "$out/legacy" 2>/dev/null || cp -r "$master" "$out/legacy"; echo "$out/legacy"
  else
    echo "$master"
  fi
}

one_start "$(prepare A)" "$out/warmup-A.log"
one_start "$(prepare B)" "$out/warmup-B.log"
: >"$out/results.tsv"
for ((i = 1; i <= runs; i++)); do
  for v in A B; do
    d=$(prepare "$v")
    one_start "$d" "$out/run$i-$v.log"
    printf '%s\t%s\t%s\n' "$v" "$i" "$start_ms" >>"$out/results.tsv"
    bench_say "bench: $v run $i: ${start_ms} ms"
  done
done

col() { awk -F'\t' -v v="$1" '$1 == v { print $3 }' "$out/results.tsv"; }
opened=$(grep -o '[0-9]* segment(s), [0-9]* bytes; [0-9]* bytes read to open' "$out/run$runs-B.log" | tail -1 || true)
{
  echo
  echo "Standalone start-up to first 200 on /q/health/ready, $runs runs each, A B A B (median, min..max)"
  echo "jar: ${jar#"$BENCH_ROOT"/}; load average (1, 5, 15 min) before: $load_before"
  printf 'A  empty journal                       %6.0f ms (%s..%s)\n' "$(col A | bench_median)" "$(col A | sort -n | head -1)" "$(col A | sort -n | tail -1)"
  printf 'B  %-34s  %6.0f ms (%s..%s)\n' "$(head -1 "$out/journal.txt" | cut -d' ' -f1-4)" "$(col B | bench_median)" \
    "$(col B | sort -n | head -1)" "$(col B | sort -n | tail -1)"
  r=$(awk -F'\t' '$1 == "A" { a[$2] = $3 } $1 == "B" { b[$2] = $3 }
        END { for (i in a) if ((i in b) && a[i] > 0) printf "%.6g\n", b[i] / a[i] }' "$out/results.tsv" | bench_median)
  printf 'ratio B / A: %.3f (median of paired runs; target <= 1.10)\n' "$r"
  [ -n "$opened" ] && echo "journal of B at its last start: $opened"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "logs: $out"
} | tee "$out/summary.txt"
