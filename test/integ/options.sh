#!/bin/sh
# test/integ/options.sh - shrewd's run-time flags driven by OpenSSH's ssh:
# the message of the day (shown for a pty shell, not for exec, not with
# -m), -b banner before authentication, -I idle timeout (a session and a
# raw socket that sends nothing, the listener serving afterwards), -M
# maximum connection time, -W channel window (what ssh -vvv sees, and 20 MB
# each way through a 4096-byte window), -K keepalives (answered by ssh;
# an unanswering client dropped with "keepalive timeout").  Logs in as the
# user running the test with an ed25519 key and -D pointing at a keys
# directory under $HOME (never ~/.ssh).  127.0.0.1 only; every server and
# client started here is killed by PID; every wait is bounded.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
ME=$(id -un)
PY=/usr/bin/python3
T="$HOME/.cache/shrew-test-options.$$"
PID=
CLI=
cleanup() {
	[ -n "$CLI" ] && kill -CONT "$CLI" 2>/dev/null && kill "$CLI" 2>/dev/null
	stop_shrewd
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$T"
mkdir -p "$T/keys" && chmod 755 "$T" && chmod 700 "$T/keys"

"$SHREW_BIN/shrewkey" -t ed25519 -f "$T/hostkey" >/dev/null 2>&1 || echo "FAIL make-hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$T/id"
ssh-keygen -q -t ed25519 -N '' -f "$T/stranger"
cp "$T/id.pub" "$T/keys/authorized_keys"
chmod 600 "$T/keys/authorized_keys"
BANNER="shrew-banner-text-$$"
printf '%s\r\nsecond line\r\n' "$BANNER" >"$T/banner"

# start ARGS...: a server with the test's host key and keys directory.
start() {
	stop_shrewd
	start_shrewd "$T/log" 35000 -r "$T/hostkey" -D "$T/keys" "$@" || return 1
	# LogLevel is left at INFO where a check reads what ssh prints (the
	# banner is shown only from INFO up).
	SSH0="ssh -F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10 -p $PORT"
	SSHQ="$SSH0 -i $T/id"
	SSH="$SSHQ -o LogLevel=ERROR"
}
now() { date +%s; }
# Status 0 when every non-empty line of /etc/motd is in file $1.
has_motd() {
	while IFS= read -r line; do
		[ -z "$(echo "$line" | tr -d ' \t')" ] && continue
		grep -qF -- "$line" "$1" || return 1
	done </etc/motd
	return 0
}
# A pty shell fed one command and exit (the result "ok-42" proves the
# shell ran: the echoed input shows only the unexpanded text).
pty_shell() { # output-file
	printf 'echo "ok-$((40+2))"; exit\n' |
		timeout 30 $SSH -tt "$ME@127.0.0.1" 2>&1 | tr -d '\r' >"$1"
}

# ---- defaults: motd, no banner, default window ---------------------------
start || { echo "FAIL options-start"; exit 1; }
if [ ! -s /etc/motd ]; then
	echo "SKIP motd: /etc/motd missing or empty"
elif [ -e "$HOME/.hushlogin" ]; then
	echo "SKIP motd: $HOME/.hushlogin exists"
else
	pty_shell "$T/out"
	grep -q 'ok-42' "$T/out" && has_motd "$T/out"
	result motd-shown-for-pty-shell $? "$(head -c 300 "$T/out")"
	out=$(timeout 30 $SSH -tt "$ME@127.0.0.1" 'echo exec-ok' </dev/null 2>&1 | tr -d '\r')
	same motd-not-for-exec-with-pty "$out" exec-ok
	out=$(timeout 30 $SSH "$ME@127.0.0.1" 'echo exec-ok' </dev/null 2>&1)
	same motd-not-for-exec "$out" exec-ok
fi
out=$(timeout 30 $SSHQ "$ME@127.0.0.1" 'echo in' </dev/null 2>&1)
case $out in
*"$BANNER"*) result no-banner-without-b 1 "$out" ;;
*in) result no-banner-without-b 0 ;;
*) result no-banner-without-b 1 "$out" ;;
esac
defwin=$("$SHREW_BIN/shrewd" -h 2>&1 | sed -n 's/.*-W bytes.*(default \([0-9]*\);.*/\1/p')
timeout 30 $SSHQ -vvv "$ME@127.0.0.1" true </dev/null >"$T/v" 2>&1
grep -q "channel 0: open confirm rwindow ${defwin:-2097152} " "$T/v"
result window-default $? "want ${defwin:-?}, $(grep 'open confirm' "$T/v")"

# ---- -m -b FILE -W 65536 ---------------------------------------------------
start -m -b "$T/banner" -W 65536 || { echo "FAIL options-start-m-b-W"; exit 1; }
if [ -s /etc/motd ] && [ ! -e "$HOME/.hushlogin" ]; then
	pty_shell "$T/out"
	grep -q 'ok-42' "$T/out" && ! has_motd "$T/out"
	result motd-off-with-m $? "$(head -c 300 "$T/out")"
fi
timeout 30 $SSHQ "$ME@127.0.0.1" 'echo in' </dev/null >"$T/o" 2>"$T/e"
grep -q "^$BANNER" "$T/e" && grep -q '^in$' "$T/o"
result banner-shown $? "$(cat "$T/e")"
# Before authentication: a client whose key is refused sees it too.
out=$(timeout 30 $SSH0 -i "$T/stranger" "$ME@127.0.0.1" true </dev/null 2>&1)
case $out in
*"$BANNER"*"Permission denied"*) result banner-before-auth 0 ;;
*) result banner-before-auth 1 "$out" ;;
esac
timeout 30 $SSHQ -vvv "$ME@127.0.0.1" true </dev/null >"$T/v" 2>&1
grep -q "channel 0: open confirm rwindow 65536 " "$T/v"
result window-dash-W-65536 $? "$(grep 'open confirm' "$T/v")"

# ---- -W 4096: 20 MB each way through a tiny window -------------------------
start -W 4096 || { echo "FAIL options-start-W"; exit 1; }
head -c 20000000 /dev/urandom >"$T/data"
want=$(sha256sum <"$T/data" | cut -d' ' -f1)
got=$(timeout 120 $SSH "$ME@127.0.0.1" 'sha256sum | cut -d" " -f1' <"$T/data")
same window-4096-upload-20MB "$got" "$want"
got=$(timeout 120 $SSH "$ME@127.0.0.1" "cat $T/data" </dev/null | sha256sum | cut -d' ' -f1)
same window-4096-download-20MB "$got" "$want"
rm -f "$T/data"

# ---- -I 2: idle timeout -----------------------------------------------------
start -I 2 || { echo "FAIL options-start-I"; exit 1; }
t0=$(now)
timeout 40 $SSH "$ME@127.0.0.1" 'sleep 20' </dev/null >/dev/null 2>&1
rc=$?
dt=$(($(now) - t0))
[ "$rc" = 255 ] && [ "$dt" -ge 1 ] && [ "$dt" -le 10 ]
result idle-timeout-ends-session $? "exit $rc after ${dt}s"
grep -q "Disconnecting 127.0.0.1:[0-9]*: idle timeout" "$T/log"
result idle-timeout-logged $? "$(tail -3 "$T/log")"
# A raw TCP client that sends nothing: prints "closed LOCALPORT SECONDS"
# or "open LOCALPORT SECONDS" after 15 s.
got=$(timeout 30 "$PY" - "$PORT" <<'PYEOF' 2>&1
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=15)
lport, t0, state = s.getsockname()[1], time.time(), "open"
try:
    while time.time() - t0 < 15:
        if not s.recv(65536):
            state = "closed"
            break
except ConnectionResetError:
    state = "closed"
except socket.timeout:
    pass
print(state, lport, int(time.time() - t0))
PYEOF
)
set -- $got
[ "${1:-}" = closed ] && [ "${3:-99}" -le 8 ]
result idle-timeout-silent-client-closed $? "$got"
grep -q "127.0.0.1:${2:-x}: idle timeout" "$T/log"
result idle-timeout-silent-client-logged $? "$(tail -3 "$T/log")"
out=$(timeout 30 $SSH "$ME@127.0.0.1" 'echo alive' </dev/null 2>&1)
same idle-timeout-listener-still-serves "$out" alive

# ---- -M 3: maximum connection time ----------------------------------------
start -M 3 || { echo "FAIL options-start-M"; exit 1; }
t0=$(now)
timeout 40 $SSH "$ME@127.0.0.1" 'sleep 20' </dev/null >/dev/null 2>&1
rc=$?
dt=$(($(now) - t0))
[ "$rc" = 255 ] && [ "$dt" -ge 2 ] && [ "$dt" -le 12 ]
result max-time-ends-session $? "exit $rc after ${dt}s"
grep -q "Disconnecting 127.0.0.1:[0-9]*: maximum connection time" "$T/log"
result max-time-logged $? "$(tail -3 "$T/log")"

# ---- -K 1: keepalives ------------------------------------------------------
start -K 1 || { echo "FAIL options-start-K"; exit 1; }
timeout 40 $SSHQ -v "$ME@127.0.0.1" 'sleep 4' </dev/null >/dev/null 2>"$T/v"
rc=$?
n=$(grep -c "client_input_global_request: rtype keepalive@openssh.com want_reply 1" "$T/v")
[ "$rc" = 0 ] && [ "$n" -ge 2 ]
result keepalive-answered-by-ssh $? "exit $rc, $n keepalive requests seen by ssh"
# A client that stops answering (SIGSTOP) is dropped after 3 unanswered
# keepalives: "keepalive timeout" within ~8 s.
n0=$(grep -c "exec, pid" "$T/log")
$SSH -n "$ME@127.0.0.1" 'sleep 30' >/dev/null 2>&1 &
CLI=$!
i=0
while [ $i -lt 20 ] && [ "$(grep -c "exec, pid" "$T/log")" = "$n0" ]; do
	sleep 0.5
	i=$((i + 1))
done
kill -STOP "$CLI"
t0=$(now)
i=0
while [ $i -lt 16 ] && ! grep -q "keepalive timeout" "$T/log"; do
	sleep 0.5
	i=$((i + 1))
done
dt=$(($(now) - t0))
grep -q "keepalive timeout" "$T/log"
result keepalive-timeout-drops-silent-client $? "not logged within ${dt}s: $(tail -2 "$T/log" | tr '\n' ' ')"
kill -CONT "$CLI" 2>/dev/null
kill "$CLI" 2>/dev/null
wait "$CLI" 2>/dev/null
CLI=
stop_shrewd
exit 0
