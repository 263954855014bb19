#!/bin/sh
# test-plain.sh: "consult run" in plain mode, whole program through pipes:
# every type and error message, commands, drafts and resume, review, kiosk,
# signals, hostile form text, and responses read back with the key.
. "${srcdir:-.}/tests/app/tap.sh"

: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
TYPES="$srcdir/tests/data/app/plain-types.csv"
: "${PYTHON3:=python3}"

echo "test passphrase" >"$TMP/pass"
"$CONSULT" keygen -o "$TMP/analyst" --passphrase-file "$TMP/pass" \
    >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "keygen with a passphrase file"

# vault NAME FORM: a fresh vault $TMP/NAME. The bundled consultation's
# is made by "consult init"; the others by vault-tool with the cheapest
# Argon2id for drafts (each session derives a draft key: this keeps the
# test quick).
vault() {
	if [ "$1" = imrf ]; then
		"$CONSULT" init "$TMP/$1" --form "$2" \
		    --pubkey "$TMP/analyst.pub" >/dev/null 2>"$TMP/err"
	else
		"$VAULT_TOOL" init "$TMP/$1" "$2" "$TMP/analyst.pub" \
		    2>"$TMP/err"
	fi || echo "# init $1 failed: $(cat "$TMP/err")"
}

# answer VAULT [ARGS...]: run with stdin from $TMP/in.
answer() {
	v=$1
	shift
	"$CONSULT" run "$TMP/$v" "$@" <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# dump VAULT: the responses of VAULT from $TMP/dump-all (read once at the
# end: opening the key costs an Argon2id), one a line in $TMP/dump:
# "response DAY complete=1|name=value|...|" (session order is random).
dump() {
	sed -n "\\|^vault $TMP/$1\$|,/^opened /p" "$TMP/dump-all" |
	    awk '/^response / { if (l != "") print l "|"; l = $0; next }
		/^opened / { if (l != "") print l "|"; l = ""; print; next }
		/^vault / { next }
		{ l = l "|" $0 }' >"$TMP/dump"
}

# response PATTERN: the response holding PATTERN, in $TMP/response.
response() {
	grep -F -- "$1" "$TMP/dump" >"$TMP/response"
}

# expect_no_grep FILE PATTERN DESCRIPTION
expect_no_grep() {
	! grep -qF -- "$2" "$1"
	r=$?
	[ $r -eq 0 ] || echo "# '$2' unexpectedly in $1"
	ok $r "$3"
}

# expect_count FILE PATTERN N DESCRIPTION
expect_count() {
	n=$(grep -cF -- "$2" "$1")
	[ "$n" -eq "$3" ]
	r=$?
	[ $r -eq 0 ] || echo "# '$2' found $n times in $1, expected $3"
	ok $r "$4"
}

# code: the resume code printed at the start of the session.
code() {
	sed -n 's/^Your resume code is \([A-Z0-9-]*\)\..*/\1/p' "$TMP/out" |
	    head -1
}

# ---- one complete response of the bundled consultation -----------------
vault imrf "$srcdir/forms/imrf.csv"
printf '%s\n' "" ok 1 1 1 40 Acme "3 5 13 15 6" "" 5 4 3 2 1 \
    "A proposal" "on two lines" . "" 5 4 "" "" "" "" "1 2" "" 1 Jane \
    jane@example.org 120 "" y >"$TMP/in"
answer imrf
expect_status 0 "IMRF: a complete response exits 0"
expect_grep "$TMP/out" "IMRF civil-society consultation" "IMRF: title shown"
expect_grep "$TMP/out" "Submit? [y/n]" "IMRF: asks to submit"
expect_grep "$TMP/out" "Receipt: " "IMRF: prints a receipt"
expect_grep "$TMP/out" "  1. I agree to take part." "IMRF: review numbered"
[ -z "$(ls "$TMP/imrf/drafts")" ]
ok $? "IMRF: the draft is removed on submission"

# ---- every type and every error message ----------------------------------
vault types "$TYPES"
printf '%s\n' "" "" nope ok "" "1 2" maybe 1 2.5 99 40 abc 150 12.5 4 \
    "1 2 3" "1 3" "1 1" "1 2 3" "3 1" 4 2 AlexandraXYZ \
    "$(printf 'A\001l')" Al "first line" "  second line" . 31/12/2020 \
    1999-05-01 2010-05-01 1 2 "" y >"$TMP/in"
answer types
expect_status 0 "types: a complete response exits 0"
expect_grep "$TMP/out" "Press Enter to go on." "note waits for Enter"
expect_grep "$TMP/out" "Please agree to go on." "form's required_message"
expect_grep "$TMP/out" "Please answer OK to acknowledge" "not acknowledged"
expect_grep "$TMP/out" "This question requires an answer." \
    "built-in required message"
expect_grep "$TMP/out" "You chose more options than this question allows." \
    "too many choices"
expect_grep "$TMP/out" "Please choose among the options shown." \
    "not a choice"
expect_grep "$TMP/out" "Please enter a whole number, such as 12." \
    "not an integer"
expect_grep "$TMP/out" "Between 1 and 80 hours." "form's constraint_message"
expect_grep "$TMP/out" "Please enter a number, such as 12 or 3.5" \
    "not a number"
expect_grep "$TMP/out" "This answer is not allowed." \
    "built-in constraint message"
expect_grep "$TMP/out" "Two at most." "select_multiple constraint"
expect_grep "$TMP/out" "Each option can be chosen only once." \
    "duplicate in a rank"
expect_grep "$TMP/out" "This text contains characters that are not allowed" \
    "control character in text"
expect_grep "$TMP/out" "Please enter a date as YYYY-MM-DD" "not a date"
expect_grep "$TMP/out" "Scale: 1 (Bad) - 2 - 3 (Good)" "likert scale shown"
expect_grep "$TMP/out" "(at most 2)" "rank shows its maximum"
expect_grep "$TMP/out" "[12/14] Plain test - Together" \
    "header: progress and section"
expect_grep "$TMP/out" "     Your answer: first line" "review shows text"
expect_grep "$TMP/out" "       second line" "review indents its next line"
expect_no_grep "$TMP/out" "Why not?" "irrelevant question not asked"

# ---- relevance both ways, :back, review jump, :clear ---------------------
printf '%s\n' "" ok :back :back :back "" "" 1 30 :back :back 2 "no job" "" \
    "" "" "" "" "" "" "" "" "" y >"$TMP/in"
answer types
expect_status 0 "back and forth: exits 0"
expect_grep "$TMP/out" "This is the first question." ":back at the start"
expect_count "$TMP/out" "Hours a week?" 2 "hours asked, then shown by :back"
expect_grep "$TMP/out" "Your answer: 30" ":back shows the answer given"
expect_grep "$TMP/out" "[4/14] Plain test - Not working" \
    "relevance: the group appears"
expect_count "$TMP/out" "Your answer: 30" 1 \
    "relevance: the cleared answer is not in the review"

printf '%s\n' "" ok 1 40 "" "" "" "" "" "" "" "" "" "" 99 3 "" :3 25 :3 \
    :clear 25 2 :clear "" n y >"$TMP/in"
answer types
expect_status 0 "review: exits 0"
expect_grep "$TMP/out" "There is no question 99." "review: bad number"
expect_grep "$TMP/out" "Your answer: 25" "review: jump and edit"
expect_count "$TMP/out" "Review your answers" 5 "review: back after edits"
expect_grep "$TMP/out" "This question requires an answer." \
    ":clear on a required question refused"
expect_grep "$TMP/out" "Not submitted yet." "n does not submit"
expect_grep "$TMP/out" "Press Enter alone to keep it" "keep the current answer"

# ---- languages -----------------------------------------------------------
printf '%s\n' ":lang" "" ":lang fr" "" ":lang klingon" "" :lang English \
    ":lang Français (fr)" >"$TMP/in"
answer types
expect_status 1 "lang: end of input exits 1"
expect_grep "$TMP/out" "* en  English (en)" ":lang lists, current marked"
expect_grep "$TMP/out" "  fr  Français (fr)" ":lang lists the others"
expect_grep "$TMP/out" "J'accepte de participer." ":lang fr: form labels"
expect_grep "$TMP/out" "Tapez ok pour confirmer." ":lang fr: front-end words"
expect_grep "$TMP/out" "Veuillez accepter pour continuer." \
    ":lang fr: form's message in French"
expect_grep "$TMP/out" "Il n'y a pas de langue klingon" \
    ":lang unknown: said in French"
printf '%s\n' "" ok "" >"$TMP/in"
answer types --lang fr
expect_grep "$TMP/out" "Cette question demande une réponse." \
    "--lang fr: built-in message in French"
expect_grep "$TMP/out" "Votre code de reprise est" "--lang fr: resume code"
LANG=fr_FR.UTF-8
answer types
LANG=C.UTF-8
expect_grep "$TMP/out" "Bonjour. Ce formulaire" "LANG=fr_FR picks French"
answer types --lang klingon
expect_status 2 "--lang unknown exits 2"
expect_grep "$TMP/err" "consult: run: the form has no language 'klingon'" \
    "--lang unknown is named"

# ---- commands ------------------------------------------------------------
printf '%s\n' :help :foo :quit "" ok ::x >"$TMP/in"
answer types
expect_grep "$TMP/out" ":save       save your answers and leave" ":help"
expect_grep "$TMP/out" "Unknown command :foo." "unknown command"
expect_grep "$TMP/out" "Unknown command :quit." ":quit only in kiosk mode"
expect_grep "$TMP/out" "Please choose among the options shown." \
    "::x is the answer :x"

# ---- :save, end of input, --resume ---------------------------------------
vault drafts "$TYPES"
printf '%s\n' "" ok 1 35 :save >"$TMP/in"
answer drafts
expect_status 0 ":save exits 0"
c=$(code)
expect_grep "$TMP/out" "Your answers are saved. Your resume code is $c." \
    ":save prints the resume code"
[ "$(ls "$TMP/drafts/drafts" | wc -l)" -eq 1 ]
ok $? ":save leaves one draft"
printf '%s\n' "" "" "" "" "" "" "" "" "" "" y >"$TMP/in"
answer drafts --resume "$(echo "$c" | tr 'A-Z' 'a-z' | tr -d -)"
expect_status 0 "--resume (code typed loosely) submits"
expect_grep "$TMP/out" "[5/14] Plain test" "--resume goes on where it left"
expect_grep "$TMP/out" "Your answer: 35" "--resume keeps the answers"
[ -z "$(ls "$TMP/drafts/drafts")" ]
ok $? "resumed draft removed on submission"
answer drafts --resume "$c"
expect_status 77 "--resume of a submitted draft exits 77"
expect_grep "$TMP/err" "consult: run: no draft for this code" \
    "--resume says there is no draft"
answer drafts --resume 2222-3333-4444
expect_status 77 "--resume with a wrong code exits 77"

printf '%s\n' "" ok 1 >"$TMP/in"
answer drafts
expect_status 1 "end of input before submitting exits 1"
c=$(code)
expect_grep "$TMP/err" "--resume $c" "end of input: the code on stderr"
: >"$TMP/in"
answer drafts --resume "$c"
expect_status 1 "resumed then end of input exits 1"
expect_grep "$TMP/out" "Hours a week?" "draft resumes at the next question"

# ---- signals -------------------------------------------------------------
for sig in TERM HUP; do
	# No output of an earlier run may pass for this one's (the shell
	# opens out and err only once the fifo has a writer).
	rm -f "$TMP/fifo" "$TMP/out" "$TMP/err"
	mkfifo "$TMP/fifo"
	"$CONSULT" run "$TMP/types" <"$TMP/fifo" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	exec 3>"$TMP/fifo"
	printf '\nok\n' >&3
	i=0
	while ! grep -qF "Do you work?" "$TMP/out" 2>/dev/null &&
	    [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -$sig $pid
	wait $pid
	status=$?
	exec 3>&-
	expect_status 1 "SIG$sig: exits 1"
	expect_grep "$TMP/err" "stopped by a signal" "SIG$sig: said on stderr"
	c=$(code)
	: >"$TMP/in"
	answer types --resume "$c"
	expect_grep "$TMP/out" "Do you work?" "SIG$sig: the draft is kept"
done

# ---- kiosk ---------------------------------------------------------------
vault kiosk "$TYPES"
one() {
	printf '%s\n' "" ok 1 10 "" "" "" "" "$1" "" "" "" "" "" y ""
}
{ one Alpha; one Bravo; printf '%s\n' :quit no :quit yes; } >"$TMP/in"
answer kiosk --kiosk
expect_status 0 "kiosk: the facilitator's :quit exits 0"
expect_count "$TMP/out" "Receipt: " 2 "kiosk: two participants"
expect_grep "$TMP/out" "End kiosk mode?" "kiosk: :quit asks to confirm"
awk '/^Your resume code/ { n++ } n >= 2' "$TMP/out" >"$TMP/second"
expect_no_grep "$TMP/second" "Alpha" "kiosk: nothing of the first shown"
expect_grep "$TMP/second" "Bravo" "kiosk: the second participant answers"
one Charlie >"$TMP/in"
answer kiosk --kiosk
expect_status 0 "kiosk: end of input between participants exits 0"

# The line buffer a kiosk reuses keeps nothing of the last participant:
# a long line refused for a number, then shorter ones, then the next
# participant; the process's memory is read through /proc (root only).
rm -f "$TMP/fifo" "$TMP/out" "$TMP/err"
mkfifo "$TMP/fifo"
"$CONSULT" run "$TMP/kiosk" --kiosk <"$TMP/fifo" >"$TMP/out" 2>"$TMP/err" &
pid=$!
exec 3>"$TMP/fifo"
printf '%s\n' "" ok 1 "4000000000000000000000000000WIPEDWIPEDWIPEDWIPED" \
    10 "" "" "" "" Echo "" "" "" "" "" y "" >&3
i=0
while [ "$(grep -c "^Your resume code" "$TMP/out" 2>/dev/null)" != 2 ] &&
    [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
found=$("$PYTHON3" "$srcdir/tests/app/mem-grep.py" "$pid" \
    WIPEDWIPEDWIPEDWIPED)
exec 3>&-
wait $pid
case $found in
skip*)	ok 0 "# SKIP kiosk: ${found#skip }" ;;
error*)	echo "# $found"
	ok 1 "kiosk: the memory of the running kiosk is read" ;;
*)	[ "$found" = 0 ]
	ok $? "kiosk: the last participant's refused line is wiped ($found)" ;;
esac

# :resume CODE: the way back when --resume cannot be given (forced command).
printf '%s\n' "" ok :save "" ":resume 2222-3333-4444" >"$TMP/in"
answer kiosk --kiosk
c=$(sed -n 's/.*saved\. Your resume code is \([A-Z0-9-]*\)\.$/\1/p' \
    "$TMP/out")
expect_grep "$TMP/out" "No saved answers open with this code." \
    ":resume with a wrong code"
printf '%s\n' "" ":resume $c" 1 10 "" "" "" "" Delta "" "" "" "" "" y "" \
    "" ok ":resume $c" >"$TMP/in"
answer kiosk --kiosk
expect_grep "$TMP/out" "Your answer: OK" ":resume reopens the draft"
expect_count "$TMP/out" "Receipt: " 1 ":resume: the response is submitted"
expect_grep "$TMP/out" "A draft can be resumed only before answering." \
    ":resume refused after answering"

# ---- refusals ------------------------------------------------------------
answer nosuch
expect_status 66 "missing vault exits 66"
vault sim "$TYPES"
: >"$TMP/sim/simulated"
answer sim
expect_status 65 "a vault of simulated responses is refused"
expect_grep "$TMP/err" "holds simulated responses" "refusal explained"

# ---- hostile form text ---------------------------------------------------
vault hostile "$srcdir/tests/data/app/plain-hostile.csv"
printf '%s\n' x 1 >"$TMP/in"
answer hostile
esc=$(printf '\033')
expect_no_grep "$TMP/out" "$esc" "no ESC reaches the terminal"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$TMP/out"
[ $? -ne 0 ]
ok $? "no C0 control but newline in the output"
LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$TMP/out"
[ $? -ne 0 ]
ok $? "no C1 control in the output"
expect_grep "$TMP/out" "Evil ?[5m title" "controls shown as '?'"

# ---- the responses, read back with the analyst's key ---------------------
"$VAULT_TOOL" dump "$TMP/analyst.key" "$TMP/pass" "$TMP/imrf" "$TMP/types" \
    "$TMP/drafts" "$TMP/kiosk" >"$TMP/dump-all" 2>&1
status=$?
expect_status 0 "the vaults open with the analyst's key"

dump imrf
expect_count "$TMP/dump" "response " 1 "IMRF: one response in the vault"
expect_grep "$TMP/dump" "|org_type=ngo|" "IMRF: choice stored by name"
expect_grep "$TMP/dump" "|top_objectives=obj03 obj05 obj13 obj15 obj06|" \
    "IMRF: rank stored in order"
expect_grep "$TMP/dump" '|proposal=A proposal\non two lines|' \
    "IMRF: multiline text stored"
expect_grep "$TMP/dump" "|contact_email=jane@example.org|" \
    "IMRF: relevant group answered"
expect_grep "$TMP/dump" "opened 1 bad 0" "IMRF: the record opens"

dump types
expect_grep "$TMP/dump" "opened 3 bad 0" "types: three responses open"
response "|nick=Al|"
for kv in consent=OK work=yes hours=40 double=80 share=12.5 "spoken=en es" \
    "ranking=shelter water" mood=2 nick=Al \
    'story=first line\n  second line' when=2010-05-01 pair_a=yes pair_b=no; do
	expect_grep "$TMP/response" "|$kv|" "stored: ${kv%%=*}"
done
expect_no_grep "$TMP/response" "|why=" "irrelevant question not stored"
response "|why=no job|"
expect_grep "$TMP/response" "|work=no|" "relevance: newly relevant stored"
expect_no_grep "$TMP/response" "|hours=" \
    "relevance: the answer that became irrelevant is not stored"
expect_grep "$TMP/dump" "|hours=25|" "review: edited answer stored"

dump drafts
expect_grep "$TMP/dump" "|hours=35|" "resumed response stored"
expect_grep "$TMP/dump" "opened 1 bad 0" "resumed: one response"

dump kiosk
expect_count "$TMP/dump" "response " 5 "kiosk: every participant stored"
expect_grep "$TMP/dump" "|nick=Delta|" "kiosk: the resumed one's"
expect_grep "$TMP/dump" "|nick=Alpha|" "kiosk: the first one's"
expect_grep "$TMP/dump" "|nick=Bravo|" "kiosk: the second one's"

done_testing
