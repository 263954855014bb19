#!/bin/sh
# bench-report.sh: `make bench-report`. Simulate COUNT responses (default
# 100,000) of a form (the bundled consultation) into a vault, then time
# `consult report --format html` against the baseline measured in the same
# run: `consult export --format summary` of the same vault, which walks and
# tallies the same responses. Both with and without --by. Prints the best
# of RUNS (default 3) CPU times, the same without the key's Argon2id (timed
# on an empty vault), the ratios, and the sizes of the outputs. A
# benchmark, not a test.
#
# usage: bench-report.sh CONSULT FORM [COUNT] [BY]
# Needs python3. The work directory (BENCH_DIR, else TMPDIR, else /tmp)
# needs about 130 MB per 100,000 responses; BENCH_KEEP=1 keeps it.
set -eu

CONSULT=$1
FORM=$2
N=${3:-100000}
BY=${4:-region}
RUNS=${RUNS:-3}
command -v python3 >/dev/null ||
    { echo "bench-report: needs python3" >&2; exit 1; }
W=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/consult-bench.XXXXXX")
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT

PIN=""
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	PIN="taskset -c 0"
fi

# best OUT CMD...: the best CPU time (user + system: a machine shared
# with others inflates it less than the wall time) of RUNS runs of CMD
# (stdout to OUT), in seconds.
best() {
	python3 - "$RUNS" "$@" <<'PY'
import os, subprocess, sys
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for _ in range(runs):
	p = subprocess.Popen(cmd, stdout=open(out, "wb"))
	_, status, ru = os.wait4(p.pid, 0)
	if status != 0:
		sys.exit("%s: status %d" % (" ".join(cmd), status))
	times.append(ru.ru_utime + ru.ru_stime)
print("%.3f" % min(times))
PY
}

printf 'bench passphrase\n' >"$W/pass"
"$CONSULT" keygen -o "$W/analyst" -P "$W/pass" >/dev/null
KEY="--key $W/analyst.key -P $W/pass"
for v in big empty; do
	"$CONSULT" init "$W/$v" --form "$FORM" --pubkey "$W/analyst.pub" \
	    >/dev/null
done
echo "bench-report: simulating $N responses of $FORM ..."
"$CONSULT" simulate "$W/big" --count "$N" --seed 1 >/dev/null

echo "bench-report: timing, best of $RUNS ..."
t_key=$(best "$W/empty.csv" $PIN "$CONSULT" export "$W/empty" $KEY)
t_sum=$(best "$W/summary.csv" $PIN "$CONSULT" export "$W/big" $KEY)
t_html=$(best "$W/report.html" $PIN "$CONSULT" report "$W/big" $KEY \
    --format html)
t_sumby=$(best "$W/summary-by.csv" $PIN "$CONSULT" export "$W/big" $KEY \
    --by "$BY")
t_htmlby=$(best "$W/report-by.html" $PIN "$CONSULT" report "$W/big" $KEY \
    --format html --by "$BY")

python3 - "$N" "$BY" "$t_key" "$t_sum" "$t_html" "$t_sumby" "$t_htmlby" \
    "$(wc -c <"$W/summary.csv")" "$(wc -c <"$W/report.html")" \
    "$(wc -c <"$W/summary-by.csv")" "$(wc -c <"$W/report-by.html")" <<'PY'
import sys
n, by = int(sys.argv[1]), sys.argv[2]
key, s, h, sb, hb = map(float, sys.argv[3:8])
zs, zh, zsb, zhb = map(int, sys.argv[8:12])
print()
print("%d responses, one core, best CPU time (the key's Argon2id: %.2f s)"
    % (n, key))
row = "  %-34s %6.2f s  (%6.2f s without the key)  %8d bytes"
print(row % ("export --format summary", s, s - key, zs))
print(row % ("report --format html", h, h - key, zh))
print(row % ("export --format summary --by " + by, sb, sb - key, zsb))
print(row % ("report --format html --by " + by, hb, hb - key, zhb))
print("  ratio report/export: %.3f (%.3f without the key); with --by %.3f "
    "(%.3f)" % (h / s, (h - key) / (s - key), hb / sb,
    (hb - key) / (sb - key)))
print("  sizes: the report is %.1f times the summary (%.1f with --by)"
    % (zh / zs, zhb / zsb))
PY
