/* utf8.c: UTF-8 validation and display width (wcwidth). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lib/lib.h"

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t		 len, i;
	uint32_t	 c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2; c = s[0] & 0x1f; min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3; c = s[0] & 0x0f; min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4; c = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, len;
	uint32_t		 cp;

	while (i < n) {
		if (p[i] < 0x80) {	/* most answers are mostly ASCII */
			i++;
			continue;
		}
		if ((len = utf8_decode(p + i, n - i, &cp)) == 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
		i += len;
	}
	return 1;
}

size_t
utf8_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, i = 0, len, width = 0;
	uint32_t		 cp;
	int			 w;

	n = strlen(s);
	while (i < n) {
		if ((len = utf8_decode(p + i, n - i, &cp)) == 0) {
			width++; /* shown as a replacement character */
			i++;
			continue;
		}
		w = wcwidth((wchar_t)cp);
		if (w > 0)
			width += (size_t)w;
		i += len;
	}
	return width;
}
