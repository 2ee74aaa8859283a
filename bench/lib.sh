# Shared helpers for the benchmark scripts (sourced, not run).
# shellcheck shell=bash

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# need_cmd CMD DEBIAN_PACKAGE...: install the packages with apt-get when CMD is missing.
need_cmd() {
  local cmd=$1; shift
  if command -v "$cmd" >/dev/null 2>&1 || [[ -x $cmd ]]; then return 0; fi
  [[ $(id -u) -eq 0 ]] || die "$cmd is missing and we are not root to apt-get install $*"
  log "installing $* (for $cmd)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; then
    timeout 300 apt-get update -q >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
      || die "apt-get install $* failed"
  fi
  command -v "$cmd" >/dev/null 2>&1 || [[ -x $cmd ]] || die "$cmd still missing after installing $*"
}

# port_busy PORT: true when something accepts connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: a port in 20000-59999 nobody listens on (50 tries at most).
free_port() {
  local i p
  for i in $(seq 1 50); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_busy "$p" || { echo "$p"; return 0; }
  done
  die "no free port found"
}

# wait_port PORT SECONDS: wait until something listens on 127.0.0.1:PORT.
wait_port() {
  local i
  for i in $(seq 1 $(($2 * 10))); do
    port_busy "$1" && return 0
    sleep 0.1
  done
  return 1
}

# pctl P < numbers: the P-th percentile (nearest rank) of numbers, one per line.
pctl() {
  sort -n | awk -v p="$1" '{ v[NR] = $1 } END {
    if (NR == 0) { print "nan"; exit }
    r = int(p / 100 * NR + 0.999999); if (r < 1) r = 1; if (r > NR) r = NR
    print v[r] }'
}

# mean_median < numbers: "MEAN MEDIAN" of numbers, one per line ("nan nan" if none).
mean_median() {
  sort -g | awk '{ v[NR] = $1; s += $1 } END {
    if (NR == 0) { print "nan nan"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.6g %.6g\n", s / NR, m }'
}

# calc EXPR: floating point arithmetic via awk ("nan" if any operand is nan/empty).
calc() {
  case " $* " in *nan*|*"  "*) echo nan; return ;; esac
  awk "BEGIN { x = $*; printf \"%.4g\n\", x }" 2>/dev/null || echo nan
}

# goal VALUE OP LIMIT: "ok" or "MISSED" (or "n/a" if VALUE is nan). OP is >= or <=.
goal() {
  [[ $1 == nan || -z $1 ]] && { echo "n/a"; return; }
  if awk -v v="$1" -v l="$3" -v op="$2" \
    'BEGIN { exit !((op == ">=" && v >= l) || (op == "<=" && v <= l)) }'; then
    echo ok
  else
    echo MISSED
  fi
}

# rotate N WORDS...: the words rotated left by N (to vary the order between rounds).
rotate() {
  local n=$1; shift
  local a=("$@") k=${#a[@]} i
  ((k == 0)) && return 0
  for ((i = 0; i < k; i++)); do printf '%s ' "${a[$(((i + n) % k))]}"; done
  echo
}

machine_info() {
  echo "- machine: $(nproc --all) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), kernel $(uname -r)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $BENCH_PIN == 1 ]]; then echo "- BENCH_PIN=1: client and target on CPU 0, the proxy under test on CPU 1"; fi
}

# cpu_ticks: the gateway's user+system CPU time so far, in clock ticks (nan without GATEHOUSE_PID).
# Less noisy than throughput on a shared machine: what the gateway itself spent on the work.
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu_ticks() {
  [[ -n ${GATEHOUSE_PID:-} && -r /proc/$GATEHOUSE_PID/stat ]] || { echo nan; return; }
  sed 's/.*) //' "/proc/$GATEHOUSE_PID/stat" | awk '{ print $12 + $13 }'
}

# ctx_switches: context switches of all the gateway's threads so far, voluntary and not (nan
# without GATEHOUSE_PID). A relay that hands each packet to another thread shows up here.
ctx_switches() {
  [[ -n ${GATEHOUSE_PID:-} && -d /proc/$GATEHOUSE_PID/task ]] || { echo nan; return; }
  cat /proc/"$GATEHOUSE_PID"/task/*/status 2>/dev/null |
    awk '/^(non)?voluntary_ctxt_switches:/ { n += $2 } END { print n + 0 }'
}

# BENCH_PIN=1 (pg.sh, ssh.sh): the client and the target share CPU 0, the proxy under test gets
# CPU 1 to itself, as a proxy on a host of its own would; direct runs leave CPU 1 idle. Without
# it every process shares every CPU and a ratio compares CPU per operation (BENCHMARKS.md).
BENCH_PIN=${BENCH_PIN:-0}
[[ $BENCH_PIN == 0 || $BENCH_PIN == 1 ]] || die "BENCH_PIN must be 0 or 1, not '$BENCH_PIN'"
PINNED_PROXIES=()

# pin_bench "LOCAL PIDS" "PROXY PIDS": with BENCH_PIN=1, this script (so every client it starts
# from now on) and the local processes on CPU 0, the proxies on CPU 1; every thread of each, and
# children forked later inherit it. unpin_proxies gives the proxies their CPUs back (the gateway
# is the caller's process; call it on exit).
pin_bench() {
  [[ $BENCH_PIN == 1 ]] || return 0
  need_cmd taskset util-linux
  (($(nproc) >= 2)) || die "BENCH_PIN=1 needs 2 CPUs"
  local p
  taskset -p -c 0 $$ >/dev/null || die "cannot pin the benchmark script"
  for p in $1; do taskset -a -p -c 0 "$p" >/dev/null || die "cannot pin pid $p to CPU 0"; done
  for p in $2; do
    PINNED_PROXIES+=("$p:$(taskset -p -c "$p" | sed 's/.*: //')")
    taskset -a -p -c 1 "$p" >/dev/null || die "cannot pin pid $p to CPU 1"
  done
  log "pinned: clients and pids $1 on CPU 0, pids $2 on CPU 1"
}

unpin_proxies() {
  local p
  for p in "${PINNED_PROXIES[@]}"; do taskset -a -p -c "${p#*:}" "${p%%:*}" >/dev/null 2>&1; done
  return 0
}
