# consult.bash: bash completion for consult(1).
#
# The verbs, each verb's options and what its arguments are come from the
# program itself, at completion time: "consult help" lists the verbs and
# "consult VERB --help" gives the usage line (VAULT, FORM...) and the
# options with their value (NAME.key, FILE, F...), so that nothing here
# needs changing when a verb or an option is added.

# _consult_help CMD VERB: VERB's --help, or nothing.
_consult_help()
{
	"$1" "$2" --help 2>/dev/null </dev/null
}

# _consult_verbs CMD: the verbs of "consult help".
_consult_verbs()
{
	"$1" help 2>/dev/null </dev/null |
	    awk '/^Verbs:/ { v = 1; next } /^$/ { v = 0 } v { print $1 }'
}

# _consult_value_of HELP OPTION: the name of OPTION's value in HELP
# ("NAME.key" for --key), or nothing when it takes none.
_consult_value_of()
{
	printf '%s\n' "$1" | sed -n \
	    "s/^ *\(-[A-Za-z], \)\{0,1\}$2 \([A-Z][A-Za-z.]*\) .*/\2/p
	     s/^ *\(-[A-Za-z], \)\{0,1\}$2 \([A-Z][A-Za-z.]*\)$/\2/p" |
	    head -n 1
}

# _consult_option HELP WORD: the long option WORD stands for (itself, a
# short option's long one, or an unambiguous prefix), or nothing.
_consult_option()
{
	local opts
	case $2 in
	--*)
		opts=$(printf '%s\n' "$1" |
		    grep -o -- "--[a-z][a-z-]*" | sort -u |
		    grep -x -- "$2[a-z-]*")
		[[ $(printf '%s\n' "$opts" | grep -c .) -eq 1 ]] &&
		    printf '%s\n' "$opts"
		;;
	-?)
		printf '%s\n' "$1" |
		    sed -n "s/^ *$2, \(--[a-z][a-z-]*\).*/\1/p" | head -n 1
		;;
	esac
}

# _consult_formats HELP: the words of --format's description
# ("summary (default), responses, text, codebook or pairwise").
_consult_formats()
{
	printf '%s\n' "$1" | awk '
		/^ *(-[A-Za-z], )?--format / { f = 1; sub(/.*--format [^ ]* */, "") }
		f && /^ *-/ && !/--format/ { f = 0 }
		f && /^$/ { f = 0 }
		f' | tr ',' ' ' | tr -s ' \t' '\n' |
	    grep -x '[a-z][a-z]*' | grep -vx -e or -e default
}

# _consult_langs CMD VAULT...: the codes (else names) of the languages of
# the first vault's form, from "consult check".
_consult_langs()
{
	local cmd=$1 v f
	shift
	for v in "$@"; do
		f=$v/form.xlsx
		[[ -f $f ]] || f=$v/form.csv
		[[ -f $f ]] || continue
		"$cmd" check "$f" 2>/dev/null </dev/null |
		    sed -n 's/^Languages*: //p' | head -n 1 |
		    sed 's/ \[default\]//g; s/, /\n/g' |
		    sed 's/.*(\([^()]*\))$/\1/'
		return
	done
}

# _consult_files PATTERN: files matching PATTERN (or all files) and
# directories to descend into.
_consult_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	if [[ -n $1 ]]; then
		local p
		for p in "$@"; do
			COMPREPLY+=($(compgen -f -X "!$p" -- "$cur"))
		done
		COMPREPLY+=($(compgen -d -- "$cur"))
	else
		COMPREPLY+=($(compgen -f -- "$cur"))
	fi
}

_consult_dirs()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen -d -- "$cur"))
}

# _consult_complete_value KIND: complete the value of an option or
# argument named KIND in the help (VAULT, FORM, NAME.key, F, CODE...).
_consult_complete_value()
{
	case $1 in
	VAULT | VAULT...) _consult_dirs ;;
	FORM) _consult_files '*.csv' '*.xlsx' ;;
	*.pub) _consult_files '*.pub' ;;
	*.key) _consult_files '*.key' ;;
	FILE | NAME) _consult_files '' ;;
	VERB) COMPREPLY=($(compgen -W "$(_consult_verbs "$cmd")" -- "$cur")) ;;
	esac
}

_consult()
{
	local cur prev cmd verb help opt kind i w eq=
	local -a vaults=()
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	cmd=${COMP_WORDS[0]}
	[[ $cmd == */* && -x $cmd ]] || cmd=consult

	# The verb: the first word after the command that is not an option.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) verb=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [[ -z $verb ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_consult_verbs "$cmd")" \
			    -- "$cur"))
		fi
		return 0
	fi
	help=$(_consult_help "$cmd" "$verb")
	[[ -n $help ]] || return 0

	# --opt=value: bash splits it into --opt, = and value.
	if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		# Not split (no = in COMP_WORDBREAKS): keep "--opt=" in replies.
		prev=${cur%%=*}
		eq=$prev=
		cur=${cur#*=}
	fi

	# The value of an option.
	if [[ $prev == -* ]]; then
		opt=$(_consult_option "$help" "$prev")
		if [[ -n $opt ]]; then
			kind=$(_consult_value_of "$help" "$opt")
			if [[ -n $kind ]]; then
				case $opt in
				--format)
					COMPREPLY=($(compgen -W \
					    "$(_consult_formats "$help")" \
					    -- "$cur"))
					;;
				--lang)
					for ((i = i + 1; i < COMP_CWORD; i++)); do
						w=${COMP_WORDS[i]}
						[[ -d $w ]] && vaults+=("$w")
					done
					COMPREPLY=($(compgen -W \
					    "$(_consult_langs "$cmd" \
					    "${vaults[@]}")" -- "$cur"))
					;;
				*)
					_consult_complete_value "$kind"
					;;
				esac
				[[ -z $eq ]] ||
				    COMPREPLY=("${COMPREPLY[@]/#/$eq}")
				return 0
			fi
		fi
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(printf '%s\n' "$help" |
		    grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
		return 0
	fi

	# An argument: what the usage line names after the verb.
	kind=$(printf '%s\n' "$help" | sed -n "1s/^usage: [^ ]* $verb //p" |
	    tr ' ' '\n' | grep -x -e 'VAULT\(\.\.\.\)*' -e FORM -e '\[VERB\]' |
	    tr -d '[]' | head -n 1)
	_consult_complete_value "$kind"
	return 0
}

complete -F _consult consult
