/* encode-repeat.c: the blocks of the encoding (encode.c describes the
 * layout): the answers of one instance, then the instances of the
 * repeats in it. */
#include <string.h>

#include "forms/encode-private.h"

int
form_has_repeats(const struct form *f)
{
	size_t	 i;

	for (i = 0; i < f->nquestions; i++) {
		if (form_is_repeat(f, (int)i))
			return 1;
	}
	return 0;
}

/* The answer of q in frame fr, NULL when none. */
static const char *
encode_value(const struct answers_frame *fr, int q)
{
	const char	*v;

	if (fr->vals == NULL || (v = fr->vals[q - fr->base]) == NULL ||
	    *v == '\0')
		return NULL;
	return v;
}

void
encode_block(const struct form *f, const struct answers_frame *fr, int lo,
    int hi, struct buf *out)
{
	const struct answers_rep *st;
	struct answers_frame	 c;
	uint32_t		 count = 0;
	size_t			 i;
	int			 q;

	for (q = lo; q < hi; q++) {
		if (form_is_repeat(f, q))
			q = f->questions[q].end;
		else if (encode_value(fr, q) != NULL)
			count++;
	}
	encode_varint(out, count);
	for (q = lo; q < hi; q++) {
		if (form_is_repeat(f, q))
			q = f->questions[q].end;
		else if (encode_value(fr, q) != NULL)
			encode_answer(f, (size_t)q, encode_value(fr, q), out);
	}
	for (q = lo; q < hi; q++) {
		if (!form_is_repeat(f, q))
			continue;
		st = repeat_state(fr, q);
		encode_varint(out, (uint32_t)st->n);
		for (i = 0; i < st->n; i++) {
			c = repeat_child(fr, q, i);
			encode_block(f, &c, q + 1, f->questions[q].end, out);
		}
		q = f->questions[q].end;
	}
}

/* The instances of repeat r (in the view) and their blocks. */
static int
decode_instances(struct answers *a, struct decode *d, int r)
{
	const struct form	*f = a->form;
	struct answers_frame	 root = repeat_root(a);
	uint32_t		 n, i;
	size_t			 k;

	if (decode_varint(d, &n, "a count of instances") != 0)
		return -1;
	if (n > ANSWERS_REPEAT_MAX) {
		xasprintf(d->cause, "%u instances of repeat '%s' (at most "
		    "%d)", n, f->questions[r].name, ANSWERS_REPEAT_MAX);
		return -1;
	}
	for (i = 0; i < n; i++) {
		k = repeat_append(a, &root, r, 0);
		answers_repeat_select(a, r, k);
		if (decode_block(a, d, r, r + 1, f->questions[r].end) != 0)
			return -1;
	}
	return 0;
}

int
decode_block(struct answers *a, struct decode *d, int r, int lo, int hi)
{
	const struct form	*f = a->form;
	uint32_t		 count, i;
	int64_t			 last = lo - 1;
	int			 q;

	if (decode_varint(d, &count, "the count of answers") != 0)
		return -1;
	if (count > (uint32_t)(hi - lo)) {
		xasprintf(d->cause, "%u answers, but the %s has %d questions",
		    count, r < 0 ? "form" : "repeat", hi - lo);
		return -1;
	}
	for (i = 0; i < count; i++) {
		if (decode_answer(a, d, i, &last) != 0)
			return -1;
		q = (int)last;
		if (q >= hi || form_repeat_of(f, q) != r) {
			xasprintf(d->cause, "answer %u: question '%s' is not "
			    "in %s%s%s", i + 1, f->questions[q].name,
			    r < 0 ? "the form outside repeats" : "repeat '",
			    r < 0 ? "" : f->questions[r].name,
			    r < 0 ? "" : "'");
			return -1;
		}
	}
	for (q = lo; q < hi; q++) {
		if (!form_is_repeat(f, q))
			continue;
		if (decode_instances(a, d, q) != 0)
			return -1;
		q = f->questions[q].end;
	}
	return 0;
}
