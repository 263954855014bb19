#!/bin/sh
# test-special.sh: metadata rows and capture types as a facilitator and a
# participant meet them: check's outline lists the ignored metadata and
# warns per capture question, init warns on stderr, run (plain mode
# through a pipe) never asks them and submits without the required
# geopoint, and the export holds start, end and today but no device or
# person id.
. "${srcdir:-.}/tests/app/tap.sh"
F="$srcdir/tests/data/forms/special.csv"

run check "$F"
expect_status 0 "a form with metadata and capture types is valid"
expect_grep "$TMP/out" "ignored: deviceid, phonenumber (never recorded)" \
    "the outline lists the ignored metadata"
expect_grep "$TMP/out" "warning: $F:8: geopoint 'where' cannot be asked in a terminal: skipped (stored empty), its required ignored" \
    "the outline warns about the geopoint, with its line"
expect_grep "$TMP/out" "warning: $F:9: image 'photo' cannot be asked" \
    "the outline warns about the image"
expect_grep "$TMP/out" "  started                 start" \
    "start shows with its own type"
! grep -q "  dev " "$TMP/out"
ok $? "the ignored device id is not listed as a question"

printf 'special test passphrase\n' >"$TMP/pass"
analyst_key "$TMP/an" "$TMP/pass"
run init "$TMP/v" --form "$F" --pubkey "$TMP/an.pub"
expect_status 0 "init takes the form"
expect_grep "$TMP/err" "consult: init: warning: $F:8: geopoint 'where' cannot be asked in a terminal" \
    "init warns on stderr"
[ "$(grep -c warning "$TMP/err")" -eq 2 ]
ok $? "one warning per capture question"

printf 'Ann\n\n\ny\n' | "$CONSULT" run "$TMP/v" --plain >"$TMP/run" 2>&1
status=$?
expect_status 0 "a participant submits without the required geopoint"
expect_grep "$TMP/run" "Receipt:" "the submission gets a receipt"
! grep -q -e "Where are you" -e "A photo" "$TMP/run"
ok $? "capture questions are never shown"

run export "$TMP/v" --key "$TMP/an.key" --passphrase-file "$TMP/pass" \
    --format responses
expect_status 0 "export"
"${PYTHON3:-python3}" - "$TMP/out" >"$TMP/check" 2>&1 <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 1, rows
r = rows[0]
stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d"
assert re.fullmatch(stamp, r["started"]), r["started"]
assert re.fullmatch(stamp, r["ended"]), r["ended"]
assert r["ended"] >= r["started"], (r["started"], r["ended"])
assert r["day"] == r["started"][:10], (r["day"], r["started"])
assert r["who"] == "Ann" and r["where"] == "" and r["photo"] == "", r
assert "dev" not in r and "phone" not in r, list(r)
print("fine")
PY
r=$?
[ $r -eq 0 ] || sed 's/^/# /' "$TMP/check"
ok $r "the export has start, end and today, empty captures, no ids"

done_testing
