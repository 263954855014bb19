/* plain-read.c: the input of plain mode: lines read with read(2) (no
 * stdio buffer keeps a copy), at most RUN_LINE_MAX bytes each and
 * RUN_TEXT_MAX for a text of several lines; what was read is wiped once
 * taken. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "app/plain.h"

/* Take one line of len bytes from the front of pending into line, in
 * place of the last one, wiped whole (a kiosk reuses the buffer from one
 * participant to the next). */
static void
plain_take(struct plain *p, size_t len, size_t skip)
{
	size_t	 i;

	wipe(p->line.data, p->line.size);
	p->line.len = 0;
	if (!p->discarding)
		buf_add(&p->line, p->pending.data, len);
	for (i = 0; i < p->line.len; i++) {
		if (p->line.data[i] == '\0')
			p->line.data[i] = 0x1a; /* refused as a control */
	}
	if (p->line.len > 0 && p->line.data[p->line.len - 1] == '\r')
		p->line.len--;
	buf_str(&p->line);
	memmove(p->pending.data, p->pending.data + len + skip,
	    p->pending.len - len - skip);
	wipe(p->pending.data + p->pending.len - len - skip, len + skip);
	p->pending.len -= len + skip;
	p->too_long = p->discarding;
	p->discarding = 0;
}

/* Read one line from the input into p->line, without its newline. */
enum plain_read
plain_read(struct plain *p)
{
	unsigned char	 chunk[4096], *nl;
	ssize_t		 n;

	fflush(p->out);
	for (;;) {
		if (run_signalled)
			return PLAIN_SIGNAL;
		nl = p->pending.len == 0 ? NULL :
		    memchr(p->pending.data, '\n', p->pending.len);
		if (nl != NULL) {
			plain_take(p, (size_t)(nl - p->pending.data), 1);
			return PLAIN_LINE;
		}
		if (p->pending.len > RUN_LINE_MAX) {
			p->discarding = 1;
			wipe(p->pending.data, p->pending.len);
			p->pending.len = 0;
		}
		n = read(p->in, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && p->pending.len == 0 && !p->discarding) {
			p->read_errno = errno;
			return PLAIN_ERROR;
		}
		if (n <= 0) {
			if (p->pending.len == 0 && !p->discarding)
				return PLAIN_EOF;
			plain_take(p, p->pending.len, 0);
			return PLAIN_LINE;
		}
		buf_add(&p->pending, chunk, (size_t)n);
		wipe(chunk, (size_t)n);
	}
}

/* Read the lines of a multiline answer after its first, up to a line
 * holding only a dot, into p->line joined by newlines. */
enum plain_read
plain_read_more(struct plain *p)
{
	struct buf	 text;
	enum plain_read	 rd;
	int		 too_long = p->too_long;

	buf_init(&text);
	buf_add(&text, p->line.data, p->line.len);
	while ((rd = plain_read(p)) == PLAIN_LINE) {
		if (strcmp(buf_str(&p->line), ".") == 0)
			break;
		too_long |= p->too_long || text.len > RUN_TEXT_MAX;
		if (!too_long) {
			buf_add_byte(&text, '\n');
			buf_add(&text, p->line.data, p->line.len);
		}
	}
	buf_clear(&p->line);
	p->line = text;
	buf_str(&p->line);
	p->too_long = too_long;
	return rd;
}
