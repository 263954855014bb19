#!/bin/sh
# test-crash.sh: many writers submit to one vault at once and are killed
# with SIGKILL at random instants; then every response whose submission
# returned opens, nothing else does, nothing is reported damaged, and no
# answer is found in clear in the vault or in the writers' TMPDIR.
. "${srcdir:-.}/tests/app/tap.sh"
: "${CRASH_WRITER:=./tests/vault/crash-writer}"
: "${KILLS:=16}"
WRITERS=4

"$CRASH_WRITER" setup "$TMP" "$srcdir/tests/data/vault/form.csv"
ok $? "a key and a vault are made"
mkdir "$TMP/tmpdir" "$TMP/logs"

next=0
start() {	# start writer number $next in slot $1
	TMPDIR="$TMP/tmpdir" "$CRASH_WRITER" write "$TMP/v" "w$next" \
	    >"$TMP/logs/w$next" 2>"$TMP/logs/w$next.err" &
	eval "pid_$1=$!"
	next=$((next + 1))
}

i=0
while [ $i -lt $WRITERS ]; do
	start $i
	i=$((i + 1))
done
# A schedule of kills: a pause (under 0.1 s), then the writer to kill.
awk -v n="$KILLS" -v w=$WRITERS 'BEGIN { srand(); for (i = 0; i < n; i++)
    printf "%.3f %d\n", 0.01 + rand() * 0.09, int(rand() * w) }' \
    >"$TMP/schedule"
kills=0
while read -r pause slot; do
	sleep "$pause"
	eval "kill -9 \$pid_$slot"
	kills=$((kills + 1))
	start "$slot"
	# Halfway, read the vault while the writers write.
	[ $kills -eq $((KILLS / 2)) ] &&
	    "$CRASH_WRITER" check "$TMP" >"$TMP/live" 2>&1
done <"$TMP/schedule"
i=0
while [ $i -lt $WRITERS ]; do
	eval "kill -9 \$pid_$i"
	i=$((i + 1))
done
wait
echo "# $next writers, $kills killed while writing"

grep -q '^ok' "$TMP/live" && ! grep -q -v '^ok' "$TMP/live"
r=$?
[ $r -eq 0 ] || echo "# $(grep -v '^ok' "$TMP/live" | head -3)"
ok $r "a reader during the writes finds only whole responses"

! grep -q . "$TMP"/logs/*.err
ok $? "no writer failed on its own"

"$CRASH_WRITER" check "$TMP" >"$TMP/check" 2>"$TMP/check.err"
ok $? "the vault opens after the crashes"

cat "$TMP"/logs/w* | awk '$1 == "done" { print "secret-marker-" $2 "-" $3, $4 }' |
    sort >"$TMP/done"
cat "$TMP"/logs/w* | awk '$1 == "begin" { print "secret-marker-" $2 "-" $3 }' |
    sort >"$TMP/begun"
awk '$1 == "ok" { print $2, $3 }' "$TMP/check" | sort >"$TMP/opened"
echo "# $(wc -l <"$TMP/done") submissions returned," \
    "$(wc -l <"$TMP/opened") responses open," \
    "$(ls -A "$TMP/v/responses" | grep -c '^\.tmp-') temporary files left"

[ "$(wc -l <"$TMP/done")" -gt 20 ]
ok $? "the writers submitted a fair number of responses"

comm -23 "$TMP/done" "$TMP/opened" >"$TMP/lost"
[ ! -s "$TMP/lost" ]
r=$?
[ $r -eq 0 ] || echo "# lost: $(head -3 "$TMP/lost")"
ok $r "every response whose submission returned opens, with its receipt"

cut -d' ' -f1 "$TMP/opened" | comm -23 - "$TMP/begun" >"$TMP/extra"
[ ! -s "$TMP/extra" ]
ok $? "nothing opens that no writer began"

[ "$(cut -d' ' -f1 "$TMP/opened" | uniq -d | wc -l)" -eq 0 ]
ok $? "each response opens once"

! grep -q '^bad' "$TMP/check"
r=$?
[ $r -eq 0 ] || echo "# $(grep '^bad' "$TMP/check" | head -3)"
ok $r "no record is reported damaged: no half-written file is taken"

! grep -rqa secret-marker "$TMP/v" "$TMP/tmpdir"
ok $? "no answer is in clear in the vault or the writers' TMPDIR"

"${CONSULT:-./consult}" status "$TMP/v" >"$TMP/status" 2>&1
expect_grep "$TMP/status" "responses  $(wc -l <"$TMP/opened")" \
    "status counts the responses that open"

done_testing
