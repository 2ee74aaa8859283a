#!/usr/bin/env bash
# PostgreSQL data-path benchmark: direct vs pgbouncer vs Gatehouse, interleaved, one run.
#
# Starts a private PostgreSQL 15 cluster (scripts/pg-test-cluster.sh) and a pgbouncer in
# front of it, loads pgbench scale 10 plus bench_cards, then runs each workload against each
# target, round after round, and prints a markdown table and the goal ratios.
# See bench/README.md for the environment variables. Exit status: 0 = measured (goals may
# still be MISSED), 1 = harness failure, 2 = some pgbench run failed (results incomplete).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

BENCH_SECONDS=${BENCH_SECONDS:-15}
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_CLIENTS=${BENCH_CLIENTS:-8}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_SCALE=${BENCH_SCALE:-10}
BENCH_WARMUP=${BENCH_WARMUP:-5}            # seconds of unrecorded -S per target before round 1
BENCH_GW_WARMUP=${BENCH_GW_WARMUP:-180}   # seconds for a gateway target: the JIT compiles for minutes
BENCH_SSLMODE=${BENCH_SSLMODE:-disable}    # client sslmode on every leg
BENCH_WORKLOADS=${BENCH_WORKLOADS:-"select-simple select-extended tpcb churn cards"}
BENCH_PG_PORT=${BENCH_PG_PORT:-}           # fixed cluster port (default: a free one)
BENCH_BOUNCER_PORT=${BENCH_BOUNCER_PORT:-} # fixed pgbouncer port (default: a free one)
BENCH_PG_PASSWORD=${BENCH_PG_PASSWORD:-}   # fixed password of role 'bench' (default: random)
BENCH_KEEP=${BENCH_KEEP:-0}                # 1: keep the work directory (logs) at the end
BENCH_RELAY=${BENCH_RELAY:-}               # reference relays (bench/ByteRelay.java): "threads", "loop" or both
PG_CLUSTER_SCRIPT=${PG_CLUSTER_SCRIPT:-$ROOT/scripts/pg-test-cluster.sh}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
GATEHOUSE_PG_PORT=${GATEHOUSE_PG_PORT:-15432}

for v in BENCH_SECONDS BENCH_ROUNDS BENCH_CLIENTS BENCH_THREADS BENCH_SCALE BENCH_WARMUP BENCH_GW_WARMUP; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, not '${!v}'"
done
((BENCH_SECONDS >= 1 && BENCH_SECONDS <= 3600)) || die "BENCH_SECONDS must be 1-3600"
((BENCH_ROUNDS >= 1 && BENCH_ROUNDS <= 50)) || die "BENCH_ROUNDS must be 1-50"
for m in $BENCH_RELAY; do
  [[ $m == threads || $m == loop ]] || die "BENCH_RELAY takes 'threads', 'loop' or both, not '$m'"
done

WORK=""
PG_PORT=""
BOUNCER_DIR=""
RELAY_PIDS=()
declare -A RELAY_PORT=()

cleanup() {
  local rc=$?
  set +e
  unpin_proxies
  local r
  for r in "${RELAY_PIDS[@]}"; do kill "$r" 2>/dev/null; done
  if [[ -n $BOUNCER_DIR && -f $BOUNCER_DIR/pgbouncer.pid ]]; then
    local pid
    pid=$(cat "$BOUNCER_DIR/pgbouncer.pid")
    if [[ $pid =~ ^[0-9]+$ ]]; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
  fi
  if [[ -n $WORK && -n $PG_PORT && -d $WORK/cluster ]]; then
    "$PG_CLUSTER_SCRIPT" stop "$WORK/cluster" "$PG_PORT" || log "cluster stop failed"
  fi
  if [[ -n $WORK ]]; then
    if [[ $BENCH_KEEP == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_deps() {
  need_cmd "$PGBIN/postgres" postgresql-15
  need_cmd "$PGBIN/psql" postgresql-client-15
  need_cmd "$PGBIN/pgbench" postgresql-15
  need_cmd pgbouncer pgbouncer
  need_cmd openssl openssl
  need_cmd runuser util-linux
  if [[ -n ${GATEHOUSE_API:-} ]]; then need_cmd curl curl; fi
  [[ -x $PG_CLUSTER_SCRIPT ]] || die "missing $PG_CLUSTER_SCRIPT (set PG_CLUSTER_SCRIPT)"
}

# psql_as ROLE PASSWORD [psql args]: psql to the private cluster over TCP.
psql_as() {
  local user=$1 pw=$2; shift 2
  PGPASSWORD=$pw PGSSLMODE=disable "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$user" \
    -d gatehouse_test -qAtX -v ON_ERROR_STOP=1 "$@"
}

start_cluster() {
  PG_PORT=${BENCH_PG_PORT:-$(free_port)}
  port_busy "$PG_PORT" && die "port $PG_PORT is busy"
  PW=${BENCH_PG_PASSWORD:-$(openssl rand -hex 16)}
  log "starting PostgreSQL 15 on 127.0.0.1:$PG_PORT"
  "$PG_CLUSTER_SCRIPT" start "$WORK/cluster" "$PG_PORT" || die "cluster start failed"
  psql_as gh_admin gh_admin_pw >/dev/null <<SQL || die "creating role bench failed"
SET client_min_messages = warning;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench') THEN CREATE ROLE bench LOGIN; END IF;
END \$\$;
SET password_encryption = 'scram-sha-256';
ALTER ROLE bench PASSWORD '$PW';
ALTER DATABASE gatehouse_test OWNER TO bench;
SQL
  log "pgbench -i -s $BENCH_SCALE and bench_cards"
  PGPASSWORD=$PW PGSSLMODE=disable timeout 600 "$PGBIN/pgbench" -i -q -s "$BENCH_SCALE" \
    -h 127.0.0.1 -p "$PG_PORT" -U bench gatehouse_test >"$WORK/init.log" 2>&1 \
    || { tail -n 20 "$WORK/init.log" >&2; die "pgbench -i failed"; }
  psql_as bench "$PW" -f "$HERE/cards-schema.sql" >/dev/null || die "bench_cards setup failed"
  psql_as gh_admin gh_admin_pw -c 'VACUUM ANALYZE' >/dev/null || die "vacuum failed"
}

start_pgbouncer() {
  BOUNCER_PORT=${BENCH_BOUNCER_PORT:-$(free_port)}
  port_busy "$BOUNCER_PORT" && die "port $BOUNCER_PORT is busy"
  BOUNCER_DIR=$WORK/pgbouncer
  mkdir -p "$BOUNCER_DIR"
  printf '"bench" "%s"\n' "$PW" >"$BOUNCER_DIR/userlist.txt"
  local tls=""
  if [[ $BENCH_SSLMODE != disable ]]; then
    # Same throw-away certificate the cluster uses, so client TLS costs the same on each leg.
    cp "$WORK/cluster/tls/server.crt" "$WORK/cluster/tls/server.key" "$BOUNCER_DIR/"
    tls="client_tls_sslmode = allow
client_tls_cert_file = $BOUNCER_DIR/server.crt
client_tls_key_file = $BOUNCER_DIR/server.key"
  fi
  cat >"$BOUNCER_DIR/pgbouncer.ini" <<INI
[databases]
gatehouse_test = host=127.0.0.1 port=$PG_PORT dbname=gatehouse_test

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $BOUNCER_DIR/userlist.txt
pool_mode = session
max_client_conn = 200
default_pool_size = 20
server_tls_sslmode = disable
logfile = $BOUNCER_DIR/pgbouncer.log
pidfile = $BOUNCER_DIR/pgbouncer.pid
log_connections = 0
log_disconnections = 0
$tls
INI
  chown -R postgres: "$BOUNCER_DIR"
  chmod 700 "$BOUNCER_DIR"
  log "starting pgbouncer (session pooling, scram) on 127.0.0.1:$BOUNCER_PORT"
  runuser -u postgres -- pgbouncer -d -q "$BOUNCER_DIR/pgbouncer.ini" \
    || die "pgbouncer failed to start"
  wait_port "$BOUNCER_PORT" 10 || { tail -n 20 "$BOUNCER_DIR/pgbouncer.log" >&2; die "pgbouncer does not listen"; }
}

# start_relays: with BENCH_RELAY, the reference relays of bench/ByteRelay.java in front of the
# cluster: the cost of any JVM relay, without the gateway's work (see bench/README.md).
start_relays() {
  local m port
  for m in $BENCH_RELAY; do
    need_cmd java openjdk-17-jdk-headless
    port=$(free_port) || die "no free port for the $m relay"
    java -XX:+UseSerialGC -Xmx64m "$HERE/ByteRelay.java" "$m" "$port" "$PG_PORT" \
      >"$WORK/relay-$m.log" 2>&1 &
    RELAY_PIDS+=("$!")
    RELAY_PORT[relay-$m]=$port
    log "starting the reference relay ($m) on 127.0.0.1:$port"
    wait_port "$port" 30 || { cat "$WORK/relay-$m.log" >&2; die "the $m relay does not listen"; }
  done
}

# pin_processes: with BENCH_PIN=1 (lib.sh), pgbench and PostgreSQL (the postmaster, so every
# backend it forks) on CPU 0, pgbouncer and the gateway on CPU 1.
pin_processes() {
  [[ $BENCH_PIN == 1 ]] || return 0
  ! ((GW)) || [[ -n ${GATEHOUSE_PID:-} ]] || die "BENCH_PIN=1 needs GATEHOUSE_PID to pin the gateway"
  local pm
  pm=$(head -n 1 "$WORK/cluster/data/postmaster.pid") || die "no postmaster.pid to pin"
  pin_bench "$pm $(pgrep -P "$pm" | tr '\n' ' ')" \
    "$(cat "$BOUNCER_DIR/pgbouncer.pid") ${RELAY_PIDS[*]} ${GATEHOUSE_PID:-}"
}

# The Gatehouse leg: configured by the caller, or set up here through the API.
setup_gateway() {
  GW=0
  if [[ -n ${GATEHOUSE_API:-} ]]; then
    need_cmd curl curl
    log "configuring Gatehouse at $GATEHOUSE_API for this cluster (port $PG_PORT)"
    local out
    out=$("$HERE/gatehouse-setup.sh" pg "$PG_PORT" bench "$PW") || die "gatehouse-setup.sh failed"
    eval "$out"
    GATEHOUSE_PG_HOST=${GATEHOUSE_PG_HOST:-127.0.0.1}
  fi
  if [[ -n ${GATEHOUSE_PG_HOST:-} && -n ${GATEHOUSE_TOKEN:-} && -n ${GATEHOUSE_PG_CONN:-} ]]; then
    GW=1
    log "gateway leg: $GATEHOUSE_PG_HOST:$GATEHOUSE_PG_PORT, connections '$GATEHOUSE_PG_CONN'" \
      "and '${GATEHOUSE_PG_CONN_NOMASK:-<none>}'"
    local t
    for t in gatehouse ${GATEHOUSE_PG_CONN_NOMASK:+gatehouse-nomask}; do
      (target_env "$t" && timeout 30 "$PGBIN/psql" -qAtX -c 'SELECT count(*) FROM bench_cards' >/dev/null) \
        || die "cannot query bench_cards through the gateway ($t); is the connection pointing at 127.0.0.1:$PG_PORT?"
    done
  else
    log "no gateway leg (set GATEHOUSE_PG_HOST, GATEHOUSE_TOKEN, GATEHOUSE_PG_CONN or GATEHOUSE_API)"
  fi
}

# target_env TARGET: export the libpq environment for a target (call in a subshell).
target_env() {
  export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=bench PGPASSWORD=$PW PGDATABASE=gatehouse_test
  export PGSSLMODE=$BENCH_SSLMODE PGCONNECT_TIMEOUT=10 PGAPPNAME=gh-bench
  case $1 in
    direct) ;;
    pgbouncer) PGPORT=$BOUNCER_PORT ;;
    relay-threads | relay-loop) PGPORT=${RELAY_PORT[$1]} ;;
    gatehouse | gatehouse-nomask)
      PGHOST=$GATEHOUSE_PG_HOST PGPORT=$GATEHOUSE_PG_PORT PGPASSWORD=$GATEHOUSE_TOKEN
      PGDATABASE=$GATEHOUSE_PG_CONN
      if [[ $1 == gatehouse-nomask ]]; then PGDATABASE=$GATEHOUSE_PG_CONN_NOMASK; fi
      ;;
    *) die "unknown target $1" ;;
  esac
}

# workload_args WORKLOAD: the pgbench options selecting the workload.
workload_args() {
  case $1 in
    select-simple) echo "-S -M simple" ;;
    select-extended) echo "-S -M extended" ;;
    tpcb) echo "-M simple" ;;
    churn) echo "-S -M simple -C" ;;
    cards) echo "-M simple -f $HERE/cards-select.sql" ;;
    *) die "unknown workload $1" ;;
  esac
}

# targets_for WORKLOAD: which targets run it.
targets_for() {
  if [[ $1 == cards ]]; then
    echo direct
    ((GW)) && echo gatehouse && [[ -n ${GATEHOUSE_PG_CONN_NOMASK:-} ]] && echo gatehouse-nomask
  else
    echo direct pgbouncer
    # The reference relays open a backend connection per client (no pool): not churn's peers.
    local m
    [[ $1 == churn ]] || for m in $BENCH_RELAY; do echo "relay-$m"; done
    ((GW)) && echo gatehouse
  fi
  return 0
}

# run_pgbench WORKLOAD TARGET ROUND: one recorded run, appended to results.tsv.
run_pgbench() {
  local wl=$1 tgt=$2 round=$3
  local dir=$WORK/logs/$wl.$tgt.$round
  mkdir -p "$dir"
  # shellcheck disable=SC2046
  local args=(-n -c "$BENCH_CLIENTS" -j "$BENCH_THREADS" -T "$BENCH_SECONDS"
    -l --log-prefix="$dir/tx" $(workload_args "$wl"))
  log "round $round: $wl -> $tgt"
  local cpu0=nan
  [[ $tgt == gatehouse* ]] && cpu0=$(cpu_ticks)
  if ! (target_env "$tgt" && timeout $((BENCH_SECONDS + 120)) "$PGBIN/pgbench" "${args[@]}") \
    >"$dir/out.txt" 2>&1; then
    log "FAILED: $wl -> $tgt (round $round):"; tail -n 5 "$dir/out.txt" >&2
    printf '%s\t%s\t%s\tnan\tnan\tnan\tfail\tnan\tnan\n' "$wl" "$tgt" "$round" >>"$WORK/results.tsv"
    FAILURES=$((FAILURES + 1))
    return 0
  fi
  local tps p50 p99 conn txs cpu=nan
  tps=$(awk '/^tps = / { print $3; exit }' "$dir/out.txt")
  # The gateway's CPU (user + system, GATEHOUSE_PID) per transaction: steadier than TPS here.
  txs=$(awk '/^number of transactions actually processed: / { split($6, a, "/"); print a[1]; exit }' "$dir/out.txt")
  if [[ $cpu0 != nan && ${txs:-0} -gt 0 ]]; then
    cpu=$(calc "($(cpu_ticks) - $cpu0) / $CLK_TCK * 1000000 / $txs")
  fi
  conn=$(awk '/^average connection time = / { print $5; exit }' "$dir/out.txt")
  # Log line: client_id tx_no latency_us script_no epoch epoch_us; skip non-numeric latencies.
  cat "$dir"/tx.* 2>/dev/null | awk '$3 ~ /^[0-9]+$/ { print $3 / 1000 }' >"$dir/lat.ms" || true
  p50=$(pctl 50 <"$dir/lat.ms")
  p99=$(pctl 99 <"$dir/lat.ms")
  printf '%s\t%s\t%s\t%s\t%s\t%s\tok\t%s\t%s\n' "$wl" "$tgt" "$round" "${tps:-nan}" "$p50" "$p99" \
    "${conn:-nan}" "$cpu" >>"$WORK/results.tsv"
  rm -f "$dir"/tx.*   # the logs can be large; keep the latencies only
}

warm_up() {
  ((BENCH_WARMUP > 0)) || return 0
  local t m targets=(direct pgbouncer)
  ((GW)) && targets+=(gatehouse)
  ((GW)) && [[ -n ${GATEHOUSE_PG_CONN_NOMASK:-} ]] && targets+=(gatehouse-nomask)
  for m in $BENCH_RELAY; do targets+=("relay-$m"); done
  for t in "${targets[@]}"; do
    local script=(-S) secs=$BENCH_WARMUP mode
    # A reference relay is a JVM too, but its few methods compile within seconds.
    [[ $t == relay-* ]] && ((secs < 20)) && secs=20
    # A gateway runs every workload's code path (simple and extended protocol, TPC-B, masking)
    # until the JIT has compiled it: the runs measure the steady state, not the compiler.
    [[ $t == gatehouse* ]] && script=(-b select-only -b tpcb-like -f "$HERE/cards-select.sql") \
      && secs=$(( (BENCH_GW_WARMUP + 1) / 2 ))
    for mode in simple extended; do
      [[ $t == gatehouse* || $mode == simple ]] || continue
      log "warm-up ${secs}s ($mode): $t"
      (target_env "$t" && timeout $((secs + 60)) "$PGBIN/pgbench" -n -c "$BENCH_CLIENTS" \
        -j "$BENCH_THREADS" -T "$secs" -M "$mode" "${script[@]}" >/dev/null 2>&1) \
        || log "warm-up against $t failed (the recorded runs will tell)"
    done
  done
}

# stat WORKLOAD TARGET COLUMN(tps|p50|p99) mean|median
stat() {
  local col
  case $3 in tps) col=4 ;; p50) col=5 ;; p99) col=6 ;; conn) col=8 ;; cpu) col=9 ;; esac
  awk -F'\t' -v w="$1" -v t="$2" -v c="$col" '$1 == w && $2 == t && $7 == "ok" { print $c }' \
    "$WORK/results.tsv" | mean_median | { read -r mean median; [[ $4 == mean ]] && echo "$mean" || echo "$median"; }
}

fmt() { [[ $1 == nan ]] && echo "–" || awk -v x="$1" -v d="$2" 'BEGIN { printf "%.*f", d, x }'; }

print_report() {
  echo
  echo "## Gatehouse PostgreSQL benchmark"
  echo
  echo "- command: \`$CMDLINE\`"
  machine_info
  echo "- pgbench: \`pgbench -n -c $BENCH_CLIENTS -j $BENCH_THREADS -T $BENCH_SECONDS -l <workload options>\`," \
    "scale $BENCH_SCALE, $BENCH_ROUNDS round(s), target order rotated each round, sslmode=$BENCH_SSLMODE"
  local wl
  for wl in $BENCH_WORKLOADS; do echo "  - $wl: \`$(workload_args "$wl" | sed "s|$HERE/|bench/|")\`"; done
  echo "- PostgreSQL 127.0.0.1:$PG_PORT, pgbouncer 127.0.0.1:$BOUNCER_PORT (session)," \
    "gateway: $( ((GW)) && echo "$GATEHOUSE_PG_HOST:$GATEHOUSE_PG_PORT ($GATEHOUSE_PG_CONN, ${GATEHOUSE_PG_CONN_NOMASK:-no nomask connection})" || echo "not measured")"
  echo
  echo "| workload | target | TPS | TPS median | p50 ms | p50 median | p99 ms | p99 median | runs ok |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  local tgt ok
  for wl in $BENCH_WORKLOADS; do
    for tgt in $(targets_for "$wl"); do
      ok=$(awk -F'\t' -v w="$wl" -v t="$tgt" '$1 == w && $2 == t && $7 == "ok"' "$WORK/results.tsv" | wc -l)
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s/%s |\n' "$wl" "$tgt" \
        "$(fmt "$(stat "$wl" "$tgt" tps mean)" 0)" "$(fmt "$(stat "$wl" "$tgt" tps median)" 0)" \
        "$(fmt "$(stat "$wl" "$tgt" p50 mean)" 3)" "$(fmt "$(stat "$wl" "$tgt" p50 median)" 3)" \
        "$(fmt "$(stat "$wl" "$tgt" p99 mean)" 3)" "$(fmt "$(stat "$wl" "$tgt" p99 median)" 3)" \
        "$ok" "$BENCH_ROUNDS"
    done
  done
  echo
  echo "TPS and latencies: mean over rounds, and the median of the per-round values. Latency is per"
  echo "transaction from \`pgbench -l\`. For churn (-C) TPS includes connecting but the logged latency"
  echo "starts after the connection is up; the connection cost is pgbench's 'average connection time':"
  if [[ " $BENCH_WORKLOADS " == *" churn "* ]]; then
    for tgt in $(targets_for churn); do
      echo "- churn, $tgt: average connection time $(fmt "$(stat churn "$tgt" conn mean)" 3) ms (median of rounds $(fmt "$(stat churn "$tgt" conn median)" 3) ms)"
    done
  fi
  print_gateway_cpu
  echo
  echo "### Goals (verdict on the mean; MISSED does not fail the run)"
  echo
  echo "| goal | mean | median | limit | verdict |"
  echo "|---|---:|---:|---:|---|"
  local s m
  for wl in select-simple select-extended tpcb; do
    [[ " $BENCH_WORKLOADS " == *" $wl "* ]] || continue
    goal_row "gatehouse/pgbouncer TPS, $wl" ">=" 1.0 \
      "$(ratio "$wl" gatehouse "$wl" pgbouncer tps mean)" "$(ratio "$wl" gatehouse "$wl" pgbouncer tps median)"
  done
  if [[ " $BENCH_WORKLOADS " == *" tpcb "* ]]; then
    goal_row "gatehouse/direct TPS, tpcb" ">=" 0.8 \
      "$(ratio tpcb gatehouse tpcb direct tps mean)" "$(ratio tpcb gatehouse tpcb direct tps median)"
  fi
  for wl in select-simple select-extended tpcb; do
    [[ " $BENCH_WORKLOADS " == *" $wl "* ]] || continue
    goal_row "added p99 ms vs direct, $wl, $BENCH_CLIENTS clients" "<=" 1.0 \
      "$(calc "$(stat "$wl" gatehouse p99 mean) - $(stat "$wl" direct p99 mean)")" \
      "$(calc "$(stat "$wl" gatehouse p99 median) - $(stat "$wl" direct p99 median)")"
  done
  if [[ " $BENCH_WORKLOADS " == *" cards "* ]]; then
    goal_row "masked/unmasked p50 time, 1,000-row select" "<=" 1.2 \
      "$(ratio cards gatehouse cards gatehouse-nomask p50 mean)" \
      "$(ratio cards gatehouse cards gatehouse-nomask p50 median)"
  fi
  echo
  echo "For reference (no goal):"
  echo
  echo "| ratio | mean | median |"
  echo "|---|---:|---:|"
  for wl in select-simple select-extended tpcb churn; do
    [[ " $BENCH_WORKLOADS " == *" $wl "* ]] || continue
    printf '| pgbouncer/direct TPS, %s | %s | %s |\n' "$wl" \
      "$(fmt "$(ratio "$wl" pgbouncer "$wl" direct tps mean)" 3)" "$(fmt "$(ratio "$wl" pgbouncer "$wl" direct tps median)" 3)"
    ((GW)) && printf '| gatehouse/direct TPS, %s | %s | %s |\n' "$wl" \
      "$(fmt "$(ratio "$wl" gatehouse "$wl" direct tps mean)" 3)" "$(fmt "$(ratio "$wl" gatehouse "$wl" direct tps median)" 3)"
    [[ $wl == churn ]] || for m in $BENCH_RELAY; do
      printf '| relay-%s/pgbouncer TPS, %s | %s | %s |\n' "$m" "$wl" \
        "$(fmt "$(ratio "$wl" "relay-$m" "$wl" pgbouncer tps mean)" 3)" "$(fmt "$(ratio "$wl" "relay-$m" "$wl" pgbouncer tps median)" 3)"
      ((GW)) && printf '| gatehouse/relay-%s TPS, %s | %s | %s |\n' "$m" "$wl" \
        "$(fmt "$(ratio "$wl" gatehouse "$wl" "relay-$m" tps mean)" 3)" "$(fmt "$(ratio "$wl" gatehouse "$wl" "relay-$m" tps median)" 3)"
    done
  done
  if [[ " $BENCH_WORKLOADS " == *" cards "* ]] && ((GW)); then
    printf '| gatehouse(masked)/direct p50 time, cards | %s | %s |\n' \
      "$(fmt "$(ratio cards gatehouse cards direct p50 mean)" 3)" "$(fmt "$(ratio cards gatehouse cards direct p50 median)" 3)"
  fi
  return 0
}

# print_gateway_cpu: the gateway's CPU per transaction (with GATEHOUSE_PID) and, for cards,
# what masking adds to it against the machine's CPU per unmasked select (CPUs / TPS).
print_gateway_cpu() {
  ((GW)) && [[ -n ${GATEHOUSE_PID:-} ]] || return 0
  echo
  echo "Gateway CPU (user + system of pid $GATEHOUSE_PID) per transaction, mean (median) of rounds:"
  local wl tgt
  for wl in $BENCH_WORKLOADS; do
    for tgt in $(targets_for "$wl"); do
      [[ $tgt == gatehouse* ]] || continue
      echo "- $wl, $tgt: $(fmt "$(stat "$wl" "$tgt" cpu mean)" 0) µs ($(fmt "$(stat "$wl" "$tgt" cpu median)" 0) µs)"
    done
  done
  if [[ " $BENCH_WORKLOADS " == *" cards "* && -n ${GATEHOUSE_PG_CONN_NOMASK:-} ]]; then
    local added base what
    added=$(calc "$(stat cards gatehouse cpu mean) - $(stat cards gatehouse-nomask cpu mean)")
    if [[ $BENCH_PIN == 1 ]]; then   # the gateway's own CPU is not saturated: compare with it
      base=$(stat cards gatehouse-nomask cpu mean)
      what="the gateway's CPU per unmasked select ($(fmt "$base" 0) µs"
    else                             # every CPU is saturated: CPUs / TPS per select
      base=$(calc "$(nproc --all) * 1000000 / $(stat cards gatehouse-nomask tps mean)")
      what="the machine's CPU per unmasked select ($(nproc --all) CPUs / TPS = $(fmt "$base" 0) µs"
    fi
    echo "- masking adds $(fmt "$added" 0) µs of gateway CPU per 1,000-row select:" \
      "$(fmt "$(calc "100 * $added / $base")" 1) % of $what; no goal, steadier than the p50 ratio)"
  fi
}

# ratio W1 T1 W2 T2 COLUMN STAT: stat(W1,T1) / stat(W2,T2)
ratio() { calc "$(stat "$1" "$2" "$5" "$6") / $(stat "$3" "$4" "$5" "$6")"; }

goal_row() {
  local name=$1 op=$2 limit=$3 mean=$4 median=$5
  printf '| %s | %s | %s | %s %s | %s |\n' "$name" "$(fmt "$mean" 3)" "$(fmt "$median" 3)" \
    "${op/>=/≥}" "$limit" "$(goal "$mean" "$op" "$limit" | sed 's/^n\/a$/n\/a (no gateway leg)/')" \
    | sed 's/<=/≤/'
}

main() {
  CMDLINE="BENCH_SECONDS=$BENCH_SECONDS BENCH_ROUNDS=$BENCH_ROUNDS BENCH_CLIENTS=$BENCH_CLIENTS BENCH_THREADS=$BENCH_THREADS BENCH_WORKLOADS='$BENCH_WORKLOADS' BENCH_SSLMODE=$BENCH_SSLMODE BENCH_GW_WARMUP=$BENCH_GW_WARMUP BENCH_PIN=$BENCH_PIN $0 $*"
  [[ $(id -u) -eq 0 ]] || die "run as root (it starts PostgreSQL and pgbouncer as the postgres user)"
  install_deps
  WORK=$(mktemp -d /tmp/gh-bench-pg.XXXXXX)
  chmod 711 "$WORK"
  : >"$WORK/results.tsv"
  FAILURES=0
  start_cluster
  start_pgbouncer
  start_relays
  setup_gateway
  pin_processes
  warm_up
  local round wl tgt
  for round in $(seq 1 "$BENCH_ROUNDS"); do
    psql_as gh_admin gh_admin_pw -c 'CHECKPOINT' >/dev/null 2>&1 || true
    for wl in $BENCH_WORKLOADS; do
      # shellcheck disable=SC2046
      for tgt in $(rotate $((round - 1)) $(targets_for "$wl")); do
        run_pgbench "$wl" "$tgt" "$round"
      done
    done
  done
  print_report
  if ((FAILURES > 0)); then
    log "$FAILURES run(s) failed: results incomplete"
    exit 2
  fi
}

main "$@"
