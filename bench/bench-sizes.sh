#!/bin/sh
# bench-sizes.sh: `make bench-sizes`. The sizes of the sealed records of
# COUNT simulated responses (default 10,000, seed 1) of a form: how many
# distinct sizes, and how many records of each (what a copy of the vault
# shows without the key; vault/README, "Padding"). A measurement, not a
# test. With a second consult (BASELINE=path), the same for it, so that
# two builds can be compared in one run.
#
# usage: bench-sizes.sh CONSULT FORM [COUNT]
set -eu
CONSULT=$1
FORM=$2
N=${3:-10000}
W=$(mktemp -d "${TMPDIR:-/tmp}/consult-sizes.XXXXXX")
trap 'rm -rf "$W"' EXIT
printf 'bench sizes passphrase\n' >"$W/pass"

sizes() {
	"$1" keygen -o "$W/k$2" -P "$W/pass" >/dev/null
	"$1" init "$W/v$2" --form "$FORM" --pubkey "$W/k$2.pub" >/dev/null
	"$1" simulate "$W/v$2" --count "$N" --seed 1 >/dev/null
	python3 - "$W/v$2/responses" <<'PY'
import collections, os, struct, sys
d = sys.argv[1]
sizes = []
for n in os.listdir(d):
    b = open(os.path.join(d, n), "rb").read()
    off = 28
    for i in range(struct.unpack(">I", b[4:8])[0]):
        l = struct.unpack(">I", b[off:off + 4])[0]
        sizes.append(l)
        off += 4 + l
sizes.sort()
c = collections.Counter(sizes)
print("  %d records, %d distinct sizes, min %d, median %d, max %d, "
    "mean %.0f bytes" % (len(sizes), len(c), sizes[0],
    sizes[len(sizes) // 2], sizes[-1], sum(sizes) / len(sizes)))
for k, v in c.most_common(8):
    print("  %6d bytes: %5d records (%4.1f%%)" % (k, v, 100.0 * v / len(sizes)))
PY
}
echo "bench-sizes: $N simulated responses of $FORM, sealed record sizes"
echo "$CONSULT:"
sizes "$CONSULT" a
if [ -n "${BASELINE:-}" ]; then
	echo "$BASELINE (baseline):"
	sizes "$BASELINE" b
fi
