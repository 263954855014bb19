# tap.sh: a few TAP helpers for whole-program tests, sourced by tests/app/*.sh.
# Needs $CONSULT (the binary) and $srcdir (the source tree) from make check.
: "${CONSULT:=./consult}"
: "${srcdir:=.}"
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/consult-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# ok CONDITION-STATUS DESCRIPTION
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# run ARGS...: run consult, keep stdout in $TMP/out, stderr in $TMP/err,
# status in $status.
run() {
	"$CONSULT" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	status=$?
}

# expect_status N DESCRIPTION
expect_status() {
	[ "$status" -eq "$1" ]
	r=$?
	[ $r -eq 0 ] || echo "# expected status $1, got $status; stderr:" \
	    "$(head -c 400 "$TMP/err")"
	ok $r "$2"
}

# expect_grep FILE PATTERN DESCRIPTION (fixed string)
expect_grep() {
	grep -qF -- "$2" "$1"
	r=$?
	[ $r -eq 0 ] || echo "# '$2' not in $1: $(head -c 400 "$1")"
	ok $r "$3"
}

# analyst_key NAME PASSFILE: the analyst's NAME.key and NAME.pub, made by
# consult keygen; under make check-valgrind, where the Argon2id of a key
# (256 MiB) costs about 15 s in each consult that opens it, by vault-tool
# with the cheapest limits instead (a key file holds its own limits).
analyst_key() {
	if [ -n "$CONSULT_VALGRIND" ]; then
		"$(dirname "$CONSULT")/tests/app/vault-tool" keygen "$1" "$2"
	else
		"$CONSULT" keygen -o "$1" -P "$2" >/dev/null
	fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
