#!/usr/bin/env bash
# What authentication costs on the wire: the same endpoints of the standalone engine with security on, as
# deployed (a bearer JWT; the API key itself in X-API-Key), against a second engine of the same jar with
# security off, started in the same run. Target (BENCHMARKS.md): auth-on / auth-off >= 0.9, and cached
# one-year daily OHLCV >= 25k req/s at -c64 with auth on (on a quiet 2-core machine).
#
#   bench/auth.sh
#   BENCH_DURATION=20s BENCH_ROUNDS=3 bench/auth.sh
#
# Starts functions/standalone/target/quarkus-app/quarkus-run.jar twice (built first if missing) on free ports
# in BENCH_PORTS (18100-18199): "on" with MDE_AUTH_ENABLED=true and "off" with MDE_AUTH_ENABLED=false, both with
# the inbound rate limits on and a client plan far above the defaults (wrk is one client), as bench/http.sh does.
# On "on" it creates a pro API key through the admin API (mde_..., 256 random bits, as issued to customers) and
# exchanges it for an access token. Then, after a warm-up, for each round, connection count and endpoint, wrk
# measures in turn (the order rotated every round):
#   jwt   engine "on",  Authorization: Bearer <access token>
#   key   engine "on",  X-API-Key: <API key>
#   off   engine "off", no credential
# and prints req/s, p50, p99 per case (median over rounds), the ratios jwt/off and key/off (median of the
# per-round ratios), and the machine's load average (uptime) before and after: wrk and both engines share this
# machine's cores, so compare ratios within a run, not absolute figures across runs.
#
# Settings (environment):
#   BENCH_JAR=<jar>            engine to start                 BENCH_PORTS="18100 18199"  port range
#   BENCH_CONNS="64 16"        wrk -c values (64: throughput, 16: latency)
#   BENCH_DURATION=10s         wrk -d per measurement          BENCH_ROUNDS=2      rounds
#   BENCH_WARMUP=10s           wrk -d of the warm-up per case  BENCH_THREADS=2     wrk -t
#   BENCH_OHLCV=<path>         default /api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2026-01-01
#   BENCH_STATUS=<path>        default /api/v1/markets/NYSE/status
#   BENCH_CASES="jwt key off"  which cases to run (also: bearer-key = the key in Authorization: Bearer,
#                              query-key = ?apiKey=, off-bearer = engine "off" sent the same JWT header, which
#                              it ignores: what carrying a ~450-byte header costs wrk, the kernel and the HTTP
#                              parser, apart from authentication)
#   BENCH_JAVA_OPTS=...        JVM options of both engines     BENCH_OUT=<dir>     raw outputs (default target/bench/<time>-auth)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

conns=${BENCH_CONNS:-64 16}
threads=${BENCH_THREADS:-2}
duration=${BENCH_DURATION:-10s}
rounds=${BENCH_ROUNDS:-2}
warmup=${BENCH_WARMUP:-10s}
cases=${BENCH_CASES:-jwt key off}
ohlcv=${BENCH_OHLCV:-/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2026-01-01}
status=${BENCH_STATUS:-/api/v1/markets/NYSE/status}
read -r port_lo port_hi <<<"${BENCH_PORTS:-18100 18199}"
out=${BENCH_OUT:-$BENCH_ROOT/target/bench/$(date +%Y%m%d-%H%M%S)-auth}
mkdir -p "$out"

bench_need_pkg wrk wrk
bench_need_pkg curl curl
jar=${BENCH_JAR:-$BENCH_DEFAULT_JAR}
bench_ensure_jar "$jar"

pids=()
stop_engines() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  pids=()
}
trap stop_engines EXIT
trap 'exit 130' INT TERM

admin_key="mde_bench-admin-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

# start_engine NAME AUTH_ENABLED PORT : starts the jar, waits for readiness
start_engine() {
  local name=$1 enabled=$2 port=$3
  mkdir -p "$out/audit-$name"
  # shellcheck disable=SC2086
  MDE_RATELIMIT_ENABLED=true \
  MDE_RATELIMIT_INBOUND_CLIENT=1000000000/1m MDE_RATELIMIT_INBOUND_SYMBOL=1000000000/1m \
  MDE_RATELIMIT_INBOUND_MARKET=1000000000/1m MDE_RATELIMIT_INBOUND_PRO=1000000000/1m \
  MDE_AUTH_ENABLED=$enabled MDE_AUTH_ACCESS_TOKEN_TTL=4h MDE_AUTH_ADMIN_KEY="$admin_key" MDE_AUTH_PRINT_ADMIN_KEY=false \
  MDE_AUDIT_DIR="$out/audit-$name" QUARKUS_HTTP_PORT=$port \
    java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$port" -jar "$jar" >"$out/engine-$name.log" 2>&1 </dev/null &
  pids+=($!)
  bench_say "bench: started engine '$name' (auth enabled=$enabled, pid $!) on 127.0.0.1:$port, log $out/engine-$name.log"
  if ! bench_wait_ready "$!" "$port" "${BENCH_READY_TIMEOUT:-120}"; then
    tail -n 30 "$out/engine-$name.log" >&2
    bench_die "engine '$name' not ready on port $port"
  fi
}

port_on=$(bench_free_port_in "$port_lo" "$port_hi")
start_engine on true "$port_on"
port_off=$(bench_free_port_in "$((port_on + 1))" "$port_hi")
start_engine off false "$port_off"
on=http://127.0.0.1:$port_on
off=http://127.0.0.1:$port_off

# a customer's key (pro plan), and an access token exchanged for it: both carry the same identity
admin_token=$(curl -s -X POST -H "X-API-Key: $admin_key" "$on/api/v1/auth/token" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$admin_token" ] || bench_die "no admin access token from $on/api/v1/auth/token"
api_key=$(curl -s -X POST -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d '{"owner":"bench-client","plan":"pro","roles":[]}' "$on/api/v1/admin/api-keys" | sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p')
[ -n "$api_key" ] || bench_die "no API key from $on/api/v1/admin/api-keys"
token=$(curl -s -X POST -H "X-API-Key: $api_key" "$on/api/v1/auth/token" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || bench_die "no access token for the bench key"

# case_args CASE PATH : prints the URL and header arguments of a case, one per line
case_args() {
  case "$1" in
    jwt) printf '%s\n' "$on$2" -H "Authorization: Bearer $token" ;;
    key) printf '%s\n' "$on$2" -H "X-API-Key: $api_key" ;;
    bearer-key) printf '%s\n' "$on$2" -H "Authorization: Bearer $api_key" ;;
    query-key) if [ "${2#*\?}" != "$2" ]; then printf '%s\n' "$on$2&apiKey=$api_key"; else printf '%s\n' "$on$2?apiKey=$api_key"; fi ;;
    off) printf '%s\n' "$off$2" ;;
    off-bearer) printf '%s\n' "$off$2" -H "Authorization: Bearer $token" ;;
    *) bench_die "unknown case $1" ;;
  esac
}

endpoints=("$ohlcv" "$status")
for e in "${endpoints[@]}"; do
  for c in $cases; do
    mapfile -t a < <(case_args "$c" "$e")
    code=$(curl -s -o /dev/null -w '%{http_code}' "${a[@]:1}" "${a[0]}" || true)
    [ "$code" = 200 ] || bench_die "GET $e ($c) answered $code, not 200"
  done
done

slug() { printf '%s' "$1" | tr -c 'A-Za-z0-9' '_' | cut -c1-50; }

# run_wrk CASE PATH CONNS DURATION FILE
run_wrk() {
  local a
  mapfile -t a < <(case_args "$1" "$2")
  wrk -t"$threads" -c"$3" -d"$4" --latency "${a[@]:1}" "${a[0]}" >"$5" 2>&1 || { cat "$5" >&2; bench_die "wrk failed on $2 ($1)"; }
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

load_before=$(uptime)
bench_say "bench: $load_before"
bench_say "bench: warm-up ($warmup per case and endpoint, -c64)"
for e in "${endpoints[@]}"; do
  for c in $cases; do run_wrk "$c" "$e" 64 "$warmup" "$out/warmup-$c-$(slug "$e").txt"; done
done

results=$out/results.tsv   # round conns endpoint case req_s p50 p99 non2xx errors
: >"$results"
read -r -a case_list <<<"$cases"
for ((r = 1; r <= rounds; r++)); do
  for cn in $conns; do
    for e in "${endpoints[@]}"; do
      # rotate the order of the cases every round, so that none always runs first (or after a GC-heavy one)
      n=${#case_list[@]}
      for ((i = 0; i < n; i++)); do
        c=${case_list[$(( (i + r - 1) % n ))]}
        f="$out/r$r-c$cn-$c-$(slug "$e").txt"
        bench_say "bench: round $r/$rounds  -c$cn  $c  $e"
        run_wrk "$c" "$e" "$cn" "$duration" "$f"
        printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$cn" "$e" "$c" "$(parse "$f" | tr ' ' '\t')" >>"$results"
      done
    done
  done
done
load_after=$(uptime)

med() {  # med CONNS ENDPOINT CASE COLUMN
  awk -F'\t' -v c="$1" -v e="$2" -v k="$3" -v col="$4" '$2 == c && $3 == e && $4 == k { print $col }' "$results" | bench_median
}
sum() {
  awk -F'\t' -v c="$1" -v e="$2" -v k="$3" -v col="$4" '$2 == c && $3 == e && $4 == k { s += $col } END { print s + 0 }' "$results"
}
ratio() {  # ratio CONNS ENDPOINT CASE [BASE] : median over rounds of CASE/BASE (default off) req/s
  awk -F'\t' -v c="$1" -v e="$2" -v k="$3" -v b="${4:-off}" '
    $2 == c && $3 == e && $4 == k { tv[$1] = $5 }
    $2 == c && $3 == e && $4 == b { bv[$1] = $5 }
    END { for (r in tv) if ((r in bv) && bv[r] > 0) printf "%.6g\n", tv[r] / bv[r] }' "$results" | bench_median
}
rss() { echo $(( $(bench_rss_kb "$1") / 1024 )); }

w=8
for e in "${endpoints[@]}"; do [ ${#e} -gt $w ] && w=${#e}; done
{
  echo
  echo "Auth benchmark: wrk -t$threads -d$duration --latency, $rounds round(s), median over rounds; engine RSS after: on $(rss "${pids[0]}") MB, off $(rss "${pids[1]}") MB"
  echo "load before: $load_before"
  echo "load after:  $load_after"
  printf "%-${w}s %-10s %5s %10s %9s %9s %8s %7s\n" endpoint case conns 'req/s' 'p50 ms' 'p99 ms' 'non-2xx' errors
  for cn in $conns; do
    for e in "${endpoints[@]}"; do
      for c in $cases; do
        printf "%-${w}s %-10s %5s %10.0f %9.3f %9.3f %8d %7d\n" "$e" "$c" "$cn" "$(med "$cn" "$e" "$c" 5)" "$(med "$cn" "$e" "$c" 6)" \
          "$(med "$cn" "$e" "$c" 7)" "$(sum "$cn" "$e" "$c" 8)" "$(sum "$cn" "$e" "$c" 9)"
      done
    done
  done
  case " $cases " in
    *" off "*)
      echo
      echo "ratio auth-on / auth-off, req/s (median of per-round ratios; target >= 0.90):"
      for cn in $conns; do
        for e in "${endpoints[@]}"; do
          line=$(printf "  -c%-3s %-${w}s" "$cn" "$e")
          for c in $cases; do
            [ "$c" = off ] || [ "$c" = off-bearer ] && continue
            line+=$(printf '  %s %.2f' "$c" "$(ratio "$cn" "$e" "$c")")
          done
          echo "$line"
        done
      done ;;
  esac
  if [[ " $cases " == *" jwt "* && " $cases " == *" off-bearer "* ]]; then
      echo
      echo "ratio jwt / off-bearer (both carry the same Authorization header; only authentication differs):"
      for cn in $conns; do
        for e in "${endpoints[@]}"; do
          printf "  -c%-3s %-${w}s  %.2f\n" "$cn" "$e" "$(ratio "$cn" "$e" jwt off-bearer)"
        done
      done
  fi
  echo
  echo "raw wrk outputs: $out"
} | tee "$out/summary.txt"
