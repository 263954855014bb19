#!/bin/sh
# test-export.sh: consult export end to end: the responses of the exports
# fixture sealed into vaults, exported in every format and compared with
# the golden files checked by hand (tests/data/exports/); merged, copied
# and repeated vaults; tampered records; wrong passphrase or key; -o.
. "${srcdir:-.}/tests/app/tap.sh"
: "${PUT:=$(dirname "$CONSULT")/tests/app/put-responses}"
: "${PYTHON3:=python3}"
G="$srcdir/tests/data/exports"
D="$srcdir/tests/data/export"

printf 'export test passphrase\n' >"$TMP/pass"
printf 'another passphrase\n' >"$TMP/pass2"
analyst_key "$TMP/analyst" "$TMP/pass" &&
    analyst_key "$TMP/other" "$TMP/pass2"
ok $? "two analyst keys"
K="--key $TMP/analyst.key -P $TMP/pass"

# vault NAME FORM RESPONSES...: a vault holding these responses.
vault() {
	v="$TMP/$1"
	f="$2"
	shift 2
	"$CONSULT" init "$v" --form "$f" --pubkey "$TMP/analyst.pub" \
	    >/dev/null || return 1
	for r in "$@"; do
		"$PUT" "$v" "$r" >/dev/null || return 1
	done
}
vault a "$G/form.csv" "$D/responses-a.txt" &&
    vault b "$G/form.csv" "$D/responses-b.txt" &&
    vault all "$G/form.csv" "$D/responses-a.txt" "$D/responses-b.txt"
ok $? "three vaults of the fixture's responses"
[ "$(ls "$TMP/a/responses" | wc -l)" -eq 3 ]
ok $? "each response is a record file of its own"

# ---- every format against the golden files -----------------------------

run export "$TMP/all" $K
expect_status 0 "export exits 0"
cmp -s "$TMP/out" "$G/summary.csv"
ok $? "summary is the golden summary"
[ "$(cat "$TMP/err")" = "consult: export: 5 responses read: 5 real, 0 simulated" ]
ok $? "stderr holds the count of responses read only (no progress bar without a terminal)"

run export "$TMP/all" $K --format pairwise
cmp -s "$TMP/out" "$G/pairwise.csv"
ok $? "pairwise is the golden matrix"

run export "$TMP/all" $K --by region --lang fr
cmp -s "$TMP/out" "$G/summary-by-region-fr.csv"
ok $? "--by region --lang fr is the golden grouped summary"
run export "$TMP/all" $K --by region --lang "Français (fr)"
cmp -s "$TMP/out" "$G/summary-by-region-fr.csv"
ok $? "--lang takes the language's whole name"

run export "$TMP/all" --format codebook
expect_status 0 "codebook needs no key"
cmp -s "$TMP/out" "$G/codebook.csv"
ok $? "codebook is the golden codebook"

# Rows of a CSV without its first column, sorted: the ids are the vault's.
rows() {
	"$PYTHON3" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
print(rows[0])
for r in sorted(r[1:] for r in rows[1:]):
	print(r)
' "$1"
}
ids() {
	"$PYTHON3" -c '
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
ids = [r[0] for r in rows[1:]]
ok = all(re.fullmatch("[0-9a-f]{16}-[0-9]+", i) for i in ids)
print(len(rows), len(set(ids)) if ok else "bad ids")
' "$1"
}

run export "$TMP/all" $K --format responses
cp "$TMP/out" "$TMP/responses.csv"
[ "$(head -1 "$TMP/out")" = "$(head -1 "$G/responses.csv")" ]
ok $? "responses: the golden header"
[ "$(ids "$TMP/out")" = "6 5" ]
ok $? "responses: a header and five rows with distinct ids"
# The fixture's r5 has its topics out of list order; a vault holds them
# in normal form (tests/data/export/responses-b.txt).
sed 's/"roads water schools"/"water roads schools"/' "$G/responses.csv" \
    >"$TMP/golden-responses.csv"
[ "$(rows "$TMP/out")" = "$(rows "$TMP/golden-responses.csv")" ]
ok $? "responses: the golden rows"

run export "$TMP/all" $K --format text
[ "$(ids "$TMP/out")" = "4 3" ]
ok $? "text: a header and three rows"
[ "$(rows "$TMP/out")" = "$(rows "$G/text.csv")" ]
ok $? "text: the golden rows (hostile text neutralised)"

# ---- merged, repeated and copied vaults -------------------------------

run export "$TMP/a" "$TMP/b" $K
cmp -s "$TMP/out" "$G/summary.csv"
ok $? "two vaults merge into the golden summary"
run export "$TMP/a" $K
cp "$TMP/out" "$TMP/a.csv"
grep -q '^"","consent","I consent","acknowledge","","","3"' "$TMP/a.csv"
ok $? "one vault alone counts its three responses"
run export "$TMP/a" "$TMP/a" $K
cmp -s "$TMP/out" "$TMP/a.csv"
ok $? "the same vault given twice counts once"
cp -R "$TMP/a" "$TMP/a-copy"
run export "$TMP/a" "$TMP/b" "$TMP/a-copy" $K --format responses
[ "$(ids "$TMP/out")" = "6 5" ]
ok $? "a copy of a vault counts once"

# ---- -o: written whole, or not at all -----------------------------------

mkdir "$TMP/o"
run export "$TMP/all" $K -o "$TMP/o/summary.csv"
expect_status 0 "-o exits 0"
cmp -s "$TMP/o/summary.csv" "$G/summary.csv" && [ ! -s "$TMP/out" ]
ok $? "-o writes the file, not stdout"
[ "$(stat -c %a "$TMP/o/summary.csv")" = 600 ]
ok $? "-o writes mode 0600"
[ "$(ls -A "$TMP/o")" = summary.csv ]
ok $? "no temporary file left beside it"

run export "$TMP/all" --key "$TMP/analyst.key" -P "$TMP/pass2" \
    -o "$TMP/o/wrong.csv"
expect_status 77 "wrong passphrase: 77"
expect_grep "$TMP/err" "consult: export: " "wrong passphrase: a message"
[ "$(ls -A "$TMP/o")" = summary.csv ] && [ ! -s "$TMP/out" ]
ok $? "wrong passphrase: no file, no output"

run export "$TMP/all" --key "$TMP/other.key" -P "$TMP/pass2" \
    -o "$TMP/o/other.csv"
expect_status 77 "a key that does not match the vault: 77"
expect_grep "$TMP/err" "was made for key" "the key mismatch is explained"
[ "$(ls -A "$TMP/o")" = summary.csv ]
ok $? "wrong key: no file"
run export "$TMP/all" --key "$TMP/other.key" -P "$TMP/pass2"
[ ! -s "$TMP/out" ]
ok $? "wrong key: nothing written before the refusal"

run export "$TMP/all" $K -o "$TMP/nodir/x.csv"
expect_status 74 "-o into a missing directory: 74"

# ---- tampered records ---------------------------------------------------

cp -R "$TMP/a" "$TMP/t"
rec=$(ls "$TMP/t/responses" | sed -n 2p)
"$PYTHON3" -c '
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[-5] ^= 0x40
open(p, "wb").write(b)
' "$TMP/t/responses/$rec"
run export "$TMP/t" $K
expect_status 65 "a tampered record: 65"
expect_grep "$TMP/err" "consult: export: $TMP/t/responses/$rec: " \
    "the tampered record is named with its file"
[ "$(tail -1 "$TMP/err")" = \
    "consult: export: 1 bad record skipped, 2 responses read (--skip-bad accepts this)" ]
ok $? "the last stderr line has the count"
grep -q '^"","consent","I consent","acknowledge","","","2"' "$TMP/out"
ok $? "the other responses are exported"
run export "$TMP/t" $K --skip-bad
expect_status 0 "--skip-bad: 0"
[ "$(tail -1 "$TMP/err")" = "consult: export: 1 bad record skipped, 2 responses read" ]
ok $? "--skip-bad still reports the count last"
run export "$TMP/t" $K -o "$TMP/o/t.csv"
expect_status 65 "-o with a tampered record: 65"
grep -q '^"","region","Region","select_one","south","South","2","0"' \
    "$TMP/o/t.csv"
ok $? "-o still writes the good responses"

# ---- usage and missing inputs -------------------------------------------

run export "$TMP/nosuch" $K
expect_status 66 "missing vault: 66"
expect_grep "$TMP/err" "$TMP/nosuch" "the missing vault is named"
run export "$TMP/all" --key "$TMP/nosuch.key" -P "$TMP/pass"
expect_status 66 "missing key file: 66"
run export "$TMP/all"
expect_status 2 "no --key: 2"
expect_grep "$TMP/err" "--key NAME.key is needed" "no --key: a message"
run export "$TMP/all" $K --by age
expect_status 2 "--by a number question: 2"
expect_grep "$TMP/err" "consult: export: --by age: not a select_one question (it is integer)" \
    "--by a number question: a message"
run export "$TMP/all" $K --by nosuch
expect_status 2 "--by an unknown question: 2"
expect_grep "$TMP/err" "no question named 'nosuch'" \
    "--by an unknown question: a message"
run export "$TMP/all" $K --by region --format responses
expect_status 2 "--by with another format: 2"
run export "$TMP/all" $K --format xlsx
expect_status 2 "an unknown format: 2"
expect_grep "$TMP/err" "unknown format 'xlsx'" "an unknown format: a message"
run export "$TMP/all" $K --lang de
expect_status 2 "an unknown language: 2"
expect_grep "$TMP/err" "(it has en, fr)" "an unknown language: the known ones"

"$CONSULT" init "$TMP/other-form" --form "$srcdir/tests/data/vault/form.csv" \
    --pubkey "$TMP/analyst.pub" >/dev/null
run export "$TMP/all" "$TMP/other-form" $K
expect_status 65 "vaults of different forms: 65"
expect_grep "$TMP/err" "$TMP/other-form holds another form than $TMP/all" \
    "vaults of different forms: the vault is named"

done_testing
