#!/bin/sh
# test/run.sh BUILD - run every unit test binary in BUILD/test and every
# integration script in test/integ, and count their "PASS name" /
# "FAIL name" lines ("SKIP name: why" for a test whose feature is compiled
# out).  A program that exits non-zero, or dies, without printing a FAIL
# line counts as one failure, and so does one that prints nothing.  Ends
# with the line "N passed, N failed, N skipped" and exits non-zero if
# anything failed.
set -u
build=${1:-build}
SHREW_BIN=$(cd "$build" && pwd)
export SHREW_BIN
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0
fail=0
skip=0

run_one() { # name command...
	name=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	s=$(grep -c '^SKIP ' "$log")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "FAIL $name (exit status $rc)"
	fi
	if [ "$f" != 0 ] || [ "${VERBOSE:-0}" = 1 ]; then
		echo "--- $name"
		cat "$log"
	fi
	if [ "$p" = 0 ] && [ "$f" = 0 ] && [ "$s" = 0 ]; then
		f=1
		echo "FAIL $name (ran no test)"
	fi
	printf '%-32s %4d passed, %d failed, %d skipped\n' "$name" "$p" "$f" "$s"
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
}

for t in "$build"/test/test-*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in test/integ/*.sh; do
	[ -f "$t" ] || continue
	run_one "integ/$(basename "$t" .sh)" sh "$t"
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
