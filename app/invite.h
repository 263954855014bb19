/* invite.h: the facilitator's files of invitations (invite-csv.c),
 * shared by the verbs invite, status and export. */
#ifndef CONSULT_APP_INVITE_H
#define CONSULT_APP_INVITE_H

#include "app/app.h"
#include "vault/lib.h"

/* One invitation as the facilitator knows it. */
struct invite_row {
	char		*label;
	char		*code;		/* NULL in a list of names */
	size_t		 line;		/* in its file */
	int		 state;		/* the verb's use */
};

struct invite_list {
	struct invite_row *rows;
	size_t		 n;
};

/* Read invite's label,code CSV (its header row optional). Returns 0,
 * or -1 with *status (66, 74, 65) and *cause ("FILE:LINE: ..."). */
int		 invite_csv_read(const char *path, struct invite_list *,
		     int *status, char **cause);
/* Read one label a line (blank lines skipped). Same returns. */
int		 invite_names_read(const char *path, struct invite_list *,
		     int *status, char **cause);
/* Wipe the codes and free. */
void		 invite_list_free(struct invite_list *);

#endif
