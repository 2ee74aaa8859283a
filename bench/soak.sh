#!/usr/bin/env bash
# Soak: the bounded mixed load of scripts/reliability-test.sh (psql sessions, pgbench with a new
# connection per transaction, ssh commands, all through one gateway server with -Xmx512m) for
# SOAK_SECONDS (default 1800 = 30 minutes), sampling the server JVM every 10 s (heap after a full
# GC via jcmd, threads and file descriptors via /proc) into metrics.csv, then IDLE_SESSIONS
# (default 1000) idle PostgreSQL sessions held for IDLE_SECONDS (default 120). Passes with 0
# failed sessions and heap/threads/fds flat. Not part of the test suite.
#
#   bench/soak.sh                                   30 minutes + 1,000 idle sessions
#   SOAK_SECONDS=120 IDLE_SESSIONS=200 bench/soak.sh   a short look
#
# Ports as in scripts/reliability-test.sh (override STORE_PORT, TARGET_PORT, ... there).
set -uo pipefail
cd "$(dirname "$0")/.."
export LOAD_ONLY=1 KEEP=1
export LOAD_SECONDS=${SOAK_SECONDS:-1800}
export IDLE_SESSIONS=${IDLE_SESSIONS:-1000}
export IDLE_SECONDS=${IDLE_SECONDS:-120}
export HEAP=${HEAP:-512m}
export POOL_MAX=${POOL_MAX:-$((IDLE_SESSIONS + 100))}  # one target backend per session
exec scripts/reliability-test.sh
