#!/bin/sh
# test/integ/interop.sh - shrewd with clients other than OpenSSH: PuTTY's
# plink (a puttygen-converted key, host key pinned by fingerprint) and
# paramiko (exec with exit status, stdout and stderr).  Logs in as the user
# running the test with -D pointing at a keys directory under $HOME.
# 127.0.0.1 only; the server is killed by PID.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
ME=$(id -un)
T="$HOME/.cache/shrew-test-interop.$$"
PID=
cleanup() {
	stop_shrewd
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$T"
mkdir -p "$T/keys" && chmod 755 "$T" && chmod 700 "$T/keys"

"$SHREW_BIN/shrewkey" -t ed25519 -f "$T/hostkey" >/dev/null 2>&1 || echo "FAIL make-hostkey"
ssh-keygen -q -t ed25519 -N '' -m PEM -f "$T/id"
cp "$T/id.pub" "$T/keys/authorized_keys"
chmod 600 "$T/keys/authorized_keys"
if ! start_shrewd "$T/log" 50000 -r "$T/hostkey" -D "$T/keys"; then
	echo "FAIL interop-start"
	exit 1
fi
fp=$(ssh-keygen -lf "$T/hostkey.pub" | awk '{ print $2 }')

# PuTTY plink
if command -v plink >/dev/null && command -v puttygen >/dev/null; then
	puttygen "$T/id" -O private -o "$T/id.ppk" >/dev/null 2>&1
	out=$(timeout 30 plink -ssh -batch -hostkey "$fp" -i "$T/id.ppk" -P "$PORT" \
		"$ME@127.0.0.1" 'echo plink-ok; exit 3' 2>"$T/plink.err")
	rc=$?
	same plink-exec-output "$out" plink-ok
	same plink-exit-status "$rc" 3
	out=$(timeout 30 plink -ssh -batch -hostkey "$fp" -i "$T/id.ppk" -P "$PORT" \
		-C "$ME@127.0.0.1" 'echo x' 2>&1)
	same plink-with-compression-requested "$out" x
else
	echo "SKIP plink: putty-tools not installed"
fi

# paramiko (Debian's, under /usr/bin/python3; it has no chacha20-poly1305,
# so it needs an AES cipher, which the minimal build leaves out)
ciphers=$(timeout 20 ssh -F /dev/null -vv -o BatchMode=yes -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile=/dev/null -p "$PORT" nobody@127.0.0.1 true 2>&1 |
	sed -n 's/^debug2: ciphers stoc: //p' | tail -1)
if ! /usr/bin/python3 -c 'import paramiko' 2>/dev/null; then
	echo "SKIP paramiko: python3-paramiko not installed"
elif ! echo "$ciphers" | grep -q aes; then
	echo "SKIP paramiko: this build offers no cipher paramiko knows ($ciphers)"
else
	out=$(timeout 60 /usr/bin/python3 - "$PORT" "$ME" "$T/id" <<'PYEOF' 2>&1
import sys, paramiko
port, user, keyfile = int(sys.argv[1]), sys.argv[2], sys.argv[3]
c = paramiko.SSHClient()
c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
c.connect("127.0.0.1", port=port, username=user, key_filename=keyfile,
          look_for_keys=False, allow_agent=False, timeout=10)
_, o, e = c.exec_command("echo out; echo err >&2; exit 7")
print(o.read().decode().strip(), e.read().decode().strip(), o.channel.recv_exit_status())
c.close()
PYEOF
)
	same paramiko-exec "$out" "out err 7"
fi
stop_shrewd
exit 0
