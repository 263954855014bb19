/* test-buf.c: tests for lib/buf.c and lib/xmalloc.c. */
#include <criterion/criterion.h>
#include <string.h>

#include "lib/lib.h"

Test(buf, grows_and_terminates)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_add_byte(&b, (unsigned char)('a' + i % 26));
	cr_assert_eq(b.len, 1000);
	cr_assert_eq(strlen(buf_str(&b)), 1000);
	cr_assert_eq(b.data[26], 'a');
	buf_printf(&b, "%d", 42);
	cr_assert_eq(b.len, 1002);
	cr_assert_str_eq(buf_str(&b) + 1000, "42");
	buf_clear(&b);
	cr_assert_null(b.data);
	cr_assert_eq(b.len, 0);
}

Test(buf, empty_is_an_empty_string)
{
	struct buf	b;

	buf_init(&b);
	cr_assert_str_eq(buf_str(&b), "");
	buf_add(&b, "x", 0);
	cr_assert_eq(b.len, 0);
	buf_clear(&b);
}

Test(xmalloc, duplicates_strings)
{
	char	*s;

	s = xstrndup("abcdef", 3);
	cr_assert_str_eq(s, "abc");
	wipe_free(s);
	s = xstrdup("");
	cr_assert_str_eq(s, "");
	wipe_free(s);
	wipe_free(NULL);
}
