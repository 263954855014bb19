/* encode-private.h: shared by encode.c (the header, one answer) and
 * encode-repeat.c (blocks of answers and the instances of repeats). */
#ifndef CONSULT_FORMS_ENCODE_PRIVATE_H
#define CONSULT_FORMS_ENCODE_PRIVATE_H

#include "forms/lib.h"
#include "forms/form-private.h"

/* A cursor over the input. */
struct decode {
	const unsigned char	*p;
	size_t			 len;
	size_t			 off;
	char			**cause;
};

/* Append v as a varint. */
void		 encode_varint(struct buf *, uint32_t v);
/* Append question i's answer v: its index, then choices by index or
 * others as bytes. */
void		 encode_answer(const struct form *, size_t i, const char *v,
		     struct buf *);
/* Append the block of the questions in [lo, hi) of frame fr: its
 * answers, then the instances of each repeat directly in it. */
void		 encode_block(const struct form *,
		     const struct answers_frame *fr, int lo, int hi,
		     struct buf *);

/* Read a varint of more than one byte, or fail; see decode_varint. */
int		 decode_varint_long(struct decode *, uint32_t *,
		     const char *what);
/* Read a varint naming what in messages; -1 with *cause set. Most are
 * one byte. */
static inline int
decode_varint(struct decode *d, uint32_t *v, const char *what)
{
	if (d->off < d->len && d->p[d->off] < 0x80) {
		*v = d->p[d->off++];
		return 0;
	}
	return decode_varint_long(d, v, what);
}
/* Decode one answer, the i-th, into the view; after question *last (or
 * -1). -1 with *d->cause set. */
int		 decode_answer(struct answers *, struct decode *, uint32_t i,
		     int64_t *last);
/* Decode the block of [lo, hi) (inside repeat r, or -1) into the view;
 * -1 with *d->cause set. */
int		 decode_block(struct answers *, struct decode *, int r, int lo,
		     int hi);
/* 1 if f has a repeat. */
int		 form_has_repeats(const struct form *);

#endif
