#!/bin/sh
# test-instance.sh: instance() lookups as participants and analysts meet
# them: a form with a csv-external file and a list of the choices sheet,
# its calculations answered in plain mode through a pipe (in English,
# then in French), the file kept in the vault, the values in the export,
# and check refusing a lookup it cannot do, with its line.
. "${srcdir:-.}/tests/app/tap.sh"

VT="$(dirname "$CONSULT")/tests/app/vault-tool"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
F="$srcdir/tests/data/forms/instance/form.csv"

run check "$F"
expect_status 0 "a form reading instance() from a list and a file is valid"

echo "instance passphrase" >"$TMP/pass"
"$VT" keygen "$TMP/an" "$TMP/pass" >/dev/null 2>&1
KEY="--key $TMP/an.key --passphrase-file $TMP/pass"
"$VT" init "$TMP/v" "$F" "$TMP/an.pub" 2>"$TMP/err"
ok $? "a vault of the form"
cmp -s "$TMP/v/prices.csv" "$srcdir/tests/data/forms/instance/prices.csv"
ok $? "the csv-external file is kept in the vault"

# Germany, item B (3); the note; submit.
printf '2\nB\n\ny\n' >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
expect_grep "$TMP/out" "Germany: Berlin, price 3 (2 dearer)" \
    "the note shows the values looked up"
! grep -q "Why no price" "$TMP/out"
ok $? "a price found: the question relevant on none is not asked"

# Germany in French, an unknown item: no match is "".
printf '2\nZ\n\nno list\ny\n' >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain --lang fr <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
expect_grep "$TMP/out" "Allemagne : Berlin, prix " \
    "in French, the label of the participant's language"
expect_grep "$TMP/out" "Pourquoi ?" "no match: the question on '' is asked"

"$CONSULT" export "$TMP/v" $KEY --format responses >"$TMP/out.crlf" \
    2>"$TMP/err"
ok $? "export"
tr -d '\r' <"$TMP/out.crlf" >"$TMP/out"
head -1 "$TMP/out" | grep -qF '"capital","country","price","dearer"'
ok $? "the calculations are columns of the export"
expect_grep "$TMP/out" '"de","B","Berlin","Germany","3","2",""' \
    "the values looked up are in the export"
expect_grep "$TMP/out" '"de","Z","Berlin","Allemagne","","2","no list"' \
    "no match exports as empty; the label as the participant read it"
! grep -q 'prices' "$TMP/out"
ok $? "the csv-external row is no column"

printf 'survey,type,name,label,calculation\n,text,t,T?,\n,calculate,c,,"instance(%s)/root/item[name = ${t}]/label"\n' \
    "'nowhere'" >"$TMP/bad.csv"
run check "$TMP/bad.csv"
expect_status 65 "a lookup into nothing is refused"
expect_grep "$TMP/err" "$TMP/bad.csv:3: instance('nowhere'): no list 'nowhere' in the choices sheet" \
    "with its line and what is missing"

done_testing
