#!/usr/bin/env bash
# Builds Gatehouse and runs it in the foreground on the embedded Derby store, in dev mode
# (no identity provider configured). Ctrl-C stops it. Any gatehouse.* setting can be given as
# an environment variable, e.g. GATEHOUSE_HTTP_PORT=9081 scripts/run-dev.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests package
server=liberty-config/target/liberty/wlp/usr/servers/gatehouse
# A test run leaves its own settings (ports, store) in the server's bootstrap.properties, which
# would outrank the environment: start from the project's file.
cp liberty-config/src/main/liberty/config/bootstrap.properties "$server/bootstrap.properties"
exec liberty-config/target/liberty/wlp/bin/server run gatehouse
