#!/usr/bin/env bash
# WebSocket fan-out of /api/v1/stream against the Node `ws` broadcast baseline, in the same run.
#
#   bench/ws-stream.sh
#
# Starts the standalone engine (functions/standalone/target/quarkus-app/quarkus-run.jar, built first if
# missing) on a free port with the simulator streaming at all hours (MDE_STREAM_SIMULATOR_FOLLOW_CALENDAR=false)
# at BENCH_RATE updates/s per symbol, then runs bench/load/stream-load.mjs: BENCH_CONNS connections, each
# subscribing BENCH_SYMBOLS symbols out of a pool of BENCH_POOL on level1, level2 and trades; warm-up, then
# delivered msg/s, latency p50/p99/p99.9 (receive time - event time t), seq gaps, server CPU and RSS.
# Then the same against bench/load/baseline-server.mjs (Node ws, one write per message) at the same
# per-symbol rate, so both deliver the same offered load. Engine and baseline are stopped on exit.
#
# Settings (environment):
#   BENCH_CONNS=1000   BENCH_SYMBOLS=10   BENCH_POOL=100   BENCH_RATE=20 (updates/s per symbol)
#   BENCH_WARMUP=10    BENCH_DURATION=20 (seconds)         BENCH_ROUNDS=1 (engine/baseline rounds)
#   BENCH_JAVA_OPTS=-Xmx1g   BENCH_JAR=<jar>   BENCH_OUT=<dir> (default target/bench/<time>-ws-stream)
#   BENCH_ONLY=engine|baseline (one side only)
# Offered load = BENCH_CONNS * BENCH_SYMBOLS * BENCH_RATE messages/s (1000 * 10 * 20 = 200k/s).
# The load generator shares this machine's cores with the server: compare within a run.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

conns=${BENCH_CONNS:-1000}
symbols=${BENCH_SYMBOLS:-10}
pool=${BENCH_POOL:-100}
rate=${BENCH_RATE:-20}
warmup=${BENCH_WARMUP:-10}
duration=${BENCH_DURATION:-20}
rounds=${BENCH_ROUNDS:-1}
only=${BENCH_ONLY:-}
java_opts=${BENCH_JAVA_OPTS:--Xmx1g}
jar=${BENCH_JAR:-$BENCH_DEFAULT_JAR}
out=${BENCH_OUT:-$BENCH_ROOT/target/bench/$(date +%Y%m%d-%H%M%S)-ws-stream}
load="$BENCH_ROOT/bench/load"
mkdir -p "$out"

command -v node >/dev/null || bench_die "node is required (Node 18+)"
if [ ! -d "$load/node_modules/ws" ] || [ ! -d "$load/node_modules/hdr-histogram-js" ]; then
  bench_say "bench: npm ci in bench/load"
  (cd "$load" && npm ci --no-audit --no-fund >/dev/null) || bench_die "npm ci failed"
fi
bench_ensure_jar "$jar"

server_pid=''
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=''
}
trap stop_server EXIT
trap 'exit 130' INT TERM

run_engine() {
  local port; port=$(bench_free_port)
  # shellcheck disable=SC2086
  # MDE_AUTH_ENABLED=false: the load client measures fan-out, not authentication (one verification per connection);
  # MDE_RATELIMIT_ENABLED=false: every connection comes from 127.0.0.1, which the per-client limit would
  # otherwise refuse after its burst (thousands of handshakes from one address are what it is for)
  MDE_AUTH_ENABLED=false MDE_RATELIMIT_ENABLED=false QUARKUS_HTTP_PORT=$port MDE_STREAM_SIMULATOR_FOLLOW_CALENDAR=false MDE_STREAM_SIMULATOR_RATE_PER_SYMBOL=$rate \
    MDE_STREAM_SIMULATOR_NEWS_PER_HOUR=0 java $java_opts -jar "$jar" >"$out/engine-$1.log" 2>&1 &
  server_pid=$!
  bench_wait_ready "$server_pid" "$port" 60 || bench_die "engine did not become ready (see $out/engine-$1.log)"
  node "$load/stream-load.mjs" --url "ws://127.0.0.1:$port/api/v1/stream" --conns "$conns" --symbols "$symbols" \
    --pool "$pool" --channels level1,level2,trades --warmup "$warmup" --duration "$duration" --pid "$server_pid" \
    --label engine | tee -a "$out/results.jsonl"
  # the engine's own view of the same run (docs/metrics.md; since its start, warm-up included): the sampled
  # delivery latency histogram over all channels, as bucket bounds that hold 50% and 99% of the samples
  curl -s "http://127.0.0.1:$port/q/metrics" | grep -E '^mde_stream_(delivery_latency|messages_total|dropped_messages_total)' \
    >"$out/engine-metrics-$1.txt" || true
  awk '/^mde_stream_delivery_latency_seconds_bucket/ { match($0, /le="[^"]*"/); n[substr($0, RSTART + 4, RLENGTH - 5)] += $NF }
    END { total = n["+Inf"]; if (!total) exit
          for (le in n) if (le != "+Inf") { v = le + 0; key[v] = le; for (j = k++; j > 0 && b[j] > v; j--) b[j + 1] = b[j]; b[j + 1] = v }
          p50 = p99 = "+Inf"
          for (i = 1; i <= k; i++) { c = n[key[b[i]]]
            if (p50 == "+Inf" && c >= 0.5 * total) p50 = key[b[i]]; if (p99 == "+Inf" && c >= 0.99 * total) p99 = key[b[i]] }
          printf "engine metric mde_stream_delivery_latency_seconds: %d sampled frames, p50 <= %s s, p99 <= %s s\n", total, p50, p99 }' \
    "$out/engine-metrics-$1.txt" | tee -a "$out/engine-latency.txt" >&2
  stop_server
}

run_baseline() {
  local port; port=$(bench_free_port)
  node "$load/baseline-server.mjs" --port "$port" --rate "$rate" >"$out/baseline-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do grep -q 'baseline ws server' "$out/baseline-$1.log" 2>/dev/null && break; sleep 0.1; done
  node "$load/stream-load.mjs" --url "ws://127.0.0.1:$port/api/v1/stream" --conns "$conns" --symbols "$symbols" \
    --pool "$pool" --channels level1 --warmup "$warmup" --duration "$duration" --pid "$server_pid" \
    --label node-ws-baseline | tee -a "$out/results.jsonl"
  stop_server
}

bench_say "bench: offered $((conns * symbols * rate)) msg/s ($conns conns x $symbols symbols x $rate/s), warm-up ${warmup}s, ${duration}s measured; raw results in $out"
for r in $(seq 1 "$rounds"); do
  [ "$only" = baseline ] || run_engine "$r"
  [ "$only" = engine ] || run_baseline "$r"
done

node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
console.log("label              delivered/s   p50ms  p99ms  p99.9ms  maxMs  gaps  closed  cpu(cores)  rssMB  avgBytes  clientCpu");
for (const r of rows) console.log([r.label.padEnd(18), String(r.deliveredPerSec).padStart(11), String(r.p50ms).padStart(7),
  String(r.p99ms).padStart(6), String(r.p999ms).padStart(8), String(r.maxMs).padStart(6), String(r.gaps).padStart(5),
  String(r.serverClosed).padStart(7), String(r.serverCpuCores).padStart(11), String(r.serverRssMb).padStart(6),
  String(r.avgBytes).padStart(9), String(r.clientCpuCores).padStart(10)].join(" "));
' "$out/results.jsonl"
