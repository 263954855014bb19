/* repeats.c: `--format responses --repeat NAME`: one row per instance of
 * a repeat, as ODK Central lays them out: the response, the key of the
 * instance it is in (the response's id for a top-level repeat), its own
 * key, its place (from 1), then its questions and the count of each
 * repeat in it. */
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

void
export_repeat_header(const struct form *f, int r, struct export_csv *w)
{
	export_csv_field(w, "response_id");
	export_csv_field(w, "parent");
	export_csv_field(w, "key");
	export_csv_field(w, "instance");
	export_responses_columns(f, r + 1, f->questions[r].end, w);
	export_csv_end(w);
}

/* One instance as export_responses_values reads it. */
struct repeat_row {
	const struct answers_instance *list;
	size_t		 n;
	size_t		 me;
};

static const char *
repeat_get(const void *arg, int q)
{
	const struct repeat_row	*row = arg;

	return answers_instance_get(&row->list[row->me], q);
}

/* The instances of nested repeat s in this one. */
static size_t
repeat_count(const void *arg, int s)
{
	const struct repeat_row	*row = arg;
	size_t			 i, n = 0;

	for (i = row->me + 1; i < row->n; i++) {
		if (row->list[i].parent == row->me && row->list[i].repeat == s)
			n++;
	}
	return n;
}

/* The key of instance k: ID/proposal[2]/partner[1]. */
static void
repeat_key(const struct form *f, const char *id,
    const struct answers_instance *list, size_t k, struct buf *out)
{
	if (list[k].parent == SIZE_MAX)
		buf_add_str(out, id);
	else
		repeat_key(f, id, list, list[k].parent, out);
	buf_printf(out, "/%s[%zu]", f->questions[list[k].repeat].name,
	    list[k].ordinal);
}

void
export_repeat_rows(const struct form *f, int r, const char *id,
    const struct answers *a, struct export_csv *w)
{
	struct answers_instance	*list;
	struct repeat_row	 row;
	struct buf		 key;
	size_t			 n, k;
	char			*slash;

	n = answers_instances(a, &list);
	buf_init(&key);
	for (k = 0; k < n; k++) {
		if (list[k].repeat != r)
			continue;
		key.len = 0;
		repeat_key(f, id, list, k, &key);
		export_csv_field(w, id);
		/* The parent's key is the instance's without its last
		 * step (names hold no '/'). */
		slash = strrchr(buf_str(&key), '/');
		*slash = '\0';
		export_csv_field(w, (const char *)key.data);
		*slash = '/';
		export_csv_field(w, buf_str(&key));
		export_csv_field_u64(w, list[k].ordinal);
		row.list = list;
		row.n = n;
		row.me = k;
		export_responses_values(f, r + 1, f->questions[r].end,
		    repeat_get, repeat_count, &row, w);
		export_csv_end(w);
	}
	buf_clear(&key);
	free(list);
}
