#!/bin/sh
# test/integ/knownhosts.sh - the client's known_hosts lines against
# OpenSSH's ssh-keygen, both ways, with fresh salts every run:
#   - lines kh_format_line writes (plain and hashed, port 22 and 2222,
#     every built-in key type of test/data/keys): `ssh-keygen -F NAME`
#     finds each for its name and not for another name or port;
#   - a file hashed by `ssh-keygen -H`: kh_check says OK for the right
#     key, CHANGED for another key of the type, UNKNOWN for another host.
# The unit test binary's helper modes do the shrew side
# ($SHREW_BIN/test/test-knownhosts --format / --check).  Prints one
# "PASS name" / "FAIL name" line per check; SKIP when the client is not
# built (SHREW_CLIENT 0) or ssh-keygen is missing.
set -u

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
H="$SHREW_BIN/test/test-knownhosts"
KEYS=test/data/keys
T=$(mktemp -d "${TMPDIR:-/tmp}/shrew-knownhosts.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

if [ ! -x "$H" ]; then
	echo "SKIP knownhosts: $H not built (make unit)"
	exit 0
fi
if "$H" --format h 22 "$KEYS/openssh-ed25519.pub" | grep -q '^SKIP'; then
	echo "SKIP knownhosts: SHREW_CLIENT is off in this build"
	exit 0
fi
if ! command -v ssh-keygen >/dev/null 2>&1; then
	echo "SKIP knownhosts: ssh-keygen missing (apt-get install openssh-client)"
	exit 0
fi

same() { # name got want
	if [ "$2" = "$3" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		echo "  got:  '$2'"
		echo "  want: '$3'"
	fi
}

# The line ssh-keygen -F prints for NAME in FILE (empty if none).
keygen_find() { # file name
	ssh-keygen -F "$2" -f "$1" 2>/dev/null | grep -v '^#'
}

# Our line for HOST PORT KEY [hashed] must be found by ssh-keygen under
# its own name only.
format_check() { # tag host port pub [hashed]
	tag=$1 host=$2 port=$3 pub=$4
	name=$host
	[ "$port" = 22 ] || name="[$host]:$port"
	f=$T/$tag
	if ! "$H" --format "$host" "$port" "$pub" ${5:+hashed} >"$f"; then
		echo "FAIL format-$tag (exit status $?)"
		return
	fi
	same "format-$tag-found" "$(keygen_find "$f" "$name")" "$(cat "$f")"
	same "format-$tag-other-host" "$(keygen_find "$f" "x$host")" ""
	other_port=2223
	[ "$port" = 22 ] || other_port=22
	oname="[$host]:$other_port"
	[ "$other_port" = 22 ] && oname=$host
	same "format-$tag-other-port" "$(keygen_find "$f" "$oname")" ""
}

for k in openssh-ed25519 openssh-ecdsa256 openssh-ecdsa521 openssh-rsa2048; do
	pub=$KEYS/$k.pub
	if ! "$H" --format h 22 "$pub" >/dev/null 2>&1; then
		echo "SKIP format-$k: key type not in this build"
		continue
	fi
	format_check "$k-plain-22" example.org 22 "$pub"
	format_check "$k-plain-2222" 127.0.0.1 2222 "$pub"
	format_check "$k-hashed-22" example.org 22 "$pub" hashed
	format_check "$k-hashed-2222" 127.0.0.1 2222 "$pub" hashed
done

# ---- Files ssh-keygen -H hashed ------------------------------------------------
A=$KEYS/openssh-ed25519.pub
B=$KEYS/dropbear-ed25519.pub
kh=$T/known_hosts
{
	printf '[127.0.0.1]:2222 %s\n' "$(cut -d' ' -f1,2 "$A")"
	printf 'example.org,192.0.2.1 %s\n' "$(cut -d' ' -f1,2 "$A")"
} >"$kh"
if ssh-keygen -H -f "$kh" >/dev/null 2>&1 && grep -q '^|1|' "$kh"; then
	echo "PASS keygen-hashed-file"
else
	echo "FAIL keygen-hashed-file"
fi
same check-hashed-port "$("$H" --check "$kh" 127.0.0.1 2222 "$A")" OK
same check-hashed-name "$("$H" --check "$kh" Example.ORG 22 "$A")" OK
same check-hashed-ip "$("$H" --check "$kh" 192.0.2.1 22 "$A")" OK
same check-hashed-changed "$("$H" --check "$kh" 127.0.0.1 2222 "$B")" CHANGED
same check-hashed-wrong-port "$("$H" --check "$kh" 127.0.0.1 22 "$A")" UNKNOWN
same check-hashed-unknown "$("$H" --check "$kh" example.net 22 "$A")" UNKNOWN
exit 0
