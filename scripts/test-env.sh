#!/usr/bin/env bash
# Makes sure a PostgreSQL and a Redis that the tests can use are up, and says where they are.
#
#   source scripts/test-env.sh          # exports the variables below into the current shell
#   eval "$(scripts/test-env.sh)"       # same, from a subshell (prints `export ...` lines on stdout)
#   scripts/test-env.sh stop            # stops the PRIVATE servers this script started (never the machine's)
#   scripts/test-env.sh stop postgres   # ... only the private PostgreSQL (or: stop redis)
#   scripts/test-env.sh status          # prints what a run would use, starting nothing
#
# Exports: MDE_TEST_PG_HOST MDE_TEST_PG_PORT MDE_TEST_PG_DB MDE_TEST_PG_USER MDE_TEST_PG_JDBC_URL
#          MDE_TEST_REDIS_URL, and (scripts/test-env-secure.sh) MDE_TEST_TLS_CA_FILE MDE_TEST_REDIS_TLS_URL
#          MDE_TEST_REDIS_CLUSTER_URL MDE_TEST_REDIS_CLUSTER_PASSWORD MDE_TEST_PG_TLS_URL MDE_TEST_PG_TLS_USER MDE_TEST_PG_TLS_PASSWORD
# Sets (not exported): MDE_TEST_ENV_STARTED, the private servers this call started rather than found running
#          ("postgres", "redis", both or none), for a caller that stops what it started (scripts/run-services).
#
# PostgreSQL: (1) the machine's server, if 127.0.0.1:5432 takes a trust login to database `test` (as
# postgres, else as the current user); (2) else the machine's Debian cluster, started with pg_ctlcluster
# if it is stopped, and checked again; (3) else a private cluster (initdb -A trust) under
# ${TMPDIR:-/tmp}/mde-test-pg, on a free port, reused by later runs while it is running.
# Redis: the machine's 127.0.0.1:6379 if it answers PONG, else a private redis-server under
# ${TMPDIR:-/tmp}/mde-test-redis, reused likewise. Missing Debian packages are installed with apt-get.
# The machine's own servers are never stopped or reconfigured.
#
# Overrides (mostly for testing the fallbacks):
#   MDE_PG_PROBE_HOST / MDE_PG_PROBE_PORT        where the machine's PostgreSQL is looked for (127.0.0.1:5432)
#   MDE_REDIS_PROBE_HOST / MDE_REDIS_PROBE_PORT  where the machine's Redis is looked for (127.0.0.1:6379)
#   MDE_TEST_PG_DIR / MDE_TEST_REDIS_DIR         private server directories
#
# Works sourced into a shell with `set -euo pipefail` or without it; leaves the caller's options alone.
# Decisions are printed to stderr, one line each.

_mde_say() { printf '%s\n' "$*" >&2; }

# --- helpers ---------------------------------------------------------------------------------------

_mde_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else _mde_say "test-env: need root to run: $*"; return 1
  fi
}

# _mde_apt_install PKG... : installs Debian packages, running `apt-get update` first if that is needed.
_mde_apt_install() {
  command -v apt-get >/dev/null 2>&1 || { _mde_say "test-env: apt-get not found, cannot install $*"; return 1; }
  _mde_say "test-env: installing Debian package(s): $*"
  local env=(env DEBIAN_FRONTEND=noninteractive)
  if ! _mde_as_root "${env[@]}" apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1; then
    _mde_as_root "${env[@]}" apt-get update -q >/dev/null 2>&1 || true
    _mde_as_root "${env[@]}" apt-get install -y -q --no-install-recommends "$@" >/dev/null \
      || { _mde_say "test-env: apt-get install $* failed"; return 1; }
  fi
}

# _mde_free_port START : prints the first port >= START that nothing listens on / can be bound on 127.0.0.1.
_mde_free_port() {
  local start=$1 p
  if command -v python3 >/dev/null 2>&1 && python3 -c 'pass' >/dev/null 2>&1; then
    python3 - "$start" <<'PY' && return 0
import socket, sys
start = int(sys.argv[1])
for p in range(start, start + 500):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    print(p)
    sys.exit(0)
sys.exit(1)
PY
  fi
  for ((p = start; p < start + 500; p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# _mde_pg_ok HOST PORT USER [DB] : true if a password-less login works and `select 1` answers.
_mde_pg_ok() {
  local out
  out=$(PGCONNECT_TIMEOUT=3 PGPASSWORD='' timeout 15 psql -w -X -q -t -A -h "$1" -p "$2" -U "$3" -d "${4:-test}" \
        -c 'select 1' </dev/null 2>/dev/null) || return 1
  [ "$out" = 1 ]
}

# _mde_pg_bindir : prints a directory with initdb and pg_ctl (highest version), installing postgresql if needed.
_mde_pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then
    _mde_apt_install postgresql || return 1
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  [ -n "$d" ] && [ -x "$d/initdb" ] || { _mde_say "postgres: no initdb found after installing postgresql"; return 1; }
  echo "$d"
}

# The user the private PostgreSQL runs as: the current one, or (as root, which initdb refuses) `postgres`,
# else a `mdetest` system user created for it.
_mde_pg_runuser() {
  if [ "$(id -u)" != 0 ]; then id -un; return 0; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return 0; fi
  if ! id mdetest >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin mdetest >/dev/null 2>&1 \
      || { _mde_say "postgres: cannot create user mdetest"; return 1; }
  fi
  echo mdetest
}

_mde_as_user() {  # _mde_as_user USER CMD...
  local u=$1; shift
  if [ "$(id -un)" = "$u" ]; then "$@"
  elif command -v runuser >/dev/null 2>&1; then runuser -u "$u" -- "$@"
  else su -s /bin/sh "$u" -c "$(printf '%q ' "$@")"
  fi
}

# Concurrent runs (two test commands at once) must not both initdb or start a server in the same place.
# Daemons started under the lock are started with {_mde_lockfd}>&- so that they do not inherit (and hold) it.
_mde_lockfd=9
_mde_locked() {  # _mde_locked LOCKFILE CMD... : runs CMD holding an exclusive lock on LOCKFILE
  local rc=0
  command -v flock >/dev/null 2>&1 || { "$@"; return; }
  exec {_mde_lockfd}>"$1" || { _mde_lockfd=9; "$@"; return; }
  shift
  flock -w 300 "$_mde_lockfd" || _mde_say "test-env: lock wait timed out, going on"
  "$@" || rc=$?
  exec {_mde_lockfd}>&-
  _mde_lockfd=9
  return "$rc"
}

# --- PostgreSQL ------------------------------------------------------------------------------------

_mde_pg_use() {  # HOST PORT USER DB
  export MDE_TEST_PG_HOST=$1 MDE_TEST_PG_PORT=$2 MDE_TEST_PG_USER=$3 MDE_TEST_PG_DB=$4
  export MDE_TEST_PG_JDBC_URL="jdbc:postgresql://$1:$2/$4"
}

_mde_pg_machine() {  # true (and exported) if the machine's server takes a trust login to `test`
  local host=$1 port=$2 u
  for u in postgres "$(id -un)"; do
    if _mde_pg_ok "$host" "$port" "$u" test; then _mde_pg_use "$host" "$port" "$u" test; return 0; fi
  done
  return 1
}

_mde_pg_private() {
  local base=$1 bindir runas port data="$1/data" tries ver
  bindir=$(_mde_pg_bindir) || return 1
  runas=$(_mde_pg_runuser) || return 1

  _mde_pg_dir_denied=0
  mkdir -p "$base" || return 1
  chmod 700 "$base" 2>/dev/null || true
  if [ "$(id -u)" = 0 ]; then chown "$runas:" "$base" || return 1; fi
  if ! _mde_as_user "$runas" test -w "$base"; then
    _mde_pg_dir_denied=1
    _mde_say "postgres: $runas cannot write $base (set MDE_TEST_PG_DIR or TMPDIR to a directory it can reach)"
    return 1
  fi

  # Reuse a running private cluster.
  if [ -f "$base/port" ] && [ -f "$data/postmaster.pid" ]; then
    port=$(cat "$base/port")
    if _mde_pg_ok 127.0.0.1 "$port" postgres test; then
      _mde_pg_use 127.0.0.1 "$port" postgres test
      _mde_say "postgres: reusing private cluster on 127.0.0.1:$port ($data)"
      return 0
    fi
  fi

  # The data directory must match the binaries; an unusable one is made again.
  if [ -f "$data/PG_VERSION" ]; then
    ver=$(cat "$data/PG_VERSION")
    if [ -x "/usr/lib/postgresql/$ver/bin/pg_ctl" ]; then bindir=/usr/lib/postgresql/$ver/bin
    else _mde_say "postgres: $data is from PostgreSQL $ver, not installed here: making a new one"; rm -rf "$data"
    fi
  fi
  if [ -f "$data/postmaster.pid" ] && _mde_as_user "$runas" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Running but not answering as expected (e.g. database `test` missing): stop our own private one.
    _mde_as_user "$runas" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    _mde_as_user "$runas" "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale --no-sync \
      >"$base/initdb.log" 2>&1 || { _mde_say "postgres: initdb failed, see $base/initdb.log"; return 1; }
  fi

  for tries in 1 2 3; do
    port=$(_mde_free_port $((54330 + (tries - 1) * 7))) || { _mde_say "postgres: no free port"; return 1; }
    if _mde_as_user "$runas" "$bindir/pg_ctl" -D "$data" -l "$base/postgres.log" -w -t 60 \
         -o "-p $port -k $base -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null 2>&1 {_mde_lockfd}>&-; then
      echo "$port" >"$base/port"
      break
    fi
    port=""
  done
  [ -n "$port" ] || { _mde_say "postgres: private cluster did not start, see $base/postgres.log"; return 1; }

  if ! _mde_pg_ok 127.0.0.1 "$port" postgres test; then
    PGCONNECT_TIMEOUT=5 psql -w -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -c 'create database test' </dev/null >/dev/null 2>&1 || true
  fi
  _mde_pg_ok 127.0.0.1 "$port" postgres test \
    || { _mde_say "postgres: private cluster on port $port does not answer, see $base/postgres.log"; return 1; }
  _mde_pg_use 127.0.0.1 "$port" postgres test
  MDE_TEST_ENV_STARTED="${MDE_TEST_ENV_STARTED:+$MDE_TEST_ENV_STARTED }postgres"
  _mde_say "postgres: started private cluster on 127.0.0.1:$port ($data)"
}

_mde_pg() {
  local host=${MDE_PG_PROBE_HOST:-127.0.0.1} port=${MDE_PG_PROBE_PORT:-5432} v started=0
  command -v psql >/dev/null 2>&1 || _mde_apt_install postgresql-client || _mde_apt_install postgresql || return 1

  if _mde_pg_machine "$host" "$port"; then
    _mde_say "postgres: using $host:$port (machine, user $MDE_TEST_PG_USER)"; return 0
  fi
  # The machine's own Debian cluster(s): start one that is stopped, never touch one that runs.
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    for v in /etc/postgresql/*/main; do
      [ -d "$v" ] || continue
      v=${v#/etc/postgresql/}; v=${v%/main}
      if _mde_as_root pg_ctlcluster "$v" main status >/dev/null 2>&1; then
        _mde_say "postgres: machine cluster $v/main is running but $host:$port takes no trust login to db test"
      else
        _mde_say "postgres: starting machine cluster $v/main"
        _mde_as_root timeout 90 pg_ctlcluster --skip-systemctl-redirect "$v" main start >/dev/null 2>&1 && started=1 \
          || _mde_say "postgres: machine cluster $v/main did not start"
      fi
    done
    if [ "$started" = 1 ] && _mde_pg_machine "$host" "$port"; then
      _mde_say "postgres: using $host:$port (machine, started, user $MDE_TEST_PG_USER)"; return 0
    fi
  fi
  local dir=${MDE_TEST_PG_DIR:-${TMPDIR:-/tmp}/mde-test-pg}
  _mde_locked "$dir.lock" _mde_pg_private "$dir" && return 0
  # A TMPDIR the server's user cannot reach (e.g. under /root): fall back to /tmp once.
  if [ -z "${MDE_TEST_PG_DIR:-}" ] && [ "$dir" != /tmp/mde-test-pg ] && [ "${_mde_pg_dir_denied:-}" = 1 ]; then
    _mde_say "postgres: falling back to /tmp/mde-test-pg"
    _mde_locked /tmp/mde-test-pg.lock _mde_pg_private /tmp/mde-test-pg && return 0
  fi
  return 1
}

# --- Redis -----------------------------------------------------------------------------------------

_mde_redis_ping() {  # HOST PORT : true if the server answers PONG
  local out
  if command -v redis-cli >/dev/null 2>&1; then
    out=$(timeout 5 redis-cli -h "$1" -p "$2" ping </dev/null 2>/dev/null) || return 1
  else
    out=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "PING\r\n" >&3 && head -c 7 <&3' _ "$1" "$2" 2>/dev/null) || return 1
  fi
  [ "${out%$'\r'}" = PONG ] || [ "${out%%$'\r'*}" = "+PONG" ]
}

_mde_redis() {
  local host=${MDE_REDIS_PROBE_HOST:-127.0.0.1} port=${MDE_REDIS_PROBE_PORT:-6379}
  local dir=${MDE_TEST_REDIS_DIR:-${TMPDIR:-/tmp}/mde-test-redis}
  if _mde_redis_ping "$host" "$port"; then
    export MDE_TEST_REDIS_URL="redis://$host:$port"
    _mde_say "redis: using $host:$port (machine)"; return 0
  fi
  _mde_locked "$dir.lock" _mde_redis_private "$dir"
}

_mde_redis_private() {
  local dir=$1 port tries
  mkdir -p "$dir" || return 1
  if [ -f "$dir/port" ] && [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null \
     && _mde_redis_ping 127.0.0.1 "$(cat "$dir/port")"; then
    port=$(cat "$dir/port")
    export MDE_TEST_REDIS_URL="redis://127.0.0.1:$port"
    _mde_say "redis: reusing private redis-server on 127.0.0.1:$port ($dir)"; return 0
  fi
  command -v redis-server >/dev/null 2>&1 || _mde_apt_install redis-server || return 1
  for tries in 1 2 3; do
    port=$(_mde_free_port $((56379 + (tries - 1) * 7))) || { _mde_say "redis: no free port"; return 1; }
    rm -f "$dir/redis.pid"
    if redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
         --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" </dev/null >/dev/null 2>&1 {_mde_lockfd}>&-; then
      for _ in $(seq 1 50); do _mde_redis_ping 127.0.0.1 "$port" && break; sleep 0.1; done
      if _mde_redis_ping 127.0.0.1 "$port"; then
        echo "$port" >"$dir/port"
        export MDE_TEST_REDIS_URL="redis://127.0.0.1:$port"
        MDE_TEST_ENV_STARTED="${MDE_TEST_ENV_STARTED:+$MDE_TEST_ENV_STARTED }redis"
        _mde_say "redis: started private redis-server on 127.0.0.1:$port ($dir)"; return 0
      fi
    fi
  done
  _mde_say "redis: private redis-server did not start, see $dir/redis.log"; return 1
}

# --- the stores as deployed (TLS, ACL, cluster, SCRAM): scripts/test-env-secure.sh ----------------------

# shellcheck source=scripts/test-env-secure.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-env-secure.sh"

# --- stop / status ---------------------------------------------------------------------------------

_mde_stop() {  # [postgres|redis]: only that one; both by default
  local base=${MDE_TEST_PG_DIR:-${TMPDIR:-/tmp}/mde-test-pg} dir=${MDE_TEST_REDIS_DIR:-${TMPDIR:-/tmp}/mde-test-redis}
  local ver pid which=${1:-}
  if [ "$which" = redis ]; then :
  elif [ -f "$base/data/PG_VERSION" ] && [ -f "$base/data/postmaster.pid" ]; then
    ver=$(cat "$base/data/PG_VERSION")
    _mde_as_user "$(stat -c %U "$base/data")" "/usr/lib/postgresql/$ver/bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1 \
      && _mde_say "postgres: stopped private cluster ($base/data)" || _mde_say "postgres: private cluster was not running"
  else
    _mde_say "postgres: no private cluster running"
  fi
  if [ "$which" = postgres ]; then :
  elif [ -f "$dir/redis.pid" ] && pid=$(cat "$dir/redis.pid") && kill -0 "$pid" 2>/dev/null \
     && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid" && _mde_say "redis: stopped private redis-server (pid $pid)"
    rm -f "$dir/redis.pid"
  else
    _mde_say "redis: no private redis-server running"
  fi
}

_mde_test_env_main() {
  case "${1:-}" in
    stop)
      case "${2:-}" in
        '') _mde_stop; _mde_secure_stop; return 0 ;;
        postgres|redis) _mde_stop "$2"; return 0 ;;
      esac
      _mde_say "usage: scripts/test-env.sh stop [postgres|redis]"; return 2 ;;
    status)
      MDE_TEST_PG_HOST='' MDE_TEST_REDIS_URL=''
      _mde_pg_machine "${MDE_PG_PROBE_HOST:-127.0.0.1}" "${MDE_PG_PROBE_PORT:-5432}" \
        && _mde_say "postgres: machine server answers" || _mde_say "postgres: machine server does not answer"
      _mde_redis_ping "${MDE_REDIS_PROBE_HOST:-127.0.0.1}" "${MDE_REDIS_PROBE_PORT:-6379}" \
        && _mde_say "redis: machine server answers" || _mde_say "redis: machine server does not answer"
      return 0 ;;
    ''|start) ;;
    *) _mde_say "usage: scripts/test-env.sh [start|stop [postgres|redis]|status]   (or: source scripts/test-env.sh)"; return 2 ;;
  esac
  MDE_TEST_ENV_STARTED=''
  _mde_pg || return 1
  _mde_redis || return 1
  _mde_secure_stores || return 1
  # ops-tests lints k8s/ with yamllint; without it that one check is skipped, nothing fails
  command -v yamllint >/dev/null 2>&1 || _mde_apt_install yamllint \
    || _mde_say "yamllint: not installed, ops-tests skips the k8s/ lint"
  return 0
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: ignore the caller's positional parameters, keep its shell options.
  # (a function called under `||` runs without errexit: every step above checks its own status)
  _mde_rc=0; _mde_test_env_main start || _mde_rc=$?
  unset -f _mde_say _mde_as_root _mde_apt_install _mde_free_port _mde_pg_ok _mde_pg_bindir _mde_pg_runuser \
    _mde_as_user _mde_pg_use _mde_pg_machine _mde_pg_private _mde_pg _mde_redis_ping _mde_redis _mde_redis_private _mde_stop \
    _mde_locked _mde_secure_dir _mde_tls_material _mde_redis_tls_ok _mde_redis_tls _mde_redis_cluster_ok _mde_redis_cluster \
    _mde_pg_tls_ok _mde_pg_tls _mde_secure_stores_start _mde_secure_stores _mde_secure_stop \
    _mde_test_env_main
  unset _MDE_REDIS_TLS_USER _MDE_REDIS_TLS_PASSWORD _MDE_REDIS_CLUSTER_PASSWORD _MDE_PG_TLS_USER _MDE_PG_TLS_PASSWORD
  unset _mde_pg_dir_denied
  unset _mde_lockfd
  if [ "$_mde_rc" != 0 ]; then unset _mde_rc; printf 'test-env: FAILED\n' >&2; return 1; fi
  unset _mde_rc
else
  set -euo pipefail
  _mde_test_env_main "$@" || { printf 'test-env: FAILED\n' >&2; exit 1; }
  if [ "${1:-start}" = start ]; then
    for _v in MDE_TEST_PG_HOST MDE_TEST_PG_PORT MDE_TEST_PG_DB MDE_TEST_PG_USER MDE_TEST_PG_JDBC_URL MDE_TEST_REDIS_URL \
              MDE_TEST_TLS_CA_FILE MDE_TEST_REDIS_TLS_URL MDE_TEST_REDIS_CLUSTER_URL MDE_TEST_REDIS_CLUSTER_PASSWORD \
              MDE_TEST_PG_TLS_URL MDE_TEST_PG_TLS_USER MDE_TEST_PG_TLS_PASSWORD; do
      printf 'export %s=%q\n' "$_v" "${!_v:-}"
    done
  fi
fi
