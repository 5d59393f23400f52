# test/integ-lib.sh - shell helpers the integration scripts in test/integ
# share (sourced, not run: test/run.sh runs only test/integ/*.sh).

# PASS/FAIL line from an exit status: result NAME STATUS [DETAIL]
result() {
	if [ "$2" = 0 ]; then echo "PASS $1"; else echo "FAIL $1${3:+ ($3)}"; fi
}

# PASS when two strings are equal: same NAME GOT WANT [DETAIL]
# (DETAIL is shown on failure)
same() {
	if [ "$2" = "$3" ]; then echo "PASS $1"; else echo "FAIL $1 (got '$2', want '$3')${4:+ $4}"; fi
}

# Starts "$SHREW_BIN/shrewd -F -E -p 127.0.0.1:PORT ARGS..." on a free
# port (bounded retries), logging to LOG; sets PORT and PID.  Status 1
# (with the log shown) when it would not start.  BASE picks the port range
# so scripts running side by side do not collide.  SHREWD_APPLET names
# another applet link in $SHREW_BIN to start instead (e.g. dropbear).
start_shrewd() { # LOG BASE ARGS...
	_log=$1
	_base=$2
	shift 2
	PORT=0
	for _i in 1 2 3 4 5 6 7 8; do
		_p=$((_base + $$ % 10000 + _i * 7))
		"$SHREW_BIN/${SHREWD_APPLET:-shrewd}" -F -E -p "127.0.0.1:$_p" "$@" 2>"$_log" &
		PID=$!
		# Until it listens or exits (bounded, 10 s: slow under ASan).
		_j=0
		while [ $_j -lt 100 ] && kill -0 "$PID" 2>/dev/null &&
			! grep -q "listening on" "$_log"; do
			sleep 0.1
			_j=$((_j + 1))
		done
		if kill -0 "$PID" 2>/dev/null && grep -q "listening on" "$_log"; then
			PORT=$_p
			return 0
		fi
		kill "$PID" 2>/dev/null
		PID=
	done
	cat "$_log"
	return 1
}

# Stops the server started by start_shrewd.
stop_shrewd() {
	[ -n "${PID:-}" ] || return 0
	kill "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	PID=
}

# A throwaway local user for password logins, made only where that is
# allowed: as root with CI=true or SHREW_TEST_USERS=1.
# test_user_allowed: status 0 when so.
test_user_allowed() {
	[ "$(id -u)" = 0 ] && { [ "${CI:-}" = true ] || [ "${SHREW_TEST_USERS:-0}" = 1 ]; }
}

# Creates user NAME (home /home/NAME, shell /bin/sh) with PASSWORD; status
# 1 when NAME exists already (it is not touched) or useradd fails.  Call
# remove_test_user from the script's EXIT trap.
make_test_user() { # NAME PASSWORD
	TEST_USER=
	id "$1" >/dev/null 2>&1 && return 1
	useradd -m -s /bin/sh "$1" || return 1
	TEST_USER=$1
	echo "$1:$2" | chpasswd
}

# Removes the user make_test_user created, if any.
remove_test_user() {
	[ -n "${TEST_USER:-}" ] && userdel -r "$TEST_USER" 2>/dev/null
	TEST_USER=
}

# What shrewd offers by default in one category (KexAlgorithms,
# HostKeyAlgorithms, Ciphers, MACs), comma-separated, from its -h text:
# the names before the bracketed "also built in" part.
default_offer() { # CATEGORY
	"$SHREW_BIN/shrewd" -h | awk -v cat="$1:" '
		on && ($1 ~ /:$/ || $1 ~ /^-/) { exit }
		on { printf "%s", $0 }
		$1 == cat { on = 1 }' | tr -d ' ' | sed 's/\[.*//; s/,$//'
}

# Starts a test instance of OpenSSH's sshd: its own config and host keys
# (ed25519, ecdsa, rsa) in DIR, 127.0.0.1 on a free port, publickey from
# AUTHKEYS (an absolute path), password and keyboard-interactive without
# PAM, root allowed, logging to DIR/sshd.log; "-o Name=value" ARGS go on
# its command line.  Sets SSHD_PORT and SSHD_PID; status 1 (log shown) when
# it would not start, 2 when it cannot run here (no sshd, not root).
start_sshd() { # DIR AUTHKEYS BASE ARGS...
	_d=$1
	_ak=$2
	_base=$3
	shift 3
	SSHD_PID=
	SSHD_PORT=0
	[ -x /usr/sbin/sshd ] && [ "$(id -u)" = 0 ] || return 2
	mkdir -p /run/sshd "$_d"
	for _t in ed25519 ecdsa rsa; do
		[ -f "$_d/host_$_t" ] || ssh-keygen -q -t $_t -N '' -f "$_d/host_$_t" || return 1
	done
	cat >"$_d/sshd_config" <<EOC
ListenAddress 127.0.0.1
HostKey $_d/host_ed25519
HostKey $_d/host_ecdsa
HostKey $_d/host_rsa
AuthorizedKeysFile $_ak
StrictModes no
PermitRootLogin yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
UsePAM no
PidFile none
LogLevel VERBOSE
Subsystem sftp internal-sftp
AcceptEnv LANG
EOC
	for _i in 1 2 3 4 5 6 7 8; do
		_p=$((_base + $$ % 10000 + _i * 7))
		/usr/sbin/sshd -D -e -f "$_d/sshd_config" -p "$_p" "$@" 2>"$_d/sshd.log" &
		SSHD_PID=$!
		_j=0
		while [ $_j -lt 100 ] && kill -0 "$SSHD_PID" 2>/dev/null &&
			! grep -q "Server listening" "$_d/sshd.log"; do
			sleep 0.1
			_j=$((_j + 1))
		done
		if kill -0 "$SSHD_PID" 2>/dev/null && grep -q "Server listening" "$_d/sshd.log"; then
			SSHD_PORT=$_p
			return 0
		fi
		kill "$SSHD_PID" 2>/dev/null
		SSHD_PID=
	done
	cat "$_d/sshd.log"
	return 1
}

# Stops the sshd started by start_sshd.
stop_sshd() {
	[ -n "${SSHD_PID:-}" ] || return 0
	kill "$SSHD_PID" 2>/dev/null
	wait "$SSHD_PID" 2>/dev/null
	SSHD_PID=
}

# Everything shrewd has built in for one category, default offer and the
# bracketed rest, comma-separated (from its -h text).
all_offer() { # CATEGORY
	"$SHREW_BIN/shrewd" -h | awk -v cat="$1:" '
		on && ($1 ~ /:$/ || $1 ~ /^-/) { exit }
		on { printf "%s", $0 }
		$1 == cat { on = 1 }' | tr -d ' ' | sed 's/\[/,/; s/\]//; s/,,*/,/g; s/,$//'
}
