#!/usr/bin/env bash
# bench/server.sh - shrewd against Debian's Dropbear and OpenSSH's sshd on
# 127.0.0.1, all three driven by OpenSSH's ssh client: connect+auth+exec
# latency, bulk throughput per cipher, server CPU per GiB, memory per
# session, stripped binary size.  Prints one markdown table and writes it to
# build/bench/server-results.md.  Read bench/README.md for what each number
# means and how it is measured.
#
# Root only (the servers log in as root).  Every server runs in a private
# mount namespace in which /root is a bind mount of an empty temporary home
# (see "Why a mount namespace" in bench/README.md); nothing outside the
# temporary directory is changed, except that /run/sshd is created if it is
# missing (sshd needs it, and Debian's own sshd service creates it too).
#
# Environment:
#   SHREWD         shrewd binary (default build/shrewd)
#   BENCH_N        latency samples per server (default 50)
#   BENCH_MB       MiB per bulk transfer (default 512)
#   BENCH_SESSIONS concurrent sessions for the memory test (default 20)
#   BENCH_SERVERS  which servers, in order (default "shrewd dropbear sshd")
#   BENCH_OUT      results directory (default build/bench)
#   BENCH_TMPDIR   parent of the temporary directory (default /run); every
#                  directory on the path must be root-owned and not group or
#                  world writable, or the servers refuse authorized_keys
#   BENCH_SHREWD_ARGS, BENCH_DROPBEAR_ARGS, BENCH_SSHD_ARGS
#                  extra server arguments (e.g. a bigger -W window)
#
# Quick run: BENCH_N=5 BENCH_MB=32 bench/server.sh

set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1

SHREWD=${SHREWD:-build/shrewd}
N=${BENCH_N:-50}
MB=${BENCH_MB:-512}
SESSIONS=${BENCH_SESSIONS:-20}
SERVERS=${BENCH_SERVERS:-shrewd dropbear sshd}
OUT=${BENCH_OUT:-build/bench}
TMPPARENT=${BENCH_TMPDIR:-/run}
DROPBEAR=/usr/sbin/dropbear
SSHD=/usr/sbin/sshd

# cipher[:mac] pairs for the bulk transfers; an AEAD cipher has no MAC.
CIPHERS="chacha20-poly1305@openssh.com aes128-gcm@openssh.com aes256-gcm@openssh.com
aes128-ctr:hmac-sha2-256-etm@openssh.com aes256-ctr:hmac-sha2-256-etm@openssh.com"
# A server without encrypt-then-MAC (Dropbear) is measured with this MAC
# instead, marked with a dagger in the table.
FALLBACK_MAC=hmac-sha2-256
# The second latency series forces this kex on every server: OpenSSH's
# default, sntrup761x25519, costs the client far more CPU than X25519 alone.
SAME_KEX=curve25519-sha256

HZ=$(getconf CLK_TCK)
START=$EPOCHREALTIME
BYTES=$((MB * 1048576))
XFER_TIMEOUT=$((60 + MB)) # seconds per transfer: at least 1 MiB/s

log() { printf 'bench: %4ss %s\n' "$((${EPOCHREALTIME%.*} - ${START%.*}))" "$*" >&2; }
die() {
	log "$*"
	exit 1
}

# ---------------------------------------------------------------------------
# Processes: everything started here is recorded and killed by PID on exit.

LISTENERS=() # server listener PIDs
CLIENTS=()   # background ssh clients (timeout's PID; it passes TERM on)
CMDS=()      # the remote commands (sleep) of the memory test
T=

# Descendants of PID (any depth), from one ps snapshot.
descendants() {
	ps -e -o pid=,ppid= | awk -v root="$1" '
		{ par[$1] = $2 }
		END { for (p in par) for (q = par[p]; q > 1; q = par[q]) if (q == root) { print p; break } }'
}

cleanup() {
	local p
	trap - EXIT INT TERM
	for p in "${LISTENERS[@]}"; do
		# The listener's connection children and their commands were
		# started by us too; a killed listener does not take them along.
		# Before the clients: once those go, a command may be orphaned
		# and no longer found under the listener.
		kill $(descendants "$p") "$p" 2>/dev/null
	done
	for p in "${CMDS[@]}"; do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = sleep ] && kill "$p" 2>/dev/null; done
	for p in "${CLIENTS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${CLIENTS[@]}" "${LISTENERS[@]}"; do wait "$p" 2>/dev/null; done
	[ -n "$T" ] && rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------
# /proc helpers

# Fields 3.. of /proc/PID/stat (or of a stat line given as $1 with -l),
# after the "(comm)" field, which may hold spaces.
stat_fields() { # -l LINE | PID
	local s
	if [ "$1" = -l ]; then s=$2; else s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; fi
	printf '%s\n' "${s##*) }"
}

# Ticks of CPU that PID's reaped children (and theirs) used: cutime+cstime.
children_ticks() {
	set -- $(stat_fields "$1")
	echo $((${14} + ${15}))
}

# Ticks of CPU of a process and its reaped children, from a stat line.
all_ticks() {
	set -- $(stat_fields -l "$1")
	echo $((${12} + ${13} + ${14} + ${15}))
}

# Per-connection server processes under LISTENER: descendants running the
# server binary EXE, not descending into anything else (the user's shell and
# its command).  The listener itself is not included.
server_procs() { # LISTENER EXE
	local queue=("$1") p c
	ps -e -o pid=,ppid= >"$T/ps"
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		for c in $(awk -v p="$p" '$2 == p { print $1 }' "$T/ps"); do
			[ "$(readlink "/proc/$c/exe" 2>/dev/null)" = "$2" ] || continue
			echo "$c"
			queue+=("$c")
		done
	done
}

# The commands the server runs: children of the listener or of its server
# processes that are not the server binary.
command_procs() { # LISTENER EXE
	local p c
	ps -e -o pid=,ppid= >"$T/ps2"
	for p in "$1" $(server_procs "$1" "$2"); do
		for c in $(awk -v p="$p" '$2 == p { print $1 }' "$T/ps2"); do
			[ "$(readlink "/proc/$c/exe" 2>/dev/null)" = "$2" ] || echo "$c"
		done
	done
}

# Waits (at most 10 s) until LISTENER has no children left, i.e. every
# connection process has exited and been reaped.
wait_reaped() {
	local i
	for i in $(seq 100); do
		[ -z "$(ps -o pid= --ppid "$1")" ] && return 0
		sleep 0.1
	done
	log "listener $1 still has children: $(ps -o pid=,args= --ppid "$1" | tr '\n' ' ')"
	return 1
}

# ---------------------------------------------------------------------------
# Servers

# A port on 127.0.0.1 with nothing listening, from a range picked by our PID.
free_port() {
	local i p
	for i in $(seq 200); do
		p=$((20000 + ($$ * 7 + i * 131 + RANDOM) % 40000))
		[ -z "$(ss -Htln "sport = :$p")" ] && {
			echo "$p"
			return 0
		}
	done
	return 1
}

# Runs ARGS in a private mount namespace where /root is $T/home, in a session
# of its own so that a ^C or a `timeout` aimed at our process group does not
# kill the servers before the EXIT trap has found their children.  setsid
# (not a group leader here), unshare and sh all exec: the PID stays the
# server's.
NS=(setsid unshare --mount --propagation private -- sh -c 'mount --bind "$0" /root && exec "$@"')

# Starts server NAME on a free port: sets PORT, PID and EXE (the binary,
# resolved, as /proc/PID/exe shows it).  Up to 5 ports are tried.
start_server() { # NAME
	local name=$1 try i cmd
	for try in 1 2 3 4 5; do
		PORT=$(free_port) || return 1
		case $name in
		shrewd)
			EXE=$T/bin/shrewd
			cmd=("$EXE" -F -E -p "127.0.0.1:$PORT" -r "$T/shrew_ed25519_host_key" -R
				-D "$T/home/.ssh" -P "$T/shrewd.pid" ${BENCH_SHREWD_ARGS:-})
			;;
		dropbear)
			EXE=$(readlink -f "$DROPBEAR")
			cmd=("$EXE" -F -E -p "127.0.0.1:$PORT" -r "$T/dropbear_ed25519_host_key"
				-P "$T/dropbear.pid" ${BENCH_DROPBEAR_ARGS:-})
			;;
		sshd)
			EXE=$(readlink -f "$SSHD")
			sed "s/^Port .*/Port $PORT/" "$T/sshd_config.in" >"$T/sshd_config"
			cmd=("$EXE" -D -e -f "$T/sshd_config" ${BENCH_SSHD_ARGS:-})
			;;
		esac
		"${NS[@]}" "$T/home" "${cmd[@]}" >"$T/$name.log" 2>&1 &
		PID=$!
		for i in $(seq 50); do
			kill -0 "$PID" 2>/dev/null || break
			if [ -n "$(ss -Htln "sport = :$PORT")" ]; then
				LISTENERS+=("$PID")
				return 0
			fi
			sleep 0.1
		done
		kill "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
		log "$name did not start on port $PORT:"
		tail -n 5 "$T/$name.log" >&2
	done
	return 1
}

stop_server() { # PID
	local k
	kill $(descendants "$1") "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	for k in "${!LISTENERS[@]}"; do [ "${LISTENERS[$k]}" = "$1" ] && unset "LISTENERS[$k]"; done
}

# ---------------------------------------------------------------------------
# Client

# ssh with no user or system configuration (-F /dev/null: upstream defaults),
# our key only, no host key checks, no prompts.  Used as
#   timeout SECS "${SSH[@]}" -p "$PORT" [OPTIONS] "$DEST" COMMAND
# (an array, not a function, so that timeout can run it).
SSH=(ssh -F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no
	-o UserKnownHostsFile=/dev/null -o UpdateHostKeys=no -o ConnectTimeout=10 -o LogLevel=ERROR)
DEST=root@127.0.0.1

# Remote command suffix: the user's shell prints its own /proc stat line to
# stderr, so its CPU and that of the command it ran (reaped) are known.
# shellcheck disable=SC2016
SELFSTAT='; read -r l </proc/$$/stat; echo "STAT $l" >&2'

# Milliseconds between two $EPOCHREALTIME values.
ms_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'; }

# Median and nearest-rank 90th percentile of the numbers on stdin.
median_p90() {
	sort -n | awk '{ v[NR] = $1 }
		END {
			if (!NR) { print "- -"; exit }
			m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			i = int((90 * NR + 99) / 100)
			printf "%.1f %.1f\n", m, v[i]
		}'
}

# ---------------------------------------------------------------------------
# Measurements.  Each sets R[metric,server] cells.

declare -A R
ROWS=()
row() { # KEY LABEL: registers a table row once, in order
	local k
	for k in "${ROWS[@]}"; do [ "${k%%|*}" = "$1" ] && return; done
	ROWS+=("$1|$2")
}

# connect+auth+exec: `ssh host true`, N times, with the client's default
# algorithms (KEY lat) or with OPTIONS (KEY latkex: the same kex for all).
measure_latency() { # NAME KEY LABEL [OPTIONS...]
	local s=$1 key=$2 label=$3 i t0 t1 fails=0
	shift 3
	: >"$T/lat"
	for i in $(seq "$N"); do
		t0=$EPOCHREALTIME
		if timeout 30 "${SSH[@]}" -p "$PORT" "$@" "$DEST" true </dev/null; then
			t1=$EPOCHREALTIME
			ms_between "$t0" "$t1" >>"$T/lat"
		else
			fails=$((fails + 1))
		fi
	done
	set -- $(median_p90 <"$T/lat")
	row "$key 50" "$label, median ms"
	row "$key 90" "$label, p90 ms"
	R[$key 50,$s]=$1
	R[$key 90,$s]=$2
	[ "$fails" -gt 0 ] && R[$key 50,$s]="$1 ($fails/$N failed)"
	return 0
}

# What the client negotiates by default, from ssh -v.
measure_negotiated() { # NAME
	local s=$1 v
	v=$(timeout 30 "${SSH[@]}" -p "$PORT" -v -o LogLevel=DEBUG1 "$DEST" true </dev/null 2>&1)
	row kex "negotiated kex"
	row hostkey "negotiated host key"
	row cipher "negotiated cipher (MAC)"
	R[kex,$s]=$(sed -n 's/^debug1: kex: algorithm: //p' <<<"$v" | head -n1)
	R[hostkey,$s]=$(sed -n 's/^debug1: kex: host key algorithm: //p' <<<"$v" | head -n1)
	R[cipher,$s]=$(sed -n 's/^debug1: kex: server->client cipher: \([^ ]*\) MAC: \([^ ]*\).*/\1 (\2)/p' <<<"$v" | head -n1)
}

# Server CPU of one connection: the listener's cutime+cstime grows by all
# its reaped descendants; the user's shell reports its own CPU and that of
# its command, which is subtracted.  Sets TICKS; status 1 when RUN failed.
# RUN is a command that makes one connection writing the remote STAT line
# to $T/stat (not run in a subshell: it may set variables).
conn_ticks() { # LISTENER RUN...
	local l=$1 before after line cmd
	shift
	TICKS=
	wait_reaped "$l" || return 1
	before=$(children_ticks "$l")
	"$@" || return 1
	wait_reaped "$l" || return 1
	after=$(children_ticks "$l")
	line=$(sed -n 's/^STAT //p' "$T/stat" | tail -n1)
	[ -n "$line" ] || return 1
	cmd=$(all_ticks "$line")
	TICKS=$((after - before - cmd))
}

one_conn() { timeout 30 "${SSH[@]}" -p "$PORT" "$DEST" ":$SELFSTAT" </dev/null 2>"$T/stat"; }

# The fixed per-connection cost (kex, auth, session setup, teardown): mean
# of 10 connections (one tick is 10 ms), in ticks; subtracted from the
# transfers' CPU.
measure_conn_cpu() { # NAME
	local s=$1 i
	: >"$T/conn"
	for i in $(seq 10); do
		conn_ticks "$PID" one_conn && echo "$TICKS" >>"$T/conn"
	done
	BASE_TICKS=$(awk '{ t += $1 } END { printf "%.2f", NR ? t / NR : 0 }' "$T/conn")
	row conncpu "server CPU per connection (\`ssh :\`, default kex), ms"
	R[conncpu,$s]=$(awk -v t="$BASE_TICKS" -v hz="$HZ" 'BEGIN { printf "%.1f", t * 1000 / hz }')
	[ -s "$T/conn" ] || R[conncpu,$s]=failed
}

push() { # CIPHER [MAC]
	head -c "$BYTES" /dev/zero |
		timeout "$XFER_TIMEOUT" "${SSH[@]}" -p "$PORT" -c "$1" ${2:+-m "$2"} "$DEST" "cat >/dev/null$SELFSTAT" \
			2>"$T/stat"
}
pull() { # CIPHER [MAC]
	timeout "$XFER_TIMEOUT" "${SSH[@]}" -p "$PORT" -c "$1" ${2:+-m "$2"} "$DEST" "head -c $BYTES /dev/zero$SELFSTAT" \
		</dev/null >/dev/null 2>"$T/stat"
}
timed() { # DIRECTION CIPHER [MAC]: runs a transfer, sets ELAPSED_MS
	local t0 t1 rc
	t0=$EPOCHREALTIME
	"$@"
	rc=$?
	t1=$EPOCHREALTIME
	ELAPSED_MS=$(ms_between "$t0" "$t1")
	return $rc
}

# Both directions for every cipher: MiB/s and server CPU s/GiB.
measure_bulk() { # NAME
	local s=$1 spec c m mark dir t key
	for spec in $CIPHERS; do
		c=${spec%%:*}
		m=
		[ "$c" != "$spec" ] && m=${spec#*:}
		mark=
		# Does the server offer it?  If not, and a MAC was asked for, try
		# the plain (non-ETM) MAC before giving up.
		if ! timeout 30 "${SSH[@]}" -p "$PORT" -c "$c" ${m:+-m "$m"} "$DEST" true </dev/null 2>/dev/null; then
			if [ -n "$m" ] && timeout 30 "${SSH[@]}" -p "$PORT" -c "$c" -m "$FALLBACK_MAC" "$DEST" true \
				</dev/null 2>/dev/null; then
				m=$FALLBACK_MAC
				mark=" †"
			else
				m=-
			fi
		fi
		for dir in push pull; do
			key="$dir ${spec%%@*}"
			row "$key MB/s" "$dir ${spec/:/ + }, MiB/s"
			row "$key cpu" "$dir ${spec/:/ + }, server CPU s/GiB"
			if [ "$m" = - ]; then
				R[$key MB/s,$s]=n/a
				R[$key cpu,$s]=n/a
				continue
			fi
			if conn_ticks "$PID" timed "$dir" "$c" $m; then
				t=$TICKS
				R[$key MB/s,$s]=$(awk -v ms="$ELAPSED_MS" -v mb="$MB" 'BEGIN { printf "%.0f", mb / (ms / 1000) }')$mark
				R[$key cpu,$s]=$(awk -v t="$t" -v b="$BASE_TICKS" -v hz="$HZ" -v mb="$MB" \
					'BEGIN { printf "%.2f", (t - b) / hz / (mb / 1024) }')$mark
			else
				R[$key MB/s,$s]=failed
				R[$key cpu,$s]=failed
				log "$s: $dir $spec failed: $(grep -v '^STAT' "$T/stat" | tail -n 2 | tr '\n' ' ')"
			fi
		done
	done
}

# How many `sleep` processes run under LISTENER (one ps snapshot).
count_sleeps() {
	ps -e -o pid=,ppid=,comm= | awk -v root="$1" '
		{ par[$1] = $2; comm[$1] = $3 }
		END {
			for (p in par) if (comm[p] == "sleep")
				for (q = par[p]; q > 1; q = par[q]) if (q == root) { n++; break }
			print n + 0
		}'
}

# Sum of Rss and Pss (KiB) of the given PIDs, from smaps_rollup.
rss_pss() {
	local p
	for p in "$@"; do cat "/proc/$p/smaps_rollup" 2>/dev/null; done |
		awk '$1 == "Rss:" { r += $2 } $1 == "Pss:" { p += $2 } END { printf "%d %d\n", r, p }'
}

# Memory of COUNT idle sessions (`ssh host sleep 60`, opened one after the
# other), counting only the per-connection server processes.
measure_mem() { # NAME COUNT KEY RSS-LABEL PSS-LABEL
	local s=$1 count=$2 key=$3 rlabel=$4 plabel=$5 i j c up=0 procs cmds mypids=()
	for i in $(seq "$count"); do
		timeout 120 "${SSH[@]}" -p "$PORT" "$DEST" sleep 60 </dev/null >/dev/null 2>&1 &
		CLIENTS+=($!)
		mypids+=($!)
		# Wait (at most 10 s) until this session's sleep runs.
		for j in $(seq 100); do
			up=$(count_sleeps "$PID")
			[ "$up" -ge "$i" ] && break
			sleep 0.05
		done
	done
	sleep 0.5 # let the sessions settle (idle)
	procs=$(server_procs "$PID" "$EXE")
	cmds=$(command_procs "$PID" "$EXE")
	CMDS=($cmds)
	set -- $(rss_pss $procs)
	row "$key rss" "$rlabel"
	row "$key pss" "$plabel"
	if [ "$up" -lt "$count" ]; then
		R[$key rss,$s]="only $up/$count sessions up"
		R[$key pss,$s]=-
	else
		R[$key rss,$s]=$(($1 / count))
		R[$key pss,$s]=$(($2 / count))
		R[$key procs,$s]=$(awk -v n="$(echo $procs | wc -w)" -v c="$count" 'BEGIN { printf "%g", n / c }')
	fi
	# The remote sleeps first, while their server processes are there to
	# reap them (servers leave a command running when its client goes),
	# then the clients, which end by themselves once their command has.
	for c in $cmds; do [ "$(cat "/proc/$c/comm" 2>/dev/null)" = sleep ] && kill "$c" 2>/dev/null; done
	kill "${mypids[@]}" 2>/dev/null
	for i in "${mypids[@]}"; do wait "$i" 2>/dev/null; done
	CLIENTS=()
	CMDS=()
	wait_reaped "$PID"
}

# ---------------------------------------------------------------------------
# Binaries

stripped_size() { # FILE
	strip -o "$T/stripped" "$1" 2>/dev/null && stat -c %s "$T/stripped"
}

shared_libs() { # FILE: the NEEDED libraries, comma-separated
	readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd, - | sed 's/,/, /g'
}

measure_binary() { # NAME
	local s=$1 f libs
	row size "stripped binary, bytes"
	row link "linking"
	case $s in
	shrewd)
		f=$(dirname "$SHREWD")/alone/shrewd
		if [ -f "$f" ]; then
			R[size,$s]="$(stripped_size "$f") (alone; multi-call $(stripped_size "$SHREWD_REAL"))"
		else
			R[size,$s]="$(stripped_size "$SHREWD_REAL") (multi-call; no $f: run make size)"
		fi
		f=$SHREWD_REAL
		;;
	dropbear) f=$DROPBEAR ;;
	sshd) f=$SSHD ;;
	esac
	[ "$s" = shrewd ] || R[size,$s]=$(stripped_size "$f")
	libs=$(shared_libs "$f")
	if [ -z "$libs" ]; then
		R[link,$s]=static
	else
		R[link,$s]="dynamic, $(echo "$libs" | tr ',' '\n' | wc -l) libs"
		LIBS_NOTE+="- $s ($f) needs: $libs"$'\n'
	fi
}

# ---------------------------------------------------------------------------
# Setup

[ "$(id -u)" = 0 ] || die "run as root (the servers log in as root)"
for t in ssh ssh-keygen unshare ss strip readelf timeout; do
	command -v "$t" >/dev/null || die "$t not found"
done
SHREWD_REAL=$(readlink -f "$SHREWD") && [ -x "$SHREWD_REAL" ] || die "no shrewd at $SHREWD (make first)"

T=$(mktemp -d "$TMPPARENT/shrew-bench.XXXXXX") || die "cannot create a directory in $TMPPARENT"
case $T in /root/*) die "BENCH_TMPDIR must not be under /root (it is replaced in the servers' namespace)" ;; esac
chmod 700 "$T"
mkdir -p "$T/bin" "$T/home/.ssh" "$OUT"
chmod 700 "$T/home" "$T/home/.ssh"
# The shrewd under test, copied out of the tree: it must stay reachable
# when /root is replaced, should the tree live there.
cp "$SHREWD_REAL" "$T/bin/shrewd"
ssh-keygen -q -t ed25519 -N '' -C bench -f "$T/id_ed25519" || die "ssh-keygen failed"
SSH+=(-i "$T/id_ed25519")
cp "$T/id_ed25519.pub" "$T/home/.ssh/authorized_keys"
chmod 600 "$T/home/.ssh/authorized_keys"
"${NS[@]}" "$T/home" true || die "cannot bind-mount over /root in a private mount namespace (need CAP_SYS_ADMIN)"

cat >"$T/sshd_config.in" <<EOF
Port 22
ListenAddress 127.0.0.1
HostKey $T/ssh_host_ed25519_key
PidFile $T/sshd.pid
AuthorizedKeysFile $T/home/.ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PrintMotd no
MaxStartups 100:30:100
EOF

LIBS_NOTE=
COLS=()
for s in $SERVERS; do
	case $s in
	shrewd) ;;
	dropbear)
		[ -x "$DROPBEAR" ] || {
			log "no $DROPBEAR (apt-get install dropbear-bin); skipping"
			continue
		}
		dropbearkey -t ed25519 -f "$T/dropbear_ed25519_host_key" >/dev/null 2>&1 || die "dropbearkey failed"
		;;
	sshd)
		[ -x "$SSHD" ] || {
			log "no $SSHD (apt-get install openssh-server); skipping"
			continue
		}
		ssh-keygen -q -t ed25519 -N '' -f "$T/ssh_host_ed25519_key" || die "ssh-keygen failed"
		mkdir -p /run/sshd && chmod 755 /run/sshd
		;;
	*) die "unknown server $s" ;;
	esac
	COLS+=("$s")
done

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------
# Run: one server at a time.

for s in "${COLS[@]}"; do
	log "$s: starting"
	start_server "$s" || die "$s would not start (log above)"
	log "$s: pid $PID port $PORT; latency ($N runs)"
	measure_negotiated "$s"
	measure_latency "$s" lat "connect+auth+exec \`ssh true\`"
	measure_latency "$s" latkex "same, all with $SAME_KEX" -o KexAlgorithms="$SAME_KEX"
	measure_conn_cpu "$s"
	log "$s: bulk, $MB MiB per transfer"
	measure_bulk "$s"
	log "$s: memory"
	measure_mem "$s" 1 mem1 "memory, 1 idle session: RSS KiB" "memory, 1 idle session: PSS KiB"
	measure_mem "$s" "$SESSIONS" memN "memory, $SESSIONS sessions: RSS KiB per session" \
		"memory, $SESSIONS sessions: PSS KiB per session"
	row procs "server processes per session"
	R[procs,$s]=${R[memN procs,$s]:-${R[mem1 procs,$s]:--}}
	measure_binary "$s"
	stop_server "$PID"
done

# ---------------------------------------------------------------------------
# Report

version() {
	case $1 in
	shrewd) echo "shrewd $(git rev-parse --short HEAD 2>/dev/null || echo '?')" ;;
	dropbear) "$DROPBEAR" -V 2>&1 | head -n1 | sed 's/ https.*//' ;;
	sshd) ssh -V 2>&1 | sed 's/,.*//; s/^OpenSSH_/OpenSSH /' ;;
	esac
}

report() {
	local r k s line
	echo "## Server benchmark"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)),"
	echo "load average $LOAD0 at start, $(cut -d' ' -f1-3 /proc/loadavg) at end; BENCH_N=$N, BENCH_MB=$MB, $SESSIONS sessions;"
	echo "client $(ssh -V 2>&1 | sed 's/,.*//'); took $(awk -v a="$START" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s."
	echo
	line="| |"
	for s in "${COLS[@]}"; do line+=" $(version "$s") |"; done
	echo "$line"
	line="|---|"
	for s in "${COLS[@]}"; do line+="---|"; done
	echo "$line"
	for r in "${ROWS[@]}"; do
		k=${r%%|*}
		line="| ${r#*|} |"
		for s in "${COLS[@]}"; do line+=" ${R[$k,$s]:--} |"; done
		echo "$line"
	done
	echo
	echo "MiB/s = 2^20 bytes per second of wall time. † measured with $FALLBACK_MAC: the server has no"
	echo "hmac-sha2-256-etm@openssh.com. n/a: the server does not offer the cipher. See bench/README.md."
	[ -n "$LIBS_NOTE" ] && printf '\n%s' "$LIBS_NOTE"
}

report | tee "$OUT/server-results.md"
log "written to $OUT/server-results.md"
