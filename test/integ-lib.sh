# test/integ-lib.sh - shell helpers the integration scripts in test/integ
# share (sourced, not run: test/run.sh runs only test/integ/*.sh).

# PASS/FAIL line from an exit status: result NAME STATUS [DETAIL]
result() {
	if [ "$2" = 0 ]; then echo "PASS $1"; else echo "FAIL $1${3:+ ($3)}"; fi
}

# PASS when two strings are equal: same NAME GOT WANT
same() {
	if [ "$2" = "$3" ]; then echo "PASS $1"; else echo "FAIL $1 (got '$2', want '$3')"; fi
}

# Starts "$SHREW_BIN/shrewd -F -E -p 127.0.0.1:PORT ARGS..." on a free
# port (bounded retries), logging to LOG; sets PORT and PID.  Status 1
# (with the log shown) when it would not start.  BASE picks the port range
# so scripts running side by side do not collide.
start_shrewd() { # LOG BASE ARGS...
	_log=$1
	_base=$2
	shift 2
	PORT=0
	for _i in 1 2 3 4 5 6 7 8; do
		_p=$((_base + $$ % 10000 + _i * 7))
		"$SHREW_BIN/shrewd" -F -E -p "127.0.0.1:$_p" "$@" 2>"$_log" &
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
