#!/bin/sh
# test-secure.sh: "consult run" against a vault someone else could
# change (a 0777 folder above it, a replaced analyst.pub, a group-writable
# form, a hostile header), the analyst key it names, and the brake on
# wrong resume codes (delay, cap, syslog line without the code).
. "${srcdir:-.}/tests/app/tap.sh"

FORM="$srcdir/forms/imrf.csv"
LANG=C.UTF-8
export LANG
printf 'secure test passphrase\n' >"$TMP/pass"
"$CONSULT" keygen -o "$TMP/analyst" -P "$TMP/pass" >"$TMP/keygen" 2>&1 ||
	echo "# keygen failed: $(cat "$TMP/keygen")"
"$CONSULT" keygen -o "$TMP/evil" -P "$TMP/pass" >/dev/null 2>&1
id=$(sed -n 's/^key id //p' "$TMP/keygen")

# fresh NAME: a new vault $TMP/NAME.
fresh() {
	"$CONSULT" init "$TMP/$1" --form "$FORM" --pubkey "$TMP/analyst.pub" \
	    >/dev/null 2>"$TMP/err" || echo "# init $1: $(cat "$TMP/err")"
}

# answer VAULT INPUT-LINES...: plain run, stdin from the lines.
answer() {
	v=$1
	shift
	printf '%s\n' "$@" | "$CONSULT" run "$v" --plain >"$TMP/out" \
	    2>"$TMP/err"
	status=$?
}

fresh ok
answer "$TMP/ok"
expect_status 1 "a sound vault: end of input keeps a draft"
expect_grep "$TMP/err" "consult: run: $TMP/ok: sealing responses to the analyst key $id" \
    "run names the analyst key before anyone answers"
run status "$TMP/ok"
expect_grep "$TMP/out" "  key        $id" "status names the analyst key"

# init into an existing world-writable folder.
mkdir "$TMP/open" && chmod 0777 "$TMP/open"
"$CONSULT" init "$TMP/open" --form "$FORM" --pubkey "$TMP/analyst.pub" \
    >/dev/null 2>&1
bad=$(find "$TMP/open" -perm /022 | head -1)
[ -z "$bad" ]
ok $? "init into a 0777 folder makes nothing others could write ($bad)"
stat -c %a "$TMP/open/form.csv" | grep -qx 644
ok $? "the form is readable as the folder is, not writable"

# A vault inside a 0777 folder (not sticky): anyone could swap it.
mkdir "$TMP/shared" && chmod 0777 "$TMP/shared"
fresh shared/v
answer "$TMP/shared/v"
expect_status 1 "run refuses a vault in a world-writable folder (exit 1)"
expect_grep "$TMP/err" "consult: run: $TMP/shared: other users could write it (mode 0777)" \
    "the refusal names the folder"
[ -z "$(ls "$TMP/shared/v/drafts")" ]
ok $? "and nothing was written"
chmod 1777 "$TMP/shared"
answer "$TMP/shared/v"
expect_status 1 "a sticky folder above (as /tmp) is fine"

fresh form
chmod g+w "$TMP/form/form.csv"
answer "$TMP/form"
expect_status 1 "run refuses a group-writable form"
expect_grep "$TMP/err" "$TMP/form/form.csv: other users could write it (mode 0620)" \
    "the refusal names the form"

fresh key
cp "$TMP/evil.pub" "$TMP/key/analyst.pub"
answer "$TMP/key"
expect_status 65 "run refuses a replaced analyst.pub (exit 65)"
expect_grep "$TMP/err" "$TMP/key/analyst.pub: not the analyst key this vault was made for" \
    "the refusal names analyst.pub"
run status "$TMP/key"
expect_status 65 "status refuses it too"
[ -z "$(ls "$TMP/key/drafts")" ]
ok $? "no draft was sealed to the replaced key"

# A header asking 1 GiB for each draft key, its check line recomputed.
fresh huge
/usr/bin/python3 - "$TMP/huge/consult-vault" <<'PY'
import hashlib, re, sys
p = sys.argv[1]
t = open(p).read()
body = re.sub(r"argon2id \d+ \d+", "argon2id 4 1073741824",
              t[:t.index("check ")])
d = hashlib.blake2b(body.encode(), digest_size=16,
                    key=b"consult-vault header").hexdigest()
open(p, "w").write(body + "check " + d + "\n")
PY
start=$(date +%s)
answer "$TMP/huge"
end=$(date +%s)
expect_status 65 "a header asking 1 GiB per draft is refused"
expect_grep "$TMP/err" "$TMP/huge/consult-vault: damaged" "naming the header"
[ $((end - start)) -lt 5 ]
ok $? "at once ($((end - start)) s)"
sed -i 's/^drafts argon2id [0-9]* /drafts argon2id 1 /' "$TMP/ok/consult-vault"
answer "$TMP/ok"
expect_status 65 "a header edited without its check line is refused"

# Wrong resume codes: 1, 2, 4, 8 s, then the 5th ends the process; a
# syslog line each, never the code. /dev/log is caught in a private
# mount namespace where that can be made.
fresh codes
wrong="ZZZZZ-YYYYY-XXXXX"
cat >"$TMP/codes.sh" <<SH
mount -t tmpfs tmpfs /dev || exit 3
mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/urandom c 1 9 || exit 3
/usr/bin/python3 "$srcdir/tests/app/syslog-catch.py" /dev/log \
    "$TMP/syslog" 40 &
i=0
while [ ! -e "$TMP/syslog.ready" ] && [ \$i -lt 100 ]; do
	sleep 0.1; i=\$((i + 1))
done
start=\$(date +%s)
printf ':resume $wrong\n%.0s' 1 2 3 4 5 6 | "$CONSULT" run "$TMP/codes" \
    --plain >"$TMP/out" 2>"$TMP/err"
echo \$? \$((\$(date +%s) - start)) >"$TMP/codes.status"
sleep 0.3
kill \$! 2>/dev/null
SH
if [ "$(id -u)" -eq 0 ] && [ -x /usr/bin/python3 ] &&
    unshare -m --propagation private true 2>/dev/null; then
	unshare -m --propagation private sh "$TMP/codes.sh"
	caught=1
else
	printf ':resume %s\n%.0s' "$wrong" 1 2 3 4 5 6 >"$TMP/in"
	start=$(date +%s)
	"$CONSULT" run "$TMP/codes" --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
	echo $? $(($(date +%s) - start)) >"$TMP/codes.status"
	caught=0
fi
read -r status secs <"$TMP/codes.status"
expect_status 77 "the 5th wrong resume code ends the process (exit 77)"
expect_grep "$TMP/err" "5 wrong resume codes: ending the session" \
    "and says why"
[ "$secs" -ge 15 ] && [ "$secs" -le 25 ]
ok $? "after delays of 1+2+4+8 s ($secs s)"
[ "$(grep -c "No saved answers open with this code" "$TMP/out")" -eq 4 ]
ok $? "the first four each say there is no draft"
if [ "$caught" -eq 1 ]; then
	[ "$(grep -c "consult\[[0-9]*\]: run: wrong resume code for $TMP/codes" \
	    "$TMP/syslog")" -eq 5 ]
	ok $? "a syslog line per wrong code: $(head -1 "$TMP/syslog")"
	# <84> is authpriv (10 << 3) | notice (5).
	[ "$(grep -c '^<85>' "$TMP/syslog")" -eq 5 ]
	ok $? "logged as authpriv.notice"
	! grep -q "$wrong\|ZZZZZ" "$TMP/syslog"
	ok $? "the code is not in the log"
else
	for _ in 1 2 3; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP no private mount namespace for /dev/log"
	done
fi

start=$(date +%s)
run run "$TMP/codes" --plain --resume "$wrong"
expect_status 77 "--resume with a wrong code exits 77"
[ $(($(date +%s) - start)) -ge 1 ]
ok $? "after a delay"

done_testing
