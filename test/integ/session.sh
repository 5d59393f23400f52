#!/bin/sh
# test/integ/session.sh - shrewd's sessions driven by OpenSSH's ssh: exec
# with its exit status and separate stderr, 100 MB each way checked by
# sha256, a pty with the client's window size, env (LANG passes, others
# do not), a forced command with SSH_ORIGINAL_COMMAND, no-pty and
# restrict from authorized_keys, the login environment.  Logs in as the
# user running the test with -D pointing at a keys directory under $HOME
# (never ~/.ssh).  127.0.0.1 only; the server is killed by PID.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
ME=$(id -un)
T="$HOME/.cache/shrew-test-session.$$"
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$T"
mkdir -p "$T/keys" && chmod 755 "$T" && chmod 700 "$T/keys"


"$SHREW_BIN/shrewkey" -t ed25519 -f "$T/hostkey" >/dev/null 2>&1 || echo "FAIL make-hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$T/id"
cp "$T/id.pub" "$T/keys/authorized_keys"
chmod 600 "$T/keys/authorized_keys"

if ! start_shrewd "$T/log" 40000 -r "$T/hostkey" -D "$T/keys"; then
	echo "FAIL session-start"
	exit 1
fi

SSH="ssh -F /dev/null -i $T/id -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p $PORT"
run() { timeout 60 $SSH "$@"; }

# exec, exit status, stdout and stderr apart
out=$(run "$ME@127.0.0.1" 'echo out; echo err >&2; exit 42' 2>"$T/err")
rc=$?
same exec-exit-status "$rc" 42
same exec-stdout "$out" out
same exec-stderr "$(cat "$T/err")" err

# the login environment
env_out=$(run "$ME@127.0.0.1" 'echo "$USER|$LOGNAME|$HOME|$SHELL|${SSH_CONNECTION%% *}|$PATH"')
case $env_out in
"$ME|$ME|$HOME|"*"|127.0.0.1|"*/bin*) result login-environment 0 ;;
*) result login-environment 1 "$env_out" ;;
esac
out=$(run "$ME@127.0.0.1" 'echo "${SSH_CLIENT%% *} [$SSH_TTY]"')
same env-no-tty "$out" "127.0.0.1 []"

# env requests: LANG passes, anything else is refused
out=$(run -o SetEnv="LANG=C.UTF-8 FOO=bar" "$ME@127.0.0.1" 'echo "$LANG|$FOO"')
same env-lang-only "$out" "C.UTF-8|"

# stdin EOF reaches the command
out=$(printf 'abc' | run "$ME@127.0.0.1" 'cat; echo .')
same stdin-eof "$out" "abc."

# 100 MB each way
head -c 100000000 /dev/urandom >"$T/up"
want=$(sha256sum <"$T/up" | cut -d' ' -f1)
got=$(run "$ME@127.0.0.1" 'sha256sum | cut -d" " -f1' <"$T/up")
same upload-100MB-sha256 "$got" "$want"
run "$ME@127.0.0.1" "cat $T/up" >"$T/down"
same download-100MB-sha256 "$(sha256sum <"$T/down" | cut -d' ' -f1)" "$want"
rm -f "$T/up" "$T/down"

# a pty with the client's window size (script gives ssh a terminal)
if command -v script >/dev/null; then
	script -qec "stty rows 37 cols 111; $SSH -tt $ME@127.0.0.1 'tty; stty size; echo \$TERM'" \
		/dev/null </dev/null >"$T/pty" 2>&1
	grep -aq '/dev/pts/' "$T/pty"
	result pty-is-tty $? "$(head -c 200 "$T/pty")"
	grep -aq '^37 111' "$T/pty"
	result pty-window-size $? "$(head -c 200 "$T/pty")"
else
	echo "SKIP pty: no script(1)"
fi

# forced command with SSH_ORIGINAL_COMMAND; no-pty; restrict
printf 'command="echo forced:$SSH_ORIGINAL_COMMAND" %s\n' "$(cat "$T/id.pub")" >"$T/keys/authorized_keys"
out=$(run "$ME@127.0.0.1" 'echo asked')
same forced-command "$out" "forced:echo asked"
# no-pty and restrict: the server refuses the pty (OpenSSH's ssh -tt then
# says so and gives up); without them the same request gets a pty.
pty_try() { timeout 30 $SSH -tt "$ME@127.0.0.1" tty </dev/null 2>&1 | tr -d '\r'; }
printf 'no-pty %s\n' "$(cat "$T/id.pub")" >"$T/keys/authorized_keys"
out=$(pty_try)
case $out in *"PTY allocation request failed"*) result no-pty-option 0 ;; *) result no-pty-option 1 "$out" ;; esac
printf 'restrict %s\n' "$(cat "$T/id.pub")" >"$T/keys/authorized_keys"
out=$(pty_try)
case $out in *"PTY allocation request failed"*) result restrict-option 0 ;; *) result restrict-option 1 "$out" ;; esac
printf 'restrict,pty %s\n' "$(cat "$T/id.pub")" >"$T/keys/authorized_keys"
out=$(pty_try)
case $out in */dev/pts/*) result restrict-then-pty 0 ;; *) result restrict-then-pty 1 "$out" ;; esac
cp "$T/id.pub" "$T/keys/authorized_keys"

# -c forces a command for every login (Dropbear's flag)
stop_shrewd
cp "$T/id.pub" "$T/keys/authorized_keys"
start_shrewd "$T/log2" 40000 -r "$T/hostkey" -D "$T/keys" -c 'echo dash-c' || echo "FAIL start-c"
SSH="ssh -F /dev/null -i $T/id -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p $PORT"
out=$(run "$ME@127.0.0.1" 'echo asked')
same dash-c-forced-command "$out" "dash-c"
stop_shrewd
exit 0
