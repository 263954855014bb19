#!/bin/sh
# test-tui-keys.sh: the curses screen's key table and its limits, driven
# through a private tmux server: the ":" command line (:resume CODE at
# the first question, :lang, unknown commands), a 0-10 scale whose keys
# are the numbers shown (10 typed as 1 then 0 within a second), the help
# screen listing every binding, a long paste into a text (capped as plain
# mode caps it, at a cost that does not grow with its length), and a
# window that claims 10000x10000 (in a pty).
. "${srcdir:-.}/tests/app/tap.sh"
. "${srcdir:-.}/tests/app/tmux.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
: "${PYTHON3:=python3}"
SOCK="consult-keys-$$-0"
nsock=0
cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/consult-keys-$$-"*
	rm -rf "$TMP"
}
trap cleanup EXIT

echo "test passphrase" >"$TMP/pass"
"$VAULT_TOOL" keygen "$TMP/analyst" "$TMP/pass"
for v in keys paste window fail; do
	"$VAULT_TOOL" init "$TMP/$v" "$srcdir/tests/data/app/tui-keys.csv" \
	    "$TMP/analyst.pub"
done

cat >"$TMP/launch" <<EOF
#!/bin/sh
unset LANGUAGE LC_ALL LC_MESSAGES LINES COLUMNS
CONSULT_LOCALEDIR='$CONSULT_LOCALEDIR'; export CONSULT_LOCALEDIR
TERM=screen LANG=C.UTF-8 "$CONSULT" run "\$@" 2>"$TMP/err"
echo \$? >"$TMP/status"
exec sleep 600
EOF
chmod +x "$TMP/launch"
# start W H VAULT [ARGS...]: consult run in a fresh tmux window.
start() {
	w=$1
	h=$2
	shift 2
	T kill-server >/dev/null 2>&1
	nsock=$((nsock + 1))
	SOCK="consult-keys-$$-$nsock"
	rm -f "$TMP/status"
	T -f /dev/null new-session -d -x "$w" -y "$h" "$TMP/launch $*"
}
keys() {
	T send-keys "$@"
	sleep 0.05
}
text() {
	T send-keys -l "$1"
	sleep 0.05
}
exit_status() {
	i=0
	while [ ! -s "$TMP/status" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat "$TMP/status" 2>/dev/null
}
# consult_pid: the consult of the tmux pane.
consult_pid() {
	ps -o pid= --ppid "$(T display -p '#{pane_pid}')" | tr -d ' '
}
# cpu_ticks PID: user and system time of PID, in clock ticks.
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# ---- a draft, left by a participant in plain mode ----------------------
printf '\n5\n' | "$CONSULT" run "$TMP/keys" --plain >"$TMP/out" 2>"$TMP/err"
status=$?
expect_status 1 "plain: end of input keeps the draft"
expect_grep "$TMP/err" "consult run $TMP/keys --resume " \
    "the end-of-input hint names the vault"
code=$(sed -n 's/.*--resume \([A-Z0-9-]*\).*/\1/p' "$TMP/err")

# ---- :resume at the first question, :lang, unknown commands ------------
start 80 24 "$TMP/keys"
expect_screen "Welcome to the keys test" "curses: the first question"
keys :
text "frobnicate"
keys Enter
expect_screen "Unknown command :frobnicate" ": an unknown command is named"
keys :
text "resume ZZZZ-ZZZZ-ZZZZ"
keys Enter
expect_screen "No saved answers open with this code" \
    ":resume with a wrong code says so"
keys :
text "resume $code"
keys Enter
expect_screen "And a second time?" \
    ":resume CODE lands on the next unanswered question"
keys :
text "lang fr"
keys Enter
expect_screen "Et une seconde fois ?" ":lang fr: the form in French"
expect_screen "Entrée:suite" ":lang fr: the front end in French"
keys :
text "lang en"
keys Enter
expect_screen "And a second time?" ":lang en: back in English"
keys Escape
keys :
text "back"
keys Enter
expect_screen "(*) 5" ":back: the resumed answer is there"
keys Enter

# ---- numbers as keys ---------------------------------------------------
expect_screen "10 Extremely" "a two-digit choice shows its number as its key"
keys 1
expect_screen "1_ (type the next digit, or wait)" \
    "a digit that may begin 10 waits, said on the status line"
sleep 1.5
expect_screen "(*) 1  One" "after a second alone, 1 picks 1"
keys 1 0
expect_screen "(*) 10 Extremely" "1 then 0 picks 10"
keys 3
expect_screen "(*) 3  Three" "3 picks 3 at once"
keys 1 0 Enter
expect_screen "A word?" "Enter after 10: the next question"

# ---- the help screen: every binding of the table ----------------------
keys F1
expect_screen "check the answer and go on" "F1: the help"
screen
cp "$TMP/screen" "$TMP/help1"
keys Down Down Down Down Down Down Down Down Down Down Down Down
screen
cat "$TMP/help1" "$TMP/screen" >"$TMP/help"
for b in "Enter " "^D " "Bksp, PgUp, Left" "Space " "1-9, a-z" \
    "+, S-Up" "-, S-Down" "Up, k, S-Tab" "Down, j, Tab" "Left " \
    "Right " "s " "Esc " "?, F1" ":, F4" "^T, F2" "^S, F3" "^L "; do
	grep -qF -- "  $b" "$TMP/help"
	ok $? "the help lists $b"
done
expect_grep "$TMP/help" ":back :save :clear :resume CODE :lang CODE :help" \
    "the help lists the commands of the : line"
expect_grep "$TMP/help" "saved, encrypted" "the help scrolls to its end"
keys q
expect_screen "A word?" "a key closes the help"
keys C-s
expect_screen "Your answers are saved" "^S saves"
keys Enter
status=$(exit_status)
expect_status 0 "saved: exits 0"

# ---- a long paste into a text ------------------------------------------
# 80 KB on one line (capped at 64 KiB as in plain mode), then 80 KB in
# lines of 80 bytes into a text of several lines.
"$PYTHON3" -c 'import sys; sys.stdout.write("x" * 81920)' >"$TMP/line"
"$PYTHON3" -c 'import sys; sys.stdout.write(("y" * 79 + "\n") * 1024)' \
    >"$TMP/lines"
start 80 24 "$TMP/paste"
wait_for "Welcome" >/dev/null
keys Enter 1 Enter 2 Enter
wait_for "A word?" >/dev/null
pid=$(consult_pid)
t0=$(cpu_ticks "$pid")
T load-buffer "$TMP/line"
T paste-buffer
keys Enter
expect_screen "Your essay?" "80 KB pasted into a line, then Enter"
t1=$(cpu_ticks "$pid")
T load-buffer "$TMP/lines"
T paste-buffer -r
keys C-d
wait_for "Review your answers" 300
ok $? "80 KB pasted into a text of several lines, then ^D"
t2=$(cpu_ticks "$pid")
hz=$(getconf CLK_TCK)
echo "# CPU: line $((t1 - t0)) ticks, lines $((t2 - t1)) ticks (${hz}/s)"
if [ -n "$CONSULT_VALGRIND" ]; then
	ok 0 "# SKIP CPU time under valgrind"
	ok 0 "# SKIP CPU time under valgrind"
else
	[ $((t1 - t0)) -lt $((2 * hz)) ]
	ok $? "an 80 KB paste into a line costs under 2 s of CPU"
	[ $((t2 - t1)) -lt $((2 * hz)) ]
	ok $? "an 80 KB paste into a text of lines costs under 2 s of CPU"
fi
keys s y
expect_screen "Receipt: " "the pasted response is submitted"
keys Enter

# ---- a failure after answers: the error, and the way back ---------------
start 80 24 "$TMP/fail"
wait_for "Welcome" >/dev/null
keys Enter 5 Enter 3 Enter Enter C-d
wait_for "Review your answers" >/dev/null
rm -rf "$TMP/fail/responses" "$TMP/fail/sessions"
: >"$TMP/fail/responses"
: >"$TMP/fail/sessions"
keys s y
status=$(exit_status)
[ "$status" -ne 0 ] && [ "$status" -ne 1 ]
ok $? "a submission that cannot be written fails ($status)"
expect_grep "$TMP/err" "kept as a draft: consult run $TMP/fail --resume " \
    "curses: the failure names the command that resumes the draft"
code=$(sed -n 's/.*--resume \([A-Z0-9-]*\).*/\1/p' "$TMP/err")
rm -f "$TMP/fail/responses" "$TMP/fail/sessions"
mkdir -m 700 "$TMP/fail/responses" "$TMP/fail/sessions"
printf '' | "$CONSULT" run "$TMP/fail" --resume "$code" --plain \
    >"$TMP/out" 2>&1
expect_grep "$TMP/out" "Review your answers" "that draft resumes at the review"

# ---- a window of 10000x10000 --------------------------------------------
"$PYTHON3" "$srcdir/tests/app/tui-window.py" "$CONSULT" "$TMP/window" \
    10000 10000 "Terminal too large" "Welcome to the keys test" "$(printf '\r')" \
    "How likely" >"$TMP/window.out" 2>&1
while read -r line; do
	case $line in
	"ok "*) ok 0 "${line#ok }" ;;
	"not ok "*) ok 1 "${line#not ok }" ;;
	"peak "*) peak=${line#peak } ;;
	esac
done <"$TMP/window.out"
echo "# peak resident memory: ${peak:-?} KiB"
if [ -n "$CONSULT_VALGRIND" ]; then
	ok 0 "# SKIP memory under valgrind (its own process)"
else
	[ "${peak:-999999}" -gt 0 ] && [ "${peak:-999999}" -lt 65536 ]
	ok $? "a window of 10000x10000 keeps consult under 64 MiB"
fi

# ---- what was stored ---------------------------------------------------
"$VAULT_TOOL" dump "$TMP/analyst.key" "$TMP/pass" "$TMP/paste" >"$TMP/dump" \
    2>&1
expect_grep "$TMP/dump" "score=1" "paste: the first scale stored"
n=$(sed -n 's/^word=//p' "$TMP/dump" | tr -d '\n' | wc -c)
[ "$n" -eq 65536 ]
ok $? "the line stored is capped at 64 KiB ($n bytes)"
n=$(awk '/^essay=/ { s = substr($0, 7) } END { print length(s) }' \
    "$TMP/dump")
[ "$n" -ge 81000 ]
ok $? "the text of lines stored whole ($n bytes as dumped)"

done_testing
