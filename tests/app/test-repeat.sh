#!/bin/sh
# test-repeat.sh: repeats from form to export, whole program through
# pipes: plain mode through two and three instances (one deleted), :back
# across instances, a draft resumed in a repeat, the review by instance;
# repeat_count from an earlier answer; a repeat in an irrelevant group;
# simulate; the exports checked cell by cell against counts made here.
. "${srcdir:-.}/tests/app/tap.sh"
. "${srcdir:-.}/tests/app/tmux.sh"
WAIT_TENTHS=200	# 20 s: the screens wait on a busy machine

VT="$(dirname "$CONSULT")/tests/app/vault-tool"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
FORMS="$srcdir/tests/data/forms"

echo "test passphrase" >"$TMP/pass"
"$VT" keygen "$TMP/an" "$TMP/pass" >/dev/null 2>&1
KEY="--key $TMP/an.key --passphrase-file $TMP/pass"
"$VT" init "$TMP/v" "$FORMS/repeat-proposals.csv" "$TMP/an.pub" ||
    echo "# init failed"

# export VAULT ARGS...: consult export, CSV in $TMP/out, CR dropped.
export_() {
	v=$1
	shift
	# shellcheck disable=SC2086
	"$CONSULT" export "$TMP/$v" $KEY "$@" >"$TMP/out.crlf" 2>"$TMP/err"
	status=$?
	tr -d '\r' <"$TMP/out.crlf" >"$TMP/out"
}

# expect_line FILE LINE DESCRIPTION: FILE has exactly this line.
expect_line() {
	grep -qxF -- "$2" "$1"
	r=$?
	[ $r -eq 0 ] || echo "# no line '$2' in $1: $(head -c 600 "$1")"
	ok $r "$3"
}

run check "$FORMS/repeat-count.csv"
expect_grep "$TMP/out" 'member/  Member (repeat: ${members})' \
    "check: the outline names a repeat and its repeat_count"
printf 'survey,,,\n,type,name,label\n,begin_repeat,r,R\n,text,t,T\n' \
    >"$TMP/bad.csv"
run check "$TMP/bad.csv"
expect_status 65 "check: a repeat without end_repeat: 65"
expect_grep "$TMP/err" "bad.csv:3: repeat 'r' has no end_repeat" \
    "... with its line"

# First session: two proposals, :back from the second to the first one's
# partner, then :save in the second one's "Add another Partner?".
printf '%s\n' ACME Wells 1 '2 1' 10 PA no yes :back '' no Schools 3 '' 5 \
    PB :save >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "plain: the first session saves a draft"
expect_grep "$TMP/out" "Add another Partner? (yes or no)" \
    "plain: 'Add another Partner?' after a partner"
expect_grep "$TMP/out" "Add another Proposal? (yes or no)" \
    "plain: 'Add another Proposal?' after a proposal"
sed -n '/Proposal 2 of 2$/,$p' "$TMP/out" | sed -n '1,/Partner name/p' \
    >"$TMP/back"
expect_grep "$TMP/back" "[6/7] form - Proposal 1 of 2 - Partner 1 of 1" \
    "plain: :back from the second proposal reaches the first one's partner"
expect_grep "$TMP/out" "Your answer: PA" \
    "plain: the first instance's answer is there after :back"
expect_grep "$TMP/out" "form - Proposal 2 of 2 - Partner 1 of 1" \
    "plain: the section line says where in the repeats"
code=$(sed -n 's/^Your resume code is \([A-Z0-9-]*\)\..*/\1/p' "$TMP/out" |
    head -1)

# Resume: a second partner, a third proposal deleted, submit.
printf '%s\n' yes PC no yes Third :delete no '' yes >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain --resume "$code" <"$TMP/in" >"$TMP/out" \
    2>"$TMP/err"
status=$?
expect_status 0 "plain: the resumed session submits"
head -8 "$TMP/out" | grep -qF "Add another Partner? (yes or no)"
ok $? "plain: resume goes back to 'Add another Partner?' of the draft"
expect_grep "$TMP/out" "Deleted: that Proposal is gone with its answers." \
    "plain: :delete says so"
expect_grep "$TMP/out" "  Proposal 2 of 2 - Partner 2 of 2" \
    "plain: the review lists the instances"
expect_count "$TMP/out" "Title of the proposal" 3 \
    "plain: the review lists the two proposals (after one asked)"

# A closed vault: the invitation code brings the draft back to the same
# "Add another Partner?" (the code is read on stdin, never in argv).
"$VT" init "$TMP/closed" "$FORMS/repeat-proposals.csv" "$TMP/an.pub" ||
    echo "# init failed"
"$CONSULT" invite "$TMP/closed" --count 1 -o "$TMP/codes" 2>"$TMP/err"
inv=$(sed -n '2s/^"[^"]*","\([A-Z0-9-]*\)".*/\1/p' "$TMP/codes")
printf '%s\n' "$inv" ACME Wells 1 '' '' PA >"$TMP/in"
"$CONSULT" run "$TMP/closed" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
printf '%s\n' "$inv" >"$TMP/in"
"$CONSULT" run "$TMP/closed" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
sed -n '/^> /{n;p;q}' "$TMP/out" | grep -qF "Proposal 1 of 1 - Partner 1 of 1"
ok $? "closed vault: the invitation's draft resumes at 'Add another Partner?'"
expect_grep "$TMP/out" "Add another Partner? (yes or no)" \
    "closed vault: ... which is asked again"

printf ':help\n:save\n' >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
expect_grep "$TMP/out" ":delete     delete this one, with its answers" \
    "plain: :help documents :add and :delete"

# The exports, cell by cell.
export_ v --format responses
expect_status 0 "export responses"
expect_line "$TMP/out" \
    '"response_id","submitted","form_version","org","proposal/count","nproposals","total"' \
    "responses: the repeat is a NAME/count column"
id=$(sed -n '2s/^"\([^"]*\)".*/\1/p' "$TMP/out")
grep -q "^\"$id\",\"[0-9-]*\",\"\",\"ACME\",\"2\",\"2\",\"15\"$" "$TMP/out"
ok $? "responses: 2 proposals (one deleted), sum() over the instances"
export_ v --format responses --repeat proposal
expect_line "$TMP/out" "\"$id\",\"$id\",\"$id/proposal[1]\",\"1\",\"Wells\",\"africa\",\"water health\",\"2\",\"1\",\"\",\"10\",\"1\",\"1\",\"1\"" \
    "--repeat proposal: the first proposal, cell by cell"
expect_line "$TMP/out" "\"$id\",\"$id\",\"$id/proposal[2]\",\"2\",\"Schools\",\"europe\",\"\",\"\",\"\",\"\",\"5\",\"2\",\"2\",\"2\"" \
    "--repeat proposal: the second proposal, cell by cell"
export_ v --format responses --repeat partner
expect_line "$TMP/out" "\"$id\",\"$id/proposal[2]\",\"$id/proposal[2]/partner[2]\",\"2\",\"PC\"" \
    "--repeat partner: parent is the proposal's key"
[ "$(wc -l <"$TMP/out")" -eq 4 ]
ok $? "--repeat partner: three partners"
export_ v --format codebook
expect_line "$TMP/out" '"partner_name","Partner name","text","","","","","partner"' \
    "codebook: the repeat column"

# Usage errors.
export_ v --repeat proposal
expect_status 2 "--repeat without --format responses: 2"
export_ v --format responses --repeat nope
expect_status 2 "--repeat of no repeat: 2"
expect_grep "$TMP/err" "no repeat 'nope' in the form" "... and says so"
export_ v --format responses --repeat all
expect_status 2 "--repeat all without -o: 2"

# repeat_count from an earlier answer; an irrelevant group exports none.
"$VT" init "$TMP/c" "$FORMS/repeat-count.csv" "$TMP/an.pub" ||
    echo "# init failed"
printf '%s\n' 3 Ana 30 Bo 12 Cy 50 yes >"$TMP/in"
"$CONSULT" run "$TMP/c" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
printf '%s\n' 2 Ana 30 Bo 12 yes >"$TMP/in"
"$CONSULT" run "$TMP/c" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
printf '%s\n' 99 yes >"$TMP/in"
"$CONSULT" run "$TMP/c" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 0 "repeat_count: responses submitted"
export_ c --format responses
grep -q '"2","2","30","Ana, Bo"$' "$TMP/out"
ok $? "repeat_count: two members from the answer 2, max() and join()"
grep -q '"99","0","NaN",""$' "$TMP/out"
ok $? "a repeat in an irrelevant group: count 0, nothing to join"
export_ c --format responses --repeat member
[ "$(grep -c ',"Ana",' "$TMP/out")" -eq 2 ] &&
    [ "$(wc -l <"$TMP/out")" -eq 6 ]
ok $? "--repeat member: 3 and 2 members, none of the irrelevant group"
grep -q '"50"$' "$TMP/out"
ok $? "--repeat member: the third member's age"

# simulate + export --repeat all: rows match the counts.
"$VT" init "$TMP/s" "$FORMS/repeat-proposals.csv" "$TMP/an.pub" ||
    echo "# init failed"
"$CONSULT" simulate "$TMP/s" --count 30 --seed 9 >/dev/null 2>"$TMP/err"
status=$?
expect_status 0 "simulate a form with repeats"
mkdir "$TMP/full"
echo x >"$TMP/full/x"
export_ s --include-simulated --format responses --repeat all -o "$TMP/full"
expect_status 1 "--repeat all into a directory not empty: 1"
[ "$(ls -A "$TMP/full")" = x ]
ok $? "... which is left as it was"
export_ s --include-simulated --format responses --repeat all -o "$TMP/d"
expect_status 0 "--repeat all -o DIR"
[ "$(ls "$TMP/d" | tr '\n' ' ')" = "partner.csv proposal.csv responses.csv " ]
ok $? "DIR holds responses.csv and one file per repeat"
# The count column of each parent is the number of rows of the child.
want=$(awk -F'","' 'NR > 1 { s += $5 } END { print s }' "$TMP/d/responses.csv")
got=$(($(wc -l <"$TMP/d/proposal.csv") - 1))
[ "$want" -eq "$got" ] && [ "$got" -gt 30 ]
ok $? "proposal.csv: one row per instance ($got, counted $want)"
want=$(awk -F'","' 'NR > 1 { s += $13 } END { print s }' "$TMP/d/proposal.csv")
got=$(($(wc -l <"$TMP/d/partner.csv") - 1))
[ "$want" -eq "$got" ]
ok $? "partner.csv: one row per nested instance ($got, counted $want)"
# summary: 'answered' of region is the instances that answered it.
export_ s --include-simulated
want=$(awk -F'","' 'NR > 1 && $6 != "" { n++ } END { print n }' \
    "$TMP/d/proposal.csv")
grep -q "^\"\",\"region\",\"Region\",\"select_one\",\"\",\"\",\"$want\"," \
    "$TMP/out"
ok $? "summary: region answered by $want instances"

# ---- curses at 40x12 through tmux: the same walk ----------------------------
SOCK="consult-repeat-$$"
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
if ! command -v tmux >/dev/null 2>&1; then
	for d in 1 2 3 4 5 6 7 8 9; do
		ok 0 "# SKIP curses: tmux is not installed"
	done
else
	"$VT" init "$TMP/t" "$FORMS/repeat-proposals.csv" "$TMP/an.pub" ||
	    echo "# init failed"
	cat >"$TMP/launch" <<EOF
#!/bin/sh
TERM=screen LANG=C.UTF-8 "$CONSULT" run "$TMP/t" 2>"$TMP/err"
echo \$? >"$TMP/status"
exec sleep 600
EOF
	chmod +x "$TMP/launch"
	# key TEXT... WAIT: type, then wait for WAIT on the screen.
	key() {
		while [ $# -gt 1 ]; do
			T send-keys -l -- "$1"
			shift
		done
		wait_for "$1"
	}
	T -f /dev/null new-session -d -x 40 -y 12 "$TMP/launch"
	wait_for "Your organisation" && T send-keys -l ACME &&
	    T send-keys Enter && wait_for "Proposal 1 of 1" &&
	    T send-keys -l Wells && T send-keys Enter && wait_for "Region" &&
	    T send-keys -l 1 && T send-keys Enter &&
	    wait_for "Rank the objectives" && T send-keys Enter &&
	    wait_for "Budget" && T send-keys Enter &&
	    wait_for "Partner name" && T send-keys -l PA &&
	    T send-keys Enter
	wait_for "Add another Partner? (yes or no)"
	ok $? "curses 40x12: 'Add another Partner?'"
	# Its key bar names no key of the review it does not take; the
	# section line keeps the instances rather than the form's title.
	! grep -qF -e "s:submit" -e "Enter:change" "$TMP/screen" &&
	    [ "$(head -1 "$TMP/screen" | cut -c1-32)" = \
	    "Proposal 1 of 1 - Partner 1 of 1" ]
	ok $? "curses 40x12: 'Add another?' key bar and section line"
	key n "Add another Proposal? (yes or no)"
	ok $? "curses 40x12: 'Add another Proposal?'"
	key y "form - Proposal 2 of 2"
	ok $? "curses 40x12: 'Proposal 2 of 2' in the section line"
	T send-keys PPage
	wait_for "Proposal 1 of 2 - Partner 1" && wait_for "> PA"
	ok $? "curses 40x12: PgUp goes back to the first proposal"
	T send-keys Enter && wait_for "Add another Partner?" &&
	    key n "Title of the proposal" && T send-keys -l Schools &&
	    T send-keys Enter && wait_for "Region" && T send-keys -l 3 &&
	    T send-keys Enter && wait_for "Rank the objectives" &&
	    T send-keys Enter && wait_for "Budget" && T send-keys Enter &&
	    wait_for "Partner name" && T send-keys -l PB &&
	    T send-keys Enter && wait_for "Add another Partner?" &&
	    key n "Add another Proposal?" && key y "Proposal 3 of 3" &&
	    T send-keys -l :delete && T send-keys Enter
	wait_for "Deleted: that Proposal"
	ok $? "curses 40x12: :delete"
	key n "You made 2 proposals." && T send-keys Enter &&
	    wait_for "Review your" &&
	    wait_for "2. Title of the proposal (Proposal 1"
	ok $? "curses 40x12: piped note; the review's label before its instance"
	T send-keys -l s && wait_for "Submit?" && T send-keys -l y
	i=0
	while [ ! -s "$TMP/status" ] && [ $i -lt 100 ]; do
		T send-keys Enter 2>/dev/null
		sleep 0.2
		i=$((i + 1))
	done
	[ "$(cat "$TMP/status" 2>/dev/null)" = 0 ]
	ok $? "curses 40x12: submitted, exit 0"
	T kill-server >/dev/null 2>&1
	export_ t --format responses --repeat partner
	[ "$(cut -d, -f5 "$TMP/out" | tr '\n' ' ')" = '"partner_name" "PA" "PB" ' ]
	ok $? "curses: the partners of the two proposals are stored"
fi

done_testing
