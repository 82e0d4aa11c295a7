/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-ctl-format.h"

struct _CwmpCtlFormatTable {
	guint	   n_columns;
	GPtrArray *cells; /* of gchar*, row after row, the header first */
};

/* the TR-106 base types a "set" argument may name (core/cwmp-schema.c) */
static const gchar *const cwmp_ctl_format_types[] = {
    "string",  "int",	   "unsignedInt", "long",      "unsignedLong",
    "boolean", "dateTime", "base64",	  "hexBinary", "decimal",
};

CwmpCtlFormatTable *
cwmp_ctl_format_table_new(const gchar *first_header, ...)
{
	CwmpCtlFormatTable *table = g_new0(CwmpCtlFormatTable, 1);
	va_list		    args;

	table->cells = g_ptr_array_new_with_free_func(g_free);
	va_start(args, first_header);
	for (const gchar *h = first_header; h != NULL; h = va_arg(args, const gchar *)) {
		g_ptr_array_add(table->cells, cwmp_ctl_format_escape(h));
		table->n_columns++;
	}
	va_end(args);
	return table;
}

/* a row with fewer cells than columns is padded with empty ones; extra cells
 * are a programming error */
void
cwmp_ctl_format_table_add_row(CwmpCtlFormatTable *table, const gchar *first_cell, ...)
{
	va_list args;
	guint	n = 0;

	va_start(args, first_cell);
	for (const gchar *c = first_cell; c != NULL; c = va_arg(args, const gchar *)) {
		g_return_if_fail(n < table->n_columns);
		g_ptr_array_add(table->cells, cwmp_ctl_format_escape(c));
		n++;
	}
	va_end(args);
	for (; n < table->n_columns; n++)
		g_ptr_array_add(table->cells, g_strdup(""));
}

/* columns two spaces apart, the last one not padded, one line per row; no
 * padding after the last cell that is not empty */
gchar *
cwmp_ctl_format_table_to_string(CwmpCtlFormatTable *table)
{
	g_autofree glong *widths = g_new0(glong, table->n_columns);
	GString		 *out = g_string_new(NULL);

	for (guint i = 0; i < table->cells->len; i++) {
		const gchar *cell = g_ptr_array_index(table->cells, i);
		glong	     len = g_utf8_strlen(cell, -1);
		guint	     col = i % table->n_columns;
		widths[col] = MAX(widths[col], len);
	}
	for (guint row = 0; row < table->cells->len; row += table->n_columns) {
		const gchar **cells = (const gchar **) table->cells->pdata + row;
		guint	      last = 0;

		for (guint col = 0; col < table->n_columns; col++) {
			if (cells[col][0] != '\0')
				last = col;
		}
		for (guint col = 0; col <= last; col++) {
			g_string_append(out, cells[col]);
			if (col == last)
				break;
			for (glong pad = g_utf8_strlen(cells[col], -1); pad < widths[col] + 2;
			     pad++)
				g_string_append_c(out, ' ');
		}
		g_string_append_c(out, '\n');
	}
	return g_string_free(out, FALSE);
}

void
cwmp_ctl_format_table_free(CwmpCtlFormatTable *table)
{
	if (table == NULL)
		return;
	g_ptr_array_unref(table->cells);
	g_free(table);
}

/**
 * cwmp_ctl_format_escape:
 * @text: (nullable): a cell of a table
 *
 * Control characters would break the alignment (and a terminal): they become
 * C escapes ("\n", "\t", "\x1b"); invalid UTF-8 becomes U+FFFD.
 *
 * Returns: the text to print, "" for %NULL
 */
gchar *
cwmp_ctl_format_escape(const gchar *text)
{
	g_autofree gchar *valid = NULL;
	GString		 *out;

	if (text == NULL)
		return g_strdup("");
	valid = g_utf8_make_valid(text, -1);
	out = g_string_sized_new(strlen(valid));
	for (const gchar *p = valid; *p != '\0'; p++) {
		guchar c = (guchar) *p;
		if (c == '\n')
			g_string_append(out, "\\n");
		else if (c == '\t')
			g_string_append(out, "\\t");
		else if (c == '\r')
			g_string_append(out, "\\r");
		else if (c == '\\')
			g_string_append(out, "\\\\");
		else if (c < 0x20 || c == 0x7f)
			g_string_append_printf(out, "\\x%02x", c);
		else
			g_string_append_c(out, (gchar) c);
	}
	return g_string_free(out, FALSE);
}

/**
 * cwmp_ctl_format_time:
 * @usec: microseconds since the epoch
 *
 * Returns: (nullable): ISO 8601 in UTC to the second ("2026-11-22T03:50:00Z"),
 * or %NULL for 0 (never)
 */
gchar *
cwmp_ctl_format_time(guint64 usec)
{
	g_autoptr(GDateTime) dt = NULL;

	if (usec == 0 || usec > (guint64) G_MAXINT64)
		return NULL;
	dt = g_date_time_new_from_unix_utc((gint64) (usec / G_USEC_PER_SEC));
	if (dt == NULL)
		return NULL;
	return g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
}

gchar *
cwmp_ctl_format_json(JsonNode *node, gboolean pretty)
{
	g_autoptr(JsonGenerator) generator = json_generator_new();

	json_generator_set_pretty(generator, pretty);
	json_generator_set_root(generator, node);
	return json_generator_to_data(generator, NULL);
}

gboolean
cwmp_ctl_format_is_type(const gchar *type)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_ctl_format_types); i++) {
		if (g_strcmp0(cwmp_ctl_format_types[i], type) == 0)
			return TRUE;
	}
	return FALSE;
}

/**
 * cwmp_ctl_format_parse_assignment:
 * @arg: "PATH=VALUE" or "PATH=VALUE:TYPE"
 * @path: (out): the parameter
 * @value: (out): the value
 * @type: (out): the type, "" to take the schema's
 * @error: a #GError
 *
 * The text after the last colon is a type only if it is one of the TR-106
 * base types ("unsignedInt", "xsd:" prefix allowed); a value that itself ends
 * in ":<type>" (or any colon) is kept whole unless a type follows it, so
 * "URL=http://acs:7547" is a value and "X=a:string:string" sets "a:string".
 *
 * Returns: %TRUE on success; %G_OPTION_ERROR_BAD_VALUE for a missing "=" or
 * an empty path
 */
gboolean
cwmp_ctl_format_parse_assignment(const gchar *arg,
				 gchar	    **path,
				 gchar	    **value,
				 gchar	    **type,
				 GError	    **error)
{
	const gchar *eq = strchr(arg, '=');
	const gchar *colon;
	const gchar *val;

	if (eq == NULL) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "expected PATH=VALUE[:TYPE], got '%s'", arg);
		return FALSE;
	}
	if (eq == arg) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "no parameter path before '=' in '%s'", arg);
		return FALSE;
	}
	if (eq[-1] == '.') {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "'%.*s' is an object, not a parameter", (gint) (eq - arg), arg);
		return FALSE;
	}
	val = eq + 1;
	colon = strrchr(val, ':');
	if (colon != NULL) {
		const gchar *t = colon + 1;
		if (colon - val >= 4 && strncmp(colon - 4, ":xsd", 4) == 0)
			colon -= 4;
		if (!cwmp_ctl_format_is_type(t)) {
			colon = NULL;
		} else {
			*type = g_strdup(t);
		}
	}
	*path = g_strndup(arg, eq - arg);
	if (colon != NULL) {
		*value = g_strndup(val, colon - val);
	} else {
		*value = g_strdup(val);
		*type = g_strdup("");
	}
	return TRUE;
}

/**
 * cwmp_ctl_format_parse_attributes:
 * @args: "notification=N" and "access=A,B" (an empty list clears it)
 * @notification_change: (out): whether notification= was given
 * @notification: (out): its value, 0 to 6
 * @access_change: (out): whether access= was given
 * @access_list: (out): its entries
 * @error: a #GError
 *
 * Returns: %TRUE on success; %G_OPTION_ERROR_BAD_VALUE for an unknown key, a
 * bad number, a key given twice or no key at all
 */
gboolean
cwmp_ctl_format_parse_attributes(const gchar *const *args,
				 gboolean	    *notification_change,
				 guint		    *notification,
				 gboolean	    *access_change,
				 GStrv		    *access_list,
				 GError		   **error)
{
	g_auto(GStrv) access = NULL;
	gboolean has_notification = FALSE;
	gboolean has_access = FALSE;
	guint64	 number = 0;

	for (guint i = 0; args != NULL && args[i] != NULL; i++) {
		const gchar *arg = args[i];
		if (g_str_has_prefix(arg, "notification=")) {
			g_autoptr(GError) error_local = NULL;
			if (has_notification) {
				g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
						    "notification= given twice");
				return FALSE;
			}
			if (!g_ascii_string_to_unsigned(arg + strlen("notification="), 10, 0, 6,
							&number, &error_local)) {
				g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
					    "bad notification (0 to 6): %s", error_local->message);
				return FALSE;
			}
			has_notification = TRUE;
		} else if (g_str_has_prefix(arg, "access=")) {
			const gchar *list = arg + strlen("access=");
			g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(g_free);
			g_auto(GStrv) parts = NULL;
			if (has_access) {
				g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
						    "access= given twice");
				return FALSE;
			}
			parts = g_strsplit(list, ",", -1);
			for (guint j = 0; parts[j] != NULL; j++) {
				g_strstrip(parts[j]);
				if (parts[j][0] == '\0')
					continue;
				g_ptr_array_add(entries, g_strdup(parts[j]));
			}
			g_ptr_array_add(entries, NULL);
			access = (GStrv) g_ptr_array_steal(entries, NULL);
			has_access = TRUE;
		} else {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "expected notification=N or access=A,B, got '%s'", arg);
			return FALSE;
		}
	}
	if (!has_notification && !has_access) {
		g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "nothing to set: give notification=N and/or access=A,B");
		return FALSE;
	}
	*notification_change = has_notification;
	*notification = (guint) number;
	*access_change = has_access;
	*access_list = has_access ? g_steal_pointer(&access) : g_new0(gchar *, 1);
	return TRUE;
}
