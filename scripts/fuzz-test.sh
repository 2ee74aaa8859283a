#!/usr/bin/env bash
# Coverage-guided fuzzing of the PostgreSQL wire decoders: runs WireFuzzTest#fuzzWire with
# JAZZER_FUZZ=1 for the budget its @FuzzTest(maxDuration) sets (60 s; a plain `mvn verify` only
# replays the inputs). Needs the build's dependencies in the local repository (run after
# `mvn verify`; it runs offline). A finding fails this step: Jazzer writes its input to
# WireFuzzTestInputs/fuzzWire/crash-<sha1> (every later build replays it: commit it with the fix)
# and this script prints each crash input in base64 so the CI log carries it.
# The full libFuzzer output is in connectors-jca/target/fuzz-wire.log; here its NEW/REDUCE lines
# are left out.
set -euo pipefail
cd "$(dirname "$0")/.."

inputs=connectors-jca/src/test/resources/io/gatehouse/pg/wire/WireFuzzTestInputs/fuzzWire
log=connectors-jca/target/fuzz-wire.log
mkdir -p connectors-jca/target
before=$(ls "$inputs")

status=0
# timeout: a hard stop well above the 60 s budget (JVM start, compile check, instrumentation).
JAZZER_FUZZ=1 timeout 600 mvn -B -ntp -o -pl connectors-jca test \
  -Dtest='WireFuzzTest#fuzzWire' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -DargLine=-Xmx1g 2>&1 |
  tee "$log" | grep -a -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE)' || status=$?

for f in "$inputs"/crash-*; do
  [ -e "$f" ] || continue
  if ! grep -qxF "$(basename "$f")" <<<"$before"; then
    echo "== fuzzing found a crash: $f ($(wc -c <"$f") bytes), base64:"
    base64 "$f"
    status=1
  fi
done
if [ "$status" -ne 0 ]; then
  echo "== fuzz step FAILED (exit $status); full output: $log"
  exit "$status"
fi
grep -a -E '^Done [0-9]+ runs' "$log" || { echo "== fuzz step: no libFuzzer summary in $log"; exit 1; }
