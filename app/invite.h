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

struct invite_id;

struct invite_list {
	struct invite_row *rows;
	size_t		 n;
	struct invite_id *ids;		/* invite_list_index */
};

/* Read invite's label,code CSV (its header row optional). Returns 0,
 * or -1 with *status (66, 74, 65) and *cause ("FILE:LINE: ..."). */
int		 invite_csv_read(const char *path, struct invite_list *,
		     int *status, char **cause);
/* Read one label a line (blank lines skipped). Same returns. */
int		 invite_names_read(const char *path, struct invite_list *,
		     int *status, char **cause);
/* Index the rows of a CSV by the id named records carry. */
void		 invite_list_index(struct invite_list *);
/* The row whose code has this id, or NULL. */
const struct invite_row *invite_list_find(const struct invite_list *,
		     const unsigned char id[VAULT_INVITE_ID_BYTES]);
/* Wipe the codes and free. */
void		 invite_list_free(struct invite_list *);

/* status-invite.c: status --invitations over n vaults. Returns the
 * exit status. */
int		 status_invitations(const struct cmd_entry *,
		     struct vault **, size_t n, const char *path);

#endif
