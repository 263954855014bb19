/* xmalloc.c: allocation that never returns NULL; running out is fatal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib.h"

static void
xmalloc_die(size_t size)
{
	fprintf(stderr, "consult: out of memory (%zu bytes)\n", size);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		xmalloc_die(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		xmalloc_die(n * size);
	return p;
}

void *
xrealloc(void *old, size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = realloc(old, size)) == NULL)
		xmalloc_die(size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xmalloc_die(SIZE_MAX);
	return xrealloc(old, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return n;
}

int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	 n;

	n = vasprintf(ret, fmt, ap);
	if (n < 0)
		xmalloc_die(strlen(fmt));
	return n;
}

void
wipe(void *p, size_t n)
{
	if (p != NULL && n != 0)
		explicit_bzero(p, n);
}

void
wipe_free(char *s)
{
	if (s == NULL)
		return;
	wipe(s, strlen(s));
	free(s);
}
