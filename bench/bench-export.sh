#!/bin/sh
# bench-export.sh: `make bench-export`. Simulate COUNT responses of a form
# (default 1,000,000 of the bundled consultation) into a vault, then time
# `consult export --format summary` against the baseline an analyst would
# otherwise use: sqlite3 loading the same responses in plaintext
# (`consult export --format responses` into a CSV, `.import` into an
# in-memory database, one GROUP BY query per question for the counts).
# Prints responses per second for both, their ratio, peak RSS, and the
# RSS of export's walk at COUNT/10 and COUNT responses (streaming: they
# must be within 10% of each other). Then repeats: COUNT/10 responses of
# bench/repeat.csv (a repeat of four questions, 3 instances on average)
# against as many of bench/flat.csv (the same questions once), summary
# and responses, responses per second and their ratio (issue 13: within
# 2x). A benchmark, not a test.
#
# usage: bench-export.sh CONSULT FORM [COUNT]
# Needs python3 and sqlite3 (Debian: apt-get install sqlite3 python3).
# The work directory (BENCH_DIR, else TMPDIR, else /tmp) needs about
# 1.3 GB per million responses; BENCH_KEEP=1 keeps it.
set -eu

CONSULT=$1
FORM=$2
N=${3:-1000000}
SMALL=$((N / 10))
for tool in python3 sqlite3; do
	command -v $tool >/dev/null ||
	    { echo "bench-export: needs $tool (apt-get install $tool)" >&2;
	    exit 1; }
done
W=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/consult-bench.XXXXXX")
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT

# Pin what is measured to one core (and the measuring loop to another).
PIN=""
WATCHER=""
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	PIN="taskset -c 0"
	WATCHER="taskset -c 1"
fi

# measure.py OUT IN WATCH CMD...: run CMD (stdout to OUT, stdin from IN
# or /dev/null when "-"); print its wall time in seconds, its peak RSS in
# KiB, the largest RSS (KiB) sampled once it had a file under WATCH open
# (0 if WATCH is "-": export's walk, after the key's Argon2id, whose 256
# MiB would otherwise hide it), and its CPU time (user + system) in
# seconds, which a busy machine inflates less than the wall time.
cat >"$W/measure.py" <<'EOF'
import os, resource, subprocess, sys, time
out, inp, watch, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def rss(pid):
	with open("/proc/%d/status" % pid) as f:
		for line in f:
			if line.startswith("VmRSS:"):
				return int(line.split()[1])
	return 0
def watching(pid):
	d = "/proc/%d/fd" % pid
	for fd in os.listdir(d):
		try:
			if os.readlink(os.path.join(d, fd)).startswith(watch):
				return True
		except OSError:
			pass
	return False
stdin = open(inp, "rb") if inp != "-" else subprocess.DEVNULL
t = time.monotonic()
p = subprocess.Popen(cmd, stdin=stdin, stdout=open(out, "wb"))
walk, inside = 0, False
while p.poll() is None:
	try:
		if watch != "-" and not inside:
			inside = watching(p.pid)
		if inside:
			walk = max(walk, rss(p.pid))
	except OSError:
		pass
	time.sleep(0.005)
elapsed = time.monotonic() - t
if p.returncode != 0:
	sys.exit("%s: exit %d" % (" ".join(cmd), p.returncode))
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %d %d %.3f" % (elapsed, ru.ru_maxrss, walk,
    ru.ru_utime + ru.ru_stime))
EOF
# measure ARGS...: run measure.py; its numbers go to $W/measured.
measure() {
	$WATCHER python3 "$W/measure.py" "$@" >"$W/measured" ||
	    { echo "bench-export: failed: $*" >&2; exit 1; }
}

printf 'bench passphrase\n' >"$W/pass"
"$CONSULT" keygen -o "$W/analyst" -P "$W/pass" >/dev/null
KEY="--key $W/analyst.key -P $W/pass"
for v in big small empty; do
	"$CONSULT" init "$W/$v" --form "$FORM" --pubkey "$W/analyst.pub" \
	    >/dev/null
done

echo "bench-export: simulating $N responses of $FORM ..."
measure /dev/null - - "$CONSULT" simulate "$W/big" --count "$N" \
    --seed 1
set -- $(cat "$W/measured")
echo "  simulate: $1 s"
"$CONSULT" simulate "$W/small" --count "$SMALL" --seed 2 >/dev/null
echo "  vault: $(du -sm "$W/big" | cut -f1) MiB"

echo "bench-export: timing ..."
# The fixed cost: the key's Argon2id (MODERATE: 256 MiB) and the form.
measure "$W/empty.csv" - - $PIN "$CONSULT" export "$W/empty" $KEY
set -- $(cat "$W/measured")
t_key=$1 c_key=$4
measure "$W/summary.csv" - "$W/big/responses/" $PIN "$CONSULT" \
    export "$W/big" $KEY --format summary
set -- $(cat "$W/measured")
t_exp=$1 rss_exp=$2 walk_big=$3 c_exp=$4
measure "$W/small.csv" - "$W/small/responses/" $PIN "$CONSULT" \
    export "$W/small" $KEY --format summary
set -- $(cat "$W/measured")
walk_small=$3

# The baseline: the plaintext CSV (its export is timed apart), loaded
# and counted by sqlite3 in memory.
measure /dev/null - - $PIN "$CONSULT" export "$W/big" $KEY \
    --format responses -o "$W/responses.csv"
set -- $(cat "$W/measured")
t_csv=$1
python3 - "$W/responses.csv" >"$W/baseline.sql" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
	header = next(csv.reader(f))
print(".import --csv %s r" % sys.argv[1])
for name in header[3:]:
	if "/" not in name:
		q = '"%s"' % name.replace('"', '""')
		print("SELECT %s, count(*) FROM r GROUP BY %s;" % (q, q))
EOF
queries=$(grep -c '^SELECT' "$W/baseline.sql")
measure "$W/baseline.out" "$W/baseline.sql" - $PIN sqlite3 :memory:
set -- $(cat "$W/measured")
t_sql=$1 rss_sql=$2 c_sql=$4

python3 - "$N" "$t_exp" "$t_key" "$rss_exp" "$walk_big" "$walk_small" \
    "$SMALL" "$t_sql" "$rss_sql" "$t_csv" "$queries" \
    "$(du -sm "$W/responses.csv" | cut -f1)" "$c_exp" "$c_key" "$c_sql" \
    <<'EOF'
import sys
(n, t_exp, t_key, rss_exp, walk_big, walk_small, small, t_sql, rss_sql,
    t_csv, queries, csv_mib, c_exp, c_key, c_sql) = sys.argv[1:]
n, small, queries = int(n), int(small), int(queries)
t_exp, t_key, t_sql, t_csv, c_exp, c_key, c_sql = map(float, (t_exp, t_key,
    t_sql, t_csv, c_exp, c_key, c_sql))
mib = lambda k: int(k) / 1024
print()
print("%d responses, one core; seconds of wall time (of CPU time)" % n)
print("  consult export --format summary  %6.2f s (%6.2f s)  %7.0f/s "
    "(%7.0f/s)  peak RSS %5.1f MiB" % (t_exp, c_exp, n / t_exp, n / c_exp,
    mib(rss_exp)))
print("    without the key's Argon2id      %6.2f s (%6.2f s)  %7.0f/s "
    "(%7.0f/s)  (the key: %.2f s)" % (t_exp - t_key, c_exp - c_key,
    n / (t_exp - t_key), n / (c_exp - c_key), t_key))
print("  sqlite3 .import + %2d GROUP BY     %6.2f s (%6.2f s)  %7.0f/s "
    "(%7.0f/s)  peak RSS %5.1f MiB" % (queries, t_sql, c_sql, n / t_sql,
    n / c_sql, mib(rss_sql)))
print("    (the plaintext CSV, %d MiB, took consult export %.2f s more)"
    % (int(csv_mib), t_csv))
print("  ratio: export is %.2f (%.2f) times as fast as sqlite3"
    % (t_sql / t_exp, c_sql / c_exp))
print("  export's walk RSS: %.1f MiB at %d, %.1f MiB at %d responses "
    "(%+.1f%%)" % (mib(walk_small), small, mib(walk_big), n,
    100 * (int(walk_big) - int(walk_small)) / int(walk_small)))
EOF

# Repeats: the same number of responses with and without the repeat
# (BENCH_REPEAT_COUNT, default COUNT/10), each export timed three times
# (the least kept), the key's Argon2id too, then taken off.
RN=${BENCH_REPEAT_COUNT:-$SMALL}
SRC=$(dirname "$0")
for v in rep flat; do
	f=repeat.csv
	[ $v = flat ] && f=flat.csv
	"$CONSULT" init "$W/$v" --form "$SRC/$f" --pubkey "$W/analyst.pub" \
	    >/dev/null
	"$CONSULT" simulate "$W/$v" --count "$RN" --seed 3 >/dev/null
done
# least VAR ARGS...: the least wall and CPU time of three runs of
# measure ARGS... in ${VAR}_t and ${VAR}_c.
least() {
	var=$1
	shift
	lt=999999 lc=999999
	for i in 1 2 3; do
		measure "$@"
		read -r t _ _ c <"$W/measured"
		lt=$(python3 -c "print(min($lt, $t))")
		lc=$(python3 -c "print(min($lc, $c))")
	done
	eval "${var}_t=$lt ${var}_c=$lc"
}
least key "$W/empty.csv" - - $PIN "$CONSULT" export "$W/empty" $KEY
for fmt in summary responses; do
	for v in rep flat; do
		least "${v}_$fmt" "$W/$v.csv" - - $PIN "$CONSULT" export \
		    "$W/$v" $KEY --format $fmt
	done
done
inst=$("$CONSULT" export "$W/rep" $KEY --format responses 2>/dev/null |
    awk -F'","' 'NR > 1 { s += $5 } END { print s }')
python3 - "$RN" "$key_t" "$key_c" "$inst" "$rep_summary_t" \
    "$rep_summary_c" "$flat_summary_t" "$flat_summary_c" \
    "$rep_responses_t" "$rep_responses_c" "$flat_responses_t" \
    "$flat_responses_c" <<'EOF'
import sys
n, inst = int(sys.argv[1]), int(sys.argv[4])
t_key, c_key = float(sys.argv[2]), float(sys.argv[3])
v = list(map(float, sys.argv[5:]))
print()
print("%d responses with a repeat (%.2f instances each) against %d "
    "without, the key's %.2f s (%.2f s CPU) taken off; least of 3 runs"
    % (n, inst / n, n, t_key, c_key))
for i, fmt in enumerate(("summary", "responses")):
	tr, cr, tf, cf = v[4 * i] - t_key, v[4 * i + 1] - c_key, \
	    v[4 * i + 2] - t_key, v[4 * i + 3] - c_key
	print("  %-9s repeat %6.2f s (CPU %6.2f s) %8.0f/s   flat %6.2f s "
	    "(CPU %6.2f s) %8.0f/s   slower by %.2f (CPU %.2f)"
	    % (fmt, tr, cr, n / tr, tf, cf, n / tf, tr / tf, cr / cf))
EOF
