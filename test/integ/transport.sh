#!/bin/sh
# test/integ/transport.sh - shrewd's transport against OpenSSH's ssh, and
# against bad input.
#
# Every kex method, host key algorithm, cipher and MAC compiled in is
# forced in turn with ssh -o; reaching authentication ("Permission
# denied") proves the key exchange, the host key signature, the keys and
# the packet protection all worked both ways (ssh checks them all before
# it shows the method list).  Then bad input: garbage or overlong
# identification, a huge packet length, a truncated packet, a message out
# of phase, no common cipher: each must end in a close with a logged
# reason while the listener keeps serving.  127.0.0.1 only; every server
# started here is killed by PID.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
K="$SHREW_BIN/shrewkey"
PY=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/shrew-transport.XXXXXX") || exit 1
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM


types=$("$K" -h | sed -n 's/.*type of key to generate://p')
hk=""
for t in $types; do
	"$K" -t "$t" -f "$T/host_$t" >/dev/null 2>&1 || echo "FAIL make-hostkey-$t"
	hk="$hk -r $T/host_$t"
done

# Everything built in is offered here (-o ...=*), so each can be forced.
ALL="-o KexAlgorithms=* -o HostKeyAlgorithms=* -o Ciphers=* -o MACs=*"
# shellcheck disable=SC2086
if ! start_shrewd "$T/log" 20000 $hk $ALL; then
	echo "FAIL transport-start"
	exit 1
fi

SSH_BASE="ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5"
SSH="$SSH_BASE -p $PORT"

# PASS when ssh got as far as the authentication method list.
reaches_auth() { # name ssh-options...
	name=$1
	shift
	# shellcheck disable=SC2086
	out=$(timeout 20 $SSH "$@" nobody@127.0.0.1 true 2>&1)
	case $out in
	*"Permission denied"*) result "$name" 0 ;;
	*) result "$name" 1 "$(echo "$out" | tail -2 | tr '\n' ' ')" ;;
	esac
}

# What the server offers (from its KEXINIT, as ssh -vv reports it).
offer=$(timeout 20 $SSH -vv nobody@127.0.0.1 true 2>&1 | grep "debug2: peer server KEXINIT proposal" -A 10)
list() { echo "$offer" | tr -d '\r' | sed -n "s/^debug2: $1: //p" | head -1 | tr ',' ' '; }

for k in $(list KEX\ algorithms); do
	case $k in kex-strict-*|ext-info-*) continue ;; esac
	reaches_auth "kex-$k" -o KexAlgorithms="$k"
done
for h in $(list host\ key\ algorithms); do
	reaches_auth "hostkey-$h" -o HostKeyAlgorithms="$h"
done
for c in $(list ciphers\ ctos); do
	reaches_auth "cipher-$c" -o Ciphers="$c"
done
ctr=$(list ciphers\ ctos | tr ' ' '\n' | grep -- '-ctr$' | head -1)
for m in $(list MACs\ ctos); do
	[ -n "$ctr" ] && reaches_auth "mac-$m" -o Ciphers="$ctr" -o MACs="$m"
done
n=$(list KEX\ algorithms | wc -w)
[ "$n" -ge 2 ]
result offers-kex-list $? "$n"

# ---- Bad input -----------------------------------------------------------
# A bad MAC: a proxy flips one bit of the client's stream once the key
# exchange is over (the first protected packet), as a line error or an
# attacker would; the server must log the MAC failure and close.
cat >"$T/flip.py" <<'PYEOF'
import select, socket, sys
port = int(sys.argv[1])
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(1)
print(ls.getsockname()[1], flush=True)
ls.settimeout(15)
c, _ = ls.accept()
s = socket.create_connection(("127.0.0.1", port), timeout=15)
# Parses the client's cleartext packets until its NEWKEYS (21); the next
# bytes are protected, and a bit of them is flipped.
buf, state, flipped = b"", "ident", False
def scan(data):
    global buf, state
    buf += data
    while state != "keyed":
        if state == "ident":
            i = buf.find(b"\n")
            if i < 0:
                return
            buf, state = buf[i + 1:], "pkt"
            continue
        if len(buf) < 6:
            return
        n = int.from_bytes(buf[:4], "big")
        if len(buf) < 4 + n:
            return
        if buf[5] == 21:
            state = "keyed"
            return len(buf) - (4 + n)  # protected bytes already in buf
        buf = buf[4 + n:]
for _ in range(2000):
    r, _, _ = select.select([c, s], [], [], 15)
    if not r:
        break
    if c in r:
        b = bytearray(c.recv(65536))
        if not b:
            break
        if state != "keyed":
            extra = scan(bytes(b))
            if extra:
                b[-1] ^= 0x01
                flipped = True
        elif not flipped:
            b[-1] ^= 0x01
            flipped = True
        s.sendall(b)
    if s in r:
        b = s.recv(65536)
        if not b:
            break
        c.sendall(b)
PYEOF
for c in chacha20-poly1305@openssh.com aes128-gcm@openssh.com aes128-ctr; do
	echo "$offer" | grep -q "$c" || continue
	: >"$T/flip.out"
	timeout 30 "$PY" "$T/flip.py" "$PORT" >"$T/flip.out" 2>/dev/null &
	fpid=$!
	for _i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$T/flip.out" ] && break; sleep 0.2; done
	fport=$(head -1 "$T/flip.out")
	before=$(grep -c "bad packet MAC" "$T/log")
	timeout 20 $SSH_BASE -p "$fport" -o Ciphers="$c" -o MACs=hmac-sha2-256-etm@openssh.com \
		nobody@127.0.0.1 true >/dev/null 2>&1
	wait "$fpid" 2>/dev/null
	sleep 0.3
	after=$(grep -c "bad packet MAC" "$T/log")
	[ "$after" -gt "$before" ]
	result "bad-mac-$c-logged" $? "$(tail -3 "$T/log" | tr '\n' ' ')"
done

# python3 bad.py CASE PORT: sends the case's bytes, reads until the server
# closes (10 s at most); prints "closed" or "open".
cat >"$T/bad.py" <<'PYEOF'
import socket, struct, sys, time
case, port = sys.argv[1], int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port), timeout=10)
def pkt(payload):
    pad = 4
    while (4 + 1 + len(payload) + pad) % 8:
        pad += 1
    body = bytes([pad]) + payload + b"\0" * pad
    return struct.pack(">I", len(body)) + body
ident = b"SSH-2.0-badclient\r\n"
data = {
    "garbage-ident": b"GET / HTTP/1.0\r\n\r\n",
    "long-ident": b"SSH-2.0-" + b"x" * 5000 + b"\r\n",
    "nul-ident": b"SSH-2.0-a\0b\r\n",
    "bare-cr-ident": b"SSH-2.0-a\rSSH-2.0-b\r\n",
    "ssh1-ident": b"SSH-1.5-old\r\n",
    "huge-length": ident + struct.pack(">I", 0x7fffffff) + b"\x04" * 64,
    "zero-length": ident + struct.pack(">I", 0) + b"\0" * 16,
    "bad-padding": ident + struct.pack(">I", 12) + bytes([200]) + b"\x14" + b"\0" * 10,
    "truncated": ident + struct.pack(">I", 1020) + b"\x04\x14abc",
    "out-of-phase": ident + pkt(bytes([50]) + b"\0" * 8),
    "unknown-msg": ident + pkt(bytes([200])),
    "service-before-kex": ident + pkt(bytes([5]) + struct.pack(">I", 12) + b"ssh-userauth"),
}[case]
s.sendall(data)
if case == "truncated":
    s.shutdown(socket.SHUT_WR)
end = time.time() + 10
try:
    while time.time() < end:
        b = s.recv(65536)
        if not b:
            print("closed")
            sys.exit(0)
except (ConnectionResetError, socket.timeout):
    print("closed" if time.time() < end else "open")
    sys.exit(0)
print("open")
PYEOF

for c in garbage-ident long-ident nul-ident bare-cr-ident ssh1-ident huge-length zero-length bad-padding \
	truncated out-of-phase unknown-msg service-before-kex; do
	got=$(timeout 15 "$PY" "$T/bad.py" "$c" "$PORT" 2>&1)
	result "bad-$c-closed" "$([ "$got" = closed ] && echo 0 || echo 1)" "$got"
	kill -0 "$PID" 2>/dev/null
	result "bad-$c-listener-alive" $?
done
# The children log as they exit: wait for the lines (bounded, 10 s).
i=0
while :; do
	n=$(grep -c -E "identification|version mismatch|packet|unexpected|KEXINIT|NUL|closed by peer" "$T/log")
	[ "$n" -ge 12 ] || [ $i -ge 100 ] && break
	sleep 0.1
	i=$((i + 1))
done
[ "$n" -ge 12 ]
result bad-input-reasons-logged $? "$n log lines"

# No common cipher: ssh offers only 3des-cbc, which shrew never builds.
out=$(timeout 20 $SSH -o Ciphers=3des-cbc nobody@127.0.0.1 true 2>&1)
case $out in
*"no matching cipher"*|*"Unable to negotiate"*|*"Bad SSH2 cipher"*) result no-common-cipher 0 ;;
*) result no-common-cipher 1 "$out" ;;
esac

# After all of that, a login attempt still reaches authentication.
reaches_auth still-serving
stop_shrewd

# ---- What is offered by default ---------------------------------------------
# The built-in algorithms ssh-audit flags are offered only when asked for.
# shellcheck disable=SC2086
if ! start_shrewd "$T/log2" 20300 $hk; then
	echo "FAIL transport-start-defaults"
	exit 1
fi
SSH="$SSH_BASE -p $PORT"
offer=$(timeout 20 $SSH -vv nobody@127.0.0.1 true 2>&1 | grep "debug2: peer server KEXINIT proposal" -A 10)
got=$(list KEX\ algorithms | tr -s ' \n' ',' | sed 's/,$//')
same default-kex "$got" "$(default_offer KexAlgorithms),kex-strict-s-v00@openssh.com"
got=$(list MACs\ ctos | tr -s ' \n' ',' | sed 's/,$//')
same default-macs "$got" "$(default_offer MACs)"
reaches_auth default-curve25519 -o KexAlgorithms=curve25519-sha256
# Built in but not offered by default (the default configuration): refused
# until asked for.
case ,$(default_offer KexAlgorithms), in
*,ecdh-sha2-nistp256,*) echo "SKIP default-refuses-nistp256: offered by default in this build" ;;
*)
	if "$SHREW_BIN/shrewd" -h | grep -q "ecdh-sha2-nistp256"; then
		out=$(timeout 20 $SSH -o KexAlgorithms=ecdh-sha2-nistp256 nobody@127.0.0.1 true 2>&1)
		case $out in
		*"no matching key exchange"*) result default-refuses-nistp256 0 ;;
		*) result default-refuses-nistp256 1 "$out" ;;
		esac
		stop_shrewd
		# shellcheck disable=SC2086
		start_shrewd "$T/log3" 20600 $hk -o KexAlgorithms=+ecdh-sha2-nistp256 ||
			echo "FAIL start-plus"
		SSH="$SSH_BASE -p $PORT"
		reaches_auth plus-adds-nistp256 -o KexAlgorithms=ecdh-sha2-nistp256
	fi
	;;
esac
stop_shrewd

# A bad list is refused at start-up with the reason.
out=$("$SHREW_BIN/shrewd" -F -E -p 127.0.0.1:1 -o Ciphers=rot13 2>&1)
rc=$?
case "$rc:$out" in
1:*rot13*) result bad-o-refused 0 ;;
*) result bad-o-refused 1 "$rc: $out" ;;
esac
exit 0
