/* str.c: small string helpers shared by every folder. */
#include <stdlib.h>
#include <string.h>

#include "lib/lib.h"

char *
str_trim(char *s)
{
	size_t	 len, start;

	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	s[len] = '\0';
	start = strspn(s, " \t");
	if (start != 0)
		memmove(s, s + start, len - start + 1);
	return s;
}

char *
str_lower(char *s)
{
	char	*p;

	for (p = s; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
	return s;
}

int
str_ieq(const char *a, const char *b)
{
	unsigned char	 ca, cb;

	for (;; a++, b++) {
		ca = (unsigned char)*a;
		cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca = (unsigned char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (unsigned char)(cb - 'A' + 'a');
		if (ca != cb)
			return 0;
		if (ca == '\0')
			return 1;
	}
}

size_t
str_distance(const char *a, const char *b)
{
	size_t	 la, lb, i, j, *row, prev, tmp, best;

	la = strlen(a);
	lb = strlen(b);
	row = xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] == b[j - 1] ? 0 : 1);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}
