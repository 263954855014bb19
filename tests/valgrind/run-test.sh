#!/bin/sh
# run-test.sh: the LOG_COMPILER of "make check-valgrind": runs one test of
# make check with every consult it starts (through consult-valgrind, made
# beside consult from consult.sh) or every Criterion worker under valgrind
# memcheck, then adds one TAP result of its own: no memory error and no
# definite or indirect leak in any of those processes. Valgrind writes to
# log files, not stderr, so the tests' own checks of stderr and exit
# status stay as they are. CONSULT_VALGRIND tells the tests (tap.sh's
# analyst_key) that they run under valgrind.
test=$1
VALGRIND_LOGS=$(mktemp -d "${TMPDIR:-/tmp}/consult-vg.XXXXXX")
export VALGRIND_LOGS
VALGRIND_SUPP="${srcdir:-.}/tests/valgrind/valgrind.supp"
export VALGRIND_SUPP
CONSULT_VALGRIND=1
export CONSULT_VALGRIND
out="$VALGRIND_LOGS/tap"
start=$(date +%s)

case $test in
*.sh|*.py)
	CONSULT="$(dirname "$CONSULT")/consult-valgrind"
	export CONSULT
	"$@" >"$out"
	status=$?
	what="consult process"
	;;
*)
	# Criterion re-executes the test binary for each test
	# (argv[0] "boxfort-worker"): follow it, but not the system's
	# programs the tests run (sh, rm, chmod: a second of valgrind each).
	valgrind -q --trace-children=yes --child-silent-after-fork=yes \
	    --trace-children-skip='/bin/*,/usr/bin/*,/sbin/*,/usr/sbin/*' \
	    --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
	    --num-callers=30 --suppressions="$VALGRIND_SUPP" \
	    --log-file="$VALGRIND_LOGS/vg.%p.log" "$@" >"$out"
	status=$?
	what="test process"
	;;
esac

# The test's TAP without its plan, then our result and the plan.
grep -v '^1\.\.[0-9]*' "$out"
n=$(grep -c '^ok\|^not ok' "$out")
n=$((n + 1))
runs=$(find "$VALGRIND_LOGS" -name 'vg.*.log' | wc -l)
bad=$(find "$VALGRIND_LOGS" -name 'vg.*.log' -size +0 | wc -l)
if [ "$runs" -eq 0 ]; then
	echo "ok $n - valgrind: # SKIP this test runs no $what"
elif [ "$bad" -eq 0 ]; then
	echo "ok $n - valgrind: no error or leak in $runs ${what}es"
else
	echo "not ok $n - valgrind: errors or leaks in $bad of $runs ${what}es"
	for f in $(find "$VALGRIND_LOGS" -name 'vg.*.log' -size +0); do
		sed 's/^/# /' "$f" | head -60
	done
	status=1
fi
echo "1..$n"
# The cost, to keep an eye on: wall time, and the CPU time of the children.
times >"$VALGRIND_LOGS/times"
echo "# valgrind: $(($(date +%s) - start)) s wall, CPU user and system:" \
    $(tail -1 "$VALGRIND_LOGS/times")
rm -rf "$VALGRIND_LOGS"
exit $status
