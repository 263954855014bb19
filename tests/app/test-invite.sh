#!/bin/sh
# test-invite.sh: invitations (closed vaults), the whole program: invite
# named and anonymous, answer with codes in plain mode (and on the curses
# screen through tmux), wrong, used and withdrawn codes and the brake,
# the code as resume code, two sessions of one code at once, status
# --invitations, export's invitation column, a record added by hand,
# merged vaults using one invitation twice, nothing of a label or code
# in the vault, and kill -9 at each step of a submission.
. "${srcdir:-.}/tests/app/tap.sh"
. "${srcdir:-.}/tests/app/tmux.sh"

: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
: "${PUT:=$(dirname "$CONSULT")/tests/app/put-responses}"
: "${PYTHON3:=python3}"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
FORM="$srcdir/tests/data/vault/form.csv"

echo "test passphrase" >"$TMP/pass"
"$VAULT_TOOL" keygen "$TMP/an" "$TMP/pass" >/dev/null
for v in named anon crash open tui; do
	"$VAULT_TOOL" init "$TMP/$v" "$FORM" "$TMP/an.pub" ||
	    echo "# init $v failed"
done

# field CSV ROW COLUMN: a cell of a CSV (rows from 0, the header's 0).
field() {
	"$PYTHON3" -c 'import csv, sys
r = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
print(r[int(sys.argv[2])][int(sys.argv[3])])' "$@"
}
# answer VAULT [ARGS...]: consult run --plain, stdin from $TMP/in.
answer() {
	v=$1
	shift
	"$CONSULT" run "$TMP/$v" --plain "$@" <"$TMP/in" >"$TMP/out" \
	    2>"$TMP/err"
	status=$?
}

# ---- invite ---------------------------------------------------------------
printf 'ACME Org\n"Quote, Inc."\n\nÉcole du Monde\nZeta Network\nOmega\n' \
    >"$TMP/names"
run invite "$TMP/named" --names "$TMP/names" -o "$TMP/named.csv"
expect_status 0 "invite --names makes named invitations"
expect_grep "$TMP/err" "5 named invitations made; the vault is closed" \
    "and says so"
[ "$(stat -c %a "$TMP/named.csv")" = 600 ]
ok $? "-o FILE is created 0600"
[ "$(field "$TMP/named.csv" 2 0)" = '"Quote, Inc."' ] &&
    [ "$(field "$TMP/named.csv" 3 0)" = "École du Monde" ]
ok $? "label,code rows, labels kept (quotes, commas, UTF-8)"
field "$TMP/named.csv" 1 1 | grep -qE '^([2-9A-HJKMNP-TV-Z]{4}-){3}[2-9A-HJKMNP-TV-Z]{4}$'
ok $? "a code is 16 symbols of the resume alphabet in groups of four"
"$CONSULT" invite "$TMP/anon" --count 5 --anonymous >"$TMP/anon.csv" \
    2>"$TMP/err"
status=$?
expect_status 0 "invite --count 5 --anonymous writes to stdout"
[ "$(field "$TMP/anon.csv" 5 0)" = "invitation 5" ]
ok $? "numbered labels"
grep -q '^invitations named$' "$TMP/named/consult-vault" &&
    grep -q '^invitations anonymous$' "$TMP/anon/consult-vault"
ok $? "the vault header says named or anonymous"
cp -a "$TMP/anon" "$TMP/anon2"		# a copy taken to a second kiosk
run status "$TMP/named"
expect_grep "$TMP/out" "invited    5 named: 0 used, 5 unused, 0 withdrawn" \
    "status counts the invitations"

# The brake runs in the background (1+2+4+8 s) while the rest goes on.
printf 'ZZZZ-YYYY-XXXX-WWWW\n%.0s' 1 2 3 4 5 6 >"$TMP/brake.in"
(
	start=$(date +%s)
	"$CONSULT" run "$TMP/named" --plain <"$TMP/brake.in" \
	    >"$TMP/brake.out" 2>"$TMP/brake.err"
	echo $? $(($(date +%s) - start)) >"$TMP/brake.status"
) &
brake=$!

run invite "$TMP/named" --count 1 --anonymous
expect_status 1 "a named vault takes no anonymous invitations"
expect_grep "$TMP/err" "its invitations are named" "and says why"
run invite "$TMP/named" --count 0
expect_status 2 "--count 0 is a usage error"
run invite "$TMP/named"
expect_status 2 "invite without --count, --names or --withdraw"
printf 'Good\nBad\001name\n' >"$TMP/badnames"
run invite "$TMP/named" --names "$TMP/badnames"
expect_status 65 "a label with a control character"
expect_grep "$TMP/err" "$TMP/badnames:2: label holds a control character" \
    "is named FILE:LINE"
run invite "$TMP/named" --names "$TMP/missing"
expect_status 66 "a missing names file"
printf 'day 2026-01-02\nregion=north\n' >"$TMP/put"
"$PUT" "$TMP/open" "$TMP/put" >/dev/null
run invite "$TMP/open" --count 2
expect_status 1 "a vault with responses cannot be closed"
expect_grep "$TMP/err" "already holds responses" "and says why"
run simulate "$TMP/named" --count 3
expect_status 1 "simulate refuses a closed vault"
run run "$TMP/open" --plain --invite "$(field "$TMP/named.csv" 1 1)"
expect_status 1 "--invite into an open vault"

N1=$(field "$TMP/named.csv" 1 1)
N2=$(field "$TMP/named.csv" 2 1)
N3=$(field "$TMP/named.csv" 3 1)
N4=$(field "$TMP/named.csv" 4 1)
N5=$(field "$TMP/named.csv" 5 1)
A1=$(field "$TMP/anon.csv" 1 1)
A2=$(field "$TMP/anon.csv" 2 1)

# ---- answering in plain mode ---------------------------------------------
printf '2222-3333-4444-5555\n%s\n1\nstory-1\n41\nyes\n' \
    "$(echo "$N1" | tr A-Z a-z | tr -d -)" >"$TMP/in"
answer named
expect_status 0 "a wrong code, then the right one (any case, no dashes)"
expect_grep "$TMP/out" "This consultation is by invitation" \
    "the prompt asks for the invitation code"
expect_grep "$TMP/out" "No invitation has this code" "a wrong code says so"
expect_grep "$TMP/out" "Your invitation code is also your resume code" \
    "the code is the resume code"
expect_grep "$TMP/out" "Receipt:" "the response is submitted"
printf '%s\n1\nanon-story-1\n\nyes\n' "$A1" >"$TMP/in"
answer anon
expect_status 0 "an anonymous invitation answers"
printf '1\nx\n\nyes\n' >"$TMP/in"
answer named --invite "$N1"
expect_status 1 "a used code exits 1"
expect_grep "$TMP/err" "this invitation has already been used" "and says so"
printf ':invite %s\n' "$N1" >"$TMP/in"
answer named
expect_grep "$TMP/out" "This invitation has already been used" \
    ":invite with a used code says so"

# ---- withdrawing ---------------------------------------------------------
run invite "$TMP/named" --withdraw "$N5"
expect_status 0 "invite --withdraw an unused invitation"
run invite "$TMP/named" --withdraw "$N5"
expect_status 1 "withdrawing it again"
expect_grep "$TMP/err" "this invitation has been withdrawn" "says so"
run invite "$TMP/named" --withdraw "$N1"
expect_status 1 "a used invitation cannot be withdrawn"
run invite "$TMP/named" --withdraw "2222-3333-4444-5555"
expect_status 1 "nor a code of no invitation"
expect_grep "$TMP/err" "no invitation has this code" "which says so"
printf '1\n' >"$TMP/in"
answer named --invite "$N5"
expect_status 1 "a withdrawn code exits 1"
expect_grep "$TMP/err" "this invitation has been withdrawn" \
    "and says so, nothing else"

# ---- resuming with the invitation code -----------------------------------
printf '%s\n2\n' "$N2" >"$TMP/in"
answer named
expect_status 1 "leaving before submitting keeps a draft"
expect_grep "$TMP/err" "consult run $TMP/named --invite $N2" \
    "the command to come back names the invitation code"
printf 'story-2\n42\nyes\n' >"$TMP/in"
answer named --resume "$N2"
expect_status 0 "--resume with the invitation code goes on and submits"
expect_grep "$TMP/out" "[2/3]" "at the question after the last answered"

# ---- two sessions with one code ------------------------------------------
mkfifo "$TMP/fa" "$TMP/fb"
for s in a b; do
	("$CONSULT" run "$TMP/named" --plain --invite "$N3" <"$TMP/f$s" \
	    >"$TMP/o$s" 2>"$TMP/e$s"; echo $? >"$TMP/s$s") &
done
exec 3>"$TMP/fa" 4>"$TMP/fb"
# both_show TEXT: until both sessions show TEXT (30 s at most).
both_show() {
	i=0
	while [ $i -lt 300 ] && ! { grep -q "$1" "$TMP/oa" 2>/dev/null &&
	    grep -q "$1" "$TMP/ob" 2>/dev/null; }; do
		sleep 0.1
		i=$((i + 1))
	done
}
# Both at the first question before either answers: neither finds the
# other's draft (the code is also the resume code).
both_show "Where do you live?"
printf '1\nstory-3a\n43\n' >&3
printf '2\nstory-3b\n44\n' >&4
both_show "Submit?"
printf 'yes\n' >&3
printf 'yes\n' >&4
exec 3>&- 4>&-
wait
sa=$(cat "$TMP/sa")
sb=$(cat "$TMP/sb")
[ "$sa$sb" = 01 ] || [ "$sa$sb" = 10 ]
ok $? "two sessions of one code at once: one exits 0, the other 1 ($sa, $sb)"
cat "$TMP/ea" "$TMP/eb" >"$TMP/err"
expect_grep "$TMP/err" "this invitation has already been used: these answers are kept as a draft, which cannot be submitted" \
    "the other is told, its answers kept as a draft"

# A kiosk whose participant's invitation is used meanwhile goes on.
A3=$(field "$TMP/anon.csv" 3 1)
mkfifo "$TMP/fk"
("$CONSULT" run "$TMP/anon" --plain --kiosk <"$TMP/fk" >"$TMP/ok" \
    2>"$TMP/ek"; echo $? >"$TMP/sk") &
exec 5>"$TMP/fk"
printf '%s\n1\nkq-story\n\n' "$A3" >&5
i=0
while [ $i -lt 300 ] && ! grep -q "Submit?" "$TMP/ok" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
# Another session of the code finds the kiosk participant's draft (the
# code is the resume code), at the review, and submits it first.
printf '%s\nyes\n' "$A3" >"$TMP/in"
answer anon
expect_status 0 "a second session of a code resumes its draft and submits"
printf 'yes\n:quit\nyes\n' >&5
exec 5>&-
wait
[ "$(cat "$TMP/sk")" -eq 0 ] &&
    grep -q "This invitation has already been used" "$TMP/ok" &&
    grep -q "End kiosk mode?" "$TMP/ok"
ok $? "a kiosk told its invitation was used meanwhile goes on to the next"

printf '%s\n1\n' "$N4" >"$TMP/in"
answer named
# The facilitator's CSV can be damaged: the file, its line, exit 65.
printf 'label,code\nA,B,C\n' >"$TMP/bad1.csv"
printf 'label,code\nOrg,NOT-A-CODE\n' >"$TMP/bad2.csv"
printf 'label,code\n"unterminated,x\n' >"$TMP/bad3.csv"
run status "$TMP/named" --invitations "$TMP/bad1.csv"
expect_status 65 "status --invitations: a row of 3 fields: 65"
expect_grep "$TMP/err" "bad1.csv:2: 3 fields, not 2 (label,code)" \
    "... with its line"
run status "$TMP/named" --invitations "$TMP/bad2.csv"
expect_status 65 "status --invitations: not a code: 65"
expect_grep "$TMP/err" "bad2.csv:2: not an invitation code" \
    "... with its line"
run export "$TMP/named" --key "$TMP/an.key" -P "$TMP/pass" \
    --format responses --invitations \
    "$TMP/bad3.csv"
expect_status 65 "export --invitations: an unterminated quote: 65"
expect_grep "$TMP/err" "bad3.csv:3: unterminated quote" "... with its line"

run status "$TMP/named" --invitations "$TMP/named.csv"
expect_status 0 "status --invitations"
cat >"$TMP/want" <<'EOF'
"label","state"
"ACME Org","responded"
"""Quote, Inc.""","responded"
"École du Monde","responded"
"Zeta Network","draft"
"Omega","withdrawn"
EOF
tr -d '\r' <"$TMP/out" | cmp -s "$TMP/want" -
ok $? "lists responded, draft and withdrawn by label"
expect_grep "$TMP/err" "5 invitations: 3 responded, 1 with a draft, 0 not yet, 1 withdrawn" \
    "with the counts"

run invite "$TMP/named" --count 1 -o "$TMP/more.csv"
expect_status 0 "more invitations later"
[ "$(field "$TMP/more.csv" 1 0)" = "invitation 6" ]
ok $? "numbered after those already made"
run status "$TMP/named"
expect_grep "$TMP/out" "invited    6 named: 3 used, 2 unused, 1 withdrawn" \
    "status counts them all"

# ---- export --------------------------------------------------------------
run export "$TMP/named" --key "$TMP/an.key" -P "$TMP/pass" \
    --format responses --invitations "$TMP/named.csv" -o "$TMP/x.csv"
expect_status 0 "export --format responses --invitations"
"$PYTHON3" - "$TMP/x.csv" >"$TMP/pairs" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(r["invitation"] + "=" + r["story"])
EOF
sort "$TMP/pairs" >"$TMP/got"
printf '%s\n' "ACME Org=story-1" '"Quote, Inc."=story-2' | sort \
    >"$TMP/want"
grep -q '^École du Monde=story-3[ab]$' "$TMP/got" &&
    grep -v '^École' "$TMP/got" | cmp -s - "$TMP/want"
ok $? "an invitation column holds each response's label: $(tr '\n' ' ' <"$TMP/got")"
[ "$(wc -l <"$TMP/got")" -eq 3 ]
ok $? "one response per invitation: the concurrent code counted once"
run export "$TMP/anon" --key "$TMP/an.key" -P "$TMP/pass" \
    --format responses --invitations "$TMP/anon.csv"
expect_status 1 "an anonymous vault has no invitation column"
run export "$TMP/named" --key "$TMP/an.key" -P "$TMP/pass" \
    --invitations "$TMP/named.csv"
expect_status 2 "--invitations goes with --format responses"

# A record sealed with the analyst's public key, without an invitation.
printf 'day 2026-01-02\nregion=south\nstory=stuffed\n' >"$TMP/put"
"$PUT" "$TMP/named" "$TMP/put" >/dev/null
run export "$TMP/named" --key "$TMP/an.key" -P "$TMP/pass" \
    --format responses
expect_status 65 "a record added by hand to a closed vault: exit 65"
expect_grep "$TMP/err" "no proof of invitation in a closed vault: not counted" \
    "it is reported"
expect_no() { ! grep -qF -- "$2" "$1"; ok $? "$3"; }
expect_no "$TMP/out" "stuffed" "and not counted"
expect_grep "$TMP/err" "3 responses read" "the three invited ones are"

# Merged copies: one invitation used in each.
printf '%s\n1\nkiosk-a\n\nyes\n' "$A2" >"$TMP/in"
answer anon
printf '%s\n2\nkiosk-b\n\nyes\n' "$A2" >"$TMP/in"
answer anon2
expect_status 0 "a copy of the vault takes the same code again"
run export "$TMP/anon" "$TMP/anon2" --key "$TMP/an.key" -P "$TMP/pass" \
    --format responses
expect_status 65 "merged vaults with one invitation used twice: exit 65"
expect_grep "$TMP/err" "a second response for one invitation: not counted" \
    "the second is reported"
[ "$(grep -c 'kiosk-' "$TMP/out")" -eq 1 ] &&
    grep -q 'anon-story-1' "$TMP/out"
ok $? "and counted once"
expect_grep "$TMP/err" "not counted: 0 responses without a valid proof of invitation, 1 second response" \
    "the note counts it"

# ---- nothing of a label or a code in the vaults ---------------------------
found=0
for f in "$TMP/named.csv" "$TMP/anon.csv" "$TMP/more.csv"; do
	"$PYTHON3" - "$f" >"$TMP/secrets" <<'EOF'
import csv, sys
for label, code in list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]:
    print(label); print(code); print(code.replace("-", ""))
EOF
	while IFS= read -r s; do
		for v in named anon anon2; do
			if grep -r -a -q -F -- "$s" "$TMP/$v" ||
			    find "$TMP/$v" | grep -q -F -- "$s"; then
				echo "# '$s' found in $v"
				found=1
			fi
		done
	done <"$TMP/secrets"
done
ok $found "no label and no code in any vault file or file name"

# ---- kill -9 at each step of a submission ---------------------------------
"$CONSULT" invite "$TMP/crash" --count 4 >"$TMP/crash.csv" 2>/dev/null
i=1
for point in claimed noted written wiped; do
	printf '1\ncrash-%s\n\nyes\n' "$point" >"$TMP/in"
	CONSULT_CRASH_POINT=$point answer crash \
	    --invite "$(field "$TMP/crash.csv" $i 1)"
	[ "$status" -eq 137 ]
	ok $? "killed with SIGKILL when $point"
	i=$((i + 1))
done
run status "$TMP/crash"
expect_grep "$TMP/out" "being submitted or cut short" \
    "status without a code counts submissions cut short"
run status "$TMP/crash" --invitations "$TMP/crash.csv"
tr -d '\r' <"$TMP/out" | cut -d, -f2 | tail -n +2 | tr '\n' ' ' \
    >"$TMP/states"
[ "$(cat "$TMP/states")" = '"draft" "draft" "responded" "responded" ' ]
ok $? "before the record: unused (a draft); after: used ($(cat "$TMP/states"))"
run export "$TMP/crash" --key "$TMP/an.key" -P "$TMP/pass" \
    --format responses
expect_status 0 "no damaged record after the kills"
grep -o 'crash-[a-z]*' "$TMP/out" | sort | tr '\n' ' ' >"$TMP/got"
[ "$(cat "$TMP/got")" = "crash-wiped crash-written " ]
ok $? "exactly the responses of used invitations are stored ($(cat "$TMP/got"))"
printf 'yes\n' >"$TMP/in"
answer crash --invite "$(field "$TMP/crash.csv" 2 1)"
expect_status 0 "an invitation whose submission was cut before its record submits"
printf '1\n' >"$TMP/in"
answer crash --invite "$(field "$TMP/crash.csv" 3 1)"
expect_status 1 "one cut after its record is used"

# ---- the curses screen -----------------------------------------------------
if command -v tmux >/dev/null 2>&1; then
	"$CONSULT" invite "$TMP/tui" --count 1 >"$TMP/tui.csv" 2>/dev/null
	SOCK="consult-invite-$$"
	cat >"$TMP/launch" <<EOF
#!/bin/sh
TERM=screen LANG=C.UTF-8 "$CONSULT" run "$TMP/tui" 2>"$TMP/tui.err"
echo \$? >"$TMP/tui.status"
exec sleep 600
EOF
	chmod +x "$TMP/launch"
	T -f /dev/null new-session -d -x 80 -y 24 "$TMP/launch"
	wait_for "This consultation is by invitation"
	ok $? "curses: a screen asks for the invitation code"
	T send-keys 2222-3333-4444-5555 Enter
	wait_for "No invitation has this code"
	ok $? "curses: a wrong code says so"
	T send-keys "$(field "$TMP/tui.csv" 1 1)" Enter
	wait_for "Where do you live?"
	ok $? "curses: the right code opens the first question"
	T send-keys 1 Enter
	wait_for "Tell us what happened"
	T send-keys "tui story" Enter
	wait_for "Your age"
	T send-keys Enter
	wait_for "tui story" && T send-keys s && sleep 0.3 && T send-keys y
	wait_for "Receipt"
	ok $? "curses: submitted with a receipt"
	T kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	run status "$TMP/tui"
	expect_grep "$TMP/out" "invited    1 named: 1 used, 0 unused" \
	    "curses: the invitation is used"
else
	for n in 1 2 3 4 5; do
		ok 0 "# SKIP tmux is not installed"
	done
fi

# ---- the brake -------------------------------------------------------------
wait $brake
read -r status secs <"$TMP/brake.status"
cp "$TMP/brake.err" "$TMP/err"
expect_status 77 "the 5th wrong invitation code ends the process (exit 77)"
expect_grep "$TMP/err" "5 wrong invitation codes: ending the session" \
    "and says why"
[ "$(grep -c "No invitation has this code" "$TMP/brake.out")" -eq 4 ]
ok $? "the first four each say so"
[ "$secs" -ge 15 ]
ok $? "after delays of 1+2+4+8 s ($secs s)"

done_testing
