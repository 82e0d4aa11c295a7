/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cwmp-ctl-fault.h"
#include "cwmp-error.h"

/* the fault names come from the table of core/cwmp-error.c, which the daemon
 * registers on D-Bus too: one table for both ends */

/**
 * cwmp_ctl_fault_from_dbus_error:
 * @error: an error from a D-Bus call
 * @code: (out) (optional): the fault code, 0 if the name is unknown
 * @name: (out) (optional): the fault's name, such as "InvalidParameterName"
 * @message: (out) (optional): the daemon's message, without the D-Bus name
 *
 * Returns: %TRUE if @error is a remote org.cwmpd.Agent1.Error.Fault.<Name>
 */
gboolean
cwmp_ctl_fault_from_dbus_error(const GError *error, gint *code, gchar **name, gchar **message)
{
	g_autofree gchar *remote = NULL;
	const gchar	 *fault_name;

	if (error == NULL || !g_dbus_error_is_remote_error(error))
		return FALSE;
	remote = g_dbus_error_get_remote_error(error);
	if (remote == NULL || !g_str_has_prefix(remote, CWMP_CTL_FAULT_DBUS_PREFIX))
		return FALSE;
	fault_name = remote + strlen(CWMP_CTL_FAULT_DBUS_PREFIX);
	if (code != NULL)
		*code = cwmp_fault_from_name(fault_name);
	if (name != NULL)
		*name = g_strdup(fault_name);
	if (message != NULL) {
		g_autoptr(GError) copy = g_error_copy(error);
		g_dbus_error_strip_remote_error(copy);
		*message = g_strdup(copy->message);
	}
	return TRUE;
}
