/* report-html-text.c: text in the HTML report: every string from a form
 * or an answer escaped for HTML and SVG (which an XML parser also reads),
 * its width estimated so that SVG labels, which do not wrap, are cut to
 * fit, and the report's own words in English, French or Spanish. */
#include <string.h>

#include "app/report-html.h"

/* 1 for a Unicode non-character, which HTML5 parsers report. */
static int
html_nonchar(uint32_t c)
{
	return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

/* Escape n bytes of s; newlines kept when lines is set. */
static void
html_esc_lines(struct buf *b, const char *s, size_t n, int lines)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, len;
	uint32_t		 c;

	while (i < n && p[i] != '\0') {
		len = utf8_decode(p + i, n - i, &c);
		if (len == 0) {
			buf_add_str(b, "\xef\xbf\xbd");	/* U+FFFD */
			i++;
			continue;
		}
		switch (c) {
		case '&':
			buf_add_str(b, "&amp;");
			break;
		case '<':
			buf_add_str(b, "&lt;");
			break;
		case '>':
			buf_add_str(b, "&gt;");
			break;
		case '"':
			buf_add_str(b, "&quot;");
			break;
		case '\'':
			buf_add_str(b, "&#39;");
			break;
		case '\r':
			if (!lines)
				buf_add_byte(b, ' ');
			break;
		case '\n':
			buf_add_byte(b, lines ? '\n' : ' ');
			break;
		default:
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
				buf_add_byte(b, ' ');
			else if (html_nonchar(c))
				buf_add_str(b, "\xef\xbf\xbd");
			else
				buf_add(b, p + i, len);
		}
		i += len;
	}
}

void
html_esc_n(struct buf *b, const char *s, size_t n)
{
	html_esc_lines(b, s, n, 0);
}

void
html_esc_text(struct buf *b, const char *s)
{
	html_esc_lines(b, s, strlen(s), 1);
}

void
html_esc(struct buf *b, const char *s)
{
	html_esc_n(b, s, strlen(s));
}

/* The width of code point c in ems, roughly, for a sans-serif font. */
static double
html_char_width(uint32_t c)
{
	if ((c >= 0x300 && c < 0x370) || (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0x591 && c <= 0x5c7) || (c >= 0x610 && c <= 0x61a) ||
	    (c >= 0x64b && c <= 0x65f) || c == 0xfeff)
		return 0;
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) ||
	    (c >= 0x20000 && c <= 0x3fffd))
		return 1.0;
	if (c == 'i' || c == 'l' || c == 'j' || c == 't' || c == 'f' ||
	    c == 'I' || c == '.' || c == ',' || c == ' ' || c == '\'' ||
	    c == ':' || c == ';' || c == '!' || c == '|')
		return 0.36;
	if (c == 'M' || c == 'W' || c == '@')
		return 1.02;
	if (c == 'm' || c == 'w')
		return 0.98;
	if (c >= 'A' && c <= 'Z')
		return 0.74;
	/* DejaVu Sans, the usual sans-serif on Linux, is wide. */
	return 0.63;
}

/* Bytes of s that fit width at size px (all of it: strlen). */
static size_t
html_fit(const char *s, double width, double px, double *used)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, len, n = strlen(s);
	uint32_t		 c;
	double			 w;

	*used = 0;
	while (i < n) {
		if ((len = utf8_decode(p + i, n - i, &c)) == 0) {
			len = 1;
			c = 0xfffd;
		}
		w = html_char_width(c) * px;
		if (*used + w > width)
			break;
		*used += w;
		i += len;
	}
	return i;
}

double
html_text_width(const char *s, double px)
{
	double	 used;

	html_fit(s, 1e300, px, &used);
	return used;
}

int
html_esc_fit(struct buf *b, const char *s, double width, double px)
{
	double	 used;
	size_t	 n = strlen(s), k;

	/* A margin for fonts wider than the estimate. */
	width *= 0.96;
	if (html_fit(s, width, px, &used) == n) {
		html_esc(b, s);
		return 0;
	}
	k = html_fit(s, width - px, px, &used);
	/* Trailing spaces before the ellipsis say nothing. */
	while (k > 0 && s[k - 1] == ' ')
		k--;
	html_esc_n(b, s, k);
	buf_add_str(b, "\xe2\x80\xa6");	/* … */
	return 1;
}

/* English, French, Spanish. */
static const char *const html_words[HW_NWORDS][3] = {
	[HW_RESPONSES] = { "responses", "réponses", "respuestas" },
	[HW_RESPONSES_FROM] = { "submitted from", "envoyées du",
	    "enviadas del" },
	[HW_VAULTS] = { "Vaults read", "Coffres lus", "Almacenes leídos" },
	[HW_GROUPED_BY] = { "Grouped by", "Par", "Por" },
	[HW_CONTENTS] = { "Contents", "Sommaire", "Índice" },
	[HW_ANSWERED] = { "answered", "ont répondu", "respondieron" },
	[HW_OF] = { "of", "sur", "de" },
	[HW_OPTION] = { "Option", "Option", "Opción" },
	[HW_COUNT] = { "Count", "Nombre", "Número" },
	[HW_PERCENT] = { "%", "%", "%" },
	[HW_MEAN_RANK] = { "Mean rank", "Rang moyen", "Puesto medio" },
	[HW_FIRST] = { "First", "Premier", "Primero" },
	[HW_BORDA] = { "Borda", "Borda", "Borda" },
	[HW_STANDING] = { "Standing", "Classement", "Posición" },
	[HW_MEAN] = { "mean", "moyenne", "media" },
	[HW_MEDIAN] = { "median", "médiane", "mediana" },
	[HW_QUARTILES] = { "quartiles", "quartiles", "cuartiles" },
	[HW_MIN] = { "min", "min", "mín" },
	[HW_MAX] = { "max", "max", "máx" },
	[HW_FROM] = { "from", "du", "del" },
	[HW_TO] = { "to", "au", "al" },
	[HW_VALUES] = { "Values", "Valeurs", "Valores" },
	[HW_SCHULZE] = { "Schulze order", "Ordre de Schulze",
	    "Orden de Schulze" },
	[HW_PAIRWISE] = { "Pairwise preferences", "Préférences par paire",
	    "Preferencias por pares" },
	[HW_PAIRWISE_HOW] = {
	    "Each cell: how many respondents put the row's option above the "
	    "column's (a ranked option is above an unranked one); darker: a "
	    "larger share of the pair.",
	    "Chaque case : combien de répondants placent l'option de la ligne "
	    "au-dessus de celle de la colonne (une option classée est "
	    "au-dessus d'une option non classée) ; plus foncé : une plus "
	    "grande part de la paire.",
	    "Cada casilla: cuántas personas pusieron la opción de la fila por "
	    "encima de la de la columna (una opción ordenada está por encima "
	    "de una no ordenada); más oscuro: una mayor parte del par." },
	[HW_SUPPRESSED] = {
	    "Not shown, to protect the respondents (fewer than %N): ",
	    "Non affichés, pour protéger les répondants (moins de %N) : ",
	    "No se muestran, para proteger a quienes respondieron (menos de "
	    "%N): " },
	[HW_TEXT_HIDDEN] = {
	    "Text answers are not listed (consult report --text lists them).",
	    "Les réponses libres ne sont pas listées (consult report --text "
	    "les liste).",
	    "Las respuestas de texto no se listan (consult report --text las "
	    "lista)." },
	[HW_TEXT_ANSWERS] = { "Text answers", "Réponses libres",
	    "Respuestas de texto" },
	[HW_NO_ANSWERS] = { "No answers.", "Aucune réponse.",
	    "Ninguna respuesta." },
	[HW_MADE_BY] = { "Made by consult", "Produit par consult",
	    "Hecho con consult" },
	[HW_BARS_DESC] = {
	    "Horizontal bars: the share of those who answered that chose "
	    "each option.",
	    "Barres horizontales : la part de ceux qui ont répondu ayant "
	    "choisi chaque option.",
	    "Barras horizontales: la parte de quienes respondieron que eligió "
	    "cada opción." },
	[HW_SCALE_DESC] = {
	    "Diverging stacked bars: the scale's lower options to the left "
	    "of the centre line, higher to the right, the middle option "
	    "centred on it.",
	    "Barres empilées divergentes : les options basses de l'échelle à "
	    "gauche de l'axe central, les hautes à droite, l'option du milieu "
	    "centrée dessus.",
	    "Barras apiladas divergentes: las opciones bajas de la escala a "
	    "la izquierda del eje central, las altas a la derecha, la del "
	    "medio centrada en él." },
	[HW_RANK_DESC] = {
	    "Bars of the Borda score (m - position + 1 points for each "
	    "ranking, m the number of options), highest first, with the "
	    "first places.",
	    "Barres du score de Borda (m - position + 1 points par "
	    "classement, m le nombre d'options), le plus haut d'abord, avec "
	    "les premières places.",
	    "Barras de la puntuación Borda (m - posición + 1 puntos por "
	    "clasificación, m el número de opciones), la más alta primero, "
	    "con los primeros puestos." },
	[HW_HIST_DESC] = {
	    "Histogram of the values given, then a box from the first to "
	    "the third quartile with the median, and the range.",
	    "Histogramme des valeurs données, puis une boîte du premier au "
	    "troisième quartile avec la médiane, et l'étendue.",
	    "Histograma de los valores dados, luego una caja del primer al "
	    "tercer cuartil con la mediana, y el rango." },
	[HW_BOX_DESC] = {
	    "For each group on one scale: a box from the first to the third "
	    "quartile with the median, and the range.",
	    "Pour chaque groupe sur une même échelle : une boîte du premier "
	    "au troisième quartile avec la médiane, et l'étendue.",
	    "Para cada grupo en una misma escala: una caja del primer al "
	    "tercer cuartil con la mediana, y el rango." },
	[HW_DATE_DESC] = {
	    "The range of the dates given, on one time line.",
	    "L'étendue des dates données, sur une même ligne de temps.",
	    "El rango de las fechas dadas, en una misma línea de tiempo." },
	[HW_OTHER_QUESTIONS] = { "Other questions", "Autres questions",
	    "Otras preguntas" },
};

const char *
html_word(const struct html_report *h, enum html_word w)
{
	if ((size_t)w >= HW_NWORDS)
		return "";
	return html_words[w][h->words];
}

/* 1 if s begins with prefix, ignoring ASCII case. */
static int
html_prefix(const char *s, const char *prefix)
{
	size_t	 n = strlen(prefix), i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\0' || (s[i] | 0x20) != (prefix[i] | 0x20))
			return 0;
	}
	return 1;
}

int
html_words_for(const struct form *f, size_t lang)
{
	const struct lang	*l = &f->langs[lang];
	const char		*code = l->code != NULL ? l->code : "";

	if (html_prefix(code, "fr") || html_prefix(l->name, "fran") ||
	    html_prefix(l->name, "french"))
		return 1;
	if (html_prefix(code, "es") || html_prefix(l->name, "espa") ||
	    html_prefix(l->name, "spanish"))
		return 2;
	return 0;
}
