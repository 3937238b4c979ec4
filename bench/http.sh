#!/usr/bin/env bash
# HTTP load on one endpoint of the standalone engine against a baseline endpoint measured in the same run.
#
#   bench/http.sh <path> [<baseline path>|none]
#   bench/http.sh /api/v1/markets/NYSE/status                      # baseline: /api/v1/bench/constant
#   bench/http.sh '/api/v1/bars/AAPL?interval=1d&range=1y' /api/v1/bench/naive-bars
#
# Starts functions/standalone/target/bench-app/quarkus-run.jar (the standalone application plus the baseline
# endpoints of bench/baseline, built with -Pbench if missing; the production jar never holds them) on a free
# port with MDE_BENCH_BASELINE=true (which enables GET /api/v1/bench/constant), waits for /q/health/ready,
# warms up, then runs wrk on the baseline and the endpoint in turn (A/B, the order swapped every round)
# at each connection count, and prints req/s, p50 and p99 per endpoint (median over the rounds) and the
# endpoint/baseline ratios (median of the per-round ratios). The engine is stopped on exit.
#
# Settings (environment):
#   BENCH_JAR=<jar>           engine to start                    BENCH_URL=http://host:port  use a running server
#   BENCH_CONNS="16 64"       wrk -c values                      BENCH_THREADS=2        wrk -t
#   BENCH_DURATION=15s        wrk -d per measurement             BENCH_ROUNDS=2         A/B rounds
#   BENCH_WARMUP=10s          wrk -d of the warm-up per endpoint BENCH_JAVA_OPTS=...    JVM options
#   BENCH_RATE=<req/s>        also a paced run at -c16 (wrk pauses between requests; the rate is approximate,
#                             and is printed as measured)
#   BENCH_OUT=<dir>           raw wrk outputs and the engine log (default target/bench/<time>-http)
#   BENCH_RATELIMIT_CLIENT=1000000000/1m   the inbound limits the engine runs with (one wrk client would
#                             hit the defaults at once); BENCH_RATELIMIT_ENABLED=false turns the filter off
#   BENCH_API_KEY=mde-demo-key  the API key exchanged for the bearer token every request carries (security is
#                             measured as deployed); BENCH_TOKEN=<jwt> to bring one; BENCH_AUTH_ENABLED=false: no auth
# wrk and the engine share this machine's cores: compare ratios within a run, not absolute figures across runs.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -ge 1 ] && [ $# -le 2 ] && [ "${1#/}" != "$1" ] || bench_die "usage: bench/http.sh <path> [<baseline path>|none]"
target=$1
baseline=${2:-/api/v1/bench/constant}
case "$baseline" in none|-|'') baseline='' ;; esac

conns=${BENCH_CONNS:-16 64}
threads=${BENCH_THREADS:-2}
duration=${BENCH_DURATION:-15s}
rounds=${BENCH_ROUNDS:-2}
warmup=${BENCH_WARMUP:-10s}
out=${BENCH_OUT:-$BENCH_ROOT/target/bench/$(date +%Y%m%d-%H%M%S)-http}
mkdir -p "$out"

bench_need_pkg wrk wrk
bench_need_pkg curl curl

engine_pid=''
stop_engine() {
  if [ -n "$engine_pid" ] && kill -0 "$engine_pid" 2>/dev/null; then
    kill "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$engine_pid" 2>/dev/null || true
    wait "$engine_pid" 2>/dev/null || true
  fi
  engine_pid=''
}
trap stop_engine EXIT
trap 'exit 130' INT TERM

if [ -n "${BENCH_URL:-}" ]; then
  base=${BENCH_URL%/}
  bench_say "bench: using the running server at $base"
else
  # the baseline endpoints are only in the jar built with -Pbench (the same application otherwise)
  jar=${BENCH_JAR:-$BENCH_BASELINE_JAR}
  bench_ensure_jar "$jar"
  port=$(bench_free_port)
  base=http://127.0.0.1:$port
  # shellcheck disable=SC2086
  # wrk is one client making many requests: give it a plan far above the default inbound limits (the
  # filter still runs and is measured); BENCH_RATELIMIT_ENABLED=false takes the filter out altogether.
  MDE_RATELIMIT_ENABLED=${BENCH_RATELIMIT_ENABLED:-true} \
  MDE_RATELIMIT_INBOUND_CLIENT=${BENCH_RATELIMIT_CLIENT:-1000000000/1m} \
  MDE_RATELIMIT_INBOUND_SYMBOL=${BENCH_RATELIMIT_CLIENT:-1000000000/1m} \
  MDE_RATELIMIT_INBOUND_MARKET=${BENCH_RATELIMIT_CLIENT:-1000000000/1m} \
  MDE_RATELIMIT_INBOUND_PRO=${BENCH_RATELIMIT_CLIENT:-1000000000/1m} \
  MDE_AUTH_ENABLED=${BENCH_AUTH_ENABLED:-true} MDE_AUTH_ACCESS_TOKEN_TTL=4h \
  MDE_BENCH_BASELINE=true QUARKUS_HTTP_PORT=$port \
    java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$port" -jar "$jar" >"$out/engine.log" 2>&1 </dev/null &
  engine_pid=$!
  bench_say "bench: started $(basename "$jar") (pid $engine_pid) on $base, log $out/engine.log"
  if ! bench_wait_ready "$engine_pid" "$port" "${BENCH_READY_TIMEOUT:-90}"; then
    tail -n 30 "$out/engine.log" >&2
    bench_die "engine not ready on $base/q/health/ready"
  fi
fi

# one bearer token for the whole run (the engine verifies it on every request, as in production)
token=${BENCH_TOKEN:-}
if [ -z "$token" ] && [ "${BENCH_AUTH_ENABLED:-true}" != false ]; then
  token=$(curl -s -X POST -H "X-API-Key: ${BENCH_API_KEY:-mde-demo-key}" "$base/api/v1/auth/token" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' || true)
  [ -n "$token" ] || bench_say "bench: no access token from $base/api/v1/auth/token: requests go without one"
fi
auth=()
[ -n "$token" ] && auth=(-H "Authorization: Bearer $token")

paths=()
[ -n "$baseline" ] && paths+=("$baseline")
paths+=("$target")
for p in "${paths[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base$p" || true)
  if [ "$code" != 200 ]; then
    hint=''
    [ "$p" = /api/v1/bench/constant ] && hint=" (served only by the -Pbench jar with MDE_BENCH_BASELINE=true, which this script sets; BENCH_JAR set to another jar?)"
    bench_die "GET $p answered $code, not 200$hint"
  fi
done

slug() { printf '%s' "$1" | tr -c 'A-Za-z0-9' '_' | cut -c1-60; }

# run_wrk PATH CONNS DURATION FILE [LUA] : runs wrk, writes its output to FILE
run_wrk() {
  local lua=()
  [ -n "${5:-}" ] && lua=(-s "$5")
  wrk -t"$threads" -c"$2" -d"$3" --latency "${auth[@]}" "${lua[@]}" "$base$1" >"$4" 2>&1 || { cat "$4" >&2; bench_die "wrk failed on $1"; }
}

# parse FILE : prints "req_s p50_ms p99_ms non2xx socket_errors"
parse() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /^ +50% / { p50 = ms($2) } /^ +99% / { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
    END { printf "%s %.3f %.3f %d %d\n", rps, p50, p99, bad, err }' "$1"
}

bench_say "bench: warm-up ($warmup per endpoint)"
for p in "${paths[@]}"; do run_wrk "$p" 64 "$warmup" "$out/warmup-$(slug "$p").txt"; done

results=$out/results.tsv   # round conns path req_s p50 p99 non2xx errors
: >"$results"
for ((r = 1; r <= rounds; r++)); do
  for c in $conns; do
    order=("${paths[@]}")
    if [ $((r % 2)) = 0 ] && [ ${#paths[@]} = 2 ]; then order=("${paths[1]}" "${paths[0]}"); fi
    for p in "${order[@]}"; do
      f="$out/r$r-c$c-$(slug "$p").txt"
      bench_say "bench: round $r/$rounds  -c$c  $p"
      run_wrk "$p" "$c" "$duration" "$f"
      printf '%s\t%s\t%s\t%s\n' "$r" "$c" "$p" "$(parse "$f" | tr ' ' '\t')" >>"$results"
    done
  done
done

if [ -n "${BENCH_RATE:-}" ]; then
  # wrk has no fixed-rate mode: each of the 16 connections waits 16/rate s after each response.
  pace_lua=$out/pace.lua
  awk -v rate="$BENCH_RATE" 'BEGIN { printf "function delay() return %d end\n", 16 * 1000 / rate }' >"$pace_lua"
  for p in "${paths[@]}"; do
    f="$out/paced-c16-$(slug "$p").txt"
    bench_say "bench: paced ~${BENCH_RATE} req/s  -c16  $p"
    run_wrk "$p" 16 "$duration" "$f" "$pace_lua"
    printf '%s\t%s\t%s\t%s\n' paced 16 "$p" "$(parse "$f" | tr ' ' '\t')" >>"$results"
  done
fi

rss=''
[ -n "$engine_pid" ] && rss=$(( $(bench_rss_kb "$engine_pid") / 1024 ))

med() {  # med ROUNDSEL CONNS PATH COLUMN
  awk -F'\t' -v r="$1" -v c="$2" -v p="$3" -v k="$4" \
    '(r == "all" ? $1 != "paced" : $1 == r) && $2 == c && $3 == p { print $k }' "$results" | bench_median
}
sum() {
  awk -F'\t' -v r="$1" -v c="$2" -v p="$3" -v k="$4" \
    '(r == "all" ? $1 != "paced" : $1 == r) && $2 == c && $3 == p { s += $k } END { print s + 0 }' "$results"
}
ratio() {  # ratio CONNS COLUMN : median over rounds of target/baseline
  awk -F'\t' -v c="$1" -v k="$2" -v t="$target" -v b="$baseline" '
    $1 != "paced" && $2 == c && $3 == t { tv[$1] = $k }
    $1 != "paced" && $2 == c && $3 == b { bv[$1] = $k }
    END { for (r in tv) if ((r in bv) && bv[r] > 0) printf "%.6g\n", tv[r] / bv[r] }' "$results" | bench_median
}

{
  echo
  echo "HTTP benchmark: wrk -t$threads -d$duration --latency, $rounds round(s), median over rounds$( [ -n "$rss" ] && echo ", engine RSS after the runs ${rss} MB")"
  printf '%-44s %5s %10s %9s %9s %8s %7s\n' endpoint conns 'req/s' 'p50 ms' 'p99 ms' 'non-2xx' errors
  for c in $conns; do
    for p in "${paths[@]}"; do
      printf '%-44s %5s %10.0f %9.3f %9.3f %8d %7d\n' "$p" "$c" "$(med all "$c" "$p" 4)" "$(med all "$c" "$p" 5)" \
        "$(med all "$c" "$p" 6)" "$(sum all "$c" "$p" 7)" "$(sum all "$c" "$p" 8)"
    done
  done
  if [ -n "${BENCH_RATE:-}" ]; then
    for p in "${paths[@]}"; do
      printf '%-44s %5s %10.0f %9.3f %9.3f %8d %7d\n' "$p" "16 paced" "$(med paced 16 "$p" 4)" "$(med paced 16 "$p" 5)" \
        "$(med paced 16 "$p" 6)" "$(sum paced 16 "$p" 7)" "$(sum paced 16 "$p" 8)"
    done
  fi
  if [ -n "$baseline" ]; then
    echo
    echo "ratio $target / $baseline (median of per-round ratios):"
    for c in $conns; do
      printf '  -c%-4s req/s %.2f   p50 %.2f   p99 %.2f\n' "$c" "$(ratio "$c" 4)" "$(ratio "$c" 5)" "$(ratio "$c" 6)"
    done
  fi
  echo
  echo "raw wrk outputs: $out"
} | tee "$out/summary.txt"
