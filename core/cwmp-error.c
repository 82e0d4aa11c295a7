/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "cwmp-error.h"

/* clang-format would put spaces around the dashes of the quark names */
/* clang-format off */
G_DEFINE_QUARK(cwmp-fault-quark, cwmp_fault)
G_DEFINE_QUARK(cwmp-plugin-error-quark, cwmp_plugin_error)
G_DEFINE_QUARK(cwmp-error-quark, cwmp_error)
/* clang-format on */

typedef struct {
	gint	     code;
	const gchar *str;
	gboolean     client; /* SOAP faultcode Client rather than Server */
	const gchar *name;   /* org.cwmpd.Agent1.Error.Fault.<name> on D-Bus; CPE faults only */
} CwmpErrorFaultEntry;

/* TR-069 Amendment 6 tables of ACS and CPE fault codes */
static const CwmpErrorFaultEntry cwmp_error_fault_table[] = {
    {8000, "Method not supported", FALSE},
    {8001, "Request denied (no reason specified)", FALSE},
    {8002, "Internal error", FALSE},
    {8003, "Invalid arguments", TRUE},
    {8004, "Resources exceeded", FALSE},
    {8005, "Retry request", FALSE},
    {8006, "ACS version incompatible with CPE", FALSE},
    {9000, "Method not supported", FALSE, "MethodNotSupported"},
    {9001, "Request denied (no reason specified)", FALSE, "RequestDenied"},
    {9002, "Internal error", FALSE, "InternalError"},
    {9003, "Invalid arguments", TRUE, "InvalidArguments"},
    {9004, "Resources exceeded", FALSE, "ResourcesExceeded"},
    {9005, "Invalid parameter name", TRUE, "InvalidParameterName"},
    {9006, "Invalid parameter type", TRUE, "InvalidParameterType"},
    {9007, "Invalid parameter value", TRUE, "InvalidParameterValue"},
    {9008, "Attempt to set a non-writable parameter", TRUE, "NonWritableParameter"},
    {9009, "Notification request rejected", FALSE, "NotificationRejected"},
    {9010, "File transfer failure", FALSE, "DownloadFailure"},
    {9011, "Upload failure", FALSE, "UploadFailure"},
    {9012, "File transfer server authentication failure", FALSE, "TransferAuthenticationFailure"},
    {9013, "Unsupported protocol for file transfer", FALSE, "UnsupportedProtocol"},
    {9014, "File transfer failure: unable to join multicast group", FALSE, "MulticastJoinFailure"},
    {9015, "File transfer failure: unable to contact file server", FALSE, "ContactServerFailure"},
    {9016, "File transfer failure: unable to access file", FALSE, "AccessFileFailure"},
    {9017, "File transfer failure: unable to complete download", FALSE, "CompleteDownloadFailure"},
    {9018, "File transfer failure: file corrupted or otherwise unusable", FALSE, "FileCorrupted"},
    {9019, "File transfer failure: file authentication failure", FALSE,
     "FileAuthenticationFailure"},
    {9020, "File transfer failure: unable to complete download within the specified time windows",
     TRUE, "WindowExpired"},
    {9021, "Cancelation of file transfer not permitted in current transfer state", TRUE,
     "CancelNotPermitted"},
    {9022, "Invalid UUID format", FALSE, "InvalidUUID"},
    {9023, "Unknown Execution Environment", FALSE, "UnknownExecutionEnvironment"},
    {9024, "Disabled Execution Environment", FALSE, "DisabledExecutionEnvironment"},
    {9025, "Deployment Unit to Execution Environment mismatch", FALSE, "DeploymentUnitMismatch"},
    {9026, "Duplicate Deployment Unit", FALSE, "DuplicateDeploymentUnit"},
    {9027, "System resources exceeded", FALSE, "SystemResourcesExceeded"},
    {9028, "Unknown Deployment Unit", FALSE, "UnknownDeploymentUnit"},
    {9029, "Invalid Deployment Unit state", FALSE, "InvalidDeploymentUnitState"},
    {9030, "Invalid DU update: downgrade not permitted", FALSE,
     "DeploymentUnitDowngradeNotPermitted"},
    {9031, "Invalid DU update: version not specified", FALSE, "DeploymentUnitVersionNotSpecified"},
    {9032, "Invalid DU update: version already exists", FALSE, "DeploymentUnitVersionExists"},
};

/* names as registered on D-Bus, in the order of CwmpError */
static const gchar *const cwmp_error_names[] = {
    [CWMP_ERROR_INTERNAL] = "org.cwmpd.Agent1.Error.Internal",
    [CWMP_ERROR_NOT_FOUND] = "org.cwmpd.Agent1.Error.NotFound",
    [CWMP_ERROR_INVALID_DATA] = "org.cwmpd.Agent1.Error.InvalidData",
    [CWMP_ERROR_CORRUPT] = "org.cwmpd.Agent1.Error.Corrupt",
    [CWMP_ERROR_VERSION] = "org.cwmpd.Agent1.Error.Version",
    [CWMP_ERROR_IO] = "org.cwmpd.Agent1.Error.IO",
    [CWMP_ERROR_CONFIG] = "org.cwmpd.Agent1.Error.Config",
    [CWMP_ERROR_EXISTS] = "org.cwmpd.Agent1.Error.Exists",
    [CWMP_ERROR_SCHEMA] = "org.cwmpd.Agent1.Error.Schema",
};

G_STATIC_ASSERT(G_N_ELEMENTS(cwmp_error_names) == CWMP_ERROR_LAST);

static const CwmpErrorFaultEntry *
cwmp_error_fault_lookup(gint code)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_error_fault_table); i++) {
		if (cwmp_error_fault_table[i].code == code)
			return &cwmp_error_fault_table[i];
	}
	return NULL;
}

/**
 * cwmp_fault_to_string:
 * @code: a CWMP fault code
 *
 * Gets the standard FaultString of a CWMP fault code.
 *
 * Returns: the TR-069 text of @code, "Vendor defined fault" for the vendor
 * ranges 8800-8899 and 9800-9899, or %NULL for a code TR-069 does not define
 *
 * Since: 1.0
 */
const gchar *
cwmp_fault_to_string(gint code)
{
	const CwmpErrorFaultEntry *entry = cwmp_error_fault_lookup(code);

	if (entry != NULL)
		return entry->str;
	if ((code >= 9800 && code <= 9899) || (code >= 8800 && code <= 8899))
		return "Vendor defined fault";
	return NULL;
}

/**
 * cwmp_fault_to_name:
 * @code: a CWMP fault code
 *
 * Gets the CamelCase name of a CPE fault, as cwmpd names it on D-Bus
 * (org.cwmpd.Agent1.Error.Fault.<name>).
 *
 * Returns: the name, or %NULL for a code with none (vendor and ACS faults)
 *
 * Since: 1.0
 */
const gchar *
cwmp_fault_to_name(gint code)
{
	const CwmpErrorFaultEntry *entry = cwmp_error_fault_lookup(code);
	return entry != NULL ? entry->name : NULL;
}

/**
 * cwmp_fault_from_name:
 * @name: (nullable): a name from cwmp_fault_to_name(), or a vendor fault's
 *   name ending in its code ("Vendor9801")
 *
 * Returns: the fault code, or 0 if @name is not one
 *
 * Since: 1.0
 */
gint
cwmp_fault_from_name(const gchar *name)
{
	const gchar *digits;
	guint64	     code = 0;

	if (name == NULL || name[0] == '\0')
		return 0;
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_error_fault_table); i++) {
		if (g_strcmp0(cwmp_error_fault_table[i].name, name) == 0)
			return cwmp_error_fault_table[i].code;
	}
	digits = name + strlen(name);
	while (digits > name && g_ascii_isdigit(digits[-1]))
		digits--;
	if (strlen(digits) != 4 || !g_ascii_string_to_unsigned(digits, 10, 8000, 9899, &code, NULL))
		return 0;
	return (gint) code;
}

/**
 * cwmp_fault_is_client:
 * @code: a CWMP fault code
 *
 * Tells whether the SOAP faultcode of @code is "Client" (the request content
 * is at fault) rather than "Server".
 *
 * Returns: %TRUE for a client fault; %FALSE for server, vendor and unknown codes
 *
 * Since: 1.0
 */
gboolean
cwmp_fault_is_client(gint code)
{
	const CwmpErrorFaultEntry *entry = cwmp_error_fault_lookup(code);
	return entry != NULL && entry->client;
}

/**
 * cwmp_error_to_fault:
 * @error: (nullable): an error
 *
 * Gets the CWMP fault code to send for @error.
 *
 * Returns: the code of a %CWMP_FAULT error that is a CPE fault code
 * (9000-9899), else %CWMP_FAULT_INTERNAL_ERROR
 *
 * Since: 1.0
 */
gint
cwmp_error_to_fault(const GError *error)
{
	if (error == NULL || error->domain != CWMP_FAULT)
		return CWMP_FAULT_INTERNAL_ERROR;
	if (error->code < 9000 || error->code > 9899)
		return CWMP_FAULT_INTERNAL_ERROR;
	return error->code;
}

/**
 * cwmp_error_to_string:
 * @error: a #CwmpError
 *
 * Gets the D-Bus error name of a #CwmpError.
 *
 * Returns: a name such as "org.cwmpd.Agent1.Error.NotFound", or %NULL
 *
 * Since: 1.0
 */
const gchar *
cwmp_error_to_string(CwmpError error)
{
	if ((guint) error >= CWMP_ERROR_LAST)
		return NULL;
	return cwmp_error_names[error];
}

/**
 * cwmp_error_from_string:
 * @str: (nullable): a D-Bus error name
 *
 * Converts a name from cwmp_error_to_string() back.
 *
 * Returns: the #CwmpError, or %CWMP_ERROR_LAST if @str is not one
 *
 * Since: 1.0
 */
CwmpError
cwmp_error_from_string(const gchar *str)
{
	if (str == NULL)
		return CWMP_ERROR_LAST;
	for (guint i = 0; i < CWMP_ERROR_LAST; i++) {
		if (g_strcmp0(str, cwmp_error_names[i]) == 0)
			return (CwmpError) i;
	}
	return CWMP_ERROR_LAST;
}

static CwmpError
cwmp_error_code_from_errno(gint errsv)
{
	switch (errsv) {
	case ENOENT:
	case ENOTDIR:
		return CWMP_ERROR_NOT_FOUND;
	case EEXIST:
	case ENOTEMPTY:
		return CWMP_ERROR_EXISTS;
	case EINVAL:
	case ENOMEM:
	case EBADF:
	case EFAULT:
		return CWMP_ERROR_INTERNAL;
	case EILSEQ:
	case EBADMSG:
		return CWMP_ERROR_INVALID_DATA;
	default:
		/* ENOSPC, EDQUOT, EIO, EROFS, EACCES, EPERM, ... */
		return CWMP_ERROR_IO;
	}
}

/**
 * cwmp_error_convert_errno:
 * @error: (nullable): a #GError, or %NULL
 * @errsv: an errno value, saved right after the failing call
 *
 * Converts an errno value into a %CWMP_ERROR at the boundary to the system.
 * If *@error is unset it becomes a new error whose message is g_strerror()
 * of @errsv; add context with g_prefix_error(). If *@error is already set
 * (for example a %G_IO_ERROR from GIO) its domain and code become the
 * %CWMP_ERROR that @errsv maps to and its message is kept. ENOSPC, EDQUOT,
 * EIO, EROFS, EACCES and EPERM map to %CWMP_ERROR_IO, ENOENT to
 * %CWMP_ERROR_NOT_FOUND, EEXIST to %CWMP_ERROR_EXISTS. Does nothing when
 * @error is %NULL.
 *
 * Since: 1.0
 */
void
cwmp_error_convert_errno(GError **error, gint errsv)
{
	CwmpError code = cwmp_error_code_from_errno(errsv);

	if (error == NULL)
		return;
	if (*error == NULL) {
		g_set_error_literal(error, CWMP_ERROR, code, g_strerror(errsv));
		return;
	}
	(*error)->domain = CWMP_ERROR;
	(*error)->code = code;
}
