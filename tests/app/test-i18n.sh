#!/bin/sh
# test-i18n.sh: the front end's own words through GNU gettext, in plain
# mode: the French and Spanish catalogues (built in po/locale, found through
# CONSULT_LOCALEDIR as make check sets it), picked by --lang, by :lang in
# the middle of a session, else by the locale (LANGUAGE, LC_ALL,
# LC_MESSAGES, LANG), English for any other language; and the catalogues
# complete and in step with the sources.
. "${srcdir:-.}/tests/app/tap.sh"

: "${VAULT_TOOL:=$(dirname "$CONSULT")/tests/app/vault-tool}"
unset LANGUAGE LC_ALL LC_MESSAGES
LANG=C.UTF-8
export LANG
DATA="$srcdir/tests/data/app"

echo "test passphrase" >"$TMP/pass"
"$CONSULT" keygen -o "$TMP/analyst" --passphrase-file "$TMP/pass" \
    >/dev/null 2>&1
for f in langs english french; do
	"$VAULT_TOOL" init "$TMP/$f" "$DATA/i18n-$f.csv" "$TMP/analyst.pub" \
	    2>"$TMP/err" || echo "# init $f failed: $(cat "$TMP/err")"
done

# answer VAULT [ARGS...]: plain mode, stdin from $TMP/in, in the
# environment as the caller sets it (env VAR=... answer does not work with
# a function: set, answer, unset).
answer() {
	v=$1
	shift
	"$CONSULT" run "$TMP/$v" "$@" <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# expect_no_grep FILE PATTERN DESCRIPTION
expect_no_grep() {
	! grep -qF -- "$2" "$1"
	r=$?
	[ $r -eq 0 ] || echo "# '$2' unexpectedly in $1"
	ok $r "$3"
}

# A wrong number (the form's built-in message), an unknown command (a
# front-end word), then end of input.
printf '%s\n' x :foo >"$TMP/in"

# ---- --lang --------------------------------------------------------------
answer langs --lang fr
expect_status 1 "--lang fr: end of input exits 1"
expect_grep "$TMP/out" "Tapez un nombre entier." "--lang fr: the prompt help"
expect_grep "$TMP/out" "Commande inconnue :foo. Tapez :help pour l'aide." \
    "--lang fr: a front-end error"
expect_grep "$TMP/out" "Votre code de reprise est" "--lang fr: the resume code"
expect_grep "$TMP/out" "Quel âge avez-vous ?" "--lang fr: the form's labels"
expect_no_grep "$TMP/out" "Type a whole number." "--lang fr: no English left"

answer langs --lang es
expect_grep "$TMP/out" "Escriba un número entero." "--lang es: the prompt help"
expect_grep "$TMP/out" "Orden desconocida :foo. Escriba :help para la ayuda." \
    "--lang es: a front-end error"
expect_grep "$TMP/out" "¿Qué edad tiene?" "--lang es: the form's labels"

answer langs --lang "Español (es)"
expect_grep "$TMP/out" "Escriba un número entero." \
    "--lang by whole name picks the catalogue"

answer langs --lang de
expect_grep "$TMP/out" "Wie alt sind Sie?" "--lang de: the form's labels"
expect_grep "$TMP/out" "Type a whole number." \
    "--lang de: no catalogue, English words"

# ---- :lang in the middle of a session ------------------------------------
printf '%s\n' :foo ":lang es" :foo ":lang fr" :foo ":lang en" :foo \
    >"$TMP/in"
answer langs
grep -F ":foo" "$TMP/out" | sed 's/^> //' >"$TMP/said"
printf '%s\n' "Unknown command :foo. Type :help for help." \
    "Orden desconocida :foo. Escriba :help para la ayuda." \
    "Commande inconnue :foo. Tapez :help pour l'aide." \
    "Unknown command :foo. Type :help for help." >"$TMP/want"
cmp -s "$TMP/said" "$TMP/want"
r=$?
[ $r -eq 0 ] || echo "# said: $(cat "$TMP/said")"
ok $r ":lang es, fr, en switch the words at once, each time"
expect_grep "$TMP/out" "Escriba un número entero." ":lang es: the prompt help"

# Kiosk: the next participant starts again in the starting language.
printf '%s\n' ":lang es" 30 Paris y "" :foo >"$TMP/in"
answer langs --kiosk
expect_grep "$TMP/out" "Siguiente participante: pulse Intro para empezar." \
    "kiosk: Spanish until the participant is done"
sed -n '/^Siguiente participante/,$p' "$TMP/out" >"$TMP/next"
expect_grep "$TMP/next" "Unknown command :foo." \
    "kiosk: the next participant starts in English"

# ---- the locale, with no --lang ------------------------------------------
printf '%s\n' x :foo >"$TMP/in"
LANG=fr_FR.UTF-8
answer langs
expect_grep "$TMP/out" "Tapez un nombre entier." \
    "LANG=fr_FR.UTF-8 (not installed) picks the French words"
expect_grep "$TMP/out" "Quel âge avez-vous ?" "LANG=fr_FR.UTF-8: French labels"
answer english
expect_grep "$TMP/out" "Tapez un nombre entier." \
    "LANG=fr_FR.UTF-8, a form without French: French words"
expect_grep "$TMP/out" "How old are you?" "... and the form's own labels"
LC_MESSAGES=es_ES.UTF-8
export LC_MESSAGES
answer english
expect_grep "$TMP/out" "Escriba un número entero." \
    "LC_MESSAGES comes before LANG"
LC_ALL=C
export LC_ALL
answer english
expect_grep "$TMP/out" "Type a whole number." "LC_ALL=C: English words"
unset LC_ALL LC_MESSAGES
LANG=C.UTF-8

LANGUAGE=fr
export LANGUAGE
answer langs
expect_grep "$TMP/out" "Tapez un nombre entier." \
    "LANGUAGE=fr with LANG=C.UTF-8: French words"
expect_grep "$TMP/out" "Quel âge avez-vous ?" "LANGUAGE=fr: French labels"
answer english
expect_grep "$TMP/out" "Commande inconnue :foo." \
    "LANGUAGE=fr, a form without French: French words"
LANGUAGE=de:es
answer english
expect_grep "$TMP/out" "Escriba un número entero." \
    "LANGUAGE=de:es: the first language with a catalogue"
LANGUAGE=../../tmp:es
answer english
expect_grep "$TMP/out" "Escriba un número entero." \
    "LANGUAGE: an entry that is a path is skipped"
LANGUAGE=fr
LANG=C
answer english
expect_grep "$TMP/out" "Type a whole number." \
    "LANG=C: LANGUAGE is ignored, as gettext does"
unset LANGUAGE
LANG=C.UTF-8

LANG=pt_BR.UTF-8
answer langs
expect_grep "$TMP/out" "Type a whole number." \
    "LANG=pt_BR: no catalogue, English words"
LANG=de_DE.UTF-8
answer langs
expect_grep "$TMP/out" "Wie alt sind Sie?" "LANG=de_DE: the German labels"
expect_grep "$TMP/out" "Type a whole number." "... and English words"
LANG=C.UTF-8
answer french
expect_grep "$TMP/out" "Tapez un nombre entier." \
    "no language in the locale: the form's language picks the words"

# A locale that is installed (built here when localedef can): gettext
# reads LC_MESSAGES itself, and a choice still overrides it.
mkdir -p "$TMP/locale"
if localedef -i fr_FR -f UTF-8 "$TMP/locale/fr_FR.UTF-8" >/dev/null 2>&1 ||
    [ -f "$TMP/locale/fr_FR.UTF-8/LC_CTYPE" ]; then
	printf '%s\n' 2,5 :foo ":lang en" :foo >"$TMP/in"
	LOCPATH="$TMP/locale" LANG=fr_FR.UTF-8 "$CONSULT" run "$TMP/langs" \
	    <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
	expect_grep "$TMP/out" "Commande inconnue :foo." \
	    "an installed fr_FR.UTF-8 locale: French words"
	expect_grep "$TMP/out" "Unknown command :foo." \
	    "an installed locale: :lang en gives English"
else
	ok 0 "# SKIP localedef cannot build fr_FR.UTF-8"
	ok 0 "# SKIP localedef cannot build fr_FR.UTF-8"
fi

# ---- the catalogues ------------------------------------------------------
PO="$srcdir/po"
for ll in $(sed -e '/^#/d' "$PO/LINGUAS"); do
	msgcmp "$PO/$ll.po" "$PO/consult.pot" >"$TMP/cmp" 2>&1
	r=$?
	[ $r -eq 0 ] || echo "# $(head -c 400 "$TMP/cmp")"
	ok $r "po/$ll.po translates every msgid of po/consult.pot"
	msgfmt -c --statistics -o /dev/null "$PO/$ll.po" >"$TMP/stat" 2>&1
	grep -qE '^[0-9]+ translated messages\.$' "$TMP/stat"
	r=$?
	[ $r -eq 0 ] || echo "# $(cat "$TMP/stat")"
	ok $r "po/$ll.po: no fuzzy or untranslated message, msgfmt -c clean"
	msgexec -i "$PO/$ll.po" sh -c '[ -z "$MSGEXEC_MSGID" ] ||
	    [ "$(printf %s "$MSGEXEC_MSGID" | grep -o "{}" | wc -l)" = \
	    "$(grep -o "{}" | wc -l)" ]' >/dev/null 2>"$TMP/cmp"
	r=$?
	[ $r -eq 0 ] || echo "# $(head -c 400 "$TMP/cmp")"
	ok $r "po/$ll.po keeps each {} of its msgid"
	[ -s "$CONSULT_LOCALEDIR/$ll/LC_MESSAGES/consult.mo" ]
	ok $? "po/$ll.po is built into $ll/LC_MESSAGES/consult.mo"
done
(cd "$srcdir" && xgettext --from-code=UTF-8 --keyword=N_ \
    -f po/POTFILES -o "$TMP/fresh.pot") 2>"$TMP/err"
msgcmp --use-untranslated "$PO/consult.pot" "$TMP/fresh.pot" \
    >"$TMP/cmp" 2>&1 &&
    msgcmp --use-untranslated "$TMP/fresh.pot" "$PO/consult.pot" \
    >>"$TMP/cmp" 2>&1
r=$?
[ $r -eq 0 ] || echo "# $(head -c 400 "$TMP/cmp") (make update-po)"
ok $r "po/consult.pot holds the msgids of the sources"

done_testing
