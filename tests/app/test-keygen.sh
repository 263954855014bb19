#!/bin/sh
# test-keygen.sh: consult keygen: files, modes, passphrases from a file or
# the terminal (no echo), refusals and their exit statuses.
. "${srcdir:-.}/tests/app/tap.sh"

printf 'correct horse battery staple\nignored second line\n' >"$TMP/pass"
K="$TMP/analyst"

# skip N REASON: count N tests as skipped.
skip() {
	for _ in $(seq "$1"); do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP $2"
	done
}

run keygen -o "$K" --passphrase-file "$TMP/pass"
expect_status 0 "keygen with --passphrase-file exits 0"
expect_grep "$TMP/out" "wrote $K.key" "keygen names the secret key file"
expect_grep "$TMP/out" "key id " "keygen shows the key id"
[ "$(stat -c %a "$K.key")" = 600 ]
ok $? "the secret key file has mode 0600"
[ "$(stat -c %s "$K.key")" -eq 148 ]
ok $? "the secret key file has the documented size"
head -c 14 "$K.pub" | grep -qx 'consult-pub-1 '
ok $? "the public key file starts with its format"
[ "$(wc -l <"$K.pub")" -eq 1 ] && [ "$(wc -c <"$K.pub")" -eq 59 ]
ok $? "the public key file is one line"
! grep -q "correct horse" "$K.key" "$K.pub"
ok $? "the passphrase is not in the key files"
cp "$K.key" "$TMP/key.orig"

run keygen -o "$K" -P "$TMP/pass"
expect_status 1 "keygen refuses to overwrite"
expect_grep "$TMP/err" "consult: keygen: $K.key: already exists; not overwriting it" \
    "the refusal names the file"
cmp -s "$K.key" "$TMP/key.orig"
ok $? "the existing key is untouched"

run keygen -o "$K.key" -P "$TMP/pass"
expect_status 1 "-o NAME.key means NAME (and refuses here)"

: >"$TMP/only.pub"
run keygen -o "$TMP/only" -P "$TMP/pass"
expect_status 1 "keygen refuses when only NAME.pub exists"
[ ! -e "$TMP/only.key" ] && [ ! -s "$TMP/only.pub" ]
ok $? "and leaves no .key behind, the .pub untouched"

run keygen -o "$TMP/new" -P "$TMP/nosuch"
expect_status 66 "a missing passphrase file exits 66"
expect_grep "$TMP/err" "consult: keygen: $TMP/nosuch: No such file or directory" \
    "the missing passphrase file is named"
[ ! -e "$TMP/new.key" ] && [ ! -e "$TMP/new.pub" ]
ok $? "no key files after a missing passphrase file"

: >"$TMP/empty"
run keygen -o "$TMP/new" -P "$TMP/empty"
expect_status 1 "an empty passphrase is refused"
expect_grep "$TMP/err" "consult: keygen: the passphrase is empty" \
    "the empty passphrase is named"

printf 'eleven char\n' >"$TMP/short"
run keygen -o "$TMP/new" -P "$TMP/short"
expect_status 1 "a passphrase of 11 characters is refused"
expect_grep "$TMP/err" "consult: keygen: the passphrase is too short: it needs at least 12 characters" \
    "the refusal says the minimum"
[ ! -e "$TMP/new.key" ] && [ ! -e "$TMP/new.pub" ]
ok $? "no key files after a short passphrase"
printf '\303\247%.0s' 1 2 3 4 5 6 7 8 9 10 11 >"$TMP/short"
run keygen -o "$TMP/new" -P "$TMP/short"
expect_status 1 "11 characters in 22 bytes are still too short"
printf '\303\247%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 >"$TMP/twelve"
run keygen -o "$TMP/new" -P "$TMP/twelve"
expect_status 0 "12 characters (UTF-8) are enough"
rm -f "$TMP/new.key" "$TMP/new.pub"

run keygen -o "$TMP/nodir/analyst" -P "$TMP/pass"
expect_status 74 "keygen into a missing directory exits 74"
expect_grep "$TMP/err" "$TMP/nodir/analyst.key" "the unwritable file is named"

run keygen -P "$TMP/pass"
expect_status 2 "keygen without -o is a usage error"
expect_grep "$TMP/err" "consult: keygen: missing -o NAME" "-o is asked for"

run keygen -o "$TMP/new" extra -P "$TMP/pass"
expect_status 2 "keygen takes no arguments"

run keygen -o "$TMP/new" --passphrase "secret"
expect_status 66 "a passphrase in argv is only ever a file name"
expect_grep "$TMP/err" "consult: keygen: secret: No such file" \
    "and the file is what is looked for"

setsid "$CONSULT" keygen -o "$TMP/new" >"$TMP/out" 2>"$TMP/err" </dev/null
status=$?
expect_status 2 "without a terminal or a file keygen exits 2"
expect_grep "$TMP/err" "use --passphrase-file" "and says how to give one"

# The terminal: a pty, two prompts, no echo, signals.
pty() {
	"${PYTHON3:-python3}" "$srcdir/tests/app/keygen-pty.py" "$CONSULT" "$@" \
	    >"$TMP/screen"
	status=$?
}
if [ -x "${PYTHON3:-/usr/bin/python3}" ]; then
	pty "$TMP/tty" twice "s3cret words" "s3cret words"
	expect_status 0 "keygen on a terminal exits 0"
	expect_grep "$TMP/screen" "Same passphrase again: " \
	    "the passphrase is asked twice"
	grep -Eq '^  [2-9A-HJKMNP-TV-Z]{5}(-[2-9A-HJKMNP-TV-Z]{5}){3}' \
	    "$TMP/screen"
	ok $? "keygen offers a generated passphrase on the terminal"
	expect_grep "$TMP/screen" "At least 12 characters." \
	    "and says the minimum before asking"
	grep -Eq '^Max core file size +0 +0 ' "$TMP/screen"
	ok $? "keygen runs with core dumps disabled"
	! grep -q "s3cret" "$TMP/screen"
	ok $? "the passphrase is not echoed"
	[ -f "$TMP/tty.key" ]
	ok $? "the key was written"

	pty "$TMP/tty2" twice "one thing" "another"
	expect_status 1 "differing passphrases exit 1"
	expect_grep "$TMP/screen" "the passphrases differ" "and say so"
	[ ! -e "$TMP/tty2.key" ]
	ok $? "no key after differing passphrases"

	pty "$TMP/int" interrupt
	expect_grep "$TMP/screen" "status=130" \
	    "keygen dies of an interrupt at the prompt"
	grep -Eq '(^| )echo( |$)' "$TMP/screen"
	ok $? "and the terminal echoes again"
	[ ! -e "$TMP/int.key" ]
	ok $? "no key after an interrupt"

	if [ -n "$CONSULT_VALGRIND" ]; then
		# Under make check-valgrind the ^Z, stop and continue at the
		# prompt failed in both runs tried (keygen then found no
		# terminal): job control under valgrind, not a memory error
		# (no valgrind report); the plain make check runs these.
		skip 4 "^Z at the prompt: job control differs under valgrind"
	else
		pty "$TMP/stop" stop "after a pause"
		expect_status 0 \
		    "keygen stopped (^Z) at the prompt and continued exits 0"
		expect_grep "$TMP/screen" "[stopped; echo on]" \
		    "while stopped the terminal echoes"
		[ "$(grep -c "New passphrase: " "$TMP/screen")" -eq 2 ]
		ok $? "on return the passphrase is asked again"
		! grep -q "after a pause" "$TMP/screen"
		ok $? "and not echoed"
	fi
else
	skip 15 "no python3 for a pty"
fi

# Loading the key: a wrong passphrase shows up where the key is used.
if "$CONSULT" help export >/dev/null 2>&1 && "$CONSULT" help init >/dev/null 2>&1; then
	"$CONSULT" init "$TMP/vault" --form "$srcdir/forms/imrf.csv" \
	    --pubkey "$K.pub" >/dev/null 2>&1
	echo "not the passphrase" >"$TMP/wrong"
	run export "$TMP/vault" --key "$K.key" --passphrase-file "$TMP/wrong"
	expect_status 77 "export with a wrong passphrase exits 77"
	expect_grep "$TMP/err" "wrong passphrase" "and says so"
	run export "$TMP/vault" --key "$TMP/nokey.key" --passphrase-file "$TMP/pass"
	expect_status 66 "export with a missing key file exits 66"
	run export "$TMP/vault" --key "$K.key" --passphrase-file "$TMP/pass"
	expect_status 0 "export with the right passphrase exits 0"
else
	skip 4 "no export verb yet"
fi

done_testing
