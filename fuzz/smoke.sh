#!/bin/sh
# fuzz/smoke.sh BUILD SECONDS - run every libFuzzer target in BUILD for
# SECONDS each, from its seed corpus (fuzz/corpus/NAME, if any) in a
# scratch copy.  Any crash, leak or timeout fails the run.
set -u
build=$1
secs=$2
fail=0
for f in "$build"/fuzz-*; do
	[ -x "$f" ] || continue
	name=$(basename "$f" | sed 's/^fuzz-//')
	work=$(mktemp -d)
	[ -d "fuzz/corpus/$name" ] && cp -r "fuzz/corpus/$name/." "$work/"
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/" "$work" >"$work/log" 2>&1; then
		echo "PASS fuzz-$name ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" |
			grep -o '[0-9]*$' || echo '?') runs)"
	else
		echo "FAIL fuzz-$name"
		tail -40 "$work/log"
		ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2>/dev/null
		fail=1
	fi
	rm -rf "$work"
done
exit $fail
