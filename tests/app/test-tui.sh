#!/bin/sh
# test-tui.sh: "consult run" on the curses screen, driven through a private
# tmux server: a whole response of the bundled consultation, 40x12, resizes
# (in the middle of a rank question, below the minimum), wide CJK and
# combining characters wrapped by display width, SIGHUP keeping the draft,
# kiosk mode.
. "${srcdir:-.}/tests/app/tap.sh"
. "${srcdir:-.}/tests/app/tmux.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
: "${PYTHON3:=python3}"
SOCK="consult-test-$$-0"
nsock=0
# At exit: the last server, and the sockets tmux leaves behind.
cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/consult-test-$$-"*
	rm -rf "$TMP"
}
trap cleanup EXIT

echo "test passphrase" >"$TMP/pass"
"$CONSULT" keygen -o "$TMP/analyst" --passphrase-file "$TMP/pass" \
    >/dev/null 2>&1
"$CONSULT" init "$TMP/imrf" --form "$srcdir/forms/imrf.csv" \
    --pubkey "$TMP/analyst.pub" >/dev/null 2>&1
for v in wide kiosk; do
	"$VAULT_TOOL" init "$TMP/$v" "$srcdir/tests/data/app/tui-wide.csv" \
	    "$TMP/analyst.pub"
done

# start W H VAULT [ARGS...]: consult run in a fresh tmux window of W x H,
# under a shell that writes its exit status to $TMP/status and then keeps
# the pane (and what consult left on it) open. TERM is tmux's own.
cat >"$TMP/launch" <<EOF
#!/bin/sh
unset LANGUAGE LC_ALL LC_MESSAGES
CONSULT_LOCALEDIR='$CONSULT_LOCALEDIR'; export CONSULT_LOCALEDIR
TERM=screen LANG=C.UTF-8 "$CONSULT" run "\$@" 2>"$TMP/err"
echo \$? >"$TMP/status"
exec sleep 600
EOF
chmod +x "$TMP/launch"
start() {
	w=$1
	h=$2
	shift 2
	T kill-server >/dev/null 2>&1
	nsock=$((nsock + 1))
	SOCK="consult-test-$$-$nsock"	# a dying server keeps its socket
	rm -f "$TMP/status"
	T -f /dev/null new-session -d -x "$w" -y "$h" "$TMP/launch $*"
}

# keys KEY...: send keys, then give them time to be drawn.
keys() {
	T send-keys "$@"
	sleep 0.05
}

# text STRING: type a literal string.
text() {
	T send-keys -l "$1"
	sleep 0.05
}

# exit_status: consult's exit status once it has ended (10 s at most).
exit_status() {
	i=0
	while [ ! -s "$TMP/status" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat "$TMP/status" 2>/dev/null
}

# ---- a whole response of the bundled consultation at 80x24 ---------------
start 80 24 "$TMP/imrf"
expect_screen "Your resume code is" "the resume code is shown at the start"
expect_screen "1/26" "header shows the progress"
keys Enter
expect_screen "[ ] OK" "acknowledge widget"
keys Enter
expect_screen "Please confirm that you agree" \
    "required message on the status line"
keys Space Enter
wait_for "What kind of organisation" >/dev/null
keys C-t
expect_screen "Français (fr)" "^T lists the languages"
keys 2
expect_screen "Quel type d'organisation" "the form's labels in French"
expect_screen "Entrée:suite" "the front end's own words in French"
keys C-t 1
expect_screen "What kind of organisation" "back in English"
expect_screen "Enter:next" "the front end's own words back in English"
keys ?
expect_screen "check the answer and go on" "? shows the keys"
keys Space
wait_for "What kind of organisation" >/dev/null
keys 1
expect_screen "(*) 1 NGO" "a digit picks a choice"
keys Enter 1 Enter 1 Enter
expect_screen "Roughly what share" "choices answered by keys"
text 4x
expect_screen "Please enter a number" "a non-number is refused as typed"
text 0
keys Enter
wait_for "Name of your organisation" >/dev/null
text Acme
keys Enter
expect_screen "Rank your top 5" "rank question"
keys 3 5 d f 6
expect_screen "[3] d Detention only" "rank shows the order"
keys Enter
expect_screen "How urgent is progress" "a field-list group on one screen"
expect_screen "Regular migration pathways" "its questions together"
expect_screen "( ) 1  ( ) 2  ( ) 3  ( ) 4  ( ) 5" "likert drawn as a scale"
keys 5 Down 4 Tab 3 Down 2 Enter
expect_screen "Please choose a level from 1 to 5." \
    "the page's unanswered question is named"
expect_screen "> 1 – Not urgent" "and has the focus"
keys 1 Enter
wait_for "What one proposal" >/dev/null
keys BSpace
expect_screen "(*) 1  ( ) 2  ( ) 3  ( ) 4  ( ) 5" "back onto the page, kept"
keys Enter
expect_screen "^D:done" "multiline text has its own keys"
text "A proposal"
keys Enter
text "on two lines"
keys C-d
expect_screen "In 2022, civil society pressed" "multiline text ended by ^D"
keys Enter 5 Enter 4 Enter Enter Enter Enter Enter
wait_for "Which of these matter most" >/dev/null
keys 1 2 Enter
wait_for "Anything else on how" >/dev/null
keys C-d
wait_for "endorse a joint" >/dev/null
keys 1 Enter
wait_for "Name of the contact" >/dev/null
text Jane
keys Enter
wait_for "Contact email" >/dev/null
text jane@example.org
keys Enter
wait_for "About how many" >/dev/null
text 120
keys Enter
expect_screen "Thank you! The analysts" "last note"
keys Enter
expect_screen "Review your answers" "the review"
keys BSpace
expect_screen "Thank you! The analysts" "Backspace goes back from the review"
keys Enter
wait_for "Review your answers" >/dev/null
keys Down Down Enter
expect_screen "In which region does" "the review jumps to a question"
keys 6 Enter
expect_screen "Review your answers" "an edit returns to the review"
expect_screen "Global" "the edit is in the review"
keys s
expect_screen "Submit? [y/n]" "submit asks to confirm"
keys y
expect_screen "Receipt: " "the receipt is shown"
keys Enter
status=$(exit_status)
expect_status 0 "a submitted response exits 0"
expect_screen "Receipt: " "the receipt stays after the screen is gone"

# ---- 40x12, resizes, wide characters -------------------------------------
start 40 12 "$TMP/wide"
expect_screen "1/5" "starts at 40x12"
screen
cp "$TMP/screen" "$TMP/cjk"
keys Enter
expect_screen "Le caf" "second screen at 40x12"
screen
cp "$TMP/screen" "$TMP/accents"
"$PYTHON3" - "$TMP/cjk" "$TMP/accents" <<'EOF'
# Each line fits 40 columns; the wrapped labels read back whole; no line
# starts with a combining mark; Latin words are not cut.
import sys, unicodedata
def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c):
            continue
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return w
cjk = open(sys.argv[1], encoding="utf-8").read().split("\n")
acc = open(sys.argv[2], encoding="utf-8").read().split("\n")
label = ("这是一个很长的中文标签，用来检查宽字符在"
    "窄终端上是否按显示宽度正确换行，"
    "而且不会被截断或者错位。")
fr = unicodedata.normalize("NFD", "Le café de la société générale, à côté "
    "de l'église, fermé le dimanche et les jours fériés.")
ok = all(width(l) <= 40 for l in cjk + acc)
ok = ok and "".join(cjk[1:4]) == label
ok = ok and all(width(l) >= 39 for l in cjk[1:3])
ok = ok and " ".join(l.strip() for l in acc[1:4]) == fr
ok = ok and not any(l and unicodedata.combining(l[0]) for l in acc)
sys.exit(0 if ok else 1)
EOF
ok $? "CJK and combining labels wrap by display width"
keys Enter
expect_screen "Put these in order" "rank question at 40x12"
keys 3 1
T resize-window -x 60 -y 20
expect_screen "[ ] 8 Family reunion" "resize in a rank question redraws"
expect_screen "[2] 1 Water" "the rank survives the resize"
T resize-window -x 30 -y 10
expect_screen "Terminal too small" "below 40x12: terminal too small"
T resize-window -x 40 -y 12
expect_screen "[1] 3 Shelter" "back at 40x12: the question again"
keys 8 Enter
expect_screen "A word?" "rank answered after the resizes"
text hel
sleep 0.2
kill -HUP "$(ps -o pid= --ppid "$(T display -p '#{pane_pid}')")"
status=$(exit_status)
expect_status 1 "SIGHUP: exits 1"
expect_grep "$TMP/err" "stopped by a signal" "SIGHUP: said on stderr"
code=$(sed -n 's/.*--resume \([A-Z0-9-]*\).*/\1/p' "$TMP/err")
"$CONSULT" run "$TMP/wide" --resume "$code" </dev/null >"$TMP/out" 2>&1
expect_grep "$TMP/out" "A word?" "SIGHUP: the draft resumes where it was"
printf ':back\n' | "$CONSULT" run "$TMP/wide" --resume "$code" >"$TMP/out" \
    2>&1
expect_grep "$TMP/out" "1. Shelter; 2. Water; 3. Family reunion" \
    "SIGHUP: the answers given are kept"

# ---- kiosk -----------------------------------------------------------------
start 80 24 "$TMP/kiosk" --kiosk
wait_for "1/5" >/dev/null
keys Enter Enter 1 Enter
wait_for "A word?" >/dev/null
text Alpha
keys Enter 1 Enter
expect_screen "Alpha" "kiosk: the first participant's review"
keys s y
expect_screen "Next participant" "kiosk: receipt, then the next one"
keys Enter
expect_screen "1/5" "kiosk: the next participant starts"
screen
! grep -qF Alpha "$TMP/screen"
ok $? "kiosk: nothing of the first participant is visible"
keys C-q
expect_screen "End kiosk mode?" "kiosk: the facilitator's key asks to confirm"
keys n
expect_screen "1/5" "kiosk: no goes on"
keys C-q y
status=$(exit_status)
expect_status 0 "kiosk: confirmed, it ends with 0"

# ---- what was submitted ----------------------------------------------------
"$VAULT_TOOL" dump "$TMP/analyst.key" "$TMP/pass" "$TMP/imrf" "$TMP/kiosk" \
    >"$TMP/dump" 2>&1
expect_grep "$TMP/dump" "top_objectives=obj03 obj05 obj13 obj15 obj06" \
    "IMRF by keys: the rank stored in order"
expect_grep "$TMP/dump" "region=global" "IMRF by keys: the edit stored"
expect_grep "$TMP/dump" 'proposal=A proposal\non two lines' \
    "IMRF by keys: multiline text stored"
expect_grep "$TMP/dump" "migration_share=40" "IMRF by keys: number stored"
expect_grep "$TMP/dump" "urgency_detention=5" "IMRF by keys: a page stored"
expect_grep "$TMP/dump" "urgency_climate=1" \
    "IMRF by keys: the page's corrected answer stored"
expect_grep "$TMP/dump" "word=Alpha" "kiosk: the response stored"

done_testing
