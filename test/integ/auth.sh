#!/bin/sh
# test/integ/auth.sh - shrewd's public key authentication against OpenSSH's
# ssh: ed25519, ecdsa and rsa user keys (rsa with rsa-sha2-512 and -256),
# a key not in authorized_keys refused, a from= pattern that does not match
# refused, a world-writable authorized_keys refused, and the method list.
# Logs in as the user running the test (root in CI) with -D pointing at a
# keys directory inside the build tree (never the user's own ~/.ssh);
# ssh -N only authenticates, sessions are tested elsewhere.  127.0.0.1 only.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
KEYGEN="$SHREW_BIN/shrewkey"
ME=$(id -un)
# Under $HOME, not /tmp: the StrictModes-like check refuses world-writable
# parents (as OpenSSH does).
T="$HOME/.cache/shrew-test-auth.$$"
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$T"
mkdir -p "$T/keys" "$T/client" && chmod 755 "$T" && chmod 700 "$T/keys"


types=$("$KEYGEN" -h | sed -n 's/.*type of key to generate://p')
first=$(echo "$types" | awk '{ print $1 }')
"$KEYGEN" -t "$first" -f "$T/hostkey" >/dev/null 2>&1 || echo "FAIL make-hostkey"

if ! start_shrewd "$T/log" 30000 -r "$T/hostkey" -D "$T/keys"; then
	echo "FAIL auth-start"
	exit 1
fi

# Status 0 when ssh authenticated with identity $2 (extra options after).
login() { # name identity [ssh options]
	name=$1
	id=$2
	shift 2
	# ssh -N stays connected after authenticating: wait (bounded, 15 s)
	# until it says so or gives up, then stop it.  Emptied here first: the
	# background job's own redirection may come after the first look.
	: >"$T/out"
	timeout 15 ssh -F /dev/null -v -N -i "$id" -o IdentitiesOnly=yes -o BatchMode=yes \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 \
		"$@" -p "$PORT" "$ME@127.0.0.1" >"$T/out" 2>&1 &
	_sp=$!
	_i=0
	while [ $_i -lt 150 ] && kill -0 $_sp 2>/dev/null &&
		! grep -q "Authenticated to" "$T/out"; do
		sleep 0.1
		_i=$((_i + 1))
	done
	kill $_sp 2>/dev/null
	wait $_sp 2>/dev/null
	out=$(cat "$T/out")
	case $out in
	*"Authenticated to"*) return 0 ;;
	*) { echo "$out" | grep -E "denied|rror" || echo "$out" | tail -3; } | head -3 >"$T/why"
		return 1 ;;
	esac
}

mk() { # type bits name
	ssh-keygen -q -t "$1" -b "$2" -N '' -C "$3" -f "$T/client/$3"
}

for t in $types; do
	case $t in
	ed25519) mk ed25519 256 ed25519 ;;
	ecdsa) mk ecdsa 256 ecdsa256; mk ecdsa 384 ecdsa384; mk ecdsa 521 ecdsa521 ;;
	rsa) mk rsa 3072 rsa ;;
	esac
done
mk ed25519 256 stranger
cat "$T"/client/*.pub | grep -v stranger >"$T/keys/authorized_keys"
chmod 600 "$T/keys/authorized_keys"

for k in "$T"/client/*.pub; do
	n=$(basename "$k" .pub)
	[ "$n" = stranger ] && continue
	if [ "$n" = rsa ]; then
		login pubkey-rsa-sha2-512 "$T/client/rsa" -o PubkeyAcceptedAlgorithms=rsa-sha2-512
		result pubkey-rsa-sha2-512 $? "$(cat "$T/why" 2>/dev/null)"
		login pubkey-rsa-sha2-256 "$T/client/rsa" -o PubkeyAcceptedAlgorithms=rsa-sha2-256
		result pubkey-rsa-sha2-256 $? "$(cat "$T/why" 2>/dev/null)"
	else
		login "pubkey-$n" "$T/client/$n"
		result "pubkey-$n" $? "$(cat "$T/why" 2>/dev/null)"
	fi
done

login stranger "$T/client/stranger"
result unknown-key-refused "$([ $? != 0 ] && echo 0 || echo 1)"
grep -q "Pubkey auth succeeded for '$ME'" "$T/log"
result success-logged-with-user $?
grep -q "SHA256:" "$T/log"
result fingerprint-logged $?

# from= that cannot match 127.0.0.1 refuses the key.
k1=$(ls "$T"/client/*.pub | grep -v stranger | head -1)
id1=${k1%.pub}
printf 'from="10.9.9.9" %s\n' "$(cat "$k1")" >"$T/keys/authorized_keys"
login from-mismatch "$id1"
result from-mismatch-refused "$([ $? != 0 ] && echo 0 || echo 1)"
printf 'from="127.0.0.*,!10.*" %s\n' "$(cat "$k1")" >"$T/keys/authorized_keys"
login from-match "$id1"
result from-match-allowed $? "$(cat "$T/why" 2>/dev/null)"

# A world-writable authorized_keys file is refused, with a logged reason.
chmod 666 "$T/keys/authorized_keys"
login bad-perms "$id1"
result world-writable-authkeys-refused "$([ $? != 0 ] && echo 0 || echo 1)"
chmod 600 "$T/keys/authorized_keys"

# The method list the server offers to "none".
out=$(timeout 15 ssh -F /dev/null -v -N -o BatchMode=yes -o PubkeyAuthentication=no \
	-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -p "$PORT" \
	"$ME@127.0.0.1" 2>&1)
case $out in
*"can continue: publickey"*) result method-list 0 ;;
*) result method-list 1 "$(echo "$out" | tail -1)" ;;
esac
stop_shrewd
exit 0
