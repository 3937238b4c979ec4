#!/usr/bin/env bash
# Start-up time: from `java -jar` to the first 200 on /q/health/ready, and the RSS at that moment.
#
#   bench/startup.sh [-n RUNS] [JAR ...]     median (min..max) of RUNS starts per jar (default 10),
#                                            jars started in turn (A B A B ...), one warm-up start each
#   bench/startup.sh --once [JAR]            one start; prints "<ms> <rss_kb>" and exits (for an outside
#                                            timer such as hyperfine or /usr/bin/time -v)
#
# JAR defaults to functions/standalone/target/quarkus-app/quarkus-run.jar (built first if missing). Give a
# second jar (e.g. a trivial Quarkus app) to get the ratio against it in the same run (target: <= 2x).
# BENCH_JAVA_OPTS is passed to every JVM (e.g. -XX:SharedArchiveFile=app.jsa for AppCDS).
# Readiness is polled every ~5 ms over a plain socket (no curl fork per poll).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=10 once=0 jars=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --once) once=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) jars+=("$1"); shift ;;
  esac
done
[ ${#jars[@]} -gt 0 ] || jars=("$BENCH_DEFAULT_JAR")
for j in "${jars[@]}"; do bench_ensure_jar "$j"; done
out=${BENCH_OUT:-$BENCH_ROOT/target/bench/$(date +%Y%m%d-%H%M%S)-startup}
mkdir -p "$out"

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
trap cleanup EXIT
trap 'exit 130' INT TERM

# one_start JAR LOG : sets start_ms (ms to the first 200) and start_rss (RSS in kB at that moment)
one_start() {
  local port t0 t1 rc=0
  port=$(bench_free_port)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$port" -jar "$1" >"$2" 2>&1 </dev/null &
  pid=$!
  bench_wait_ready "$pid" "$port" "${BENCH_READY_TIMEOUT:-90}" || rc=$?
  t1=$(date +%s%N)
  start_rss=$(bench_rss_kb "$pid")
  cleanup
  if [ "$rc" != 0 ]; then tail -n 20 "$2" >&2; bench_die "$1 did not become ready (see $2)"; fi
  start_ms=$(( (t1 - t0) / 1000000 ))
}

if [ "$once" = 1 ]; then
  one_start "${jars[0]}" "$out/once.log"
  echo "$start_ms $start_rss"
  exit 0
fi

for j in "${jars[@]}"; do one_start "$j" "$out/warmup.log"; done   # page cache, JIT-free warm-up
: >"$out/results.tsv"
for ((i = 1; i <= runs; i++)); do
  for k in "${!jars[@]}"; do
    one_start "${jars[$k]}" "$out/run$i-$k.log"
    ms=$start_ms rss=$start_rss
    printf '%s\t%s\t%s\t%s\n' "$k" "$i" "$ms" "$rss" >>"$out/results.tsv"
    bench_say "bench: ${jars[$k]#"$BENCH_ROOT"/} run $i: ${ms} ms, RSS $((rss / 1024)) MB"
  done
done

col() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k { print $c }' "$out/results.tsv"; }
{
  echo
  echo "Start-up to first 200 on /q/health/ready, $runs runs each (median, min..max)"
  printf '%-70s %16s %18s\n' jar 'ready ms' 'RSS at ready MB'
  for k in "${!jars[@]}"; do
    ms_med=$(col "$k" 3 | bench_median); rss_med=$(col "$k" 4 | bench_median)
    printf '%-70s %6.0f (%s..%s) %6.0f (%s..%s)\n' "${jars[$k]#"$BENCH_ROOT"/}" "$ms_med" \
      "$(col "$k" 3 | sort -n | head -1)" "$(col "$k" 3 | sort -n | tail -1)" "$(awk -v v="$rss_med" 'BEGIN{print v/1024}')" \
      "$(( $(col "$k" 4 | sort -n | head -1) / 1024 ))" "$(( $(col "$k" 4 | sort -n | tail -1) / 1024 ))"
  done
  if [ ${#jars[@]} -ge 2 ]; then
    # ratio of the first jar to each other one, pair by pair (same run index), median
    for ((k = 1; k < ${#jars[@]}; k++)); do
      r=$(awk -F'\t' -v k="$k" '$1 == 0 { a[$2] = $3 } $1 == k { b[$2] = $3 }
            END { for (i in a) if ((i in b) && b[i] > 0) printf "%.6g\n", a[i] / b[i] }' "$out/results.tsv" | bench_median)
      printf 'ratio %s / %s: %.2f (median of paired runs)\n' "$(basename "${jars[0]}")" "${jars[$k]#"$BENCH_ROOT"/}" "$r"
    done
  fi
  echo "logs: $out"
} | tee "$out/summary.txt"
