#!/usr/bin/env bash
# A real OpenSSH server as an SSH target for tests.
#
#   scripts/sshd-test-target.sh start DIR PORT   start sshd on 127.0.0.1:PORT, state in DIR
#   scripts/sshd-test-target.sh stop  DIR        stop it
#
# Installs the Debian package openssh-server when /usr/sbin/sshd is missing (needs root; CI
# machines start bare). Logs in as the local user "ghtest" (created if needed, no password: its
# shadow entry is '*', which sshd does not treat as locked) with a key pair generated into DIR:
#   DIR/client_key, DIR/client_key.pub   the key the gateway holds for the target (ECDSA P-256)
#   DIR/ssh_host_ecdsa_key.pub           the target's host key, to pin
#   DIR/sshd_config, DIR/sshd.log, DIR/sshd.pid
# GATEHOUSE_SSHD_MAX_SESSIONS sets sshd's MaxSessions (channels per connection, default 10).
# GATEHOUSE_SSHD_PERMIT_OPEN, when set (e.g. "127.0.0.1:5432"), allows forwarding: local forwards
# to those destinations only (PermitOpen), remote forwards' listeners on loopback (sshd's default
# GatewayPorts no); by default forwarding is off.
# Password authentication is off on this sshd; it listens on loopback only and allows only ghtest.
# Exit status 2 means sshd is not available and cannot be installed (callers skip).
set -euo pipefail

usage() { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 64; }
[ $# -ge 2 ] || usage
action=$1
dir=$2
test_user=${GATEHOUSE_SSHD_TEST_USER:-ghtest}
sshd=/usr/sbin/sshd

ensure_sshd() {
  [ -x "$sshd" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "sshd-test-target: $sshd missing and not root, cannot install openssh-server" >&2
    exit 2
  fi
  echo "sshd-test-target: installing openssh-server" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends openssh-server >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends openssh-server >&2; } \
    || { echo "sshd-test-target: cannot install openssh-server" >&2; exit 2; }
  [ -x "$sshd" ] || exit 2
}

ensure_user() {
  if ! id "$test_user" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/sh "$test_user"
  fi
  # '!' (useradd's default) makes sshd refuse every method when UsePAM is off; '*' does not.
  usermod -p '*' "$test_user"
}

start() {
  local port=${1:?PORT required}
  ensure_sshd
  ensure_user
  mkdir -p "$dir" /run/sshd
  chmod 755 "$dir"  # sshd reads authorized_keys as the test user
  [ -f "$dir/ssh_host_ecdsa_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -f "$dir/ssh_host_ecdsa_key"
  [ -f "$dir/client_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C gatehouse-test -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  chmod 644 "$dir/authorized_keys"
  tcp_forwarding=no
  [ -z "${GATEHOUSE_SSHD_PERMIT_OPEN:-}" ] || tcp_forwarding=yes
  cat >"$dir/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ecdsa_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
UsePAM no
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $test_user
AllowTcpForwarding $tcp_forwarding
PermitOpen ${GATEHOUSE_SSHD_PERMIT_OPEN:-any}
X11Forwarding no
PrintMotd no
Subsystem sftp internal-sftp
LogLevel VERBOSE
MaxSessions ${GATEHOUSE_SSHD_MAX_SESSIONS:-10}
CONFIG
  "$sshd" -t -f "$dir/sshd_config"
  nohup "$sshd" -D -e -f "$dir/sshd_config" </dev/null >"$dir/sshd.log" 2>&1 &
  echo $! >"$dir/sshd.launcher.pid"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "sshd-test-target: listening on 127.0.0.1:$port (pid $(cat "$dir/sshd.launcher.pid")), user $test_user"
      return 0
    fi
    kill -0 "$(cat "$dir/sshd.launcher.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "sshd-test-target: sshd did not start; log follows" >&2
  cat "$dir/sshd.log" >&2
  stop
  exit 1
}

stop() {
  [ -f "$dir/sshd.launcher.pid" ] || return 0
  local pid
  pid=$(cat "$dir/sshd.launcher.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/sshd.launcher.pid"
}

case "$action" in
  start) start "${3:-}" ;;
  stop) stop ;;
  *) usage ;;
esac
