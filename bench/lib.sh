# Shared helpers of the bench/ scripts (sourced, not run).
# shellcheck shell=bash

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DEFAULT_JAR="$BENCH_ROOT/functions/standalone/target/quarkus-app/quarkus-run.jar"
# the same application plus the same-run baseline endpoints (bench/baseline), built with -Pbench; the
# production jar above never holds them
BENCH_BASELINE_JAR="$BENCH_ROOT/functions/standalone/target/bench-app/quarkus-run.jar"

bench_say() { printf '%s\n' "$*" >&2; }
bench_die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# bench_need_pkg CMD PKG : installs the Debian package PKG if CMD is missing.
bench_need_pkg() {
  command -v "$1" >/dev/null 2>&1 && return 0
  bench_say "bench: installing Debian package $2"
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo -n)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >/dev/null 2>&1 \
    || { "${sudo[@]}" apt-get update -q >/dev/null 2>&1 || true
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >/dev/null; } \
    || bench_die "could not install $2"
  command -v "$1" >/dev/null 2>&1 || bench_die "$1 still missing after installing $2"
}

# bench_free_port : a TCP port on 127.0.0.1 that nothing is bound to (within BENCH_PORT_RANGE=FROM-TO if set,
# for machines where several people's servers share the ports).
bench_free_port() {
  if [ -n "${BENCH_PORT_RANGE:-}" ]; then
    local q
    for ((q = ${BENCH_PORT_RANGE%-*}; q <= ${BENCH_PORT_RANGE#*-}; q++)); do
      (exec 3<>"/dev/tcp/127.0.0.1/$q") 2>/dev/null || { echo "$q"; return; }
    done
    bench_die "no free port in $BENCH_PORT_RANGE"
  fi
  if command -v python3 >/dev/null 2>&1 && python3 -c pass >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p
  for ((p = 18080; p < 18580; p++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  bench_die "no free port"
}

# bench_free_port_in LO HI : a free TCP port on 127.0.0.1 within [LO, HI] (a range agreed not to collide with
# other users of this machine), or fails.
bench_free_port_in() {
  local p
  for ((p = $1; p <= $2; p++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
    if command -v python3 >/dev/null 2>&1 && python3 -c pass >/dev/null 2>&1; then
      python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1]))); s.close()' "$p" 2>/dev/null || continue
    fi
    echo "$p"
    return 0
  done
  bench_die "no free port in $1-$2"
}

# bench_ensure_jar JAR : builds the standalone engine if JAR is the default one (or the baseline one) and missing.
bench_ensure_jar() {
  local jar=$1
  [ -f "$jar" ] && return 0
  if [ "$jar" = "$BENCH_BASELINE_JAR" ]; then
    bench_say "bench: building the standalone engine with the baseline endpoints (mvn -Pbench -pl functions/standalone -am package -DskipTests)"
    (cd "$BENCH_ROOT" && mvn -B -ntp -q -Pbench -pl functions/standalone -am package -DskipTests) || bench_die "build failed"
    [ -f "$jar" ] || bench_die "build made no $jar"
    return 0
  fi
  [ "$jar" = "$BENCH_DEFAULT_JAR" ] || bench_die "no jar at $jar"
  bench_say "bench: building the standalone engine (mvn -pl functions/standalone -am package -DskipTests)"
  (cd "$BENCH_ROOT" && mvn -B -ntp -q -pl functions/standalone -am package -DskipTests) || bench_die "build failed"
  [ -f "$jar" ] || bench_die "build made no $jar"
}

# bench_http_code PORT PATH : the HTTP status of GET PATH, or 000. No fork of curl: cheap enough to poll.
bench_http_code() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || { echo 000; return; }
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3 2>/dev/null
  IFS=' ' read -r -t 5 _ line _ <&3 || line=000
  exec 3<&- 3>&-
  echo "${line:-000}"
}

# bench_wait_ready PID PORT TIMEOUT_S : waits for 200 on /q/health/ready; fails if PID dies or time runs out.
bench_wait_ready() {
  local pid=$1 port=$2 deadline=$(( $(date +%s) + $3 ))
  while :; do
    [ "$(bench_http_code "$port" /q/health/ready)" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || return 2
    sleep 0.005
  done
}

# bench_rss_kb PID : resident set size in KiB
bench_rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# bench_median : median of the numbers on stdin (one a line)
bench_median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
