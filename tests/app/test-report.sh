#!/bin/sh
# test-report.sh: consult report: the charts of the exports fixture's
# responses (the numbers of the golden summary), every line within 80
# columns by display width, Unicode blocks or ASCII by locale, rankings
# in Borda order with the Schulze order, groups side by side, the pager.
. "${srcdir:-.}/tests/app/tap.sh"
: "${PUT:=$(dirname "$CONSULT")/tests/app/put-responses}"
: "${PYTHON3:=python3}"
G="$srcdir/tests/data/exports"
D="$srcdir/tests/data/export"

printf 'report test passphrase\n' >"$TMP/pass"
analyst_key "$TMP/analyst" "$TMP/pass"
K="--key $TMP/analyst.key -P $TMP/pass"
"$CONSULT" init "$TMP/v" --form "$G/form.csv" --pubkey "$TMP/analyst.pub" \
    >/dev/null && "$PUT" "$TMP/v" "$D/responses-a.txt" >/dev/null &&
    "$PUT" "$TMP/v" "$D/responses-b.txt" >/dev/null
ok $? "a vault of the fixture's five responses"

# A form of long, wide (CJK), combining and right-to-left labels, and
# thirty responses with thirty distinct numbers (drawn in bins).
i=1
while [ $i -le 30 ]; do
	c=$(echo "tokyo paris cafe cairo" | cut -d' ' -f$((i % 4 + 1)))
	printf 'day 2024-05-01\ncity=%s\nwide=a b\nmany=m%d m1 m12\nn=%d\nshare=0.%d\n\n' \
	    "$c" $((i % 10 + 2)) "$i" "$i"
	i=$((i + 1))
done >"$TMP/wide.txt"
"$CONSULT" init "$TMP/w" --form "$D/report-form.csv" \
    --pubkey "$TMP/analyst.pub" >/dev/null && "$PUT" "$TMP/w" "$TMP/wide.txt" \
    >/dev/null
ok $? "a vault of wide labels"

# widest FILE: the display width of the widest line (wcwidth rules:
# East Asian wide and full-width characters 2 columns, combining 0).
widest() {
	"$PYTHON3" -c '
import sys, unicodedata
def width(s):
	w = 0
	for c in s:
		if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
			continue
		w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
	return w
print(max(width(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")))
' "$1"
}

# ---- UTF-8 ---------------------------------------------------------------

LC_ALL=C.UTF-8 run report "$TMP/v" $K
expect_status 0 "report exits 0"
cp "$TMP/out" "$TMP/utf8.txt"
[ "$(widest "$TMP/out")" -le 80 ]
ok $? "every line fits 80 columns"
expect_grep "$TMP/out" "$(printf '\342\226\210')" "UTF-8: bars of block characters"
expect_grep "$TMP/out" "5 responses; labels in English (en)" "the title counts the responses"
expect_grep "$TMP/out" "region: select_one $(printf '\302\267') 4 of 5 answered" \
    "a question's answered count"
grep -q '^  North  .*  2  50\.0%$' "$TMP/out"
ok $? "a choice's count and percentage"
expect_grep "$TMP/out" "mean 3.75 $(printf '\302\267') median 4.00" \
    "the mean and median of a scale"
expect_grep "$TMP/out" "from 2024-01-31 to 2024-03-10" "a date's range"
grep -q '^  30  .*  2  50\.0%$' "$TMP/out"
ok $? "the distribution of a number"
[ "$(awk '$1 ~ /^[0-9]+\.$/ { print $1, $2, $(NF - 2), $(NF - 1) }' \
    "$TMP/out" | tr '\n' ,)" = \
    "1. Water 11 2,2. Roads 7 1,3. @Health 6 1,4. Schools 5 0," ]
ok $? "the ranking in Borda order with scores and first places"
expect_grep "$TMP/out" "Schulze order: Water > Roads > Schools > @Health" \
    "the Schulze order"

# ---- ASCII ---------------------------------------------------------------

LC_ALL=C run report "$TMP/v" $K --lang fr
expect_status 0 "report under LC_ALL=C exits 0"
! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMP/out"
ok $? "LC_ALL=C: nothing but ASCII"
grep -q '^  Nord   #\{28\} ' "$TMP/out"
ok $? "LC_ALL=C: bars of '#'"
expect_grep "$TMP/out" "Priorites" "LC_ALL=C: accents dropped"
[ "$(widest "$TMP/out")" -le 80 ]
ok $? "LC_ALL=C: every line fits 80 columns"

# ---- groups side by side -------------------------------------------------

LC_ALL=C.UTF-8 run report "$TMP/v" $K --by region --lang fr
expect_status 0 "--by exits 0"
[ "$(widest "$TMP/out")" -le 80 ]
ok $? "--by: every line fits 80 columns"
grep -q '^ *Nord *Sud *(none)$' "$TMP/out"
ok $? "--by: a column for each group and (none)"
grep -q '^  Sant. .*#1 .*#3 .*#3$' "$TMP/out"
ok $? "--by: each group's standing"
expect_grep "$TMP/out" "Schulze order, Nord: Santé = Eau > Routes > Écoles" \
    "--by: a tie in the Schulze order"
run report "$TMP/v" $K --by age
expect_status 2 "--by a number question: 2"

# ---- long, wide and combining labels ---------------------------------------

LC_ALL=C.UTF-8 run report "$TMP/w" $K
expect_status 0 "wide labels: exits 0"
cp "$TMP/out" "$TMP/wide-report.txt"
[ "$(widest "$TMP/out")" -le 80 ]
ok $? "wide labels: every line fits 80 columns"
expect_grep "$TMP/out" "$(printf '\342\200\246')" "a cut label ends with an ellipsis"
grep -q "^  1 to 3 " "$TMP/out" && grep -q "^  28 to 30 " "$TMP/out"
ok $? "thirty distinct numbers drawn in ten bins"
grep -q '^   1\. One ' "$TMP/out"
ok $? "wide labels: the ranking's leader"
LC_ALL=C.UTF-8 run report "$TMP/w" $K --by city
[ "$(widest "$TMP/out")" -le 80 ]
ok $? "wide group names: every line fits 80 columns"
LC_ALL=C run report "$TMP/w" $K --by city
! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMP/out" &&
    [ "$(widest "$TMP/out")" -le 80 ]
ok $? "wide labels under LC_ALL=C: ASCII within 80 columns"

# ---- the bundled consultation, simulated ----------------------------------

"$CONSULT" init "$TMP/imrf" --form "$srcdir/forms/imrf.csv" \
    --pubkey "$TMP/analyst.pub" >/dev/null &&
    "$CONSULT" simulate "$TMP/imrf" --count 300 --seed 7 >/dev/null
ok $? "300 simulated responses of the bundled consultation"
LC_ALL=C.UTF-8 run report "$TMP/imrf" $K
expect_status 0 "the bundled consultation: exits 0"
cp "$TMP/out" "$TMP/imrf-report.txt"
[ "$(widest "$TMP/out")" -le 80 ]
ok $? "the bundled consultation: every line fits 80 columns"
run export "$TMP/imrf" $K
# The report's counts and percentages of each choice are the summary's.
"$PYTHON3" -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
report = open(sys.argv[2], encoding="utf-8").read().split("\n")
checked = 0
for q in ("org_type", "region", "regional_review"):
	want = [(r["count"], r["percent"] + "%") for r in rows
	    if r["question"] == q and r["option"] != ""]
	start = next(i for i, l in enumerate(report)
	    if l.startswith("  %s: select_one" % q))
	got = [tuple(l.split()[-2:]) for l in report[start + 1:start + 1 +
	    len(want)]]
	if got != want:
		sys.exit("%s: %s != %s" % (q, got, want))
	checked += len(want)
print(checked)
' "$TMP/out" "$TMP/imrf-report.txt" >"$TMP/checked"
ok $? "the report shows the summary's counts and percentages"
[ "$(cat "$TMP/checked")" -eq 16 ]
ok $? "sixteen choices compared"
LC_ALL=C.UTF-8 run report "$TMP/imrf" $K --by org_type
[ "$(widest "$TMP/out")" -le 80 ]
ok $? "eight groups: within 80 columns"
[ "$(grep -c '^  answered ' "$TMP/out")" -eq \
    "$(( $(grep -c '^  [a-z_]*: ' "$TMP/out") * 2 ))" ]
ok $? "eight groups: two blocks of four columns for every question"
! grep -q "(none)" "$TMP/out"
ok $? "no (none) group when every response answered --by's question"

# ---- the pager -----------------------------------------------------------

# pty ROWS: run the report on a terminal of ROWS x 80 with PAGER a filter
# that marks each line; print what the terminal shows.
pty() {
	PAGER="sed s/^/paged:/" LC_ALL=C.UTF-8 "$PYTHON3" -c '
import fcntl, os, pty, struct, sys, termios
rows = int(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
	fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
	os.execv(sys.argv[2], sys.argv[2:])
out = b""
while True:
	try:
		b = os.read(fd, 65536)
	except OSError:
		break
	if not b:
		break
	out += b
os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
' "$1" "$CONSULT" report "$TMP/v" --key "$TMP/analyst.key" \
	    -P "$TMP/pass"
}
pty 24 >"$TMP/paged.txt" 2>&1
grep -q "^paged:Exports test" "$TMP/paged.txt"
ok $? "taller than the terminal: paged through \$PAGER"
pty 500 >"$TMP/unpaged.txt" 2>&1
grep -q "^Exports test" "$TMP/unpaged.txt" && ! grep -q "paged:" "$TMP/unpaged.txt"
ok $? "shorter than the terminal: not paged"
! grep -q "paged:" "$TMP/utf8.txt"
ok $? "not a terminal: not paged"

done_testing
