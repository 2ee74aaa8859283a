#!/usr/bin/env bash
# Configure a running Gatehouse (dev mode) for the benchmarks, through its REST API.
#
#   gatehouse-setup.sh pg  PG_PORT  PG_USER  PG_PASSWORD
#   gatehouse-setup.sh ssh SSH_PORT SSH_USER PRIVATE_KEY_FILE HOST_PUBLIC_KEY_FILE
#
# Mints a dev token (subject 'bench', groups gatehouse-admin + bench), PUTs the policies
# bench-policy (guardrails + masking + strict recording) and bench-nomask (guardrails +
# strict recording, no masking), then creates or replaces the connections:
#   pg:  bench (policy bench-policy) and bench-nomask (policy bench-nomask) -> 127.0.0.1:PG_PORT
#   ssh: bench-ssh (policy bench-policy) -> 127.0.0.1:SSH_PORT, key auth, pinned host key
# Prints the HTTP status of every call on stderr, stops at the first non-2xx, and prints
# shell 'export' lines on stdout (GATEHOUSE_TOKEN, GATEHOUSE_PG_CONN[_NOMASK] or
# GATEHOUSE_SSH_CONN), so a caller can: eval "$(bench/gatehouse-setup.sh pg 5432 bench pw)"
#
# Env: GATEHOUSE_API (default http://127.0.0.1:9080), BENCH_TARGET_HOST (default 127.0.0.1,
# the target address as the gateway sees it).
set -euo pipefail

GATEHOUSE_API=${GATEHOUSE_API:-http://127.0.0.1:9080}
BENCH_TARGET_HOST=${BENCH_TARGET_HOST:-127.0.0.1}
TMP=$(mktemp -d /tmp/gh-bench-setup.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

usage() {
  sed -n '4,5p' "$0" | sed 's/^# *//' >&2
  exit 2
}
say() { echo "gatehouse-setup: $*" >&2; }

# api METHOD PATH [BODY]: one call; prints the status, stops on a non-2xx with the body.
api() {
  local method=$1 path=$2 body=${3:-} code
  local args=(-sS -m 30 -o "$TMP/body" -w '%{http_code}' -X "$method"
    -H 'Accept: application/json' "$GATEHOUSE_API$path")
  [[ -n ${ADMIN:-} ]] && args+=(-H "Authorization: Bearer $ADMIN")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code=$(curl "${args[@]}") || code=000
  say "$method $path -> HTTP $code"
  LAST_CODE=$code
  [[ $code == 2?? ]]
}

fail_call() {
  say "ERROR: $1 failed (HTTP $LAST_CODE): $(head -c 2000 "$TMP/body" 2>/dev/null)"
  exit 1
}

mint_token() {
  local code
  code=$(curl -sS -m 30 -o "$TMP/token" -w '%{http_code}' -X POST "$GATEHOUSE_API/api/v1/dev/token" \
    -H 'Content-Type: application/json' -H 'Accept: text/plain' \
    -d '{"subject":"bench","groups":["gatehouse-admin","bench"]}') || code=000
  say "POST /api/v1/dev/token -> HTTP $code"
  [[ $code == 2?? ]] || { LAST_CODE=$code; cp "$TMP/token" "$TMP/body" 2>/dev/null || true; fail_call "minting a dev token (is the gateway up, in dev mode, at $GATEHOUSE_API?)"; }
  ADMIN=$(tr -d '\r\n' <"$TMP/token")
  [[ -n $ADMIN ]] || { say "ERROR: empty token"; exit 1; }
}

# policy NAME WITH_MASKING(0|1): the policy document.
policy() {
  local masking=""
  if [[ $2 == 1 ]]; then
    masking=',
  "masking": { "rules": [ { "id": "cards", "detector": "payment-card", "strategy": "partial" } ] }'
  fi
  cat <<JSON
{
  "name": "$1",
  "description": "Gatehouse benchmark ($([[ $2 == 1 ]] && echo "guardrails, masking, strict recording" || echo "guardrails and strict recording, no masking"))",
  "recording": "strict",
  "defaultAction": "allow",
  "rules": [
    { "id": "no-drop", "action": "block", "when": { "sql": { "kinds": ["DROP", "TRUNCATE"] } },
      "message": "DROP and TRUNCATE are blocked in the benchmark" },
    { "id": "no-rm-rf", "action": "block", "when": { "command": { "patterns": ["rm -rf *"], "decodingPipes": true } } }
  ]$masking
}
JSON
}

put_policies() {
  api PUT /api/v1/policies/bench-policy "$(policy bench-policy 1)" || fail_call "PUT policy bench-policy"
  api PUT /api/v1/policies/bench-nomask "$(policy bench-nomask 0)" || fail_call "PUT policy bench-nomask"
}

# upsert_connection NAME BODY: POST, or PUT over an existing one (409) so reruns point at
# the new target port.
upsert_connection() {
  if api POST /api/v1/connections "$2"; then return 0; fi
  [[ $LAST_CODE == 409 ]] || fail_call "POST connection $1"
  api PUT "/api/v1/connections/$1" "$2" || fail_call "PUT connection $1"
}

# json_text FILE: the file's content as a JSON string body (PEM: base64, dashes, newlines).
json_text() { awk '{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); printf "%s\\n", $0 }' "$1"; }

setup_pg() {
  local port=$1 user=$2 password=$3 name policy
  [[ $port =~ ^[0-9]+$ ]] || usage
  for name in bench bench-nomask; do
    policy=bench-policy
    [[ $name == bench-nomask ]] && policy=bench-nomask
    upsert_connection "$name" "$(cat <<JSON
{"name":"$name","type":"postgres",
 "target":{"host":"$BENCH_TARGET_HOST","port":$port,"database":"gatehouse_test"},
 "tls":{"mode":"disable"},
 "credential":{"username":"$(json_text <(printf '%s' "$user") | sed 's/\\n$//')","password":"$(json_text <(printf '%s' "$password") | sed 's/\\n$//')"},
 "accessGroups":["bench"],"policy":"$policy"}
JSON
)"
  done
  printf 'export GATEHOUSE_TOKEN=%q\n' "$ADMIN"
  printf 'export GATEHOUSE_PG_CONN=bench GATEHOUSE_PG_CONN_NOMASK=bench-nomask\n'
}

setup_ssh() {
  local port=$1 user=$2 key=$3 hostkey=$4
  [[ $port =~ ^[0-9]+$ && -r $key && -r $hostkey ]] || usage
  upsert_connection bench-ssh "$(cat <<JSON
{"name":"bench-ssh","type":"ssh",
 "target":{"host":"$BENCH_TARGET_HOST","port":$port},
 "hostKey":"$(json_text "$hostkey" | sed 's/\\n$//')",
 "credential":{"username":"$user","privateKey":"$(json_text "$key")"},
 "accessGroups":["bench"],"policy":"bench-policy"}
JSON
)"
  printf 'export GATEHOUSE_TOKEN=%q\n' "$ADMIN"
  printf 'export GATEHOUSE_SSH_CONN=bench-ssh\n'
}

main() {
  [[ $# -ge 1 ]] || usage
  command -v curl >/dev/null || { say "ERROR: curl is missing (apt-get install -y curl)"; exit 1; }
  local mode=$1; shift
  case $mode in
    pg) [[ $# -eq 3 ]] || usage; mint_token; put_policies; setup_pg "$@" ;;
    ssh) [[ $# -eq 4 ]] || usage; mint_token; put_policies; setup_ssh "$@" ;;
    *) usage ;;
  esac
}

main "$@"
