#!/bin/sh
# test-demo.sh: "consult demo" end to end in plain mode through a pipe:
# key pair, vault, one complete response, the report; nothing in clear.
. "${srcdir:-.}/tests/app/tap.sh"

LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
mkdir "$TMP/t"

# One complete response of the bundled consultation (as test-plain.sh).
printf '%s\n' "" ok 1 1 1 40 Acme "3 5 13 15 6" "" 5 4 3 2 1 \
    "A proposal" "on two lines" . "" 5 4 "" "" "" "" "1 2" "" 1 Jane \
    jane@example.org 120 "" y >"$TMP/in"
TMPDIR="$TMP/t" "$CONSULT" demo <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "demo with a complete response exits 0"
expect_grep "$TMP/out" "The demo key's passphrase is " "shows the passphrase"
expect_grep "$TMP/out" "Receipt: " "the run submits and shows a receipt"
expect_grep "$TMP/out" "endorse: select_one · 1 of 1 answered" \
    "the report counts the response"
expect_grep "$TMP/out" "Delete them with: rm -r $TMP/t/consult-demo." \
    "says how to delete its files"
dir=$(sed -n 's/^consult demo in //p' "$TMP/out")
[ -d "$dir/vault/responses" ] && [ -f "$dir/demo.key" ]
ok $? "its files are where it says"
[ "$(stat -c %a "$dir/demo.key")" = 600 ]
ok $? "the demo key is mode 0600"
! grep -rqF "jane@example.org" "$dir/vault" "$TMP/t"/*/imrf.csv
ok $? "no answer in clear in the vault"

# End of input before submitting: the run keeps a draft, no report.
printf '\nok\n' >"$TMP/in"
TMPDIR="$TMP/t" "$CONSULT" demo <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 1 "demo cut short exits 1 as run does"
expect_grep "$TMP/err" "kept as a draft" "the draft is kept"
! grep -qF "answered" "$TMP/out"
ok $? "no report without a submission"

run demo extra
expect_status 2 "demo takes no arguments"

if [ -n "$CONSULT_VALGRIND" ]; then
	# valgrind itself needs TMPDIR and stops before consult starts.
	ok 0 "# SKIP an unusable TMPDIR: valgrind needs TMPDIR itself"
	ok 0 "# SKIP an unusable TMPDIR: valgrind needs TMPDIR itself"
else
	TMPDIR="$TMP/nonexistent" "$CONSULT" demo </dev/null >"$TMP/out" \
	    2>"$TMP/err"
	status=$?
	expect_status 74 "an unusable TMPDIR is an I/O error"
	expect_grep "$TMP/err" "consult: demo: $TMP/nonexistent/consult-demo." \
	    "names the directory"
fi

done_testing
