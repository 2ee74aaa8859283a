#!/usr/bin/env bash
# Builds Gatehouse and runs it in the foreground on the embedded Derby store, in dev mode
# (no identity provider configured). Ctrl-C stops it. Any gatehouse.* setting can be given as
# an environment variable, e.g. GATEHOUSE_HTTP_PORT=9081 scripts/run-dev.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
exec liberty-config/target/liberty/wlp/bin/server run gatehouse
