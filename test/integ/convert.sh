#!/bin/sh
# test/integ/convert.sh - shrewconvert (and its dropbearconvert name)
# against Debian's dropbearkey/dropbearconvert and OpenSSH's ssh-keygen.
#
# For each key type built in: a key ssh-keygen makes, converted to
# Dropbear's format, is read back by Debian's dropbearkey -y with the same
# public key; a key Debian's dropbearkey makes, converted to OpenSSH's
# format, gives the same public key with ssh-keygen -y.  Then the failure
# paths: an existing output file is kept, a missing input and an unknown
# type give exit status 1.  $SHREW_BIN is the build directory.
set -u

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
C="$SHREW_BIN/shrewconvert"
if [ ! -x "$C" ]; then
	echo "SKIP convert: shrewconvert is not in this build (SHREW_CONVERT=0)"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/shrew-convert.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

same() { # name got want
	if [ -n "$2" ] && [ "$2" = "$3" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		echo "  got:  '$2'"
		echo "  want: '$3'"
	fi
}
status() { # name got want
	if [ "$2" = "$3" ]; then echo "PASS $1"; else echo "FAIL $1 (exit status $2, want $3)"; fi
}
pubkey() { awk '$1 ~ /^(ssh-|ecdsa-)/ { print $1 " " $2; exit }'; }

types=$("$SHREW_BIN/shrewkey" -h | sed -n 's/.*type of key to generate://p')

for t in $types; do
	case $t in
	ecdsa) sizes="256 384 521" ;;
	rsa) sizes="2048" ;;
	*) sizes="256" ;;
	esac
	for s in $sizes; do
		n="$t-$s"
		# OpenSSH -> Dropbear
		ssh-keygen -q -t "$t" -b "$s" -N '' -C "c@$n" -f "$T/o-$n" || echo "FAIL ssh-keygen $n"
		"$C" openssh dropbear "$T/o-$n" "$T/o-$n.db" >"$T/out" 2>&1
		status "openssh-to-dropbear-$n" $? 0
		same "openssh-to-dropbear-$n-dropbearkey-reads" \
			"$(dropbearkey -y -f "$T/o-$n.db" 2>/dev/null | pubkey)" "$(pubkey <"$T/o-$n.pub")"
		same "openssh-to-dropbear-$n-mode" "$(stat -c %a "$T/o-$n.db")" 600
		# Dropbear -> OpenSSH (dropbearconvert name)
		dropbearkey -t "$t" -s "$s" -f "$T/d-$n" >"$T/d-$n.out" 2>&1 || echo "FAIL dropbearkey $n"
		"$SHREW_BIN/dropbearconvert" dropbear openssh "$T/d-$n" "$T/d-$n.ssh" >"$T/out" 2>&1
		status "dropbear-to-openssh-$n" $? 0
		same "dropbear-to-openssh-$n-ssh-keygen-reads" \
			"$(ssh-keygen -y -f "$T/d-$n.ssh" 2>/dev/null | pubkey)" "$(pubkey <"$T/d-$n.out")"
	done
done

# Failure paths.
t1=$(echo "$types" | awk '{ print $1 }')
"$SHREW_BIN/shrewkey" -t "$t1" -f "$T/k" >/dev/null 2>&1
echo keep >"$T/exists"
"$C" openssh dropbear "$T/k" "$T/exists" >/dev/null 2>"$T/err"
status existing-output-exit-1 $? 1
same existing-output-kept "$(cat "$T/exists")" keep
same existing-output-says-so "$(grep -c 'exists' "$T/err")" 1
"$C" openssh dropbear "$T/missing" "$T/x" >/dev/null 2>"$T/err"
status missing-input-exit-1 $? 1
same missing-input-one-line "$(wc -l <"$T/err" | tr -d ' ')" 1
"$C" openssh pkcs12 "$T/k" "$T/x" >/dev/null 2>&1
status unknown-type-exit-1 $? 1
printf 'garbage\n' >"$T/garbage"
"$C" openssh dropbear "$T/garbage" "$T/x" >/dev/null 2>"$T/err"
status garbage-input-exit-1 $? 1
same garbage-no-output "$(test -e "$T/x" && echo made || echo none)" none
"$C" openssh >/dev/null 2>&1
status too-few-args-exit-1 $? 1
exit 0
