#!/bin/sh
# test/integ/scp.sh - the scp applet, both ends:
#   - OpenSSH's `scp -O` to and from shrewd, which runs its own scp applet
#     for "scp -t/-f" (SHREW_SVR_OWN_SCP): one file, a -rp tree (modes and
#     mtimes compared), a 200 MB upload by sha256, a name with spaces and
#     a single quote;
#   - our scp with SCP_CLIENT (default: our own client) to and from
#     shrewd: the same, the 200 MB file downloaded; and to and from a test
#     instance of OpenSSH's sshd (one file, a -rp tree);
#   - a malicious remote end (a fake "ssh" speaking the protocol): ../,
#     absolute names, a name not asked for, D without -r, a short file,
#     E without D: all refused, nothing written outside the target;
#   - errors: missing local source, missing remote file, missing target
#     directory.
# SCP_CLIENT=/path/to/client switches the client our scp runs (-S, e.g.
# /usr/bin/ssh; unset or empty: our own binary's client); SCP_CLIENT_OPTS
# are the options scp passes to it for this server (-o, -i).
# Logs in as the user running the test with -D pointing at a keys
# directory under $HOME.  127.0.0.1 only; the server is killed by PID.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
if [ ! -e "$SHREW_BIN/scp" ]; then
	echo "SKIP scp: the scp applet is not in this build"
	exit 0
fi
ME=$(id -un)
T="$HOME/.cache/shrew-test-scp.$$"
SCP_CLIENT=${SCP_CLIENT:-}
PID=
SSHD_PID=
cleanup() {
	stop_shrewd
	stop_sshd
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

if ! start_shrewd "$T/log" 42000 -r "$T/hostkey" -D "$T/keys"; then
	echo "FAIL scp-start"
	exit 1
fi
H="$ME@127.0.0.1"
COMMON="-F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i $T/id -o IdentitiesOnly=yes"
SCP_CLIENT_OPTS=${SCP_CLIENT_OPTS:-"-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o IdentitiesOnly=yes -i $T/id"}
# OpenSSH's scp in the old protocol; ours with the client under test.
oscp() { timeout 120 scp -O -q $COMMON -P "$PORT" "$@"; }
sscp() { timeout 120 "$SHREW_BIN/scp" -q -B ${SCP_CLIENT:+-S "$SCP_CLIENT"} $SCP_CLIENT_OPTS -P "$PORT" "$@"; }
sha() { sha256sum <"$1" 2>/dev/null | cut -d' ' -f1; }
# Every entry under a tree: path, mode, mtime, and content hash of files.
sig() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r f; do
		if [ -f "$f" ]; then
			echo "$f $(stat -c '%a %Y' "$f") $(sha "$f")"
		else
			echo "$f $(stat -c '%a %Y' "$f")"
		fi
	done)
}
# A tree with unusual modes and old times.
mktree() {
	mkdir -p "$1/sub/deeper" "$1/empty"
	echo one >"$1/a.txt"
	head -c 70000 /dev/urandom >"$1/sub/b.bin"
	echo x >"$1/sub/deeper/c"
	: >"$1/zero"
	chmod 600 "$1/a.txt"
	chmod 751 "$1/sub/b.bin"
	chmod 700 "$1/sub/deeper"
	chmod 750 "$1/empty"
	find "$1" -mindepth 1 -exec touch -d '2001-02-03 04:05:06' {} +
	touch -d '1999-12-31 23:59:58' "$1/sub/b.bin" "$1/sub"
}

# ---- shrewd runs its own scp ---------------------------------------------
out=$(timeout 30 ssh $COMMON -p "$PORT" "$H" 'scp -V' 2>&1)
case $out in
"scp "[0-9]*) result server-runs-own-scp 0 ;;
*) result server-runs-own-scp 1 "$out" ;;
esac

mkdir -p "$T/src" "$T/o" "$T/s"
head -c 123457 /dev/urandom >"$T/src/file"
want=$(sha "$T/src/file")
Q="it's a b"
printf 'quote and spaces\n' >"$T/src/$Q"
mktree "$T/src/tree"
tree_want=$(sig "$T/src/tree")

# ---- OpenSSH's scp -O against shrewd --------------------------------------
mkdir -p "$T/o/up" "$T/o/down"
oscp "$T/src/file" "$H:$T/o/up/"
result openssh-upload-exit $?
same openssh-upload-sha256 "$(sha "$T/o/up/file")" "$want"
oscp "$H:$T/o/up/file" "$T/o/down/file"
result openssh-download-exit $?
same openssh-download-sha256 "$(sha "$T/o/down/file")" "$want"

oscp -rp "$T/src/tree" "$H:$T/o/up/"
result openssh-upload-tree-exit $?
same openssh-upload-tree-modes-mtimes "$(sig "$T/o/up/tree")" "$tree_want"
oscp -rp "$H:$T/o/up/tree" "$T/o/down/"
result openssh-download-tree-exit $?
same openssh-download-tree-modes-mtimes "$(sig "$T/o/down/tree")" "$tree_want"

oscp "$T/src/$Q" "$H:$T/o/up/"
result openssh-upload-quote-space-exit $?
same openssh-upload-quote-space "$(cat "$T/o/up/$Q" 2>/dev/null)" "quote and spaces"
# scp -O hands the remote path to the remote shell as it is, and matches
# the names it gets with fnmatch: backslashes serve both.
oscp "$H:$T/o/up/it\\'s\\ a\\ b" "$T/o/down/"
result openssh-download-quote-space-exit $?
same openssh-download-quote-space "$(cat "$T/o/down/$Q" 2>/dev/null)" "quote and spaces"

# 200 MB up with OpenSSH's scp (ours takes it down below).
head -c 200000000 /dev/urandom >"$T/src/big"
big_want=$(sha "$T/src/big")
oscp "$T/src/big" "$H:$T/o/up/big"
result openssh-upload-200MB-exit $?
same openssh-upload-200MB-sha256 "$(sha "$T/o/up/big")" "$big_want"
rm -f "$T/o/up/big"

# ---- our scp against shrewd -------------------------------------------------
mkdir -p "$T/s/up" "$T/s/down"
sscp "$T/src/file" "$H:$T/s/up/"
result shrew-upload-exit $?
same shrew-upload-sha256 "$(sha "$T/s/up/file")" "$want"
sscp "$H:$T/s/up/file" "$T/s/down/file"
result shrew-download-exit $?
same shrew-download-sha256 "$(sha "$T/s/down/file")" "$want"
sscp "scp://$H:$PORT/$T/s/up/file" "$T/s/down/file.uri"
result shrew-download-uri-exit $?
same shrew-download-uri-sha256 "$(sha "$T/s/down/file.uri")" "$want"

sscp -rp "$T/src/tree" "$H:$T/s/up/"
result shrew-upload-tree-exit $?
same shrew-upload-tree-modes-mtimes "$(sig "$T/s/up/tree")" "$tree_want"
sscp -rp "$H:$T/s/up/tree" "$T/s/down/"
result shrew-download-tree-exit $?
same shrew-download-tree-modes-mtimes "$(sig "$T/s/down/tree")" "$tree_want"

sscp "$T/src/$Q" "$T/src/file" "$H:$T/s/up/multi/" 2>"$T/err"
[ $? != 0 ] && grep -q "multi/: Not a directory" "$T/err"
result shrew-upload-several-needs-dir $? "$(cat "$T/err")"
sscp "$T/src/$Q" "$H:$T/s/up/"
result shrew-upload-quote-space-exit $?
same shrew-upload-quote-space "$(cat "$T/s/up/$Q" 2>/dev/null)" "quote and spaces"
sscp "$H:$T/s/up/$Q" "$T/s/down/"
result shrew-download-quote-space-exit $?
same shrew-download-quote-space "$(cat "$T/s/down/$Q" 2>/dev/null)" "quote and spaces"
# A glob is expanded by our far end, and the names checked against it.
sscp "$H:$T/s/up/fi*" "$T/s/down/"
result shrew-download-glob-exit $?

# 200 MB down with ours.
mv "$T/src/big" "$T/s/up/big"
sscp "$H:$T/s/up/big" "$T/s/down/big"
result shrew-download-200MB-exit $?
same shrew-download-200MB-sha256 "$(sha "$T/s/down/big")" "$big_want"
rm -f "$T/s/up/big" "$T/s/down/big"

# remote to remote, through this host
sscp -p "$H:$T/s/up/file" "$H:$T/s/up/file.r2r"
result shrew-remote-to-remote-exit $?
same shrew-remote-to-remote-sha256 "$(sha "$T/s/up/file.r2r")" "$want"

# -l: 400000 bytes at 1600 Kbit/s take 2 s at least
head -c 400000 /dev/urandom >"$T/src/slow"
t0=$(date +%s)
sscp -l 1600 "$T/src/slow" "$H:$T/s/up/slow"
rc=$?
t1=$(date +%s)
[ $rc = 0 ] && [ $((t1 - t0)) -ge 2 ] && [ "$(sha "$T/s/up/slow")" = "$(sha "$T/src/slow")" ]
result shrew-bandwidth-limit $? "rc $rc, $((t1 - t0)) s"
# the progress meter, on a terminal only
if command -v script >/dev/null; then
	script -qec "timeout 60 $SHREW_BIN/scp -B ${SCP_CLIENT:+-S $SCP_CLIENT} $SCP_CLIENT_OPTS -P $PORT $H:$T/s/up/slow $T/s/down/slow" /dev/null >"$T/meter" 2>&1
	rc=$?
	[ $rc = 0 ] && tr '\r' '\n' <"$T/meter" | grep -q "^slow  *100%  *391KB .*/s  *00:0[0-9]"
	result shrew-progress-meter $? "rc $rc: $(tr '\r' '\n' <"$T/meter" | tail -2)"
	sscp "$H:$T/s/up/slow" "$T/s/down/slow2" >"$T/meter" 2>&1
	same shrew-progress-meter-quiet "$(cat "$T/meter")" ""
fi

# ---- errors -----------------------------------------------------------------
out=$(sscp "$T/src/missing" "$H:$T/s/up/" 2>&1)
rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "missing: No such file or directory"
result shrew-missing-local-source $? "rc $rc: $out"
out=$(sscp "$H:$T/s/up/missing" "$T/s/down/" 2>&1)
rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "scp: $T/s/up/missing: No such file or directory"
result shrew-missing-remote-file $? "rc $rc: $out"
out=$(sscp "$T/src/file" "$H:$T/s/nodir/sub/" 2>&1)
rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "nodir/sub/: No such file or directory"
result shrew-upload-missing-target-dir $? "rc $rc: $out"
out=$(sscp "$H:$T/s/up/file" "$T/s/nodir/sub/" 2>&1)
rc=$?
[ $rc = 1 ] && [ ! -e "$T/s/nodir" ]
result shrew-download-missing-target-dir $? "rc $rc: $out"
out=$(oscp "$H:$T/s/up/missing" "$T/o/down/" 2>&1)
rc=$?
[ $rc != 0 ] && echo "$out" | grep -q "No such file or directory"
result openssh-missing-remote-file $? "rc $rc: $out"
out=$(timeout 30 "$SHREW_BIN/scp" -q -Z "$H:x" "$T/s/down/" 2>&1)
rc=$?
[ $rc = 1 ]
result shrew-bad-option $? "rc $rc: $out"
out=$(timeout 30 "$SHREW_BIN/scp" -q -S /bin/false -- "-x;y:f" "$T/s/down/" 2>&1)
rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "invalid host"
result shrew-host-not-an-option $? "rc $rc: $out"

# ---- a malicious remote end ---------------------------------------------------
# The fake client ignores its arguments, sends $FAKE_PAYLOAD and reads
# what comes back until scp closes its end.
cat >"$T/fakessh" <<'EOF'
#!/bin/sh
cat "$FAKE_PAYLOAD"
exec cat >/dev/null
EOF
chmod 755 "$T/fakessh"
M="$T/mal"
EV="scp-evil-$$" # no such name may appear anywhere
evil() { # NAME REQUEST PAYLOAD [scp options]
	_n=$1
	_r=$2
	rm -rf "$M" && mkdir -p "$M/tgt"
	printf "$3" >"$T/payload"
	shift 3
	FAKE_PAYLOAD="$T/payload" timeout 30 "$SHREW_BIN/scp" -q -S "$T/fakessh" "$@" \
		"fake:$_r" "$M/tgt/" >"$T/mal.out" 2>&1
	_rc=$?
	_out=$(ls -A "$M"; find "$T" /tmp "$HOME" -maxdepth 3 -name "*$EV*" 2>/dev/null)
	[ $_rc != 0 ] && [ "$_out" = tgt ]
	result "malicious-$_n" $? "rc $_rc, outside: $_out, $(cat "$T/mal.out")"
}
# the fake itself works: a good answer goes through
rm -rf "$M" && mkdir -p "$M/tgt"
printf 'C0644 5 good\nhello\0' >"$T/payload"
FAKE_PAYLOAD="$T/payload" timeout 30 "$SHREW_BIN/scp" -q -S "$T/fakessh" fake:good "$M/tgt/"
result malicious-control-good-name $?
same malicious-control-content "$(cat "$M/tgt/good" 2>/dev/null)" hello
evil dotdot "$EV" "C0644 5 ../$EV\\nhello\\0"
evil absolute x "C0644 5 $T/$EV\\nhello\\0"
evil absolute-tmp x "C0644 5 /tmp/$EV\\nhello\\0"
evil other-name good "C0644 5 $EV\\nhello\\0"
grep -q "protocol error: filename does not match request" "$T/mal.out"
result malicious-other-name-message $? "$(cat "$T/mal.out")"
evil dir-without-r "$EV" "D0755 0 $EV\\nC0644 5 f\\nhello\\0E\\n"
evil dotdot-in-dir d "D0755 0 d\\nC0644 5 ../$EV\\nhello\\0E\\n" -r
evil short-file good 'C0644 10 good\nhello'
evil end-without-dir good 'E\n'
evil dot . "D0755 0 .\\nC0644 5 $EV\\nhello\\0E\\n" -r

# ---- our scp against OpenSSH's sshd -----------------------------------------
start_sshd "$T/sshd" "$T/keys/authorized_keys" 47000
case $? in
0)
	oport=$SSHD_PORT
	dscp() { timeout 120 "$SHREW_BIN/scp" -q -B ${SCP_CLIENT:+-S "$SCP_CLIENT"} $SCP_CLIENT_OPTS -P "$oport" "$@"; }
	mkdir -p "$T/d/up" "$T/d/down"
	dscp "$T/src/file" "$H:$T/d/up/"
	result sshd-upload-exit $?
	same sshd-upload-sha256 "$(sha "$T/d/up/file")" "$want"
	dscp "$H:$T/d/up/file" "$T/d/down/file"
	result sshd-download-exit $?
	same sshd-download-sha256 "$(sha "$T/d/down/file")" "$want"
	dscp -rp "$T/src/tree" "$H:$T/d/up/"
	result sshd-upload-tree-exit $?
	same sshd-upload-tree-modes-mtimes "$(sig "$T/d/up/tree")" "$tree_want"
	dscp -rp "$H:$T/d/up/tree" "$T/d/down/"
	result sshd-download-tree-exit $?
	same sshd-download-tree-modes-mtimes "$(sig "$T/d/down/tree")" "$tree_want"
	dscp "$H:$T/d/up/no-such-file" "$T/d/down/" 2>"$T/err"
	rc=$?
	[ $rc = 1 ] && grep -q "no-such-file" "$T/err"
	result sshd-missing-remote-file $? "rc $rc: $(cat "$T/err")"
	;;
2) echo "SKIP scp-sshd: needs root and /usr/sbin/sshd" ;;
*) echo "FAIL scp-sshd-start" ;;
esac
exit 0
