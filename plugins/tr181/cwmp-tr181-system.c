/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* reading the running system: small text files of /etc, /proc and /sys */

#include "config.h"

#include "cwmpd-plugin.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-tr181-private.h"

/* every file we read is a line or a few; a bigger one is not what we expect */
#define CWMP_TR181_SYSTEM_MAX_FILE_SIZE (64 * 1024)

/* returns the contents, or NULL with *errsv set */
static gchar *
cwmp_tr181_system_read_errno(const gchar *filename, gint *errsv)
{
	g_autoptr(GString) buf = g_string_new(NULL);
	gint fd;

	fd = open(filename, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		*errsv = errno;
		return NULL;
	}
	for (;;) {
		gchar  chunk[4096];
		gssize n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*errsv = errno;
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		if (buf->len + (gsize) n > CWMP_TR181_SYSTEM_MAX_FILE_SIZE) {
			*errsv = EFBIG;
			close(fd);
			return NULL;
		}
		g_string_append_len(buf, chunk, n);
	}
	close(fd);

	/* device-tree strings end in NUL: keep the text before the first one */
	return g_strstrip(g_strndup(buf->str, strlen(buf->str)));
}

/**
 * cwmp_tr181_system_read_file:
 * @filename: an absolute file name
 * @error: a #GError, or %NULL
 *
 * Reads a small text file whole, without leading and trailing white space.
 *
 * Returns: (transfer full): the text, or %NULL with a CWMP_FAULT_INTERNAL_ERROR
 *   naming the file and the errno text
 */
gchar *
cwmp_tr181_system_read_file(const gchar *filename, GError **error)
{
	gchar *contents;
	gint   errsv = 0;

	contents = cwmp_tr181_system_read_errno(filename, &errsv);
	if (contents == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "failed to read %s: %s",
			    filename, g_strerror(errsv));
		return NULL;
	}
	return contents;
}

/**
 * cwmp_tr181_system_read_optional:
 * @filename: an absolute file name
 * @contents: (out) (transfer full): the text, or %NULL when there is no such file
 * @error: a #GError, or %NULL
 *
 * Like cwmp_tr181_system_read_file(), for a source that may be missing: a
 * file (or folder) that does not exist is not an error.
 *
 * Returns: %FALSE on any other failure, with CWMP_FAULT_INTERNAL_ERROR
 */
gboolean
cwmp_tr181_system_read_optional(const gchar *filename, gchar **contents, GError **error)
{
	gint errsv = 0;

	*contents = cwmp_tr181_system_read_errno(filename, &errsv);
	if (*contents != NULL || errsv == ENOENT || errsv == ENOTDIR)
		return TRUE;
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "failed to read %s: %s", filename,
		    g_strerror(errsv));
	return FALSE;
}

static gboolean
cwmp_tr181_system_is_os_release_key(const gchar *key)
{
	if (!g_ascii_isalpha(key[0]) && key[0] != '_')
		return FALSE;
	for (const gchar *p = key; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '_')
			return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_tr181_system_parse_os_release:
 * @data: the text of an os-release(5) file
 *
 * Parses KEY=VALUE lines with shell quoting; comments, blank lines and lines
 * that do not parse are skipped, as os-release(5) asks of readers.
 *
 * Returns: (transfer full): key to value
 */
GHashTable *
cwmp_tr181_system_parse_os_release(const gchar *data)
{
	g_autoptr(GHashTable) table =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_auto(GStrv) lines = g_strsplit(data, "\n", -1);

	for (guint i = 0; lines[i] != NULL; i++) {
		gchar		 *line = g_strstrip(lines[i]);
		const gchar	 *eq;
		g_autofree gchar *key = NULL;
		gchar		 *value;

		if (line[0] == '\0' || line[0] == '#')
			continue;
		eq = strchr(line, '=');
		if (eq == NULL || eq == line)
			continue;
		key = g_strndup(line, eq - line);
		if (!cwmp_tr181_system_is_os_release_key(key))
			continue;
		value = g_shell_unquote(eq + 1, NULL);
		if (value == NULL)
			continue;
		g_hash_table_replace(table, g_steal_pointer(&key), value);
	}
	return g_steal_pointer(&table);
}

/**
 * cwmp_tr181_system_load_os_release:
 * @sysroot: the system root, "/" on a device
 * @os_release: (out) (transfer full): key to value, or %NULL when the system
 *   has no os-release file
 * @error: a #GError, or %NULL
 *
 * Reads etc/os-release, or usr/lib/os-release when the first does not exist.
 *
 * Returns: %FALSE when a file exists but cannot be read, with
 *   CWMP_FAULT_INTERNAL_ERROR
 */
gboolean
cwmp_tr181_system_load_os_release(const gchar *sysroot, GHashTable **os_release, GError **error)
{
	const gchar *candidates[] = {"etc/os-release", "usr/lib/os-release"};

	*os_release = NULL;
	for (guint i = 0; i < G_N_ELEMENTS(candidates); i++) {
		g_autofree gchar *filename = g_build_filename(sysroot, candidates[i], NULL);
		g_autofree gchar *data = NULL;

		if (!cwmp_tr181_system_read_optional(filename, &data, error))
			return FALSE;
		if (data != NULL) {
			*os_release = cwmp_tr181_system_parse_os_release(data);
			return TRUE;
		}
	}
	return TRUE;
}

/**
 * cwmp_tr181_system_parse_uptime:
 * @text: the text of /proc/uptime ("12345.67 54321.00")
 * @seconds: (out): whole seconds since boot
 * @error: a #GError, or %NULL
 *
 * Returns: %TRUE on success, or %FALSE with CWMP_FAULT_INTERNAL_ERROR
 */
gboolean
cwmp_tr181_system_parse_uptime(const gchar *text, guint32 *seconds, GError **error)
{
	const gchar *p = text;
	guint64	     value = 0;

	if (!g_ascii_isdigit(*p)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "failed to parse uptime '%s'", text);
		return FALSE;
	}
	for (; g_ascii_isdigit(*p); p++) {
		value = value * 10 + (guint64) (*p - '0');
		if (value > G_MAXUINT32) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "failed to parse uptime '%s': out of range", text);
			return FALSE;
		}
	}
	if (*p != '.' && *p != ' ' && *p != '\0') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "failed to parse uptime '%s'", text);
		return FALSE;
	}
	*seconds = (guint32) value;
	return TRUE;
}

/**
 * cwmp_tr181_system_is_placeholder:
 * @value: a value read from the firmware tables
 *
 * Returns: %TRUE when @value is one of the fillers firmware vendors leave in
 *   DMI fields, which identify nothing
 */
gboolean
cwmp_tr181_system_is_placeholder(const gchar *value)
{
	const gchar *fillers[] = {
	    "To be filled by O.E.M.",
	    "To Be Filled By O.E.M.",
	    "Default string",
	    "System Product Name",
	    "System Version",
	    "System manufacturer",
	    "Not Specified",
	    "Not Applicable",
	    "None",
	    "OEM",
	    "O.E.M.",
	};

	if (value == NULL || value[0] == '\0')
		return TRUE;
	for (guint i = 0; i < G_N_ELEMENTS(fillers); i++) {
		if (g_ascii_strcasecmp(value, fillers[i]) == 0)
			return TRUE;
	}
	return FALSE;
}

/**
 * cwmp_tr181_system_sanitize:
 * @path: the parameter path, to find its size facet in the schema
 * @value: text read from the system
 *
 * Makes text from the system fit to send: valid UTF-8, no control
 * characters, and no longer than the schema's maxLength (in characters).
 *
 * Returns: (transfer full): the value to return
 */
gchar *
cwmp_tr181_system_sanitize(const gchar *path, const gchar *value)
{
	const CwmpSchemaParam *param = cwmp_schema_lookup_param(cwmp_schema_get_default(), path);
	g_autofree gchar      *valid = g_utf8_make_valid(value, -1);

	for (gchar *p = valid; *p != '\0'; p++) {
		if ((guchar) *p < 0x20 || *p == 0x7f)
			*p = ' ';
	}
	if (param != NULL && param->max_length > 0 &&
	    (guint32) g_utf8_strlen(valid, -1) > param->max_length)
		return g_utf8_substring(valid, 0, param->max_length);
	return g_steal_pointer(&valid);
}
