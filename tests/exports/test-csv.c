/* test-csv.c: tests for exports/csv.c. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

/* Write the fields of one row (NULL-terminated) and return the bytes. */
static char *
csv_row(const char *const *fields)
{
	struct export_csv	 w;
	char			*s = NULL, *cause = NULL;
	size_t			 len = 0;
	FILE			*f;

	f = open_memstream(&s, &len);
	cr_assert_not_null(f);
	export_csv_init(&w, f);
	for (; *fields != NULL; fields++)
		export_csv_field(&w, *fields);
	export_csv_end(&w);
	cr_assert_eq(export_csv_status(&w, &cause), 0);
	export_csv_clear(&w);
	fclose(f);
	return s;
}

struct cell_case {
	char	 in[48];
	char	 out[64];
};

ParameterizedTestParameters(csv, neutralises_formulas)
{
	static struct cell_case cases[] = {
		{ "=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"\r\n" },
		{ "-2+3", "\"'-2+3\"\r\n" },
		{ "@SUM(1)", "\"'@SUM(1)\"\r\n" },
		{ "+1+1", "\"'+1+1\"\r\n" },
		{ "\t=1", "\"'\t=1\"\r\n" },
		{ "\t5", "\"'\t5\"\r\n" },
		{ "\rx", "\"'\rx\"\r\n" },
		{ "=\"a\"", "\"'=\"\"a\"\"\"\r\n" },
		{ "-", "\"'-\"\r\n" },
		{ "+", "\"'+\"\r\n" },
		{ "-1e", "\"'-1e\"\r\n" },
		{ "-5", "\"-5\"\r\n" },
		{ "+3.2", "\"+3.2\"\r\n" },
		{ "-0.125", "\"-0.125\"\r\n" },
		{ "-.5", "\"-.5\"\r\n" },
		{ "-1e5", "\"-1e5\"\r\n" },
		{ "a=b", "\"a=b\"\r\n" },
		{ " =1", "\" =1\"\r\n" },
		{ "", "\"\"\r\n" },
		{ "caf\xc3\xa9", "\"caf\xc3\xa9\"\r\n" },
	};
	return cr_make_param_array(struct cell_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct cell_case *c, csv, neutralises_formulas)
{
	const char	*fields[] = { c->in, NULL };
	char		*s;

	s = csv_row(fields);
	cr_assert_str_eq(s, c->out);
	free(s);
}

struct number_case {
	char	 in[24];
	int	 number;
};

ParameterizedTestParameters(csv, knows_plain_numbers)
{
	static struct number_case cases[] = {
		{ "0", 1 }, { "-5", 1 }, { "+3.2", 1 }, { "3.", 1 },
		{ ".5", 1 }, { "1e10", 1 }, { "1E-3", 1 }, { "-2.5e+7", 1 },
		{ "", 0 }, { "-", 0 }, { ".", 0 }, { "-.", 0 }, { "1e", 0 },
		{ "1e+", 0 }, { "1.2.3", 0 }, { "--1", 0 }, { " 1", 0 },
		{ "1 ", 0 }, { "0x10", 0 }, { "inf", 0 }, { "-2+3", 0 },
		{ "1,5", 0 },
	};
	return cr_make_param_array(struct number_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct number_case *c, csv, knows_plain_numbers)
{
	cr_assert_eq(export_csv_is_number(c->in), c->number, "%s", c->in);
}

Test(csv, writes_rfc4180_rows)
{
	const char	*fields[] = { "a,b", "say \"hi\"", "two\nlines", "",
	    "x", NULL };
	char		*s;

	s = csv_row(fields);
	cr_assert_str_eq(s,
	    "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\",\"x\"\r\n");
	free(s);
}

Test(csv, writes_null_and_numbers)
{
	struct export_csv	 w;
	char			*s = NULL, *cause = NULL;
	size_t			 len = 0;
	FILE			*f;

	f = open_memstream(&s, &len);
	export_csv_init(&w, f);
	export_csv_field(&w, NULL);
	export_csv_field_u64(&w, 18446744073709551615ULL);
	export_csv_field_u64(&w, 0);
	export_csv_end(&w);
	export_csv_field(&w, "next");
	export_csv_end(&w);
	cr_assert_eq(export_csv_status(&w, &cause), 0);
	cr_assert_null(cause);
	export_csv_clear(&w);
	fclose(f);
	cr_assert_str_eq(s,
	    "\"\",\"18446744073709551615\",\"0\"\r\n\"next\"\r\n");
	free(s);
}

Test(csv, reports_write_errors)
{
	struct export_csv	 w;
	char			*cause = NULL;
	FILE			*f;
	int			 i;

	f = fopen("/dev/full", "w");
	cr_assert_not_null(f);
	export_csv_init(&w, f);
	for (i = 0; i < 10000; i++) {
		export_csv_field(&w, "some text to fill the stdio buffer");
		export_csv_end(&w);
	}
	cr_assert_eq(export_csv_status(&w, &cause), -1);
	cr_assert_str_eq(cause, "write error: No space left on device");
	free(cause);
	export_csv_clear(&w);
	fclose(f);
}

Test(csv, reports_a_failed_flush)
{
	struct export_csv	 w;
	char			*cause = NULL;
	FILE			*f;

	f = fopen("/dev/full", "w");
	cr_assert_not_null(f);
	export_csv_init(&w, f);
	export_csv_field(&w, "short");
	export_csv_end(&w);
	cr_assert_eq(w.error, 0);
	cr_assert_eq(export_csv_status(&w, &cause), -1);
	cr_assert_str_eq(cause, "write error: No space left on device");
	free(cause);
	export_csv_clear(&w);
	fclose(f);
}
