/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-schema.h"
#include "cwmp-value.h"

/* expects @text to pass check_type for @type */
static void
cwmp_value_test_type_ok(CwmpType type, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_value_check_type(type, text, &error))
		g_error("type %d refused '%s': %s", type, text, error->message);
}

/* expects @text to fail check_type for @type with 9006 */
static void
cwmp_value_test_type_bad(CwmpType type, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	if (cwmp_value_check_type(type, text, &error))
		g_error("type %d accepted '%s'", type, text);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_TYPE);
}

static void
cwmp_value_test_validate_ok(const CwmpSchemaParam *param, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_value_validate(param, text, &error))
		g_error("'%s' refused: %s", text, error->message);
}

/* expects a fault @code and a message that contains @needle */
static void
cwmp_value_test_validate_bad(const CwmpSchemaParam *param,
			     const gchar	   *text,
			     gint		    code,
			     const gchar	   *needle)
{
	g_autoptr(GError) error = NULL;
	if (cwmp_value_validate(param, text, &error))
		g_error("'%s' accepted", text);
	g_assert_error(error, CWMP_FAULT, code);
	if (needle != NULL && strstr(error->message, needle) == NULL)
		g_error("message '%s' does not mention '%s'", error->message, needle);
}

static void
cwmp_value_test_int(void)
{
	gint32 value = 0;
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_value_parse_int("2147483647", &value, &error));
	g_assert_no_error(error);
	g_assert_cmpint(value, ==, G_MAXINT32);
	g_assert_true(cwmp_value_parse_int("-2147483648", &value, NULL));
	g_assert_cmpint(value, ==, G_MININT32);
	g_assert_true(cwmp_value_parse_int("+5", &value, NULL));
	g_assert_cmpint(value, ==, 5);
	g_assert_true(cwmp_value_parse_int(" 7 ", &value, NULL));
	g_assert_cmpint(value, ==, 7);
	g_assert_true(cwmp_value_parse_int("\t\r\n-0012\n", &value, NULL));
	g_assert_cmpint(value, ==, -12);
	g_assert_true(cwmp_value_parse_int("-0", &value, NULL));
	g_assert_cmpint(value, ==, 0);
	g_assert_true(cwmp_value_parse_int("000000000000000000000000001", &value, NULL));
	g_assert_cmpint(value, ==, 1);

	g_assert_false(cwmp_value_parse_int("2147483648", &value, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_TYPE);
	g_assert_nonnull(strstr(error->message, "2147483648"));
	g_assert_nonnull(strstr(error->message, "int"));
	g_clear_error(&error);

	cwmp_value_test_type_bad(CWMP_TYPE_INT, "-2147483649");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, " ");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "+");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "-");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "1e3");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "1.0");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "0x10");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "1 2");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "++1");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "+-1");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "\xc2\xa0"
						"1");
	cwmp_value_test_type_bad(CWMP_TYPE_INT, "99999999999999999999999999");

	{
		g_autofree gchar *min = cwmp_value_format_int(G_MININT32);
		g_autofree gchar *zero = cwmp_value_format_int(0);
		g_assert_cmpstr(min, ==, "-2147483648");
		g_assert_cmpstr(zero, ==, "0");
	}
}

static void
cwmp_value_test_unsigned_int(void)
{
	guint32 value = 0;

	g_assert_true(cwmp_value_parse_unsigned_int("4294967295", &value, NULL));
	g_assert_cmpuint(value, ==, G_MAXUINT32);
	g_assert_true(cwmp_value_parse_unsigned_int("+0", &value, NULL));
	g_assert_cmpuint(value, ==, 0);
	g_assert_true(cwmp_value_parse_unsigned_int("-0", &value, NULL));
	g_assert_cmpuint(value, ==, 0);
	g_assert_true(cwmp_value_parse_unsigned_int("-000", &value, NULL));
	g_assert_cmpuint(value, ==, 0);
	g_assert_true(cwmp_value_parse_unsigned_int("0042", &value, NULL));
	g_assert_cmpuint(value, ==, 42);

	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_INT, "4294967296");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_INT, "-1");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_INT, "-5");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_INT, "");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_INT, "1e3");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_INT, "12a");

	{
		g_autofree gchar *max = cwmp_value_format_unsigned_int(G_MAXUINT32);
		g_assert_cmpstr(max, ==, "4294967295");
	}
}

static void
cwmp_value_test_long(void)
{
	gint64 value = 0;

	g_assert_true(cwmp_value_parse_long("9223372036854775807", &value, NULL));
	g_assert_cmpint(value, ==, G_MAXINT64);
	g_assert_true(cwmp_value_parse_long("-9223372036854775808", &value, NULL));
	g_assert_cmpint(value, ==, G_MININT64);
	g_assert_true(cwmp_value_parse_long("-00009223372036854775808", &value, NULL));
	g_assert_cmpint(value, ==, G_MININT64);
	g_assert_true(cwmp_value_parse_long("+1", &value, NULL));
	g_assert_cmpint(value, ==, 1);

	cwmp_value_test_type_bad(CWMP_TYPE_LONG, "9223372036854775808");
	cwmp_value_test_type_bad(CWMP_TYPE_LONG, "-9223372036854775809");
	cwmp_value_test_type_bad(CWMP_TYPE_LONG, "");
	cwmp_value_test_type_bad(CWMP_TYPE_LONG, "1e3");

	{
		g_autofree gchar *min = cwmp_value_format_long(G_MININT64);
		g_autofree gchar *max = cwmp_value_format_long(G_MAXINT64);
		g_assert_cmpstr(min, ==, "-9223372036854775808");
		g_assert_cmpstr(max, ==, "9223372036854775807");
	}
}

static void
cwmp_value_test_unsigned_long(void)
{
	guint64 value = 0;

	g_assert_true(cwmp_value_parse_unsigned_long("18446744073709551615", &value, NULL));
	g_assert_cmpuint(value, ==, G_MAXUINT64);
	g_assert_true(cwmp_value_parse_unsigned_long(" +018446744073709551615 ", &value, NULL));
	g_assert_cmpuint(value, ==, G_MAXUINT64);

	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_LONG, "18446744073709551616");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_LONG, "18446744073709551620");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_LONG, "99999999999999999999");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_LONG, "-1");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_LONG, "");
	cwmp_value_test_type_bad(CWMP_TYPE_UNSIGNED_LONG, "1.5");

	{
		g_autofree gchar *max = cwmp_value_format_unsigned_long(G_MAXUINT64);
		g_assert_cmpstr(max, ==, "18446744073709551615");
	}
}

static void
cwmp_value_test_boolean(void)
{
	const gchar *bad[] = {"",   "True", "TRUE", "FALSE", "yes", "no",    "2",
			      "-1", "01",   "t",    "f",     "on",  "truee", "+1"};
	gboolean     value = FALSE;

	g_assert_true(cwmp_value_parse_boolean("true", &value, NULL));
	g_assert_true(value);
	g_assert_true(cwmp_value_parse_boolean("1", &value, NULL));
	g_assert_true(value);
	g_assert_true(cwmp_value_parse_boolean("false", &value, NULL));
	g_assert_false(value);
	g_assert_true(cwmp_value_parse_boolean("0", &value, NULL));
	g_assert_false(value);
	g_assert_true(cwmp_value_parse_boolean(" true\n", &value, NULL));
	g_assert_true(value);

	for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
		cwmp_value_test_type_bad(CWMP_TYPE_BOOLEAN, bad[i]);

	g_assert_cmpstr(cwmp_value_format_boolean(TRUE), ==, "true");
	g_assert_cmpstr(cwmp_value_format_boolean(FALSE), ==, "false");
}

static void
cwmp_value_test_date_time_roundtrip(const gchar *text, const gchar *expected)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GDateTime) dt = cwmp_value_parse_date_time(text, &error);
	g_autofree gchar *formatted = NULL;

	if (dt == NULL)
		g_error("'%s' refused: %s", text, error->message);
	formatted = cwmp_value_format_date_time(dt);
	g_assert_cmpstr(formatted, ==, expected);
}

static void
cwmp_value_test_date_time(void)
{
	const gchar *bad[] = {
	    "",
	    "2026-02-30T00:00:00Z",
	    "2025-02-29T00:00:00Z",
	    "2026-04-31T00:00:00Z",
	    "2026-13-01T00:00:00Z",
	    "2026-00-01T00:00:00Z",
	    "2026-01-00T00:00:00Z",
	    "2026-01-01T25:00:00Z",
	    "2026-01-01T24:00:00Z",
	    "2026-01-01T23:60:00Z",
	    "2026-01-01T23:59:60Z",
	    "2026-01-01 12:00:00Z",
	    "2026-01-0112:00:00Z",
	    "2026-01-01",
	    "2026-1-01T00:00:00Z",
	    "26-01-01T00:00:00Z",
	    "0000-01-01T00:00:00Z",
	    "2026-01-01T00:00:00.Z",
	    "2026-01-01T00:00:00z",
	    "2026-01-01T00:00:00+1:00",
	    "2026-01-01T00:00:00+01",
	    "2026-01-01T00:00:00+0100",
	    "2026-01-01T00:00:00+15:00",
	    "2026-01-01T00:00:00+14:01",
	    "2026-01-01T00:00:00+01:60",
	    "2026-01-01T00:00:00ZZ",
	    "2026-01-01T00:00:00Z junk",
	    "+2026-01-01T00:00:00Z",
	    "-2026-01-01T00:00:00Z",
	    "2026-01-01T00:00:0",
	    /* one hour before the first instant GDateTime can hold */
	    "0001-01-01T00:00:00+01:00",
	};
	g_autoptr(GDateTime) dt = NULL;
	g_autoptr(GDateTime) local = NULL;
	g_autoptr(GDateTime) offset = NULL;
	g_autoptr(GDateTime) frac = NULL;

	dt = cwmp_value_parse_date_time("2026-03-04T05:06:07Z", NULL);
	g_assert_nonnull(dt);
	g_assert_cmpint(g_date_time_get_year(dt), ==, 2026);
	g_assert_cmpint(g_date_time_get_month(dt), ==, 3);
	g_assert_cmpint(g_date_time_get_day_of_month(dt), ==, 4);
	g_assert_cmpint(g_date_time_get_hour(dt), ==, 5);
	g_assert_cmpint(g_date_time_get_minute(dt), ==, 6);
	g_assert_cmpint(g_date_time_get_second(dt), ==, 7);
	g_assert_cmpint(g_date_time_get_utc_offset(dt), ==, 0);

	/* no zone: relative or local time, returned as UTC */
	local = cwmp_value_parse_date_time("2026-03-04T05:06:07", NULL);
	g_assert_nonnull(local);
	g_assert_true(g_date_time_equal(local, dt));
	g_assert_cmpint(g_date_time_get_utc_offset(local), ==, 0);

	offset = cwmp_value_parse_date_time("2026-03-04T07:36:07+02:30", NULL);
	g_assert_nonnull(offset);
	g_assert_true(g_date_time_equal(offset, dt));
	g_assert_cmpint(g_date_time_get_utc_offset(offset), ==, 9000 * G_TIME_SPAN_SECOND);

	frac = cwmp_value_parse_date_time("2026-03-04T05:06:07.123456789Z", NULL);
	g_assert_nonnull(frac);
	g_assert_cmpint(g_date_time_get_microsecond(frac), ==, 123456);

	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07Z", "2026-03-04T05:06:07Z");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07", "2026-03-04T05:06:07Z");
	cwmp_value_test_date_time_roundtrip(" 2026-03-04T05:06:07.000Z\n", "2026-03-04T05:06:07Z");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07.5Z", "2026-03-04T05:06:07.5Z");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07.000120Z", "2026-03-04T05:06:07."
									   "00012Z");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07.1234567Z", "2026-03-04T05:06:07."
									    "123456Z");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07+02:30", "2026-03-04T05:06:07+02:"
									 "30");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07-05:00", "2026-03-04T05:06:07-05:"
									 "00");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07+00:00", "2026-03-04T05:06:07Z");
	cwmp_value_test_date_time_roundtrip("2026-03-04T05:06:07-14:00", "2026-03-04T05:06:07-14:"
									 "00");
	cwmp_value_test_date_time_roundtrip("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z");
	cwmp_value_test_date_time_roundtrip("2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z");
	cwmp_value_test_date_time_roundtrip("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z");
	/* TR-106 Unknown Time, and a relative time one second after it */
	cwmp_value_test_date_time_roundtrip("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z");
	cwmp_value_test_date_time_roundtrip("0001-01-01T00:00:01", "0001-01-01T00:00:01Z");

	for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
		cwmp_value_test_type_bad(CWMP_TYPE_DATE_TIME, bad[i]);
	g_assert_false(cwmp_value_parse_date_time("1900-02-29T00:00:00Z", NULL) != NULL);
}

static void
cwmp_value_test_date_time_format(void)
{
	g_autoptr(GTimeZone) tz = g_time_zone_new_offset(-(3 * 3600 + 30 * 60));
	g_autoptr(GDateTime) dt = g_date_time_new(tz, 2026, 7, 1, 12, 0, 30.25);
	g_autoptr(GDateTime) utc = g_date_time_new_utc(1, 1, 1, 0, 0, 0);
	g_autofree gchar *text = cwmp_value_format_date_time(dt);
	g_autofree gchar *unknown = cwmp_value_format_date_time(utc);

	g_assert_cmpstr(text, ==, "2026-07-01T12:00:30.25-03:30");
	g_assert_cmpstr(unknown, ==, "0001-01-01T00:00:00Z");
}

static void
cwmp_value_test_base64(void)
{
	const gchar *bad[] = {
	    "abc", "ab=c", "****", "YQ=", "Y===", "YQ==YQ==", "=YQ=", "YQ-_", "YQ==\x01", "a"};
	g_autoptr(GBytes) a = NULL;
	g_autoptr(GBytes) empty = NULL;
	g_autoptr(GBytes) spaced = NULL;
	g_autoptr(GBytes) raw = NULL;
	g_autofree gchar *encoded = NULL;
	g_autofree gchar *encoded_empty = NULL;
	g_autoptr(GError) error = NULL;

	a = cwmp_value_parse_base64("YQ==", &error);
	g_assert_no_error(error);
	g_assert_cmpmem(g_bytes_get_data(a, NULL), g_bytes_get_size(a), "a", 1);

	empty = cwmp_value_parse_base64("", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_bytes_get_size(empty), ==, 0);

	/* XML whitespace may appear anywhere */
	spaced = cwmp_value_parse_base64(" aGVs\nbG8g\r\n d29y bGQ= ", &error);
	g_assert_no_error(error);
	g_assert_cmpmem(g_bytes_get_data(spaced, NULL), g_bytes_get_size(spaced), "hello world",
			11);

	for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
		cwmp_value_test_type_bad(CWMP_TYPE_BASE64, bad[i]);

	raw = g_bytes_new_static("\x00\xff\x10hello", 8);
	encoded = cwmp_value_format_base64(raw);
	g_assert_cmpstr(encoded, ==, "AP8QaGVsbG8=");
	encoded_empty = cwmp_value_format_base64(empty);
	g_assert_cmpstr(encoded_empty, ==, "");
}

static void
cwmp_value_test_hex_binary(void)
{
	g_autoptr(GBytes) bytes = NULL;
	g_autoptr(GBytes) empty = NULL;
	g_autofree gchar *hex = NULL;
	g_autoptr(GError) error = NULL;

	bytes = cwmp_value_parse_hex_binary("00fFa5", &error);
	g_assert_no_error(error);
	g_assert_cmpmem(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes), "\x00\xff\xa5", 3);
	hex = cwmp_value_format_hex_binary(bytes);
	g_assert_cmpstr(hex, ==, "00FFA5");

	empty = cwmp_value_parse_hex_binary("", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_bytes_get_size(empty), ==, 0);

	cwmp_value_test_type_bad(CWMP_TYPE_HEX_BINARY, "abc");
	cwmp_value_test_type_bad(CWMP_TYPE_HEX_BINARY, "0g");
	cwmp_value_test_type_bad(CWMP_TYPE_HEX_BINARY, "0x00");
	cwmp_value_test_type_bad(CWMP_TYPE_HEX_BINARY, "00 11");
	cwmp_value_test_type_ok(CWMP_TYPE_HEX_BINARY, " 0011 ");
}

static void
cwmp_value_test_decimal(void)
{
	const gchar *good[] = {"0", "-0", "+1.5", "1.", ".5", "-.5", "007.2500", " 3.14 "};
	const gchar *bad[] = {"",      ".",   "-",   "+.",  "1e3", "1E3",
			      "1.2.3", "0x1", "inf", "nan", "1,5", "- 1"};
	gdouble	     value = 0;
	g_autoptr(GString) huge = g_string_new("1");
	CwmpSchemaParam param = {.type = CWMP_TYPE_DECIMAL};
	struct {
		const gchar *in;
		const gchar *out;
	} canonical[] = {
	    {"+001.2500", "1.25"}, {"-0.0", "0"},	  {"-000", "0"},  {".5", "0.5"},
	    {"5.", "5"},	   {"-12.010", "-12.01"}, {" 42 ", "42"}, {"100", "100"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(good); i++)
		cwmp_value_test_type_ok(CWMP_TYPE_DECIMAL, good[i]);
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
		cwmp_value_test_type_bad(CWMP_TYPE_DECIMAL, bad[i]);

	g_assert_true(cwmp_value_parse_decimal("-12.5", &value, NULL));
	g_assert_cmpfloat(value, ==, -12.5);

	/* too large for a double */
	while (huge->len < 400)
		g_string_append_c(huge, '9');
	cwmp_value_test_type_bad(CWMP_TYPE_DECIMAL, huge->str);

	for (guint i = 0; i < G_N_ELEMENTS(canonical); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *out = cwmp_value_normalize(&param, canonical[i].in, &error);
		g_assert_no_error(error);
		g_assert_cmpstr(out, ==, canonical[i].out);
	}
}

static void
cwmp_value_test_string(void)
{
	cwmp_value_test_type_ok(CWMP_TYPE_STRING, "");
	cwmp_value_test_type_ok(CWMP_TYPE_STRING, "  any text, even 1e3  ");
	cwmp_value_test_type_ok(CWMP_TYPE_STRING, "\xe2\x82\xac");
	cwmp_value_test_type_bad(CWMP_TYPE_STRING, "\xff");
	cwmp_value_test_type_bad(CWMP_TYPE_STRING, "ab\xe2\x82");
}

static void
cwmp_value_test_check_type_none(void)
{
	g_autoptr(GError) error = NULL;

	g_assert_false(cwmp_value_check_type(CWMP_TYPE_NONE, "1", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
}

static void
cwmp_value_test_message_truncated(void)
{
	g_autofree gchar *text = g_strnfill(1000, 'z');
	g_autoptr(GError) error = NULL;

	g_assert_false(cwmp_value_check_type(CWMP_TYPE_UNSIGNED_INT, text, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_TYPE);
	g_assert_cmpuint(strlen(error->message), <, 150);
	g_assert_nonnull(strstr(error->message, "..."));
	g_assert_nonnull(strstr(error->message, "unsignedInt"));
	g_clear_error(&error);

	/* control characters and bad UTF-8 are escaped */
	g_assert_false(cwmp_value_check_type(CWMP_TYPE_INT, "1\x01\xff", &error));
	g_assert_nonnull(strstr(error->message, "\\x01\\xFF"));
}

static void
cwmp_value_test_string_size(void)
{
	CwmpSchemaParam param = {
	    .type = CWMP_TYPE_STRING,
	    .min_length = 2,
	    .max_length = 4,
	};

	cwmp_value_test_validate_ok(&param, "ab");
	cwmp_value_test_validate_ok(&param, "abcd");
	/* four characters, twelve bytes */
	cwmp_value_test_validate_ok(&param, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
	cwmp_value_test_validate_bad(&param, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac!",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, "maximum size 4");
	cwmp_value_test_validate_bad(&param, "a", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "minimum size 2");
	cwmp_value_test_validate_bad(&param, "", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	/* invalid UTF-8 is not a string at all */
	cwmp_value_test_validate_bad(&param, "a\xff", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
}

static void
cwmp_value_test_binary_size(void)
{
	CwmpSchemaParam b64 = {
	    .type = CWMP_TYPE_BASE64,
	    .max_length = 2,
	};
	CwmpSchemaParam hex = {
	    .type = CWMP_TYPE_HEX_BINARY,
	    .min_length = 1,
	    .max_length = 2,
	};

	/* 2 bytes encode in 4 characters */
	cwmp_value_test_validate_ok(&b64, "YWI=");
	cwmp_value_test_validate_ok(&b64, "");
	cwmp_value_test_validate_bad(&b64, "YWJj", CWMP_FAULT_INVALID_PARAMETER_VALUE, "bytes");
	cwmp_value_test_validate_bad(&b64, "YWJ", CWMP_FAULT_INVALID_PARAMETER_TYPE, "base64");

	cwmp_value_test_validate_ok(&hex, "ab");
	cwmp_value_test_validate_ok(&hex, "ABCD");
	cwmp_value_test_validate_bad(&hex, "", CWMP_FAULT_INVALID_PARAMETER_VALUE, "bytes");
	cwmp_value_test_validate_bad(&hex, "abcdef", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&hex, "abc", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
}

static void
cwmp_value_test_ranges(void)
{
	/* [-10:-5] or [0:100 step 5] or [1000:] */
	const CwmpSchemaRange ranges[] = {
	    {.min = -10, .max = -5, .has_min = 1, .has_max = 1},
	    {.min = 0, .max = 100, .step = 5, .has_min = 1, .has_max = 1},
	    {.min = 1000, .has_min = 1},
	};
	CwmpSchemaParam param = {
	    .type = CWMP_TYPE_INT,
	    .ranges = ranges,
	    .n_ranges = G_N_ELEMENTS(ranges),
	};
	const gchar *good[] = {"-10", "-7", "-5", "0", "5", "+100", "1000", "2147483647", "0095"};
	const gchar *bad[] = {"-11", "-4",  "-1",  "1",	  "4",
			      "99",  "101", "105", "999", "-2147483648"};

	for (guint i = 0; i < G_N_ELEMENTS(good); i++)
		cwmp_value_test_validate_ok(&param, good[i]);
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
		cwmp_value_test_validate_bad(&param, bad[i], CWMP_FAULT_INVALID_PARAMETER_VALUE,
					     "range");
	/* the message lists every range */
	cwmp_value_test_validate_bad(&param, "7", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "[-10:-5], [0:100 step 5], [1000:]");
	/* not an int at all: 9006, not 9007 */
	cwmp_value_test_validate_bad(&param, "7.5", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
	cwmp_value_test_validate_bad(&param, "2147483648", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
}

static void
cwmp_value_test_ranges_step_no_min(void)
{
	const CwmpSchemaRange range = {.max = 40, .step = 10, .has_max = 1};
	CwmpSchemaParam	      param = {
		  .type = CWMP_TYPE_LONG,
		  .ranges = &range,
		  .n_ranges = 1,
	      };

	cwmp_value_test_validate_ok(&param, "-9223372036854775800");
	cwmp_value_test_validate_ok(&param, "-20");
	cwmp_value_test_validate_ok(&param, "40");
	cwmp_value_test_validate_bad(&param, "-9223372036854775808",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, "step 10");
	cwmp_value_test_validate_bad(&param, "25", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&param, "50", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
}

static void
cwmp_value_test_ranges_unsigned(void)
{
	const CwmpSchemaRange ranges[] = {
	    {.umin = 64, .umax = 65535, .has_min = 1, .has_max = 1},
	    {.umin = 18446744073709551614ULL, .has_min = 1},
	};
	CwmpSchemaParam uint = {
	    .type = CWMP_TYPE_UNSIGNED_INT,
	    .ranges = ranges,
	    .n_ranges = 1,
	};
	CwmpSchemaParam ulong = {
	    .type = CWMP_TYPE_UNSIGNED_LONG,
	    .ranges = ranges,
	    .n_ranges = 2,
	};
	const CwmpSchemaRange decimal_range = {
	    .dmin = -1.5, .dmax = 2.25, .has_min = 1, .has_max = 1};
	CwmpSchemaParam decimal = {
	    .type = CWMP_TYPE_DECIMAL,
	    .ranges = &decimal_range,
	    .n_ranges = 1,
	};

	cwmp_value_test_validate_ok(&uint, "64");
	cwmp_value_test_validate_ok(&uint, "65535");
	cwmp_value_test_validate_bad(&uint, "63", CWMP_FAULT_INVALID_PARAMETER_VALUE, "[64:65535]");
	cwmp_value_test_validate_bad(&uint, "65536", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&uint, "-1", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);

	cwmp_value_test_validate_ok(&ulong, "18446744073709551615");
	cwmp_value_test_validate_ok(&ulong, "18446744073709551614");
	cwmp_value_test_validate_bad(&ulong, "18446744073709551613",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&ulong, "18446744073709551616",
				     CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);

	cwmp_value_test_validate_ok(&decimal, "-1.5");
	cwmp_value_test_validate_ok(&decimal, "2.25");
	cwmp_value_test_validate_ok(&decimal, "0");
	cwmp_value_test_validate_bad(&decimal, "2.26", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&decimal, "-1.51", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&decimal, "1e0", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
}

static void
cwmp_value_test_enumerations(void)
{
	const gchar *const states[] = {"Up", "Down", "Unknown", "Dormant", NULL};
	const gchar *const numbers[] = {"1", "5", "10", NULL};
	CwmpSchemaParam	   param = {
	       .type = CWMP_TYPE_STRING,
	       .enumerations = states,
	   };
	CwmpSchemaParam numeric = {
	    .type = CWMP_TYPE_UNSIGNED_INT,
	    .enumerations = numbers,
	};

	cwmp_value_test_validate_ok(&param, "Up");
	cwmp_value_test_validate_ok(&param, "Dormant");
	cwmp_value_test_validate_bad(&param, "up", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "Up, Down, Unknown, Dormant");
	cwmp_value_test_validate_bad(&param, " Up", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&param, "", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);

	/* numbers compare by value */
	cwmp_value_test_validate_ok(&numeric, "5");
	cwmp_value_test_validate_ok(&numeric, "+010");
	cwmp_value_test_validate_bad(&numeric, "2", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&numeric, "x", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
}

static void
cwmp_value_test_patterns(void)
{
	/* MACAddress-like, empty allowed */
	const gchar *const patterns[] = {
	    "^(?:)$",
	    "^(?:([0-9A-Fa-f][0-9A-Fa-f]:){5}([0-9A-Fa-f][0-9A-Fa-f]))$",
	    NULL,
	};
	const gchar *const one[] = {"^(?:[a-z]+)$", NULL};
	const gchar *const broken[] = {"^(?:[a-z)$", NULL};
	CwmpSchemaParam	   param = {
	       .type = CWMP_TYPE_STRING,
	       .patterns = patterns,
	   };
	CwmpSchemaParam single = {
	    .type = CWMP_TYPE_STRING,
	    .patterns = one,
	};
	CwmpSchemaParam bad_schema = {
	    .type = CWMP_TYPE_STRING,
	    .patterns = broken,
	};

	cwmp_value_test_validate_ok(&param, "");
	cwmp_value_test_validate_ok(&param, "00:1a:2B:3c:4D:5e");
	cwmp_value_test_validate_bad(&param, "00:1a:2B:3c:4D", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "pattern");
	cwmp_value_test_validate_bad(
	    &param, "00:1a:2B:3c:4D:5e:", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	/* "$" must not match before a final newline */
	cwmp_value_test_validate_bad(&param, "00:1a:2B:3c:4D:5e\n",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);

	cwmp_value_test_validate_ok(&single, "abc");
	cwmp_value_test_validate_bad(&single, "abc1", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "^(?:[a-z]+)$");

	cwmp_value_test_validate_bad(&bad_schema, "abc", CWMP_FAULT_INTERNAL_ERROR, NULL);
}

static void
cwmp_value_test_lists(void)
{
	const CwmpSchemaRange range = {.umin = 1, .umax = 100, .has_min = 1, .has_max = 1};
	CwmpSchemaParam	      ports = {
		  .type = CWMP_TYPE_UNSIGNED_INT,
		  .flags = CWMP_SCHEMA_PARAM_FLAG_LIST,
		  .ranges = &range,
		  .n_ranges = 1,
		  .list_max_items = 3,
		  .list_max_length = 20,
	      };
	CwmpSchemaParam names = {
	    .type = CWMP_TYPE_STRING,
	    .flags = CWMP_SCHEMA_PARAM_FLAG_LIST,
	    .max_length = 3,
	    .list_min_items = 1,
	};
	CwmpSchemaParam servers = {
	    .type = CWMP_TYPE_STRING,
	    .data_type = "IPAddress",
	    .flags = CWMP_SCHEMA_PARAM_FLAG_LIST,
	    .max_length = 45,
	};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *normalized = NULL;
	g_autofree gchar *unchanged = NULL;

	cwmp_value_test_validate_ok(&ports, "");
	cwmp_value_test_validate_ok(&ports, "1");
	cwmp_value_test_validate_ok(&ports, "1,2,100");
	cwmp_value_test_validate_ok(&ports, " 1 , 2 ,\t100 ");
	cwmp_value_test_validate_bad(&ports, "1,2,3,4", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "more than the maximum 3");
	cwmp_value_test_validate_bad(&ports, "1,101", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "list item 2: ");
	/* a bad item makes the list value invalid, not of another type */
	cwmp_value_test_validate_bad(&ports, "1,x", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "unsignedInt");
	cwmp_value_test_validate_bad(&ports, "1,,2", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&ports, "1,", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(&ports, "0000001,0000002,0000003",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, "maximum list size 20");

	normalized = cwmp_value_normalize(&ports, " 01 ,+2,  100", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(normalized, ==, "1,2,100");

	cwmp_value_test_validate_ok(&names, "a");
	cwmp_value_test_validate_ok(&names, "abc, d ,\xc3\xa9\xc3\xa9\xc3\xa9");
	cwmp_value_test_validate_bad(&names, "", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "fewer than the minimum 1");
	cwmp_value_test_validate_bad(&names, "abcd", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "list item 1: ");
	unchanged = cwmp_value_normalize(&names, "abc, d", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(unchanged, ==, "abc, d");

	cwmp_value_test_validate_ok(&servers, "192.168.1.1, 2001:db8::1");
	cwmp_value_test_validate_bad(&servers, "192.168.1.1,192.168.1.256",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, "IPAddress");
}

static void
cwmp_value_test_type_vs_value(void)
{
	const CwmpSchemaRange range = {.min = 0, .max = 10, .has_min = 1, .has_max = 1};
	CwmpSchemaParam	      param = {
		  .type = CWMP_TYPE_INT,
		  .ranges = &range,
		  .n_ranges = 1,
	      };
	CwmpSchemaParam boolean = {.type = CWMP_TYPE_BOOLEAN};

	cwmp_value_test_validate_bad(&param, "eleven", CWMP_FAULT_INVALID_PARAMETER_TYPE, "int");
	cwmp_value_test_validate_bad(&param, "11", CWMP_FAULT_INVALID_PARAMETER_VALUE, "range");
	cwmp_value_test_validate_bad(&boolean, "yes", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
	cwmp_value_test_validate_ok(&boolean, "1");
}

static void
cwmp_value_test_named_ok(const gchar *data_type, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_value_validate_named_type(data_type, text, &error))
		g_error("%s refused '%s': %s", data_type, text, error->message);
}

static void
cwmp_value_test_named_bad(const gchar *data_type, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	if (cwmp_value_validate_named_type(data_type, text, &error))
		g_error("%s accepted '%s'", data_type, text);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_assert_nonnull(strstr(error->message, data_type));
}

static void
cwmp_value_test_named_types(void)
{
	const struct {
		const gchar *type;
		const gchar *good;
		const gchar *bad;
	} cases[] = {
	    {"IPAddress", "", "1.2.3"},
	    {"IPAddress", "192.168.1.254", "256.1.1.1"},
	    {"IPAddress", "1080::800:ba98:3210:11aa:12dd", "1080:::1"},
	    {"IPAddress", "0:0:0:0:0:0:13.1.68.3", "fe80::1%eth0"},
	    {"IPAddress", "255.255.255.0", "host.example.com"},
	    {"IPv4Address", "", "::1"},
	    {"IPv4Address", "0.0.0.0", "01.2.3.4"},
	    {"IPv4Address", "255.255.255.255", "1.2.3.4.5"},
	    {"IPv4Address", "10.0.0.1", "1.2.3.4 "},
	    {"IPv4Address", "100.64.0.1", "1..3.4"},
	    {"IPv4Address", "1.2.3.4", "1.2.3.0004"},
	    {"IPv6Address", "", "1.2.3.4"},
	    {"IPv6Address", "::", "12345::"},
	    {"IPv6Address", "2001:DB8::1", "2001:db8::g"},
	    {"IPv6Address", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8:9"},
	    {"IPPrefix", "", "10.0.0.0"},
	    {"IPPrefix", "10.0.0.0/8", "10.0.0.0/33"},
	    {"IPPrefix", "2001:db8::/64", "2001:db8::/129"},
	    {"IPPrefix", "/64", "10.0.0.0/"},
	    {"IPPrefix", "192.168.1.1/32", "10.0.0.0/-1"},
	    {"IPv4Prefix", "192.168.1.0/24", "2001:db8::/64"},
	    {"IPv4Prefix", "/24", "/33"},
	    {"IPv4Prefix", "0.0.0.0/0", "1.2.3.4/1234"},
	    {"IPv6Prefix", "2001:db8::/64", "10.0.0.0/8"},
	    {"IPv6Prefix", "::/0", "::/129"},
	    {"IPv6Prefix", "/128", "2001:db8::"},
	    {"MACAddress", "", "00:11:22:33:44"},
	    {"MACAddress", "00:1a:2B:3c:4D:5e", "00-11-22-33-44-55"},
	    {"MACAddress", "FF:FF:FF:FF:FF:FF", "00:11:22:33:44:5g"},
	    {"MACAddress", "00:00:00:00:00:00", "00:11:22:33:44:55:"},
	    {"URL", "", "not a url"},
	    {"URL", "http://acs.example.com:7547/cwmp", "/relative/path"},
	    {"URL", "https://[2001:db8::1]/x?a=b", "http://exa mple.com/"},
	    {"URL", "urn:isbn:0451450523", "http://example.com/%zz"},
	    {"UUID", "123e4567-e89b-12d3-a456-426614174000", ""},
	    {"UUID", "123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000"},
	    {"UUID", "00000000-0000-0000-0000-000000000000",
	     "123e4567-e89b-12d3-a456-42661417400g"},
	    {"Alias", "cpe-1", ""},
	    {"Alias", "lan", "1lan"},
	    {"Alias", "a b", "-lan"},
	    {"Alias", "\xc3\xa9t\xc3\xa9", "cpe.1"},
	    {"Alias", "x", "cpe[1]"},
	    {"Alias", "Wan_2", "a,b"},
	};
	g_autofree gchar *alias64 = g_strnfill(64, 'a');
	g_autofree gchar *alias65 = g_strnfill(65, 'a');

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		cwmp_value_test_named_ok(cases[i].type, cases[i].good);
		cwmp_value_test_named_bad(cases[i].type, cases[i].bad);
	}
	cwmp_value_test_named_ok("Alias", alias64);
	cwmp_value_test_named_bad("Alias", alias65);

	/* names whose facets are all in the schema need nothing more */
	cwmp_value_test_named_ok("DiagnosticsState", "anything");
	cwmp_value_test_named_ok("NoSuchType", "anything");
	cwmp_value_test_named_ok(NULL, "anything");
}

static void
cwmp_value_test_named_in_validate(void)
{
	CwmpSchemaParam param = {
	    .type = CWMP_TYPE_STRING,
	    .data_type = "IPv4Address",
	    .max_length = 15,
	};

	cwmp_value_test_validate_ok(&param, "");
	cwmp_value_test_validate_ok(&param, "192.168.0.1");
	cwmp_value_test_validate_bad(&param, "192.168.0.256", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "IPv4Address");
	cwmp_value_test_validate_bad(&param, "1234.1234.1234.1234",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, "maximum size 15");
}

static void
cwmp_value_test_normalize(void)
{
	const struct {
		CwmpType     type;
		const gchar *in;
		const gchar *out;
	} cases[] = {
	    {CWMP_TYPE_INT, " +0042 ", "42"},
	    {CWMP_TYPE_INT, "-0", "0"},
	    {CWMP_TYPE_INT, "-007", "-7"},
	    {CWMP_TYPE_UNSIGNED_INT, "-0", "0"},
	    {CWMP_TYPE_LONG, "-09223372036854775808", "-9223372036854775808"},
	    {CWMP_TYPE_UNSIGNED_LONG, "+18446744073709551615", "18446744073709551615"},
	    {CWMP_TYPE_BOOLEAN, "1", "true"},
	    {CWMP_TYPE_BOOLEAN, " 0 ", "false"},
	    {CWMP_TYPE_BOOLEAN, "true", "true"},
	    {CWMP_TYPE_HEX_BINARY, " 0aFf ", "0AFF"},
	    {CWMP_TYPE_BASE64, "YW\nI=", "YWI="},
	    {CWMP_TYPE_DECIMAL, "+01.50", "1.5"},
	    {CWMP_TYPE_DATE_TIME, " 2026-01-01T00:00:00.500+01:00 ",
	     "2026-01-01T00:00:00.500+01:00"},
	    {CWMP_TYPE_STRING, " text  ", " text  "},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		CwmpSchemaParam param = {.type = cases[i].type};
		g_autoptr(GError) error = NULL;
		g_autofree gchar *out = cwmp_value_normalize(&param, cases[i].in, &error);
		g_assert_no_error(error);
		g_assert_cmpstr(out, ==, cases[i].out);
	}

	{
		CwmpSchemaParam param = {.type = CWMP_TYPE_INT};
		g_autoptr(GError) error = NULL;
		g_autofree gchar *out = cwmp_value_normalize(&param, "x", &error);
		g_assert_null(out);
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_TYPE);
	}
}

static void
cwmp_value_test_defaults(void)
{
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_STRING), ==, "");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_INT), ==, "0");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_UNSIGNED_INT), ==, "0");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_LONG), ==, "0");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_UNSIGNED_LONG), ==, "0");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_BOOLEAN), ==, "false");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_DATE_TIME), ==, "0001-01-01T00:00:00Z");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_BASE64), ==, "");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_HEX_BINARY), ==, "");
	g_assert_cmpstr(cwmp_value_get_default(CWMP_TYPE_DECIMAL), ==, "0");
	g_assert_null(cwmp_value_get_default(CWMP_TYPE_NONE));

	/* every default is a value of its own type */
	for (guint type = CWMP_TYPE_STRING; type < CWMP_TYPE_LAST; type++)
		cwmp_value_test_type_ok((CwmpType) type, cwmp_value_get_default((CwmpType) type));
}

static const CwmpSchemaParam *
cwmp_value_test_lookup(const gchar *path)
{
	const CwmpSchemaParam *param = cwmp_schema_lookup_param(cwmp_schema_get_default(), path);
	if (param == NULL)
		g_error("no %s in the schema", path);
	return param;
}

static void
cwmp_value_test_schema(void)
{
	const CwmpSchemaParam *mtu = cwmp_value_test_lookup("Device.IP.Interface.1.MaxMTUSize");
	const CwmpSchemaParam *ipv4 = cwmp_value_test_lookup("Device.IP.Interface.1.IPv4Address.1."
							     "IPAddress");
	const CwmpSchemaParam *dns = cwmp_value_test_lookup("Device.DHCPv4.Server.Pool.1."
							    "DNSServers");
	const CwmpSchemaParam *state = cwmp_value_test_lookup("Device.IP.Diagnostics.IPPing."
							      "DiagnosticsState");
	const CwmpSchemaParam *alias = cwmp_value_test_lookup("Device.IP.Interface.1.Alias");
	const CwmpSchemaParam *url = cwmp_value_test_lookup("Device.ManagementServer.URL");
	const CwmpSchemaParam *mac = cwmp_value_test_lookup("Device.Ethernet.Interface.1."
							    "MACAddress");
	const CwmpSchemaParam *when = cwmp_value_test_lookup("Device.ManagementServer."
							     "PeriodicInformTime");
	const CwmpSchemaParam *prefix = cwmp_value_test_lookup("Device.IP.Interface.1.IPv6Prefix.1."
							       "Prefix");
	const CwmpSchemaParam *multiplier = cwmp_value_test_lookup("Device.ManagementServer."
								   "CWMPRetryIntervalMultiplier");
	g_autoptr(GError) error = NULL;
	g_autofree gchar *normalized = NULL;

	cwmp_value_test_validate_ok(mtu, "64");
	cwmp_value_test_validate_ok(mtu, "1500");
	cwmp_value_test_validate_ok(mtu, "65535");
	cwmp_value_test_validate_bad(mtu, "63", CWMP_FAULT_INVALID_PARAMETER_VALUE, "64:65535");
	cwmp_value_test_validate_bad(mtu, "65536", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);
	cwmp_value_test_validate_bad(mtu, "big", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);
	normalized = cwmp_value_normalize(mtu, " 01500", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(normalized, ==, "1500");

	cwmp_value_test_validate_ok(multiplier, "2000");
	cwmp_value_test_validate_bad(multiplier, "999", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);

	cwmp_value_test_validate_ok(ipv4, "");
	cwmp_value_test_validate_ok(ipv4, "192.168.1.1");
	cwmp_value_test_validate_bad(ipv4, "192.168.1.256", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     NULL);
	/* the schema pattern allows leading zeros, the named type does not */
	cwmp_value_test_validate_bad(ipv4, "192.168.001.1", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "IPv4Address");

	cwmp_value_test_validate_ok(dns, "");
	cwmp_value_test_validate_ok(dns, "8.8.8.8,1.1.1.1, 9.9.9.9 , 8.8.4.4");
	cwmp_value_test_validate_bad(dns, "1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5",
				     CWMP_FAULT_INVALID_PARAMETER_VALUE, "maximum 4");
	cwmp_value_test_validate_bad(dns, "8.8.8.8,::1", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "list item 2");

	cwmp_value_test_validate_ok(state, "Requested");
	cwmp_value_test_validate_bad(state, "Running", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "enumerated");

	cwmp_value_test_validate_ok(alias, "cpe-1");
	cwmp_value_test_validate_bad(alias, "1st", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "not a valid Alias: does not start with a letter");
	cwmp_value_test_validate_bad(alias, "", CWMP_FAULT_INVALID_PARAMETER_VALUE, NULL);

	cwmp_value_test_validate_ok(url, "https://acs.example.com/cwmp");
	cwmp_value_test_validate_bad(url, "acs.example.com", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "URL");

	cwmp_value_test_validate_ok(mac, "00:11:22:AA:bb:cc");
	cwmp_value_test_validate_bad(mac, "00:11:22:AA:bb", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     NULL);

	cwmp_value_test_validate_ok(when, "0001-01-01T00:00:00Z");
	cwmp_value_test_validate_ok(when, "2026-01-01T03:00:00");
	cwmp_value_test_validate_bad(when, "yesterday", CWMP_FAULT_INVALID_PARAMETER_TYPE, NULL);

	cwmp_value_test_validate_ok(prefix, "2001:db8::/64");
	cwmp_value_test_validate_bad(prefix, "2001:db8::/200", CWMP_FAULT_INVALID_PARAMETER_VALUE,
				     "IPv6Prefix");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/value/int", cwmp_value_test_int);
	g_test_add_func("/cwmp/value/unsigned-int", cwmp_value_test_unsigned_int);
	g_test_add_func("/cwmp/value/long", cwmp_value_test_long);
	g_test_add_func("/cwmp/value/unsigned-long", cwmp_value_test_unsigned_long);
	g_test_add_func("/cwmp/value/boolean", cwmp_value_test_boolean);
	g_test_add_func("/cwmp/value/date-time", cwmp_value_test_date_time);
	g_test_add_func("/cwmp/value/date-time-format", cwmp_value_test_date_time_format);
	g_test_add_func("/cwmp/value/base64", cwmp_value_test_base64);
	g_test_add_func("/cwmp/value/hex-binary", cwmp_value_test_hex_binary);
	g_test_add_func("/cwmp/value/decimal", cwmp_value_test_decimal);
	g_test_add_func("/cwmp/value/string", cwmp_value_test_string);
	g_test_add_func("/cwmp/value/check-type-none", cwmp_value_test_check_type_none);
	g_test_add_func("/cwmp/value/message-truncated", cwmp_value_test_message_truncated);
	g_test_add_func("/cwmp/value/string-size", cwmp_value_test_string_size);
	g_test_add_func("/cwmp/value/binary-size", cwmp_value_test_binary_size);
	g_test_add_func("/cwmp/value/ranges", cwmp_value_test_ranges);
	g_test_add_func("/cwmp/value/ranges-step-no-min", cwmp_value_test_ranges_step_no_min);
	g_test_add_func("/cwmp/value/ranges-unsigned", cwmp_value_test_ranges_unsigned);
	g_test_add_func("/cwmp/value/enumerations", cwmp_value_test_enumerations);
	g_test_add_func("/cwmp/value/patterns", cwmp_value_test_patterns);
	g_test_add_func("/cwmp/value/lists", cwmp_value_test_lists);
	g_test_add_func("/cwmp/value/type-vs-value", cwmp_value_test_type_vs_value);
	g_test_add_func("/cwmp/value/named-types", cwmp_value_test_named_types);
	g_test_add_func("/cwmp/value/named-in-validate", cwmp_value_test_named_in_validate);
	g_test_add_func("/cwmp/value/normalize", cwmp_value_test_normalize);
	g_test_add_func("/cwmp/value/defaults", cwmp_value_test_defaults);
	g_test_add_func("/cwmp/value/schema", cwmp_value_test_schema);
	return g_test_run();
}
