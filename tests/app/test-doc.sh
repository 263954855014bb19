#!/bin/sh
# test-doc.sh: every verb that "consult help" lists is documented in the
# man page and the README, and every option of its --help in the man page.
. "${srcdir:-.}/tests/app/tap.sh"

MAN="$srcdir/doc/consult.1.in"
README="$srcdir/README.md"

verbs=$("$CONSULT" help | awk '/^Verbs:/{v=1;next} /^$/{v=0} v{print $1}')
[ -n "$verbs" ]
ok $? "consult help lists verbs"

for verb in $verbs; do
	grep -q "^\.SS \"consult $verb" "$MAN"
	ok $? "man page has a section for $verb"
	grep -q "consult $verb" "$README"
	ok $? "README mentions consult $verb"
	for opt in $("$CONSULT" "$verb" --help |
	    grep -o -- '--[a-z][a-z-]*' | sort -u); do
		[ "$opt" = --help ] && continue
		# Man pages escape the dashes: \-\-plain.
		esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		grep -q -- "$esc" "$MAN"
		ok $? "man page documents $verb $opt"
	done
done

done_testing
