/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cwmp-ctl-fault.h"

typedef struct {
	gint	     code;
	const gchar *name;
} CwmpCtlFaultEntry;

/* the D-Bus names of the CWMP faults, org.cwmpd.Agent1.Error.Fault.<name>,
 * as the daemon registers them (cwmp_dbus_daemon_fault_name() of
 * core/cwmp-dbus-daemon.c); tests/cwmp-ctl-test.c checks the two agree.
 * cwmpctl does not link the core, hence the copy */
static const CwmpCtlFaultEntry cwmp_ctl_fault_table[] = {
    {9000, "MethodNotSupported"},
    {9001, "RequestDenied"},
    {9002, "InternalError"},
    {9003, "InvalidArguments"},
    {9004, "ResourcesExceeded"},
    {9005, "InvalidParameterName"},
    {9006, "InvalidParameterType"},
    {9007, "InvalidParameterValue"},
    {9008, "NonWritableParameter"},
    {9009, "NotificationRejected"},
    {9010, "DownloadFailure"},
    {9011, "UploadFailure"},
    {9012, "TransferAuthenticationFailure"},
    {9013, "UnsupportedProtocol"},
    {9014, "MulticastJoinFailure"},
    {9015, "ContactServerFailure"},
    {9016, "AccessFileFailure"},
    {9017, "CompleteDownloadFailure"},
    {9018, "FileCorrupted"},
    {9019, "FileAuthenticationFailure"},
    {9020, "WindowExpired"},
    {9021, "CancelNotPermitted"},
    {9022, "InvalidUUID"},
    {9023, "UnknownExecutionEnvironment"},
    {9024, "DisabledExecutionEnvironment"},
    {9025, "DeploymentUnitMismatch"},
    {9026, "DuplicateDeploymentUnit"},
    {9027, "SystemResourcesExceeded"},
    {9028, "UnknownDeploymentUnit"},
    {9029, "InvalidDeploymentUnitState"},
    {9030, "DeploymentUnitDowngradeNotPermitted"},
    {9031, "DeploymentUnitVersionNotSpecified"},
    {9032, "DeploymentUnitVersionExists"},
};

/**
 * cwmp_ctl_fault_to_name:
 * @code: a CWMP fault code
 *
 * Returns: the CamelCase name of @code, or %NULL for a code with no name
 * (the vendor range among them)
 */
const gchar *
cwmp_ctl_fault_to_name(gint code)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_ctl_fault_table); i++) {
		if (cwmp_ctl_fault_table[i].code == code)
			return cwmp_ctl_fault_table[i].name;
	}
	return NULL;
}

/**
 * cwmp_ctl_fault_from_name:
 * @name: (nullable): a fault name such as "InvalidParameterName"
 *
 * Vendor faults have no name of their own: a name that ends in the code
 * ("Vendor9801") gives that code.
 *
 * Returns: the fault code, or 0 if @name is not one
 */
gint
cwmp_ctl_fault_from_name(const gchar *name)
{
	const gchar *digits;
	guint64	     code = 0;

	if (name == NULL || name[0] == '\0')
		return 0;
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_ctl_fault_table); i++) {
		if (g_strcmp0(cwmp_ctl_fault_table[i].name, name) == 0)
			return cwmp_ctl_fault_table[i].code;
	}
	digits = name + strlen(name);
	while (digits > name && g_ascii_isdigit(digits[-1]))
		digits--;
	if (strlen(digits) != 4 || !g_ascii_string_to_unsigned(digits, 10, 8000, 9899, &code, NULL))
		return 0;
	return (gint) code;
}

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
		*code = cwmp_ctl_fault_from_name(fault_name);
	if (name != NULL)
		*name = g_strdup(fault_name);
	if (message != NULL) {
		g_autoptr(GError) copy = g_error_copy(error);
		g_dbus_error_strip_remote_error(copy);
		*message = g_strdup(copy->message);
	}
	return TRUE;
}
