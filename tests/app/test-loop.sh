#!/bin/sh
# test-loop.sh: pyxform's loops over a list, whole program through pipes:
# check's outline and a refusal with its line; plain mode in French and
# in English through the copies (relevance per choice, :back across
# them); the export's columns named LOOP-CHOICE-NAME, checked cell by
# cell; simulate, whose responses keep each copy's relevance.
. "${srcdir:-.}/tests/app/tap.sh"

VT="$(dirname "$CONSULT")/tests/app/vault-tool"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
FORM="$srcdir/tests/data/forms/loop-crops.csv"

echo "test passphrase" >"$TMP/pass"
"$VT" keygen "$TMP/an" "$TMP/pass" >/dev/null 2>&1
KEY="--key $TMP/an.key --passphrase-file $TMP/pass"
"$VT" init "$TMP/v" "$FORM" "$TMP/an.pub" || echo "# init failed"
"$VT" init "$TMP/s" "$FORM" "$TMP/an.pub" || echo "# init failed"

# export_ VAULT ARGS...: consult export, CSV in $TMP/out, CR dropped.
export_() {
	v=$1
	shift
	# shellcheck disable=SC2086
	"$CONSULT" export "$TMP/$v" $KEY "$@" >"$TMP/out.crlf" 2>"$TMP/err"
	status=$?
	tr -d '\r' <"$TMP/out.crlf" >"$TMP/out"
}

# expect_line FILE LINE DESCRIPTION: FILE has exactly this line.
expect_line() {
	grep -qxF -- "$2" "$1"
	r=$?
	[ $r -eq 0 ] || echo "# no line '$2' in $1: $(head -c 600 "$1")"
	ok $r "$3"
}

run check "$FORM"
expect_status 0 "check: a form with a loop loads"
expect_grep "$TMP/out" "crops-maize/  Maize" \
    "check: the outline has a group per choice, named LOOP-CHOICE"
expect_grep "$TMP/out" "crops-beans-area_beans integer" \
    "check: ... holding the copies, named LOOP-CHOICE-NAME"
if grep -q "crops-none" "$TMP/out"; then r=1; else r=0; fi
ok $r "check: the choice 'none' is left out"
printf 'survey,,,\n,type,name,label\n,text,a,A\n,begin loop over nope,l,L\n' \
    >"$TMP/bad.csv"
printf ',text,x,X\n,end loop,,\n' >>"$TMP/bad.csv"
run check "$TMP/bad.csv"
expect_status 65 "check: a loop over a list that is not there: 65"
expect_grep "$TMP/err" "bad.csv:4: loop 'l': choice list 'nope' not found" \
    "... said with its line"

# French: both crops, 12 ha of maize (why asked), 3 of beans (not).
printf '%s\n' ACME '1 2' 12 soil 3 '' yes >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain --lang fr <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "plain (fr): a loop form is answered and submitted"
expect_grep "$TMP/out" "[3/5] form - Maïs" \
    "plain (fr): the section line names the choice in French"
expect_grep "$TMP/out" "Hectares de Haricots" \
    "plain (fr): %(label)s is the choice's French label"
expect_grep "$TMP/out" "Pourquoi Maïs ?" \
    "plain (fr): a copy's relevance reads the same choice's answer"
if grep -qF "Pourquoi Haricots" "$TMP/out"; then r=1; else r=0; fi
ok $r "plain (fr): ... and not the other choice's"
expect_grep "$TMP/out" "Maïs : 12 ha" \
    "plain (fr): \${area_maize} after the loop is the maize copy"

# English: beans only; :back from 'Why Beans?' to change the area.
printf '%s\n' Other 2 20 :back 25 rain '' yes >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "plain (en): a second response is submitted"
if grep -qF "Hectares of Maize" "$TMP/out"; then r=1; else r=0; fi
ok $r "plain (en): the maize copy is skipped when maize is not grown"
[ "$(grep -c '^Hectares of Beans$' "$TMP/out")" -eq 2 ]
ok $? "plain (en): :back from 'Why Beans?' reaches 'Hectares of Beans'"

export_ v --format responses
expect_status 0 "export responses"
expect_line "$TMP/out" '"response_id","submitted","form_version","org","grown","grown/maize","grown/beans","grown/none","crops-maize-area_maize","crops-maize-why","crops-beans-area_beans","crops-beans-why"' \
    "responses: a column per copy, named LOOP-CHOICE-NAME"
acme=$(grep '"ACME"' "$TMP/out" | cut -d, -f4-)
[ "$acme" = '"ACME","maize beans","1","1","0","12","soil","3",""' ]
ok $? "responses: the French response, cell by cell"
other=$(grep '"Other"' "$TMP/out" | cut -d, -f4-)
[ "$other" = '"Other","beans","0","1","0","","","25","rain"' ]
ok $? "responses: the English response, the area changed after :back"
export_ v --format codebook
expect_line "$TMP/out" '"crops-beans-why","Why Beans?","text","","","${crops-beans-area_beans} > 10","",""' \
    "codebook: a copy with its label and its relevance on its choice's copy"

# simulate: each simulated response answers a copy only when its crop is
# grown, and asks why only above 10 ha.
"$CONSULT" simulate "$TMP/s" --count 40 --seed 5 >/dev/null 2>"$TMP/err"
status=$?
expect_status 0 "simulate a form with a loop"
export_ s --include-simulated --format responses
[ "$(wc -l <"$TMP/out")" -eq 41 ]
ok $? "simulate: 40 responses exported"
bad=$(awk -F'","' 'NR > 1 {
	if (($6 != "1" && $9 != "") || ($7 != "1" && $11 != "")) n++
	if (($9 == "" || $9 + 0 <= 10) && $10 != "") n++
	gsub(/"/, "", $12)
	if (($11 == "" || $11 + 0 <= 10) && $12 != "") n++
} END { print n + 0 }' "$TMP/out")
[ "$bad" -eq 0 ]
ok $? "simulate: every copy obeys its own choice's relevance ($bad not)"
grown=$(awk -F'","' 'NR > 1 && $7 == "1" && $11 != "" { n++ }
    END { print n + 0 }' "$TMP/out")
[ "$grown" -gt 0 ]
ok $? "simulate: some responses answer the beans copy ($grown)"

done_testing
