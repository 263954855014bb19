/* expr-pulldata.c: ODK's pulldata(FILE, COLUMN, KEY_COLUMN, KEY): the
 * COLUMN cell of the first row of FILE.csv (a file beside the form, read
 * with it: external.c) whose KEY_COLUMN cell is KEY; "" when there is no
 * such file, column or row. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/expr-private.h"

/* The file of the form that pulldata's first argument names. */
static const struct form_file *
expr_pulldata_file(const struct form *f, const char *name)
{
	size_t	 i, n = strlen(name);

	for (i = 0; f != NULL && i < f->nfiles; i++) {
		if (strncmp(f->files[i].name, name, n) == 0 &&
		    (strcasecmp(f->files[i].name + n, ".csv") == 0 ||
		    f->files[i].name[n] == '\0'))
			return &f->files[i];
	}
	return NULL;
}

/* The index of column name in the header, or -1. */
static int
expr_pulldata_column(const struct form_file *ff, const char *name)
{
	size_t	 i;

	for (i = 0; ff->nrows > 0 && i < ff->ncells[0]; i++) {
		if (strcmp(ff->rows[0][i], name) == 0)
			return (int)i;
	}
	return -1;
}

void
expr_fn_pulldata(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	const struct form_file	*ff;
	struct expr_value	 v[4];
	char			 buf[4][EXPR_NUMBER_SIZE];
	const char		*a[4];
	size_t			 i;
	int			 col, key;

	for (i = 0; i < 4; i++) {
		expr_eval_value(e->args[i], env, &v[i]);
		a[i] = expr_value_text(&v[i], buf[i]);
	}
	expr_value_set_string(out, "", NULL);
	if ((ff = expr_pulldata_file(env->form, a[0])) == NULL ||
	    (col = expr_pulldata_column(ff, a[1])) < 0 ||
	    (key = expr_pulldata_column(ff, a[2])) < 0)
		goto out;
	for (i = 1; i < ff->nrows; i++) {
		if ((size_t)key < ff->ncells[i] &&
		    strcmp(ff->rows[i][key], a[3]) == 0) {
			expr_value_set_string(out, NULL, xstrdup(
			    (size_t)col < ff->ncells[i] ? ff->rows[i][col] :
			    ""));
			break;
		}
	}
out:
	for (i = 0; i < 4; i++)
		expr_value_clear(&v[i]);
}
