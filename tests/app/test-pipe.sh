#!/bin/sh
# test-pipe.sh: label piping and markup as participants meet them: plain
# mode through a pipe (a label changes once its question is answered, a
# choice's label in French with --lang fr, :back and a changed answer,
# a constraint message naming the answers), check refusing ${x} that
# names no question, hostile markup that never reaches the terminal, and
# the curses screen through tmux at 80x24.
. "${srcdir:-.}/tests/app/tap.sh"
. "${srcdir:-.}/tests/app/tmux.sh"

: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
F="$srcdir/tests/data/forms/pipe.csv"

run check "$F"
expect_status 0 "a form piping answers into its labels is valid"

printf 'survey,type,name,label,hint\n,text,name,Name?,\n,note,hi,Hi ${nmae},Say ${zzz}\nchoices,list_name,name,label\n,l,a,A ${qq}\n' \
    >"$TMP/bad.csv"
run check "$TMP/bad.csv"
expect_status 65 "a label naming no question is refused"
expect_grep "$TMP/err" "consult: check: $TMP/bad.csv:3: unknown question '\${nmae}' in label; did you mean \${name}?" \
    "the label's line, with the near name"
expect_grep "$TMP/err" "$TMP/bad.csv:3: unknown question '\${zzz}' in hint" \
    "a hint is checked too"
expect_grep "$TMP/err" "$TMP/bad.csv:5: unknown question '\${qq}' in choice label" \
    "and a choice label"

echo "pipe passphrase" >"$TMP/pass"
analyst_key "$TMP/an" "$TMP/pass"
"$VAULT_TOOL" init "$TMP/v" "$F" "$TMP/an.pub" 2>"$TMP/err"
ok $? "a vault of the piping form"

# Name, favourite (Pear), others (Apple, Fig), 150 refused, then 5; the
# note; :back thrice (review, note, n) to the others, change them to Apple only; review.
printf 'Ann\n2\n1 3\n150\n5\n\n:back\n:back\n:back\n1\n\n\n' >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
expect_grep "$TMP/out" "Hello Ann, your favourite fruit?" \
    "a label shows the answer given before, its markup gone"
expect_grep "$TMP/out" "Others than *Pear*?" \
    "a select shows its choice's label (an escaped '*' kept)"
expect_grep "$TMP/out" "You chose *Pear* first" "a hint is piped too"
expect_grep "$TMP/out" "  3) Fig Ann" "a choice label is piped"
expect_grep "$TMP/out" "How many Apple, Fig Ann a week?" \
    "select_multiple: the labels joined as ODK shows them"
expect_grep "$TMP/out" "Ann, 150 is too many" \
    "a constraint message is piped, with the refused value"
expect_grep "$TMP/out" "You eat 5 of Apple, Fig Ann; site (https://example.org)" \
    "a note: heading, <br>, a link as text and its url"
expect_grep "$TMP/out" "How many Apple a week?" \
    "after :back and a change, the label follows the new answer"
! grep -q '\${' "$TMP/out"
ok $? "no \${name} is ever shown"

printf 'Ann\n2\n1\n' >"$TMP/in"
"$CONSULT" run "$TMP/v" --plain --lang fr <"$TMP/in" >"$TMP/out" 2>&1
expect_grep "$TMP/out" "Bonjour Ann, votre fruit préféré ?" \
    "--lang fr: the French label, piped"
expect_grep "$TMP/out" "Autres que Poire ?" \
    "--lang fr: a select shows its French choice label"

# Hostile text: tags only, an unterminated tag, escape sequences (CSI,
# OSC, a lone ESC) in a label, a hint and a choice.
ESC=$(printf '\033')
BEL=$(printf '\007')
printf 'survey,type,name,label,hint\n,text,t1,"<span style=""x""></span><br>",\n,text,t2,<b unterminated and <<,%s[2J\n,select_one l,t3,"%s[31mred%s[0m %s]0;pwned%sdone ${t1}",\nchoices,list_name,name,label\n,l,a,%sc%s[1mA\n' \
    "$ESC" "$ESC" "$ESC" "$ESC" "$BEL" "$ESC" "$ESC" >"$TMP/hostile.csv"
"$VAULT_TOOL" init "$TMP/h" "$TMP/hostile.csv" "$TMP/an.pub" 2>"$TMP/err"
ok $? "a vault of hostile labels"
printf 'x\ny\n1\n' >"$TMP/in"
"$CONSULT" run "$TMP/h" --plain <"$TMP/in" >"$TMP/out" 2>&1
! grep -q "$ESC" "$TMP/out" && ! grep -q "$BEL" "$TMP/out"
ok $? "no escape sequence reaches the terminal"
expect_grep "$TMP/out" "<b unterminated and <<" "an unterminated tag is text"
expect_grep "$TMP/out" "red done x" "a label of escapes shows its text"
grep -qx "t1" "$TMP/out"
ok $? "a label of tags only shows the question's name"
expect_grep "$TMP/out" "1) A" "a choice label without its escapes"

# The curses screen at 80x24 through a private tmux server.
if ! command -v tmux >/dev/null 2>&1; then
	echo "ok $((tap_n + 1)) # SKIP tmux is not installed"
	tap_n=$((tap_n + 1))
	done_testing
	exit
fi
SOCK="consult-pipe-$$"
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
cat >"$TMP/launch" <<EOS
#!/bin/sh
unset LANGUAGE LC_ALL LC_MESSAGES
TERM=screen LANG=C.UTF-8 "$CONSULT" run "$TMP/v" 2>"$TMP/err"
echo \$? >"$TMP/status"
exec sleep 600
EOS
chmod +x "$TMP/launch"
tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 "$TMP/launch"
wait_for "Your name?"
ok $? "curses: the first question"
tmux -L "$SOCK" send-keys "Bea" Enter
wait_for "Hello Bea, your favourite fruit?"
ok $? "curses: the next label shows the answer"
tmux -L "$SOCK" send-keys 3 Enter
wait_for "Others than Fig Bea?"
ok $? "curses: a select's choice label, itself piped"
grep -q '\${' "$TMP/screen"
[ $? -ne 0 ]
ok $? "curses: no \${name} on the screen"

done_testing
