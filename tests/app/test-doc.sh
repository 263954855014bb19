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
	# A short option is listed with its long one: .BR \-o ", " \-\-output
	"$CONSULT" "$verb" --help |
	    sed -n 's/^ *\(-[A-Za-z]\), \(--[a-z][a-z-]*\).*/\1 \2/p' |
	    while read -r short long; do
		[ "$long" = --help ] && continue
		esc=$(printf '%s ", " %s' "$short" "$long" | sed 's/-/\\-/g')
		grep -qF -- "$esc" "$MAN" && echo found
	done >"$TMP/found"
	want=$("$CONSULT" "$verb" --help | grep -c '^ *-[A-Za-z], --[a-z]' )
	[ "$(wc -l <"$TMP/found")" -eq $((want - 1)) ]
	ok $? "man page lists each short option of $verb with its long one"
done

# The options every verb has, and the sections of a complete page.
grep -qF '.BR \-h ", " \-\-help' "$MAN"
ok $? "man page documents -h, --help"
"$CONSULT" --version >/dev/null && grep -qF '.B \-\-version' "$MAN"
ok $? "man page documents --version"
for section in SYNOPSIS DESCRIPTION VERBS OPTIONS ENVIRONMENT FILES \
    "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	grep -qxF -e ".SH $section" -e ".SH \"$section\"" "$MAN"
	ok $? "man page has the section $section"
done
# Every exit status a verb's help names is in EXIT STATUS.
for code in $( { "$CONSULT" help; for verb in $verbs; do
    "$CONSULT" "$verb" --help; done; } | sed -n '/^Exit status:/,/^$/p' |
    grep -o '\b[0-9][0-9]*\b' | sort -un); do
	sed -n '/^\.SH "*EXIT STATUS/,/^\.SH [^E]/p' "$MAN" | grep -qxF ".B $code"
	ok $? "EXIT STATUS documents status $code"
done

# README points to the forms page and the completion.
grep -q 'consult-forms(5)' "$README"
ok $? "README mentions consult-forms(5)"
grep -q 'bash-completion/completions/consult' "$README" &&
    grep -qF '.I @BASHCOMPDIR@/consult' "$MAN"
ok $? "README and the man page say where the bash completion goes"
grep -q '^## Installing' "$README" && grep -q 'make install' "$README"
ok $? "README has an Installing section"

done_testing
