#!/bin/sh
# bench-invite.sh CONSULT BENCH-INVITE FORM [N] [RESPONSES]: make
# bench-invite. 1) the time to check an invitation code in a vault of N
# (10,000) invitations, against 1 invitation and Argon2id alone; 2) the
# export throughput (--format responses) of a closed vault against an
# open one of the same RESPONSES (2,000) responses, same run (hyperfine).
set -e
consult=$1
tool=$2
form=$3
n=${4:-10000}
m=${5:-2000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-invite.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/check" "$dir/export"
"$tool" check "$dir/check" "$form" "$n" 20
"$tool" vaults "$dir/export" "$form" "$m"
echo bench >"$dir/pass"
for v in open closed; do
	"$consult" export "$dir/export/$v" --key "$dir/export/k.key" \
	    -P "$dir/pass" --format responses -o "$dir/$v.csv" 2>/dev/null
done
[ "$(wc -l <"$dir/open.csv")" -eq "$(wc -l <"$dir/closed.csv")" ]
echo "export --format responses of $m responses, closed against open:"
hyperfine -N -w 3 -r 30 --export-json "$dir/h.json" \
    -n open "$consult export $dir/export/open --key $dir/export/k.key -P $dir/pass --format responses -o $dir/o.csv" \
    -n closed "$consult export $dir/export/closed --key $dir/export/k.key -P $dir/pass --format responses -o $dir/c.csv" \
    >"$dir/h.txt" 2>&1 || { cat "$dir/h.txt"; exit 1; }
/usr/bin/python3 - "$dir/h.json" "$m" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
m = int(sys.argv[2])
cpu = {}
for k in ("open", "closed"):
    cpu[k] = r[k]["user"] + r[k]["system"]
    print("  %-6s wall mean %.3f s  min %.3f s  CPU %.3f s  %.0f "
        "responses/s (wall, mean)" % (k, r[k]["mean"], r[k]["min"], cpu[k],
        m / r[k]["mean"]))
wall = r["closed"]["min"] / r["open"]["min"]
ratio = cpu["closed"] / cpu["open"]
print("  ratio closed/open: wall %.3f (mean), %.3f (min); CPU %.3f; "
    "within 15%% (CPU): %s" % (r["closed"]["mean"] / r["open"]["mean"],
    wall, ratio, "yes" if ratio < 1.15 else "NO"))
PY
