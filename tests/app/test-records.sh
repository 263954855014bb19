#!/bin/sh
# test-records.sh: what sealed records show and what export makes of them
# (issue 12, findings 2 to 4): record sizes that do not depend on the
# answers, a record removed from the middle or the end of a kiosk session
# reported as a tampered one, a session cut by kill -9 noted but not an
# error, simulated responses never counted with real ones unless asked.
. "${srcdir:-.}/tests/app/tap.sh"

printf 'records test passphrase\n' >"$TMP/pass"
analyst_key "$TMP/analyst" "$TMP/pass"
ok $? "an analyst key"
K="--key $TMP/analyst.key -P $TMP/pass"

cat >"$TMP/yn.csv" <<'EOF'
survey,,,,
,type,name,label,required
,select_one yn,agree,Do you agree?,yes
,text,why,Why?,
choices,,,
,list_name,name,label
,yn,yes,Yes
,yn,no,No
settings,,
,form_title,form_id
,YN,yn
EOF

# vault NAME: a fresh vault of the yes/no form.
vault() {
	"$CONSULT" init "$TMP/$1" --form "$TMP/yn.csv" \
	    --pubkey "$TMP/analyst.pub" >/dev/null
}

# kiosk NAME ANSWER...: one kiosk session, a participant per ANSWER
# (1 yes, 2 no; no text), then the facilitator quits.
kiosk() {
	v=$1
	shift
	for a in "$@"; do
		printf '%s\n' "$a" "" y ""
	done >"$TMP/in"
	printf '%s\n' :quit yes >>"$TMP/in"
	"$CONSULT" run "$TMP/$v" --plain --kiosk <"$TMP/in" >"$TMP/out" \
	    2>"$TMP/err"
	status=$?
}

# size FILE: its size in bytes.
size() {
	wc -c <"$1" | tr -d ' '
}

# ---- finding 2: sizes ---------------------------------------------------
vault yes && vault no
kiosk yes 1
expect_status 0 "a kiosk session with one Yes"
kiosk no 2
expect_status 0 "a kiosk session with one No"
y=$(ls "$TMP/yes/responses"/*.rec)
n=$(ls "$TMP/no/responses"/*.rec)
[ "$(size "$y")" -eq "$(size "$n")" ]
ok $? "Yes and No give record files of one size ($(size "$y"), $(size "$n"))"

# A short text hides in the form's size; a long one shows a bucket only.
printf '%s\n' 1 "short reason" y "" :quit yes >"$TMP/in"
vault text
"$CONSULT" run "$TMP/text" --plain --kiosk <"$TMP/in" >"$TMP/out" 2>&1
[ "$(size "$(ls "$TMP/text/responses"/*.rec)")" -eq "$(size "$y")" ]
ok $? "a short text answer does not change the size"
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "word%d ", i }')
printf '%s\n' 1 "$long" y "" :quit yes >"$TMP/in"
vault long
"$CONSULT" run "$TMP/long" --plain --kiosk <"$TMP/in" >"$TMP/out" 2>&1
l=$(size "$(ls "$TMP/long/responses"/*.rec)")
# File and record framing: 28 + 4 + 92 bytes; the plaintext doubled.
b=$(($(size "$y") - 124))
m=$(( (l - 124) / b ))
[ $((m * b)) -eq $((l - 124)) ] && [ $m -gt 1 ] && [ $((m & (m - 1))) -eq 0 ]
ok $? "a long text moves the record to a power-of-two bucket ($l bytes)"

# ---- finding 3: a record removed ----------------------------------------
vault k3
kiosk k3 1 2 1
expect_status 0 "a kiosk session of three participants"
[ "$(ls "$TMP/k3/responses" | wc -l)" -eq 3 ] &&
    [ "$(ls "$TMP/k3/sessions" | grep -c '\.end$')" -eq 1 ]
ok $? "three record files and the session's end record"
run export "$TMP/k3" $K
expect_status 0 "the whole session exports with 0"
[ "$(cat "$TMP/err")" = "consult: export: 3 responses read: 3 real, 0 simulated" ]
ok $? "stderr says how many real and simulated responses were read"

cp -R "$TMP/k3" "$TMP/mid"
middle=$(ls "$TMP/mid/responses" | sed -n 2p)
last=$(ls "$TMP/mid/responses" | sed -n 3p)
rm "$TMP/mid/responses/$middle"
run export "$TMP/mid" $K
expect_status 65 "the middle record removed: 65"
expect_grep "$TMP/err" "consult: export: $TMP/mid/responses/$last: record 2: the record before it (1) is missing" \
    "the record after the gap is named, with what is missing"
[ "$(tail -1 "$TMP/err")" = \
    "consult: export: 1 bad record skipped, 2 responses read (--skip-bad accepts this)" ]
ok $? "the last stderr line counts it"
run export "$TMP/mid" $K --skip-bad
expect_status 0 "--skip-bad accepts it"

cp -R "$TMP/k3" "$TMP/tail"
rm "$TMP/tail/responses/$last"
run export "$TMP/tail" $K
expect_status 65 "the last record removed: 65 (the end record names it)"
expect_grep "$TMP/err" ".end: the session's last record is 2, and records after 1 are missing" \
    "the session's end record is named"

cp -R "$TMP/k3" "$TMP/trunc"
python3 -c '
import sys
p = sys.argv[1]
b = open(p, "rb").read()
open(p, "wb").write(b[:len(b) // 2])
' "$TMP/trunc/responses/$middle"
run export "$TMP/trunc" $K
expect_status 65 "a truncated middle record: 65"
[ "$(grep -c "$TMP/trunc/responses/" "$TMP/err")" -eq 1 ]
ok $? "it is reported once (the gap after it is the same loss)"

# ---- finding 3: a session cut by kill -9 --------------------------------
vault killed
mkfifo "$TMP/fifo"
"$CONSULT" run "$TMP/killed" --plain --kiosk <"$TMP/fifo" >"$TMP/kout" \
    2>&1 &
pid=$!
exec 3>"$TMP/fifo"
printf '%s\n' 1 "" y "" 2 "" y "" >&3
i=0
while [ "$(ls "$TMP/killed/responses" | wc -l)" -lt 2 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 $pid
wait $pid 2>/dev/null
exec 3>&-
[ "$(ls "$TMP/killed/responses" | wc -l)" -eq 2 ] &&
    [ "$(ls "$TMP/killed/sessions" | grep -c '\.end$')" -eq 0 ]
ok $? "kill -9 after two participants: two records, no end record"
run export "$TMP/killed" $K
expect_status 0 "a session cut by kill -9 is not an error"
expect_grep "$TMP/err" "consult: export: note: 1 session without a closing record" \
    "a note says a session was cut short"
expect_grep "$TMP/out" '"yes","Yes","2","1"' "both responses are counted"

# ---- finding 4: simulated and real responses ----------------------------
vault sim
run simulate "$TMP/sim" --count 5 --seed 3
expect_status 0 "five simulated responses"
run export "$TMP/sim" $K
expect_status 0 "a simulated vault exports alone"
[ "$(cat "$TMP/err")" = "consult: export: 5 responses read: 0 real, 5 simulated" ]
ok $? "and says they are simulated"
run export "$TMP/k3" "$TMP/sim" $K
expect_status 65 "real and simulated vaults together: 65"
expect_grep "$TMP/err" "$TMP/sim holds simulated responses and $TMP/k3 real ones" \
    "names both vaults"
[ ! -s "$TMP/out" ]
ok $? "nothing is written"
run report "$TMP/k3" "$TMP/sim" $K
expect_status 65 "report refuses them too"
run export "$TMP/k3" "$TMP/sim" $K --include-simulated
expect_status 0 "--include-simulated counts them together"
expect_grep "$TMP/err" "8 responses read: 3 real, 5 simulated" \
    "and says how many of each"

# The mark is only a file; the flag inside each record is what counts.
cp -R "$TMP/sim" "$TMP/unmarked"
rm "$TMP/unmarked/simulated"
run export "$TMP/k3" "$TMP/unmarked" $K -o "$TMP/mixed.csv"
expect_status 65 "simulated records without their mark: still refused"
expect_grep "$TMP/err" "responses among" "the records' own flag says so"
[ ! -e "$TMP/mixed.csv" ]
ok $? "-o writes nothing"
run report "$TMP/unmarked" "$TMP/k3" $K --include-simulated
expect_status 0 "report --include-simulated reads both"
expect_grep "$TMP/err" "8 responses read: 3 real, 5 simulated" \
    "report says how many of each"

done_testing
