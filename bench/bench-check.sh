#!/bin/sh
# bench-check.sh CONSULT SRCDIR [RUNS]: the time of "consult check" on
# a 1,000-row form as CSV and as .xlsx (made by tests/forms/make-xlsx.py),
# on the largest form of tests/forms/real, and on the bundled consultation
# as the baseline measured in the same run; the best of RUNS (default 20)
# runs each, and the ratios. The target of issue 10: under 0.5 s for the
# 1,000-row form, .xlsx included. The 1,000-row form once more with
# ${name} and markup in its labels gives their cost.
consult=$1
src=$2
runs=${3:-20}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/consult-bench-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# A form of 1,000 survey rows: selects on a 20-choice list, integers with
# a constraint, texts relevant on an earlier answer, in 10 groups.
{
	echo "survey,type,name,label,relevant,constraint,required"
	i=0
	while [ $i -lt 10 ]; do
		echo ",begin_group,g$i,Part $i,,,"
		j=0
		while [ $j -lt 98 ]; do
			n=$((i * 100 + j))
			case $((j % 3)) in
			0) echo ",select_one l,q$n,Question $n: which one?,,,yes" ;;
			1) echo ",integer,q$n,How many for $n?,,. >= 0 and . < 1000," ;;
			2) echo ",text,q$n,Say more on $n,\${q$((n - 2))} = 'c3',," ;;
			esac
			j=$((j + 1))
		done
		echo ",end_group,,,,,"
		i=$((i + 1))
	done
	echo "choices,list_name,name,label"
	k=0
	while [ $k -lt 20 ]; do
		echo ",l,c$k,Choice $k"
		k=$((k + 1))
	done
} >"$tmp/rows1000.csv"
/usr/bin/python3 "$src/tests/forms/make-xlsx.py" "$tmp" "$tmp/rows1000.csv" \
    2>/dev/null || { echo "bench-check: make-xlsx.py failed" >&2; exit 1; }
"$consult" check "$tmp/rows1000.xlsx" >/dev/null || exit 1

# The same with every label piping an earlier answer through markup
# (label piping and markup, issue 10 item 4).
sed -e 's/,Question \([0-9]*\): which one?,/,**Question** \1 <span style=color:red>after ${q0}<\/span>: which one?,/' \
    -e 's/,Say more on \([0-9]*\),/,Say _more_ on \1 [see](https:\/\/e.org) ${q1},/' \
    "$tmp/rows1000.csv" >"$tmp/piped1000.csv"
"$consult" check "$tmp/piped1000.csv" >/dev/null || exit 1

largest=$(ls -S "$src"/tests/forms/real/*.xlsx | head -1)

# best FILE: the best wall time of $runs checks, in ms.
best() {
	b=
	r=0
	while [ $r -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$consult" check "$1" >/dev/null 2>&1
		t1=$(date +%s%N)
		t=$(( (t1 - t0) / 1000 ))
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
		r=$((r + 1))
	done
	echo "$b"
}

base=$(best "$src/forms/imrf.csv")
csv=$(best "$tmp/rows1000.csv")
xlsx=$(best "$tmp/rows1000.xlsx")
piped=$(best "$tmp/piped1000.csv")
big=$(best "$largest")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v a="$1" 'BEGIN { printf "%.1f ms", a / 1000 }'; }
echo "consult check, best of $runs runs:"
echo "  imrf.csv (baseline, $(wc -c <"$src/forms/imrf.csv") bytes): $(ms "$base")"
echo "  1,000-row .csv ($(wc -c <"$tmp/rows1000.csv") bytes): $(ms "$csv")  ($(ratio "$csv" "$base") x baseline)"
echo "  1,000-row .xlsx ($(wc -c <"$tmp/rows1000.xlsx") bytes): $(ms "$xlsx")  ($(ratio "$xlsx" "$base") x baseline, $(ratio "$xlsx" "$csv") x the .csv)"
echo "  1,000-row .csv, labels piped and marked up: $(ms "$piped")  ($(ratio "$piped" "$csv") x the plain .csv)"
echo "  largest real form, $(basename "$largest") ($(wc -c <"$largest") bytes): $(ms "$big")  ($(ratio "$big" "$base") x baseline)"
