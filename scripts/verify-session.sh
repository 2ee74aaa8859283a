#!/usr/bin/env bash
# Verifies a recorded session offline: fetches the session (with its seal), the seal public keys
# and every page of its events through the API, then runs the JDK-only verifier on the export.
#   scripts/verify-session.sh SESSION_ID [EXPORT_DIR]
# Environment: GATEHOUSE_URL (default http://localhost:9080), GATEHOUSE_TOKEN (an auditor's token;
# in dev mode one is minted on loopback when unset), GATEHOUSE_SEAL_KEYS (a seal-keys.json you
# trust; default: fetched from the same server), VERIFIER_JAR (default: the built connectors-jca jar).
# Exit: 0 valid, 1 not valid, 2 bad input.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: $0 SESSION_ID [EXPORT_DIR]" >&2; exit 2; }
ID=$1
URL=${GATEHOUSE_URL:-http://localhost:9080}
API=$URL/api/v1
OUT=${2:-$(mktemp -d /tmp/gatehouse-verify-XXXXXX)}
mkdir -p "$OUT"

if [[ -z ${GATEHOUSE_TOKEN:-} ]]; then
  GATEHOUSE_TOKEN=$(curl -sf -X POST "$API/dev/token" -H 'Content-Type: application/json' \
    -H 'Accept: text/plain' -d '{"subject":"verify-session","groups":["gatehouse-auditor"]}') \
    || { echo "set GATEHOUSE_TOKEN (no dev token endpoint at $URL)" >&2; exit 2; }
fi
AUTH="Authorization: Bearer $GATEHOUSE_TOKEN"

curl -sf -H "$AUTH" "$API/sessions/$ID" >"$OUT/session.json" \
  || { echo "cannot read session $ID from $API" >&2; exit 2; }
if [[ -n ${GATEHOUSE_SEAL_KEYS:-} ]]; then
  cp "$GATEHOUSE_SEAL_KEYS" "$OUT/seal-keys.json"
else
  curl -sf "$API/seal-keys" >"$OUT/seal-keys.json"
fi

# Pages of up to 1000 events; the next page starts after the last sequence number seen.
AFTER=0 PAGE=1 FILES=()
while :; do
  FILE=$OUT/events-$PAGE.json
  curl -sf -H "$AUTH" "$API/sessions/$ID/events?after=$AFTER&limit=1000" >"$FILE"
  FILES+=("$FILE")
  LAST=$(grep -o '"sequence":[0-9]*' "$FILE" | tail -n 1 | cut -d: -f2 || true)
  COUNT=$(grep -o '"sequence":[0-9]*' "$FILE" | wc -l)
  [[ $COUNT -lt 1000 || -z $LAST ]] && break
  AFTER=$LAST PAGE=$((PAGE + 1))
done

JAR=${VERIFIER_JAR:-$(ls connectors-jca/target/connectors-jca-*.jar 2>/dev/null | grep -v sources | head -n 1)}
[[ -n $JAR && -f $JAR ]] || { echo "no verifier jar: build first (mvn -DskipTests package) or set VERIFIER_JAR" >&2; exit 2; }
echo "export kept in $OUT" >&2
exec java -cp "$JAR" io.gatehouse.recording.VerifyRecording \
  --session "$OUT/session.json" --keys "$OUT/seal-keys.json" "${FILES[@]}"
