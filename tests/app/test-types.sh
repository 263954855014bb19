#!/bin/sh
# test-types.sh: the types and columns of issue 10 (items 3 and 5) as a
# facilitator and a participant meet them, whole program: check's outline
# and its refusals (FILE:LINE, exit 65), a response in plain mode through
# a pipe (time, datetime, range, or_other, month-year, year, read-only,
# trigger, phone number), the same on the curses screen (the range's
# slider, a read-only value) at 80x24 and 40x12, and the answers as the
# export reads them back.
. "${srcdir:-.}/tests/app/tap.sh"
. "${srcdir:-.}/tests/app/tmux.sh"

: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
F="$srcdir/tests/data/app/types.csv"

# ---- check -----------------------------------------------------------------
run check "$F"
expect_status 0 "the form of every new type loads"
expect_grep "$TMP/out" "score                   range 0 to 10 by 2" \
    "the outline gives a range's scale"
expect_grep "$TMP/out" "month                   date month-year" \
    "and a date's parts"
expect_grep "$TMP/out" "double                  integer                           read-only" \
    "a question with a calculation is read-only"
expect_grep "$TMP/out" "guess                   integer                           triggered" \
    "a trigger is named"
expect_grep "$TMP/out" "colour_other            text                              if" \
    "or_other adds its question"
expect_no_gone=$(grep -c "gone" "$TMP/out")
[ "$expect_no_gone" -eq 0 ]
ok $? "a disabled row is left out"

# bad FORM-TEXT MESSAGE: check refuses the form with 65 and FILE:LINE.
bad() {
	printf '%s' "$1" >"$TMP/bad.csv"
	run check "$TMP/bad.csv"
	[ "$status" -eq 65 ] && grep -qF -- "$TMP/bad.csv:$2" "$TMP/err"
	r=$?
	[ $r -eq 0 ] || echo "# status $status: $(cat "$TMP/err")"
	ok $r "refused: $2"
}
H='survey,type,name,label,parameters
'
bad "$H,range,r,R,step=0
" "2: range step must not be 0"
bad "$H,range,r,R,start=5 end=5
" "2: range step 1 is wider than the range from 5 to 5"
bad "$H,range,r,R,start=one
" "2: range start 'one' is not a number"
bad "$H,range,r,R,start=0 end=1 step=0.0000001
" "2: range from 0 to 1 by 0.0000001: consult takes ends below 1000000000 and up to 6 decimals"
bad "$H,select_one c or_other,a,A,
" "2: choice list 'c' not found"
bad "survey,type,name,label,calculation,trigger
,text,a,A,1,\${nope}
" "2: trigger names no question 'nope'"
bad "survey,type,name,label,default
,time,t,T,7pm
" "2: invalid default '7pm' for 't': Please enter a time as HH:MM"

# ---- plain mode --------------------------------------------------------------
echo "types test passphrase" >"$TMP/pass"
analyst_key "$TMP/an" "$TMP/pass"
for v in plain curses; do
	"$VAULT_TOOL" init "$TMP/$v" "$F" "$TMP/an.pub" 2>"$TMP/err" ||
	    echo "# init $v: $(cat "$TMP/err")"
done
# meet, since, score (3 is off the scale: again), temp, colour (other),
# colour_other, month (2025-13 refused: again), year, double and fixed
# (read-only: what is typed is not taken), guess (changed), the notes,
# phone, then submit.
printf '%s\n' 9:05 "2025-03-01 14:30" 3 4 -0.5 3 purple 2025-13 2025-03 \
    1999 99 xyz 7 "" "" 555 y >"$TMP/in"
"$CONSULT" run "$TMP/plain" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "a response of every new type in plain mode"
expect_grep "$TMP/out" "Type a time as HH:MM (24-hour clock)." \
    "a time says how to type it"
expect_grep "$TMP/out" "Scale: 0 2 4 6 8 10" "a range shows its scale"
expect_grep "$TMP/out" "Scale: 1.5 1 0.5 0 -0.5 -1 -1.5" \
    "a decreasing decimal range too"
expect_grep "$TMP/out" "Please choose a value on the scale shown." \
    "a value off the scale is refused"
expect_grep "$TMP/out" "  3) Other" "or_other adds the choice Other"
expect_grep "$TMP/out" "  2) blue" "a choice without label shows its name"
expect_grep "$TMP/out" "Specify other." "and asks to specify it"
expect_grep "$TMP/out" "Please enter a month as YYYY-MM, such as 2025-03." \
    "month-year refuses a bad month"
expect_grep "$TMP/out" "Type a year as YYYY." "year asks only the year"
expect_grep "$TMP/out" "This answer is worked out for you; it cannot be changed." \
    "a read-only question says so"
expect_grep "$TMP/out" "[pic.png]" "a note of an image only is named by it"
expect_grep "$TMP/out" "Enter numbers only." "phone number gives pyxform's hint"
expect_grep "$TMP/out" "     Your answer: 2025-03" \
    "the review shows the month asked"
expect_grep "$TMP/out" "     Your answer: 2025-03-01 14:30" \
    "and a date and time as typed"

# ---- curses ----------------------------------------------------------------
if command -v tmux >/dev/null 2>&1; then
	SOCK="consult-types-$$"
	trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
	cat >"$TMP/launch" <<EOF
#!/bin/sh
unset LANGUAGE LC_ALL LC_MESSAGES
TERM=screen LANG=C.UTF-8 "$CONSULT" run "$TMP/curses" 2>"$TMP/cerr"
echo \$? >"$TMP/status"
exec sleep 600
EOF
	chmod +x "$TMP/launch"
	T -f /dev/null new-session -d -x 80 -y 24 "$TMP/launch"
	wait_for "When do you meet?" >/dev/null
	T send-keys -l "9:05"
	T send-keys Enter
	wait_for "Since when?" >/dev/null
	T send-keys -l "2025-03-01 14:30"
	T send-keys Enter
	wait_for "How satisfied?"
	ok $? "curses: the range question"
	T send-keys Right Right Right
	wait_for "> 0 [----------------|------------------------] 10  4"
	ok $? "curses: Right moves the slider a step at a time"
	T send-keys End
	wait_for "|] 10  10"
	ok $? "curses: End goes to the last value"
	T send-keys Left Enter
	wait_for "Temperature?" >/dev/null
	T send-keys Home Enter
	wait_for "Favourite colour?" >/dev/null
	T send-keys 1 Enter
	wait_for "Which month?" >/dev/null
	T send-keys -l "2025-04"
	T send-keys Enter
	wait_for "Which year?" >/dev/null
	T send-keys -l "2001"
	T send-keys Enter
	wait_for "> 16"
	ok $? "curses: the read-only value is computed from the range"
	T resize-window -x 40 -y 12
	wait_for "changed."
	ok $? "curses at 40x12: why it cannot change, wrapped"
	T resize-window -x 80 -y 24
	T send-keys Enter
	wait_for "> abc" >/dev/null
	T send-keys Enter
	wait_for "A guess" >/dev/null
	T send-keys Enter Enter Enter
	wait_for "Phone?" >/dev/null
	T send-keys Enter
	wait_for "Review" >/dev/null
	T send-keys s
	sleep 0.3
	T send-keys y
	wait_for "Receipt" >/dev/null
	T send-keys Enter
	i=0
	while [ ! -s "$TMP/status" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(cat "$TMP/status" 2>/dev/null)" = 0 ]
	ok $? "curses: the response is submitted"
	T kill-server >/dev/null 2>&1
else
	echo "# SKIP curses: tmux is not installed"
fi

# ---- lists in files beside the form ---------------------------------------
L="$srcdir/tests/data/app/lists"
run check "$L/form.csv"
expect_grep "$TMP/out" "towns                   select_multiple towns.csv (3)" \
    "check reads a select_multiple_from_file's list beside the form"
mkdir "$TMP/nolist"
cp "$L/form.csv" "$TMP/nolist/form.csv"
run check "$TMP/nolist/form.csv"
[ "$status" -eq 65 ] && grep -qF "$TMP/nolist/form.csv:2: list file 'regions.csv' not found beside the form" "$TMP/err"
ok $? "a missing list file: FILE:LINE and 65"
run init "$TMP/lists" --form "$L/form.csv" --pubkey "$TMP/an.pub"
expect_status 0 "init takes a form with list files"
cmp -s "$L/towns.csv" "$TMP/lists/towns.csv" &&
    cmp -s "$L/regions.csv" "$TMP/lists/regions.csv"
ok $? "the vault keeps each list file's bytes beside the form"
printf '%s\n' 2 3 1 y >"$TMP/in"
"$CONSULT" run "$TMP/lists" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "a response from the vault's lists"
expect_grep "$TMP/out" "  2) South, far" "the list's labels, as the CSV quotes them"
expect_grep "$TMP/out" "Please choose among the options shown." \
    "the choice_filter reads the list's own column"
run export "$TMP/lists" --key "$TMP/an.key" --passphrase-file "$TMP/pass" \
    --format responses
expect_grep "$TMP/out" ',"south","b"' "export reads the answers of the lists"
chmod u+w "$TMP/lists/towns.csv"
echo "d,Delta,north" >>"$TMP/lists/towns.csv"
run status "$TMP/lists"
expect_status 65 "a vault whose list file changed is refused"
expect_grep "$TMP/err" "$TMP/lists/form.csv: not the form this vault was made for (or a list file beside it changed)" \
    "and says the list may have changed"

# ---- the answers as exported -------------------------------------------------
run export "$TMP/plain" --key "$TMP/an.key" --passphrase-file "$TMP/pass" \
    --format responses
expect_status 0 "export reads the response"
expect_grep "$TMP/out" \
    ',"09:05","2025-03-01T14:30","4","-0.5","other","purple","2025-03-01","1999-01-01","8","abc","7","555","x"' \
    "every answer stored in its normal form; read-only ones as computed"
run export "$TMP/curses" --key "$TMP/an.key" --passphrase-file "$TMP/pass" \
    --format responses
expect_grep "$TMP/out" ',"09:05","2025-03-01T14:30","8","1.5","red","","2025-04-01","2001-01-01","16","abc","9","",' \
    "the curses response: the slider's values, the triggered guess"
run export "$TMP/plain" --key "$TMP/an.key" --passphrase-file "$TMP/pass"
expect_grep "$TMP/out" '"","meet","When do you meet?","time","","","1","","","","","09:05","09:05"' \
    "the summary gives a time from first to last"
expect_grep "$TMP/out" '"","score","How satisfied?","range",' \
    "and names a range by its type"

done_testing
