#!/bin/sh
# bench-forged.sh: `make bench-forged`. What forged records cost the
# analyst: a vault with one real response and 50 forged records of 15 KB
# (right session, indexes far ahead, random bytes) in files of their own,
# then the CPU time (user + system) of `consult export`, against the same
# export without the forged records (what the key's Argon2id costs). Run
# twice: indexes just below 2^20 (where the reader used to ratchet to)
# and just below the reader's bound, SEAL_MAX_SKIP (4096). A measurement,
# not a test (tests/vault/test-seal.c counts the ratchet steps). With
# BASELINE=path, the same for another build.
#
# usage: bench-forged.sh CONSULT FORM
set -eu
CONSULT=$1
FORM=$2
W=$(mktemp -d "${TMPDIR:-/tmp}/consult-forged.XXXXXX")
trap 'rm -rf "$W"' EXIT
printf 'bench forged passphrase\n' >"$W/pass"

# forge VAULT TOP: 50 forged records with indexes TOP-49 .. TOP.
forge() {
	python3 - "$1" "$2" <<'PY'
import os, struct, sys
d = sys.argv[1] + "/responses"
name = sorted(n for n in os.listdir(d) if n.endswith(".rec"))[0]
b = open(os.path.join(d, name), "rb").read()
rec = b[32:]
for i in range(50):
    idx = int(sys.argv[2]) - 49 + i
    r = (rec[:40] + struct.pack("<QI", idx, 15000) + os.urandom(24) +
        os.urandom(15016))
    f = b"CVB1" + struct.pack(">I", 1) + b[8:28] + struct.pack(">I", len(r)) + r
    open(os.path.join(d, "%s-%016x.rec" % (name[:64], idx)), "wb").write(f)
PY
}

# cpu CONSULT VAULT: user + system seconds of an export of VAULT.
cpu() {
	/usr/bin/time -f "%U %S" -o "$W/time" "$1" export "$2" \
	    --key "$W/k.key" -P "$W/pass" >/dev/null 2>&1 || true
	tail -n 1 "$W/time" | awk '{ printf "%.2f", $1 + $2 }'
}

bench() {
	rm -rf "$W/k.key" "$W/k.pub" "$W"/v*
	"$1" keygen -o "$W/k" -P "$W/pass" >/dev/null
	"$1" init "$W/v" --form "$FORM" --pubkey "$W/k.pub" >/dev/null
	"$1" simulate "$W/v" --count 1 --seed 1 >/dev/null
	cp -R "$W/v" "$W/v1"
	cp -R "$W/v" "$W/v2"
	forge "$W/v1" 1048576
	forge "$W/v2" 4096
	echo "  no forged record:                 $(cpu "$1" "$W/v") s"
	echo "  50 forged, up to 2^20 ahead:      $(cpu "$1" "$W/v1") s"
	echo "  50 forged, up to 4096 ahead:      $(cpu "$1" "$W/v2") s"
}
echo "bench-forged: CPU seconds of consult export (user + system)"
echo "$CONSULT:"
bench "$CONSULT"
if [ -n "${BASELINE:-}" ]; then
	echo "$BASELINE (baseline):"
	bench "$BASELINE"
fi
