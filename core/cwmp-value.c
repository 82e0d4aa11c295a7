/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-value.h"

/* longest part of a value quoted in an error message, in characters */
#define CWMP_VALUE_QUOTE_MAX 64

/* the largest number of enumeration values listed in an error message */
#define CWMP_VALUE_ENUM_LIST_MAX 8

/* xsd names, indexed by CwmpType; kept here so this file needs no schema */
static const gchar *const cwmp_value_type_names[] = {
    [CWMP_TYPE_NONE] = "none",	     [CWMP_TYPE_STRING] = "string",
    [CWMP_TYPE_INT] = "int",	     [CWMP_TYPE_UNSIGNED_INT] = "unsignedInt",
    [CWMP_TYPE_LONG] = "long",	     [CWMP_TYPE_UNSIGNED_LONG] = "unsignedLong",
    [CWMP_TYPE_BOOLEAN] = "boolean", [CWMP_TYPE_DATE_TIME] = "dateTime",
    [CWMP_TYPE_BASE64] = "base64",   [CWMP_TYPE_HEX_BINARY] = "hexBinary",
    [CWMP_TYPE_DECIMAL] = "decimal",
};

G_STATIC_ASSERT(G_N_ELEMENTS(cwmp_value_type_names) == CWMP_TYPE_LAST);

static const gchar *
cwmp_value_type_name(CwmpType type)
{
	if ((guint) type >= CWMP_TYPE_LAST)
		return "unknown";
	return cwmp_value_type_names[type];
}

static gboolean
cwmp_value_is_xml_space(gchar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* printable copy of @text for error messages: at most CWMP_VALUE_QUOTE_MAX
 * characters, control characters and invalid UTF-8 escaped */
static gchar *
cwmp_value_quote(const gchar *text, gssize len)
{
	GString	    *str = g_string_new(NULL);
	const gchar *p = text;
	const gchar *end = len < 0 ? text + strlen(text) : text + len;
	guint	     n = 0;

	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, end - p);

		if (n++ >= CWMP_VALUE_QUOTE_MAX) {
			g_string_append(str, "...");
			break;
		}
		if (c == (gunichar) -1 || c == (gunichar) -2) {
			g_string_append_printf(str, "\\x%02X", (guchar) *p);
			p++;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			g_string_append_printf(str, "\\x%02X", c);
		else
			g_string_append_unichar(str, c);
		p = g_utf8_next_char(p);
	}
	return g_string_free(str, FALSE);
}

/* the value without surrounding XML whitespace, as a pointer and length */
static const gchar *
cwmp_value_trim(const gchar *text, gsize *len)
{
	gsize n = strlen(text);

	while (n > 0 && cwmp_value_is_xml_space(text[0])) {
		text++;
		n--;
	}
	while (n > 0 && cwmp_value_is_xml_space(text[n - 1]))
		n--;
	*len = n;
	return text;
}

static void
cwmp_value_set_type_error(GError     **error,
			  CwmpType     type,
			  const gchar *text,
			  gsize	       len,
			  const gchar *reason)
{
	g_autofree gchar *quoted = cwmp_value_quote(text, (gssize) len);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_TYPE,
		    "'%s' is not a valid %s%s%s", quoted, cwmp_value_type_name(type),
		    reason != NULL ? ": " : "", reason != NULL ? reason : "");
}

/* xsd integer lexical form: optional sign, at least one digit, nothing else;
 * the magnitude may not exceed @max_pos, or @max_neg when negative */
static gboolean
cwmp_value_parse_integer(CwmpType     type,
			 const gchar *text,
			 guint64      max_pos,
			 guint64      max_neg,
			 gboolean    *negative,
			 guint64     *magnitude,
			 GError	    **error)
{
	gsize	     len;
	const gchar *p = cwmp_value_trim(text, &len);
	const gchar *end = p + len;
	gboolean     neg = FALSE;
	guint64	     value = 0;
	guint64	     limit;

	if (p < end && (*p == '+' || *p == '-')) {
		neg = *p == '-';
		p++;
	}
	if (p == end) {
		cwmp_value_set_type_error(error, type, text, strlen(text), "no digits");
		return FALSE;
	}
	limit = neg ? max_neg : max_pos;
	for (const gchar *q = p; q < end; q++) {
		guint digit;

		if (!g_ascii_isdigit(*q)) {
			cwmp_value_set_type_error(error, type, text, strlen(text), NULL);
			return FALSE;
		}
		digit = (guint) (*q - '0');
		if (digit > limit || value > (limit - digit) / 10) {
			cwmp_value_set_type_error(error, type, text, strlen(text), "out of range");
			return FALSE;
		}
		value = value * 10 + digit;
	}
	*negative = neg && value != 0;
	*magnitude = value;
	return TRUE;
}

/**
 * cwmp_value_parse_int:
 * @text: an xsd:int in its wire form
 * @out: (out) (optional): the value
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses a 32-bit signed integer: an optional sign, decimal digits (leading
 * zeros allowed), surrounding XML whitespace ignored.
 *
 * Returns: %TRUE on success, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_parse_int(const gchar *text, gint32 *out, GError **error)
{
	gboolean negative = FALSE;
	guint64	 magnitude = 0;

	g_return_val_if_fail(text != NULL, FALSE);
	if (!cwmp_value_parse_integer(CWMP_TYPE_INT, text, G_MAXINT32, (guint64) G_MAXINT32 + 1,
				      &negative, &magnitude, error))
		return FALSE;
	if (out != NULL)
		*out = negative ? (gint32) (-(gint64) magnitude) : (gint32) magnitude;
	return TRUE;
}

/**
 * cwmp_value_parse_unsigned_int:
 * @text: an xsd:unsignedInt in its wire form
 * @out: (out) (optional): the value
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses a 32-bit unsigned integer; a minus sign is only allowed on zero.
 *
 * Returns: %TRUE on success, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_parse_unsigned_int(const gchar *text, guint32 *out, GError **error)
{
	gboolean negative = FALSE;
	guint64	 magnitude = 0;

	g_return_val_if_fail(text != NULL, FALSE);
	if (!cwmp_value_parse_integer(CWMP_TYPE_UNSIGNED_INT, text, G_MAXUINT32, 0, &negative,
				      &magnitude, error))
		return FALSE;
	if (out != NULL)
		*out = (guint32) magnitude;
	return TRUE;
}

/**
 * cwmp_value_parse_long:
 * @text: an xsd:long in its wire form
 * @out: (out) (optional): the value
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses a 64-bit signed integer.
 *
 * Returns: %TRUE on success, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_parse_long(const gchar *text, gint64 *out, GError **error)
{
	gboolean negative = FALSE;
	guint64	 magnitude = 0;

	g_return_val_if_fail(text != NULL, FALSE);
	if (!cwmp_value_parse_integer(CWMP_TYPE_LONG, text, G_MAXINT64, (guint64) G_MAXINT64 + 1,
				      &negative, &magnitude, error))
		return FALSE;
	if (out != NULL) {
		if (!negative)
			*out = (gint64) magnitude;
		else if (magnitude == (guint64) G_MAXINT64 + 1)
			*out = G_MININT64;
		else
			*out = -(gint64) magnitude;
	}
	return TRUE;
}

/**
 * cwmp_value_parse_unsigned_long:
 * @text: an xsd:unsignedLong in its wire form
 * @out: (out) (optional): the value
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses a 64-bit unsigned integer, up to 18446744073709551615.
 *
 * Returns: %TRUE on success, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_parse_unsigned_long(const gchar *text, guint64 *out, GError **error)
{
	gboolean negative = FALSE;
	guint64	 magnitude = 0;

	g_return_val_if_fail(text != NULL, FALSE);
	if (!cwmp_value_parse_integer(CWMP_TYPE_UNSIGNED_LONG, text, G_MAXUINT64, 0, &negative,
				      &magnitude, error))
		return FALSE;
	if (out != NULL)
		*out = magnitude;
	return TRUE;
}

/**
 * cwmp_value_parse_boolean:
 * @text: an xsd:boolean in its wire form
 * @out: (out) (optional): the value
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses "true", "false", "1" or "0" (lower case only, as xsd says).
 *
 * Returns: %TRUE on success, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_parse_boolean(const gchar *text, gboolean *out, GError **error)
{
	gsize	     len;
	const gchar *p;
	gboolean     value;

	g_return_val_if_fail(text != NULL, FALSE);
	p = cwmp_value_trim(text, &len);
	if ((len == 4 && strncmp(p, "true", 4) == 0) || (len == 1 && p[0] == '1')) {
		value = TRUE;
	} else if ((len == 5 && strncmp(p, "false", 5) == 0) || (len == 1 && p[0] == '0')) {
		value = FALSE;
	} else {
		cwmp_value_set_type_error(error, CWMP_TYPE_BOOLEAN, text, strlen(text), NULL);
		return FALSE;
	}
	if (out != NULL)
		*out = value;
	return TRUE;
}

/* checks the xsd decimal lexical form (no exponent) of a trimmed value */
static gboolean
cwmp_value_decimal_is_valid(const gchar *p, gsize len)
{
	gsize i = 0;
	gsize n_digits = 0;

	if (i < len && (p[i] == '+' || p[i] == '-'))
		i++;
	for (; i < len && g_ascii_isdigit(p[i]); i++)
		n_digits++;
	if (i < len && p[i] == '.') {
		i++;
		for (; i < len && g_ascii_isdigit(p[i]); i++)
			n_digits++;
	}
	return i == len && n_digits > 0;
}

/**
 * cwmp_value_parse_decimal:
 * @text: an xsd:decimal in its wire form
 * @out: (out) (optional): the value
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses a decimal number: optional sign, digits, optional fraction, no
 * exponent. Values too large for a double are refused.
 *
 * Returns: %TRUE on success, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_parse_decimal(const gchar *text, gdouble *out, GError **error)
{
	gsize		  len;
	const gchar	 *p;
	g_autofree gchar *copy = NULL;
	gdouble		  value;

	g_return_val_if_fail(text != NULL, FALSE);
	p = cwmp_value_trim(text, &len);
	if (!cwmp_value_decimal_is_valid(p, len)) {
		cwmp_value_set_type_error(error, CWMP_TYPE_DECIMAL, text, strlen(text), NULL);
		return FALSE;
	}
	copy = g_strndup(p, len);
	value = g_ascii_strtod(copy, NULL);
	if (!isfinite(value)) {
		cwmp_value_set_type_error(error, CWMP_TYPE_DECIMAL, text, strlen(text),
					  "out of range");
		return FALSE;
	}
	if (out != NULL)
		*out = value;
	return TRUE;
}

/* canonical text of a valid trimmed decimal: no '+', no leading zeros, no
 * trailing fractional zeros, "0" for any zero */
static gchar *
cwmp_value_decimal_canonical(const gchar *p, gsize len)
{
	GString	    *str = g_string_new(NULL);
	gboolean     negative = FALSE;
	const gchar *end = p + len;
	const gchar *int_start;
	const gchar *int_end;
	const gchar *frac_start = NULL;
	const gchar *frac_end = NULL;

	if (p < end && (*p == '+' || *p == '-')) {
		negative = *p == '-';
		p++;
	}
	int_start = p;
	while (p < end && g_ascii_isdigit(*p))
		p++;
	int_end = p;
	if (p < end && *p == '.') {
		frac_start = ++p;
		frac_end = end;
		while (frac_end > frac_start && frac_end[-1] == '0')
			frac_end--;
	}
	while (int_start < int_end && *int_start == '0')
		int_start++;
	if (int_start == int_end && (frac_start == NULL || frac_start == frac_end))
		negative = FALSE;
	if (negative)
		g_string_append_c(str, '-');
	if (int_start == int_end)
		g_string_append_c(str, '0');
	else
		g_string_append_len(str, int_start, int_end - int_start);
	if (frac_start != NULL && frac_start < frac_end) {
		g_string_append_c(str, '.');
		g_string_append_len(str, frac_start, frac_end - frac_start);
	}
	return g_string_free(str, FALSE);
}

/* reads exactly @n digits at @p */
static gboolean
cwmp_value_read_digits(const gchar *p, const gchar *end, guint n, gint *out)
{
	gint value = 0;

	if (end - p < (gssize) n)
		return FALSE;
	for (guint i = 0; i < n; i++) {
		if (!g_ascii_isdigit(p[i]))
			return FALSE;
		value = value * 10 + (p[i] - '0');
	}
	*out = value;
	return TRUE;
}

/**
 * cwmp_value_parse_date_time:
 * @text: an xsd:dateTime in its wire form
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses "YYYY-MM-DDThh:mm:ss" with optional fractional seconds (kept to
 * the microsecond) and an optional zone ("Z", "+hh:mm" or "-hh:mm"). A value
 * without a zone is a TR-106 relative or local time and is returned in UTC;
 * "0001-01-01T00:00:00Z" is TR-106's Unknown Time. Calendar dates are
 * checked; the hour 24 is refused.
 *
 * Returns: (transfer full): the time, or %NULL with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
GDateTime *
cwmp_value_parse_date_time(const gchar *text, GError **error)
{
	static const gint days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	gsize		  len;
	const gchar	 *p;
	const gchar	 *end;
	gint		  year, month, day, hour, minute, second;
	gint		  usec = 0;
	gint		  max_day;
	g_autoptr(GTimeZone) tz = NULL;
	g_autoptr(GDateTime) dt = NULL;

	g_return_val_if_fail(text != NULL, NULL);
	p = cwmp_value_trim(text, &len);
	end = p + len;

	if (!cwmp_value_read_digits(p, end, 4, &year) || end - p < 19 || p[4] != '-' ||
	    !cwmp_value_read_digits(p + 5, end, 2, &month) || p[7] != '-' ||
	    !cwmp_value_read_digits(p + 8, end, 2, &day) || p[10] != 'T' ||
	    !cwmp_value_read_digits(p + 11, end, 2, &hour) || p[13] != ':' ||
	    !cwmp_value_read_digits(p + 14, end, 2, &minute) || p[16] != ':' ||
	    !cwmp_value_read_digits(p + 17, end, 2, &second)) {
		cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
					  "expected YYYY-MM-DDThh:mm:ss");
		return NULL;
	}
	p += 19;

	if (year < 1 || month < 1 || month > 12) {
		cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
					  "no such year or month");
		return NULL;
	}
	max_day = days_in_month[month - 1];
	if (month == 2 && g_date_is_leap_year((GDateYear) year))
		max_day = 29;
	if (day < 1 || day > max_day) {
		cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
					  "no such day in that month");
		return NULL;
	}
	if (hour > 23 || minute > 59 || second > 59) {
		cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
					  "no such time of day");
		return NULL;
	}

	/* fractional seconds: any number of digits, keep microseconds */
	if (p < end && *p == '.') {
		guint n = 0;
		p++;
		while (p < end && g_ascii_isdigit(*p)) {
			if (n < 6)
				usec = usec * 10 + (*p - '0');
			n++;
			p++;
		}
		if (n == 0) {
			cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
						  "no digits after the decimal point");
			return NULL;
		}
		for (; n < 6; n++)
			usec *= 10;
	}

	if (p == end) {
		tz = g_time_zone_new_utc();
	} else if (*p == 'Z' && p + 1 == end) {
		tz = g_time_zone_new_utc();
	} else if ((*p == '+' || *p == '-') && end - p == 6 && p[3] == ':') {
		gint tz_hour, tz_minute;
		gint sign = *p == '-' ? -1 : 1;
		if (!cwmp_value_read_digits(p + 1, end, 2, &tz_hour) ||
		    !cwmp_value_read_digits(p + 4, end, 2, &tz_minute) || tz_minute > 59 ||
		    tz_hour > 14 || (tz_hour == 14 && tz_minute != 0)) {
			cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
						  "invalid time zone offset");
			return NULL;
		}
		tz = g_time_zone_new_offset(sign * (tz_hour * 3600 + tz_minute * 60));
	} else {
		cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
					  "unexpected text after the time");
		return NULL;
	}

	dt = g_date_time_new(tz, year, month, day, hour, minute, second);
	if (dt == NULL) {
		cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
					  "out of range");
		return NULL;
	}
	if (usec != 0) {
		GDateTime *with_usec = g_date_time_add(dt, usec);
		if (with_usec == NULL) {
			cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
						  "out of range");
			return NULL;
		}
		g_date_time_unref(dt);
		dt = with_usec;
	}

	/* the instant itself must be representable, or callers converting to
	 * UTC get NULL */
	{
		g_autoptr(GDateTime) utc = g_date_time_to_utc(dt);
		if (utc == NULL) {
			cwmp_value_set_type_error(error, CWMP_TYPE_DATE_TIME, text, strlen(text),
						  "out of range");
			return NULL;
		}
	}
	return g_steal_pointer(&dt);
}

/* checks the strict base64 form; @clean is the text without XML whitespace */
static gboolean
cwmp_value_base64_is_valid(const gchar *clean, gsize len, const gchar **reason)
{
	gsize n_pad = 0;

	if (len % 4 != 0) {
		*reason = "length is not a multiple of 4";
		return FALSE;
	}
	for (gsize i = 0; i < len; i++) {
		gchar c = clean[i];
		if (c == '=') {
			n_pad++;
			continue;
		}
		if (n_pad > 0) {
			*reason = "'=' padding before the end";
			return FALSE;
		}
		if (!g_ascii_isalnum(c) && c != '+' && c != '/') {
			*reason = "character outside the base64 alphabet";
			return FALSE;
		}
	}
	if (n_pad > 2) {
		*reason = "more than two '=' padding characters";
		return FALSE;
	}
	return TRUE;
}

/* @text without any XML whitespace */
static gchar *
cwmp_value_strip_space(const gchar *text)
{
	GString *str = g_string_sized_new(strlen(text));

	for (const gchar *p = text; *p != '\0'; p++) {
		if (!cwmp_value_is_xml_space(*p))
			g_string_append_c(str, *p);
	}
	return g_string_free(str, FALSE);
}

/**
 * cwmp_value_parse_base64:
 * @text: an xsd:base64Binary in its wire form
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Decodes base64 strictly: after removing XML whitespace the length must be
 * a multiple of 4, with only the base64 alphabet and at most two '=' at the
 * end. The empty string decodes to zero bytes.
 *
 * Returns: (transfer full): the bytes, or %NULL with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
GBytes *
cwmp_value_parse_base64(const gchar *text, GError **error)
{
	g_autofree gchar *clean = NULL;
	const gchar	 *reason = NULL;
	gsize		  clean_len;
	guchar		 *data;
	gsize		  data_len = 0;

	g_return_val_if_fail(text != NULL, NULL);
	clean = cwmp_value_strip_space(text);
	clean_len = strlen(clean);
	if (!cwmp_value_base64_is_valid(clean, clean_len, &reason)) {
		cwmp_value_set_type_error(error, CWMP_TYPE_BASE64, text, strlen(text), reason);
		return NULL;
	}
	if (clean_len == 0)
		return g_bytes_new(NULL, 0);
	data = g_base64_decode(clean, &data_len);
	return g_bytes_new_take(data, data_len);
}

/**
 * cwmp_value_parse_hex_binary:
 * @text: an xsd:hexBinary in its wire form
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Decodes an even number of hexadecimal digits, either case.
 *
 * Returns: (transfer full): the bytes, or %NULL with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
GBytes *
cwmp_value_parse_hex_binary(const gchar *text, GError **error)
{
	gsize		   len;
	const gchar	  *p;
	g_autofree guint8 *data = NULL;

	g_return_val_if_fail(text != NULL, NULL);
	p = cwmp_value_trim(text, &len);
	if (len % 2 != 0) {
		cwmp_value_set_type_error(error, CWMP_TYPE_HEX_BINARY, text, strlen(text),
					  "odd number of digits");
		return NULL;
	}
	data = g_malloc(len / 2 + 1);
	for (gsize i = 0; i < len; i += 2) {
		gint hi = g_ascii_xdigit_value(p[i]);
		gint lo = g_ascii_xdigit_value(p[i + 1]);
		if (hi < 0 || lo < 0) {
			cwmp_value_set_type_error(error, CWMP_TYPE_HEX_BINARY, text, strlen(text),
						  "not a hexadecimal digit");
			return NULL;
		}
		data[i / 2] = (guint8) (hi << 4 | lo);
	}
	return g_bytes_new_take(g_steal_pointer(&data), len / 2);
}

/**
 * cwmp_value_format_int:
 * @value: a value
 *
 * Returns: (transfer full): the canonical wire form of @value
 *
 * Since: 1.0
 */
gchar *
cwmp_value_format_int(gint32 value)
{
	return g_strdup_printf("%" G_GINT32_FORMAT, value);
}

/**
 * cwmp_value_format_unsigned_int:
 * @value: a value
 *
 * Returns: (transfer full): the canonical wire form of @value
 *
 * Since: 1.0
 */
gchar *
cwmp_value_format_unsigned_int(guint32 value)
{
	return g_strdup_printf("%" G_GUINT32_FORMAT, value);
}

/**
 * cwmp_value_format_long:
 * @value: a value
 *
 * Returns: (transfer full): the canonical wire form of @value
 *
 * Since: 1.0
 */
gchar *
cwmp_value_format_long(gint64 value)
{
	return g_strdup_printf("%" G_GINT64_FORMAT, value);
}

/**
 * cwmp_value_format_unsigned_long:
 * @value: a value
 *
 * Returns: (transfer full): the canonical wire form of @value
 *
 * Since: 1.0
 */
gchar *
cwmp_value_format_unsigned_long(guint64 value)
{
	return g_strdup_printf("%" G_GUINT64_FORMAT, value);
}

/**
 * cwmp_value_format_boolean:
 * @value: a value
 *
 * Returns: "true" or "false"
 *
 * Since: 1.0
 */
const gchar *
cwmp_value_format_boolean(gboolean value)
{
	return value ? "true" : "false";
}

/**
 * cwmp_value_format_date_time:
 * @value: a time
 *
 * Formats @value as "YYYY-MM-DDThh:mm:ss", then fractional seconds only when
 * they are not zero (trailing zeros trimmed), then "Z" for UTC or "+hh:mm"
 * for other offsets. An offset that is not a whole number of minutes is
 * converted to UTC first.
 *
 * Returns: (transfer full): the wire form of @value
 *
 * Since: 1.0
 */
gchar *
cwmp_value_format_date_time(GDateTime *value)
{
	g_autoptr(GDateTime) utc = NULL;
	GDateTime *dt = value;
	GString	  *str;
	GTimeSpan  offset;
	gint	   usec;

	g_return_val_if_fail(value != NULL, NULL);
	offset = g_date_time_get_utc_offset(value);
	if (offset % G_TIME_SPAN_MINUTE != 0) {
		utc = g_date_time_to_utc(value);
		dt = utc;
		offset = 0;
	}
	str = g_string_new(NULL);
	g_string_append_printf(str, "%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year(dt),
			       g_date_time_get_month(dt), g_date_time_get_day_of_month(dt),
			       g_date_time_get_hour(dt), g_date_time_get_minute(dt),
			       g_date_time_get_second(dt));
	usec = g_date_time_get_microsecond(dt);
	if (usec != 0) {
		gchar frac[8];
		gint  n = 6;
		g_snprintf(frac, sizeof(frac), "%06d", usec);
		while (n > 0 && frac[n - 1] == '0')
			frac[--n] = '\0';
		g_string_append_printf(str, ".%s", frac);
	}
	if (offset == 0) {
		g_string_append_c(str, 'Z');
	} else {
		gint64 minutes = (offset < 0 ? -offset : offset) / G_TIME_SPAN_MINUTE;
		g_string_append_printf(str, "%c%02d:%02d", offset < 0 ? '-' : '+',
				       (gint) (minutes / 60), (gint) (minutes % 60));
	}
	return g_string_free(str, FALSE);
}

/**
 * cwmp_value_format_base64:
 * @value: bytes
 *
 * Returns: (transfer full): the base64 wire form of @value, without line breaks
 *
 * Since: 1.0
 */
gchar *
cwmp_value_format_base64(GBytes *value)
{
	gsize	      len = 0;
	const guchar *data;

	g_return_val_if_fail(value != NULL, NULL);
	data = g_bytes_get_data(value, &len);
	if (len == 0)
		return g_strdup("");
	return g_base64_encode(data, len);
}

/**
 * cwmp_value_format_hex_binary:
 * @value: bytes
 *
 * Returns: (transfer full): the hexBinary wire form of @value, upper case
 *
 * Since: 1.0
 */
gchar *
cwmp_value_format_hex_binary(GBytes *value)
{
	static const gchar digits[] = "0123456789ABCDEF";
	gsize		   len = 0;
	const guint8	  *data;
	gchar		  *str;

	g_return_val_if_fail(value != NULL, NULL);
	data = g_bytes_get_data(value, &len);
	str = g_malloc(len * 2 + 1);
	for (gsize i = 0; i < len; i++) {
		str[i * 2] = digits[data[i] >> 4];
		str[i * 2 + 1] = digits[data[i] & 0x0f];
	}
	str[len * 2] = '\0';
	return str;
}

/**
 * cwmp_value_check_type:
 * @type: a base type
 * @text: a value in its wire form
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Checks that @text is a value of @type, without any facet. A string must
 * be valid UTF-8.
 *
 * Returns: %TRUE if it is, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_check_type(CwmpType type, const gchar *text, GError **error)
{
	g_return_val_if_fail(text != NULL, FALSE);

	switch (type) {
	case CWMP_TYPE_STRING:
		if (!g_utf8_validate(text, -1, NULL)) {
			cwmp_value_set_type_error(error, type, text, strlen(text),
						  "not valid UTF-8");
			return FALSE;
		}
		return TRUE;
	case CWMP_TYPE_INT:
		return cwmp_value_parse_int(text, NULL, error);
	case CWMP_TYPE_UNSIGNED_INT:
		return cwmp_value_parse_unsigned_int(text, NULL, error);
	case CWMP_TYPE_LONG:
		return cwmp_value_parse_long(text, NULL, error);
	case CWMP_TYPE_UNSIGNED_LONG:
		return cwmp_value_parse_unsigned_long(text, NULL, error);
	case CWMP_TYPE_BOOLEAN:
		return cwmp_value_parse_boolean(text, NULL, error);
	case CWMP_TYPE_DECIMAL:
		return cwmp_value_parse_decimal(text, NULL, error);
	case CWMP_TYPE_DATE_TIME: {
		g_autoptr(GDateTime) dt = cwmp_value_parse_date_time(text, error);
		return dt != NULL;
	}
	case CWMP_TYPE_BASE64: {
		g_autoptr(GBytes) bytes = cwmp_value_parse_base64(text, error);
		return bytes != NULL;
	}
	case CWMP_TYPE_HEX_BINARY: {
		g_autoptr(GBytes) bytes = cwmp_value_parse_hex_binary(text, error);
		return bytes != NULL;
	}
	case CWMP_TYPE_NONE:
	case CWMP_TYPE_LAST:
	default:
		break;
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
		    "no base type %d to check a value against", (gint) type);
	return FALSE;
}

/* canonical wire form of one value known to be of @type */
static gchar *
cwmp_value_canonical(CwmpType type, const gchar *text, GError **error)
{
	gsize	     len;
	const gchar *trimmed;

	switch (type) {
	case CWMP_TYPE_INT: {
		gint32 value;
		if (!cwmp_value_parse_int(text, &value, error))
			return NULL;
		return cwmp_value_format_int(value);
	}
	case CWMP_TYPE_UNSIGNED_INT: {
		guint32 value;
		if (!cwmp_value_parse_unsigned_int(text, &value, error))
			return NULL;
		return cwmp_value_format_unsigned_int(value);
	}
	case CWMP_TYPE_LONG: {
		gint64 value;
		if (!cwmp_value_parse_long(text, &value, error))
			return NULL;
		return cwmp_value_format_long(value);
	}
	case CWMP_TYPE_UNSIGNED_LONG: {
		guint64 value;
		if (!cwmp_value_parse_unsigned_long(text, &value, error))
			return NULL;
		return cwmp_value_format_unsigned_long(value);
	}
	case CWMP_TYPE_BOOLEAN: {
		gboolean value;
		if (!cwmp_value_parse_boolean(text, &value, error))
			return NULL;
		return g_strdup(cwmp_value_format_boolean(value));
	}
	case CWMP_TYPE_DECIMAL:
		if (!cwmp_value_parse_decimal(text, NULL, error))
			return NULL;
		trimmed = cwmp_value_trim(text, &len);
		return cwmp_value_decimal_canonical(trimmed, len);
	case CWMP_TYPE_DATE_TIME:
		if (!cwmp_value_check_type(type, text, error))
			return NULL;
		trimmed = cwmp_value_trim(text, &len);
		return g_strndup(trimmed, len);
	case CWMP_TYPE_BASE64:
		if (!cwmp_value_check_type(type, text, error))
			return NULL;
		return cwmp_value_strip_space(text);
	case CWMP_TYPE_HEX_BINARY:
		if (!cwmp_value_check_type(type, text, error))
			return NULL;
		trimmed = cwmp_value_trim(text, &len);
		return g_ascii_strup(trimmed, (gssize) len);
	case CWMP_TYPE_STRING:
	case CWMP_TYPE_NONE:
	case CWMP_TYPE_LAST:
	default:
		if (!cwmp_value_check_type(type, text, error))
			return NULL;
		return g_strdup(text);
	}
}

static gboolean
cwmp_value_is_ipv4(const gchar *text)
{
	const gchar *p = text;

	for (guint i = 0; i < 4; i++) {
		guint	     octet = 0;
		guint	     n_digits = 0;
		const gchar *start = p;

		while (g_ascii_isdigit(*p) && n_digits < 4) {
			octet = octet * 10 + (guint) (*p - '0');
			n_digits++;
			p++;
		}
		if (n_digits == 0 || n_digits > 3 || octet > 255)
			return FALSE;
		if (n_digits > 1 && start[0] == '0')
			return FALSE;
		if (i < 3) {
			if (*p != '.')
				return FALSE;
			p++;
		}
	}
	return *p == '\0';
}

static gboolean
cwmp_value_is_ipv6(const gchar *text)
{
	g_autoptr(GInetAddress) address = NULL;

	/* no zone identifiers, and inet_pton would accept nothing else anyway */
	if (strchr(text, ':') == NULL || strchr(text, '%') != NULL)
		return FALSE;
	address = g_inet_address_new_from_string(text);
	return address != NULL && g_inet_address_get_family(address) == G_SOCKET_FAMILY_IPV6;
}

/* "addr/len"; the address part may be empty as TR-181's IPPrefix allows */
static gboolean
cwmp_value_is_prefix(const gchar *text, gboolean allow_ipv4, gboolean allow_ipv6)
{
	const gchar	 *slash = strrchr(text, '/');
	g_autofree gchar *address = NULL;
	guint		  max_len;
	guint		  prefix_len = 0;
	gsize		  n_digits = 0;

	if (slash == NULL)
		return FALSE;
	for (const gchar *p = slash + 1; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p) || ++n_digits > 3)
			return FALSE;
		prefix_len = prefix_len * 10 + (guint) (*p - '0');
	}
	if (n_digits == 0)
		return FALSE;
	address = g_strndup(text, slash - text);
	if (address[0] == '\0')
		max_len = allow_ipv6 ? 128 : 32;
	else if (allow_ipv4 && cwmp_value_is_ipv4(address))
		max_len = 32;
	else if (allow_ipv6 && cwmp_value_is_ipv6(address))
		max_len = 128;
	else
		return FALSE;
	return prefix_len <= max_len;
}

static gboolean
cwmp_value_is_mac_address(const gchar *text)
{
	if (strlen(text) != 17)
		return FALSE;
	for (guint i = 0; i < 17; i++) {
		if (i % 3 == 2) {
			if (text[i] != ':')
				return FALSE;
		} else if (!g_ascii_isxdigit(text[i])) {
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
cwmp_value_is_uuid(const gchar *text)
{
	if (strlen(text) != 36)
		return FALSE;
	for (guint i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (text[i] != '-')
				return FALSE;
		} else if (!g_ascii_isxdigit(text[i])) {
			return FALSE;
		}
	}
	return TRUE;
}

/* an absolute URI as RFC 3986 writes it: GUri alone lets spaces through */
static gboolean
cwmp_value_is_url(const gchar *text)
{
	for (const gchar *p = text; *p != '\0'; p++) {
		if (g_ascii_isalnum(*p))
			continue;
		if (strchr("-._~:/?#[]@!$&'()*+,;=%", *p) == NULL)
			return FALSE;
	}
	return g_uri_is_valid(text, G_URI_FLAGS_NONE, NULL);
}

/* TR-181 Alias: not empty, starts with a letter, at most 64 characters, and
 * usable inside "[...]" of an alias-based path */
static gboolean
cwmp_value_is_alias(const gchar *text, const gchar **reason)
{
	if (text[0] == '\0') {
		*reason = "empty";
		return FALSE;
	}
	if (!g_utf8_validate(text, -1, NULL)) {
		*reason = "not valid UTF-8";
		return FALSE;
	}
	if (!g_unichar_isalpha(g_utf8_get_char(text))) {
		*reason = "does not start with a letter";
		return FALSE;
	}
	if (g_utf8_strlen(text, -1) > 64) {
		*reason = "longer than 64 characters";
		return FALSE;
	}
	for (const gchar *p = text; *p != '\0'; p++) {
		if (*p == '.' || *p == '[' || *p == ']' || *p == ',') {
			*reason = "contains '.', '[', ']' or ','";
			return FALSE;
		}
		if ((guchar) *p < 0x20 || *p == 0x7f) {
			*reason = "contains a control character";
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * cwmp_value_validate_named_type:
 * @data_type: (nullable): a TR-106 named data type, e.g. "IPv4Address"
 * @text: a value in its wire form
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Checks what the patterns of a named data type cannot say: IPAddress,
 * IPv4Address, IPv6Address, IPPrefix, IPv4Prefix, IPv6Prefix, MACAddress
 * and URL (all of which may be empty), Alias (TR-181 2.19 calls it
 * "_AliasCWMP") and UUID. Other names, and
 * %NULL, are accepted since their facets are in the schema.
 *
 * Returns: %TRUE if @text is valid, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_VALUE set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_validate_named_type(const gchar *data_type, const gchar *text, GError **error)
{
	const gchar *reason = NULL;
	gboolean     ok;

	g_return_val_if_fail(text != NULL, FALSE);

	if (data_type == NULL)
		return TRUE;
	if (g_strcmp0(data_type, "IPAddress") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_ipv4(text) || cwmp_value_is_ipv6(text);
	} else if (g_strcmp0(data_type, "IPv4Address") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_ipv4(text);
	} else if (g_strcmp0(data_type, "IPv6Address") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_ipv6(text);
	} else if (g_strcmp0(data_type, "IPPrefix") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_prefix(text, TRUE, TRUE);
	} else if (g_strcmp0(data_type, "IPv4Prefix") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_prefix(text, TRUE, FALSE);
	} else if (g_strcmp0(data_type, "IPv6Prefix") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_prefix(text, FALSE, TRUE);
	} else if (g_strcmp0(data_type, "MACAddress") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_mac_address(text);
	} else if (g_strcmp0(data_type, "URL") == 0) {
		ok = text[0] == '\0' || cwmp_value_is_url(text);
	} else if (g_strcmp0(data_type, "UUID") == 0) {
		ok = cwmp_value_is_uuid(text);
	} else if (g_strcmp0(data_type, "Alias") == 0 || g_strcmp0(data_type, "_AliasCWMP") == 0) {
		ok = cwmp_value_is_alias(text, &reason);
	} else {
		return TRUE;
	}
	if (!ok) {
		g_autofree gchar *quoted = cwmp_value_quote(text, -1);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not a valid %s%s%s", quoted,
			    g_strcmp0(data_type, "_AliasCWMP") == 0 ? "Alias" : data_type,
			    reason != NULL ? ": " : "", reason != NULL ? reason : "");
		return FALSE;
	}
	return TRUE;
}

static void
cwmp_value_set_value_error(GError **error, const gchar *text, const gchar *format, ...)
    G_GNUC_PRINTF(3, 4);

static void
cwmp_value_set_value_error(GError **error, const gchar *text, const gchar *format, ...)
{
	va_list		  args;
	g_autofree gchar *quoted = cwmp_value_quote(text, -1);
	g_autofree gchar *reason = NULL;

	va_start(args, format);
	reason = g_strdup_vprintf(format, args);
	va_end(args);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE, "'%s' %s", quoted,
		    reason);
}

static gboolean
cwmp_value_check_size(const CwmpSchemaParam *param, const gchar *text, GError **error)
{
	CwmpType     type = param->type;
	guint64	     size;
	const gchar *unit;

	if (param->min_length == 0 && param->max_length == 0)
		return TRUE;
	if (type == CWMP_TYPE_STRING) {
		size = (guint64) g_utf8_strlen(text, -1);
		unit = "characters";
	} else if (type == CWMP_TYPE_BASE64 || type == CWMP_TYPE_HEX_BINARY) {
		g_autoptr(GBytes) bytes = type == CWMP_TYPE_BASE64
					      ? cwmp_value_parse_base64(text, NULL)
					      : cwmp_value_parse_hex_binary(text, NULL);
		if (bytes == NULL)
			return TRUE;
		size = g_bytes_get_size(bytes);
		unit = "bytes";
	} else {
		return TRUE;
	}
	if (size < param->min_length) {
		cwmp_value_set_value_error(error, text,
					   "is %" G_GUINT64_FORMAT " %s long, less than the "
					   "minimum size %u",
					   size, unit, param->min_length);
		return FALSE;
	}
	if (param->max_length != 0 && size > param->max_length) {
		cwmp_value_set_value_error(error, text,
					   "is %" G_GUINT64_FORMAT " %s long, more than the "
					   "maximum size %u",
					   size, unit, param->max_length);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_value_check_enumerations(const CwmpSchemaParam *param, const gchar *text, GError **error)
{
	CwmpType	  type = param->type;
	g_autofree gchar *canonical = NULL;
	g_autoptr(GString) allowed = NULL;
	guint n = 0;

	if (param->enumerations == NULL || param->enumerations[0] == NULL)
		return TRUE;
	if (type != CWMP_TYPE_STRING)
		canonical = cwmp_value_canonical(type, text, NULL);
	for (n = 0; param->enumerations[n] != NULL; n++) {
		const gchar *value = param->enumerations[n];
		if (canonical == NULL) {
			if (g_strcmp0(value, text) == 0)
				return TRUE;
		} else {
			g_autofree gchar *value_canonical = cwmp_value_canonical(type, value, NULL);
			if (g_strcmp0(value_canonical, canonical) == 0)
				return TRUE;
		}
	}
	allowed = g_string_new(NULL);
	for (guint i = 0; i < n && i < CWMP_VALUE_ENUM_LIST_MAX; i++) {
		if (i > 0)
			g_string_append(allowed, ", ");
		g_string_append(allowed, param->enumerations[i]);
	}
	if (n > CWMP_VALUE_ENUM_LIST_MAX)
		g_string_append_printf(allowed, ", ... (%u in all)", n);
	cwmp_value_set_value_error(error, text, "is not one of the enumerated values: %s",
				   allowed->str);
	return FALSE;
}

static gboolean
cwmp_value_check_patterns(const CwmpSchemaParam *param, const gchar *text, GError **error)
{
	if (param->patterns == NULL || param->patterns[0] == NULL)
		return TRUE;
	if (!g_utf8_validate(text, -1, NULL)) {
		cwmp_value_set_value_error(error, text, "is not valid UTF-8");
		return FALSE;
	}
	for (guint i = 0; param->patterns[i] != NULL; i++) {
		g_autoptr(GRegex) regex = NULL;
		g_autoptr(GError) error_local = NULL;

		/* without DOLLAR_ENDONLY "$" also matches before a final newline */
		regex = g_regex_new(param->patterns[i], G_REGEX_DOLLAR_ENDONLY, 0, &error_local);
		if (regex == NULL) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "invalid pattern '%s' in the schema: %s", param->patterns[i],
				    error_local->message);
			return FALSE;
		}
		if (g_regex_match(regex, text, 0, NULL))
			return TRUE;
	}
	if (param->patterns[1] == NULL) {
		cwmp_value_set_value_error(error, text, "does not match the pattern %s",
					   param->patterns[0]);
	} else {
		cwmp_value_set_value_error(error, text, "does not match any allowed pattern");
	}
	return FALSE;
}

static gboolean
cwmp_value_range_contains(CwmpType		 type,
			  const CwmpSchemaRange *range,
			  gboolean		 negative,
			  guint64		 magnitude,
			  gdouble		 dvalue)
{
	gdouble quotient;

	if (type == CWMP_TYPE_INT || type == CWMP_TYPE_LONG) {
		gint64	value = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
		guint64 diff;
		if (range->has_min && value < range->min)
			return FALSE;
		if (range->has_max && value > range->max)
			return FALSE;
		if (range->step == 0)
			return TRUE;
		if (range->has_min)
			diff = (guint64) value - (guint64) range->min;
		else
			diff = magnitude;
		return diff % range->step == 0;
	}
	if (type == CWMP_TYPE_UNSIGNED_INT || type == CWMP_TYPE_UNSIGNED_LONG) {
		if (range->has_min && magnitude < range->umin)
			return FALSE;
		if (range->has_max && magnitude > range->umax)
			return FALSE;
		if (range->step == 0)
			return TRUE;
		return (magnitude - (range->has_min ? range->umin : 0)) % range->step == 0;
	}
	if (range->has_min && dvalue < range->dmin)
		return FALSE;
	if (range->has_max && dvalue > range->dmax)
		return FALSE;
	if (range->step == 0)
		return TRUE;
	/* a whole number of steps from the minimum; no libm needed */
	quotient = (dvalue - (range->has_min ? range->dmin : 0.0)) / (gdouble) range->step;
	if (quotient >= 9007199254740992.0 || quotient <= -9007199254740992.0)
		return TRUE;
	return (gdouble) (gint64) quotient == quotient;
}

static void
cwmp_value_append_range(GString *str, CwmpType type, const CwmpSchemaRange *range)
{
	g_string_append_c(str, '[');
	if (range->has_min) {
		if (type == CWMP_TYPE_INT || type == CWMP_TYPE_LONG)
			g_string_append_printf(str, "%" G_GINT64_FORMAT, range->min);
		else if (type == CWMP_TYPE_DECIMAL)
			g_string_append_printf(str, "%g", range->dmin);
		else
			g_string_append_printf(str, "%" G_GUINT64_FORMAT, range->umin);
	}
	g_string_append_c(str, ':');
	if (range->has_max) {
		if (type == CWMP_TYPE_INT || type == CWMP_TYPE_LONG)
			g_string_append_printf(str, "%" G_GINT64_FORMAT, range->max);
		else if (type == CWMP_TYPE_DECIMAL)
			g_string_append_printf(str, "%g", range->dmax);
		else
			g_string_append_printf(str, "%" G_GUINT64_FORMAT, range->umax);
	}
	if (range->step != 0)
		g_string_append_printf(str, " step %" G_GUINT64_FORMAT, range->step);
	g_string_append_c(str, ']');
}

static gboolean
cwmp_value_check_ranges(const CwmpSchemaParam *param, const gchar *text, GError **error)
{
	CwmpType type = param->type;
	gboolean negative = FALSE;
	guint64	 magnitude = 0;
	gdouble	 dvalue = 0;
	g_autoptr(GString) allowed = NULL;

	if (param->ranges == NULL || param->n_ranges == 0)
		return TRUE;
	switch (type) {
	case CWMP_TYPE_INT: {
		gint32 value;
		if (!cwmp_value_parse_int(text, &value, error))
			return FALSE;
		negative = value < 0;
		magnitude = negative ? (guint64) (-(gint64) value) : (guint64) value;
		break;
	}
	case CWMP_TYPE_LONG: {
		gint64 value;
		if (!cwmp_value_parse_long(text, &value, error))
			return FALSE;
		negative = value < 0;
		magnitude = negative ? (guint64) 0 - (guint64) value : (guint64) value;
		break;
	}
	case CWMP_TYPE_UNSIGNED_INT: {
		guint32 value;
		if (!cwmp_value_parse_unsigned_int(text, &value, error))
			return FALSE;
		magnitude = value;
		break;
	}
	case CWMP_TYPE_UNSIGNED_LONG:
		if (!cwmp_value_parse_unsigned_long(text, &magnitude, error))
			return FALSE;
		break;
	case CWMP_TYPE_DECIMAL:
		if (!cwmp_value_parse_decimal(text, &dvalue, error))
			return FALSE;
		break;
	default:
		/* ranges only constrain numbers */
		return TRUE;
	}
	for (guint i = 0; i < param->n_ranges; i++) {
		if (cwmp_value_range_contains(type, &param->ranges[i], negative, magnitude, dvalue))
			return TRUE;
	}
	allowed = g_string_new(NULL);
	for (guint i = 0; i < param->n_ranges; i++) {
		if (i > 0)
			g_string_append(allowed, ", ");
		cwmp_value_append_range(allowed, type, &param->ranges[i]);
	}
	cwmp_value_set_value_error(error, text, "is outside the allowed %s %s",
				   param->n_ranges > 1 ? "ranges" : "range", allowed->str);
	return FALSE;
}

/* type check, then every facet of one value or list item */
static gboolean
cwmp_value_validate_item(const CwmpSchemaParam *param,
			 const gchar	       *text,
			 gboolean		in_list,
			 GError		      **error)
{
	g_autoptr(GError) error_local = NULL;

	if (!cwmp_value_check_type(param->type, text, &error_local)) {
		/* a list travels as a string, so a bad item is a bad value */
		if (in_list && error_local->code == CWMP_FAULT_INVALID_PARAMETER_TYPE)
			error_local->code = CWMP_FAULT_INVALID_PARAMETER_VALUE;
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	if (!cwmp_value_check_size(param, text, error))
		return FALSE;
	if (!cwmp_value_check_enumerations(param, text, error))
		return FALSE;
	if (!cwmp_value_check_patterns(param, text, error))
		return FALSE;
	if (!cwmp_value_check_ranges(param, text, error))
		return FALSE;
	if (param->data_type != NULL) {
		g_autofree gchar *canonical = NULL;
		if (param->type != CWMP_TYPE_STRING) {
			gsize	     len;
			const gchar *trimmed = cwmp_value_trim(text, &len);
			canonical = g_strndup(trimmed, len);
		}
		if (!cwmp_value_validate_named_type(param->data_type,
						    canonical != NULL ? canonical : text, error))
			return FALSE;
	}
	return TRUE;
}

/* the items of a list value, each without surrounding whitespace; the empty
 * string is the empty list */
static GPtrArray *
cwmp_value_split_list(const gchar *text)
{
	GPtrArray   *items = g_ptr_array_new_with_free_func(g_free);
	const gchar *start = text;

	if (text[0] == '\0')
		return items;
	for (;;) {
		const gchar	 *comma = strchr(start, ',');
		gsize		  len;
		const gchar	 *trimmed;
		g_autofree gchar *raw = comma != NULL ? g_strndup(start, comma - start)
						      : g_strdup(start);

		trimmed = cwmp_value_trim(raw, &len);
		g_ptr_array_add(items, g_strndup(trimmed, len));
		if (comma == NULL)
			break;
		start = comma + 1;
	}
	return items;
}

static gboolean
cwmp_value_validate_list(const CwmpSchemaParam *param, const gchar *text, GError **error)
{
	g_autoptr(GPtrArray) items = NULL;

	if (!g_utf8_validate(text, -1, NULL)) {
		cwmp_value_set_type_error(error, CWMP_TYPE_STRING, text, strlen(text),
					  "not valid UTF-8");
		return FALSE;
	}
	if (param->list_max_length != 0 &&
	    (guint64) g_utf8_strlen(text, -1) > param->list_max_length) {
		cwmp_value_set_value_error(error, text,
					   "is %ld characters long, more than the maximum list "
					   "size %u",
					   g_utf8_strlen(text, -1), param->list_max_length);
		return FALSE;
	}
	items = cwmp_value_split_list(text);
	if (items->len < param->list_min_items) {
		cwmp_value_set_value_error(error, text,
					   "has %u list items, fewer than the minimum %u",
					   items->len, param->list_min_items);
		return FALSE;
	}
	if (param->list_max_items != 0 && items->len > param->list_max_items) {
		cwmp_value_set_value_error(error, text,
					   "has %u list items, more than the maximum %u",
					   items->len, param->list_max_items);
		return FALSE;
	}
	for (guint i = 0; i < items->len; i++) {
		if (!cwmp_value_validate_item(param, g_ptr_array_index(items, i), TRUE, error)) {
			g_prefix_error(error, "list item %u: ", i + 1);
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * cwmp_value_validate:
 * @param: the schema entry of the parameter
 * @text: a value in its wire form
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Checks @text against the base type of @param, then against every facet:
 * size (characters for strings, decoded bytes for base64 and hexBinary),
 * enumerations, patterns (any one must match), ranges (any one must contain
 * the value, with its step) and the named data type. For a list parameter
 * the whole string is checked against the list facets and each
 * comma-separated item, whitespace trimmed, against the item facets.
 *
 * Returns: %TRUE if the value is valid, else %FALSE with
 * %CWMP_FAULT_INVALID_PARAMETER_TYPE (not of the type) or
 * %CWMP_FAULT_INVALID_PARAMETER_VALUE (a facet) set
 *
 * Since: 1.0
 */
gboolean
cwmp_value_validate(const CwmpSchemaParam *param, const gchar *text, GError **error)
{
	g_return_val_if_fail(param != NULL, FALSE);
	g_return_val_if_fail(text != NULL, FALSE);

	if (param->flags & CWMP_SCHEMA_PARAM_FLAG_LIST)
		return cwmp_value_validate_list(param, text, error);
	return cwmp_value_validate_item(param, text, FALSE, error);
}

/**
 * cwmp_value_normalize:
 * @param: the schema entry of the parameter
 * @text: a value in its wire form
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Validates @text like cwmp_value_validate(), then returns its canonical
 * wire form: integers without sign or leading zeros, "true"/"false",
 * upper-case hexBinary, base64 without whitespace, minimal decimals,
 * dateTime trimmed; strings unchanged. A list of non-string items is
 * rebuilt from its canonical items separated by commas.
 *
 * Returns: (transfer full): the canonical value, or %NULL with @error set
 *
 * Since: 1.0
 */
gchar *
cwmp_value_normalize(const CwmpSchemaParam *param, const gchar *text, GError **error)
{
	g_return_val_if_fail(param != NULL, NULL);
	g_return_val_if_fail(text != NULL, NULL);

	if (!cwmp_value_validate(param, text, error))
		return NULL;
	if (param->type == CWMP_TYPE_STRING)
		return g_strdup(text);
	if (param->flags & CWMP_SCHEMA_PARAM_FLAG_LIST) {
		g_autoptr(GPtrArray) items = cwmp_value_split_list(text);
		g_autoptr(GString) str = g_string_new(NULL);
		for (guint i = 0; i < items->len; i++) {
			g_autofree gchar *item =
			    cwmp_value_canonical(param->type, g_ptr_array_index(items, i), error);
			if (item == NULL)
				return NULL;
			if (i > 0)
				g_string_append_c(str, ',');
			g_string_append(str, item);
		}
		return g_string_free(g_steal_pointer(&str), FALSE);
	}
	return cwmp_value_canonical(param->type, text, error);
}

/**
 * cwmp_value_get_default:
 * @type: a base type
 *
 * Gets the value an unset parameter of @type reads as: "" for strings,
 * base64 and hexBinary, "0" for numbers, "false", and TR-106's Unknown Time
 * "0001-01-01T00:00:00Z" for dateTime.
 *
 * Returns: the default wire value, or %NULL for %CWMP_TYPE_NONE
 *
 * Since: 1.0
 */
const gchar *
cwmp_value_get_default(CwmpType type)
{
	switch (type) {
	case CWMP_TYPE_STRING:
	case CWMP_TYPE_BASE64:
	case CWMP_TYPE_HEX_BINARY:
		return "";
	case CWMP_TYPE_INT:
	case CWMP_TYPE_UNSIGNED_INT:
	case CWMP_TYPE_LONG:
	case CWMP_TYPE_UNSIGNED_LONG:
	case CWMP_TYPE_DECIMAL:
		return "0";
	case CWMP_TYPE_BOOLEAN:
		return "false";
	case CWMP_TYPE_DATE_TIME:
		return "0001-01-01T00:00:00Z";
	case CWMP_TYPE_NONE:
	case CWMP_TYPE_LAST:
	default:
		return NULL;
	}
}
