#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what the tests need when it is missing, then
# unit tests, integration tests against a started Liberty on the embedded Derby store, a 60 s
# coverage-guided fuzzing run of the PostgreSQL wire decoders, and the same integration tests
# against a real PostgreSQL store.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

echo "== build, unit tests, integration tests (Derby store)"
mvn -B -ntp verify

echo "== coverage-guided fuzzing of the PostgreSQL wire decoders (Jazzer, 60 s)"
scripts/fuzz-test.sh

echo "== integration tests on a PostgreSQL store"
scripts/it-postgres-store.sh

echo "== two gateway servers on one PostgreSQL store (terminations, grants across servers)"
SKIP_BUILD=1 scripts/two-servers-test.sh

echo "== one gateway server killed and restarted (a grant's persistent timer still fires)"
SKIP_BUILD=1 scripts/restart-timer-test.sh
echo "== failure modes: kill -9 mid-traffic, store down (strict), targets down, bounded mixed load"
SKIP_BUILD=1 scripts/reliability-test.sh
