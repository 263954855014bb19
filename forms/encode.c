/* encode.c: the byte encoding of one response, complete or a draft: what
 * the vault encrypts and the exports decode.
 *
 * Layout, version 3 (ANSWERS_ENCODING_VERSION):
 *
 *	offset	size	field
 *	0	1	version, 3
 *	1	32	form fingerprint (FORM_FINGERPRINT_BYTES)
 *	33	1	flags: bit 0 set when complete; other bits zero
 *	34	4	position: question index of a draft, little-endian
 *		        (at most the number of questions: the review)
 *	38	8	seed of the randomized orders, little-endian
 *	46	block	the questions outside repeats
 *
 * A block (encode-repeat.c) holds the answers to the questions directly
 * in it (not in a repeat inside it), then each repeat directly in it:
 *	var	count of answers that follow
 *	then count times:
 *		var	question index, strictly increasing (form order)
 *	    for select_one, select_multiple and rank:
 *		var	k, the number of choices picked, 1 to the list's size
 *		k var	their indices in the choice list, in the order of
 *			the stored value (list order for select_multiple,
 *			rank order for rank)
 *	    for every other type:
 *		var	length of the answer in bytes, at least 1
 *		len	the answer as stored: UTF-8, no NUL, in normal form
 *	then for each repeat directly in the block, in form order:
 *		var	n, its instances (at most ANSWERS_REPEAT_MAX)
 *		n block	each instance's block, in order
 *
 * "var" is an unsigned LEB128 varint of at most 5 bytes holding a value
 * below 2^32, in its shortest form. Nothing follows the last block.
 *
 * Every response has exactly one encoding: the decoder refuses anything
 * answers_encode would not write (overlong varints, answers out of order
 * or given twice, a value that is not its own normal form), so equal
 * responses have equal bytes. Only questions that store an answer appear;
 * an empty answer is absent. Messages never quote an answer's bytes.
 *
 * Choices are stored by index, not by name (version 1 stored names), so
 * that the length of an encoding does not depend on which choice was
 * picked; what a sealed record's size still shows is in vault/README.
 * Version 2 (before repeats) is version 3 of a form without repeats: it
 * is still read. Version 1 is refused with a clear message: it was only
 * ever written by development builds, whose vaults this consult refuses
 * anyway. */
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/form-private.h"
#include "forms/encode-private.h"

#define ENCODE_HEADER (1 + FORM_FINGERPRINT_BYTES + 1 + 4 + 8)

void
encode_varint(struct buf *out, uint32_t v)
{
	while (v >= 0x80) {
		buf_add_byte(out, (unsigned char)(v | 0x80));
		v >>= 7;
	}
	buf_add_byte(out, (unsigned char)v);
}

static void
encode_le(struct buf *out, uint64_t v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_add_byte(out, (unsigned char)(v >> (8 * i)));
}

/* Append the choices of a stored choice value ("a b c") to out: their
 * count, then their indices. A name not in the list (never in a value
 * that answers_normalise accepted) gives a count of 0, which the decoder
 * refuses rather than read another choice. */
static void
encode_picks(const struct form *f, const struct question *q, const char *v,
    struct buf *out)
{
	const struct choice_list *l = form_question_list(f, q);
	const char		*s, *end;
	uint32_t		 n = 1;
	size_t			 mark;
	int			 k;

	for (s = v; *s != '\0'; s++)
		n += *s == ' ';
	mark = out->len;
	encode_varint(out, n);
	for (s = v; l != NULL; s = end + 1) {
		end = strchr(s, ' ');
		if (end == NULL)
			end = s + strlen(s);
		if ((k = choice_list_find(l, s, (size_t)(end - s))) < 0)
			break;
		encode_varint(out, (uint32_t)k);
		if (*end == '\0')
			return;
	}
	out->len = mark;
	encode_varint(out, 0);
}

void
encode_answer(const struct form *f, size_t i, const char *v,
    struct buf *out)
{
	const struct question	*q = &f->questions[i];
	size_t			 n;

	encode_varint(out, (uint32_t)i);
	if (question_has_choices(q)) {
		encode_picks(f, q, v, out);
		return;
	}
	n = strlen(v);
	encode_varint(out, (uint32_t)n);
	buf_add(out, v, n);
}

static size_t
encode_varint_len(uint64_t v)
{
	size_t	 n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

size_t
answers_encoded_max(const struct form *f)
{
	const struct question	*q;
	const struct choice_list *l;
	size_t			 i, n, k, picks;

	n = ENCODE_HEADER + encode_varint_len(f->nquestions);
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (form_is_repeat(f, (int)i))	/* its instance count, and
						 * each nested block's */
			n += 2 + encode_varint_len(f->nquestions);
		if (!question_stores(q))
			continue;
		n += encode_varint_len(i);
		switch (q->type) {
		case QUESTION_SELECT_ONE:
		case QUESTION_SELECT_MULTIPLE:
		case QUESTION_RANK:
			l = form_question_list(f, q);
			k = l != NULL ? l->nchoices : 0;
			picks = q->type == QUESTION_SELECT_ONE ? 1 : k;
			if (q->type == QUESTION_RANK && q->rank_max > 0 &&
			    (size_t)q->rank_max < picks)
				picks = (size_t)q->rank_max;
			n += encode_varint_len(picks) + picks *
			    encode_varint_len(k > 0 ? k - 1 : 0);
			break;
		case QUESTION_INTEGER:
			n += 1 + 20;	/* -9223372036854775808 */
			break;
		case QUESTION_DECIMAL:
			n += 1 + ANSWERS_DECIMAL_MAX;
			break;
		case QUESTION_DATE:
			n += 1 + 10;
			break;
		case QUESTION_TIME:
			n += 1 + 5;
			break;
		case QUESTION_DATETIME:
			n += 1 + 16;
			break;
		case QUESTION_ACKNOWLEDGE:
			n += 1 + 2;
			break;
		default:	/* text, calculate: the length only */
			n += 3;
			break;
		}
	}
	return n;
}

void
answers_encode(const struct answers *a, int complete, uint32_t position,
    struct buf *out)
{
	const struct form	*f = a->form;
	struct answers_frame	 root;

	buf_add_byte(out, ANSWERS_ENCODING_VERSION);
	buf_add(out, f->fingerprint, FORM_FINGERPRINT_BYTES);
	buf_add_byte(out, complete ? 1 : 0);
	encode_le(out, position, 4);
	encode_le(out, a->seed, 8);
	root = repeat_root(a);
	encode_block(f, &root, 0, (int)f->nquestions, out);
}


static uint64_t
decode_le(const unsigned char *p, size_t n)
{
	uint64_t	 v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

int
decode_varint_long(struct decode *d, uint32_t *v, const char *what)
{
	uint64_t	 x = 0;
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < 5; i++) {
		if (d->off >= d->len) {
			xasprintf(d->cause, "truncated at byte %zu, in %s",
			    d->off, what);
			return -1;
		}
		c = d->p[d->off++];
		x |= (uint64_t)(c & 0x7f) << (7 * i);
		if ((c & 0x80) == 0) {
			if (c == 0 && i != 0)
				break;
			if (x > UINT32_MAX)
				break;
			*v = (uint32_t)x;
			return 0;
		}
	}
	xasprintf(d->cause, "bad number at byte %zu, in %s", d->off - 1, what);
	return -1;
}


/* Check the fixed header; -1 with *cause set. */
static int
decode_header(const struct form *f, struct decode *d, int *complete,
    uint32_t *position, uint64_t *seed)
{
	if (d->len == 0) {
		*d->cause = xstrdup("empty response");
		return -1;
	}
	if (d->p[0] == 2 && !form_has_repeats(f))
		;	/* the same bytes as version 3 without repeats */
	else if (d->p[0] == 1) {
		xasprintf(d->cause, "encoding version 1 (choices by name, "
		    "from a development build), not readable: this consult "
		    "reads version %u", (unsigned)ANSWERS_ENCODING_VERSION);
		return -1;
	}
	else if (d->p[0] != ANSWERS_ENCODING_VERSION) {
		xasprintf(d->cause, "encoding version %u, expected %u",
		    (unsigned)d->p[0], (unsigned)ANSWERS_ENCODING_VERSION);
		return -1;
	}
	if (d->len < ENCODE_HEADER) {
		xasprintf(d->cause, "truncated header: %zu of %d bytes",
		    d->len, ENCODE_HEADER);
		return -1;
	}
	if (memcmp(d->p + 1, f->fingerprint, FORM_FINGERPRINT_BYTES) != 0) {
		*d->cause = xstrdup("made for another form or form version "
		    "(fingerprint differs)");
		return -1;
	}
	if (d->p[33] > 1) {
		xasprintf(d->cause, "unknown flags 0x%02x",
		    (unsigned)d->p[33]);
		return -1;
	}
	*complete = d->p[33];
	*position = (uint32_t)decode_le(d->p + 34, 4);
	if (*position > f->nquestions) {
		xasprintf(d->cause, "position %u out of range (form has %zu "
		    "questions)", *position, f->nquestions);
		return -1;
	}
	*seed = decode_le(d->p + 38, 8);
	d->off = ENCODE_HEADER;
	return 0;
}

/* Why a stored value is refused, for decode messages. */
static const char *
decode_problem(enum answer_problem problem)
{
	switch (problem) {
	case ANSWER_OK:
		return "not in normal form";
	case ANSWER_NOT_NUMBER:
		return "not a number";
	case ANSWER_NOT_INTEGER:
		return "not an integer in range";
	case ANSWER_NOT_DATE:
		return "not a date";
	case ANSWER_NOT_CHOICE:
		return "not a choice of its list";
	case ANSWER_DUPLICATE:
		return "a choice given twice";
	case ANSWER_TOO_MANY:
		return "too many choices";
	case ANSWER_NOT_ACK:
		return "not OK";
	case ANSWER_BAD_TEXT:
		return "text with characters not allowed";
	default:
		return "invalid";
	}
}

/* Whether the answer of question q at d->p + d->off, len bytes, is
 * valid and in normal form; -1 with *cause set if not. The choice
 * indices found on the way are kept in a's picks (room was reserved). */
static int
decode_check(struct answers *a, struct decode *d, uint32_t q, size_t len)
{
	const struct form	*f = a->form;
	const char		*name = f->questions[q].name;
	enum answer_problem	 problem;
	size_t			 bad, n;
	char			*s, *norm;
	int			 rc = 0;

	if (answers_is_normal_picks(f, (int)q, (const char *)d->p + d->off,
	    len, a->picks + a->picks_used, &n)) {
		a->pick_at[q] = (uint32_t)a->picks_used;
		a->npicks[q] = (uint32_t)n;
		a->picks_used += n;
		return 0;
	}
	/* Not sure: the long way, which also says what is wrong. */
	if (len == 0) {
		xasprintf(d->cause, "empty answer to '%s'", name);
		return -1;
	}
	if (memchr(d->p + d->off, '\0', len) != NULL) {
		xasprintf(d->cause, "NUL byte in the answer to '%s'", name);
		return -1;
	}
	if (!utf8_valid((const char *)d->p + d->off, len, &bad)) {
		xasprintf(d->cause, "invalid UTF-8 at byte %zu of the answer "
		    "to '%s'", bad, name);
		return -1;
	}
	s = xstrndup((const char *)d->p + d->off, len);
	problem = answers_normalise(f, (int)q, s, &norm);
	if (problem != ANSWER_OK || strcmp(norm, s) != 0) {
		xasprintf(d->cause, "the answer to '%s' (%s) is %s", name,
		    question_type_name(f->questions[q].type),
		    decode_problem(problem));
		rc = -1;
	}
	wipe_free(norm);
	wipe_free(s);
	return rc;
}

/* Whether k choice indices (at most ANSWERS_MAX_PICKS) are an answer to
 * q in normal form, as answers_is_normal_picks decides on their names:
 * one for select_one; for select_multiple in list order, each once; for
 * rank each once, no more than its max. */
static int
decode_picks_normal(const struct question *q, const uint32_t *picks,
    uint32_t k)
{
	uint32_t	 i, j;

	if (k > ANSWERS_MAX_PICKS)
		return 0;
	switch (q->type) {
	case QUESTION_SELECT_ONE:
		return k == 1;
	case QUESTION_SELECT_MULTIPLE:
		for (i = 1; i < k; i++) {
			if (picks[i] <= picks[i - 1])
				return 0;
		}
		return 1;
	default:	/* rank */
		if (q->rank_max > 0 && k > (uint32_t)q->rank_max)
			return 0;
		for (i = 1; i < k; i++) {
			for (j = 0; j < i; j++) {
				if (picks[j] == picks[i])
					return 0;
			}
		}
		return 1;
	}
}

/* Decode the choices of question q (after its index) into the arena as
 * their names, checked to be the normal form of the answer; -1 with
 * *cause set if not. Room was reserved for name_max + 1 bytes a byte of
 * input. */
static int
decode_choices(struct answers *a, struct decode *d, uint32_t q)
{
	const struct form	*f = a->form;
	const struct question	*qq = &f->questions[q];
	const struct choice_list *l = form_question_list(f, qq);
	enum answer_problem	 problem;
	char			*v = a->arena + a->arena_used, *p = v;
	char			*norm = NULL;
	uint32_t		*picks = a->picks + a->picks_used, k, c, i;
	size_t			 len, npicks;

	if (decode_varint(d, &k, "a count of choices") != 0)
		return -1;
	if (k == 0 || (l != NULL && k > l->nchoices)) {
		xasprintf(d->cause, "the answer to '%s' picks %u choices",
		    qq->name, k);
		return -1;
	}
	for (i = 0; i < k; i++) {
		if (decode_varint(d, &c, "a choice index") != 0)
			return -1;
		if (l == NULL || c >= l->nchoices) {
			xasprintf(d->cause, "the answer to '%s' picks choice "
			    "%u of a list of %zu", qq->name, c,
			    l != NULL ? l->nchoices : 0);
			return -1;
		}
		if (i < ANSWERS_MAX_PICKS)
			picks[i] = c;	/* room was reserved: a byte each */
		if (i != 0)
			*p++ = ' ';
		len = strlen(l->choices[c].name);
		memcpy(p, l->choices[c].name, len);
		p += len;
	}
	*p = '\0';
	len = (size_t)(p - v);
	/* The normal form, checked on the indices; else (or beyond
	 * ANSWERS_MAX_PICKS, where no picks are kept) the long way, which
	 * also says what is wrong. */
	npicks = decode_picks_normal(qq, picks, k) ? k : 0;
	if (npicks == 0 && ((problem = answers_normalise(f, (int)q, v,
	    &norm)) != ANSWER_OK || strcmp(norm, v) != 0)) {
		xasprintf(d->cause, "the answer to '%s' (%s) is %s", qq->name,
		    question_type_name(qq->type), problem == ANSWER_OK ?
		    "not in normal form (choices out of order)" :
		    decode_problem(problem));
		wipe_free(norm);
		return -1;
	}
	wipe_free(norm);
	a->pick_at[q] = (uint32_t)a->picks_used;
	a->npicks[q] = (uint32_t)npicks;
	a->picks_used += npicks;
	a->arena_used += len + 1;
	a->values[q] = v;
	return 0;
}

int
decode_answer(struct answers *a, struct decode *d, uint32_t i,
    int64_t *last)
{
	const struct form	*f = a->form;
	uint32_t		 q, len;
	char			*v;

	if (decode_varint(d, &q, "a question index") != 0)
		return -1;
	if (q >= f->nquestions) {
		xasprintf(d->cause, "answer %u: question index %u out of range "
		    "(form has %zu questions)", i + 1, q, f->nquestions);
		return -1;
	}
	if (!question_stores(&f->questions[q])) {
		xasprintf(d->cause, "answer %u: question '%s' (%s) stores no "
		    "answer", i + 1, f->questions[q].name,
		    question_type_name(f->questions[q].type));
		return -1;
	}
	if ((int64_t)q <= *last) {
		xasprintf(d->cause, "answer %u: question '%s' %s", i + 1,
		    f->questions[q].name, (int64_t)q == *last ?
		    "answered twice" : "out of form order");
		return -1;
	}
	*last = q;
	if (question_has_choices(&f->questions[q]))
		return decode_choices(a, d, q);
	if (decode_varint(d, &len, "an answer's length") != 0)
		return -1;
	if (len > d->len - d->off) {
		xasprintf(d->cause, "the answer to '%s' runs %zu bytes past "
		    "the end", f->questions[q].name,
		    (size_t)len - (d->len - d->off));
		return -1;
	}
	if (decode_check(a, d, q, len) != 0)
		return -1;
	/* Room was reserved for every answer and its NUL. */
	v = a->arena + a->arena_used;
	memcpy(v, d->p + d->off, len);
	v[len] = '\0';
	a->arena_used += (size_t)len + 1;
	a->values[q] = v;
	d->off += len;
	return 0;
}

int
answers_decode_into(struct answers *a, const void *p, size_t len,
    int *complete, uint32_t *position, char **cause)
{
	const struct form	*f = a->form;
	struct decode		 d;
	int			 c;
	uint32_t		 pos;
	uint64_t		 seed;

	*cause = NULL;
	answers_reset(a);
	d.p = p;
	d.len = len;
	d.off = 0;
	d.cause = cause;
	if (decode_header(f, &d, &c, &pos, &seed) != 0)
		return -1;
	/* The stored answers are the response: no defaults, no calculates.
	 * A byte left gives at most one byte of text or one choice index,
	 * whose name takes at most name_max bytes and a space; each answer
	 * (two bytes at least) a NUL more. */
	answers_reserve(a, (d.len - d.off) * (answers_name_max(a) + 2) + 1,
	    d.len - d.off + 1);
	if (decode_block(a, &d, -1, 0, (int)f->nquestions) != 0)
		goto fail;
	if (d.off != d.len) {
		xasprintf(cause, "trailing bytes after the last answer: %zu",
		    d.len - d.off);
		goto fail;
	}
	a->seed = seed;
	*complete = c;
	*position = pos;
	return 0;

fail:
	answers_reset(a);
	return -1;
}

struct answers *
answers_decode(const struct form *f, const void *p, size_t len,
    int *complete, uint32_t *position, char **cause)
{
	struct answers	*a;

	a = answers_alloc(f, 0, NULL);
	if (answers_decode_into(a, p, len, complete, position, cause) != 0) {
		answers_free(a);
		return NULL;
	}
	return a;
}
