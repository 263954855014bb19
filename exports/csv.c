/* csv.c: RFC 4180 rows written field by field with libcsv, with the
 * formula neutralisation every exported cell goes through. */
#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "exports/lib.h"

void
export_csv_init(struct export_csv *w, FILE *f)
{
	w->f = f;
	w->error = 0;
	w->fields = 0;
	buf_init(&w->scratch);
}

void
export_csv_clear(struct export_csv *w)
{
	buf_clear(&w->scratch);
}

static int
csv_digits(const char **sp)
{
	const char	*s = *sp;

	while (*s >= '0' && *s <= '9')
		s++;
	if (s == *sp)
		return 0;
	*sp = s;
	return 1;
}

int
export_csv_is_number(const char *s)
{
	int	 whole, frac = 0;

	if (*s == '+' || *s == '-')
		s++;
	whole = csv_digits(&s);
	if (*s == '.') {
		s++;
		frac = csv_digits(&s);
	}
	if (!whole && !frac)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!csv_digits(&s))
			return 0;
	}
	return *s == '\0';
}

int
export_csv_is_formula(const char *s)
{
	if (strchr("=+-@\t\r", *s) == NULL || *s == '\0')
		return 0;
	return !export_csv_is_number(s);
}

static void
csv_failed(struct export_csv *w)
{
	if (w->error == 0)
		w->error = errno != 0 ? errno : EIO;
}

static void
csv_put(struct export_csv *w, const char *s, size_t len)
{
	if (w->fields != 0 && fputc(',', w->f) == EOF)
		csv_failed(w);
	w->fields++;
	errno = 0;
	/* csv_fwrite needs ("", 0) for an empty field: NULL writes
	 * nothing, not even the quotes. */
	if (csv_fwrite(w->f, len == 0 ? "" : s, len) != 0)
		csv_failed(w);
}

void
export_csv_field(struct export_csv *w, const char *s)
{
	if (s == NULL)
		s = "";
	if (!export_csv_is_formula(s)) {
		csv_put(w, s, strlen(s));
		return;
	}
	w->scratch.len = 0;
	buf_add_byte(&w->scratch, '\'');
	buf_add_str(&w->scratch, s);
	csv_put(w, (const char *)w->scratch.data, w->scratch.len);
	wipe(w->scratch.data, w->scratch.len);
}

void
export_csv_field_u64(struct export_csv *w, uint64_t v)
{
	char	 s[32];

	snprintf(s, sizeof s, "%" PRIu64, v);
	csv_put(w, s, strlen(s));
}

void
export_csv_end(struct export_csv *w)
{
	if (fputs("\r\n", w->f) == EOF)
		csv_failed(w);
	w->fields = 0;
}

int
export_csv_status(struct export_csv *w, char **cause)
{
	errno = 0;
	if (fflush(w->f) != 0 || ferror(w->f))
		csv_failed(w);
	if (w->error == 0)
		return 0;
	xasprintf(cause, "write error: %s", strerror(w->error));
	return -1;
}
