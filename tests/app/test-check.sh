#!/bin/sh
# test-check.sh: "consult check" on good and bad forms: the outline, each
# error as FILE:LINE: message, and the exit statuses of SPEC.md.
. "${srcdir:-.}/tests/app/tap.sh"
cd "$srcdir" || exit 1
D=tests/data/forms

# expect_line FILE LINE DESCRIPTION: LINE is a whole line of FILE.
expect_line() {
	grep -qxF -- "$2" "$1"
	r=$?
	[ $r -eq 0 ] || echo "# line '$2' not in $1: $(head -c 600 "$1")"
	ok $r "$3"
}

run check "$D/check-good.csv"
expect_status 0 "a valid form exits 0"
expect_line "$TMP/out" "Test consultation  (test_form, version 3)" \
    "outline starts with title, id and version"
expect_line "$TMP/out" "Languages: English (en), Français (fr) [default]" \
    "languages in order, default marked"
expect_grep "$TMP/out" "  about/  Vous" "a section shows in the default language"
expect_grep "$TMP/out" "    member                select_one yn (2)" \
    "questions in a section are indented, with list and size"
expect_grep "$TMP/out" "rank goals (3), max 2" "rank shows its max"
expect_grep "$TMP/out" "if checked" "relevant and constraint flags"
expect_line "$TMP/out" \
    "5 questions: 4 stored, 1 note; 1 relevance rule; 1 constraint." \
    "counts close the outline"
[ ! -s "$TMP/err" ]
ok $? "a valid form prints nothing on stderr"

run check forms/imrf.csv
expect_status 0 "the bundled consultation is valid"
expect_grep "$TMP/out" "Languages: English (en) [default], Français (fr)" \
    "the bundled consultation has its three languages"
[ "$(wc -l <"$TMP/out")" -le 30 ]
ok $? "the bundled outline fits about one screen ($(wc -l <"$TMP/out") lines)"
[ "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' \
    "$TMP/out")" -le 90 ]
ok $? "outline lines stay near 80 columns"

run check "$D/check-crlf-bom.csv"
expect_status 0 "a CRLF file with a BOM is valid"
expect_grep "$TMP/out" "  b                       integer" \
    "rows after a quoted CRLF are read"

run check "$D/check-bad-relevant.csv"
expect_status 65 "an unknown name in relevant exits 65"
expect_line "$TMP/err" "consult: check: $D/check-bad-relevant.csv:12: unknown question 'regoin' in relevant" \
    "unknown question is named with file and line"
[ ! -s "$TMP/out" ]
ok $? "an invalid form prints no outline"

run check "$D/check-bad-many.csv"
expect_status 65 "a form with many errors exits 65"
[ "$(wc -l <"$TMP/err")" -eq 8 ]
ok $? "every error is reported ($(wc -l <"$TMP/err") lines)"
P="consult: check: $D/check-bad-many.csv"
expect_line "$TMP/err" "$P:4: unsupported type 'xml-external'" "unsupported type"
expect_line "$TMP/err" "$P:5: choice list 'colours' not found" "missing list"
expect_line "$TMP/err" \
    "$P:6: rank max 5 out of range (1 to 2, the choices of 'yn')" \
    "rank max out of range"
expect_line "$TMP/err" "$P:7: duplicate name 'name' (first at line 3)" \
    "duplicate name at its second line"
expect_line "$TMP/err" "$P:8: end_group without begin_group" \
    "end_group without begin_group"
expect_line "$TMP/err" "$P:9: group 'g' has no end_group" \
    "unclosed group at its begin_group"
expect_line "$TMP/err" \
    "$P:10: unknown type 'intger'; did you mean 'integer'?" \
    "unknown type with a suggestion"
expect_line "$TMP/err" \
    "$P:15: duplicate choice 'y' in list 'yn' (first at line 13)" \
    "duplicate choice"
sed 's/^[^:]*: [^:]*: [^:]*:\([0-9]*\):.*/\1/' "$TMP/err" >"$TMP/lines"
sort -n "$TMP/lines" | cmp -s - "$TMP/lines"
ok $? "errors are sorted by line"

run check "$D/check-bad-quote.csv"
expect_status 65 "an unterminated quote exits 65"
expect_line "$TMP/err" \
    "consult: check: $D/check-bad-quote.csv:2: unterminated quote" \
    "an unterminated quote is reported where it opens"

run check "$D/check-bad-utf8.csv"
expect_status 65 "invalid UTF-8 exits 65"
expect_line "$TMP/err" "consult: check: $D/check-bad-utf8.csv:3: invalid UTF-8" \
    "invalid UTF-8 is reported at its line"

printf 'survey,type,name,label,default\n,integer,n,N,many\n' >"$TMP/default.csv"
run check "$TMP/default.csv"
expect_status 65 "a default the question refuses exits 65"
expect_line "$TMP/err" "consult: check: $TMP/default.csv:2: invalid default \
'many' for 'n': Please enter a number, such as 12 or 3.5, without \
thousands separators." "the refused default is named with its line and why"

# A pattern glibc's regcomp would expand to 16 million copies (every
# byte of memory) and one with a back-reference (exponential regexec).
printf 'survey,type,name,label,constraint\n,text,a,A,"regex(., '"'"'(a{255}){255}{255}'"'"')"\n,text,b,B,"regex(., '"'"'(.*)(.*)\\2\\1x'"'"')"\n' >"$TMP/regex.csv"
( ulimit -t 20; exec "$CONSULT" check "$TMP/regex.csv" ) >"$TMP/out" \
    2>"$TMP/err" </dev/null
status=$?
expect_status 65 "costly regular expressions are refused (65) within 20 s of CPU"
expect_line "$TMP/err" "consult: check: $TMP/regex.csv:2: invalid regular \
expression '(a{255}){255}{255}': its repetitions make more than 1000 \
positions to match (use string-length() for long limits) in constraint" \
    "nested repetition is refused at its line"
expect_line "$TMP/err" "consult: check: $TMP/regex.csv:3: invalid regular \
expression '(.*)(.*)\\2\\1x': back-references (\\1 to \\9) are not \
supported in constraint" "a back-reference is refused at its line"

run check "$D/check-no-survey.csv"
expect_status 65 "a form without survey sheet exits 65"
expect_grep "$TMP/err" "check-no-survey.csv:1: no survey sheet" \
    "the missing survey sheet is named"

run check "$D/nonexistent.csv"
expect_status 66 "a missing form exits 66"
expect_line "$TMP/err" \
    "consult: check: $D/nonexistent.csv: No such file or directory" \
    "a missing form is named"

run check "$D"
expect_status 74 "a directory is an I/O error (74)"
expect_grep "$TMP/err" "consult: check: $D: " "the directory is named"

run check
expect_status 2 "check without FORM is a usage error"
expect_grep "$TMP/err" "usage: consult check FORM" "usage is shown"

run check "$D/check-good.csv" "$D/check-good.csv"
expect_status 2 "check with two forms is a usage error"

run check --bogus "$D/check-good.csv"
expect_status 2 "an unknown option is a usage error"

run check --help
expect_status 0 "check --help exits 0"
expect_grep "$TMP/out" "duplicate" "--help lists what check checks"

done_testing
