#!/usr/bin/env bash
# A large masked result through the gateway with bounded memory (in process, real PostgreSQL,
# JDBC with a fetch size): runs PgLargeResultTest with a 1,000 MB result instead of the suite's
# 200 MB. Prints the throughput and the live heap before and during the stream.
#
#   bench/pg-large-result.sh [MEGABYTES]     # default 1000
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-1000}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
mvn -o -q -pl connectors-jca test -Dtest=PgLargeResultTest -Dgatehouse.largeResultMb="$mb" \
  >"$log" 2>&1 || status=$?
grep -E "large result|Tests run|FAIL|AssertionError" "$log" || true
exit "$status"
