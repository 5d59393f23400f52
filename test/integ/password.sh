#!/bin/sh
# test/integ/password.sh - shrewd's password and keyboard-interactive
# logins through crypt(3) and /etc/shadow (Debian's default yescrypt), the
# drop to the user's uid, a wrong password refused and logged, and -s.
# It needs a throwaway system user, so it runs only where that is allowed:
# as root with CI=true or SHREW_TEST_USERS=1 (it creates "shrewtest" and
# removes it again); elsewhere it says SKIP.  127.0.0.1 only.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
U=shrewtest
PW='Tr1cky-pass'
if ! test_user_allowed; then
	echo "SKIP password: needs root and CI=true or SHREW_TEST_USERS=1 (creates a user)"
	exit 0
fi
if ! command -v sshpass >/dev/null; then
	echo "FAIL password-setup (sshpass missing: apt-get install sshpass)"
	exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/shrew-password.XXXXXX") || exit 1
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	remove_test_user
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM


if ! make_test_user "$U" "$PW"; then
	echo "FAIL password-setup (user $U exists already, not touched, or useradd failed)"
	exit 1
fi

"$SHREW_BIN/shrewkey" -t ed25519 -f "$T/hostkey" >/dev/null 2>&1
start() { # extra flags
	start_shrewd "$T/log" 45000 -r "$T/hostkey" "$@"
}
SO="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1"

start || { echo "FAIL password-start"; exit 1; }
methods=$(timeout 30 ssh $SO -o BatchMode=yes -p "$PORT" "$U@127.0.0.1" true 2>&1)
case $methods in
*password*) ;;
*) echo "SKIP password: not offered by this build ($methods)"; exit 0 ;;
esac
out=$(timeout 30 sshpass -p "$PW" ssh $SO -o PreferredAuthentications=password -p "$PORT" \
	"$U@127.0.0.1" 'id -un; id -u; echo "$HOME"' 2>&1)
uid=$(id -u "$U")
result password-login "$([ "$out" = "$(printf '%s\n%s\n%s' "$U" "$uid" "/home/$U")" ] && echo 0 || echo 1)" "$out"
out=$(timeout 30 sshpass -p "$PW" ssh $SO -o PreferredAuthentications=keyboard-interactive \
	-p "$PORT" "$U@127.0.0.1" 'echo kbd' 2>&1)
result keyboard-interactive-login "$([ "$out" = kbd ] && echo 0 || echo 1)" "$out"
timeout 30 sshpass -p wrong ssh $SO -o PreferredAuthentications=password -p "$PORT" \
	"$U@127.0.0.1" true >/dev/null 2>&1
result wrong-password-refused "$([ $? != 0 ] && echo 0 || echo 1)"
grep -q "Bad password attempt for '$U'" "$T/log"
result wrong-password-logged $?
timeout 30 sshpass -p "$PW" ssh $SO -o PreferredAuthentications=password -p "$PORT" \
	nosuchuser@127.0.0.1 true >/dev/null 2>&1
result unknown-user-refused "$([ $? != 0 ] && echo 0 || echo 1)"
stop_shrewd

# -s: no password logins at all
start -s || { echo "FAIL password-start-s"; exit 1; }
timeout 30 sshpass -p "$PW" ssh $SO -p "$PORT" "$U@127.0.0.1" true >/dev/null 2>&1
result dash-s-refuses-password "$([ $? != 0 ] && echo 0 || echo 1)"
stop_shrewd
exit 0
