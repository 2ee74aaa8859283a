#!/usr/bin/env bash
# Private PostgreSQL 15 cluster for tests: pg-test-cluster.sh start|stop|url DIR PORT
#
# start: initdb (scram-sha-256) as the 'postgres' OS user when run as root, TLS with a
#        throw-away CA (DIR/tls/ca.crt; server cert for DNS:localhost only, so
#        verify-full against 127.0.0.1 fails on purpose), listens on 127.0.0.1:PORT,
#        creates the roles below and database gatehouse_test. Idempotent.
# stop:  stops the cluster if it runs.  url: prints the JDBC URL.
# Prints nothing but errors. Roles and passwords (test-only, loopback-only):
#   gh_admin/gh_admin_pw (superuser, scram)  gh_scram/gh_scram_pw (scram-sha-256)
#   gh_md5/gh_md5_pw (md5)  gh_clear/gh_clear_pw (password)  gh_trust (trust)
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
usage() { echo "usage: $0 start|stop|url DIR PORT" >&2; exit 2; }
[[ $# -eq 3 ]] || usage
ACTION=$1 DIR=$2 PORT=$3
[[ $PORT =~ ^[0-9]+$ ]] || usage
DATA=$DIR/data
LOG=$DIR/setup.log

# Run a command as the cluster owner: 'postgres' when we are root, else ourselves.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

fail() {
  echo "pg-test-cluster: $*" >&2
  [[ -f $LOG ]] && tail -n 30 "$LOG" >&2
  [[ -f $DIR/server.log ]] && tail -n 30 "$DIR/server.log" >&2
  exit 1
}

running() { [[ -f $DATA/postmaster.pid ]] && as_owner "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

make_certs() {
  local tls=$DIR/tls
  [[ -f $tls/server.crt ]] && return 0
  mkdir -p "$tls"
  {
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Gatehouse Test CA" \
      -keyout "$tls/ca.key" -out "$tls/ca.crt"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Unrelated Test CA" \
      -keyout "$tls/other-ca.key" -out "$tls/other-ca.crt"
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
      -keyout "$tls/server.key" -out "$tls/server.csr"
    printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' >"$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
      -CAcreateserial -days 3650 -extfile "$tls/server.ext" -out "$tls/server.crt"
  } >>"$LOG" 2>&1 || fail "openssl failed"
  chmod 600 "$tls/server.key"
}

init_cluster() {
  [[ -f $DATA/PG_VERSION ]] && return 0
  printf 'gh_admin_pw\n' >"$DIR/.pwfile"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$DIR"
  as_owner "$PGBIN/initdb" -D "$DATA" -A scram-sha-256 -U gh_admin --pwfile="$DIR/.pwfile" \
    -E UTF8 --locale=C.UTF-8 >>"$LOG" 2>&1 || fail "initdb failed"
  rm -f "$DIR/.pwfile"
  cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
ssl = on
ssl_cert_file = '$DIR/tls/server.crt'
ssl_key_file = '$DIR/tls/server.key'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 32MB
CONF
  # First match wins: socket trust for setup (private directory), then one method per role.
  cat >"$DATA/pg_hba.conf" <<HBA
local all all                      trust
host  all gh_trust 127.0.0.1/32    trust
host  all gh_md5   127.0.0.1/32    md5
host  all gh_clear 127.0.0.1/32    password
host  all all      127.0.0.1/32    scram-sha-256
HBA
}

create_roles() {
  as_owner "$PGBIN/psql" -h "$DIR" -p "$PORT" -U gh_admin -d postgres -qAtX -v ON_ERROR_STOP=1 \
    >>"$LOG" 2>&1 <<'SQL' || fail "role setup failed"
SET client_min_messages = warning;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gh_scram') THEN CREATE ROLE gh_scram LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gh_md5')   THEN CREATE ROLE gh_md5 LOGIN;   END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gh_clear') THEN CREATE ROLE gh_clear LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gh_trust') THEN CREATE ROLE gh_trust LOGIN; END IF;
END $$;
SET password_encryption = 'scram-sha-256';
ALTER ROLE gh_scram PASSWORD 'gh_scram_pw';
ALTER ROLE gh_clear PASSWORD 'gh_clear_pw';
SET password_encryption = 'md5';
ALTER ROLE gh_md5 PASSWORD 'gh_md5_pw';
SELECT 'CREATE DATABASE gatehouse_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'gatehouse_test')
\gexec
GRANT ALL ON DATABASE gatehouse_test TO gh_scram, gh_md5, gh_clear, gh_trust;
SQL
}

start() {
  mkdir -p "$DIR"
  [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1 && fail "running as root needs a 'postgres' user"
  if running; then return 0; fi
  make_certs
  init_cluster
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$DIR"
  chmod 700 "$DIR"
  as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start >>"$LOG" 2>&1 \
    || fail "pg_ctl start failed"
  create_roles
}

stop() {
  [[ -d $DATA ]] || return 0
  if running; then
    as_owner "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >>"$LOG" 2>&1 || fail "pg_ctl stop failed"
  fi
}

case $ACTION in
  start) start ;;
  stop) stop ;;
  url) echo "jdbc:postgresql://127.0.0.1:$PORT/gatehouse_test" ;;
  *) usage ;;
esac
