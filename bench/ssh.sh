#!/usr/bin/env bash
# SSH data-path benchmark: direct OpenSSH vs through Gatehouse, interleaved, one run.
#
# Starts a private sshd on 127.0.0.1 (own config, host key and a throw-away user key in a
# temp dir), then measures, round after round with the target order rotated:
#   1. scp upload and download of a BENCH_SSH_MB file (same cipher both ways),
#   2. BENCH_SSH_EXECS sequential 'ssh ... true' round trips (ControlMaster off, so each is a
#      full connection + authentication + session), split evenly over the rounds,
# and prints a markdown table and the goal ratios. See bench/README.md.
# Exit status: 0 = measured (goals may be MISSED), 1 = harness failure, 2 = some transfer or
# exec failed (results incomplete).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_SSH_MB=${BENCH_SSH_MB:-100}
BENCH_SSH_EXECS=${BENCH_SSH_EXECS:-1000}          # per target, over all rounds
BENCH_SSH_WARMUP=${BENCH_SSH_WARMUP:-20}          # unrecorded execs per target first
BENCH_SSH_WARMUP_MB=${BENCH_SSH_WARMUP_MB:-100}   # unrecorded scp each way per target first (0: none)
BENCH_SSH_WARMUP_PASSES=${BENCH_SSH_WARMUP_PASSES:-3} # that many times (a fresh JVM needs ~10k packets to compile)
BENCH_SSH_CIPHER=${BENCH_SSH_CIPHER:-aes128-gcm@openssh.com}
# Pinned key exchange: OpenSSH 9 would pick sntrup761x25519 direct (slow key generation)
# while the gateway may offer only curve25519; the same KEX on both legs keeps them comparable.
BENCH_SSH_KEX=${BENCH_SSH_KEX:-curve25519-sha256}
BENCH_SSH_PORT=${BENCH_SSH_PORT:-}                # fixed sshd port (default: a free one)
BENCH_SSH_USER=${BENCH_SSH_USER:-ghbench}         # login on the private sshd; ghbench is made here
BENCH_SSH_KEYDIR=${BENCH_SSH_KEYDIR:-}            # keep/reuse host and user keys here
BENCH_SCP_LEGACY=${BENCH_SCP_LEGACY:-0}           # 1: scp -O (SCP protocol instead of SFTP)
BENCH_KEEP=${BENCH_KEEP:-0}
BENCH_SSH_SAMPLE_EVERY=${BENCH_SSH_SAMPLE_EVERY:-250} # gateway memory sample every N exec sessions
GATEHOUSE_SSH_PORT=${GATEHOUSE_SSH_PORT:-2222}
SSHD=${SSHD:-/usr/sbin/sshd}

for v in BENCH_ROUNDS BENCH_SSH_MB BENCH_SSH_EXECS BENCH_SSH_WARMUP BENCH_SSH_WARMUP_MB BENCH_SSH_WARMUP_PASSES BENCH_SSH_SAMPLE_EVERY; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, not '${!v}'"
done
((BENCH_ROUNDS >= 1 && BENCH_ROUNDS <= 50)) || die "BENCH_ROUNDS must be 1-50"
((BENCH_SSH_MB >= 1 && BENCH_SSH_MB <= 4096)) || die "BENCH_SSH_MB must be 1-4096"
((BENCH_SSH_EXECS >= 1 && BENCH_SSH_EXECS <= 100000)) || die "BENCH_SSH_EXECS must be 1-100000"
((BENCH_SSH_SAMPLE_EVERY >= 1)) || die "BENCH_SSH_SAMPLE_EVERY must be at least 1"
((BENCH_SSH_WARMUP_MB <= BENCH_SSH_MB)) || die "BENCH_SSH_WARMUP_MB must not exceed BENCH_SSH_MB"

WORK=""
SSHD_PID=""
FAILURES=0
CREATED_USER=0

cleanup() {
  local rc=$?
  set +e
  unpin_proxies
  if [[ -n $SSHD_PID ]]; then
    # Its per-connection processes first: the gateway pools its target sessions, which would
    # otherwise outlive the listener (and keep the bench user busy for the next run).
    pkill -TERM -P "$SSHD_PID" 2>/dev/null
    kill "$SSHD_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$SSHD_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SSHD_PID" 2>/dev/null
  fi
  if ((CREATED_USER)); then userdel ghbench 2>/dev/null || log "could not remove user ghbench"; fi
  if [[ -n $WORK ]]; then
    if [[ $BENCH_KEEP == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_deps() {
  need_cmd "$SSHD" openssh-server
  need_cmd ssh openssh-client
  need_cmd scp openssh-client
  need_cmd ssh-keygen openssh-client
  if [[ -n ${GATEHOUSE_API:-} ]]; then need_cmd curl curl; fi
}

make_keys() {
  KEYDIR=${BENCH_SSH_KEYDIR:-$WORK/keys}
  mkdir -p "$KEYDIR"
  chmod 700 "$KEYDIR"
  [[ -f $KEYDIR/host_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C gh-bench-host -f "$KEYDIR/host_ed25519"
  [[ -f $KEYDIR/user_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C gh-bench-user -f "$KEYDIR/user_ed25519"
  cp "$KEYDIR/user_ed25519.pub" "$WORK/authorized_keys"
  chmod 644 "$WORK/authorized_keys"   # sshd reads it with the user's uid
}

# ensure_user: the login on the private sshd. The default 'ghbench' is a system user with
# /bin/sh and a home in the work dir, created for the run and removed at the end: root's (or
# any real user's) shell start-up files would be timed on every exec otherwise.
ensure_user() {
  if [[ $BENCH_SSH_USER == ghbench ]]; then
    mkdir -p "$WORK/home"
    if ! id ghbench >/dev/null 2>&1; then
      need_cmd useradd passwd
      useradd --system --no-create-home --home-dir "$WORK/home" --shell /bin/sh --user-group ghbench \
        || die "useradd ghbench failed"
      CREATED_USER=1
    fi
    # '*': no password, but not locked ('!' would make sshd refuse even keys without PAM).
    usermod --home "$WORK/home" --shell /bin/sh --password '*' ghbench || die "usermod ghbench failed"
    chown ghbench: "$WORK/home" "$WORK/remote"
  fi
  id "$BENCH_SSH_USER" >/dev/null 2>&1 || die "user $BENCH_SSH_USER does not exist"
  chown "$BENCH_SSH_USER" "$WORK/remote"
}

start_sshd() {
  SSH_PORT=${BENCH_SSH_PORT:-$(free_port)}
  port_busy "$SSH_PORT" && die "port $SSH_PORT is busy"
  mkdir -p /run/sshd   # privilege separation directory; missing when no system sshd ran
  chmod 755 /run/sshd
  cat >"$WORK/sshd_config" <<CONF
# Throw-away sshd for the Gatehouse benchmark: loopback only, key authentication only.
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $KEYDIR/host_ed25519
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
AllowUsers $BENCH_SSH_USER
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
MaxStartups 100:30:200
LogLevel ERROR
Subsystem sftp internal-sftp
CONF
  "$SSHD" -t -f "$WORK/sshd_config" || die "sshd rejects its config"
  log "starting sshd on 127.0.0.1:$SSH_PORT (user $BENCH_SSH_USER, key only)"
  "$SSHD" -D -f "$WORK/sshd_config" -E "$WORK/sshd.log" &
  SSHD_PID=$!
  wait_port "$SSH_PORT" 10 || { cat "$WORK/sshd.log" >&2; die "sshd does not listen"; }
  printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cat "$KEYDIR/host_ed25519.pub")" >"$WORK/known_hosts"
}

setup_gateway() {
  GW=0
  if [[ -n ${GATEHOUSE_API:-} ]]; then
    log "configuring Gatehouse at $GATEHOUSE_API for this sshd (port $SSH_PORT)"
    local out
    out=$("$HERE/gatehouse-setup.sh" ssh "$SSH_PORT" "$BENCH_SSH_USER" \
      "$KEYDIR/user_ed25519" "$KEYDIR/host_ed25519.pub") || die "gatehouse-setup.sh failed"
    eval "$out"
    GATEHOUSE_SSH_HOST=${GATEHOUSE_SSH_HOST:-127.0.0.1}
  fi
  if [[ -n ${GATEHOUSE_SSH_HOST:-} && -n ${GATEHOUSE_SSH_CONN:-} && -n ${GATEHOUSE_TOKEN:-} ]]; then
    GW=1
    # The token goes to ssh through SSH_ASKPASS (sshpass may be absent), from a private file.
    (umask 077 && printf '%s\n' "$GATEHOUSE_TOKEN" >"$WORK/token")
    printf '#!/bin/sh\nexec cat %q\n' "$WORK/token" >"$WORK/askpass"
    chmod 700 "$WORK/askpass"
    : >"$WORK/known_hosts_gw"
    log "gateway leg: $GATEHOUSE_SSH_CONN@$GATEHOUSE_SSH_HOST:$GATEHOUSE_SSH_PORT"
    run_ssh gatehouse true || die "'ssh -p $GATEHOUSE_SSH_PORT $GATEHOUSE_SSH_CONN@$GATEHOUSE_SSH_HOST true' fails; is the connection pointing at 127.0.0.1:$SSH_PORT?"
  else
    log "no gateway leg (set GATEHOUSE_SSH_HOST, GATEHOUSE_SSH_CONN, GATEHOUSE_TOKEN or GATEHOUSE_API)"
  fi
}

# client_opts TARGET: sets OPTS (options for ssh and scp), HOST, PORT and LOGIN for a target.
client_opts() {
  OPTS=(-F /dev/null -c "$BENCH_SSH_CIPHER" -o KexAlgorithms="$BENCH_SSH_KEX" -o ControlMaster=no -o ControlPath=none
    -o Compression=no -o LogLevel=ERROR -o ConnectTimeout=10 -o UpdateHostKeys=no)
  case $1 in
    direct)
      HOST=127.0.0.1 PORT=$SSH_PORT LOGIN=$BENCH_SSH_USER
      OPTS+=(-i "$KEYDIR/user_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes
        -o PreferredAuthentications=publickey -o StrictHostKeyChecking=yes
        -o UserKnownHostsFile="$WORK/known_hosts")
      ;;
    gatehouse)
      HOST=$GATEHOUSE_SSH_HOST PORT=$GATEHOUSE_SSH_PORT LOGIN=$GATEHOUSE_SSH_CONN
      OPTS+=(-o PubkeyAuthentication=no -o PreferredAuthentications=password,keyboard-interactive
        -o NumberOfPasswordPrompts=1 -o StrictHostKeyChecking=accept-new
        -o UserKnownHostsFile="$WORK/known_hosts_gw")
      ;;
    *) die "unknown target $1" ;;
  esac
}

# with_askpass CMD...: run a client command; the gateway leg answers the password prompt.
with_askpass() {
  SSH_ASKPASS=$WORK/askpass SSH_ASKPASS_REQUIRE=force DISPLAY=${DISPLAY:-:0} "$@"
}

# run_ssh TARGET COMMAND: one full ssh session running COMMAND (bounded to 30 s).
run_ssh() {
  client_opts "$1"
  with_askpass timeout 30 ssh "${OPTS[@]}" -p "$PORT" -n "$LOGIN@$HOST" "$2" </dev/null
}

now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# transfer DIRECTION(upload|download) TARGET ROUND: one scp, MB/s appended to transfers.tsv.
transfer() {
  local dir=$1 tgt=$2 round=$3 src dst check t0 t1 size mbps
  client_opts "$tgt"
  local scp_opts=("${OPTS[@]}" -q -P "$PORT")
  [[ $BENCH_SCP_LEGACY == 1 ]] && scp_opts+=(-O)
  rm -f "$WORK/remote/up.bin" "$WORK/down.bin"
  if [[ $dir == upload ]]; then
    src=$WORK/payload.bin dst="$LOGIN@$HOST:$WORK/remote/up.bin" check=$WORK/remote/up.bin
  else
    src="$LOGIN@$HOST:$WORK/payload.bin" dst=$WORK/down.bin check=$WORK/down.bin
  fi
  log "round $round: $dir ${BENCH_SSH_MB} MB -> $tgt"
  local cpu0 cpu1 cpu=nan cs0 cs1 cs=nan
  cpu0=$(cpu_ticks)
  cs0=$(ctx_switches)
  t0=$(now_us)
  if with_askpass timeout 600 scp "${scp_opts[@]}" "$src" "$dst" </dev/null 2>"$WORK/scp.err"; then
    t1=$(now_us)
    cpu1=$(cpu_ticks)
    cs1=$(ctx_switches)
    if [[ $tgt == gatehouse && $cpu0 != nan && $cpu1 != nan ]]; then
      cpu=$(calc "($cpu1 - $cpu0) / $CLK_TCK / ($PAYLOAD_BYTES / 104857600)")
    fi
    if [[ $tgt == gatehouse && $cs0 != nan && $cs1 != nan ]]; then
      cs=$(calc "($cs1 - $cs0) / ($PAYLOAD_BYTES / 104857600)")
    fi
    size=$(stat -c %s "$check" 2>/dev/null || echo 0)
    if [[ $size == "$PAYLOAD_BYTES" ]]; then
      mbps=$(calc "$PAYLOAD_BYTES / 1048576 / (($t1 - $t0) / 1000000)")
      printf '%s\t%s\t%s\t%s\tok\t%s\t%s\n' "$dir" "$tgt" "$round" "$mbps" "$cpu" "$cs" >>"$WORK/transfers.tsv"
      return 0
    fi
    log "FAILED: $dir -> $tgt: $size bytes arrived, expected $PAYLOAD_BYTES"
  else
    log "FAILED: $dir -> $tgt: $(tail -n 3 "$WORK/scp.err")"
  fi
  printf '%s\t%s\t%s\tnan\tfail\n' "$dir" "$tgt" "$round" >>"$WORK/transfers.tsv"
  FAILURES=$((FAILURES + 1))
}

# warmup_transfer TARGET: one unrecorded scp each way of the warm-up file.
warmup_transfer() {
  client_opts "$1"
  local scp_opts=("${OPTS[@]}" -q -P "$PORT")
  [[ $BENCH_SCP_LEGACY == 1 ]] && scp_opts+=(-O)
  log "warm-up: ${BENCH_SSH_WARMUP_PASSES} x ${BENCH_SSH_WARMUP_MB} MB each way -> $1"
  local pass
  for ((pass = 0; pass < BENCH_SSH_WARMUP_PASSES; pass++)); do
    with_askpass timeout 600 scp "${scp_opts[@]}" "$WORK/warmup.bin" "$LOGIN@$HOST:$WORK/remote/warmup.bin" </dev/null 2>/dev/null || log "warm-up upload -> $1 failed"
    with_askpass timeout 600 scp "${scp_opts[@]}" "$LOGIN@$HOST:$WORK/warmup.bin" "$WORK/warmup.down" </dev/null 2>/dev/null || log "warm-up download -> $1 failed"
  done
  rm -f "$WORK/remote/warmup.bin" "$WORK/warmup.down"
}

# exec_batch TARGET COUNT: COUNT sequential 'ssh ... true', each one's ms in exec.TARGET.ms.
exec_batch() {
  local tgt=$1 n=$2 i t0 t1 failed=0
  log "$n x 'ssh true' -> $tgt"
  for ((i = 0; i < n; i++)); do
    if [[ $tgt == gatehouse ]] && ((i > 0 && i % BENCH_SSH_SAMPLE_EVERY == 0)); then
      gw_sample "$((GW_SESSIONS + i))"
    fi
    t0=$(now_us)
    if run_ssh "$tgt" true 2>>"$WORK/exec.err"; then
      t1=$(now_us)
      awk -v d=$((t1 - t0)) 'BEGIN { printf "%.3f\n", d / 1000 }' >>"$WORK/exec.$tgt.ms"
    else
      failed=$((failed + 1))
      echo x >>"$WORK/exec.$tgt.failed"
    fi
  done
  if [[ $tgt == gatehouse ]]; then
    GW_SESSIONS=$((GW_SESSIONS + n))
    gw_sample "$GW_SESSIONS"
  fi
  if ((failed > 0)); then
    log "FAILED: $failed exec(s) -> $tgt: $(tail -n 2 "$WORK/exec.err")"
    FAILURES=$((FAILURES + 1))
  fi
}

# gw_sample LABEL: the gateway's heap after a forced full GC (jcmd GC.run, then GC.heap_info
# 'used'), RSS, live threads and open file descriptors, appended to mem.tsv. Without
# GATEHOUSE_PID or jcmd nothing is sampled.
gw_sample() {
  [[ -n ${GATEHOUSE_PID:-} && -r /proc/$GATEHOUSE_PID/status ]] && command -v jcmd >/dev/null || return 0
  local heap rss threads fds
  jcmd "$GATEHOUSE_PID" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$GATEHOUSE_PID" GC.heap_info 2>/dev/null | awk '/ used / { for (i = 1; i < NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print v; exit } }')
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$GATEHOUSE_PID/status")
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$GATEHOUSE_PID/status")
  fds=$(find "/proc/$GATEHOUSE_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "${heap:-nan}" "${rss:-nan}" "${threads:-nan}" "$fds" >>"$WORK/mem.tsv"
}

rss_kb() {
  [[ -n ${GATEHOUSE_PID:-} && -r /proc/$GATEHOUSE_PID/status ]] || { echo nan; return; }
  awk '/^VmRSS:/ { print $2 }' "/proc/$GATEHOUSE_PID/status"
}

fmt() { [[ $1 == nan || -z $1 ]] && echo "–" || awk -v x="$1" -v d="$2" 'BEGIN { printf "%.*f", d, x }'; }

# tstat DIRECTION TARGET mean|median: MB/s over the rounds.
tstat() {
  awk -F'\t' -v d="$1" -v t="$2" '$1 == d && $2 == t && $5 == "ok" { print $4 }' "$WORK/transfers.tsv" \
    | mean_median | { read -r mean median; [[ $3 == mean ]] && echo "$mean" || echo "$median"; }
}

# estat TARGET p50|p99|mean: over every recorded exec of the target.
estat() {
  local f=$WORK/exec.$1.ms
  [[ -s $f ]] || { echo nan; return; }
  case $2 in
    p50) pctl 50 <"$f" ;;
    p99) pctl 99 <"$f" ;;
    mean) mean_median <"$f" | cut -d' ' -f1 ;;
  esac
}

print_report() {
  local targets=(direct) t d
  ((GW)) && targets+=(gatehouse)
  echo
  echo "## Gatehouse SSH benchmark"
  echo
  echo "- command: \`$CMDLINE\`"
  machine_info
  echo "- $BENCH_ROUNDS round(s), target order rotated each round; cipher $BENCH_SSH_CIPHER, KEX $BENCH_SSH_KEX, no compression," \
    "ControlMaster off; scp $([[ $BENCH_SCP_LEGACY == 1 ]] && echo "-O (SCP protocol)" || echo "(SFTP protocol, OpenSSH default)")"
  client_opts direct
  echo "- login on the private sshd: $BENCH_SSH_USER (shell $(getent passwd "$BENCH_SSH_USER" | cut -d: -f7))"
  echo "- direct: \`ssh ${OPTS[*]} -p $PORT $LOGIN@$HOST true\` (sshd $("$SSHD" -V 2>&1 | head -n1 || true))" | sed "s|$WORK|\$WORK|g"
  if ((GW)); then
    client_opts gatehouse
    echo "- gatehouse: \`ssh ${OPTS[*]} -p $PORT $LOGIN@$HOST true\` (password = token via SSH_ASKPASS)" | sed "s|$WORK|\$WORK|g"
  else
    echo "- gatehouse: not measured"
  fi
  echo
  echo "| measure | target | mean | median | p99 | n ok |"
  echo "|---|---|---:|---:|---:|---:|"
  for d in upload download; do
    for t in "${targets[@]}"; do
      printf '| %s %s MB, MB/s | %s | %s | %s | | %s/%s |\n' "scp $d" "$BENCH_SSH_MB" "$t" \
        "$(fmt "$(tstat "$d" "$t" mean)" 1)" "$(fmt "$(tstat "$d" "$t" median)" 1)" \
        "$(awk -F'\t' -v d="$d" -v t="$t" '$1 == d && $2 == t && $5 == "ok"' "$WORK/transfers.tsv" | wc -l)" \
        "$BENCH_ROUNDS"
    done
  done
  for t in "${targets[@]}"; do
    printf '| ssh true, ms per exec | %s | %s | %s | %s | %s/%s |\n' "$t" \
      "$(fmt "$(estat "$t" mean)" 2)" "$(fmt "$(estat "$t" p50)" 2)" "$(fmt "$(estat "$t" p99)" 2)" \
      "$( [[ -f $WORK/exec.$t.ms ]] && wc -l <"$WORK/exec.$t.ms" || echo 0)" "$EXECS_TOTAL"
  done
  echo
  echo "Transfers: mean and median of the per-round MB/s. Exec: statistics over every recorded"
  echo "round trip of the target (fork of ssh, TCP connect, key exchange, authentication, session, exit)."
  if ((GW)); then
    local d cpus cm cmed
    for d in upload download; do
      cpus=$(awk -F'\t' -v d="$d" '$1 == d && $2 == "gatehouse" && $5 == "ok" && $6 != "nan" && $6 != "" { print $6 }' \
        "$WORK/transfers.tsv" | mean_median)
      read -r cm cmed <<<"$cpus"
      if [[ $cm != nan ]]; then
        echo "Gateway CPU (user+system of pid $GATEHOUSE_PID) per 100 MB, scp $d: mean $(fmt "$cm" 3) s, median $(fmt "$cmed" 3) s."
      fi
      cpus=$(awk -F'\t' -v d="$d" '$1 == d && $2 == "gatehouse" && $5 == "ok" && $7 != "nan" && $7 != "" { print $7 }' \
        "$WORK/transfers.tsv" | mean_median)
      read -r cm cmed <<<"$cpus"
      if [[ $cm != nan ]]; then
        echo "Gateway context switches (all threads) per 100 MB, scp $d: mean $(fmt "$cm" 0), median $(fmt "$cmed" 0)."
      fi
    done
  fi
  echo
  echo "### Goals (verdict on the mean for transfers, on the median for exec; MISSED does not fail the run)"
  echo
  echo "| goal | value | limit | verdict |"
  echo "|---|---:|---:|---|"
  local v
  for d in upload download; do
    v=$(calc "$(tstat "$d" gatehouse mean) / $(tstat "$d" direct mean)")
    printf '| gatehouse/direct scp %s throughput | %s | ≥ 0.8 | %s |\n' "$d" "$(fmt "$v" 3)" "$(verdict "$v" ">=" 0.8)"
  done
  v=$(calc "$(estat gatehouse p50) - $(estat direct p50)")
  printf '| added median ms per exec | %s | ≤ 5 | %s |\n' "$(fmt "$v" 2)" "$(verdict "$v" "<=" 5)"
  v=$(calc "$(estat gatehouse p99) - $(estat direct p99)")
  printf '| added p99 ms per exec (no goal) | %s | | |\n' "$(fmt "$v" 2)"
  if ((GW)) && [[ -s $WORK/mem.tsv ]]; then
    echo
    echo "### Gateway memory across the $EXECS_TOTAL sequential exec sessions (pid $GATEHOUSE_PID)"
    echo
    echo "Sampled after a forced full GC (\`jcmd GC.run\`, then \`GC.heap_info\` 'used'); 0 = after the warm-up."
    echo
    echo "| sessions | heap used after GC, MiB | RSS, MiB | threads | open fds |"
    echo "|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s | %.1f | %.0f | %s | %s |\n", $1, $2 / 1024, $3 / 1024, $4, $5 }' "$WORK/mem.tsv"
    awk -F'\t' 'NR == 1 { h = $2; t = $4; f = $5 } END {
      dh = ($2 - h) / 1024; printf "\nDelta first to last sample: heap %+.1f MiB, threads %+d, fds %+d", dh, $4 - t, $5 - f
      printf " (flat: heap within 16 MiB, threads and fds within 5: %s)\n", (dh <= 16 && $4 - t <= 5 && $5 - f <= 5) ? "MET" : "MISSED" }' "$WORK/mem.tsv"
  fi
  if ((GW)) && [[ $RSS_BEFORE != nan ]]; then
    echo
    echo "Gateway RSS (pid $GATEHOUSE_PID) around the $EXECS_TOTAL exec sessions: before $((RSS_BEFORE / 1024)) MiB," \
      "after $((RSS_AFTER / 1024)) MiB, delta $(((RSS_AFTER - RSS_BEFORE) / 1024)) MiB"
  elif ((GW)); then
    echo
    echo "Gateway RSS: not sampled (set GATEHOUSE_PID to the gateway's process id)"
  fi
  return 0
}

verdict() { goal "$1" "$2" "$3" | sed 's/^n\/a$/n\/a (no gateway leg)/'; }

main() {
  CMDLINE="BENCH_ROUNDS=$BENCH_ROUNDS BENCH_SSH_MB=$BENCH_SSH_MB BENCH_SSH_WARMUP_MB=$BENCH_SSH_WARMUP_MB BENCH_SSH_WARMUP_PASSES=$BENCH_SSH_WARMUP_PASSES BENCH_SSH_EXECS=$BENCH_SSH_EXECS BENCH_SSH_CIPHER=$BENCH_SSH_CIPHER BENCH_SSH_KEX=$BENCH_SSH_KEX BENCH_SCP_LEGACY=$BENCH_SCP_LEGACY BENCH_PIN=$BENCH_PIN $0 $*"
  [[ $(id -u) -eq 0 ]] || die "run as root (it starts an sshd)"
  install_deps
  WORK=$(mktemp -d /tmp/gh-bench-ssh.XXXXXX)
  chmod 711 "$WORK"
  mkdir -p "$WORK/remote"
  : >"$WORK/transfers.tsv"
  make_keys
  ensure_user
  start_sshd
  setup_gateway
  # BENCH_PIN=1 (lib.sh): scp, ssh and sshd on CPU 0, the gateway on CPU 1.
  ! ((GW)) || [[ $BENCH_PIN == 0 || -n ${GATEHOUSE_PID:-} ]] || die "BENCH_PIN=1 needs GATEHOUSE_PID to pin the gateway"
  pin_bench "$SSHD_PID" "${GATEHOUSE_PID:-}"
  local targets=(direct) round t per
  ((GW)) && targets+=(gatehouse)

  log "writing a ${BENCH_SSH_MB} MB random payload"
  head -c $((BENCH_SSH_MB * 1048576)) /dev/urandom >"$WORK/payload.bin"
  chmod 644 "$WORK/payload.bin"
  PAYLOAD_BYTES=$(stat -c %s "$WORK/payload.bin")

  # Phase 1: transfers, interleaved, after an unrecorded warm-up transfer each way per target
  # (the gateway is a JVM: its crypto and relay code must be compiled before it is timed).
  if ((BENCH_SSH_WARMUP_MB > 0)); then
    head -c $((BENCH_SSH_WARMUP_MB * 1048576)) "$WORK/payload.bin" >"$WORK/warmup.bin"
    chmod 644 "$WORK/warmup.bin"
    for t in "${targets[@]}"; do warmup_transfer "$t"; done
  fi
  for round in $(seq 1 "$BENCH_ROUNDS"); do
    for t in $(rotate $((round - 1)) "${targets[@]}"); do transfer upload "$t" "$round"; done
    for t in $(rotate $((round - 1)) "${targets[@]}"); do transfer download "$t" "$round"; done
  done
  rm -f "$WORK/remote/up.bin" "$WORK/down.bin"

  # Phase 2: exec round trips, interleaved in one block per target and round.
  for t in "${targets[@]}"; do
    log "warm-up: $BENCH_SSH_WARMUP x 'ssh true' -> $t"
    for ((i = 0; i < BENCH_SSH_WARMUP; i++)); do run_ssh "$t" true 2>/dev/null || true; done
  done
  per=$(((BENCH_SSH_EXECS + BENCH_ROUNDS - 1) / BENCH_ROUNDS))
  EXECS_TOTAL=$((per * BENCH_ROUNDS))
  GW_SESSIONS=0
  ((GW)) && gw_sample 0
  RSS_BEFORE=$(rss_kb)
  for round in $(seq 1 "$BENCH_ROUNDS"); do
    for t in $(rotate $((round - 1)) "${targets[@]}"); do exec_batch "$t" "$per"; done
  done
  RSS_AFTER=$(rss_kb)

  print_report
  if ((FAILURES > 0)); then
    log "$FAILURES failure(s): results incomplete"
    exit 2
  fi
}

main "$@"
