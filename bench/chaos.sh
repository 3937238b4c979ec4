#!/usr/bin/env bash
# Chaos with figures: services mode on this machine, under load, with each of its parts killed and started
# again in turn; per fault, what the clients saw.
#
#   bench/chaos.sh
#   CHAOS_FAULTS="redis postgres" CHAOS_CONNS=200 bench/chaos.sh
#
# What runs (all private to this run, nothing of the machine's is touched):
#   - scripts/run-services with --realtime-replicas 2 and MDE_SERVICES_RESTART=1 (a killed function or Hot Rod
#     server is started again after CHAOS_DOWN seconds, as Kubernetes restarts a pod), on a private PostgreSQL
#     and a private Redis that scripts/test-env.sh starts under CHAOS_DIR (the machine's are never used: they
#     are probed on port 1), and a test-support Hot Rod server on a fixed port;
#   - two fake vendors (bench/load/fake-vendor.mjs): Polygon (priority 1, the primary) and Twelve Data
#     (priority 2), the simulator off (MDE_SIMULATOR_MODE=off), so every bar the historical function serves
#     comes from one of them;
#   - the clients (bench/load/chaos-load.mjs): HTTP at CHAOS_RATE req/s (cached one-year OHLCV, recent 1-minute
#     bars that go to the vendor, market status) with a pro API key, and CHAOS_CONNS stream connections spread
#     over the two realtime processes, each subscribing CHAOS_SYMBOLS symbols on trades and level2 (the
#     stream simulator streams at all hours: the stream has no vendor fake yet, see issue 16).
# Faults, in CHAOS_FAULTS order, each down for CHAOS_DOWN seconds, then CHAOS_SETTLE seconds (at least) to
# recover before the next:
#   redis            kill -9 of Redis (rate limits, cache layer, stream bus), then started again, empty
#   postgres         immediate shutdown of PostgreSQL (a crash: no checkpoint), then started again
#   hotrod           kill -9 of the Hot Rod server, restarted empty by run-services
#   realtime-leader  kill -9 of the realtime process holding the upstream lease, restarted by run-services
#   provider         kill -9 of the primary vendor fake (Polygon), then started again
# Report (stdout, and report.md in the run's folder): per fault, failed HTTP requests (by status), stream
# connections closed, silent gaps (must be 0), resnapshots and book resets, seconds from the kill until no
# failure and every connection open again, and, for the whole run, audit entries acknowledged (the journals'
# last sequence numbers) against those stored in PostgreSQL once shipping has caught up.
#
# Settings (environment): CHAOS_CONNS=1000 CHAOS_SYMBOLS=2 CHAOS_RATE=200 CHAOS_WARMUP=45 CHAOS_DOWN=10
#   CHAOS_SETTLE=30 CHAOS_FAULTS="redis postgres hotrod realtime-leader provider" CHAOS_PORT_BASE=18700
#   (ports base..base+9) CHAOS_DIR (default target/bench/<time>-chaos) MDE_SERVICES_JAVA_OPTS (-Xmx512m).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root=$BENCH_ROOT
cd "$root"

conns=${CHAOS_CONNS:-1000}
symbols=${CHAOS_SYMBOLS:-2}
rate=${CHAOS_RATE:-200}
warmup=${CHAOS_WARMUP:-45}
down=${CHAOS_DOWN:-10}
settle=${CHAOS_SETTLE:-30}
faults=${CHAOS_FAULTS:-redis postgres hotrod realtime-leader provider}
base=${CHAOS_PORT_BASE:-18700}
out=${CHAOS_DIR:-$root/target/bench/$(date +%Y%m%d-%H%M%S)-chaos}
mkdir -p "$out"
out=$(cd "$out" && pwd)
load=$root/bench/load
hport=$((base + 1)) rport=$((base + 2)) sport=$((base + 4)) hotrod_port=$((base + 5))
polygon_port=$((base + 6)) twelve_port=$((base + 7))
for p in $hport $rport $((rport + 1)) $sport $hotrod_port $polygon_port $twelve_port; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || bench_die "port $p is in use (set CHAOS_PORT_BASE)"
done
bench_need_pkg curl curl
command -v node >/dev/null || bench_die "node is required"
command -v redis-cli >/dev/null || bench_need_pkg redis-cli redis-tools
if [ ! -d "$load/node_modules/ws" ]; then
  bench_say "chaos: npm ci in bench/load"
  (cd "$load" && npm ci --no-audit --no-fund >/dev/null) || bench_die "npm ci failed"
fi

pids=()
services_pid=''
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "${load_pid:-}" ] || kill -TERM "$load_pid" 2>/dev/null || true
  if [ -n "$services_pid" ] && kill -0 "$services_pid" 2>/dev/null; then
    kill -INT "$services_pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$services_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  for p in "${pids[@]}" ${polygon_pid:-} ${twelve_pid:-}; do kill -TERM "$p" 2>/dev/null || true; done
  # the private stores of this run (run-services stops them too; this covers a run stopped before it did)
  MDE_TEST_PG_DIR=$out/pg MDE_TEST_REDIS_DIR=$out/redis "$root/scripts/test-env.sh" stop >/dev/null 2>&1 || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() { date +%s%3N; }
mark() { printf '{"fault":"%s","event":"%s","t":%s}\n' "$1" "$2" "$(now_ms)" >>"$out/marks.jsonl"; }
: >"$out/marks.jsonl"

# --- vendor fakes --------------------------------------------------------------------------------------

start_vendor() {  # start_vendor VENDOR PORT [LATENCY MS]: prints the pid
  node "$load/fake-vendor.mjs" --vendor "$1" --port "$2" --latency-ms "${3:-0}" >>"$out/fake-$1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do grep -q '^READY' "$out/fake-$1.log" 2>/dev/null && break; sleep 0.1; done
  echo "$pid"
}
polygon_pid=$(start_vendor polygon "$polygon_port")
# the second vendor answers 30 ms slower, so the router's quality score ranks it second
twelve_pid=$(start_vendor twelve_data "$twelve_port" 30)

# --- services mode --------------------------------------------------------------------------------------

admin_key=mde_$(openssl rand -hex 32)
bench_say "chaos: starting services mode (log $out/run-services.log)"
(
  export MDE_PG_PROBE_PORT=1 MDE_REDIS_PROBE_PORT=1 MDE_TEST_PG_DIR=$out/pg MDE_TEST_REDIS_DIR=$out/redis
  export MDE_TEST_SECURE_STORES=off MDE_HOTROD_PROBE_PORT=1
  export MDE_SERVICES_DIR=$out/services MDE_SERVICES_RESTART=1 MDE_SERVICES_RESTART_DELAY=$down
  export MDE_SERVICES_HOTROD_PORT=$hotrod_port
  export MDE_SERVICES_HISTORICAL_PORT=$hport MDE_SERVICES_REALTIME_PORT=$rport MDE_SERVICES_STATUS_PORT=$sport
  export MDE_AUTH_ADMIN_KEY=$admin_key MDE_AUTH_ACCESS_TOKEN_TTL=4h
  # one load client stands for many users: its limits far above the plans' defaults, as bench/http.sh does
  export MDE_RATELIMIT_INBOUND_CLIENT=1000000000/1m MDE_RATELIMIT_INBOUND_SYMBOL=1000000000/1m
  export MDE_RATELIMIT_INBOUND_MARKET=1000000000/1m MDE_RATELIMIT_INBOUND_PRO=1000000000/1m
  export MDE_SIMULATOR_MODE=off
  export MDE_PROVIDER_POLYGON_API_KEY=fake-polygon-key MDE_PROVIDER_POLYGON_BASE_URL=http://127.0.0.1:$polygon_port
  export MDE_PROVIDER_POLYGON_PRIORITY=1 MDE_PROVIDER_POLYGON_TIMEOUT_MS=2000 MDE_RATELIMIT_PROVIDER_POLYGON=none
  export MDE_PROVIDER_TWELVE_DATA_API_KEY=fake-twelve-key MDE_PROVIDER_TWELVE_DATA_BASE_URL=http://127.0.0.1:$twelve_port
  export MDE_PROVIDER_TWELVE_DATA_PRIORITY=2 MDE_PROVIDER_TWELVE_DATA_TIMEOUT_MS=2000 MDE_RATELIMIT_PROVIDER_TWELVE_DATA=none
  export MDE_STREAM_SIMULATOR_FOLLOW_CALENDAR=false MDE_STREAM_SIMULATOR_NEWS_PER_HOUR=0
  # recent 1-minute bars cached 5 s instead of 5 min: the vendor is asked every few seconds per symbol, as it
  # is across a whole universe of symbols, so that losing it shows
  export MDE_CACHE_TTL_INTRADAY=5s
  exec "$root/scripts/run-services" --realtime-replicas 2
) >"$out/run-services.log" 2>&1 &
services_pid=$!
for _ in $(seq 1 1800); do
  grep -q 'run-services: ready in' "$out/run-services.log" && break
  kill -0 "$services_pid" 2>/dev/null || bench_die "run-services stopped: $(tail -n 30 "$out/run-services.log")"
  sleep 0.2
done
grep -q 'run-services: ready in' "$out/run-services.log" || bench_die "services mode not ready in 6 min (see $out/run-services.log)"
rport2=$(sed -n 's|^  realtime-2 *http://[^:]*:\([0-9]*\).*|\1|p' "$out/run-services.log" | head -n 1)
redis_port=$(cat "$out/redis/port")
pg_data=$out/pg/data
bench_say "chaos: $(grep 'ready in' "$out/run-services.log" | sed 's/run-services: //'); Redis 127.0.0.1:$redis_port, PostgreSQL $(cat "$out/pg/port")"

# a pro key, as a customer would get one
admin_token=$(curl -s -X POST -H "X-API-Key: $admin_key" "http://127.0.0.1:$sport/api/v1/auth/token" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$admin_token" ] || bench_die "no admin token from the status function"
api_key=$(curl -s -X POST -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d '{"owner":"chaos-load","plan":"pro","roles":[]}' "http://127.0.0.1:$sport/api/v1/admin/api-keys" | sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p')
[ -n "$api_key" ] || bench_die "could not create an API key"

# --- the clients -----------------------------------------------------------------------------------------

node "$load/chaos-load.mjs" --historical "http://127.0.0.1:$hport" --status "http://127.0.0.1:$sport" \
  --realtime "ws://127.0.0.1:$rport/api/v1/stream,ws://127.0.0.1:$rport2/api/v1/stream" --key "$api_key" \
  --rate "$rate" --conns "$conns" --symbols "$symbols" --channels trades,level2 --out "$out/load.jsonl" \
  >"$out/load-totals.json" 2>"$out/load.log" &
load_pid=$!
bench_say "chaos: $conns stream connections, $rate HTTP req/s; warm-up ${warmup}s"
sleep "$warmup"

# recovered: the last 5 lines of load.jsonl have no failure and every connection open
recovered() {
  tail -n 5 "$out/load.jsonl" | node -e '
    const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
    process.exit(lines.length === 5 && lines.every((l) => l.fail === 0 && l.open === Number(process.argv[1])) ? 0 : 1);' "$conns"
}
wait_recovered() {  # at least $settle s, then until recovered (at most 120 s more)
  sleep "$settle"
  for _ in $(seq 1 120); do recovered && return 0; sleep 1; done
  bench_say "chaos: not recovered 120 s after the settle time"
}
vendor_requests() { curl -s -m 2 "http://127.0.0.1:$1/_fake/stats" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p' | grep . || echo 0; }
port_pid() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }
as_pg_owner() {
  local owner
  owner=$(stat -c %U "$pg_data")
  if [ "$(id -un)" = "$owner" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}
pg_bin=$(dirname "$(readlink -f "/usr/lib/postgresql/$(cat "$pg_data/PG_VERSION")/bin/pg_ctl")")

for fault in $faults; do
  bench_say "chaos: fault $fault"
  case "$fault" in
    redis)
      mark redis kill
      kill -9 "$(cat "$out/redis/redis.pid")"
      sleep "$down"
      redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
        --dir "$out/redis" --pidfile "$out/redis/redis.pid" --logfile "$out/redis/redis.log" >/dev/null
      mark redis restart
      ;;
    postgres)
      mark postgres kill
      as_pg_owner "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null
      sleep "$down"
      as_pg_owner "$pg_bin/pg_ctl" -D "$pg_data" -l "$out/pg/postgres.log" -w restart >/dev/null 2>&1
      mark postgres restart
      ;;
    hotrod)
      mark hotrod kill
      kill -9 "$(port_pid "$hotrod_port")"
      sleep "$down"
      mark hotrod restart  # run-services starts it again after the same delay
      ;;
    realtime-leader)
      holder=$(redis-cli -p "$redis_port" GET mde:stream:upstream-lease)
      log=$(grep -l "($holder) holds the lease" "$out"/services/realtime-*.log | head -n 1)
      label=$(basename "$log" .log)
      port=$rport
      [ "$label" = realtime-1 ] || port=$rport2
      bench_say "chaos: the lease holder is $label (port $port, lease $holder)"
      mark realtime-leader kill
      kill -9 "$(port_pid "$port")"
      sleep "$down"
      mark realtime-leader restart
      ;;
    provider)
      # the primary is the fake serving the most right now (the router orders by quality, not by name)
      a=$(vendor_requests "$polygon_port") b=$(vendor_requests "$twelve_port")
      sleep 5
      a=$(( $(vendor_requests "$polygon_port") - a )) b=$(( $(vendor_requests "$twelve_port") - b ))
      primary=polygon
      [ "$b" -le "$a" ] || primary=twelve_data
      bench_say "chaos: vendor requests in 5 s: polygon $a, twelve_data $b: killing $primary"
      mark provider kill
      if [ "$primary" = polygon ]; then
        kill -9 "$polygon_pid"; sleep "$down"; polygon_pid=$(start_vendor polygon "$polygon_port")
      else
        kill -9 "$twelve_pid"; sleep "$down"; twelve_pid=$(start_vendor twelve_data "$twelve_port" 30)
      fi
      mark provider restart
      ;;
    *) bench_die "unknown fault $fault" ;;
  esac
  wait_recovered
  mark "$fault" end
done

kill -TERM "$load_pid" && wait "$load_pid" || true
load_pid=''

# --- audit: acknowledged (the journals) against stored (PostgreSQL), once shipping has caught up ---------

pg="psql -h 127.0.0.1 -p $(cat "$out/pg/port") -U postgres -d test -At"
acked() {  # writer<TAB>last seq of every journal of this run
  local d f
  for d in "$out"/services/audit-*; do
    f=$(ls "$d"/audit-*.log 2>/dev/null | sort -t@ -k2 -n | tail -n 1)
    [ -z "$f" ] || tail -n 1 "$f" | cut -f1,2
  done
}
for _ in $(seq 1 60); do
  behind=0
  while IFS=$'\t' read -r w s; do
    [ -n "$w" ] || continue
    got=$($pg -c "SELECT count(*) FROM mde_audit.audit_log WHERE writer_id = '$w'")
    [ "$got" -ge "$s" ] || behind=1
  done < <(acked)
  [ "$behind" = 0 ] && break
  sleep 1
done
{
  while IFS=$'\t' read -r w s; do
    [ -n "$w" ] || continue
    got=$($pg -c "SELECT count(*) FROM mde_audit.audit_log WHERE writer_id = '$w'")
    printf '{"writer":"%s","acked":%s,"stored":%s}\n' "$w" "$s" "$got"
  done < <(acked)
} >"$out/audit.jsonl"

for v in polygon twelve_data; do
  port=$polygon_port
  [ "$v" = polygon ] || port=$twelve_port
  curl -s "http://127.0.0.1:$port/_fake/stats" >>"$out/vendors.jsonl" || true
  echo >>"$out/vendors.jsonl"
done

node "$load/chaos-report.mjs" --dir "$out" --conns "$conns" | tee "$out/report.md"
bench_say "chaos: raw outputs in $out"
