/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* helpers every TR-143 diagnostic needs: dateTime with microseconds, the
 * Interface reference resolved to a Linux name, interface byte counters and
 * the state file of a diagnostic */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "cwmp-tr143-private.h"

#define CWMP_TR143_UTIL_IP_INTERFACE "Device.IP.Interface."

/**
 * cwmp_tr143_util_format_time:
 * @usec: microseconds since the epoch (g_get_real_time()), 0 for unknown
 *
 * TR-181 result times: UTC with six decimals, "0001-01-01T00:00:00Z" when
 * the time is unknown.
 *
 * Returns: (transfer full): the dateTime text
 */
gchar *
cwmp_tr143_util_format_time(gint64 usec)
{
	g_autoptr(GDateTime) dt = NULL;
	g_autofree gchar *base = NULL;

	if (usec <= 0)
		return g_strdup("0001-01-01T00:00:00Z");
	dt = g_date_time_new_from_unix_utc(usec / G_USEC_PER_SEC);
	if (dt == NULL)
		return g_strdup("0001-01-01T00:00:00Z");
	base = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S");
	return g_strdup_printf("%s.%06" G_GINT64_FORMAT "Z", base, usec % G_USEC_PER_SEC);
}

/**
 * cwmp_tr143_util_validate_interface:
 * @reference: the value an ACS writes to Interface
 *
 * Empty, or a path of a Device.IP.Interface.{i}. row (with or without the
 * trailing dot).
 */
gboolean
cwmp_tr143_util_validate_interface(const gchar *reference, GError **error)
{
	const gchar *rest;
	guint64	     instance = 0;
	gchar	    *end = NULL;

	if (reference == NULL || reference[0] == '\0')
		return TRUE;
	if (!g_str_has_prefix(reference, CWMP_TR143_UTIL_IP_INTERFACE)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s is not a Device.IP.Interface. row", reference);
		return FALSE;
	}
	rest = reference + strlen(CWMP_TR143_UTIL_IP_INTERFACE);
	if (g_ascii_isdigit(rest[0]))
		instance = g_ascii_strtoull(rest, &end, 10);
	if (instance == 0 || instance > G_MAXUINT32 || end == NULL ||
	    !(end[0] == '\0' || (end[0] == '.' && end[1] == '\0'))) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s is not a Device.IP.Interface. row", reference);
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_tr143_util_resolve_interface:
 * @self: the plugin
 * @reference: Interface as the ACS wrote it
 *
 * Reads Device.IP.Interface.{i}.Name through the data model (the tr181
 * plugin owns it). Call from the main loop only.
 *
 * Returns: (transfer full) (nullable): the Linux name, %NULL without error
 *   when @reference is empty (the route decides)
 */
gchar *
cwmp_tr143_util_resolve_interface(CwmpTr143Plugin *self, const gchar *reference, GError **error)
{
	g_autofree gchar *path = NULL;
	g_autofree gchar *name = NULL;
	CwmpDm		 *dm;

	if (reference == NULL || reference[0] == '\0')
		return NULL;
	if (!cwmp_tr143_util_validate_interface(reference, error))
		return NULL;
	dm = self->ctx != NULL ? cwmp_plugin_context_get_dm(self->ctx) : NULL;
	if (dm == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "no data model");
		return NULL;
	}
	path = g_strdup_printf("%s%sName", reference, g_str_has_suffix(reference, ".") ? "" : ".");
	name = cwmp_dm_get_value(dm, path, error);
	if (name == NULL) {
		g_prefix_error(error, "Interface %s: ", reference);
		return NULL;
	}
	if (name[0] == '\0') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE, "%s has no Name",
			    reference);
		return NULL;
	}
	return g_steal_pointer(&name);
}

static gchar *
cwmp_tr143_util_default_interface_ipv4(void)
{
	g_autofree gchar *text = NULL;
	g_auto(GStrv) lines = NULL;

	if (!g_file_get_contents("/proc/net/route", &text, NULL, NULL))
		return NULL;
	lines = g_strsplit(text, "\n", -1);
	for (guint i = 1; lines[i] != NULL; i++) {
		gchar	ifname[64];
		guint32 destination = 0, gateway = 0, flags = 0, mask = 0;
		gint	refcnt, use, metric;
		if (sscanf(lines[i], "%63s %x %x %x %d %d %d %x", ifname, &destination, &gateway,
			   &flags, &refcnt, &use, &metric, &mask) != 8)
			continue;
		if (destination == 0 && mask == 0 && (flags & 0x1) != 0)
			return g_strdup(ifname);
	}
	return NULL;
}

static gchar *
cwmp_tr143_util_default_interface_ipv6(void)
{
	g_autofree gchar *text = NULL;
	g_auto(GStrv) lines = NULL;

	if (!g_file_get_contents("/proc/net/ipv6_route", &text, NULL, NULL))
		return NULL;
	lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		g_auto(GStrv) fields = g_strsplit_set(g_strstrip(lines[i]), " ", -1);
		GPtrArray *words = g_ptr_array_new();
		for (guint j = 0; fields[j] != NULL; j++) {
			if (fields[j][0] != '\0')
				g_ptr_array_add(words, fields[j]);
		}
		if (words->len == 10 &&
		    g_strcmp0(g_ptr_array_index(words, 0), "00000000000000000000000000000000") ==
			0 &&
		    g_strcmp0(g_ptr_array_index(words, 1), "00") == 0 &&
		    g_strcmp0(g_ptr_array_index(words, 9), "lo") != 0) {
			gchar *name = g_strdup(g_ptr_array_index(words, 9));
			g_ptr_array_unref(words);
			return name;
		}
		g_ptr_array_unref(words);
	}
	return NULL;
}

/**
 * cwmp_tr143_util_get_default_interface:
 * @family: G_SOCKET_FAMILY_IPV4 or _IPV6, or 0 for either
 *
 * Returns: (transfer full) (nullable): the interface of the default route
 */
gchar *
cwmp_tr143_util_get_default_interface(gint family)
{
	gchar *name = NULL;

	if (family != G_SOCKET_FAMILY_IPV6)
		name = cwmp_tr143_util_default_interface_ipv4();
	if (name == NULL && family != G_SOCKET_FAMILY_IPV4)
		name = cwmp_tr143_util_default_interface_ipv6();
	return name;
}

static gboolean
cwmp_tr143_util_read_counter(const gchar *ifname, const gchar *which, guint64 *out)
{
	g_autofree gchar *filename =
	    g_strdup_printf("/sys/class/net/%s/statistics/%s", ifname, which);
	gchar buffer[32];
	FILE *file;
	gsize n;

	/* stdio rather than g_file_get_contents: called at BOM and EOM of every
	 * connection, from the test threads, without an allocation per read */
	file = fopen(filename, "re");
	if (file == NULL)
		return FALSE;
	n = fread(buffer, 1, sizeof(buffer) - 1, file);
	fclose(file);
	if (n == 0)
		return FALSE;
	buffer[n] = '\0';
	*out = g_ascii_strtoull(buffer, NULL, 10);
	return TRUE;
}

/**
 * cwmp_tr143_util_read_counters:
 * @ifname: (nullable): a Linux interface name
 *
 * Bytes at the IP layer of the interface (what TR-181 calls TotalBytes);
 * zeroes and %FALSE when there is no such interface.
 */
gboolean
cwmp_tr143_util_read_counters(const gchar *ifname, guint64 *rx_bytes, guint64 *tx_bytes)
{
	*rx_bytes = 0;
	*tx_bytes = 0;
	if (ifname == NULL || strchr(ifname, '/') != NULL || ifname[0] == '.')
		return FALSE;
	return cwmp_tr143_util_read_counter(ifname, "rx_bytes", rx_bytes) &&
	       cwmp_tr143_util_read_counter(ifname, "tx_bytes", tx_bytes);
}

/**
 * cwmp_tr143_util_new_store:
 * @self: the plugin
 * @name: the file name, tr143-<diagnostic>.state
 *
 * Returns: (transfer full) (nullable): the store in the plugin's state
 *   directory, %NULL when the plugin has none (tests without one)
 */
CwmpStore *
cwmp_tr143_util_new_store(CwmpTr143Plugin *self, const gchar *name)
{
	const gchar *directory;

	if (self->ctx == NULL)
		return NULL;
	directory = cwmp_plugin_context_get_state_directory(self->ctx);
	if (directory == NULL)
		return NULL;
	return cwmp_store_new(directory, name, "tr143");
}

/**
 * cwmp_tr143_util_parse_uint:
 * @value: an unsignedInt parameter value
 * @min: the smallest value the parameter takes
 * @max: the largest
 *
 * Returns: %FALSE with a 9007 fault when @value is no number or out of range
 */
gboolean
cwmp_tr143_util_parse_uint(const gchar *value, guint min, guint max, guint *out, GError **error)
{
	guint32 parsed = 0;

	if (!cwmp_value_parse_unsigned_int(value, &parsed, error))
		return FALSE;
	if (parsed < min || parsed > max) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s is not in [%u, %u]", value, min, max);
		return FALSE;
	}
	*out = parsed;
	return TRUE;
}

/* ProtocolVersion: Any, IPv4 or IPv6 */
gboolean
cwmp_tr143_util_validate_protocol_version(const gchar *value, GError **error)
{
	if (g_strcmp0(value, "Any") == 0 || g_strcmp0(value, "IPv4") == 0 ||
	    g_strcmp0(value, "IPv6") == 0)
		return TRUE;
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
		    "ProtocolVersion %s: not Any, IPv4 or IPv6", value);
	return FALSE;
}

/* Returns: the socket family of a ProtocolVersion, 0 for Any */
gint
cwmp_tr143_util_protocol_family(const gchar *protocol_version)
{
	if (g_strcmp0(protocol_version, "IPv4") == 0)
		return G_SOCKET_FAMILY_IPV4;
	if (g_strcmp0(protocol_version, "IPv6") == 0)
		return G_SOCKET_FAMILY_IPV6;
	return 0;
}

/* the enumerate side of a result table: rows with the keys 1..@n */
void
cwmp_tr143_util_add_rows(CwmpDmInstanceList *list, guint n)
{
	for (guint i = 1; i <= n; i++) {
		g_autofree gchar *key = g_strdup_printf("%u", i);
		cwmp_dm_instance_list_add(list, key, NULL, NULL);
	}
}

/* Returns: the key of a row of a result table (1..n), 0 when it is none */
guint
cwmp_tr143_util_row_index(CwmpDmObject *row)
{
	guint64 index = 0;

	if (!g_ascii_string_to_unsigned(cwmp_dm_object_get_key(row), 10, 1, G_MAXUINT, &index,
					NULL))
		return 0;
	return (guint) index;
}
