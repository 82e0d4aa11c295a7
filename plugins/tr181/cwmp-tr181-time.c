/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* Device.Time.: the system clock and the time zone the ACS configures */

#include "config.h"

#include "cwmpd-plugin.h"

#include <errno.h>
#include <string.h>
#include <sys/timex.h>

#include "cwmp-tr181-private.h"

/**
 * cwmp_tr181_time_is_synchronized:
 * @synchronized: (out): whether the kernel considers its clock synchronised
 * @error: a #GError, or %NULL
 *
 * Asks the kernel through ntp_adjtime(2) with no modes set, which changes
 * nothing and needs no privilege. Whatever disciplines the clock (chrony,
 * ntpd, systemd-timesyncd) clears STA_UNSYNC once it has set the time.
 *
 * Returns: %FALSE with CWMP_FAULT_INTERNAL_ERROR when the call fails
 */
gboolean
cwmp_tr181_time_is_synchronized(gboolean *synchronized, GError **error)
{
	struct timex tx = {.modes = 0};
	gint	     rc = ntp_adjtime(&tx);

	if (rc < 0) {
		gint errsv = errno;
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "failed to read the clock state with ntp_adjtime: %s",
			    g_strerror(errsv));
		return FALSE;
	}
	*synchronized = rc != TIME_ERROR && (tx.status & STA_UNSYNC) == 0;
	return TRUE;
}

/* POSIX TZ "std offset [dst [offset] [,rule]]": std is three or more letters, or <...> */
static const gchar *
cwmp_tr181_time_skip_zone_name(const gchar *p)
{
	const gchar *start;

	if (*p == '<') {
		start = ++p;
		while (g_ascii_isalnum(*p) || *p == '+' || *p == '-')
			p++;
		if (*p != '>' || p - start < 3)
			return NULL;
		return p + 1;
	}
	start = p;
	while (g_ascii_isalpha(*p))
		p++;
	return p - start >= 3 ? p : NULL;
}

/**
 * cwmp_tr181_time_check_time_zone:
 * @value: a LocalTimeZone value
 * @error: a #GError, or %NULL
 *
 * Checks a time zone loosely against IEEE 1003.1 TZ: printable ASCII, a
 * standard zone name and an offset, then anything printable (the daylight
 * saving part, whose rule syntax is left to the consumer). The ":"-prefixed
 * implementation-defined form is accepted too. The schema's 256-character
 * limit is checked here as well, so the setter stands alone.
 *
 * Returns: %TRUE when acceptable, or %FALSE with CWMP_FAULT_INVALID_PARAMETER_VALUE
 */
gboolean
cwmp_tr181_time_check_time_zone(const gchar *value, GError **error)
{
	const gchar *p;
	gsize	     len = strlen(value);

	if (len == 0 || len > 256) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "time zone must be 1 to 256 characters, not %" G_GSIZE_FORMAT, len);
		return FALSE;
	}
	for (p = value; *p != '\0'; p++) {
		if (!g_ascii_isprint(*p)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "time zone has a non-printable character at offset "
				    "%" G_GSIZE_FORMAT,
				    (gsize) (p - value));
			return FALSE;
		}
	}
	if (value[0] == ':') {
		if (value[1] == '\0') {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
					    "time zone ':' names nothing");
			return FALSE;
		}
		return TRUE;
	}
	p = cwmp_tr181_time_skip_zone_name(value);
	if (p == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "time zone '%s' does not start with a zone name of three or more "
			    "letters",
			    value);
		return FALSE;
	}
	if (*p == '+' || *p == '-')
		p++;
	if (!g_ascii_isdigit(*p)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "time zone '%s' has no UTC offset after its zone name", value);
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_tr181_time_format_local:
 * @now: the time to format
 * @posix_tz: (nullable): a LocalTimeZone value, or %NULL for the system's zone
 *
 * Formats @now as a CWMP dateTime in the zone @posix_tz describes, with its
 * UTC offset ("2026-03-01T14:05:09+01:00"). A zone GLib cannot interpret
 * falls back to the system's local zone.
 *
 * Returns: (transfer full): the dateTime
 */
gchar *
cwmp_tr181_time_format_local(GDateTime *now, const gchar *posix_tz)
{
	g_autoptr(GTimeZone) tz = NULL;
	g_autoptr(GDateTime) local = NULL;

	if (posix_tz != NULL && posix_tz[0] != '\0') {
		/* the TR-181 example has a space after the offset, which POSIX does not */
		g_autofree gchar *compact = g_strdup(posix_tz);
		gchar		 *dst = compact;
		for (const gchar *src = posix_tz; *src != '\0'; src++) {
			if (*src != ' ')
				*dst++ = *src;
		}
		*dst = '\0';
		tz = g_time_zone_new_identifier(compact[0] == ':' ? compact + 1 : compact);
	}
	if (tz == NULL)
		tz = g_time_zone_new_local();
	local = g_date_time_to_timezone(now, tz);
	return g_date_time_format(local, "%Y-%m-%dT%H:%M:%S%:z");
}

static gchar *
cwmp_tr181_time_get_status(CwmpDmObject *object,
			   const gchar	*name,
			   gpointer	 user_data,
			   GError      **error)
{
	gboolean synchronized = FALSE;

	if (!cwmp_tr181_time_is_synchronized(&synchronized, error))
		return NULL;
	return g_strdup(synchronized ? "Synchronized" : "Unsynchronized");
}

static gchar *
cwmp_tr181_time_get_current_local_time(CwmpDmObject *object,
				       const gchar  *name,
				       gpointer	     user_data,
				       GError	   **error)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	const gchar *posix_tz = object != NULL ? cwmp_dm_object_get_stored(object, "LocalTimeZone")
					       : NULL;

	return cwmp_tr181_time_format_local(now, posix_tz);
}

static gboolean
cwmp_tr181_time_validate_local_time_zone(CwmpDmObject *object,
					 const gchar  *name,
					 const gchar  *value,
					 gpointer      user_data,
					 GError	     **error)
{
	return cwmp_tr181_time_check_time_zone(value, error);
}

static const CwmpDmParamDef cwmp_tr181_time_params[] = {
    {.name = "Enable", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "Status", .get = cwmp_tr181_time_get_status},
    {.name = "CurrentLocalTime",
     .get = cwmp_tr181_time_get_current_local_time,
     .flags = CWMP_DM_PARAM_FLAG_VOLATILE},
    {.name = "LocalTimeZone",
     .validate = cwmp_tr181_time_validate_local_time_zone,
     .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = NULL},
};

const CwmpDmObjectDef cwmp_tr181_time_object = {
    .path = "Device.Time.",
    .params = cwmp_tr181_time_params,
};

static const CwmpDmObjectDef *const cwmp_tr181_time_module_objects[] = {
    &cwmp_tr181_time_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_time_module = {
    .name = "time",
    .objects = cwmp_tr181_time_module_objects,
};
