#!/bin/sh
# test/integ/client.sh - shrew, the client, against a test instance of
# OpenSSH's sshd (own config, own port) and against shrewd: every kex,
# host key, cipher and MAC; ed25519, ecdsa and rsa user keys, an encrypted
# key (terminal prompt and SSH_ASKPASS), a key in ssh-agent; password and
# keyboard-interactive through a pty (with a throwaway user, CI only);
# known_hosts first contact, accept-new, changed key, -yy, the question;
# exit codes (status, signal, lost connection); 100 MB each way by sha256;
# a shell on a pty (size, SIGWINCH, ~. and the terminal restored); -t -T
# -N -f -s; -J through two servers, multihop, -B and ProxyCommand; a fake
# server sending garbage.  127.0.0.1 only; servers are killed by PID.
set -u
. test/integ-lib.sh

: "${SHREW_BIN:?set SHREW_BIN to the build directory}"
if [ ! -e "$SHREW_BIN/shrew" ]; then
	echo "SKIP client: the client is not in this build"
	exit 0
fi
T="$HOME/.cache/shrew-test-client.$$"
PID=
SSHD_PID=
AGENT_PID=
FAKE_PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
	[ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null
	[ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null
	remove_test_user
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$T"
mkdir -p "$T/keys" && chmod 755 "$T" && chmod 700 "$T/keys"
PTY="python3 test/ptyrun.py"

# ---- keys and servers -----------------------------------------------------
for t in ed25519 ecdsa rsa; do
	ssh-keygen -q -t $t -N '' -C "test-$t" -f "$T/id_$t"
	cat "$T/id_$t.pub" >>"$T/keys/authorized_keys"
	"$SHREW_BIN/shrewkey" -t $t -f "$T/host_$t" >/dev/null 2>&1 || echo "FAIL make-hostkey-$t"
done
for b in 384 521; do
	"$SHREW_BIN/shrewkey" -t ecdsa -s $b -f "$T/host_ecdsa$b" >/dev/null 2>&1 || echo "FAIL make-hostkey-p$b"
done
ssh-keygen -q -t ed25519 -N 'sekrit words' -C enc -f "$T/id_enc"
cat "$T/id_enc.pub" >>"$T/keys/authorized_keys"
ssh-keygen -q -t ed25519 -N '' -C agent -f "$T/id_agent"
cat "$T/id_agent.pub" >>"$T/keys/authorized_keys"
chmod 600 "$T/keys/authorized_keys"

if ! start_shrewd "$T/shrewd.log" 43000 -r "$T/host_ed25519" -r "$T/host_ecdsa" \
	-r "$T/host_ecdsa384" -r "$T/host_ecdsa521" -r "$T/host_rsa" -D "$T/keys" -o 'KexAlgorithms=*' -o 'HostKeyAlgorithms=*' \
	-o 'Ciphers=*' -o 'MACs=*'; then
	echo "FAIL client-shrewd-start"
	exit 1
fi
SPORT=$PORT
start_sshd "$T/sshd" "$T/keys/authorized_keys" 44000
case $? in
0) OPORT=$SSHD_PORT ;;
2) OPORT= && echo "SKIP client-sshd: needs root and /usr/sbin/sshd" ;;
*) echo "FAIL client-sshd-start" && OPORT= ;;
esac

ME=$(id -un)
KH="$T/known_hosts"
# -q keeps "Permanently added" out of the outputs compared below
SH="$SHREW_BIN/shrew -q -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$KH"
shrew() { timeout 60 $SH "$@"; }
servers() { # the name:port pairs to run a check against
	echo "shrewd:$SPORT"
	[ -n "$OPORT" ] && echo "sshd:$OPORT"
}

# ---- sessions: exec, exit codes, stdin, stderr ----------------------------
for sv in $(servers); do
	n=${sv%%:*}
	p=${sv#*:}
	H="-p $p -i $T/id_ed25519 $ME@127.0.0.1"
	out=$(shrew $H 'echo out; echo err >&2; exit 42' 2>"$T/err")
	rc=$?
	same "$n-exec-status" "$rc" 42
	same "$n-exec-stdout" "$out" out
	same "$n-exec-stderr" "$(cat "$T/err")" err
	same "$n-stdin" "$(printf 'abc' | shrew $H 'cat; echo .')" "abc."
	shrew $H 'kill -TERM $$' </dev/null
	same "$n-exit-signal-128+n" "$?" 143
	shrew $H 'kill -9 $PPID' </dev/null 2>"$T/err"
	rc=$?
	same "$n-lost-connection-255" "$rc" 255
	grep -q . "$T/err"
	result "$n-lost-connection-message" $?
	out=$(shrew $H 'tty' </dev/null)
	same "$n-T-no-tty" "$out" "not a tty"
	out=$(shrew -t -t $H 'tty' </dev/null 2>/dev/null | tr -d '\r')
	case $out in /dev/pts/*) result "$n-tt-pty" 0 ;; *) result "$n-tt-pty" 1 "$out" ;; esac
	for k in ed25519 ecdsa rsa; do
		out=$(shrew -p "$p" -i "$T/id_$k" "$ME@127.0.0.1" "echo $k" </dev/null)
		same "$n-userkey-$k" "$out" "$k"
	done
	# 100 MB each way
	[ -f "$T/big" ] || head -c 100000000 /dev/urandom >"$T/big"
	want=$(sha256sum <"$T/big" | cut -d' ' -f1)
	got=$(shrew $H 'sha256sum' <"$T/big" | cut -d' ' -f1)
	same "$n-100MB-up" "$got" "$want"
	got=$(shrew $H "cat $T/big" </dev/null | sha256sum | cut -d' ' -f1)
	same "$n-100MB-down" "$got" "$want"
done
rm -f "$T/big"

# ---- every algorithm --------------------------------------------------
# shrewd offers everything here; for sshd, what its configuration enables.
algo_names() { # CATEGORY
	all_offer "$1" | tr ',' ' '
}
sshd_has() { # sshd -T KEYWORD NAME
	/usr/sbin/sshd -T -f "$T/sshd/sshd_config" 2>/dev/null | awk -v k="$1" '$1 == k { print $2 }' |
		tr ',' '\n' | grep -qx "$2"
}
try_algo() { # SERVER PORT OPTION NAME [extra]
	_o=$(shrew -o "UserKnownHostsFile=$T/kh-algo" -yy -p "$2" -i "$T/id_ed25519" $5 -o "$3=$4" \
		"$ME@127.0.0.1" 'echo ok' </dev/null 2>&1)
	same "$1-$3-$4" "$_o" ok
}
for cat in KexAlgorithms:kexalgorithms HostKeyAlgorithms:hostkeyalgorithms Ciphers:ciphers MACs:macs; do
	opt=${cat%%:*}
	kw=${cat#*:}
	extra=
	[ "$opt" = MACs ] && extra="-c aes128-ctr"
	for a in $(algo_names "$opt"); do
		try_algo shrewd "$SPORT" "$opt" "$a" "$extra"
		if [ -n "$OPORT" ]; then
			if [ "$opt" = HostKeyAlgorithms ] && [ "${a#ecdsa-sha2-nistp}" != "$a" ] &&
				[ "$a" != ecdsa-sha2-nistp256 ]; then
				continue # sshd's test host key is P-256 only
			fi
			if sshd_has "$kw" "$a"; then
				try_algo sshd "$OPORT" "$opt" "$a" "$extra"
			fi
		fi
	done
done

# ---- known_hosts ------------------------------------------------------
H1="-p $SPORT -i $T/id_ed25519 $ME@127.0.0.1"
K2="$T/kh2"
rm -f "$K2"
timeout 30 "$SHREW_BIN/shrew" -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$K2" \
	$H1 true </dev/null 2>"$T/err"
same kh-strict-unknown-refused "$?" 255
grep -q "Host key verification failed" "$T/err"
result kh-strict-unknown-message $?
timeout 30 "$SHREW_BIN/shrew" -o BatchMode=yes -o StrictHostKeyChecking=accept-new \
	-o UserKnownHostsFile="$K2" $H1 true </dev/null 2>"$T/err"
same kh-accept-new "$?" 0
grep -q "Permanently added" "$T/err"
result kh-accept-new-message $?
same kh-accept-new-hashed "$(grep -c '^|1|' "$K2")" 1
ssh-keygen -F "[127.0.0.1]:$SPORT" -f "$K2" >/dev/null
result kh-entry-found-by-ssh-keygen $?
timeout 30 "$SHREW_BIN/shrew" -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$K2" \
	$H1 true </dev/null
same kh-known-strict-ok "$?" 0
# a changed key: the same host with another ed25519 key on line 2
ssh-keygen -q -t ed25519 -N '' -f "$T/other"
{
	echo "# comment"
	echo "[127.0.0.1]:$SPORT $(cut -d' ' -f1,2 "$T/other.pub")"
} >"$T/kh3"
timeout 30 "$SHREW_BIN/shrew" -o BatchMode=yes -o UserKnownHostsFile="$T/kh3" -y $H1 true </dev/null 2>"$T/err"
same kh-changed-refused "$?" 255
grep -q "REMOTE HOST IDENTIFICATION HAS CHANGED" "$T/err" && grep -q "$T/kh3:2" "$T/err"
result kh-changed-warning-and-line $? "$(head -c 300 "$T/err")"
timeout 30 "$SHREW_BIN/shrew" -o BatchMode=yes -o UserKnownHostsFile="$T/kh3" -yy $H1 true </dev/null 2>"$T/err"
same kh-yy-skips "$?" 0
grep -q "not checking the host key" "$T/err"
result kh-yy-warns $?
# the question on the terminal: no, then yes
rm -f "$T/kh4"
$PTY -e 'continue connecting' -s 'no\n' -- "$SHREW_BIN/shrew" -o UserKnownHostsFile="$T/kh4" $H1 true >"$T/out"
same kh-ask-no "$?" 255
$PTY -e 'continue connecting' -s 'yes\n' -- "$SHREW_BIN/shrew" -o UserKnownHostsFile="$T/kh4" $H1 'echo in' >"$T/out"
rc=$?
same kh-ask-yes "$rc" 0
grep -q "SHA256:" "$T/out" && grep -q in "$T/out"
result kh-ask-shows-fingerprint $?
same kh-ask-yes-saved "$(grep -c . "$T/kh4")" 1

# ---- encrypted key, agent --------------------------------------------------
for sv in $(servers); do
	n=${sv%%:*}
	p=${sv#*:}
	$PTY -e "passphrase for key" -s 'sekrit words\n' -- "$SHREW_BIN/shrew" -q -o UserKnownHostsFile="$KH" \
		-p "$p" -i "$T/id_enc" "$ME@127.0.0.1" 'echo enc-ok' >"$T/out"
	rc=$?
	grep -q enc-ok "$T/out"
	result "$n-encrypted-key-prompt" $((rc + $?)) "$(tail -3 "$T/out")"
	printf '#!/bin/sh\necho "sekrit words"\n' >"$T/askpass"
	chmod 755 "$T/askpass"
	out=$(SSH_ASKPASS="$T/askpass" SSH_ASKPASS_REQUIRE=force timeout 30 setsid "$SHREW_BIN/shrew" -q \
		-o UserKnownHostsFile="$KH" -p "$p" -i "$T/id_enc" "$ME@127.0.0.1" 'echo askpass-ok' </dev/null \
		2>"$T/err")
	same "$n-encrypted-key-askpass" "$out" askpass-ok
	out=$(timeout 30 setsid $SH -p "$p" -i "$T/id_enc" "$ME@127.0.0.1" true </dev/null 2>&1)
	same "$n-encrypted-batch-refused" "$?" 255
done
if command -v ssh-agent >/dev/null; then
	ssh-agent -D -a "$T/agent.sock" >/dev/null 2>&1 &
	AGENT_PID=$!
	i=0
	while [ ! -S "$T/agent.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	SSH_AUTH_SOCK="$T/agent.sock" ssh-add -q "$T/id_agent" 2>/dev/null
	for sv in $(servers); do
		n=${sv%%:*}
		p=${sv#*:}
		out=$(SSH_AUTH_SOCK="$T/agent.sock" shrew -p "$p" -i "$T/nonexistent" "$ME@127.0.0.1" \
			'echo agent-ok' </dev/null)
		same "$n-agent-key" "$out" agent-ok
	done
	out=$(SSH_AUTH_SOCK="$T/agent.sock" shrew -p "$SPORT" -o IdentitiesOnly=yes -i "$T/nonexistent" \
		"$ME@127.0.0.1" true </dev/null 2>&1)
	same agent-identities-only "$?" 255
else
	echo "SKIP client-agent: no ssh-agent"
fi

# ---- password and keyboard-interactive (a throwaway user) -------------------
if test_user_allowed && make_test_user shrewcli 'pw-Test-42'; then
	U=shrewcli
	NK="-i $T/nonexistent -o UserKnownHostsFile=$KH -o StrictHostKeyChecking=accept-new -q"
	$PTY -e "Password:" -s 'pw-Test-42\n' -- "$SHREW_BIN/shrew" $NK -p "$SPORT" "$U@127.0.0.1" \
		'echo "who=$(id -un)"' >"$T/out"
	rc=$?
	grep -q "who=$U" "$T/out"
	result shrewd-kbdint-pty $((rc + $?)) "$(tail -3 "$T/out")"
	$PTY -e "password:" -s 'pw-Test-42\n' -- "$SHREW_BIN/shrew" $NK -o KbdInteractiveAuthentication=no \
		-p "$SPORT" "$U@127.0.0.1" 'echo "who=$(id -un)"' >"$T/out"
	rc=$?
	grep -q "who=$U" "$T/out"
	result shrewd-password-pty $((rc + $?)) "$(tail -3 "$T/out")"
	$PTY -e "assword:" -s 'wrong\n' -e "assword:" -s 'pw-Test-42\n' -- "$SHREW_BIN/shrew" $NK \
		-p "$SPORT" "$U@127.0.0.1" 'echo second' >"$T/out"
	rc=$?
	grep -q second "$T/out"
	result shrewd-wrong-then-right $((rc + $?))
	if [ -n "$OPORT" ]; then
		$PTY -e "password:" -s 'pw-Test-42\n' -- "$SHREW_BIN/shrew" $NK -p "$OPORT" "$U@127.0.0.1" \
			'echo "who=$(id -un)"' >"$T/out"
		rc=$?
		grep -q "who=$U" "$T/out"
		result sshd-password-pty $((rc + $?)) "$(tail -3 "$T/out")"
	fi
	timeout 30 setsid "$SHREW_BIN/shrew" $NK -o BatchMode=yes -p "$SPORT" "$U@127.0.0.1" true </dev/null \
		2>"$T/err"
	same batchmode-no-prompt "$?" 255
	grep -q "Permission denied" "$T/err"
	result batchmode-permission-denied $?
else
	echo "SKIP client-password: needs root and CI=true (or SHREW_TEST_USERS=1) for a test user"
fi

# ---- a shell on a pty --------------------------------------------------------
PS="$SHREW_BIN/shrew -q -o UserKnownHostsFile=$KH -p $SPORT -i $T/id_ed25519 $ME@127.0.0.1"
$PTY -e '[#$] $' -s 'stty size\n' -e '24 80' -r 100x30 -w 0.5 -s 'stty size\n' -e '30 100' \
	-s 'exit 7\n' -- $PS >"$T/out"
rc=$?
same pty-shell-size-and-exit "$rc" 7
$PTY -e '[#$] $' -s 'echo hi\n' -e 'hi' -s '\r~.' -- $PS >"$T/out"
same pty-escape-disconnect "$?" 255
$PTY -e '[#$] $' -s '\r~?' -e '~\.' -s 'exit\n' -- $PS >"$T/out"
same pty-escape-help "$?" 0
$PTY -e 'ready' -s '\r~.' -e 'after' -- sh -c "stty -g >$T/before; echo ready; $PS; stty -g >$T/after; echo after" \
	>"$T/out"
cmp -s "$T/before" "$T/after"
result pty-terminal-restored $?

# ---- -N, -f, -s ------------------------------------------------------------
$SH -N -p "$SPORT" -i "$T/id_ed25519" "$ME@127.0.0.1" </dev/null &
np=$!
sleep 1
kill -0 $np 2>/dev/null
result N-stays-connected $?
kill -TERM $np 2>/dev/null
wait $np 2>/dev/null
rm -f "$T/bg"
timeout 10 $SH -f -p "$SPORT" -i "$T/id_ed25519" "$ME@127.0.0.1" "sleep 1; echo bg >$T/bg" </dev/null
rc=$?
[ ! -f "$T/bg" ]
same f-returns-at-once "$rc$?" 00
i=0
while [ ! -s "$T/bg" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
same f-command-ran "$(cat "$T/bg" 2>/dev/null)" bg
if [ -n "$OPORT" ]; then
	# SSH_FXP_INIT version 3 -> SSH_FXP_VERSION (type 2)
	out=$( (printf '\000\000\000\005\001\000\000\000\003' && sleep 1) | shrew -s -p "$OPORT" -i "$T/id_ed25519" \
		"$ME@127.0.0.1" sftp | od -An -tx1 -N5 | tr -d ' \n')
	case $out in 00000*02) result s-subsystem-sftp 0 ;; *) result s-subsystem-sftp 1 "$out" ;; esac
fi

# ---- idle timeout and keepalives --------------------------------------------
s0=$(date +%s)
shrew -I 2 -p "$SPORT" -i "$T/id_ed25519" "$ME@127.0.0.1" 'sleep 20' </dev/null 2>"$T/err"
rc=$?
el=$(($(date +%s) - s0))
[ "$rc" = 255 ] && [ "$el" -lt 15 ] && grep -q "idle" "$T/err"
result I-idle-timeout $? "rc $rc after ${el}s: $(cat "$T/err")"
# the server's connection process (the command's parent) stops answering
rm -f "$T/ka"
shrew -K 1 -p "$SPORT" -i "$T/id_ed25519" "$ME@127.0.0.1" 'echo $PPID; sleep 30' </dev/null \
	>"$T/ka" 2>"$T/err" &
kp=$!
i=0
while [ ! -s "$T/ka" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sp=$(head -1 "$T/ka")
s0=$(date +%s)
[ -n "$sp" ] && kill -STOP "$sp"
wait $kp
rc=$?
el=$(($(date +%s) - s0))
[ -n "$sp" ] && kill -CONT "$sp"
[ "$rc" = 255 ] && [ "$el" -lt 15 ] && grep -q "keepalive" "$T/err"
result K-keepalive-timeout $? "rc $rc after ${el}s: $(cat "$T/err")"

# ---- OpenSSH's sftp and scp with shrew as their ssh (-S); SendEnv; -n --------
printf 'via sftp\n' >"$T/sf"
SO="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET -i $T/id_ed25519"
if [ -n "$OPORT" ]; then
	echo "put $T/sf $T/sf2" | timeout 60 sftp -q -S "$SHREW_BIN/shrew" $SO -P "$OPORT" -b - \
		"$ME@127.0.0.1" >/dev/null 2>"$T/err"
	same openssh-sftp-over-shrew "$(cat "$T/sf2" 2>/dev/null)" "via sftp" "$(cat "$T/err")"
	out=$(LANG=C.UTF-8 FOO=bar shrew -o "SendEnv=LANG FOO" -p "$OPORT" -i "$T/id_ed25519" \
		"$ME@127.0.0.1" 'echo "$LANG|${FOO:-}"' </dev/null)
	same sendenv-lang-accepted-foo-not "$out" "C.UTF-8|"
fi
timeout 60 scp -q -O -S "$SHREW_BIN/shrew" $SO -P "$SPORT" "$T/sf" "$ME@127.0.0.1:$T/sf3" 2>"$T/err"
same openssh-scp-over-shrew "$(cat "$T/sf3" 2>/dev/null)" "via sftp" "$(cat "$T/err")"
out=$(echo data | shrew -n -p "$SPORT" -i "$T/id_ed25519" "$ME@127.0.0.1" 'cat; echo end')
same n-stdin-devnull "$out" end

# ---- hops: -J, multihop, -B, ProxyCommand (through sshd, which forwards) ----
if [ -n "$OPORT" ]; then
	out=$(shrew -i "$T/id_ed25519" -J "$ME@127.0.0.1:$OPORT,$ME@127.0.0.1:$OPORT" -p "$SPORT" \
		"$ME@127.0.0.1" 'echo jumped' </dev/null)
	same J-two-jumps "$out" jumped
	out=$(shrew -i "$T/id_ed25519" "$ME@127.0.0.1/$OPORT,$ME@127.0.0.1^$OPORT,$ME@127.0.0.1/$SPORT" \
		'echo multihop' </dev/null)
	same multihop-three "$out" multihop
	out=$( (sleep 2) | shrew -i "$T/id_ed25519" -B "127.0.0.1:$SPORT" -p "$OPORT" "$ME@127.0.0.1" |
		head -c 8)
	same B-netcat-banner "$out" "SSH-2.0-"
	out=$(shrew -i "$T/id_ed25519" -o "ProxyCommand=$SH -i $T/id_ed25519 -B %h:%p -p $OPORT $ME@127.0.0.1" \
		-p "$SPORT" "$ME@127.0.0.1" 'echo proxied' </dev/null)
	same proxycommand "$out" proxied
fi
# a host that could be an option or a shell word never gets anywhere
for bad in '-oProxyCommand=touch' 'a;touch' 'a$(touch)' 'a b'; do
	timeout 10 "$SHREW_BIN/shrew" -o BatchMode=yes "$bad" true </dev/null >/dev/null 2>&1
	same "bad-host-refused-$(echo "$bad" | tr -c 'a-zA-Z0-9\n' _)" "$?" 255
done

# ---- a hostile server ----------------------------------------------------------
fake() { # HEX: what the fake server sends after its banner
	python3 -c "
import socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
s.settimeout(20)
c, _ = s.accept()
c.sendall(b'SSH-2.0-fake\\r\\n' + bytes.fromhex('$1'))
c.settimeout(5)
try:
    while c.recv(4096): pass
except Exception: pass
" >"$T/fakeport" &
	FAKE_PID=$!
	i=0
	while [ ! -s "$T/fakeport" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
# a garbage packet, 64 bytes of 0xff (a huge length), nothing at all
for case in 0000000c0a67617262616765212121 $(printf 'ff%.0s' $(seq 64)) 00; do
	fake "$case"
	timeout 20 "$SHREW_BIN/shrew" -o BatchMode=yes -yy -p "$(cat "$T/fakeport")" -i "$T/id_ed25519" \
		"$ME@127.0.0.1" true </dev/null 2>"$T/err"
	rc=$?
	kill $FAKE_PID 2>/dev/null
	wait $FAKE_PID 2>/dev/null
	FAKE_PID=
	rm -f "$T/fakeport"
	same "hostile-server-exit-255-$(echo "$case" | head -c 12)" "$rc" 255
	same "hostile-server-one-line-$(echo "$case" | head -c 12)" "$(grep -vc "not checking" "$T/err")" 1
done

# ---- the Dropbear name -----------------------------------------------------
if [ -x "$SHREW_BIN/dbclient" ]; then
	out=$(timeout 30 "$SHREW_BIN/dbclient" -y -o UserKnownHostsFile="$KH" -p "$SPORT" -i "$T/id_ed25519" \
		"$ME@127.0.0.1" 'echo db' </dev/null 2>/dev/null)
	same dbclient-name "$out" db
fi
exit 0
