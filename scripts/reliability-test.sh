#!/usr/bin/env bash
# Failure modes of one gateway server (issue 8, RELIABILITY.md), with real PostgreSQL, psql,
# pgbench, OpenSSH ssh and sshd:
#   1. kill -9 of the server mid-traffic: after a restart every acknowledged INSERT is in the store
#      exactly once, in order, and each session's hash chain verifies;
#   2. strict recording with the store down: new sessions refused with a clear message, an open
#      session stops at its next statement, sessions work again once the store is back;
#   3. a PostgreSQL target killed mid-transaction: the client gets an error within seconds, new
#      sessions fail fast while it is down and work again (the pool recovers) once it is back;
#   4. an SSH target stopped and started again: the same for ssh.
#
#   5. bounded mixed psql/pgbench/ssh load (LOAD_SECONDS, default 40) with JVM samples, and
#      optionally IDLE_SESSIONS idle PostgreSQL sessions held for IDLE_SECONDS (bench/soak.sh).
#
#   scripts/reliability-test.sh        build first unless SKIP_BUILD=1; KEEP=1 keeps the logs
#   LOAD_ONLY=1 skips cases 1-4; HEAP (default 512m) is the server's -Xms and -Xmx (jvm.options
#   has -Xms1g, so a smaller -Xmx alone would not start)
#
# Ports (override with the variables): store PostgreSQL 26810, target PostgreSQL 26811, sshd
# 26812, HTTP target (python3 http.server) 26813, gateway HTTP 26820 / HTTPS 26821 / PostgreSQL 26822 / SSH 26823. Prints PASS/FAIL per
# check and exits non-zero when one fails. Needs psql, pgbench, ssh, curl, jq.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STORE_PORT=${STORE_PORT:-26810} TARGET_PORT=${TARGET_PORT:-26811} SSHD_PORT=${SSHD_PORT:-26812}
WEB_PORT=${WEB_PORT:-26813}
HTTP=${HTTP_PORT:-26820} HTTPS=${HTTPS_PORT:-26821} PGP=${PG_PORT:-26822} SSHP=${SSH_PORT:-26823}
CLIENTS=${CLIENTS:-4}
IDLE_SECONDS=${IDLE_SECONDS:-60}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
WLP=$ROOT/liberty-config/target/liberty/wlp
WORK=$(mktemp -d /tmp/gatehouse-rel-XXXXXX)
chmod 755 "$WORK"
FAILED=0
PIDS=()
T0=$(date +%s)

log() { printf '%s %s\n' "$(date +%T)" "$*"; }
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; FAILED=1; }
now_ms() { date +%s%3N; }

server_pid() { cat "$WORK/out/.pid/gatehouse.pid" 2>/dev/null; }

WEB_PID=
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  [[ -n $WEB_PID ]] && kill "$WEB_PID" 2>/dev/null
  if [[ -n $(server_pid) ]] && kill -0 "$(server_pid)" 2>/dev/null; then
    # This test's own server only (its pid file); a stop would wait the 30 s quiesce.
    kill -9 "$(server_pid)" 2>/dev/null
  fi
  scripts/pg-test-cluster.sh stop "$WORK/store" "$STORE_PORT" >/dev/null 2>&1
  scripts/pg-test-cluster.sh stop "$WORK/target" "$TARGET_PORT" >/dev/null 2>&1
  scripts/sshd-test-target.sh stop "$WORK/sshd" >/dev/null 2>&1
  log "reliability-test took $(($(date +%s) - T0)) s"
  if [[ $FAILED -eq 0 && -z ${KEEP:-} ]]; then rm -rf "$WORK"; else echo "logs kept in $WORK"; fi
}
trap cleanup EXIT

for port in $STORE_PORT $TARGET_PORT $SSHD_PORT $WEB_PORT $HTTP $HTTPS $PGP $SSHP; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use (a server from an earlier run?); stop it first" >&2
    exit 1
  fi
done

if [[ -z ${SKIP_BUILD:-} ]]; then
  log "building (mvn -DskipTests package)"
  mvn -q -B -ntp -DskipTests package || { echo "build failed"; exit 1; }
fi
[[ -f $WLP/usr/servers/gatehouse/apps/gatehouse.ear ]] || { echo "no built server in $WLP"; exit 1; }

log "store PostgreSQL on $STORE_PORT, target PostgreSQL on $TARGET_PORT, sshd on $SSHD_PORT"
for c in store target; do mkdir -p "$WORK/$c" && chmod 755 "$WORK/$c"; done
scripts/pg-test-cluster.sh start "$WORK/store" "$STORE_PORT" || exit 1
scripts/pg-test-cluster.sh start "$WORK/target" "$TARGET_PORT" || exit 1
scripts/sshd-test-target.sh start "$WORK/sshd" "$SSHD_PORT" >/dev/null || exit 1
mkdir -p "$WORK/web" && echo "hello from the HTTP target" >"$WORK/web/hello.txt"
python3 -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory "$WORK/web" >"$WORK/web.log" 2>&1 &
WEB_PID=$!
export PGPASSWORD=gh_admin_pw
psql -q -X -h 127.0.0.1 -p "$STORE_PORT" -U gh_admin -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE gatehouse LOGIN PASSWORD 'gh_store_pw'" \
  -c "CREATE DATABASE gatehouse OWNER gatehouse" >/dev/null || exit 1
psql -q -X -h 127.0.0.1 -p "$TARGET_PORT" -U gh_admin -d gatehouse_test -v ON_ERROR_STOP=1 \
  -c "CREATE TABLE acked(client int, n int, PRIMARY KEY (client, n))" \
  -c "GRANT ALL ON acked TO gh_scram" >/dev/null || exit 1
unset PGPASSWORD

mkdir -p "$WORK/usr/servers" "$WORK/dev" "$WORK/out"
cp -r "$WLP/usr/servers/gatehouse" "$WORK/usr/servers/"
sed -i '/^gatehouse\./d' "$WORK/usr/servers/gatehouse/bootstrap.properties"
rm -rf "$WORK/usr/servers/gatehouse/workarea"

server_start() {
  env WLP_USER_DIR="$WORK/usr" WLP_OUTPUT_DIR="$WORK/out" \
    GATEHOUSE_STORE=postgres GATEHOUSE_DB_PORT="$STORE_PORT" GATEHOUSE_DB_PASSWORD=gh_store_pw \
    GATEHOUSE_DB_SSLMODE=disable GATEHOUSE_DB_POOL_MAX=10 GATEHOUSE_POSTGRES_POOL_MAX="${POOL_MAX:-200}" \
    GATEHOUSE_HTTP_PORT="$HTTP" GATEHOUSE_HTTPS_PORT="$HTTPS" GATEHOUSE_POSTGRES_PORT="$PGP" \
    GATEHOUSE_SSH_PORT="$SSHP" GATEHOUSE_LISTEN_HOST=127.0.0.1 GATEHOUSE_HOST=127.0.0.1 \
    GATEHOUSE_JWT_DEV_DIR="$WORK/dev" GATEHOUSE_JWT_KEY_LOCATION="file:$WORK/dev/jwt-public.pem" \
    JVM_ARGS="-Xms${HEAP:-512m} -Xmx${HEAP:-512m} -Dgatehouse.recording.storeGraceSeconds=5" \
    "$WLP/bin/server" start gatehouse >>"$WORK/server-start.log" 2>&1
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$HTTP/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}
server_log() { echo "$WORK/out/gatehouse/logs/messages.log"; }

log "starting the server"
server_start || { fail "the server did not become ready"; tail -30 "$(server_log)"; exit 1; }

API=http://127.0.0.1:$HTTP/api/v1
token() { # subject groups-json
  curl -sf -X POST "$API/dev/token" -H 'Content-Type: application/json' -H 'Accept: text/plain' \
    -d "{\"subject\":\"$1\",\"groups\":$2}"
}
api() { # method path [body]
  curl -s -X "$1" "$API$2" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    ${3:+-d "$3"}
}
ADMIN=$(token admin '["gatehouse-admin"]')
api PUT /policies/rel '{"name":"rel","recording":"strict","rules":[]}' >/dev/null
created=$(api POST /connections "{\"name\":\"orders\",\"type\":\"postgres\",
  \"target\":{\"host\":\"127.0.0.1\",\"port\":$TARGET_PORT,\"database\":\"gatehouse_test\"},
  \"tls\":{\"mode\":\"disable\"},\"credential\":{\"username\":\"gh_scram\",\"password\":\"gh_scram_pw\"},
  \"accessGroups\":[\"dba\"],\"policy\":\"rel\"}")
[[ $(jq -r .name <<<"$created") == orders ]] || { fail "connection not created: $created"; exit 1; }
created=$(api POST /connections "$(jq -n --rawfile hk "$WORK/sshd/ssh_host_ecdsa_key.pub" \
  --rawfile key "$WORK/sshd/client_key" --argjson port "$SSHD_PORT" \
  '{name:"box",type:"ssh",target:{host:"127.0.0.1",port:$port},hostKey:($hk|rtrimstr("\n")),
    credential:{username:"ghtest",privateKey:$key},accessGroups:["dba"],policy:"rel"}')")
[[ $(jq -r .name <<<"$created") == box ]] || { fail "ssh connection not created: $created"; exit 1; }
# An HTTP connection to a small static HTTP server.
created=$(api POST /connections "{\"name\":\"web\",\"type\":\"http\",
  \"target\":{\"url\":\"http://127.0.0.1:$WEB_PORT\"},\"tls\":{\"mode\":\"disable\"},
  \"credential\":{\"token\":\"target-token\"},\"accessGroups\":[\"dba\"],\"policy\":\"rel\"}")
[[ $(jq -r .name <<<"$created") == web ]] || { fail "http connection not created: $created"; exit 1; }
USER_TOKEN=$(token dana '["dba"]')
gcurl() { # token path: prints the HTTP status, then the body
  curl -s -m 40 -w '\n%{http_code}' -H "Authorization: Bearer $1" "http://127.0.0.1:$HTTP/proxy/web$2" |
    tac | tr '\n' ' '
}

# psql through the gateway: token, then psql arguments.
gpsql() {
  local tok=$1
  shift
  PGPASSWORD=$tok PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10} psql -X -v ON_ERROR_STOP=1 \
    "host=127.0.0.1 port=$PGP dbname=orders user=x sslmode=disable" "$@"
}
printf '#!/bin/sh\nprintf "%%s\\n" "$GATEHOUSE_TOKEN"\n' >"$WORK/askpass.sh"
chmod 700 "$WORK/askpass.sh"
gssh() { # token command...
  local tok=$1
  shift
  GATEHOUSE_TOKEN=$tok SSH_ASKPASS="$WORK/askpass.sh" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 \
    timeout 60 ssh -p "$SSHP" -F /dev/null -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -o PreferredAuthentications=password,keyboard-interactive -o PubkeyAuthentication=no \
    -o NumberOfPasswordPrompts=1 -o ConnectTimeout=10 box@127.0.0.1 "$@" </dev/null
}
await_exit() { # pid seconds
  for _ in $(seq 1 $(($2 * 10))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

base_pg=$(gpsql "$USER_TOKEN" -tAc "SELECT 'ok'" 2>&1)
base_ssh=$(gssh "$USER_TOKEN" echo ok 2>&1)
base_http=$(gcurl "$USER_TOKEN" /hello.txt)
if [[ $base_pg == ok && $base_ssh == ok && $base_http == 200* ]]; then
  pass "baseline: psql, ssh and an HTTP request through the gateway"
else
  fail "baseline through the gateway: psql '$base_pg', ssh '$base_ssh', http '${base_http:0:200}'"
fi

# LOAD_ONLY=1 (bench/soak.sh) skips the failure cases 1-4.
if [[ -z ${LOAD_ONLY:-} ]]; then
# ---------------------------------------------------------------------------------------------
log "case 1: kill -9 the server under psql and pgbench traffic"
for c in $(seq 1 "$CLIENTS"); do
  tok=$(token "kill$c" '["dba"]')
  seq 1 1000000 | sed "s/.*/INSERT INTO acked VALUES ($c, &);/" |
    gpsql "$tok" >"$WORK/kill$c.out" 2>&1 &
  PIDS+=($!)
done
printf 'SELECT count(*) FROM acked;\n' >"$WORK/bench.sql"
PGPASSWORD=$(token bench '["dba"]') timeout 60 pgbench -n -c 2 -j 1 -T 30 -f "$WORK/bench.sql" \
  "host=127.0.0.1 port=$PGP dbname=orders user=x sslmode=disable" >"$WORK/pgbench.out" 2>&1 &
PIDS+=($!)
sleep 8
victim=$(server_pid)
kill -9 "$victim"
log "killed the server (pid $victim)"
for pid in "${PIDS[@]}"; do await_exit "$pid" 10; done
PIDS=()
log "restarting the server"
server_start || { fail "the server did not restart"; tail -30 "$(server_log)"; exit 1; }
restarted=$(now_ms)

# All of a session's events, every page.
events() { # session id
  local after=0 page n
  while :; do
    page=$(api GET "/sessions/$1/events?after=$after&limit=1000")
    n=$(jq length <<<"$page" 2>/dev/null) || { echo "[]"; return; }
    jq -c '.[]' <<<"$page"
    [[ $n -lt 1000 ]] && break
    after=$(jq '.[-1].sequence' <<<"$page")
  done
}
for c in $(seq 1 "$CLIENTS"); do
  acked=$(grep -c '^INSERT 0 1' "$WORK/kill$c.out")
  sid=$(api GET "/sessions?connection=orders&identity=kill$c" | jq -r '.[0].id // empty')
  if [[ -z $sid || $acked -lt 1 ]]; then
    fail "client $c: session '$sid', $acked acknowledged INSERTs ($(tail -2 "$WORK/kill$c.out"))"
    continue
  fi
  # Wait for the spool to ship: every acknowledged INSERT recorded, and the end the restarted
  # server recorded for the cut-off session (server-lost) stored and sealed (90 s at most).
  for _ in $(seq 1 180); do
    events "$sid" >"$WORK/kill$c.events"
    recorded=$(jq -r 'select(.type == "statement") | .payload | fromjson | .sql' \
      "$WORK/kill$c.events" | grep -c "INSERT INTO acked")
    ended=$(api GET "/sessions/$sid" | jq -r '"\(.status) \(.endReason) \(.seal != null)"')
    [[ $recorded -ge $acked && $ended == "failed server-lost true" ]] && break
    sleep 0.5
  done
  # Statement numbers in sequence order: must be 1, 2, 3 … (each once, in order).
  jq -r 'select(.type == "statement") | .payload | fromjson | .sql' "$WORK/kill$c.events" |
    sed -n "s/^INSERT INTO acked VALUES ($c, \([0-9]*\)).*/\1/p" >"$WORK/kill$c.numbers"
  recorded=$(wc -l <"$WORK/kill$c.numbers")
  in_order=$(awk '$1 != NR { bad = 1 } END { print bad ? "no" : "yes" }' "$WORK/kill$c.numbers")
  rows=$(PGPASSWORD=gh_admin_pw psql -X -tA -h 127.0.0.1 -p "$TARGET_PORT" -U gh_admin \
    -d gatehouse_test -c "SELECT count(*) FROM acked WHERE client = $c")
  verify=$(api GET "/sessions/$sid/verify")
  chain=$(jq -c '.problems' <<<"$verify")
  seal=$(jq -c '.seal.problems' <<<"$verify")
  last=$(tail -1 "$WORK/kill$c.events" | jq -r '"\(.type) \(.payload | fromjson | .reason)"')
  if [[ $recorded -ge $acked && $recorded -le $((acked + 1)) && $in_order == yes &&
    $chain == "[]" && $rows -ge $acked && $ended == "failed server-lost true" &&
    $seal == "[]" && $last == "session-end server-lost" ]]; then
    pass "client $c: $acked acknowledged INSERTs, $recorded recorded once each in order, chain intact, ended as server-lost at the restart and sealed ($(wc -l <"$WORK/kill$c.events") events)"
  else
    fail "client $c: acked $acked, recorded $recorded, in order $in_order, rows $rows, chain $chain, session '$ended', seal problems $seal, last event '$last'"
  fi
done
log "spool shipped and checked $(($(now_ms) - restarted)) ms after the restart"
if grep -qE 'transaction|tps' "$WORK/pgbench.out"; then
  pass "pgbench ran alongside until the kill ($(grep -m1 -oE 'number of transactions actually processed: [0-9]+' "$WORK/pgbench.out" || tail -1 "$WORK/pgbench.out"))"
fi

# ---------------------------------------------------------------------------------------------
log "case 2: strict recording with the store down"
(for i in $(seq 1 90); do echo "SELECT $i AS tick;"; sleep 0.5; done) |
  PGCONNECT_TIMEOUT=60 gpsql "$USER_TOKEN" >"$WORK/open.out" 2>&1 &
open_pid=$!
PIDS+=($open_pid)
for _ in $(seq 1 120); do grep -q '(1 row)' "$WORK/open.out" 2>/dev/null && break; sleep 0.5; done
scripts/pg-test-cluster.sh stop "$WORK/store" "$STORE_PORT" || fail "could not stop the store"
stopped=$(now_ms)
# The first refusal waits for the store's connection attempt (connection pool timeout 10 s).
refused=$(PGCONNECT_TIMEOUT=40 gpsql "$USER_TOKEN" -tAc "SELECT 1" 2>&1)
took=$(($(now_ms) - stopped))
if [[ $refused == *FATAL* && $refused == *"store"* && $took -lt 30000 ]]; then
  pass "new psql session refused in $took ms: $(grep -m1 -o 'FATAL.*' <<<"$refused")"
else
  fail "new psql session with the store down ($took ms): $refused"
fi
sshout=$(gssh "$USER_TOKEN" echo should-not-run 2>&1)
if [[ $sshout != *should-not-run* && $sshout == *store* ]]; then
  pass "new ssh session refused: $(head -1 <<<"$sshout")"
else
  fail "new ssh session with the store down: $sshout"
fi
httpout=$(gcurl "$USER_TOKEN" /hello.txt)
if [[ $httpout == 503* && $httpout == *store* ]]; then
  pass "new HTTP proxy request refused: ${httpout:0:300}"
else
  fail "HTTP proxy request with the store down: ${httpout:0:300}"
fi
if await_exit "$open_pid" 30 && grep -q "recording store is unavailable" "$WORK/open.out"; then
  pass "open session stopped at its next statement $(($(now_ms) - stopped)) ms after the store went down: $(grep -m1 -o 'FATAL.*' "$WORK/open.out")"
else
  fail "open session with the store down: $(tail -3 "$WORK/open.out")"
fi
scripts/pg-test-cluster.sh start "$WORK/store" "$STORE_PORT" || fail "could not restart the store"
back=
for _ in $(seq 1 60); do
  back=$(gpsql "$USER_TOKEN" -tAc "SELECT 'back'" 2>&1)
  [[ $back == back ]] && break
  sleep 1
done
if [[ $back == back && $(gcurl "$USER_TOKEN" /hello.txt) == 200* ]]; then
  pass "psql sessions and HTTP requests work again once the store is back"
else
  fail "store back, but: $back / $(gcurl "$USER_TOKEN" /hello.txt | head -c 300)"
fi

# ---------------------------------------------------------------------------------------------
log "case 3: the PostgreSQL target killed mid-transaction"
gpsql "$USER_TOKEN" -c "BEGIN" -c "INSERT INTO acked VALUES (99, 1)" \
  -c "SELECT pg_sleep(60)" >"$WORK/tx.out" 2>&1 &
tx_pid=$!
PIDS+=($tx_pid)
sleep 2
owner=(); [[ $(id -u) -eq 0 ]] && owner=(runuser -u postgres --)
"${owner[@]}" "$PGBIN/pg_ctl" -D "$WORK/target/data" -m immediate -w stop >/dev/null 2>&1
killed=$(now_ms)
if await_exit "$tx_pid" 10; then
  pass "the client got an error $(($(now_ms) - killed)) ms after the target died: $(grep -m1 -oE '(FATAL|ERROR).*' "$WORK/tx.out")"
else
  fail "the client in a transaction was not told within 10 s: $(cat "$WORK/tx.out")"
fi
start=$(now_ms)
down=$(gpsql "$USER_TOKEN" -tAc "SELECT 1" 2>&1)
took=$(($(now_ms) - start))
if [[ $down == *unavailable* && $took -lt 5000 ]]; then
  pass "new session while the target is down failed in $took ms: $(grep -m1 -o 'FATAL.*' <<<"$down")"
else
  fail "new session while the target is down ($took ms): $down"
fi
scripts/pg-test-cluster.sh start "$WORK/target" "$TARGET_PORT" >/dev/null || fail "target restart"
ok=0
for i in $(seq 1 8); do
  [[ $(gpsql "$USER_TOKEN" -tAc "SELECT count(*) FROM acked WHERE client = 99" 2>&1) == 0 ]] &&
    ok=$((ok + 1))
done
if [[ $ok -eq 8 ]]; then
  pass "target back: 8 of 8 new sessions work, the killed transaction's INSERT is gone"
else
  fail "target back: only $ok of 8 sessions worked"
fi

# ---------------------------------------------------------------------------------------------
log "case 4: the SSH target stopped and started again"
scripts/sshd-test-target.sh stop "$WORK/sshd" >/dev/null 2>&1
start=$(now_ms)
down=$(gssh "$USER_TOKEN" echo should-not-run 2>&1)
took=$(($(now_ms) - start))
if [[ $down != *should-not-run* && $took -lt 10000 ]]; then
  pass "ssh while the target is down failed in $took ms: $(head -1 <<<"$down")"
else
  fail "ssh while the target is down ($took ms): $down"
fi
scripts/sshd-test-target.sh start "$WORK/sshd" "$SSHD_PORT" >/dev/null 2>&1 || fail "sshd restart"
if [[ $(gssh "$USER_TOKEN" echo back 2>&1) == back ]]; then
  pass "ssh works again once the target is back"
else
  fail "ssh after the target came back: $(gssh "$USER_TOKEN" echo back 2>&1)"
fi

fi # LOAD_ONLY

# ---------------------------------------------------------------------------------------------
# 5. Bounded mixed load (LOAD_SECONDS, 0 skips): psql sessions, pgbench with a new connection per
# transaction, ssh commands, all at once; then IDLE_SESSIONS idle PostgreSQL sessions held open.
# Samples the server JVM (heap after a full GC via jcmd, threads and file descriptors via /proc)
# into $WORK/metrics.csv; passes with 0 failed sessions and threads, fds and heap after the load
# no higher than at the first sample under load (plus 10 threads, 10 fds, 64 MB).
jvm_sample() { # label -> "label,heap_used_kb,threads,fds" (heap after a full GC)
  local pid heap
  pid=$(server_pid)
  jcmd "$pid" GC.run >/dev/null 2>&1
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -m1 -oE 'used [0-9]+K' | grep -oE '[0-9]+')
  echo "$1,$(date +%s),${heap:-0},$(awk '/^Threads:/ {print $2}' "/proc/$pid/status"),$(ls "/proc/$pid/fd" | wc -l)"
}
LOAD_SECONDS=${LOAD_SECONDS:-40}
IDLE_SESSIONS=${IDLE_SESSIONS:-0}
if [[ $LOAD_SECONDS -gt 0 ]]; then
  log "case 5: mixed psql, pgbench and ssh load for $LOAD_SECONDS s"
  echo "label,epoch,heap_used_kb,threads,fds" >"$WORK/metrics.csv"
  # Warm-up, so the baseline counts the pools and threads a loaded server keeps.
  for _ in 1 2 3; do gpsql "$USER_TOKEN" -tAc "SELECT 1" >/dev/null 2>&1; gssh "$USER_TOKEN" true; done
  sleep 2
  jvm_sample before >>"$WORK/metrics.csv"
  end=$(($(date +%s) + LOAD_SECONDS))
  for w in 1 2 3; do
    (ok=0 bad=0
     while [[ $(date +%s) -lt $end ]]; do
       if gpsql "$USER_TOKEN" -qtA -c "INSERT INTO acked VALUES (1000 + $w, $((ok + bad)))" \
         -c "SELECT count(*) FROM acked WHERE client = 1000 + $w" >/dev/null 2>&1; then
         ok=$((ok + 1)); else bad=$((bad + 1)); fi
     done
     echo "psql$w $ok $bad") >"$WORK/load-psql$w.out" 2>&1 &
    PIDS+=($!)
  done
  for w in 1 2; do
    (ok=0 bad=0
     while [[ $(date +%s) -lt $end ]]; do
       if [[ $(gssh "$USER_TOKEN" "echo load-$w" 2>/dev/null) == "load-$w" ]]; then
         ok=$((ok + 1)); else bad=$((bad + 1)); fi
     done
     echo "ssh$w $ok $bad") >"$WORK/load-ssh$w.out" 2>&1 &
    PIDS+=($!)
  done
  printf 'SELECT count(*) FROM acked WHERE client = 1;\n' >"$WORK/load.sql"
  PGPASSWORD=$USER_TOKEN pgbench -n -C -c 4 -j 2 -T "$LOAD_SECONDS" -f "$WORK/load.sql" \
    "host=127.0.0.1 port=$PGP dbname=orders user=x sslmode=disable" >"$WORK/load-pgbench.out" 2>&1 &
  bench_pid=$!
  PIDS+=($bench_pid)
  # The first sample under load is the reference: pools have grown to what this load needs.
  sleep 10
  base=$(jvm_sample load)
  echo "$base" >>"$WORK/metrics.csv"
  while [[ $(date +%s) -lt $end ]]; do
    sleep 10
    jvm_sample load >>"$WORK/metrics.csv"
  done
  for pid in "${PIDS[@]}"; do await_exit "$pid" 60; done
  wait "$bench_pid"
  bench_rc=$?
  PIDS=()
  failed=$(cat "$WORK"/load-psql*.out "$WORK"/load-ssh*.out | awk '{ s += $3 } END { print s + 0 }')
  sessions=$(cat "$WORK"/load-psql*.out "$WORK"/load-ssh*.out | awk '{ s += $2 } END { print s + 0 }')
  tx=$(grep -oE 'actually processed: [0-9]+' "$WORK/load-pgbench.out" | grep -oE '[0-9]+$')
  tx_failed=$(grep -oE 'failed transactions: [0-9]+' "$WORK/load-pgbench.out" | grep -oE '[0-9]+' | head -1)
  if [[ $failed -eq 0 && $bench_rc -eq 0 && ${tx_failed:-0} -eq 0 && ${tx:-0} -gt 0 ]]; then
    pass "load: $sessions psql/ssh sessions and $tx pgbench connections (one per transaction), 0 failed"
  else
    fail "load: $failed of $((sessions + failed)) psql/ssh sessions failed, pgbench rc $bench_rc: $(tail -3 "$WORK/load-pgbench.out")"
  fi
  sleep 5
  after=$(jvm_sample after)
  echo "$after" >>"$WORK/metrics.csv"
  IFS=, read -r _ _ h0 t0 f0 <<<"$base"
  IFS=, read -r _ _ h1 t1 f1 <<<"$after"
  if [[ $t1 -le $((t0 + 10)) && $f1 -le $((f0 + 10)) && $h1 -le $((h0 + 65536)) ]]; then
    pass "flat under load: first sample under load -> after it, heap after GC ${h0}K -> ${h1}K, threads $t0 -> $t1, fds $f0 -> $f1"
  else
    fail "not flat after load: heap after GC ${h0}K -> ${h1}K, threads $t0 -> $t1, fds $f0 -> $f1"
  fi
fi
if [[ $IDLE_SESSIONS -gt 0 ]]; then
  log "case 6: $IDLE_SESSIONS idle PostgreSQL sessions"
  PGPASSWORD=gh_admin_pw psql -q -X -h 127.0.0.1 -p "$TARGET_PORT" -U gh_admin -d postgres \
    -c "ALTER SYSTEM SET max_connections = $((IDLE_SESSIONS + 100))" >/dev/null
  scripts/pg-test-cluster.sh stop "$WORK/target" "$TARGET_PORT" >/dev/null
  scripts/pg-test-cluster.sh start "$WORK/target" "$TARGET_PORT" >/dev/null || fail "target restart"
  idle_base=$(jvm_sample idle-baseline)
  echo "$idle_base" >>"$WORK/metrics.csv"
  printf '\\sleep %s s\nSELECT 1;\n' "$((IDLE_SECONDS + 0))" >"$WORK/idle.sql"
  ulimit -n 65536 2>/dev/null
  PGPASSWORD=$USER_TOKEN pgbench -n -c "$IDLE_SESSIONS" -j 4 -t 1 -f "$WORK/idle.sql" \
    "host=127.0.0.1 port=$PGP dbname=orders user=x sslmode=disable" >"$WORK/idle-pgbench.out" 2>&1 &
  idle_pid=$!
  PIDS+=($idle_pid)
  idle_start=$(now_ms)
  held=0
  for _ in $(seq 1 $((IDLE_SECONDS * 2))); do
    # Client connections the gateway's PostgreSQL port holds.
    held=$(ss -Htn state established | awk -v p=":$PGP" 'index($3, p) == length($3) - length(p) + 1' | wc -l)
    [[ $held -ge $IDLE_SESSIONS ]] && break
    sleep 0.5
  done
  log "$held sessions open after $(($(now_ms) - idle_start)) ms"
  idle=$(jvm_sample idle-held)
  echo "$idle" >>"$WORK/metrics.csv"
  wait "$idle_pid"
  idle_rc=$?
  PIDS=()
  IFS=, read -r _ _ h0 t0 f0 <<<"$idle_base"
  IFS=, read -r _ _ h1 t1 f1 <<<"$idle"
  if [[ $idle_rc -eq 0 ]]; then
    pass "$IDLE_SESSIONS idle sessions ($held connected at once): heap after GC ${h0}K -> ${h1}K, threads $t0 -> $t1, fds $f0 -> $f1"
  else
    fail "$IDLE_SESSIONS idle sessions: pgbench rc $idle_rc ($held active): $(tail -3 "$WORK/idle-pgbench.out"); heap ${h1}K threads $t1 fds $f1"
  fi
fi
[[ -f $WORK/metrics.csv ]] && { echo "JVM samples ($WORK/metrics.csv):"; cat "$WORK/metrics.csv"; }

[[ $FAILED -eq 0 ]] && echo "reliability-test: all cases passed" || echo "reliability-test: FAILED"
exit $FAILED
