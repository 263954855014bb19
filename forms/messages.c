/* messages.c: the built-in messages for refused answers, in English,
 * French and Spanish, for forms that give no message of their own. */
#include <string.h>

#include "forms/lib.h"

enum {
	MESSAGES_EN,
	MESSAGES_FR,
	MESSAGES_ES,
	MESSAGES_COUNT
};

/* Indexed by enum answer_problem; ANSWER_OK has no message. */
static const char *const messages_table[][MESSAGES_COUNT] = {
	[ANSWER_OK] = { "", "", "" },
	[ANSWER_REQUIRED] = {
		"This question requires an answer.",
		"Cette question demande une réponse.",
		"Esta pregunta requiere una respuesta."
	},
	[ANSWER_CONSTRAINT] = {
		"This answer is not allowed.",
		"Cette réponse n'est pas acceptée.",
		"Esta respuesta no está permitida."
	},
	[ANSWER_NOT_NUMBER] = {
		"Please enter a number, such as 12 or 3.5, without thousands "
		    "separators.",
		"Veuillez saisir un nombre, par exemple 12 ou 3,5, sans "
		    "séparateur de milliers.",
		"Introduzca un número, por ejemplo 12 o 3,5, sin separador de "
		    "miles."
	},
	[ANSWER_NOT_INTEGER] = {
		"Please enter a whole number, such as 12.",
		"Veuillez saisir un nombre entier, par exemple 12.",
		"Introduzca un número entero, por ejemplo 12."
	},
	[ANSWER_NOT_DATE] = {
		"Please enter a date as YYYY-MM-DD, such as 2025-03-31.",
		"Veuillez saisir une date au format AAAA-MM-JJ, par exemple "
		    "2025-03-31.",
		"Introduzca una fecha con el formato AAAA-MM-DD, por ejemplo "
		    "2025-03-31."
	},
	[ANSWER_NOT_CHOICE] = {
		"Please choose among the options shown.",
		"Veuillez choisir parmi les options proposées.",
		"Elija entre las opciones mostradas."
	},
	[ANSWER_DUPLICATE] = {
		"Each option can be chosen only once.",
		"Chaque option ne peut être choisie qu'une fois.",
		"Cada opción solo puede elegirse una vez."
	},
	[ANSWER_TOO_MANY] = {
		"You chose more options than this question allows.",
		"Vous avez choisi plus d'options que cette question n'en "
		    "permet.",
		"Ha elegido más opciones de las que permite esta pregunta."
	},
	[ANSWER_NOT_ACK] = {
		"Please answer OK to acknowledge, or leave the answer empty.",
		"Répondez OK pour confirmer, ou laissez la réponse vide.",
		"Responda OK para confirmar, o deje la respuesta vacía."
	},
	[ANSWER_BAD_TEXT] = {
		"This text contains characters that are not allowed here.",
		"Ce texte contient des caractères qui ne sont pas autorisés "
		    "ici.",
		"Este texto contiene caracteres que no se permiten aquí."
	},
	[ANSWER_NOT_TIME] = {
		"Please enter a time as HH:MM (24-hour clock), such as 14:30.",
		"Veuillez saisir une heure au format HH:MM (sur 24 heures), "
		    "par exemple 14:30.",
		"Introduzca una hora con el formato HH:MM (24 horas), por "
		    "ejemplo 14:30."
	},
	[ANSWER_NOT_DATETIME] = {
		"Please enter a date and time as YYYY-MM-DD HH:MM, such as "
		    "2025-03-31 14:30.",
		"Veuillez saisir une date et une heure au format AAAA-MM-JJ "
		    "HH:MM, par exemple 2025-03-31 14:30.",
		"Introduzca una fecha y una hora con el formato AAAA-MM-DD "
		    "HH:MM, por ejemplo 2025-03-31 14:30."
	},
	[ANSWER_NOT_IN_RANGE] = {
		"Please choose a value on the scale shown.",
		"Veuillez choisir une valeur sur l'échelle proposée.",
		"Elija un valor en la escala mostrada."
	},
	[ANSWER_NOT_MONTH] = {
		"Please enter a month as YYYY-MM, such as 2025-03.",
		"Veuillez saisir un mois au format AAAA-MM, par exemple "
		    "2025-03.",
		"Introduzca un mes con el formato AAAA-MM, por ejemplo 2025-03."
	},
	[ANSWER_NOT_YEAR] = {
		"Please enter a year as YYYY, such as 2025.",
		"Veuillez saisir une année au format AAAA, par exemple 2025.",
		"Introduzca un año con el formato AAAA, por ejemplo 2025."
	},
};

/* Language names as forms spell them, lower-case, with their table. */
static const struct {
	const char	*name;
	int		 which;
} messages_names[] = {
	{ "english", MESSAGES_EN },
	{ "anglais", MESSAGES_EN },
	{ "inglés", MESSAGES_EN },
	{ "ingles", MESSAGES_EN },
	{ "français", MESSAGES_FR },
	{ "francais", MESSAGES_FR },
	{ "french", MESSAGES_FR },
	{ "francés", MESSAGES_FR },
	{ "frances", MESSAGES_FR },
	{ "español", MESSAGES_ES },
	{ "espanol", MESSAGES_ES },
	{ "spanish", MESSAGES_ES },
	{ "espagnol", MESSAGES_ES },
	{ "castellano", MESSAGES_ES },
};

/* Case-insensitive ASCII comparison of the first n bytes of s with the
 * lower-case word w (w holds at least n bytes). */
static int
messages_prefix(const char *s, const char *w, size_t n)
{
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

/* Which table a code like "fr", "fr-CA" or "es_419" picks; -1 if none. */
static int
messages_by_code(const char *code)
{
	static const char *const codes[MESSAGES_COUNT] = { "en", "fr", "es" };
	int			 i;

	if (code == NULL || strlen(code) < 2)
		return -1;
	if (code[2] != '\0' && code[2] != '-' && code[2] != '_')
		return -1;
	for (i = 0; i < MESSAGES_COUNT; i++) {
		if (messages_prefix(code, codes[i], 2))
			return i;
	}
	return -1;
}

/* Which table a language name picks by its first word; -1 if none. */
static int
messages_by_name(const char *name)
{
	size_t	 i, len;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof messages_names / sizeof messages_names[0];
	    i++) {
		len = strlen(messages_names[i].name);
		if (!messages_prefix(name, messages_names[i].name, len))
			continue;
		if (name[len] == '\0' || name[len] == ' ' || name[len] == '(')
			return messages_names[i].which;
	}
	return -1;
}

const char *
answers_builtin_message(enum answer_problem problem, const struct lang *lang)
{
	int	 which = -1;

	if ((size_t)problem >= sizeof messages_table / sizeof messages_table[0])
		return "";
	if (lang != NULL) {
		which = messages_by_code(lang->code);
		if (which == -1)
			which = messages_by_name(lang->name);
	}
	if (which == -1)
		which = MESSAGES_EN;
	return messages_table[problem][which];
}
