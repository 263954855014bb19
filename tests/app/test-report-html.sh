#!/bin/sh
# test-report-html.sh: consult report --format html: a valid HTML5 file
# whose SVGs are well-formed XML, nothing in it that runs or fetches even
# from hostile labels and answers, the summary export's numbers in its
# tables cell for cell (with and without --by), small groups suppressed,
# --lang fr, --text, -o as export's, the same errors and exit statuses;
# then a real browser: headless chromium, without a network, renders a
# screenshot that is not blank and a PDF of a sensible number of pages in
# which nothing passes the page's edges (the margins, 12 mm = 34 pt).
. "${srcdir:-.}/tests/app/tap.sh"
: "${PUT:=$(dirname "$CONSULT")/tests/app/put-responses}"
: "${PYTHON3:=python3}"
: "${CHROMIUM:=/usr/bin/chromium}"
CHECK="$PYTHON3 $srcdir/tests/app/report-html-check.py"
D="$srcdir/tests/data/app"

# skip DESCRIPTION REASON: a test that cannot run here.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

if ! "$PYTHON3" -c 'import html5lib' 2>/dev/null; then
	echo "1..0 # SKIP python3-html5lib is not installed"
	exit 0
fi

printf 'html report passphrase\n' >"$TMP/pass"
analyst_key "$TMP/analyst" "$TMP/pass"
K="--key $TMP/analyst.key -P $TMP/pass"
"$CONSULT" init "$TMP/imrf" --form "$srcdir/forms/imrf.csv" \
    --pubkey "$TMP/analyst.pub" >/dev/null &&
    "$CONSULT" simulate "$TMP/imrf" --count 300 --seed 7 >/dev/null
ok $? "300 simulated responses of the bundled consultation"

# ---- the bundled consultation ---------------------------------------------

mkdir "$TMP/o"
run report "$TMP/imrf" $K --format html -o "$TMP/o/report.html"
expect_status 0 "--format html -o exits 0"
[ ! -s "$TMP/out" ] && [ "$(stat -c %a "$TMP/o/report.html")" = 600 ] &&
    [ "$(ls -A "$TMP/o")" = report.html ]
ok $? "-o: mode 0600, nothing on stdout, no temporary file left"
R="$TMP/o/report.html"
charts=$($CHECK valid "$R")
ok $? "valid HTML5, each SVG well-formed XML with a title and a desc, CSP"
[ "${charts:-0}" -ge 20 ]
ok $? "a chart for each question that has one ($charts)"
[ "$(stat -c %s "$R")" -lt 1000000 ]
ok $? "under 1 MB ($(stat -c %s "$R") bytes)"
run report "$TMP/imrf" $K --format html
grep -v '^<p>Made by consult' "$TMP/out" >"$TMP/stdout.html"
grep -v '^<p>Made by consult' "$R" | cmp -s - "$TMP/stdout.html" &&
    grep -q "^<p>Made by consult.*--format html</code></p>$" "$TMP/out"
ok $? "without -o: the same document on stdout (but the command in the footer)"

run export "$TMP/imrf" $K
cp "$TMP/out" "$TMP/summary.csv"
cells=$($CHECK summary "$R" "$TMP/summary.csv")
ok $? "the tables' numbers are the summary's, cell for cell"
[ "${cells:-0}" -ge 300 ]
ok $? "every summary row compared ($cells cells)"
$CHECK text "$R" >"$TMP/text"
expect_grep "$TMP/text" "IMRF civil-society consultation" "the form's title"
expect_grep "$TMP/text" "imrf_consultation 2026.1" "the form's id and version"
expect_grep "$TMP/text" "300 responses, submitted from" \
    "the responses and the days they span"
expect_grep "$TMP/text" "Schulze order:" "a ranking's Schulze order"
expect_grep "$TMP/text" "Pairwise preferences" "a ranking's pairwise matrix"
expect_grep "$TMP/text" "Text answers are not listed" \
    "text answers not listed without --text"
expect_grep "$TMP/text" "consult report $TMP/imrf --key $TMP/analyst.key --format html -o $TMP/o/report.html" \
    "the footer: the command"
! grep -q -e "passphrase" -e "html report passphrase" "$R"
ok $? "no passphrase (nor its file) in the report"
[ "$(grep -c '<tr data-option="obj[0-9]*"><th scope="row">' "$R")" -eq 23 ]
ok $? "the pairwise matrix: 23 rows"

# With --by: each group's table, same numbers as export --by.
run report "$TMP/imrf" $K --format html --by region -o "$TMP/by.html"
expect_status 0 "--by region exits 0"
$CHECK valid "$TMP/by.html" >/dev/null
ok $? "--by: valid"
run export "$TMP/imrf" $K --by region
cp "$TMP/out" "$TMP/summary-by.csv"
cells=$($CHECK summary "$TMP/by.html" "$TMP/summary-by.csv")
ok $? "--by: the tables' numbers are the summary's, cell for cell"
[ "${cells:-0}" -ge 1800 ]
ok $? "--by: every row of six groups compared ($cells cells)"

# ---- small groups --------------------------------------------------------

run report "$TMP/imrf" $K --format html --by org_type --min-group 39 \
    -o "$TMP/min.html"
expect_status 0 "--min-group exits 0"
$CHECK valid "$TMP/min.html" >/dev/null
ok $? "--min-group: valid"
run export "$TMP/imrf" $K --by org_type
# The groups of 39 respondents or more, from the summary.
"$PYTHON3" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
	if r["question"] == "org_type" and r["option"] == "" and \
	    int(r["answered"]) >= 39:
		print(r["group"])
' "$TMP/out" >"$TMP/big-groups"
$CHECK groups "$TMP/min.html" >"$TMP/shown-groups"
[ -s "$TMP/big-groups" ] && cmp -s "$TMP/big-groups" "$TMP/shown-groups"
ok $? "only the groups of 39 or more are drawn: $(tr '\n' ' ' <"$TMP/shown-groups")"
[ "$(wc -l <"$TMP/big-groups")" -lt 8 ]
ok $? "some groups are smaller"
$CHECK text "$TMP/min.html" >"$TMP/text"
expect_grep "$TMP/text" "Not shown, to protect the respondents (fewer than 39):" \
    "the suppression is said"
small=$("$PYTHON3" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
	if r["question"] == "org_type" and r["option"] == "" and \
	    int(r["answered"]) < 39:
		print(r["group"])
		break
' "$TMP/out")
! grep -q "data-group=\"$small\"" "$TMP/min.html"
ok $? "a small group ($small) has no table"
run report "$TMP/imrf" $K --format html --by org_type -o "$TMP/min5.html"
[ "$($CHECK groups "$TMP/min5.html" | wc -l)" -eq 8 ] &&
    ! grep -q 'class="sup"' "$TMP/min5.html"
ok $? "the default of 5: eight groups of 300 responses all drawn"

# ---- --lang fr -------------------------------------------------------------

run report "$TMP/imrf" $K --format html --lang fr -o "$TMP/fr.html"
expect_status 0 "--lang fr exits 0"
$CHECK valid "$TMP/fr.html" >/dev/null
ok $? "--lang fr: valid"
grep -q '^<html lang="fr">$' "$TMP/fr.html"
ok $? "--lang fr: the lang attribute"
$CHECK text "$TMP/fr.html" >"$TMP/text"
expect_grep "$TMP/text" "Quel type d'organisation représentez-vous" \
    "--lang fr: the form's labels in French"
expect_grep "$TMP/text" "Collectivité locale" "--lang fr: choices in French"
expect_grep "$TMP/text" "300 réponses" "--lang fr: the report's own words"
run export "$TMP/imrf" $K --lang fr
cp "$TMP/out" "$TMP/summary-fr.csv"
$CHECK summary "$TMP/fr.html" "$TMP/summary-fr.csv" >/dev/null
ok $? "--lang fr: the option labels and numbers are the summary's"

# ---- hostile labels and answers --------------------------------------------

"$CONSULT" init "$TMP/h" --form "$D/report-hostile.csv" \
    --pubkey "$TMP/analyst.pub" >/dev/null &&
    "$PUT" "$TMP/h" "$D/report-hostile.txt" >/dev/null
ok $? "a vault of hostile labels and answers"
run report "$TMP/h" $K --format html --text -o "$TMP/h.html"
expect_status 0 "hostile: exits 0"
$CHECK valid "$TMP/h.html" >/dev/null
ok $? "hostile: valid; no script, no on* attribute, no URL attribute"
! grep -qi -e '<script' -e '<img' -e '<iframe' -e '<svg onload' "$TMP/h.html"
ok $? "hostile: no raw markup of the labels anywhere"
$CHECK text "$TMP/h.html" >"$TMP/text"
expect_grep "$TMP/text" 'alert(1) group' \
    "a label comes out as text, without its markup (as ODK shows it)"
expect_grep "$TMP/text" "<script>alert('answer')</script>" \
    "--text: an answer comes out as text"
grep -qx click "$TMP/text"
ok $? "a link's tag in a label is dropped, its text kept"
run export "$TMP/h" $K
cp "$TMP/out" "$TMP/summary-h.csv"
$CHECK summary "$TMP/h.html" "$TMP/summary-h.csv" >/dev/null
ok $? "hostile: the numbers are the summary's"
run report "$TMP/h" $K --format html --by pick --min-group 1 \
    -o "$TMP/h-by.html"
$CHECK valid "$TMP/h-by.html" >/dev/null
ok $? "hostile group names: valid"
[ "$($CHECK groups "$TMP/h-by.html" | tr '\n' ' ')" = "a b " ]
ok $? "--min-group 1: the groups of one respondent drawn, not the empty one"
run report "$TMP/h" $K --format html --by pick -o "$TMP/h-none.html"
expect_status 0 "every group too small: exits 0"
$CHECK valid "$TMP/h-none.html" >/dev/null &&
    [ -z "$($CHECK groups "$TMP/h-none.html")" ] &&
    ! grep -q '<svg' "$TMP/h-none.html"
ok $? "every group too small: valid, no table, no chart"
$CHECK text "$TMP/h-none.html" >"$TMP/text"
expect_grep "$TMP/text" "(fewer than 5): alert(2), ' onmouseover='alert(3), <&\" <script>." \
    "every group too small: each named, as text"

# ---- a form of 23 long, wide and CJK options -------------------------------

i=1
while [ $i -le 12 ]; do
	printf 'day 2026-01-%02d\ngrp=g%d\nitems=i%02d i%02d i20 i21 i23\n\n' \
	    $i $((i % 3 + 1)) $i $((i + 5))
	i=$((i + 1))
done >"$TMP/wide.txt"
"$CONSULT" init "$TMP/w" --form "$D/report-wide.csv" \
    --pubkey "$TMP/analyst.pub" >/dev/null &&
    "$PUT" "$TMP/w" "$TMP/wide.txt" >/dev/null
ok $? "a vault of a 23-option ranking with long labels"
run report "$TMP/w" $K --format html -o "$TMP/wide.html"
$CHECK valid "$TMP/wide.html" >/dev/null
ok $? "23 long options: valid"
"$PYTHON3" -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
sizes = re.findall(r"<svg [^>]*viewBox=\"0 0 (\d+) \d+\" width=\"(\d+)\"", t)
sys.exit(not sizes or any(int(a) > 680 or int(b) > 680 for a, b in sizes))
' "$TMP/wide.html"
ok $? "23 long options: every chart at most 680 px wide"
grep -q '…<title>' "$TMP/wide.html"
ok $? "23 long options: long labels cut, whole in their tooltip"

# ---- errors and exit statuses, as export's --------------------------------

run report "$TMP/imrf" $K --format pdf
expect_status 2 "an unknown format: 2"
expect_grep "$TMP/err" "unknown format 'pdf' (terminal, html)" \
    "an unknown format: a message"
run report "$TMP/imrf" $K --text
expect_status 2 "--text without --format html: 2"
for n in 0 -1 abc 5x 99999999999; do
	run report "$TMP/imrf" $K --format html --min-group "$n"
	[ "$status" -eq 2 ] && grep -q -- "--min-group $n: not a number" \
	    "$TMP/err"
	ok $? "--min-group $n: 2 with a message"
done
run report "$TMP/imrf" $K --format html -o "$TMP/nodir/r.html"
expect_status 74 "-o into a missing directory: 74"
run report "$TMP/imrf" --key "$TMP/analyst.key" -P "$TMP/nosuch" --format html \
    -o "$TMP/o/x.html"
[ "$status" -ne 0 ] && [ ! -e "$TMP/o/x.html" ]
ok $? "no passphrase: no file"
printf 'wrong\n' >"$TMP/wrong"
run report "$TMP/imrf" --key "$TMP/analyst.key" -P "$TMP/wrong" \
    --format html -o "$TMP/o/x.html"
expect_status 77 "wrong passphrase: 77"
[ "$(ls -A "$TMP/o")" = report.html ]
ok $? "wrong passphrase: no file, no temporary file"
run report "$TMP/nosuch" $K --format html
expect_status 66 "missing vault: 66"
run report "$TMP/imrf" $K --format html --by migration_share
expect_status 2 "--by a number question: 2"
cp -R "$TMP/h" "$TMP/t"
rec=$(ls "$TMP/t/responses" | sed -n 1p)
"$PYTHON3" -c '
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[-5] ^= 0x40
open(p, "wb").write(b)
' "$TMP/t/responses/$rec"
run report "$TMP/t" $K --format html -o "$TMP/o/t.html"
expect_status 65 "a tampered record: 65"
[ "$(tail -1 "$TMP/err")" = \
    "consult: report: 1 bad record skipped, 1 responses read (--skip-bad accepts this)" ] ||
[ "$(tail -1 "$TMP/err")" = \
    "consult: report: 1 bad record skipped, 1 response read (--skip-bad accepts this)" ]
ok $? "a tampered record: the count last on stderr"
grep -q '<span class="responses">1</span>' "$TMP/o/t.html"
ok $? "a tampered record: the report of the other response is written"
run report "$TMP/t" $K --format html --skip-bad
expect_status 0 "--skip-bad: 0"

# ---- a real browser -------------------------------------------------------

# browser ARGS...: headless chromium with a fresh profile, no network
# namespace when unshare can make one, its net log in $TMP/net.json.
browser() {
	rm -rf "$TMP/profile"
	mkdir "$TMP/profile"
	$NONET timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$TMP/profile" --log-net-log="$TMP/net.json" \
	    --net-log-capture-mode=Everything "$@" >"$TMP/browser.log" 2>&1
}

NONET=
if unshare -n true 2>/dev/null; then
	NONET="unshare -n"
elif unshare -rn true 2>/dev/null; then
	NONET="unshare -rn"
fi
reason=
if ! [ -x "$CHROMIUM" ]; then
	reason="no chromium at $CHROMIUM"
elif ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
	reason="poppler-utils (pdfinfo, pdftotext) not installed"
else
	browser --window-size=800,2400 --screenshot="$TMP/shot.png" \
	    "file://$R"
	[ -s "$TMP/shot.png" ] || reason="chromium cannot run here: $(grep -v -e dbus -e '^$' "$TMP/browser.log" | tail -1)"
fi
if [ -n "$reason" ]; then
	for t in "screenshot not blank" "no network request" \
	    "a fetch would be caught" \
	    "PDF pages" "nothing past the page's edges" "A4" \
	    "--by: PDF pages" "--by: nothing past the edges" \
	    "23 long options within the page" \
	    "23 long options by group within the page"; do
		skip "chromium: $t" "$reason"
	done
	done_testing
	exit $?
fi
shown=$($CHECK png "$TMP/shot.png")
[ "${shown:-0}" -ge 30 ]
ok $? "chromium: the screenshot is not blank ($shown per mille drawn)"
urls=$($CHECK netlog "$TMP/net.json")
ok $? "chromium: no network request from the report (${NONET:-net log only}): $urls"
# The check can fail: a page that loads an image is caught.
printf '<!DOCTYPE html><title>x</title><img src="http://127.0.0.1:9/x.png" alt="">\n' \
    >"$TMP/fetch.html"
browser --screenshot="$TMP/fetch.png" "file://$TMP/fetch.html"
! $CHECK netlog "$TMP/net.json" >/dev/null 2>&1
ok $? "chromium: a page that fetches an image would be caught"
browser --no-pdf-header-footer --print-to-pdf="$TMP/report.pdf" "file://$R"
pages=$(pdfinfo "$TMP/report.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 6 ] && [ "$pages" -le 30 ]
ok $? "chromium: the PDF has 6 to 30 pages ($pages)"
$CHECK netlog "$TMP/net.json" >/dev/null &&
    pdftotext -bbox "$TMP/report.pdf" "$TMP/bbox.html" &&
    words=$($CHECK bbox "$TMP/bbox.html" 33)
ok $? "chromium: nothing past the page's edges, the 23-choice ranking included ($words words)"
# A4 (chromium prints on Letter by default): a copy whose sheet asks for
# A4, without the policy that would refuse the changed sheet.
sed -e '/Content-Security-Policy/d' -e 's/^<style>/<style>@page{size:A4}/' \
    "$R" >"$TMP/a4.html"
browser --no-pdf-header-footer --print-to-pdf="$TMP/a4.pdf" "file://$TMP/a4.html"
pdfinfo "$TMP/a4.pdf" | grep -q '^Page size: *59[45][.0-9]* x 84[12]' &&
    pdftotext -bbox "$TMP/a4.pdf" "$TMP/bbox.html" &&
    $CHECK bbox "$TMP/bbox.html" 33 >/dev/null
ok $? "chromium: on A4 too, nothing past the page's edges"
run report "$TMP/imrf" $K --format html --by org_type --lang fr \
    -o "$TMP/by-fr.html"
browser --no-pdf-header-footer --print-to-pdf="$TMP/by-fr.pdf" \
    "file://$TMP/by-fr.html"
pages=$(pdfinfo "$TMP/by-fr.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 10 ] && [ "$pages" -le 80 ]
ok $? "chromium, --by: the PDF has 10 to 80 pages ($pages)"
pdftotext -bbox "$TMP/by-fr.pdf" "$TMP/bbox.html" &&
    $CHECK bbox "$TMP/bbox.html" 33 >/dev/null
ok $? "chromium, --by in French: nothing past the page's edges"
for by in "" "--by grp --min-group 1"; do
	run report "$TMP/w" $K --format html $by -o "$TMP/wide.html"
	browser --no-pdf-header-footer --print-to-pdf="$TMP/wide.pdf" \
	    "file://$TMP/wide.html"
	pdftotext -bbox "$TMP/wide.pdf" "$TMP/bbox.html" &&
	    $CHECK bbox "$TMP/bbox.html" 33 >/dev/null
	ok $? "chromium: 23 long, wide and CJK options ${by:+($by) }within the page"
done

done_testing
