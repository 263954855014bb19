#!/bin/sh
# test-bad-input.sh: what new users will throw at consult: huge forms and
# labels, long pastes, invalid UTF-8 and control characters, a 1x1
# terminal, a read-only vault, a full disk, a vault deleted during a run,
# empty key files, closed stdin and stdout, missing paths. Each time: one
# clear "consult: VERB: ..." line, the exit status of SPEC.md, no crash,
# and nothing already stored lost.
. "${srcdir:-.}/tests/app/tap.sh"
. "${srcdir:-.}/tests/app/tmux.sh"
WAIT_TENTHS=200	# 20 s: the screens wait on a busy machine

: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
SOCK="consult-bad-$$"
MNT=""
IMMUTABLE=""
cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	[ -n "$IMMUTABLE" ] && chattr -R -i "$IMMUTABLE" 2>/dev/null
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	chmod -R u+w "$TMP" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

echo "test passphrase" >"$TMP/pass"
"$VAULT_TOOL" keygen "$TMP/analyst" "$TMP/pass" ||
	echo "# vault-tool keygen failed"

# vault NAME FORM: a fresh vault $TMP/NAME (cheap Argon2id for drafts).
vault() {
	"$VAULT_TOOL" init "$TMP/$1" "$2" "$TMP/analyst.pub" 2>"$TMP/err" ||
		echo "# init $1 failed: $(cat "$TMP/err")"
}

# stored VAULT: the number of responses in VAULT, read with the key.
stored() {
	"$VAULT_TOOL" dump "$TMP/analyst.key" "$TMP/pass" "$1" 2>/dev/null |
	    sed -n 's/^opened \([0-9]*\) bad 0$/\1/p'
}

# answer VAULT: consult run VAULT --plain with stdin from $TMP/in.
answer() {
	"$CONSULT" run "$1" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# expect_message VERB STATUS TEXT DESCRIPTION: exit STATUS, and stderr's
# first line is "consult: VERB: " and holds TEXT; every stderr line is
# consult's own (no sanitizer report, no crash message).
expect_message() {
	r=0
	if [ "$status" -ne "$2" ]; then
		echo "# expected status $2, got $status"
		r=1
	fi
	# run's first line names the analyst key; the error comes next.
	sed -i '1{/^consult: run: .*: sealing responses to the analyst key /d}' \
	    "$TMP/err"
	if ! head -1 "$TMP/err" | grep -q "^consult: $1: " ||
	    ! head -1 "$TMP/err" | grep -qF -- "$3"; then
		echo "# expected 'consult: $1: ...$3...' first; stderr:"
		sed 's/^/# /' "$TMP/err" | head -5
		r=1
	fi
	if grep -qv "^consult: " "$TMP/err"; then
		echo "# stderr has other lines:"
		grep -v "^consult: " "$TMP/err" | sed 's/^/# /' | head -5
		r=1
	fi
	ok $r "$4"
}

# expect_count VAULT N DESCRIPTION
expect_count() {
	n=$(stored "$1")
	[ "$n" = "$2" ]
	r=$?
	[ $r -eq 0 ] || echo "# $1 holds '$n' responses, expected $2"
	ok $r "$3"
}

# ---- small forms ---------------------------------------------------------
SMALL="$TMP/small.csv"
cat >"$SMALL" <<'EOF'
survey,,,,
,type,name,label,appearance
,text,t1,A word?,
,text,story,Tell us more.,multiline
,integer,n1,A number?,
settings,,,,
,form_title,form_id,version,
,Small,small,1,
EOF

# ---- 5,000 questions and 500 choices ----------------------------------------
BIG="$TMP/big.csv"
awk 'BEGIN {
	print "survey,,,"; print ",type,name,label"
	split("select_one big|integer|text|select_multiple big", t, "|")
	for (i = 0; i < 5000; i++)
		printf ",%s,q%d,Question %d?\n", t[i % 4 + 1], i, i
	print "choices,,,"; print ",list_name,name,label"
	for (j = 0; j < 500; j++)
		printf ",big,c%d,Choice %d\n", j, j
	print "settings,,,"; print ",form_title,form_id,version"
	print ",Big,big,1"
}' >"$BIG"
# Its speed is measured by make bench-check, not asserted here.
run check "$BIG"
expect_status 0 "a form of 5,000 questions and 500 choices passes check"
expect_grep "$TMP/out" "5000 questions" "check counts the 5,000 questions"
vault big "$BIG"
printf '3\n42\nsome text\n1 2 500\n' >"$TMP/in"
answer "$TMP/big"
expect_message run 1 "end of input; the answers are kept as a draft" \
    "big form: plain mode answers four questions, then keeps a draft"
expect_grep "$TMP/out" "[5/5000] Big" "big form: the fifth question is asked"
expect_grep "$TMP/out" "500) Choice 499" "big form: all 500 choices listed"
vault bigsim "$BIG"
run simulate "$TMP/bigsim" --count 1 --seed 7
expect_status 0 "big form: simulate writes a response"
expect_count "$TMP/bigsim" 1 "big form: the simulated response is stored"

# ---- a 1 MB label -----------------------------------------------------------
LABEL="$TMP/label.csv"
awk 'BEGIN {
	print "survey,,,"; print ",type,name,label"
	l = "0123456789abcdef"
	while (length(l) < 1048576)
		l = l l
	printf ",text,t1,%s\n", l
	print ",integer,n1,A number?"
}' >"$LABEL"
run check "$LABEL"
expect_status 0 "a 1 MB label passes check"
vault label "$LABEL"
printf 'word\n5\ny\n' >"$TMP/in"
answer "$TMP/label"
expect_status 0 "the 1 MB label: a response is submitted"
size=$(wc -c <"$TMP/out")
[ "$size" -gt 1048576 ]
ok $? "plain mode shows the whole 1 MB label ($size bytes out)"
expect_count "$TMP/label" 1 "the 1 MB label: the response is stored"

# ---- a 100 KB paste -----------------------------------------------------
vault paste "$SMALL"
awk 'BEGIN { s = "pasted text "; while (length(s) < 102400) s = s s
	print s }' >"$TMP/in"
# The refused line, then the answers the participant gives next.
printf 'short\n\n7\ny\n' >>"$TMP/in"
answer "$TMP/paste"
expect_status 0 "a 100 KB line: refused, the participant goes on"
expect_grep "$TMP/out" "That answer is too long." \
    "a 100 KB line is refused with a message"
"$VAULT_TOOL" dump "$TMP/analyst.key" "$TMP/pass" "$TMP/paste" \
    >"$TMP/dump" 2>&1
expect_grep "$TMP/dump" "t1=short" "the answer given after the refusal is stored"
! grep -q "t1=pasted" "$TMP/dump"
ok $? "no truncated part of the 100 KB line is stored"
# In a multiline answer, 100 lines of 1,000 bytes are taken whole.
awk 'BEGIN { print "word"; for (i = 0; i < 100; i++) {
	s = sprintf("line %03d ", i); while (length(s) < 1000) s = s "x"
	print s }
	print "."; print "8"; print "y" }' >"$TMP/in"
answer "$TMP/paste"
expect_status 0 "a 100 KB multiline paste is accepted"
"$VAULT_TOOL" dump "$TMP/analyst.key" "$TMP/pass" "$TMP/paste" \
    >"$TMP/dump" 2>&1
len=$(sed -n 's/^story=//p' "$TMP/dump" | sed 's/\\n/\n/g' | wc -c)
[ "$len" -eq 100100 ]
ok $? "the 100 KB multiline paste is stored whole ($len bytes)"
expect_count "$TMP/paste" 2 "both pasted responses are stored"

# ---- invalid UTF-8 and control characters ---------------------------------
vault bytes "$SMALL"
printf 'ab\377\376cd\nab\033[2Jcd\nab\000cd\nclean\n\n9\ny\n' >"$TMP/in"
answer "$TMP/bytes"
expect_status 0 "invalid UTF-8 and controls typed: refused, then submitted"
n=$(grep -c "characters that are not allowed" "$TMP/out")
[ "$n" -eq 3 ]
ok $? "invalid UTF-8, an escape sequence and a NUL are each refused ($n)"
"$VAULT_TOOL" dump "$TMP/analyst.key" "$TMP/pass" "$TMP/bytes" \
    >"$TMP/dump" 2>&1
expect_grep "$TMP/dump" "t1=clean" "only the clean answer is stored"
printf 'survey,,,\n,type,name,label\n,text,t1,Bad \377 label\n' \
    >"$TMP/badutf8.csv"
run check "$TMP/badutf8.csv"
expect_message check 65 "$TMP/badutf8.csv:3: invalid UTF-8" \
    "invalid UTF-8 in a form: 65 with FILE:LINE"
printf 'survey,,,\n,type,name,label\n,text,ok,Fine\n,text,t\033[2J,x\n' \
    >"$TMP/badname.csv"
run check "$TMP/badname.csv"
expect_message check 65 "$TMP/badname.csv:4: invalid name 't?[2J'" \
    "an escape in a form's name: 65, FILE:LINE, shown as ?"
! grep -q "$(printf '\033')" "$TMP/err"
ok $? "no escape character reaches the terminal from an error message"

# ---- empty key files, missing and wrong paths ----------------------------
: >"$TMP/empty.key"
: >"$TMP/empty.pub"
vault keep "$SMALL"
printf 'kept\n\n1\ny\n' >"$TMP/in"
answer "$TMP/keep"
expect_status 0 "a response to keep is submitted"
for verb in export report; do
	run "$verb" "$TMP/keep" --key "$TMP/empty.key" -P "$TMP/pass"
	expect_message "$verb" 77 \
	    "$TMP/empty.key: not a consult secret key file" \
	    "$verb with a key file of 0 bytes: 77, the file named"
done
run init "$TMP/new" --form "$SMALL" --pubkey "$TMP/empty.pub"
expect_message init 65 "$TMP/empty.pub: not a consult public key" \
    "init with a .pub of 0 bytes: 65, the file named"
[ ! -e "$TMP/new" ]
ok $? "init with an empty .pub leaves no vault behind"
for verb in status run; do
	run "$verb" "$TMP/nosuch"
	expect_message "$verb" 66 "$TMP/nosuch: No such file or directory" \
	    "$verb of a vault that does not exist: 66"
done
run export "$TMP/nosuch" --key "$TMP/analyst.key" -P "$TMP/pass"
expect_message export 66 "$TMP/nosuch: No such file or directory" \
    "export of a vault that does not exist: 66"
run check "$TMP"
expect_message check 74 "$TMP: Is a directory" \
    "check of a directory: 74 (I/O error), the path named"
run init "$TMP/new" --form "$TMP" --pubkey "$TMP/analyst.pub"
expect_message init 74 "$TMP: Is a directory" \
    "init with a directory as the form: 74, the path named"

# ---- stdin and stdout closed -----------------------------------------------
"$CONSULT" run "$TMP/keep" <&- >"$TMP/out" 2>"$TMP/err"
status=$?
expect_message run 74 "cannot read standard input: Bad file descriptor" \
    "run with stdin closed: 74 and why"
"$CONSULT" run "$TMP/keep" </dev/null >"$TMP/out" 2>"$TMP/err"
status=$?
expect_message run 1 "end of input; the answers are kept as a draft" \
    "run with stdin from /dev/null: end of input, exit 1"
if [ -n "$CONSULT_VALGRIND" ]; then
	# valgrind opens its log file on the free descriptor 1 itself.
	for d in status export check; do
		ok 0 "# SKIP $d with stdout closed: not under valgrind"
	done
else
	"$CONSULT" status "$TMP/keep" >&- 2>"$TMP/err"
	status=$?
	expect_message status 74 "write error: Bad file descriptor" \
	    "status with stdout closed: 74, not a silent success"
	"$CONSULT" export "$TMP/keep" --key "$TMP/analyst.key" -P "$TMP/pass" \
	    >&- 2>"$TMP/err"
	status=$?
	expect_message export 74 "write error: Bad file descriptor" \
	    "export with stdout closed: 74"
	"$CONSULT" check "$SMALL" >&- 2>"$TMP/err"
	status=$?
	expect_message check 74 "write error: Bad file descriptor" \
	    "check with stdout closed: 74"
fi
expect_count "$TMP/keep" 1 "the kept response is still there"

# ---- a vault deleted during a run ------------------------------------------
# Its name holds an escape sequence: run's own error lines are filtered
# as every other message is.
GONE="gone$(printf '\033')[31m"
vault "$GONE" "$SMALL"
mkfifo "$TMP/fifo"
"$CONSULT" run "$TMP/$GONE" --plain <"$TMP/fifo" >"$TMP/out" 2>"$TMP/err" &
pid=$!
exec 7>"$TMP/fifo"
echo "first" >&7
i=0
while [ -z "$(ls "$TMP/$GONE/drafts" 2>/dev/null)" ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
rm -rf "$TMP/$GONE"
printf '\n3\ny\n' >&7
exec 7>&-
wait $pid
status=$?
expect_message run 74 \
    "cannot save the answers as a draft: $TMP/gone?[31m/drafts" \
    "vault deleted during a run: 74, the directory named"
! grep -q "$(printf '\033')" "$TMP/err"
ok $? "the escape in the vault's name reaches the terminal as ?"
! grep -q "kept as a draft" "$TMP/err"
ok $? "no draft is promised when the vault is gone"

# ---- a read-only vault -------------------------------------------------------
# Root ignores permissions: an immutable flag, else a read-only bind
# mount. ro/a holds a response; ro/b is empty (simulate refuses a vault
# holding real responses whether it can write or not).
mkdir "$TMP/ro"
vault ro/a "$SMALL"
vault ro/b "$SMALL"
printf 'before\n\n2\ny\n' >"$TMP/in"
answer "$TMP/ro/a"
subdirs=$(for v in a b; do for d in sessions responses drafts; do
	echo "$TMP/ro/$v/$d"; done; done)
how=""
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w $subdirs && how="mode a-w"
elif chattr +i $subdirs 2>/dev/null; then
	IMMUTABLE="$TMP/ro"
	how="chattr +i"
elif mount --bind -o ro "$TMP/ro" "$TMP/ro" 2>/dev/null; then
	MNT="$TMP/ro"
	how="read-only bind mount"
fi
if [ -z "$how" ]; then
	for d in 1 2 3 4; do
		ok 0 "# SKIP read-only vault: no chmod, chattr or mount works"
	done
else
	printf 'after\n\n2\ny\n' >"$TMP/in"
	answer "$TMP/ro/a"
	expect_message run 74 "$TMP/ro/a/sessions: cannot write there" \
	    "read-only vault ($how): run says so at once, 74"
	run simulate "$TMP/ro/b" --count 1
	expect_message simulate 74 "$TMP/ro/b/" \
	    "read-only vault ($how): simulate fails with 74"
	run status "$TMP/ro/a"
	expect_status 0 "read-only vault ($how): status still reads it"
	expect_count "$TMP/ro/a" 1 "read-only vault: the response is still there"
	[ -n "$IMMUTABLE" ] && chattr -R -i "$IMMUTABLE" && IMMUTABLE=""
	[ -n "$MNT" ] && umount "$MNT" && MNT=""
fi

# ---- a full disk -----------------------------------------------------------
mkdir "$TMP/small-disk"
if [ "$(id -u)" -eq 0 ] &&
    mount -t tmpfs -o size=512k tmpfs "$TMP/small-disk" 2>/dev/null; then
	MNT="$TMP/small-disk"
	vault small-disk/v "$SMALL"
	printf 'roomy\n\n4\ny\n' >"$TMP/in"
	answer "$TMP/small-disk/v"
	expect_status 0 "small disk: a response is submitted while there is room"
	dd if=/dev/zero of="$TMP/small-disk/fill" bs=4096 2>/dev/null
	printf 'cramped\n\n5\ny\n' >"$TMP/in"
	answer "$TMP/small-disk/v"
	expect_message run 74 "No space left on device" \
	    "full disk: run stops with 74 and says why"
	grep -q "$TMP/small-disk/v/drafts/" "$TMP/err"
	ok $? "full disk: the message names the file it could not write"
	expect_count "$TMP/small-disk/v" 1 "full disk: the stored response is kept"
	run export "$TMP/small-disk/v" --key "$TMP/analyst.key" \
	    -P "$TMP/pass" -o "$TMP/small-disk/out.csv"
	expect_message export 74 "No space left on device" \
	    "full disk: export -o onto it fails with 74"
	rm -f "$TMP/small-disk/fill"
	umount "$TMP/small-disk" && MNT=""
else
	for d in 1 2 3 4 5; do
		ok 0 "# SKIP full disk: mounting a small tmpfs needs root"
	done
fi

# ---- curses: a 1x1 terminal and back -----------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	for d in 1 2 3 4 5 6; do
		ok 0 "# SKIP 1x1 terminal: tmux is not installed"
	done
else
	vault tiny "$SMALL"
	cat >"$TMP/launch" <<EOF
#!/bin/sh
TERM=screen LANG=C.UTF-8 "$CONSULT" run "$TMP/tiny" 2>"$TMP/err"
echo \$? >"$TMP/status"
exec sleep 600
EOF
	chmod +x "$TMP/launch"
	T -f /dev/null new-session -d -x 80 -y 24 "$TMP/launch"
	wait_for "A word?"
	ok $? "curses: the first question at 80x24"
	T resize-window -x 1 -y 1
	sleep 0.5
	T resize-window -x 20 -y 5
	wait_for "Terminal too small"
	ok $? "curses: 1x1 then 20x5 says the terminal is too small"
	# Keys typed while nothing can be seen answer nothing.
	T send-keys -l "unseen"
	T send-keys Enter
	sleep 0.5
	T resize-window -x 80 -y 24
	wait_for "A word?"
	ok $? "curses: back at 80x24 the question is shown again"
	! grep -qF "unseen" "$TMP/screen" && ! grep -qF "Tell us more." "$TMP/screen"
	ok $? "curses: keys typed while too small were ignored"
	T send-keys -l "resized"
	T send-keys Enter
	wait_for "Tell us more." >/dev/null
	T send-keys C-d
	wait_for "A number?" >/dev/null
	T send-keys -l 6
	T send-keys Enter
	wait_for "Review your answers" >/dev/null
	T send-keys s
	wait_for "Submit? [y/n]" >/dev/null
	T send-keys y
	wait_for "Receipt: " >/dev/null
	T send-keys Enter
	i=0
	while [ ! -s "$TMP/status" ] && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(cat "$TMP/status" 2>/dev/null)" = 0 ]
	ok $? "curses: after the resizes the response is submitted, exit 0"
	expect_count "$TMP/tiny" 1 "curses: the response is stored"
	T kill-server >/dev/null 2>&1
fi

done_testing
