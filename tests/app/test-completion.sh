#!/bin/sh
# test-completion.sh: the bash completion (completion/consult.bash) run
# as bash runs it: COMP_WORDS and COMP_CWORD set, _consult called, then
# COMPREPLY checked, for verbs, options, vaults, forms, keys, formats and
# languages.
. "${srcdir:-.}/tests/app/tap.sh"

SCRIPT=${COMPLETION_SCRIPT:-$srcdir/completion/consult.bash}

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash not installed"
	exit 0
fi

# A directory to complete in: vaults (directories holding form.csv), a
# form, keys and other files.
W="$TMP/work"
mkdir -p "$W/vault1" "$W/vault2" "$W/forms.d"
cp "$srcdir/tests/data/forms/check-good.csv" "$W/vault1/form.csv"
cp "$srcdir/tests/data/forms/check-good.csv" "$W/survey.csv"
: >"$W/analyst.key"
: >"$W/analyst.pub"
: >"$W/notes.txt"

# comp WORD...: complete the last word after the others (the command
# first); COMPREPLY sorted, one a line, in $TMP/reply.
comp() {
	(cd "$W" && bash -c '
		. "$0" || exit 1
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_consult consult "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' "$SCRIPT" "$CONSULT" "$@") |
	    sed '/^$/d' | sort >"$TMP/reply"
}

# expect LIST DESCRIPTION: COMPREPLY is exactly the words of LIST.
expect() {
	printf '%s\n' $1 | sed '/^$/d' | sort >"$TMP/want"
	cmp -s "$TMP/want" "$TMP/reply"
	r=$?
	[ $r -eq 0 ] || echo "# want: $(tr '\n' ' ' <"$TMP/want")," \
	    "got: $(tr '\n' ' ' <"$TMP/reply")"
	ok $r "$2"
}

bash -n "$SCRIPT"
ok $? "the completion script parses"
bash -c '. "$0" && complete -p consult' "$SCRIPT" | grep -q '_consult'
ok $? "the script registers _consult for consult"

# Verbs, from consult help.
verbs=$("$CONSULT" help | awk '/^Verbs:/{v=1;next} /^$/{v=0} v{print $1}')
comp ""
expect "$verbs" "an empty word completes to every verb"
comp ex
expect "export" "a prefix completes to its verb"
comp --
expect "--help --version" "options before the verb"
comp help ""
expect "$verbs" "help completes a verb"

# Each verb's options, from its --help.
for verb in $verbs; do
	comp "$verb" --
	expect "$("$CONSULT" "$verb" --help | grep -o -- '--[a-z][a-z-]*' |
	    sort -u)" "$verb: the options of its --help"
done
comp export --sk
expect "--skip-bad" "a long option's prefix completes"
comp report --inc
expect "--include-simulated" "report --include-simulated completes"

# Vaults: directories only.
comp run ""
expect "forms.d vault1 vault2" "run: vault directories"
comp status vault1 v
expect "vault1 vault2" "status: several vaults"
comp export ""
expect "forms.d vault1 vault2" "export: vault directories"

# Forms: .csv files (and directories to look into).
comp check ""
expect "forms.d survey.csv vault1 vault2" "check: .csv forms"
comp init vault3 --form ""
expect "forms.d survey.csv vault1 vault2" "init --form: .csv forms"
comp init vault3 -f s
expect "survey.csv" "init -f: .csv forms"
# --form=VALUE: bash splits it at = (COMP_WORDBREAKS), or not.
comp init vault3 --form = ""
expect "forms.d survey.csv vault1 vault2" "init --form=: .csv forms"
comp init vault3 --form=s
expect "--form=survey.csv" "init --form=s, one word: .csv forms"

# Keys.
comp init vault3 --pubkey ""
expect "analyst.pub forms.d vault1 vault2" "init --pubkey: .pub files"
comp export vault1 --key ""
expect "analyst.key forms.d vault1 vault2" "export --key: .key files"
comp report vault1 -k a
expect "analyst.key" "report -k: .key files"
comp keygen --passphrase-file no
expect "notes.txt" "keygen --passphrase-file: any file"

# Formats, from export's --help.
comp export vault1 --format ""
expect "summary responses text codebook pairwise" "export --format: formats"
comp export vault1 -f p
expect "pairwise" "export -f: a format's prefix"

# Languages, from the vault's form.
comp run vault1 --lang ""
expect "en fr" "run --lang: the codes of the vault's languages"
comp export vault1 --key analyst.key -l f
expect "fr" "export -l: a language's prefix"
comp run --lang ""
expect "" "run --lang without a vault: nothing"

# Values that are not files complete to nothing.
comp simulate vault1 --count ""
expect "" "simulate --count: nothing"

done_testing
