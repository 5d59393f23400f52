#!/bin/sh
# test/integ/keytool.sh - shrewkey (and its dropbearkey name) against the
# real ssh-keygen and Debian's dropbearkey, with keys made fresh each run.
#
# Prints one "PASS name" or "FAIL name" line per check (test/run.sh counts
# them).  $SHREW_BIN is the build directory holding the shrewkey and
# dropbearkey symlinks.  Checks:
#   - keys shrewkey makes (ed25519, ecdsa 256/384/521, rsa 2048/3072/4096):
#     ssh-keygen -y gives the same public key as FILE.pub, ssh-keygen -lf
#     the same fingerprint as shrewkey prints;
#   - keys ssh-keygen makes (OpenSSH, -m PEM, -m PKCS8) and dropbearkey
#     makes: shrewkey -y prints the public key and fingerprint the
#     original tools print;
#   - bad files (empty, garbage, truncated, a .pub, 1 MB, encrypted with no
#     terminal to ask on): exit status 1 and one error line naming the file;
#   - passphrase-protected keys ssh-keygen makes (-a 4), the passphrase
#     typed on a pseudo-terminal (script(1)): the right one gives the
#     public key and fingerprint, a wrong one "wrong passphrase"; an
#     aes256-cbc key is refused without asking;
#   - an existing file is never overwritten.
# Key types left out of the build (shrewkey -h lists those built in) must
# be refused with exit status 1 instead.
set -u

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
K="$SHREW_BIN/shrewkey"
T=$(mktemp -d "${TMPDIR:-/tmp}/shrew-keytool.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM

result() { # name status
	if [ "$2" = 0 ]; then echo "PASS $1"; else echo "FAIL $1"; fi
}

# PASS if a command's exit status ($2) was 1.
status1() { # name status
	if [ "$2" = 1 ]; then echo "PASS $1"; else echo "FAIL $1 (exit status $2)"; fi
}

check() { # name command...
	name=$1
	shift
	"$@"
	result "$name" $?
}

same() { # name got want
	if [ "$2" = "$3" ] && [ -n "$2" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1"
		echo "  got:  '$2'"
		echo "  want: '$3'"
	fi
}

# "TYPE BASE64" of the first line of a public key file or output.
pubkey() { awk 'NF >= 2 { print $1 " " $2; exit }' "$1"; }
# The fingerprint shrewkey printed ("Fingerprint: SHA256:...").
our_fp() { sed -n 's/^Fingerprint: //p' "$1"; }
# The fingerprint ssh-keygen -lf prints for a key or public key file.
keygen_fp() { ssh-keygen -lf "$1" 2>/dev/null | awk '{ print $2; exit }'; }

if [ ! -x "$K" ]; then
	echo "PASS keytool-skipped (shrewkey is not in this build)"
	exit 0
fi
types=$("$K" -h 2>/dev/null | sed -n 's/.*type of key to generate://p')
built() { case " $types " in *" $1 "*) return 0 ;; esac; return 1; }
first_type=$(echo "$types" | awk '{ print $1 }')

for tool in ssh-keygen dropbearkey; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL keytool-needs-$tool"
		exit 1
	fi
done

# ---- Keys shrewkey makes -------------------------------------------------

gen_check() { # type bits
	n=gen-$1${2:+-$2}
	f=$T/$n
	"$K" -t "$1" ${2:+-s "$2"} -f "$f" -C "$n@test" >"$f.out" 2>"$f.err"
	rc=$?
	if ! built "$1"; then
		status1 "$n-not-built-refused" $rc
		check "$n-not-built-no-file" test ! -e "$f"
		return
	fi
	result "$n-exit-status" $rc
	[ -z "${first_gen:-}" ] && first_gen=$f
	same "$n-mode-0600" "$(stat -c %a "$f" 2>/dev/null)" 600
	ssh-keygen -y -f "$f" >"$f.keygen-y" 2>/dev/null
	same "$n-ssh-keygen-y-matches-pub" "$(pubkey "$f.keygen-y")" "$(pubkey "$f.pub")"
	same "$n-ssh-keygen-lf-matches" "$(keygen_fp "$f.keygen-y")" "$(our_fp "$f.out")"
	same "$n-prints-pub-line" "$(sed -n 2p "$f.out")" "$(cat "$f.pub")"
	same "$n-comment" "$(awk '{ print $3 }' "$f.pub")" "$n@test"
	"$K" -y -f "$f" >"$f.y" 2>&1
	same "$n-y-same-output" "$(cat "$f.y")" "$(cat "$f.out")"
}

gen_check ed25519 ""
gen_check ecdsa 256
gen_check ecdsa 384
gen_check ecdsa 521
gen_check rsa 2048
gen_check rsa 3072
gen_check rsa 4096

# Dropbear's output shape and name; attached flag values.
if built ecdsa; then set -- -t ecdsa -s384; want=ecdsa-sha2-nistp384
elif built ed25519; then set -- -t ed25519; want=ssh-ed25519
else set -- -t rsa -s2048; want=ssh-rsa
fi
"$SHREW_BIN/dropbearkey" "$@" -f "$T/db-name" >"$T/db-name.out" 2>"$T/db-name.err"
result dropbearkey-name-generates $?
same dropbearkey-name-output-line1 "$(sed -n 1p "$T/db-name.out")" "Public key portion is:"
same dropbearkey-name-output-line3 "$(sed -n 3p "$T/db-name.out" | cut -c1-20)" \
	"Fingerprint: SHA256:"
same dropbearkey-name-attached-size "$(awk '{ print $1 }' "$T/db-name.pub")" "$want"
"$K" -yf "$T/db-name" >"$T/db-name.y" 2>&1
same combined-flags-yf "$(cat "$T/db-name.y")" "$(cat "$T/db-name.out")"

# ---- Keys ssh-keygen makes -----------------------------------------------

read_check() { # name file type: shrewkey -y vs ssh-keygen -y / -lf
	"$K" -y -f "$2" >"$2.out" 2>"$2.err"
	rc=$?
	if ! built "$3"; then
		status1 "$1-not-built-refused" $rc
		check "$1-not-built-says-unsupported" grep -q "unsupported" "$2.err"
		return 1
	fi
	result "$1-read-exit-status" $rc
	ssh-keygen -y -f "$2" >"$2.keygen-y" 2>/dev/null
	same "$1-read-public-line" "$(sed -n 2p "$2.out" | awk '{ print $1 " " $2 }')" \
		"$(pubkey "$2.keygen-y")"
	same "$1-read-fingerprint" "$(our_fp "$2.out")" "$(keygen_fp "$2.keygen-y")"
}

for fmt in RFC4716 PEM PKCS8; do
	for spec in ed25519: ecdsa:256 ecdsa:384 ecdsa:521 rsa:2048; do
		type=${spec%%:*}
		bits=${spec#*:}
		# ed25519 exists only in OpenSSH's own format
		[ "$type" = ed25519 ] && [ "$fmt" != RFC4716 ] && continue
		name=sshkeygen-$fmt-$type${bits:+-$bits}
		if [ "$fmt" = RFC4716 ]; then
			name=sshkeygen-openssh-$type${bits:+-$bits}
			ssh-keygen -q -t "$type" ${bits:+-b "$bits"} -N '' -C "$name" \
				-f "$T/$name" </dev/null >/dev/null 2>&1
		else
			ssh-keygen -q -t "$type" ${bits:+-b "$bits"} -N '' -m "$fmt" \
				-f "$T/$name" </dev/null >/dev/null 2>&1
		fi
		rm -f "$T/$name.pub"	# make ssh-keygen -y read the private key
		read_check "$name" "$T/$name" "$type"
	done
done

# ---- Keys Debian's dropbearkey makes ---------------------------------------

for spec in ed25519: ecdsa:256 ecdsa:384 ecdsa:521 rsa:2048; do
	type=${spec%%:*}
	bits=${spec#*:}
	name=dropbear-$type${bits:+-$bits}
	f=$T/$name
	dropbearkey -t "$type" ${bits:+-s "$bits"} -f "$f" >/dev/null 2>&1
	dropbearkey -y -f "$f" 2>/dev/null | sed -n 2p >"$f.pub"
	"$K" -y -f "$f" >"$f.out" 2>"$f.err"
	rc=$?
	if ! built "$type"; then
		status1 "$name-not-built-refused" $rc
		continue
	fi
	result "$name-read-exit-status" $rc
	same "$name-read-public-line" "$(sed -n 2p "$f.out" | awk '{ print $1 " " $2 }')" \
		"$(pubkey "$f.pub")"
	same "$name-read-fingerprint" "$(our_fp "$f.out")" "$(keygen_fp "$f.pub")"
	same "$name-fingerprint-as-dropbearkey" "$(our_fp "$f.out")" \
		"$(dropbearkey -y -f "$f" 2>/dev/null | sed -n 's/^Fingerprint: //p')"
done

# ---- Bad files --------------------------------------------------------------

bad_check() { # name file (with $RUN, if set, before shrewkey)
	${RUN:-} "$K" -y -f "$2" >"$T/bad.out" 2>"$T/bad.err"
	status1 "bad-$1-exit-1" $?
	same "bad-$1-one-error-line" "$(wc -l <"$T/bad.err" | tr -d ' ')" 1
	check "bad-$1-names-file" grep -qF "shrewkey: $2: " "$T/bad.err"
	same "bad-$1-no-output" "$(wc -c <"$T/bad.out" | tr -d ' ')x" 0x
}

: >"$T/empty"
bad_check empty "$T/empty"
head -c 2000 /dev/urandom | tr -d '\000' >"$T/garbage"
bad_check garbage "$T/garbage"
f=$T/sshkeygen-openssh-ed25519
head -c $(($(wc -c <"$f") / 2)) "$f" >"$T/half"
bad_check truncated "$T/half"
f=$first_gen
head -c $(($(wc -c <"$f") / 2)) "$f" >"$T/half-ours"
bad_check truncated-ours "$T/half-ours"
bad_check pub-as-private "$f.pub"
head -c 1048576 /dev/zero >"$T/big"
bad_check one-megabyte "$T/big"
ssh-keygen -q -t ed25519 -N pass -f "$T/encrypted" </dev/null >/dev/null 2>&1
# no controlling terminal (setsid): nowhere to ask for the passphrase
RUN="setsid -w"
bad_check encrypted "$T/encrypted"
RUN=
check bad-encrypted-says-so grep -q "encrypted" "$T/bad.err"
ssh-keygen -q -t rsa -b 2048 -m PEM -N passphrase -f "$T/encrypted-pem" </dev/null \
	>/dev/null 2>&1
bad_check encrypted-pem "$T/encrypted-pem"
bad_check missing "$T/does-not-exist"

# ---- Passphrase-protected keys (typed on a pseudo-terminal by script(1)) ----

# prints shrewkey -y's output for FILE with PASSPHRASE typed at the prompt
with_pass() { # file passphrase
	printf '%s\n' "$2" | script -qec "$K -y -f '$1'" /dev/null 2>&1 | tr -d '\r'
}

if "$K" -h | grep -q "asks"; then
	for type in $types; do
		f=$T/enc-$type
		ssh-keygen -q -t "$type" -a 4 -N 'correct horse' -C "enc-$type@test" -f "$f" \
			</dev/null >/dev/null 2>&1
		with_pass "$f" 'correct horse' >"$f.out"
		same "enc-$type-public-line" "$(grep "^$(pubkey "$f.pub" | cut -c1-20)" "$f.out" |
			awk '{ print $1 " " $2 }')" "$(pubkey "$f.pub")"
		same "enc-$type-fingerprint" "$(our_fp "$f.out" | tr -d '\r')" "$(keygen_fp "$f.pub")"
		with_pass "$f" 'wrong horse' >"$f.bad"
		check "enc-$type-wrong-passphrase" grep -qF "shrewkey: $f: wrong passphrase" "$f.bad"
		check "enc-$type-wrong-no-key" test -z "$(our_fp "$f.bad")"
	done
	ssh-keygen -q -t ed25519 -a 4 -Z aes256-cbc -N 'correct horse' -f "$T/enc-cbc" \
		</dev/null >/dev/null 2>&1
	"$K" -y -f "$T/enc-cbc" >/dev/null 2>"$T/enc-cbc.err"
	status1 enc-cbc-refused-exit-1 $?
	check enc-cbc-refused-before-asking grep -q "unsupported cipher" "$T/enc-cbc.err"
else
	"$K" -y -f "$T/encrypted" >/dev/null 2>"$T/enc.err"
	status1 enc-not-built-exit-1 $?
	check enc-not-built-says-so grep -q "not supported in this build" "$T/enc.err"
fi

# ---- Never overwrite ---------------------------------------------------------

cp "$first_gen" "$T/before"
"$K" -t "$first_type" -f "$first_gen" >"$T/ow.out" 2>"$T/ow.err"
status1 overwrite-refused-exit-1 $?
check overwrite-refused-file-unchanged cmp -s "$T/before" "$first_gen"
check overwrite-refused-names-file grep -qF "shrewkey: $first_gen: " "$T/ow.err"
same overwrite-refused-one-line "$(wc -l <"$T/ow.err" | tr -d ' ')" 1
: >"$T/lonely.pub"
"$K" -t "$first_type" -f "$T/lonely" >/dev/null 2>&1
status1 overwrite-refused-pub-exit-1 $?
check overwrite-refused-pub-no-key test ! -e "$T/lonely"

# ---- Usage ---------------------------------------------------------------------

"$K" -h >"$T/h.out" 2>&1
result usage-h-exit-0 $?
check usage-h-lists-t grep -q -- "-t TYPE" "$T/h.out"
check usage-h-lists-y grep -q -- "-y " "$T/h.out"
same version "$("$K" -V)" "$("$K" -V | awk '$1 == "shrewkey" && NF == 2')"
"$K" -Z >/dev/null 2>&1
status1 unknown-flag-exit-1 $?
"$K" -t ed25519 >/dev/null 2>&1
status1 no-file-exit-1 $?
"$K" -t rsa -s 1000 -f "$T/small" >/dev/null 2>&1
status1 rsa-too-small-exit-1 $?
check rsa-too-small-no-file test ! -e "$T/small"
"$K" -t ecdsa -s 300 -f "$T/odd" >/dev/null 2>&1
status1 ecdsa-bad-size-exit-1 $?
exit 0
