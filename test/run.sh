#!/bin/sh
# test/run.sh BUILD - run every unit test binary in BUILD/test and every
# integration script in test/integ, and count their "PASS name" /
# "FAIL name" lines ("SKIP name: why" for a test whose feature is compiled
# out).  A program that exits non-zero, or dies, without printing a FAIL
# line counts as one failure, and so does one that prints nothing.  Ends
# with the line "N passed, N failed, N skipped" and exits non-zero if
# anything failed.
#
# A sanitized build (make SANITIZE=1 makes BUILD/.sanitized) writes every
# ASan/LSan/UBSan report to a file in BUILD/san instead of stderr: the
# server's connection children have no stderr anyone reads.  Reports are
# renamed after the test that was running, and a last check counts one
# FAIL per report (with its first lines), or one PASS if there were none.
set -u
build=${1:-build}
SHREW_BIN=$(cd "$build" && pwd)
export SHREW_BIN
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0
fail=0
skip=0

san=
if [ -f "$build/.sanitized" ]; then
	san=$SHREW_BIN/san
	rm -rf "$san"
	mkdir -p "$san"
	chmod 1777 "$san" # children that dropped root can still report
	sancommon="log_path=$san/report:print_summary=1"
	ASAN_OPTIONS="$sancommon:detect_leaks=1:abort_on_error=0:halt_on_error=1:exitcode=1"
	ASAN_OPTIONS="$ASAN_OPTIONS:detect_stack_use_after_return=1:strict_string_checks=1"
	LSAN_OPTIONS="$sancommon:exitcode=1"
	UBSAN_OPTIONS="$sancommon:print_stacktrace=1:halt_on_error=1:exitcode=1"
	export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
fi

# Gives the reports written so far the name of the test that was running.
claim_reports() { # name
	[ -n "$san" ] || return 0
	for r in "$san"/report.*; do
		[ -f "$r" ] || continue
		mv "$r" "$san/$(echo "$1" | tr / -).${r##*/}"
	done
}

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
	claim_reports "$name"
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
if [ -n "$san" ]; then
	# Children still exiting after their test write late reports.
	sleep 1
	claim_reports late
	n=0
	for r in "$san"/*report.*; do
		[ -f "$r" ] || continue
		n=$((n + 1))
		echo "FAIL sanitizer report ${r#"$SHREW_BIN"/}"
		head -n 25 "$r" | sed 's/^/    /'
	done
	if [ "$n" = 0 ]; then
		echo "PASS sanitizer: no ASan/LSan/UBSan report"
		pass=$((pass + 1))
	fi
	fail=$((fail + n))
	printf '%-32s %4d passed, %d failed, %d skipped\n' sanitizer-reports \
		"$((n == 0))" "$n" 0
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
