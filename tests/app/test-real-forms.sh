#!/bin/sh
# test-real-forms.sh: the corpus of real XLSForms (tests/forms/real/,
# README.md there): each loads, or is refused (exit 65) with the first
# error expected.txt gives for it; no form lacks an expectation.
. "${srcdir:-.}/tests/app/tap.sh"
R="$srcdir/tests/forms/real"

for f in "$R"/*.xlsx; do
	b=$(basename "$f")
	grep -q "^$b	" "$R/expected.txt"
	ok $? "$b has an expected outcome"
done
tab=$(printf '\t')
n=0
while IFS="$tab" read -r b want; do
	n=$((n + 1))
	# Under valgrind, every fourth form (make check and the sanitizer
	# build check them all; valgrind would take a minute).
	if [ -n "$CONSULT_VALGRIND" ] && [ $((n % 4)) -ne 1 ]; then
		ok 0 "# SKIP $b: a quarter of the corpus under valgrind"
		continue
	fi
	run check "$R/$b"
	if [ "$want" = loads ]; then
		expect_status 0 "$b loads"
		continue
	fi
	[ "$status" -eq 65 ] && [ "$(head -1 "$TMP/err")" = \
	    "consult: check: $R/$b$want" ]
	r=$?
	[ $r -eq 0 ] || echo "# $b: status $status, $(head -1 "$TMP/err")"
	ok $r "$b is refused with$want"
done <"$R/expected.txt"

done_testing
