#!/bin/sh
# test-forms-doc.sh: consult-forms(5) against the code: every type, column
# alias and expression function of the source tables is in the page, in
# bold; the page's example form passes consult check; and both man pages
# render without a warning.
. "${srcdir:-.}/tests/app/tap.sh"

PAGE="$srcdir/doc/consult-forms.5.in"
ALIASES="$srcdir/forms/aliases.c"
FUNCS="$srcdir/forms/expr-func.c"
BUILDDIR=$(dirname "$CONSULT")

# table FILE NAME: the strings of the C array NAME[] in FILE, one a line
# (the names: the tables hold no other strings).
table() {
	awk -v name="$2" '
		index($0, name "[] = {") { f = 1; next }
		f && /^};/ { f = 0 }
		f' "$1" | grep -o '"[^"]*"' | tr -d '"'
}

# in_bold NAME [SUFFIX]: NAME is in bold in the page (\fBNAME\fP, or
# alone on a .B or .BR line), with the man page's \- for each -.
in_bold() {
	esc=$(printf '%s' "$1" | sed 's/-/\\-/g')
	grep -qF -e "\\fB$esc\\fP$2" -e "\\fB$esc\\fR$2" "$PAGE" && return 0
	[ -n "$2" ] && return 1
	grep -qxF -e ".B $esc" -e ".B \"$esc\"" "$PAGE" && return 0
	grep -qF -e ".BR $esc " -e ".BR \"$esc\" " "$PAGE"
}

# check_table WHAT FILE ARRAY [SUFFIX] KNOWN: every entry of the array is in
# bold in the page; the table was found and holds KNOWN.
check_table() {
	what=$1 file=$2 array=$3 suffix=$4 known=$5
	table "$file" "$array" >"$TMP/list"
	grep -qxF "$known" "$TMP/list"
	ok $? "$array in $(basename "$file") read ($(wc -l <"$TMP/list") entries)"
	while IFS= read -r name; do
		in_bold "$name" "$suffix"
		ok $? "consult-forms(5) documents $what '$name'"
	done <"$TMP/list"
}

check_table type "$ALIASES" alias_types "" integer
check_table "type taking a list" "$ALIASES" alias_selects "" select_one
check_table "unsupported type" "$ALIASES" alias_unsupported "" xml-external
check_table "metadata type" "$ALIASES" alias_metadata "" deviceid
check_table "capture type" "$ALIASES" alias_capture "" geopoint
check_table "unsupported type taking a name" "$ALIASES" \
    alias_unsupported_prefixes "" osm
check_table column "$ALIASES" alias_columns "" list_name
check_table function "$FUNCS" expr_funcs "(" count-selected
check_table function "$srcdir/forms/expr-nodeset.c" nodeset_funcs "(" sum
check_table "repeat type" "$srcdir/forms/repeat-form.c" repeat_begin_words \
    "" begin_repeat
check_table "repeat type" "$srcdir/forms/repeat-form.c" repeat_end_words \
    "" end_repeat
check_table "loop type" "$srcdir/forms/loop-rows.c" loop_begin_words "" \
    "begin loop"
check_table "loop type" "$srcdir/forms/loop-rows.c" loop_end_words "" \
    end_loop
check_table function "$srcdir/forms/expr-date.c" expr_date_funcs "(" \
    format-date
check_table function "$srcdir/forms/expr-string.c" expr_string_funcs "(" \
    substr
check_table function "$srcdir/forms/expr-math.c" expr_math_funcs "(" pow
check_table function "$srcdir/forms/expr-instance.c" expr_instance_funcs \
    "(" jr:itext
check_table "dataset type" "$ALIASES" alias_datasets "" csv-external

# Both pages are cross-referenced.
grep -qF '.BR consult (1)' "$PAGE"
ok $? "consult-forms(5) refers to consult(1)"
grep -qF '.BR consult\-forms (5)' "$srcdir/doc/consult.1.in"
ok $? "consult(1) refers to consult-forms(5)"

# The example, from the page's source as a reader would copy it.
sed -n '/^\.\\" example-begin/,/^\.\\" example-end/p' "$PAGE" |
    sed -e '/^\./d' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" \
    -e 's/\\(dq/"/g' -e 's/\\&//g' >"$TMP/example.csv"
[ -s "$TMP/example.csv" ] && ! grep -q '\\' "$TMP/example.csv"
ok $? "the example is in the page, without roff escapes left"
run check "$TMP/example.csv"
expect_status 0 "consult check accepts the page's example"
sed -n '/^\$ consult check example.csv$/,/^\\&\.\.\.$/p' "$PAGE" |
    sed -e '1d' -e '$d' >"$TMP/shown"
[ -s "$TMP/shown" ] && head -n "$(wc -l <"$TMP/shown")" "$TMP/out" |
    cmp -s - "$TMP/shown"
ok $? "the page shows the start of check's real outline"
for type in select_one select_multiple rank integer text date note \
    acknowledge calculate begin_group end_group; do
	grep -q "^,$type\\([ ,]\\|\$\\)" "$TMP/example.csv"
	ok $? "the example has a $type"
done

# Rendering: built pages, substituted, without a groff or man warning.
for page in doc/consult.1 doc/consult-forms.5; do
	f="$BUILDDIR/$page"
	[ -f "$f" ] && ! grep -q '@[A-Z]*@' "$f"
	ok $? "$page is built with its placeholders filled in"
	if command -v groff >/dev/null 2>&1; then
		groff -k -man -Tutf8 -ww -z "$f" >"$TMP/warn" 2>&1
		[ $? -eq 0 ] && [ ! -s "$TMP/warn" ]
		ok $? "groff -ww renders $page without a warning"
		cat "$TMP/warn"
	else
		echo "ok $((tap_n += 1)) - # SKIP groff not installed"
	fi
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 man --warnings -l "$f" >/dev/null 2>"$TMP/warn"
		[ $? -eq 0 ] && [ ! -s "$TMP/warn" ]
		ok $? "man -l renders $page without a warning"
		cat "$TMP/warn"
	else
		echo "ok $((tap_n += 1)) - # SKIP man not installed"
	fi
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -Tlint -W warning "$f" >"$TMP/warn" 2>&1
		ok $? "mandoc -Tlint finds nothing in $page"
		cat "$TMP/warn"
	fi
done

# The example as the rendered page shows it is the one checked above.
if command -v groff >/dev/null 2>&1; then
	groff -k -man -Tutf8 -rLL=200n -P-cbou \
	    "$BUILDDIR/doc/consult-forms.5" 2>/dev/null |
	    sed -e 's/^       //' -e 's/\xe2\x88\x92/-/g' \
	    -e "s/\\xe2\\x80\\x99/'/g" |
	    sed -n '/^EXAMPLE$/,$p' | sed -n '/^survey$/,/^,Example,example/p' \
	    >"$TMP/rendered"
	cmp -s "$TMP/rendered" "$TMP/example.csv"
	ok $? "the rendered example is the example checked"
fi

done_testing
