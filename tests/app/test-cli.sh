#!/bin/sh
# test-cli.sh: the verb table: help, --version, unknown verbs, usage errors.
. "${srcdir:-.}/tests/app/tap.sh"

run --version
expect_status 0 "--version exits 0"
expect_grep "$TMP/out" "consult " "--version names the program"

run help
expect_status 0 "help exits 0"
expect_grep "$TMP/out" "help" "help lists the help verb"

run
expect_status 2 "no verb is a usage error"

run hlep
expect_status 2 "unknown verb exits 2"
expect_grep "$TMP/err" "consult: unknown verb 'hlep'" "unknown verb is named"
expect_grep "$TMP/err" "Did you mean 'help'" "near verb is suggested"

run help --bogus
expect_status 2 "unknown option exits 2"
expect_grep "$TMP/err" "consult: help: unknown option '--bogus'" \
    "unknown option is named"

run help help
expect_status 0 "help VERB exits 0"
expect_grep "$TMP/out" "usage: consult help" "help VERB shows its usage"

run help nosuch
expect_status 2 "help of an unknown verb exits 2"

for verb in $("$CONSULT" help | awk '/^Verbs:/{v=1;next} /^$/{v=0} v{print $1}'); do
	run "$verb" --help
	expect_status 0 "$verb --help exits 0"
	expect_grep "$TMP/out" "usage: consult $verb" "$verb --help shows usage"
done

done_testing
