/* plain.h: plain mode's session and its input, shared by plain*.c. */
#ifndef CONSULT_APP_PLAIN_H
#define CONSULT_APP_PLAIN_H

#include <stdio.h>

#include "app/run.h"

struct plain {
	struct run	*run;
	int		 in;
	FILE		*out;
	struct buf	 pending;	/* read but not yet taken */
	struct buf	 line;		/* the last line (or lines) read */
	int		 discarding;	/* skipping the rest of a long line */
	int		 too_long;
	int		 read_errno;	/* why reading failed (PLAIN_ERROR) */
};

enum plain_read {
	PLAIN_LINE,
	PLAIN_EOF,
	PLAIN_SIGNAL,
	PLAIN_ERROR,	/* stdin unreadable: closed, or an I/O error */
};

/* Read one line from p->in into p->line, without its newline (p->too_long
 * when it was over RUN_LINE_MAX and dropped). */
enum plain_read	 plain_read(struct plain *);
/* Read the lines of a multiline answer after its first, up to a line
 * holding only a dot, into p->line joined by newlines. */
enum plain_read	 plain_read_more(struct plain *);

#endif
