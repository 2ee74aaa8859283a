#!/usr/bin/env bash
# One gateway server restarted: checks that a grant's persistent EJB timer survives the restart.
# A 30 s grant is approved, the server is killed (kill -9: a crash, the hard case; a graceful
# `server stop` only adds Liberty's quiesce wait) before the grant ends and started again after
# it; the grant must then be expired by its timer (and its grant.expired notification queued in
# the outbox), without anyone touching it.
#
#   scripts/restart-timer-test.sh          build first unless SKIP_BUILD=1
#
# Runs the build's server (embedded Derby store: the timers live in the same database) from a
# private user and output directory. Ports from HTTP_PORT HTTPS_PORT PG_PORT SSH_PORT (defaults
# 19780 19790 25931 22931). Prints PASS/FAIL per check, exits non-zero when one fails. Needs
# curl and jq. Takes two to three minutes (two server starts, the grant's 30 s, and the timer
# store's poll after the restart).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HTTP=${HTTP_PORT:-19780} HTTPS=${HTTPS_PORT:-19790} PG=${PG_PORT:-25931} SSH=${SSH_PORT:-22931}
GRANT_SECONDS=30
WLP=$ROOT/liberty-config/target/liberty/wlp
WORK=$(mktemp -d /tmp/gatehouse-restart-XXXXXX)
chmod 755 "$WORK"
FAILED=0

log() { printf '%s %s\n' "$(date +%T)" "$*"; }
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; FAILED=1; }

server_cmd() { # start|stop
  env WLP_USER_DIR="$WORK/usr" WLP_OUTPUT_DIR="$WORK/out" \
    GATEHOUSE_HTTP_PORT="$HTTP" GATEHOUSE_HTTPS_PORT="$HTTPS" GATEHOUSE_POSTGRES_PORT="$PG" \
    GATEHOUSE_SSH_PORT="$SSH" GATEHOUSE_LISTEN_HOST=127.0.0.1 GATEHOUSE_HOST=127.0.0.1 \
    GATEHOUSE_GRANT_MIN_SECONDS=1 GATEHOUSE_NOTIFY_TIMEOUT_SECONDS=1 \
    "$WLP/bin/server" "$1" gatehouse
}

cleanup() {
  [[ -d $WORK/out ]] && server_cmd stop >/dev/null 2>&1
  if [[ $FAILED -eq 0 && -z ${KEEP:-} ]]; then rm -rf "$WORK"; else echo "logs kept in $WORK"; fi
}
trap cleanup EXIT

for port in $HTTP $HTTPS $PG $SSH; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use; stop what holds it or set HTTP_PORT/HTTPS_PORT/PG_PORT/SSH_PORT" >&2
    exit 1
  fi
done

if [[ -z ${SKIP_BUILD:-} ]]; then
  log "building (mvn -DskipTests package)"
  mvn -q -B -ntp -DskipTests package || { echo "build failed"; exit 1; }
fi
[[ -f $WLP/usr/servers/gatehouse/apps/gatehouse.ear ]] || { echo "no built server in $WLP"; exit 1; }

mkdir -p "$WORK/usr/servers" "$WORK/out"
cp -r "$WLP/usr/servers/gatehouse" "$WORK/usr/servers/"
# An integration-test run leaves its ports in bootstrap.properties, which outrank the environment.
sed -i '/^gatehouse\./d' "$WORK/usr/servers/gatehouse/bootstrap.properties"
rm -rf "$WORK/usr/servers/gatehouse/workarea"

await_ready() {
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}
LOGFILE=$WORK/out/gatehouse/logs/messages.log
API=http://127.0.0.1:$HTTP/api/v1
token() { # subject groups-json
  curl -sf -X POST "$API/dev/token" -H 'Content-Type: application/json' -H 'Accept: text/plain' \
    -d "{\"subject\":\"$1\",\"groups\":$2}"
}
api() { # method path token [body]
  curl -s -X "$1" "$API$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
    ${4:+-d "$4"}
}

log "starting the server"
server_cmd start >"$WORK/start1.log" 2>&1
await_ready || { fail "the server did not become ready"; tail -30 "$LOGFILE"; exit 1; }
ADMIN=$(token admin '["gatehouse-admin"]')
REVIEWER=$(token rita '["gatehouse-reviewer"]')
DEV=$(token dev1 '["developers"]')

# The webhook is a closed port: the point is the outbox row, which exists whether posts work.
api PUT /policies/restart "$ADMIN" \
  '{"name":"restart","notifications":{"webhookUrl":"http://127.0.0.1:9/hook","events":["grant.expired"]}}' >/dev/null
api POST /connections "$ADMIN" '{"name":"restart-db","type":"postgres",
  "target":{"host":"127.0.0.1","port":1,"database":"d"},"tls":{"mode":"disable"},
  "credential":{"username":"u","password":"p"},"accessGroups":["developers"],"policy":"restart"}' \
  >/dev/null
grant=$(api POST /grants "$DEV" \
  "{\"connection\":\"restart-db\",\"durationSeconds\":$GRANT_SECONDS,\"reason\":\"restart test\"}" |
  jq -r .id)
approved=$(api POST "/grants/$grant/approve" "$REVIEWER" '{"reason":"ok"}')
ends=$(jq -r .endsAt <<<"$approved")
if [[ $(jq -r .status <<<"$approved") == active ]]; then
  pass "grant $grant active until $ends"
else
  fail "grant not approved: $approved"; exit 1
fi

log "killing the server (kill -9) before the grant ends"
pid=$(cat "$WORK/out/.pid/gatehouse.pid" 2>/dev/null || pgrep -f -- "$WORK/usr" | head -1)
[[ -n $pid ]] || { fail "no server process found"; exit 1; }
kill -9 "$pid"
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
rm -f "$WORK/out/.pid/gatehouse.pid"
stopped=$(date +%s)
end_epoch=$(date -d "$ends" +%s)
if ((stopped < end_epoch)); then
  pass "server killed $((end_epoch - stopped)) s before the grant's end"
else
  fail "the server died only after the grant's end; the test proves nothing"
fi
while (($(date +%s) <= end_epoch)); do sleep 1; done

log "starting the server again after the grant's end"
server_cmd start >"$WORK/start2.log" 2>&1
await_ready || { fail "the server did not become ready again"; tail -30 "$LOGFILE"; exit 1; }
started=$(date +%s)
ADMIN=$(token admin '["gatehouse-admin"]')
status=
for _ in $(seq 1 150); do
  status=$(api GET "/grants/$grant" "$ADMIN" | jq -r .status)
  [[ $status == expired ]] && break
  sleep 1
done
if [[ $status == expired ]]; then
  pass "the persistent timer expired grant $grant $(($(date +%s) - started)) s after the restart"
else
  fail "grant $grant is '$status' 150 s after the restart"
fi
events=$(api GET "/notifications?subject=$grant" "$ADMIN" | jq -r '[.[].event] | join(",")')
if [[ $events == grant.expired ]]; then
  pass "its grant.expired notification is in the outbox"
else
  fail "outbox rows of grant $grant: '$events'"
fi
grep -q "Grant $grant expired" "$LOGFILE" && pass "the log says: $(grep -o "Grant $grant expired.*" "$LOGFILE")" ||
  fail "no expiry in the log of the restarted server"

[[ $FAILED -eq 0 ]] && echo "restart-timer-test: all checks passed" || echo "restart-timer-test: FAILED"
exit $FAILED
