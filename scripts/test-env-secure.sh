# Sourced by scripts/test-env.sh: the stores "as deployed" that the store-configuration tests need, started
# privately next to the plain ones (the machine's own servers are never touched):
#
#   a test CA and a server certificate for localhost/127.0.0.1   MDE_TEST_TLS_CA_FILE
#   Redis over TLS only, with an ACL user (default user off)      MDE_TEST_REDIS_TLS_URL  rediss://mde:...@localhost:P
#   a Redis Cluster of three masters with a password              MDE_TEST_REDIS_CLUSTER_URL redis://127.0.0.1:P
#                                                                  MDE_TEST_REDIS_CLUSTER_PASSWORD
#   PostgreSQL that only takes TLS and SCRAM passwords             MDE_TEST_PG_TLS_URL     postgresql://localhost:P/test
#                                                                  MDE_TEST_PG_TLS_USER / MDE_TEST_PG_TLS_PASSWORD
#
# Everything lives under ${MDE_TEST_SECURE_DIR:-${TMPDIR:-/tmp}/mde-test-secure} and is reused by later runs
# while it runs. Set MDE_TEST_SECURE_STORES=off to skip them (the tests that need them then fail, naming this).
# Uses test-env.sh's helpers (_mde_say, _mde_free_port, _mde_locked, _mde_pg_bindir, _mde_pg_runuser, _mde_as_user,
# _mde_apt_install). The passwords are test fixtures of private servers bound to 127.0.0.1, not secrets.

_mde_secure_dir() { echo "${MDE_TEST_SECURE_DIR:-${TMPDIR:-/tmp}/mde-test-secure}"; }

# _mde_tls_material DIR : a CA and a localhost server certificate signed by it (PEM), made once.
_mde_tls_material() {
  local d=$1/tls
  if [ -s "$d/ca.crt" ] && [ -s "$d/server.crt" ] && [ -s "$d/server.key" ]; then return 0; fi
  command -v openssl >/dev/null 2>&1 || _mde_apt_install openssl || return 1
  mkdir -p "$d" || return 1
  (
    cd "$d" || exit 1
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mde test CA" -keyout ca.key -out ca.crt \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" >/dev/null 2>&1 || exit 1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr >/dev/null 2>&1 || exit 1
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile server.ext \
      -out server.crt >/dev/null 2>&1 || exit 1
    chmod 644 ca.crt server.crt server.key
  ) || { _mde_say "secure stores: could not make the test certificates in $d"; return 1; }
}

# --- Redis over TLS with an ACL user ----------------------------------------------------------------

_MDE_REDIS_TLS_USER=mde
_MDE_REDIS_TLS_PASSWORD=mde-tls-test-password

_mde_redis_tls_ok() {  # DIR PORT
  local out
  out=$(timeout 5 redis-cli --tls --cacert "$1/tls/ca.crt" -h localhost -p "$2" --user "$_MDE_REDIS_TLS_USER" \
        --pass "$_MDE_REDIS_TLS_PASSWORD" --no-auth-warning ping </dev/null 2>/dev/null) || return 1
  [ "$out" = PONG ]
}

_mde_redis_tls() {
  local dir=$1 r=$1/redis-tls port
  mkdir -p "$r" || return 1
  if [ -f "$r/port" ] && _mde_redis_tls_ok "$dir" "$(cat "$r/port")"; then
    port=$(cat "$r/port")
  else
    port=$(_mde_free_port 57379) || return 1
    redis-server --bind 127.0.0.1 --port 0 --tls-port "$port" --tls-cert-file "$dir/tls/server.crt" \
      --tls-key-file "$dir/tls/server.key" --tls-ca-cert-file "$dir/tls/ca.crt" --tls-auth-clients no \
      --save '' --appendonly no --daemonize yes --dir "$r" --pidfile "$r/redis.pid" --logfile "$r/redis.log" \
      --user default off --user "$_MDE_REDIS_TLS_USER" on ">$_MDE_REDIS_TLS_PASSWORD" '~*' '&*' '+@all' \
      </dev/null >/dev/null 2>&1 {_mde_lockfd}>&- || { _mde_say "secure stores: TLS redis-server did not start ($r/redis.log)"; return 1; }
    for _ in $(seq 1 50); do _mde_redis_tls_ok "$dir" "$port" && break; sleep 0.1; done
    _mde_redis_tls_ok "$dir" "$port" || { _mde_say "secure stores: TLS redis-server does not answer ($r/redis.log)"; return 1; }
    echo "$port" >"$r/port"
    _mde_say "secure stores: started Redis TLS+ACL on localhost:$port"
  fi
  export MDE_TEST_REDIS_TLS_URL="rediss://$_MDE_REDIS_TLS_USER:$_MDE_REDIS_TLS_PASSWORD@localhost:$port"
}

# --- Redis Cluster ------------------------------------------------------------------------------------

_MDE_REDIS_CLUSTER_PASSWORD=mde-cluster-test-password

_mde_redis_cluster_ok() {  # PORT : the cluster answers and has every slot
  timeout 5 redis-cli -h 127.0.0.1 -p "$1" -a "$_MDE_REDIS_CLUSTER_PASSWORD" --no-auth-warning cluster info </dev/null 2>/dev/null \
    | grep -q '^cluster_state:ok'
}

_mde_redis_cluster() {
  local dir=$1 c=$1/redis-cluster first p ports=() i
  mkdir -p "$c" || return 1
  if [ -f "$c/ports" ] && _mde_redis_cluster_ok "$(head -n 1 "$c/ports")"; then
    first=$(head -n 1 "$c/ports")
  else
    # Stale nodes from an earlier run (a cluster config names its peers' ports): start afresh.
    if [ -f "$c/ports" ]; then
      while read -r p; do timeout 5 redis-cli -h 127.0.0.1 -p "$p" -a "$_MDE_REDIS_CLUSTER_PASSWORD" --no-auth-warning \
        shutdown nosave </dev/null >/dev/null 2>&1 || true; done <"$c/ports"
    fi
    rm -rf "${c:?}"/* && mkdir -p "$c"
    p=41000
    for i in 1 2 3; do
      p=$(_mde_free_port "$p") || return 1
      # the cluster bus listens on port + 10000: that one must be free too
      while [ "$(_mde_free_port $((p + 10000)))" != $((p + 10000)) ]; do p=$(_mde_free_port $((p + 1))) || return 1; done
      mkdir -p "$c/$p"
      redis-server --bind 127.0.0.1 --port "$p" --cluster-enabled yes --cluster-config-file "$c/$p/nodes.conf" \
        --cluster-node-timeout 2000 --requirepass "$_MDE_REDIS_CLUSTER_PASSWORD" --masterauth "$_MDE_REDIS_CLUSTER_PASSWORD" \
        --save '' --appendonly no --daemonize yes --dir "$c/$p" --pidfile "$c/$p/redis.pid" --logfile "$c/$p/redis.log" \
        </dev/null >/dev/null 2>&1 {_mde_lockfd}>&- || { _mde_say "secure stores: cluster node $p did not start"; return 1; }
      ports+=("$p")
      p=$((p + 1))
    done
    for p in "${ports[@]}"; do
      for _ in $(seq 1 50); do
        timeout 2 redis-cli -h 127.0.0.1 -p "$p" -a "$_MDE_REDIS_CLUSTER_PASSWORD" --no-auth-warning ping </dev/null 2>/dev/null \
          | grep -q PONG && break
        sleep 0.1
      done
    done
    timeout 60 redis-cli -a "$_MDE_REDIS_CLUSTER_PASSWORD" --no-auth-warning --cluster create \
      $(for p in "${ports[@]}"; do printf '127.0.0.1:%s ' "$p"; done) --cluster-replicas 0 --cluster-yes \
      </dev/null >"$c/create.log" 2>&1 || { _mde_say "secure stores: redis-cli --cluster create failed ($c/create.log)"; return 1; }
    first=${ports[0]}
    for _ in $(seq 1 100); do _mde_redis_cluster_ok "$first" && break; sleep 0.1; done
    _mde_redis_cluster_ok "$first" || { _mde_say "secure stores: the cluster did not reach cluster_state:ok"; return 1; }
    printf '%s\n' "${ports[@]}" >"$c/ports"
    _mde_say "secure stores: started a Redis Cluster of 3 masters on 127.0.0.1:${ports[*]}"
  fi
  export MDE_TEST_REDIS_CLUSTER_URL="redis://127.0.0.1:$first"
  export MDE_TEST_REDIS_CLUSTER_PASSWORD="$_MDE_REDIS_CLUSTER_PASSWORD"
}

# --- PostgreSQL over TLS with SCRAM passwords --------------------------------------------------------

_MDE_PG_TLS_USER=mde
_MDE_PG_TLS_PASSWORD=mde-pg-tls-test-password

_mde_pg_tls_ok() {  # DIR PORT : a verify-full TLS login with the password works
  local out
  out=$(PGCONNECT_TIMEOUT=3 PGPASSWORD="$_MDE_PG_TLS_PASSWORD" PGSSLMODE=verify-full PGSSLROOTCERT="$1/tls/ca.crt" \
        timeout 15 psql -w -X -q -t -A -h localhost -p "$2" -U "$_MDE_PG_TLS_USER" -d test -c 'select 1' </dev/null 2>/dev/null) || return 1
  [ "$out" = 1 ]
}

_mde_pg_tls() {
  local dir=$1 base=$1/pg-tls data=$1/pg-tls/data bindir runas port ver
  bindir=$(_mde_pg_bindir) || return 1
  runas=$(_mde_pg_runuser) || return 1
  mkdir -p "$base" || return 1
  chmod 755 "$dir" 2>/dev/null || true
  chmod 700 "$base" 2>/dev/null || true
  if [ "$(id -u)" = 0 ]; then chown "$runas:" "$base" || return 1; fi
  if [ -f "$base/port" ] && _mde_pg_tls_ok "$dir" "$(cat "$base/port")"; then
    port=$(cat "$base/port")
  else
    if [ -f "$data/PG_VERSION" ]; then
      ver=$(cat "$data/PG_VERSION")
      [ -x "/usr/lib/postgresql/$ver/bin/pg_ctl" ] && bindir=/usr/lib/postgresql/$ver/bin
      _mde_as_user "$runas" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
    _mde_as_user "$runas" "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale --no-sync \
      >"$base/initdb.log" 2>&1 || { _mde_say "secure stores: initdb failed ($base/initdb.log)"; return 1; }
    cp "$dir/tls/server.crt" "$data/server.crt" && cp "$dir/tls/server.key" "$data/server.key" || return 1
    if [ "$(id -u)" = 0 ]; then chown "$runas:" "$data/server.crt" "$data/server.key"; fi
    chmod 600 "$data/server.key"
    # TLS only, SCRAM passwords; local socket logins (this script's own setup) stay trusted
    cat >"$data/pg_hba.conf" <<'HBA'
local     all all                 trust
hostnossl all all 0.0.0.0/0       reject
hostnossl all all ::/0            reject
hostssl   all all 127.0.0.1/32    scram-sha-256
hostssl   all all ::1/128         scram-sha-256
HBA
    if [ "$(id -u)" = 0 ]; then chown "$runas:" "$data/pg_hba.conf"; fi
    port=$(_mde_free_port 55433) || return 1
    _mde_as_user "$runas" "$bindir/pg_ctl" -D "$data" -l "$base/postgres.log" -w -t 60 \
      -o "-p $port -k $base -c listen_addresses=localhost -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key -c password_encryption=scram-sha-256 -c fsync=off -c synchronous_commit=off -c max_connections=100" \
      start >/dev/null 2>&1 {_mde_lockfd}>&- || { _mde_say "secure stores: TLS PostgreSQL did not start ($base/postgres.log)"; return 1; }
    psql -w -X -q -h "$base" -p "$port" -U postgres -d postgres </dev/null >/dev/null 2>&1 <<SQL || { _mde_say "secure stores: could not create the TLS PostgreSQL user"; return 1; }
create role $_MDE_PG_TLS_USER login password '$_MDE_PG_TLS_PASSWORD';
create database test owner $_MDE_PG_TLS_USER;
SQL
    _mde_pg_tls_ok "$dir" "$port" || { _mde_say "secure stores: TLS PostgreSQL does not take the test login ($base/postgres.log)"; return 1; }
    echo "$port" >"$base/port"
    _mde_say "secure stores: started PostgreSQL (TLS only, SCRAM) on localhost:$port"
  fi
  export MDE_TEST_PG_TLS_URL="postgresql://localhost:$port/test"
  export MDE_TEST_PG_TLS_USER="$_MDE_PG_TLS_USER" MDE_TEST_PG_TLS_PASSWORD="$_MDE_PG_TLS_PASSWORD"
}

_mde_secure_stores_start() {
  local dir
  dir=$(_mde_secure_dir)
  mkdir -p "$dir" || return 1
  command -v redis-server >/dev/null 2>&1 || _mde_apt_install redis-server || return 1
  command -v redis-cli >/dev/null 2>&1 || _mde_apt_install redis-tools || return 1
  _mde_tls_material "$dir" || return 1
  export MDE_TEST_TLS_CA_FILE="$dir/tls/ca.crt"
  _mde_redis_tls "$dir" || return 1
  _mde_redis_cluster "$dir" || return 1
  _mde_pg_tls "$dir" || return 1
}

_mde_secure_stores() {
  if [ "${MDE_TEST_SECURE_STORES:-on}" = off ]; then
    _mde_say "secure stores: skipped (MDE_TEST_SECURE_STORES=off)"; return 0
  fi
  local dir
  dir=$(_mde_secure_dir)
  mkdir -p "$dir" || return 1
  _mde_locked "$dir.lock" _mde_secure_stores_start
}

_mde_secure_stop() {
  local dir p ver data
  dir=$(_mde_secure_dir)
  [ -f "$dir/redis-tls/redis.pid" ] && kill "$(cat "$dir/redis-tls/redis.pid")" 2>/dev/null \
    && _mde_say "secure stores: stopped Redis TLS"
  if [ -f "$dir/redis-cluster/ports" ]; then
    while read -r p; do
      [ -f "$dir/redis-cluster/$p/redis.pid" ] && kill "$(cat "$dir/redis-cluster/$p/redis.pid")" 2>/dev/null
    done <"$dir/redis-cluster/ports"
    _mde_say "secure stores: stopped the Redis Cluster"
  fi
  data=$dir/pg-tls/data
  if [ -f "$data/PG_VERSION" ] && [ -f "$data/postmaster.pid" ]; then
    ver=$(cat "$data/PG_VERSION")
    _mde_as_user "$(stat -c %U "$data")" "/usr/lib/postgresql/$ver/bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 \
      && _mde_say "secure stores: stopped TLS PostgreSQL"
  fi
  return 0
}
