/* i18n.c: the front ends' own words in English, French and Spanish, in one
 * table so that gettext can take them over later. */
#include <string.h>
#include <strings.h>

#include "app/run.h"

struct i18n_lang {
	const char	*code;
	const char	*names[3];	/* whole names that also pick it */
};

static const struct i18n_lang i18n_langs[I18N_NLANGS] = {
	{ "en", { "english", "anglais", "inglés" } },
	{ "fr", { "français", "french", "francés" } },
	{ "es", { "español", "spanish", "espagnol" } },
};

/* Strings may hold "{}", replaced by one argument (i18n_format). */
static const char *i18n_table[I18N_NMSGS][I18N_NLANGS] = {
	[I18N_RESUME_CODE] = {
		"Your resume code is {}. Note it to come back later.",
		"Votre code de reprise est {}. Notez-le pour revenir plus tard.",
		"Su código para continuar es {}. Anótelo para volver más tarde.",
	},
	[I18N_HELP_HINT] = {
		"(Type :help for help.)",
		"(Tapez :help pour l'aide.)",
		"(Escriba :help para la ayuda.)",
	},
	[I18N_DO_SELECT_ONE] = {
		"Type the number or name of one choice.",
		"Tapez le numéro ou le nom d'un choix.",
		"Escriba el número o el nombre de una opción.",
	},
	[I18N_DO_SELECT_MULTIPLE] = {
		"Type the numbers of all that apply, separated by spaces.",
		"Tapez les numéros de tous les choix qui conviennent, séparés "
		"par des espaces.",
		"Escriba los números de todas las opciones que correspondan, "
		"separados por espacios.",
	},
	[I18N_DO_RANK] = {
		"Type the numbers in order, most important first, separated by "
		"spaces (at most {}).",
		"Tapez les numéros dans l'ordre, le plus important d'abord, "
		"séparés par des espaces (au plus {}).",
		"Escriba los números en orden, el más importante primero, "
		"separados por espacios (como máximo {}).",
	},
	[I18N_DO_INTEGER] = {
		"Type a whole number.",
		"Tapez un nombre entier.",
		"Escriba un número entero.",
	},
	[I18N_DO_DECIMAL] = {
		"Type a number.",
		"Tapez un nombre.",
		"Escriba un número.",
	},
	[I18N_DO_DATE] = {
		"Type a date as YYYY-MM-DD.",
		"Tapez une date sous la forme AAAA-MM-JJ.",
		"Escriba una fecha como AAAA-MM-DD.",
	},
	[I18N_DO_TEXT] = {
		"Type your answer.",
		"Tapez votre réponse.",
		"Escriba su respuesta.",
	},
	[I18N_DO_MULTILINE] = {
		"Type your answer; end it with a line holding only a dot (.).",
		"Tapez votre réponse ; terminez-la par une ligne ne contenant "
		"qu'un point (.).",
		"Escriba su respuesta; termínela con una línea que solo tenga "
		"un punto (.).",
	},
	[I18N_DO_ACKNOWLEDGE] = {
		"Type ok to acknowledge.",
		"Tapez ok pour confirmer.",
		"Escriba ok para confirmar.",
	},
	[I18N_DO_NOTE] = {
		"Press Enter to go on.",
		"Appuyez sur Entrée pour continuer.",
		"Pulse Intro para continuar.",
	},
	[I18N_SKIP] = {
		"Press Enter alone to skip.",
		"Appuyez sur Entrée seule pour passer.",
		"Pulse Intro sola para omitir.",
	},
	[I18N_KEEP] = {
		"Press Enter alone to keep it, or type :clear to remove it.",
		"Appuyez sur Entrée seule pour la garder, ou tapez :clear pour "
		"l'effacer.",
		"Pulse Intro sola para mantenerla, o escriba :clear para "
		"borrarla.",
	},
	[I18N_CURRENT] = {
		"Your answer: {}",
		"Votre réponse : {}",
		"Su respuesta: {}",
	},
	[I18N_SCALE] = {
		"Scale:",
		"Échelle :",
		"Escala:",
	},
	[I18N_TOO_LONG] = {
		"That answer is too long.",
		"Cette réponse est trop longue.",
		"Esa respuesta es demasiado larga.",
	},
	[I18N_REQUIRED] = {
		"An answer is required.",
		"Une réponse est obligatoire.",
		"Se requiere una respuesta.",
	},
	[I18N_REVIEW] = {
		"Review your answers",
		"Relisez vos réponses",
		"Revise sus respuestas",
	},
	[I18N_NO_ANSWER] = {
		"(no answer)",
		"(pas de réponse)",
		"(sin respuesta)",
	},
	[I18N_REVIEW_JUMP] = {
		"Type a number to change that answer.",
		"Tapez un numéro pour modifier cette réponse.",
		"Escriba un número para cambiar esa respuesta.",
	},
	[I18N_SUBMIT] = {
		"Submit? [y/n]",
		"Envoyer ? [o/n]",
		"¿Enviar? [s/n]",
	},
	[I18N_NOT_SUBMITTED] = {
		"Not submitted yet.",
		"Pas encore envoyé.",
		"Todavía no enviado.",
	},
	[I18N_THANKS] = {
		"Thank you. Your answers are submitted.",
		"Merci. Vos réponses sont envoyées.",
		"Gracias. Sus respuestas se han enviado.",
	},
	[I18N_SAVED] = {
		"Your answers are saved. Your resume code is {}.",
		"Vos réponses sont enregistrées. Votre code de reprise est {}.",
		"Sus respuestas están guardadas. Su código para continuar es "
		"{}.",
	},
	[I18N_UNKNOWN_COMMAND] = {
		"Unknown command {}. Type :help for help.",
		"Commande inconnue {}. Tapez :help pour l'aide.",
		"Orden desconocida {}. Escriba :help para la ayuda.",
	},
	[I18N_LANGUAGES] = {
		"Languages (type :lang and a code):",
		"Langues (tapez :lang et un code) :",
		"Idiomas (escriba :lang y un código):",
	},
	[I18N_NO_LANGUAGE] = {
		"There is no language {} in this questionnaire.",
		"Il n'y a pas de langue {} dans ce questionnaire.",
		"No hay idioma {} en este cuestionario.",
	},
	[I18N_FIRST_QUESTION] = {
		"This is the first question.",
		"C'est la première question.",
		"Esta es la primera pregunta.",
	},
	[I18N_NO_QUESTION] = {
		"There is no question {}.",
		"Il n'y a pas de question {}.",
		"No hay pregunta {}.",
	},
	[I18N_QUIT_CONFIRM] = {
		"End kiosk mode? This is for the facilitator. Type yes to "
		"confirm.",
		"Quitter le mode kiosque ? C'est pour l'animateur. Tapez oui "
		"pour confirmer.",
		"¿Salir del modo quiosco? Es para el facilitador. Escriba sí "
		"para confirmar.",
	},
	[I18N_NEXT_PARTICIPANT] = {
		"Next participant: press Enter to begin.",
		"Participant suivant : appuyez sur Entrée pour commencer.",
		"Siguiente participante: pulse Intro para empezar.",
	},
	[I18N_NO_DRAFT] = {
		"No saved answers open with this code.",
		"Aucune réponse enregistrée ne s'ouvre avec ce code.",
		"Ninguna respuesta guardada se abre con este código.",
	},
	[I18N_RESUME_LATE] = {
		"A draft can be resumed only before answering.",
		"On ne peut reprendre un brouillon qu'avant de répondre.",
		"Solo se puede continuar un borrador antes de responder.",
	},
	[I18N_HELP] = {
		"Answer each question, then press Enter.\n"
		"  choices     their number or name; several separated by "
		"spaces\n"
		"  rank        the numbers in order, most important first\n"
		"  empty line  skips a question that is not required\n"
		"  long text   ends with a line holding only a dot (.)\n"
		"  ::text      an answer that begins with a colon\n"
		"  notes       are shown, then wait for Enter\n"
		"Commands:\n"
		"  :back       go back to the previous question\n"
		"  :save       save your answers and leave; the resume code "
		"brings you back\n"
		"  :clear      remove the answer to this question\n"
		"  :resume CODE  go on with the answers saved under a resume "
		"code\n"
		"  :lang CODE  change the language (:lang alone lists them)\n"
		"  :help       this help",
		"Répondez à chaque question, puis appuyez sur Entrée.\n"
		"  choix        leur numéro ou leur nom ; plusieurs séparés par "
		"des espaces\n"
		"  classement   les numéros dans l'ordre, le plus important "
		"d'abord\n"
		"  ligne vide   passe une question non obligatoire\n"
		"  texte long   se termine par une ligne ne contenant qu'un "
		"point (.)\n"
		"  ::texte      une réponse qui commence par deux-points\n"
		"  notes        s'affichent puis attendent Entrée\n"
		"Commandes :\n"
		"  :back        revenir à la question précédente\n"
		"  :save        enregistrer et partir ; le code de reprise vous "
		"ramène\n"
		"  :clear       effacer la réponse à cette question\n"
		"  :resume CODE reprendre les réponses enregistrées sous un "
		"code\n"
		"  :lang CODE   changer de langue (:lang seul les liste)\n"
		"  :help        cette aide",
		"Responda cada pregunta y pulse Intro.\n"
		"  opciones     su número o su nombre; varias separadas por "
		"espacios\n"
		"  orden        los números en orden, el más importante "
		"primero\n"
		"  línea vacía  omite una pregunta no obligatoria\n"
		"  texto largo  termina con una línea que solo tenga un punto "
		"(.)\n"
		"  ::texto      una respuesta que empieza por dos puntos\n"
		"  notas        se muestran y esperan Intro\n"
		"Órdenes:\n"
		"  :back        volver a la pregunta anterior\n"
		"  :save        guardar y salir; el código para continuar le "
		"trae de vuelta\n"
		"  :clear       borrar la respuesta a esta pregunta\n"
		"  :resume CÓDIGO  continuar con las respuestas guardadas con "
		"un código\n"
		"  :lang CÓDIGO cambiar de idioma (:lang solo los muestra)\n"
		"  :help        esta ayuda",
	},
	[I18N_BAR_CHOICE] = {
		"Enter:next  Bksp:back  Space:pick  ?:help  ^T:language  "
		"^S:save",
		"Entrée:suite  Effacement:retour  Espace:choisir  ?:aide  "
		"^T:langue  ^S:enregistrer",
		"Intro:seguir  Retroceso:atrás  Espacio:elegir  ?:ayuda  "
		"^T:idioma  ^S:guardar",
	},
	[I18N_BAR_RANK] = {
		"Space:rank  +/-:move  Enter:next  Bksp:back  ?:help",
		"Espace:classer  +/-:déplacer  Entrée:suite  Effacement:retour  "
		"?:aide",
		"Espacio:ordenar  +/-:mover  Intro:seguir  Retroceso:atrás  "
		"?:ayuda",
	},
	[I18N_BAR_TEXT] = {
		"Enter:next  PgUp:back  F1:help  ^T:language  ^S:save",
		"Entrée:suite  PgPréc:retour  F1:aide  ^T:langue  "
		"^S:enregistrer",
		"Intro:seguir  RePág:atrás  F1:ayuda  ^T:idioma  ^S:guardar",
	},
	[I18N_BAR_MULTILINE] = {
		"^D:done  Enter:new line  PgUp:back  F1:help  ^S:save",
		"^D:fini  Entrée:nouvelle ligne  PgPréc:retour  F1:aide  "
		"^S:enregistrer",
		"^D:listo  Intro:nueva línea  RePág:atrás  F1:ayuda  "
		"^S:guardar",
	},
	[I18N_BAR_REVIEW] = {
		"Enter:change  s:submit  Bksp:back  ?:help  ^S:save",
		"Entrée:modifier  s:envoyer  Effacement:retour  ?:aide  "
		"^S:enregistrer",
		"Intro:cambiar  s:enviar  Retroceso:atrás  ?:ayuda  ^S:guardar",
	},
	[I18N_BAR_MENU] = {
		"Enter:choose  Esc:cancel",
		"Entrée:choisir  Échap:annuler",
		"Intro:elegir  Esc:cancelar",
	},
	[I18N_TUI_HELP] = {
		"Keys\n"
		"  Enter        check the answer and go on\n"
		"  Backspace    go back (in a text: PgUp, or Backspace when "
		"empty)\n"
		"  Up, Down     move; j and k too\n"
		"  1-9, a-z     pick the choice with that key\n"
		"  Space        pick, or unpick, the highlighted choice\n"
		"  + and -      rank: move the highlighted item up or down\n"
		"  ^D           end a text of several lines\n"
		"  ^T or F2     change the language\n"
		"  ^S or F3     save and leave; the resume code brings you "
		"back\n"
		"  ^L           redraw the screen\n"
		"  ? or F1      this help\n"
		"Your answers are saved, encrypted, after each one.",
		"Touches\n"
		"  Entrée       vérifier la réponse et continuer\n"
		"  Effacement   revenir (dans un texte : PgPréc, ou Effacement "
		"s'il est vide)\n"
		"  Haut, Bas    se déplacer ; j et k aussi\n"
		"  1-9, a-z     choisir l'option de cette touche\n"
		"  Espace       choisir, ou non, l'option en surbrillance\n"
		"  + et -       classement : monter ou descendre l'élément\n"
		"  ^D           terminer un texte de plusieurs lignes\n"
		"  ^T ou F2     changer de langue\n"
		"  ^S ou F3     enregistrer et partir ; le code de reprise vous "
		"ramène\n"
		"  ^L           redessiner l'écran\n"
		"  ? ou F1      cette aide\n"
		"Vos réponses sont enregistrées, chiffrées, après chacune.",
		"Teclas\n"
		"  Intro        comprobar la respuesta y seguir\n"
		"  Retroceso    volver (en un texto: RePág, o Retroceso si está "
		"vacío)\n"
		"  Arriba, Abajo  moverse; también j y k\n"
		"  1-9, a-z     elegir la opción de esa tecla\n"
		"  Espacio      elegir, o no, la opción resaltada\n"
		"  + y -        orden: subir o bajar el elemento\n"
		"  ^D           terminar un texto de varias líneas\n"
		"  ^T o F2      cambiar de idioma\n"
		"  ^S o F3      guardar y salir; el código para continuar le "
		"trae de vuelta\n"
		"  ^L           redibujar la pantalla\n"
		"  ? o F1       esta ayuda\n"
		"Sus respuestas se guardan, cifradas, después de cada una.",
	},
	[I18N_TOO_SMALL] = {
		"Terminal too small",
		"Terminal trop petit",
		"Terminal demasiado pequeño",
	},
	[I18N_SUBMIT_ITEM] = {
		"Submit",
		"Envoyer",
		"Enviar",
	},
	[I18N_PRESS_KEY] = {
		"Press a key to leave.",
		"Appuyez sur une touche pour quitter.",
		"Pulse una tecla para salir.",
	},
};

/* Words that say yes, for acknowledge and confirmations, any language. */
static const char *i18n_yes_words[] = {
	"y", "yes", "ok", "o", "oui", "s", "si", "sí", NULL
};
static const char *i18n_no_words[] = {
	"n", "no", "non", NULL
};

int
i18n_pick(const char *code, const char *name)
{
	char	 prefix[3];
	size_t	 i, j;

	for (i = 0; i < I18N_NLANGS; i++) {
		if (code != NULL && strlen(code) >= 2) {
			memcpy(prefix, code, 2);
			prefix[2] = '\0';
			if (str_ieq(prefix, i18n_langs[i].code) &&
			    (code[2] == '\0' || code[2] == '-' ||
			    code[2] == '_'))
				return (int)i;
		}
		for (j = 0; name != NULL && j < 3; j++) {
			if (strncasecmp(name, i18n_langs[i].names[j],
			    strlen(i18n_langs[i].names[j])) == 0)
				return (int)i;
		}
	}
	return 0;
}

const char *
i18n(int ui, enum i18n_msg msg)
{
	if (ui < 0 || ui >= I18N_NLANGS || i18n_table[msg][ui] == NULL)
		ui = 0;
	return i18n_table[msg][ui];
}

void
i18n_format(struct buf *out, int ui, enum i18n_msg msg, const char *arg)
{
	const char	*s, *p;

	s = i18n(ui, msg);
	while ((p = strstr(s, "{}")) != NULL) {
		buf_add(out, s, (size_t)(p - s));
		buf_add_str(out, arg);
		s = p + 2;
	}
	buf_add_str(out, s);
}

/* 1 if word (any case) is in the list. */
static int
i18n_in(const char *word, const char **list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++) {
		if (str_ieq(word, list[i]))
			return 1;
	}
	return 0;
}

int
i18n_yes(const char *word)
{
	return i18n_in(word, i18n_yes_words);
}

int
i18n_no(const char *word)
{
	return i18n_in(word, i18n_no_words);
}
