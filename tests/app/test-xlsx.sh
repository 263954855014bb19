#!/bin/sh
# test-xlsx.sh: .xlsx forms as a facilitator uses them: our own CSV forms
# made into workbooks by tests/forms/make-xlsx.py give the same outline
# and the same errors (sheet:row in place of the line); init keeps the
# workbook's bytes as they are, simulate and export work on it; hostile
# workbooks are refused with a clear message and exit 65.
. "${srcdir:-.}/tests/app/tap.sh"
D="$srcdir/tests/data/forms"
X="$TMP/xlsx"
PY=${PYTHON3:-python3}

if ! "$PY" -c 'import zipfile' 2>/dev/null; then
	echo "1..0 # SKIP python3 with zipfile is needed to make the workbooks"
	exit 0
fi
"$PY" "$srcdir/tests/forms/make-xlsx.py" "$X" "$srcdir/forms/imrf.csv" \
    "$D/check-good.csv" "$D/answers-types.csv" "$D/answers-logic.csv" \
    "$D/check-bad-relevant.csv" "$D/check-bad-many.csv" \
    "$D/simulate-constraints.csv" "$srcdir/tests/data/exports/form.csv"
ok $? "make-xlsx.py makes the test set"

# ---- the same outline and errors as the CSV ------------------------------
for f in "$srcdir/forms/imrf.csv" "$D/check-good.csv" "$D/answers-types.csv" \
    "$D/answers-logic.csv" "$D/simulate-constraints.csv" \
    "$srcdir/tests/data/exports/form.csv"; do
	b=$(basename "$f" .csv)
	"$CONSULT" check "$f" >"$TMP/csv.out" 2>&1
	cs=$?
	run check "$X/$b.xlsx"
	[ "$status" -eq 0 ] && [ "$cs" -eq 0 ] && cmp -s "$TMP/csv.out" "$TMP/out"
	r=$?
	[ $r -eq 0 ] || diff "$TMP/csv.out" "$TMP/out" | head -5 | sed 's/^/# /'
	ok $r "$b.xlsx: the same outline as $b.csv"
done

run check "$X/check-bad-relevant.xlsx"
expect_status 65 "an error in a workbook exits 65"
expect_grep "$TMP/err" \
    "consult: check: $X/check-bad-relevant.xlsx:survey:11: unknown question 'regoin' in relevant" \
    "the error names the sheet and the row as the spreadsheet numbers it"
run check "$X/check-bad-many.xlsx"
expect_status 65 "many errors in a workbook exit 65"
expect_grep "$TMP/err" "check-bad-many.xlsx:survey:6: duplicate name 'name' (first at survey:2)" \
    "a duplicate names where the first is, sheet and row"
expect_grep "$TMP/err" "check-bad-many.xlsx:Choices:4: duplicate choice 'y' in list 'yn' (first at Choices:2)" \
    "errors of the choices sheet name it as the workbook spells it"

# ---- init keeps the bytes; simulate and export work ----------------------
printf 'xlsx test passphrase\n' >"$TMP/pass"
analyst_key "$TMP/an" "$TMP/pass"
run init "$TMP/v" --form "$X/form.xlsx" --pubkey "$TMP/an.pub"
expect_status 0 "init takes an .xlsx form"
cmp -s "$X/form.xlsx" "$TMP/v/form.xlsx" && [ ! -e "$TMP/v/form.csv" ]
ok $? "the vault keeps the workbook's bytes exactly, as form.xlsx"
run simulate "$TMP/v" --count 5 --seed 3
expect_status 0 "simulate works on a vault made from an .xlsx form"
run status "$TMP/v"
expect_status 0 "status reads a vault made from an .xlsx form"
run export "$TMP/v" --key "$TMP/an.key" --passphrase-file "$TMP/pass" \
    --format responses
expect_status 0 "export reads the responses of an .xlsx form"
n=$("$PY" -c 'import csv, sys
print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$TMP/out")
[ "$n" -eq 5 ]
ok $? "export has the 5 simulated responses ($n rows)"

cp -r "$TMP/v" "$TMP/v3"
chmod u+w "$TMP/v3/form.xlsx"
cp "$srcdir/tests/forms/real/pyxform-group.xlsx" "$TMP/v3/form.xlsx"
run status "$TMP/v3"
expect_status 65 "a vault whose workbook was swapped is refused"
expect_grep "$TMP/err" "$TMP/v3/form.xlsx: not the form this vault was made for" \
    "the message names the vault's form.xlsx"

# ---- hostile workbooks ---------------------------------------------------
H="$X/hostile"
# hostile FILE MESSAGE: check refuses FILE with 65 and this message.
hostile() {
	run check "$H/$1"
	expect_status 65 "$1 is refused with 65"
	expect_grep "$TMP/err" "consult: check: $H/$1$2" "$1: the message says why"
}
hostile truncated.xlsx ": not a readable .xlsx file ("
hostile notzip.xlsx ": not an .xlsx workbook (no ZIP archive; truncated?)"
hostile old.xls ": an Excel 97-2003 (.xls) or password-protected workbook: save it as an Excel Workbook (.xlsx)"
hostile bomb.xlsx ": xl/worksheets/sheet1.xml inflates to more than 32 MiB (one part) or 64 MiB (all parts): refused as a zip bomb"
hostile doctype.xlsx ":survey: a DOCTYPE, refused (a workbook declares no entities)"
hostile missing-sheet.xlsx ": sheet 'survey' is missing from the archive"
hostile no-survey.xlsx ": no sheet named 'survey' (the workbook has 'Sheet1', 'Sheet2')"
hostile bad-string.xlsx ":survey:1: a cell names shared string '99', which the workbook lacks"
hostile wide.xlsx ":survey:1: a cell beyond column 1024 (consult reads no further)"
hostile badxml.xlsx ":survey: XML line 2: "
run init "$TMP/v2" --form "$H/doctype.xlsx" --pubkey "$TMP/an.pub"
expect_status 65 "init refuses a hostile workbook with 65"
[ ! -e "$TMP/v2" ]
ok $? "and makes no vault"

done_testing
