/* buf.c: a growable byte buffer, wiped when cleared (it may hold answers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->size = 0;
}

void
buf_clear(struct buf *b)
{
	wipe(b->data, b->size);
	free(b->data);
	buf_init(b);
}

static void
buf_reserve(struct buf *b, size_t more)
{
	size_t		 size;
	unsigned char	*p;

	if (more > SIZE_MAX - b->len - 1)
		more = SIZE_MAX - b->len - 1; /* xmalloc below dies */
	if (b->len + more + 1 <= b->size)
		return;
	size = b->size == 0 ? 64 : b->size;
	while (size < b->len + more + 1)
		size = size > SIZE_MAX / 2 ? SIZE_MAX : size * 2;
	/* Grow by copying so that the old block can be wiped. */
	p = xmalloc(size);
	if (b->len != 0)
		memcpy(p, b->data, b->len);
	wipe(b->data, b->size);
	free(b->data);
	b->data = p;
	b->size = size;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
buf_add_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_add_byte(struct buf *b, unsigned char c)
{
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	buf_add(b, s, (size_t)n);
	wipe(s, (size_t)n);
	free(s);
}

const char *
buf_str(struct buf *b)
{
	buf_reserve(b, 0);
	b->data[b->len] = '\0';
	return (const char *)b->data;
}
