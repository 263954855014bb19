#!/bin/sh
# test-vault.sh: "consult init" and "consult status" as programs: exit
# statuses, messages, what they make and count; no answer in clear.
. "${srcdir:-.}/tests/app/tap.sh"
: "${CRASH_WRITER:=./tests/vault/crash-writer}"
D="$srcdir/tests/data/vault"

run init "$TMP/v" --form "$D/form.csv"
expect_status 2 "init without --pubkey is a usage error"
expect_grep "$TMP/err" "consult: init: --form and --pubkey are both needed" \
    "init says what is missing"

run init --form "$D/form.csv" --pubkey "$D/analyst.pub"
expect_status 2 "init without VAULT is a usage error"

run init "$TMP/v" --form "$D/nosuch.csv" --pubkey "$D/analyst.pub"
expect_status 66 "init with a missing form exits 66"
expect_grep "$TMP/err" "consult: init: $D/nosuch.csv: No such file" \
    "init names the missing form"

run init "$TMP/v" --form "$D/form.csv" --pubkey "$D/nosuch.pub"
expect_status 66 "init with a missing key exits 66"
expect_grep "$TMP/err" "nosuch.pub" "init names the missing key"

run init "$TMP/v" --form "$D/bad-form.csv" --pubkey "$D/analyst.pub"
expect_status 65 "init with an invalid form exits 65"
expect_grep "$TMP/err" "consult: init: $D/bad-form.csv:5: " \
    "init gives the form's errors as FILE:LINE"

run init "$TMP/v" --form "$D/form.csv" --pubkey "$D/bad.pub"
expect_status 65 "init with a damaged key file exits 65"

[ ! -e "$TMP/v" ] && [ -z "$(ls -A "$TMP" | grep -v "^out$\|^err$")" ]
ok $? "failed inits leave nothing behind"

run init "$TMP/v" --form "$D/form.csv" --pubkey "$D/analyst.pub"
expect_status 0 "init makes a vault"
expect_grep "$TMP/out" "Created vault $TMP/v" "init says so"
expect_grep "$TMP/out" "Vault test consultation (version 3)" \
    "init names the form"
cmp -s "$D/form.csv" "$TMP/v/form.csv"
ok $? "the vault keeps the form's exact bytes"
[ -z "$(ls -A "$TMP/v/responses")" ] && [ -z "$(ls -A "$TMP/v/drafts")" ]
ok $? "a new vault holds no response and no draft"

run init "$TMP/v" --form "$D/form.csv" --pubkey "$D/analyst.pub"
expect_status 1 "init refuses a vault that exists"
expect_grep "$TMP/err" "consult: init: $TMP/v: directory is not empty" \
    "init says the directory is not empty"

mkdir "$TMP/empty"
run init "$TMP/empty" --form "$D/form.csv" --pubkey "$D/analyst.pub"
expect_status 0 "init takes an empty directory"

run status "$TMP/v"
expect_status 0 "status of a new vault"
expect_grep "$TMP/out" "$TMP/v: Vault test consultation (version 3)" \
    "status names the vault and its form"
expect_grep "$TMP/out" "responses  0" "status counts no responses"
expect_grep "$TMP/out" "days       none yet" "status has no days yet"

mkdir "$TMP/tmpdir"
TMPDIR="$TMP/tmpdir" "$CRASH_WRITER" write "$TMP/v" w 3 >"$TMP/log"
ok $? "three responses are submitted"
TMPDIR="$TMP/tmpdir" "$CRASH_WRITER" draft "$TMP/v" >"$TMP/code"
ok $? "a draft is saved"
grep -q '^[2-9A-Z]\{5\}-[2-9A-Z]\{5\}-[2-9A-Z]\{5\}$' "$TMP/code"
ok $? "the resume code reads XXXXX-XXXXX-XXXXX"

run status "$TMP/v"
expect_status 0 "status of a vault with responses"
expect_grep "$TMP/out" "responses  3" "status counts the responses"
expect_grep "$TMP/out" "drafts     1" "status counts the draft"
expect_grep "$TMP/out" "sessions   1" "status counts the session"
today=$(date +%Y-%m-%d)
expect_grep "$TMP/out" "days       $today to $today" "status gives the days"

! grep -rqa -e secret-marker -e "$(cat "$TMP/code")" "$TMP/v" "$TMP/tmpdir"
ok $? "no answer and no resume code is in clear in the vault or TMPDIR"

cp -a "$TMP/v" "$TMP/copy"
run status "$TMP/v" "$TMP/copy"
expect_status 0 "status of a vault and its copy"
expect_grep "$TMP/out" "total, each response once" "status gives a total"
[ "$(grep -c 'responses  3' "$TMP/out")" -eq 3 ]
ok $? "the copy's responses count once in the total"

run status --purge-drafts soon "$TMP/v"
expect_status 2 "--purge-drafts needs a number"
expect_grep "$TMP/err" "--purge-drafts needs a number of days, not 'soon'" \
    "--purge-drafts says so"

run status --purge-drafts 30 "$TMP/v"
expect_status 0 "purging recent drafts"
expect_grep "$TMP/out" "removed 0 drafts not saved for 30 days" \
    "a recent draft is kept"
run status -P 0 "$TMP/v"
expect_grep "$TMP/out" "removed 1 draft not saved for 0 days" \
    "--purge-drafts 0 removes every draft"
expect_grep "$TMP/out" "drafts     0" "and status counts none"

run status "$TMP/nosuch"
expect_status 66 "status of a missing vault exits 66"
expect_grep "$TMP/err" "consult: status: $TMP/nosuch: No such file" \
    "status names the missing vault"

run status "$TMP/tmpdir"
expect_status 66 "status of a directory that is no vault exits 66"
expect_grep "$TMP/err" "not a vault" "status says it is not a vault"

echo "consult-vault 1" >"$TMP/copy/consult-vault"
run status "$TMP/copy"
expect_status 65 "status of a damaged vault exits 65"

done_testing
