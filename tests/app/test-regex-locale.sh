#!/bin/sh
# test-regex-locale.sh: a regex() constraint means the same whatever the
# locale consult runs in (as in ODK): "[a-z _-é]" is accepted by check
# and takes "été" but not "Ω" under LC_ALL=C and under C.UTF-8 alike.
. "${srcdir:-.}/tests/app/tap.sh"
F="$TMP/re.csv"
printf '%s\n' 'survey,type,name,label,constraint' \
    ",text,word,A word?,\"regex(., '^[a-z _-é]+\$')\"" \
    ',text,one,One character?,"regex(., '\''^.$'\'')"' >"$F"
printf 'regex test passphrase\n' >"$TMP/pass"
analyst_key "$TMP/an" "$TMP/pass"
for l in C C.UTF-8; do
	if [ $l != C ] && ! locale -a 2>/dev/null | grep -qix 'c.utf-\{0,1\}8'; then
		echo "# SKIP $l is not installed"
		continue
	fi
	LC_ALL=$l "$CONSULT" check "$F" >"$TMP/out" 2>"$TMP/err"
	status=$?
	expect_status 0 "LC_ALL=$l: check accepts a range up to é"
	rm -rf "$TMP/v"
	run init "$TMP/v" --form "$F" --pubkey "$TMP/an.pub"
	printf 'Ω\nété x\né\ny\n' | LC_ALL=$l "$CONSULT" run "$TMP/v" --plain \
	    >"$TMP/run" 2>&1
	status=$?
	expect_status 0 "LC_ALL=$l: the participant submits"
	[ "$(grep -c 'This answer is not allowed' "$TMP/run")" -eq 1 ]
	ok $? "LC_ALL=$l: Ω is refused, once"
	expect_grep "$TMP/run" "Your answer: été x" "LC_ALL=$l: été x is taken"
	expect_grep "$TMP/run" "Your answer: é" \
	    "LC_ALL=$l: é is one character for '.'"
done
done_testing
