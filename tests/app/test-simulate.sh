#!/bin/sh
# test-simulate.sh: "consult simulate" as a program: responses written,
# counted and marked as simulated, reproducible, refused where real
# participants answered, and its exit statuses.
. "${srcdir:-.}/tests/app/tap.sh"
: "${SIMULATE_REAL:=./tests/app/simulate-real}"
FORM="$srcdir/forms/imrf.csv"
D="$srcdir/tests/data/forms"

# has VERB: 1 when consult has the verb (run and export may come later).
has() {
	"$CONSULT" help "$1" >/dev/null 2>&1
}

# rows FILE: data rows of a CSV file (cells may hold newlines).
rows() {
	"${PYTHON3:-python3}" -c 'import csv, sys
print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$1"
}

printf 'simulate test passphrase\n' >"$TMP/pass"
analyst_key "$TMP/an" "$TMP/pass"
status=$?
expect_status 0 "keygen makes the analyst's key"
run init "$TMP/v" --form "$FORM" --pubkey "$TMP/an.pub"
expect_status 0 "init makes a vault"

# ---- usage -------------------------------------------------------------
for count in "" 0 -5 +5 abc 12x 1.5 99999999999999999999999; do
	run simulate "$TMP/v" --count "$count"
	expect_status 2 "--count '$count' is a usage error"
	expect_grep "$TMP/err" "consult: simulate: --count needs a number of \
responses, 1 or more, not '$count'" "--count '$count' is named"
done
run simulate "$TMP/v"
expect_status 2 "no --count is a usage error"
expect_grep "$TMP/err" "consult: simulate: --count needs a number of \
responses, 1 or more" "the missing --count is named"
expect_grep "$TMP/err" "usage: consult simulate VAULT --count N [--seed S]" \
    "the usage line is shown"
for seed in x -1 18446744073709551616; do
	run simulate "$TMP/v" --count 1 --seed "$seed"
	expect_status 2 "--seed '$seed' is a usage error"
	expect_grep "$TMP/err" "consult: simulate: --seed needs a number from \
0 to 18446744073709551615, not '$seed'" "--seed '$seed' is named"
done
run simulate --count 1
expect_status 2 "no VAULT is a usage error"
[ ! -e "$TMP/v/simulated" ] && [ -z "$(ls -A "$TMP/v/responses")" ]
ok $? "usage errors write nothing"

run simulate "$TMP/nosuch" --count 1
expect_status 66 "a missing vault exits 66"
expect_grep "$TMP/err" "consult: simulate: $TMP/nosuch" \
    "the missing vault is named"
mkdir "$TMP/empty"
run simulate "$TMP/empty" --count 1
expect_status 66 "a directory that is not a vault exits 66"

# ---- writing -----------------------------------------------------------
run simulate "$TMP/v" --count 1250 --seed 7
expect_status 0 "simulate writes responses"
expect_grep "$TMP/out" "Wrote 1250 simulated responses to $TMP/v (seed 7)." \
    "simulate says how many, where, and the seed"
[ ! -s "$TMP/err" ]
ok $? "no progress line when stderr is not a terminal"
[ -f "$TMP/v/simulated" ]
ok $? "the vault is marked as simulated"
[ "$(ls "$TMP/v/responses" | wc -l)" -eq 2 ]
ok $? "1250 responses are written in batches of 1000: two files"
run status "$TMP/v"
expect_status 0 "status of the simulated vault"
expect_grep "$TMP/out" "responses  1250 (simulated)" \
    "status counts the responses and shows the mark"
expect_grep "$TMP/out" "sessions   1" "one session for one simulate"

run simulate "$TMP/v" --count 3
expect_status 0 "simulate adds to a simulated vault, with a random seed"
grep -Eq "^Wrote 3 simulated responses to $TMP/v \(seed [0-9]+\)\.$" \
    "$TMP/out"
ok $? "the random seed is printed"
run status "$TMP/v"
expect_grep "$TMP/out" "responses  1253 (simulated)" "status counts them all"

run init "$TMP/c" --form "$D/simulate-constraints.csv" --pubkey "$TMP/an.pub"
run simulate "$TMP/c" --count 300 --seed 1
expect_status 0 "simulate a form of hard constraints"

# ---- the form admits no response ---------------------------------------
run init "$TMP/x" --form "$D/simulate-impossible.csv" --pubkey "$TMP/an.pub"
run simulate "$TMP/x" --count 5 --seed 1
expect_status 65 "a form that admits no valid response exits 65"
expect_grep "$TMP/err" "consult: simulate: $TMP/x/form.csv:4: cannot \
simulate 'never': none of 39 values tried passes its constraint \
'. > 5 and . < 3'" "the question is named with its line and constraint"
[ ! -e "$TMP/x/simulated" ] && [ -z "$(ls -A "$TMP/x/responses")" ]
ok $? "nothing is written or marked"

# ---- real responses and drafts -----------------------------------------
run init "$TMP/r" --form "$FORM" --pubkey "$TMP/an.pub"
"$SIMULATE_REAL" "$TMP/r" response >/dev/null
ok $? "a real response is submitted"
run simulate "$TMP/r" --count 5 --seed 1
expect_status 65 "simulate refuses a vault with real responses"
expect_grep "$TMP/err" "consult: simulate: $TMP/r holds real responses; \
simulate into a vault of its own (consult init)" "and says why"
[ ! -e "$TMP/r/simulated" ] && [ "$(ls "$TMP/r/responses" | wc -l)" -eq 1 ]
ok $? "the real vault is left as it was"

run init "$TMP/d" --form "$FORM" --pubkey "$TMP/an.pub"
"$SIMULATE_REAL" "$TMP/d" draft >/dev/null
ok $? "a real draft is saved"
run simulate "$TMP/d" --count 5 --seed 1
expect_status 65 "simulate refuses a vault with drafts"
expect_grep "$TMP/err" "consult: simulate: $TMP/d holds drafts of real \
participants" "and says why"
[ ! -e "$TMP/d/simulated" ]
ok $? "the vault with a draft is not marked"

# ---- with run and export, when consult has them ------------------------
if has run; then
	"$CONSULT" run "$TMP/v" --plain >"$TMP/out" 2>"$TMP/err" </dev/null
	status=$?
	expect_status 65 "run refuses a simulated vault"
	expect_grep "$TMP/err" "holds simulated responses" "and says why"
fi
if has export; then
	run export "$TMP/v" --key "$TMP/an.key" --passphrase-file \
	    "$TMP/pass" --format responses -o "$TMP/v.csv"
	expect_status 0 "export reads the simulated responses"
	[ "$(rows "$TMP/v.csv")" -eq 1253 ]
	ok $? "export counts every simulated response"

	run init "$TMP/v7" --form "$FORM" --pubkey "$TMP/an.pub"
	run simulate "$TMP/v7" --count 250 --seed 7
	run init "$TMP/w7" --form "$FORM" --pubkey "$TMP/an.pub"
	run simulate "$TMP/w7" --count 250 --seed 7
	run init "$TMP/v8" --form "$FORM" --pubkey "$TMP/an.pub"
	run simulate "$TMP/v8" --count 250 --seed 8
	for v in v7 w7 v8; do
		run export "$TMP/$v" --key "$TMP/an.key" --passphrase-file \
		    "$TMP/pass" -o "$TMP/$v.csv"
	done
	cmp -s "$TMP/v7.csv" "$TMP/w7.csv"
	ok $? "the same seed gives the same responses"
	! cmp -s "$TMP/v7.csv" "$TMP/v8.csv"
	ok $? "another seed gives other responses"
fi

done_testing
