#!/bin/sh
# run.sh NAME SECONDS SRCDIR: run tests/fuzz/fuzz-NAME (built by make fuzz)
# for SECONDS on a temporary copy of SRCDIR/corpus/NAME, so that the
# source tree is never written; a crashing input is kept in the build
# directory as tests/fuzz/crash-NAME-*. Prints libFuzzer's final stats.
name=$1
seconds=$2
src=$3
case $name in
form)		max_len=8192 ;;
expr)		max_len=512 ;;
decode)		max_len=2048 ;;
keyfile)	max_len=256 ;;
record)		max_len=4096 ;;
plain)		max_len=2048 ;;
xlsx)		max_len=16384 ;;
*)		echo "run.sh: unknown harness '$name'" >&2; exit 2 ;;
esac
dict=
[ -f "$src/$name.dict" ] && dict="-dict=$src/$name.dict"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/consult-fuzz-$name.XXXXXX") || exit 1
trap 'rm -rf "$tmp" "$tmp.log"' EXIT
trap 'exit 1' HUP INT TERM
cp "$src/corpus/$name/"* "$tmp/" || exit 1

echo "fuzz-$name: $seconds s, -max_len=$max_len"
# The harness output goes to a log; only the verdict and the stats show.
# A unit that takes 60 s is a hang: every input runs in well under a
# second alone, but on a loaded machine ASan's allocator has stalled one
# for 20 s (a record walk, seen in a 30-minute run at load 7).
./tests/fuzz/fuzz-"$name" -max_total_time="$seconds" -max_len="$max_len" \
    -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="tests/fuzz/crash-$name-" $dict "$tmp" \
    >"$tmp.log" 2>&1
status=$?
grep -E '^(stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|Done )' "$tmp.log" |
    sed "s/^/fuzz-$name: /"
if [ $status -ne 0 ]; then
	tail -60 "$tmp.log" | sed "s/^/fuzz-$name: /" >&2
	# The input too (crash, oom, timeout or leak), so that a failure
	# seen only in a CI log can be reproduced: base64 -d >FILE, then
	# ./tests/fuzz/fuzz-NAME FILE.
	for f in tests/fuzz/crash-"$name"-*; do
		[ -f "$f" ] || continue
		echo "fuzz-$name: $f, base64:" >&2
		head -c 16384 "$f" | base64 | sed "s/^/fuzz-$name: /" >&2
	done
	echo "fuzz-$name: failed (exit $status); input in tests/fuzz/crash-$name-*" >&2
fi
rm -f "$tmp.log"
exit $status
