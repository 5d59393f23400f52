#!/bin/sh
# test/integ/listener.sh - shrewd's listener (svr-listen.c) and command
# line (svr-opts.c) against real sockets on 127.0.0.1 and ::1.
#
# Prints one "PASS name" / "FAIL name" / "SKIP name: why" line per check
# (test/run.sh counts them).  $SHREW_BIN is the build directory holding the
# shrewd and dropbear symlinks.  Until the SSH transport lands, shrewd's
# connection handler sends its identification line and closes after the
# client's line, which is all these checks need.  Checks:
#   - -h under the dropbear name, a bad flag, a bare address without port;
#   - -F -E -p 127.0.0.1:PORT -P pidfile: pid file, identification line;
#   - 8 unauthenticated connections from 127.0.0.1: 5 served, 3 refused
#     (SHREW_MAX_UNAUTH_PER_IP), and served again once those 5 close;
#   - no child processes (zombies) left, and the listener's fd count the
#     same after 50 connections;
#   - SIGHUP keeps it running; SIGTERM ends it with status 0 and removes
#     the pid file;
#   - -p [::1]:PORT (skipped without ::1); without -F it daemonizes;
#     -i serves the connection on stdin.
# Every server started is killed by pid at the end; every wait is bounded.
set -u

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
D="$SHREW_BIN/shrewd"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3) || PY=
T=$(mktemp -d "${TMPDIR:-/tmp}/shrew-listener.XXXXXX") || exit 1
SERVERS=""
cleanup() {
	for p in $SERVERS; do
		kill "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

result() { # name status [detail]
	if [ "$2" = 0 ]; then
		echo "PASS $1"
	else
		echo "FAIL $1${3:+ ($3)}"
	fi
}

if [ ! -x "$D" ] || [ -z "$PY" ]; then
	echo "FAIL listener-setup (no $D or no python3)"
	exit 1
fi
# The server refuses to start without a host key.
if ! "$SHREW_BIN/shrewkey" -t ed25519 -f "$T/hk" >/dev/null 2>&1; then
	echo "FAIL listener-setup (cannot make a host key)"
	exit 1
fi

# The socket client: python3 cli.py MODE FAMILY HOST PORT [N].
cat >"$T/cli.py" <<'EOF'
import socket, sys, time
mode, fam, host, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
n = int(sys.argv[5]) if len(sys.argv) > 5 else 1
af = socket.AF_INET6 if fam == "6" else socket.AF_INET

def ident(s):
    """The server's first line, or None if it closed without one."""
    s.settimeout(5)
    buf = b""
    try:
        while b"\n" not in buf and len(buf) < 300:
            c = s.recv(300)
            if not c:
                return None
            buf += c
    except (ConnectionResetError, socket.timeout):
        return None
    return buf.split(b"\n")[0].decode("ascii", "replace").rstrip("\r")

def conn():
    s = socket.socket(af, socket.SOCK_STREAM)
    s.connect((host, port))
    return s

def served_once(tries):
    """Connects until served (tries times at most); True if it was."""
    for _ in range(tries):
        s = conn()
        got = ident(s)
        if got:
            s.sendall(b"SSH-2.0-test\r\n")
            s.close()
            return True
        s.close()
        time.sleep(0.05)
    return False

if mode == "ident":
    s = conn()
    print(ident(s))
    s.sendall(b"SSH-2.0-test\r\n")
    s.close()
elif mode == "hold":
    held, res = [], []
    for i in range(n):
        s = conn()
        got = ident(s)
        res.append("ok" if got else "refused")
        if got:
            held.append(s)
        else:
            s.close()
    print(" ".join(res))
    for s in held:
        s.close()
    print("after", "ok" if served_once(100) else "refused")
elif mode == "many":
    print(sum(1 for _ in range(n) if served_once(20)))
elif mode == "inetd":
    import subprocess
    a, b = socket.socketpair()
    p = subprocess.Popen(sys.argv[6:], stdin=b, stdout=subprocess.DEVNULL)
    b.close()
    print(ident(a))
    a.sendall(b"SSH-2.0-test\r\n")
    a.close()
    print("status", p.wait(timeout=10))
EOF

cli() { "$PY" "$T/cli.py" "$@" 2>>"$T/cli.err"; }

free_port() {
	"$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (up to 5 s) until file $1 exists; status 0 if it does.
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$1" ]
}

# Waits (up to 5 s) until process $1 is gone; status 0 if it is.
wait_gone() {
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	! kill -0 "$1" 2>/dev/null
}

# Child processes of pid $1 (zombies included).
children() {
	grep -l "^PPid:[[:space:]]*$1\$" /proc/[0-9]*/status 2>/dev/null | wc -l
}

# Waits (up to 5 s) until pid $1 has no children; prints how many are left.
wait_no_children() {
	i=0
	while [ "$(children "$1")" != 0 ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	children "$1"
}

# start_server LOG PIDFILE SPEC-PREFIX [more flags]: starts shrewd -F -E on
# a free port (up to 5 tries); sets PORT and SPID; status 0 when it runs.
start_server() {
	log=$1 pidf=$2 prefix=$3
	shift 3
	tries=0
	while [ $tries -lt 5 ]; do
		tries=$((tries + 1))
		PORT=$(free_port) || continue
		rm -f "$pidf"
		"$D" -r "$T/hk" -F -E -p "$prefix$PORT" -P "$pidf" "$@" 2>"$log" &
		SPID=$!
		SERVERS="$SERVERS $SPID"
		if wait_file "$pidf" && kill -0 "$SPID" 2>/dev/null; then
			return 0
		fi
		kill "$SPID" 2>/dev/null
		wait "$SPID" 2>/dev/null
	done
	return 1
}

# ---- Command line ------------------------------------------------------------
out=$("$SHREW_BIN/dropbear" -h 2>&1)
rc=$?
if [ -x "$SHREW_BIN/dropbear" ]; then
	case $out in
	*"Usage: dropbear"*-p*-r*-F*) result dropbear-h-usage "$rc" ;;
	*) result dropbear-h-usage 1 "no usage text" ;;
	esac
else
	echo "SKIP dropbear-h-usage: no dropbear name in this build"
fi

out=$("$D" -Z 2>&1)
rc=$?
case $out in
*"unknown option -Z"*)
	[ "$rc" != 0 ]
	result bad-flag-refused $? "status 0"
	;;
*) result bad-flag-refused 1 "message: $out" ;;
esac

out=$("$D" -F -E -p 127.0.0.1 2>&1)
rc=$?
case $out in
*"bad port"*)
	[ "$rc" != 0 ]
	result bare-address-refused $? "status 0"
	;;
*) result bare-address-refused 1 "message: $out" ;;
esac

# ---- The IPv4 listener ---------------------------------------------------------
if ! start_server "$T/log4" "$T/pid4" 127.0.0.1:; then
	result listener-start 1 "$(cat "$T/log4")"
	exit 1
fi
result listener-start 0
[ "$(cat "$T/pid4")" = "$SPID" ]
result pidfile-has-pid $?

got=$(cli ident 4 127.0.0.1 "$PORT")
[ "$got" = "SSH-2.0-shrew_$("$D" -V | awk '{ print $2 }')" ]
result ident-line $? "got '$got'"

got=$(cli hold 4 127.0.0.1 "$PORT" 8)
first=$(echo "$got" | sed -n 1p)
[ "$first" = "ok ok ok ok ok refused refused refused" ]
result per-ip-limit-5 $? "got '$first'"
grep -q "refused connection from 127.0.0.1" "$T/log4"
result refusal-logged $?
[ "$(echo "$got" | sed -n 2p)" = "after ok" ]
result served-after-close $? "got '$(echo "$got" | sed -n 2p)'"

left=$(wait_no_children "$SPID")
[ "$left" = 0 ]
result no-zombies $? "$left children left"

fd_count() { find /proc/"$1"/fd -mindepth 1 -maxdepth 1 | wc -l; }
fds_before=$(fd_count "$SPID")
got=$(cli many 4 127.0.0.1 "$PORT" 50)
[ "$got" = 50 ]
result fifty-connections $? "served $got"
left=$(wait_no_children "$SPID")
fds_after=$(fd_count "$SPID")
[ "$fds_before" = "$fds_after" ] && [ "$left" = 0 ]
result fd-count-constant $? "fds $fds_before -> $fds_after, $left children"

kill -HUP "$SPID"
sleep 0.2
kill -0 "$SPID" 2>/dev/null && [ "$(cli ident 4 127.0.0.1 "$PORT")" != None ]
result sighup-keeps-running $?

kill -TERM "$SPID"
wait_gone "$SPID"
gone=$?
wait "$SPID"
rc=$?
[ "$gone" = 0 ] && [ "$rc" = 0 ] && [ ! -e "$T/pid4" ]
result sigterm-removes-pidfile $? "gone $gone, status $rc"

# ---- IPv6 ------------------------------------------------------------------------
if grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null; then
	if start_server "$T/log6" "$T/pid6" '[::1]:'; then
		got=$(cli ident 6 ::1 "$PORT")
		case $got in
		SSH-2.0-shrew_*) result ipv6-listen 0 ;;
		*) result ipv6-listen 1 "got '$got'" ;;
		esac
		grep -q "connection from \[::1\]:" "$T/log6"
		result ipv6-peer-logged $?
		kill -TERM "$SPID"
		wait_gone "$SPID"
		result ipv6-stop $?
	else
		result ipv6-listen 1 "$(cat "$T/log6")"
	fi
else
	echo "SKIP ipv6-listen: no ::1 on this host"
fi

# ---- Daemon mode -------------------------------------------------------------------
PORT=$(free_port)
"$D" -r "$T/hk" -E -p "127.0.0.1:$PORT" -P "$T/piddaemon" 2>"$T/logdaemon"
rc=$?
if [ "$rc" = 0 ] && wait_file "$T/piddaemon"; then
	DPID=$(cat "$T/piddaemon")
	SERVERS="$SERVERS $DPID"
	got=$(cli ident 4 127.0.0.1 "$PORT")
	case $got in
	SSH-2.0-shrew_*) result daemon-mode 0 ;;
	*) result daemon-mode 1 "got '$got'" ;;
	esac
	[ "$(awk '{ print $6 }' /proc/"$DPID"/stat)" != "$(awk '{ print $6 }' /proc/$$/stat)" ]
	result daemon-own-session $?
	kill -TERM "$DPID"
	wait_gone "$DPID" && [ ! -e "$T/piddaemon" ]
	result daemon-sigterm $?
else
	result daemon-mode 1 "status $rc: $(cat "$T/logdaemon")"
fi

# ---- inetd mode ----------------------------------------------------------------------
got=$(cli inetd 4 x 0 1 "$D" -r "$T/hk" -i -E)
case $got in
"SSH-2.0-shrew_"*"status 0") result inetd-mode 0 ;;
*) result inetd-mode 1 "got '$got'" ;;
esac
