/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-error.h"
#include "cwmp-path.h"

#define CWMP_PATH_MAX_LENGTH	   1024
#define CWMP_PATH_ALIAS_MAX_LENGTH 64
#define CWMP_PATH_QUOTE_MAX	   64

/* printable, length-limited copy of @text for error messages */
static gchar *
cwmp_path_quote(const gchar *text)
{
	GString *str = g_string_new(NULL);
	guint	 n = 0;

	for (const guchar *p = (const guchar *) text; *p != '\0'; p++) {
		if (n++ >= CWMP_PATH_QUOTE_MAX) {
			g_string_append(str, "...");
			break;
		}
		if (*p < 0x20 || *p == 0x7f || *p >= 0x80)
			g_string_append_printf(str, "\\x%02X", *p);
		else
			g_string_append_c(str, (gchar) *p);
	}
	return g_string_free(str, FALSE);
}

static gboolean
cwmp_path_name_char_is_valid(gchar c, gboolean first)
{
	if (g_ascii_isalpha(c) || c == '_')
		return TRUE;
	if (first)
		return FALSE;
	return g_ascii_isdigit(c) || c == '-';
}

/**
 * cwmp_path_name_is_valid:
 * @name: (nullable): one segment of a path
 *
 * Checks @name against TR-106's syntax of object and parameter names: a
 * letter or underscore, then letters, digits, underscores and hyphens.
 * Vendor names such as "X_0016E3_Foo" and "X_EXAMPLE-COM_Foo" are names too.
 *
 * Returns: %TRUE if @name is a valid name
 *
 * Since: 1.0
 */
gboolean
cwmp_path_name_is_valid(const gchar *name)
{
	if (name == NULL || name[0] == '\0')
		return FALSE;
	for (gsize i = 0; name[i] != '\0'; i++) {
		if (!cwmp_path_name_char_is_valid(name[i], i == 0))
			return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_path_name_is_vendor:
 * @name: (nullable): one segment of a path
 *
 * Checks whether @name is a TR-106 vendor extension name,
 * "X_<VENDOR>_<Name>" where VENDOR is an OUI or a domain name.
 *
 * Returns: %TRUE if @name is a valid vendor-specific name
 *
 * Since: 1.0
 */
gboolean
cwmp_path_name_is_vendor(const gchar *name)
{
	const gchar *sep;

	if (!cwmp_path_name_is_valid(name) || !g_str_has_prefix(name, "X_"))
		return FALSE;
	sep = strchr(name + 2, '_');
	return sep != NULL && sep != name + 2 && sep[1] != '\0';
}

/* the characters of an alias; its length was checked by the caller */
static gboolean
cwmp_path_alias_is_valid(const gchar *alias, GError **error)
{
	if (alias[0] == '\0') {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "empty instance alias");
		return FALSE;
	}
	if (!g_unichar_isalpha(g_utf8_get_char(alias))) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "an instance alias must start with a letter");
		return FALSE;
	}
	if (g_utf8_strlen(alias, -1) > CWMP_PATH_ALIAS_MAX_LENGTH) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "an instance alias is at most %u characters long",
			    (guint) CWMP_PATH_ALIAS_MAX_LENGTH);
		return FALSE;
	}
	if (strchr(alias, '[') != NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "'[' inside an instance alias");
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_path_parse_instance(const gchar *text, guint32 *out, GError **error)
{
	guint64 value = 0;

	if (text[0] == '0') {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    text[1] == '\0' ? "instance number 0"
						    : "instance number with a leading zero");
		return FALSE;
	}
	for (const gchar *p = text; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p)) {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
					    "a segment starts with a digit but is no instance "
					    "number");
			return FALSE;
		}
		value = value * 10 + (guint64) (*p - '0');
		if (value > G_MAXUINT32) {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
					    "instance number above 4294967295");
			return FALSE;
		}
	}
	*out = (guint32) value;
	return TRUE;
}

/* @text is one segment, NUL-terminated inside the path's buffer */
static gboolean
cwmp_path_parse_segment(gchar *text, guint idx, CwmpPathSegment *segment, GError **error)
{
	gsize len = strlen(text);

	if (len == 0) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "empty segment");
		return FALSE;
	}
	if (g_ascii_isdigit(text[0]) || text[0] == '*' || text[0] == '[') {
		if (idx == 0) {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
					    "a path must start with a name");
			return FALSE;
		}
	}
	if (g_ascii_isdigit(text[0])) {
		segment->kind = CWMP_PATH_SEGMENT_INSTANCE;
		segment->name = text;
		return cwmp_path_parse_instance(text, &segment->instance, error);
	}
	if (text[0] == '*') {
		if (len != 1) {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
					    "a wildcard must be a whole segment");
			return FALSE;
		}
		segment->kind = CWMP_PATH_SEGMENT_WILDCARD;
		segment->name = text;
		return TRUE;
	}
	if (text[0] == '[') {
		if (len < 2 || text[len - 1] != ']') {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
					    "instance alias without a closing ']'");
			return FALSE;
		}
		text[len - 1] = '\0';
		if (strchr(text + 1, ']') != NULL) {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
					    "']' inside an instance alias");
			return FALSE;
		}
		if (!cwmp_path_alias_is_valid(text + 1, error))
			return FALSE;
		segment->kind = CWMP_PATH_SEGMENT_ALIAS;
		segment->name = text + 1;
		return TRUE;
	}
	if (!cwmp_path_name_is_valid(text)) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "invalid character in a name");
		return FALSE;
	}
	segment->kind = CWMP_PATH_SEGMENT_NAME;
	segment->name = text;
	return TRUE;
}

/**
 * cwmp_path_parse:
 * @text: a parameter or object path, e.g. "Device.IP.Interface.[lan].*."
 * @error: (nullable): return location for a %CWMP_FAULT error
 *
 * Parses a path into segments. A trailing dot makes the path partial; the
 * empty string is the partial path with no segments. Wildcards ("*") and
 * instance aliases ("[alias]") are recognised wherever an instance number
 * may stand, which the caller checks against the schema.
 *
 * Returns: (transfer full): the parsed path, or %NULL with
 * %CWMP_FAULT_INVALID_PARAMETER_NAME set
 *
 * Since: 1.0
 */
CwmpPath *
cwmp_path_parse(const gchar *text, GError **error)
{
	g_autoptr(CwmpPath) path = NULL;
	gsize  len;
	guint  n_segments = 0;
	gchar *segment_start;

	g_return_val_if_fail(text != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	len = strlen(text);
	if (len > CWMP_PATH_MAX_LENGTH) {
		g_autofree gchar *quoted = cwmp_path_quote(text);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "path '%s' is %" G_GSIZE_FORMAT " bytes long, more than %u", quoted,
			    len, (guint) CWMP_PATH_MAX_LENGTH);
		return NULL;
	}
	for (gsize i = 0; i < len; i++) {
		guchar c = (guchar) text[i];
		if (c < 0x20 || c == 0x7f) {
			g_autofree gchar *quoted = cwmp_path_quote(text);
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "invalid path '%s': control character at byte %" G_GSIZE_FORMAT,
				    quoted, i);
			return NULL;
		}
	}
	if (!g_utf8_validate(text, (gssize) len, NULL)) {
		g_autofree gchar *quoted = cwmp_path_quote(text);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "invalid path '%s': not valid UTF-8", quoted);
		return NULL;
	}

	path = g_new0(CwmpPath, 1);
	path->buffer = g_strndup(text, len);
	if (len == 0) {
		path->partial = TRUE;
		return g_steal_pointer(&path);
	}
	path->partial = text[len - 1] == '.';
	if (path->partial)
		path->buffer[--len] = '\0';

	/* an alias cannot hold a dot, so every dot separates segments */
	for (gsize i = 0; i < len; i++) {
		if (path->buffer[i] == '.')
			n_segments++;
	}
	n_segments++;
	path->segments = g_new0(CwmpPathSegment, n_segments);

	segment_start = path->buffer;
	for (guint idx = 0; idx < n_segments; idx++) {
		gchar *dot = strchr(segment_start, '.');
		g_autoptr(GError) error_local = NULL;

		if (dot != NULL)
			*dot = '\0';
		if (!cwmp_path_parse_segment(segment_start, idx, &path->segments[idx],
					     &error_local)) {
			g_autofree gchar *quoted = cwmp_path_quote(text);
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
				    "invalid path '%s': segment %u: %s", quoted, idx + 1,
				    error_local->message);
			return NULL;
		}
		if (path->segments[idx].kind == CWMP_PATH_SEGMENT_WILDCARD)
			path->has_wildcard = TRUE;
		else if (path->segments[idx].kind == CWMP_PATH_SEGMENT_ALIAS)
			path->has_alias = TRUE;
		path->n_segments++;
		if (dot != NULL)
			segment_start = dot + 1;
	}
	return g_steal_pointer(&path);
}

/**
 * cwmp_path_free:
 * @path: (nullable): a path from cwmp_path_parse()
 *
 * Frees a parsed path.
 *
 * Since: 1.0
 */
void
cwmp_path_free(CwmpPath *path)
{
	if (path == NULL)
		return;
	g_free(path->segments);
	g_free(path->buffer);
	g_free(path);
}
