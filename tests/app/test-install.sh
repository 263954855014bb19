#!/bin/sh
# test-install.sh: make install DESTDIR=... installs exactly the program,
# the bundled consultation, both man pages, the bash completion and the
# catalogues of po/LINGUAS; what is installed works; make uninstall
# removes every file again.
. "${srcdir:-.}/tests/app/tap.sh"

BUILDDIR=$(dirname "$CONSULT")
D="$TMP/stage"
PREFIX=/opt/consult-test
P="$D$PREFIX"

# make TARGET: in the build tree, outside the make that runs the tests.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$BUILDDIR" "$@" \
	    DESTDIR="$D" prefix="$PREFIX" >"$TMP/make.log" 2>&1
	r=$?
	[ $r -eq 0 ] || sed 's/^/# /' "$TMP/make.log" | tail -20
	return $r
}

mk install
ok $? "make install DESTDIR=... prefix=$PREFIX"

# What must be there, then nothing else.
{
	echo "$PREFIX/bin/consult"
	echo "$PREFIX/share/consult/imrf.csv"
	echo "$PREFIX/share/man/man1/consult.1"
	echo "$PREFIX/share/man/man5/consult-forms.5"
	if [ -f "$srcdir/po/LINGUAS" ]; then
		for ll in $(sed -e '/^#/d' "$srcdir/po/LINGUAS"); do
			echo "$PREFIX/share/locale/$ll/LC_MESSAGES/consult.mo"
		done
	fi
} | sort >"$TMP/want"
(cd "$D" && find . -type f | sed 's|^\.||' | sort) >"$TMP/got"
while read -r f; do
	[ -f "$D$f" ]
	ok $? "installed $f"
done <"$TMP/want"
grep -x '.*/\(bash-completion/completions\|bash_completion\.d\)/consult' \
    "$TMP/got" >"$TMP/completion"
[ "$(wc -l <"$TMP/completion")" -eq 1 ]
ok $? "installed the bash completion: $(cat "$TMP/completion")"
cat "$TMP/want" "$TMP/completion" | sort | comm -13 - "$TMP/got" \
    >"$TMP/extra"
[ ! -s "$TMP/extra" ]
ok $? "installed nothing else"
sed 's/^/# unexpected: /' "$TMP/extra"

[ -x "$P/bin/consult" ] && "$P/bin/consult" --version >"$TMP/out"
ok $? "the installed consult runs"
"$P/bin/consult" check "$P/share/consult/imrf.csv" >/dev/null
ok $? "the installed consultation passes the installed consult check"
cmp -s "$P/share/consult/imrf.csv" "$srcdir/forms/imrf.csv"
ok $? "the installed consultation is forms/imrf.csv"

for page in man1/consult.1 man5/consult-forms.5; do
	f="$P/share/man/$page"
	grep -q '^\.SH "*SEE ALSO' "$f" && ! grep -q '@[A-Z]*@' "$f"
	ok $? "$page is filled in"
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 man --warnings -l "$f" >"$TMP/page" 2>"$TMP/warn"
		[ $? -eq 0 ] && [ ! -s "$TMP/warn" ] &&
		    grep -q '^NAME' "$TMP/page"
		ok $? "man -l renders the installed $page without a warning"
	else
		echo "ok $((tap_n += 1)) - # SKIP man not installed"
	fi
done
grep -q 'consult\\-forms (5)' "$P/share/man/man1/consult.1" &&
    grep -q 'consult (1)' "$P/share/man/man5/consult-forms.5"
ok $? "the two pages refer to each other"

if command -v bash >/dev/null 2>&1; then
	reply=$(bash -c '. "$0" || exit 1
		COMP_WORDS=("$1" ex); COMP_CWORD=1
		_consult consult ex "$1"; echo "${COMPREPLY[*]}"' \
	    "$D$(cat "$TMP/completion")" "$P/bin/consult")
	[ "$reply" = export ]
	ok $? "the installed completion completes verbs of the installed consult"
fi

mk uninstall
ok $? "make uninstall DESTDIR=..."
(cd "$D" && find . -type f) >"$TMP/left"
[ ! -s "$TMP/left" ]
ok $? "make uninstall leaves no file"
sed 's/^/# left: /' "$TMP/left"

done_testing
