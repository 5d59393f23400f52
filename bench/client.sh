#!/usr/bin/env bash
# bench/client.sh - the client side: connect + auth + exec latency
# (`CLIENT -p PORT root@127.0.0.1 true`, median and p90 of N runs) and bulk
# push/pull throughput, for shrew and OpenSSH's ssh (with its default kex,
# sntrup761x25519 against sshd, and with curve25519-sha256 as shrew uses;
# and Debian's dbclient when installed), against a test instance of OpenSSH's sshd and against
# shrewd.  Prints a markdown table and writes it to
# build/bench/client-results.md.
#
# Root only (the servers log in as root with a key kept in a temporary
# directory; every client gets its key, no known_hosts check and no agent).
# Runs in a private mount namespace with an empty /root (see below).
#
# Environment: SHREW_BIN (default build), BENCH_N (default 50),
# BENCH_MB (MiB per transfer, default 256), BENCH_OUT (default build/bench).
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1
SHREW_BIN=$(cd "${SHREW_BIN:-build}" && pwd)
export SHREW_BIN
N=${BENCH_N:-50}
MB=${BENCH_MB:-256}
OUT=${BENCH_OUT:-build/bench}
. test/integ-lib.sh

[ "$(id -u)" = 0 ] || { echo "bench/client.sh: run as root" >&2; exit 1; }
# Everything runs in a private mount namespace whose /root is an empty
# directory: root's real shell start-up files (a ~/.bashrc that takes 100 ms
# here, read by bash for every command run over SSH) must not be measured,
# and nothing (dbclient's known_hosts) is written to the real home.
if [ -z "${BENCH_IN_NS:-}" ]; then
	home=$(mktemp -d /run/shrew-bench-home.XXXXXX)
	BENCH_IN_NS=1 unshare --mount --propagation private -- \
		sh -c 'mount --bind "$0" /root && exec "$@"' "$home" bash "$0" "$@"
	rc=$?
	rm -rf "$home"
	exit $rc
fi
T=$(mktemp -d /run/shrew-bench-client.XXXXXX)
PID=
SSHD_PID=
trap 'stop_shrewd; stop_sshd; rm -rf "$T"' EXIT
mkdir -p "$T/keys" "$OUT"
ssh-keygen -q -t ed25519 -N '' -f "$T/id"
cp "$T/id.pub" "$T/keys/authorized_keys"
"$SHREW_BIN/shrewkey" -t ed25519 -f "$T/hostkey" >/dev/null 2>&1
start_sshd "$T/sshd" "$T/keys/authorized_keys" 45000 || exit 1
start_shrewd "$T/shrewd.log" 46000 -r "$T/hostkey" -D "$T/keys" || exit 1
unset SSH_AUTH_SOCK

client_cmd() { # NAME PORT -> the command line
	case $1 in
	shrew) echo "$SHREW_BIN/shrew -q -yy -o BatchMode=yes -i $T/id -p $2 root@127.0.0.1" ;;
	ssh) echo "ssh -F /dev/null -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o UpdateHostKeys=no -o IdentitiesOnly=yes -i $T/id -p $2 root@127.0.0.1" ;;
	ssh-c25519) echo "$(client_cmd ssh "$2" | sed 's/ -i / -o KexAlgorithms=curve25519-sha256 -i /')" ;;
	dbclient) echo "dbclient -y -i $T/id.db -p $2 root@127.0.0.1" ;;
	esac
}

# median and p90 (ms) of N connect+exec runs
latency() { # CMD...
	for _i in $(seq "$N"); do
		_s=$(date +%s%N)
		"$@" true </dev/null >/dev/null 2>&1 || echo "run failed: $*" >&2
		echo $((($(date +%s%N) - _s) / 1000000))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%d / %d", a[int((NR + 1) / 2)], a[int(NR * 0.9)] }'
}

# MiB/s of MB MiB pushed (stdin -> remote cat >/dev/null) and pulled
bulk() { # CMD...
	_s=$(date +%s%N)
	head -c $((MB * 1048576)) /dev/zero | "$@" 'cat >/dev/null' 2>/dev/null
	_push=$((MB * 1000000000 / ($(date +%s%N) - _s)))
	_s=$(date +%s%N)
	"$@" "head -c $((MB * 1048576)) /dev/zero" </dev/null >/dev/null 2>&1
	_pull=$((MB * 1000000000 / ($(date +%s%N) - _s)))
	echo "$_push / $_pull"
}

CLIENTS="shrew ssh ssh-c25519"
if command -v dbclient >/dev/null && command -v dropbearconvert >/dev/null &&
	dropbearconvert openssh dropbear "$T/id" "$T/id.db" >/dev/null 2>&1; then
	CLIENTS="$CLIENTS dbclient"
fi
{
	echo "| client -> server | connect+exec median / p90, ms | default cipher (chacha20-poly1305) push / pull, MiB/s |"
	echo "|---|---|---|"
	for srv in sshd:$SSHD_PORT shrewd:$PORT; do
		for c in $CLIENTS; do
			cmd=$(client_cmd "$c" "${srv#*:}")
			echo "| $c -> ${srv%%:*} | $(latency $cmd) | $(bulk $cmd) |"
		done
	done
} | tee "$OUT/client-results.md"
