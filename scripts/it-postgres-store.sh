#!/usr/bin/env bash
# Runs the integration tests again with the gateway's store on a real PostgreSQL: starts a
# private PostgreSQL 15 cluster, creates the store's database and login, and runs the
# liberty-config integration tests with gatehouse.store=postgres (unit tests already ran).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${GATEHOUSE_IT_STORE_PORT:-55431}
DIR=$(mktemp -d /tmp/gatehouse-store-XXXXXX)
chmod 755 "$DIR"
cleanup() { scripts/pg-test-cluster.sh stop "$DIR" "$PORT" || true; rm -rf "$DIR"; }
trap cleanup EXIT

scripts/pg-test-cluster.sh start "$DIR" "$PORT"
PGPASSWORD=gh_admin_pw psql -q -h 127.0.0.1 -p "$PORT" -U gh_admin -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE gatehouse LOGIN PASSWORD 'gatehouse_it_store'" \
  -c "CREATE DATABASE gatehouse OWNER gatehouse"

mvn -B -ntp verify -Dunit.skip=true -Dit.store=postgres \
  -Dit.db.port="$PORT" -Dit.db.password=gatehouse_it_store
