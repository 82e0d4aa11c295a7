/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CWMP_FAULT:
 *
 * Error domain whose codes are CWMP fault numbers (TR-069 table of CPE fault
 * codes, 9000-9899). A SOAP Fault is built straight from the code.
 *
 * Since: 1.0
 */
#define CWMP_FAULT (cwmp_fault_quark())

typedef enum {
	CWMP_FAULT_METHOD_NOT_SUPPORTED = 9000,
	CWMP_FAULT_REQUEST_DENIED = 9001,
	CWMP_FAULT_INTERNAL_ERROR = 9002,
	CWMP_FAULT_INVALID_ARGUMENTS = 9003,
	CWMP_FAULT_RESOURCES_EXCEEDED = 9004,
	CWMP_FAULT_INVALID_PARAMETER_NAME = 9005,
	CWMP_FAULT_INVALID_PARAMETER_TYPE = 9006,
	CWMP_FAULT_INVALID_PARAMETER_VALUE = 9007,
	CWMP_FAULT_NON_WRITABLE_PARAMETER = 9008,
	CWMP_FAULT_NOTIFICATION_REJECTED = 9009,
	CWMP_FAULT_DOWNLOAD_FAILURE = 9010,
	CWMP_FAULT_UPLOAD_FAILURE = 9011,
	CWMP_FAULT_TRANSFER_AUTH_FAILURE = 9012,
	CWMP_FAULT_UNSUPPORTED_PROTOCOL = 9013,
	CWMP_FAULT_MULTICAST_JOIN_FAILURE = 9014,
	CWMP_FAULT_CONTACT_SERVER_FAILURE = 9015,
	CWMP_FAULT_ACCESS_FILE_FAILURE = 9016,
	CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE = 9017,
	CWMP_FAULT_FILE_CORRUPTED = 9018,
	CWMP_FAULT_FILE_AUTHENTICATION = 9019,
	CWMP_FAULT_WINDOW_EXPIRED = 9020,
	CWMP_FAULT_CANCEL_NOT_PERMITTED = 9021,
	CWMP_FAULT_INVALID_UUID = 9022,
	CWMP_FAULT_UNKNOWN_EXEC_ENV = 9023,
	CWMP_FAULT_DISABLED_EXEC_ENV = 9024,
	CWMP_FAULT_DU_EE_MISMATCH = 9025,
	CWMP_FAULT_DUPLICATE_DU = 9026,
	CWMP_FAULT_SYSTEM_RESOURCES_EXCEEDED = 9027,
	CWMP_FAULT_UNKNOWN_DU = 9028,
	CWMP_FAULT_INVALID_DU_STATE = 9029,
	CWMP_FAULT_DU_DOWNGRADE = 9030,
	CWMP_FAULT_DU_VERSION_NOT_SPECIFIED = 9031,
	CWMP_FAULT_DU_VERSION_EXISTS = 9032,
} CwmpFault;

/**
 * CWMP_PLUGIN_ERROR:
 *
 * Error domain for plugin loading and ABI failures.
 *
 * Since: 1.0
 */
#define CWMP_PLUGIN_ERROR (cwmp_plugin_error_quark())

typedef enum {
	CWMP_PLUGIN_ERROR_MODULE,     /* dlopen failed, or a symbol could not be bound */
	CWMP_PLUGIN_ERROR_SYMBOL,     /* the get_info entry point is missing */
	CWMP_PLUGIN_ERROR_ABI,	      /* ABI major differs, or the minor is newer */
	CWMP_PLUGIN_ERROR_DESCRIPTOR, /* a descriptor field is missing or wrong */
	CWMP_PLUGIN_ERROR_UNSAFE,     /* the file failed the ownership/permission check */
	CWMP_PLUGIN_ERROR_REGISTER,   /* the register callback failed */
	CWMP_PLUGIN_ERROR_START,      /* the start callback failed */
	CWMP_PLUGIN_ERROR_DISABLED,   /* listed in DisabledPlugins */
	CWMP_PLUGIN_ERROR_DUPLICATE,  /* a plugin of that name is already loaded */
} CwmpPluginError;

/**
 * CWMP_ERROR:
 *
 * Error domain for everything internal that is not a CWMP fault.
 *
 * Since: 1.0
 */
#define CWMP_ERROR (cwmp_error_quark())

typedef enum {
	CWMP_ERROR_INTERNAL,
	CWMP_ERROR_NOT_FOUND,
	CWMP_ERROR_INVALID_DATA,
	CWMP_ERROR_CORRUPT, /* a state file is truncated or damaged */
	CWMP_ERROR_VERSION, /* a state file is of a format version we cannot read */
	CWMP_ERROR_IO,	    /* a read, write, fsync or rename failed */
	CWMP_ERROR_CONFIG,  /* a configuration file is wrong */
	CWMP_ERROR_EXISTS,  /* something is already there */
	CWMP_ERROR_SCHEMA,  /* a registration does not match the schema */
	CWMP_ERROR_LAST,
} CwmpError;

GQuark
cwmp_fault_quark(void);
GQuark
cwmp_plugin_error_quark(void);
GQuark
cwmp_error_quark(void);

const gchar *
cwmp_fault_to_string(gint code);
const gchar *
cwmp_fault_to_name(gint code);
gint
cwmp_fault_from_name(const gchar *name);
gboolean
cwmp_fault_is_client(gint code);
gint
cwmp_error_to_fault(const GError *error);
const gchar *
cwmp_error_to_string(CwmpError error);
CwmpError
cwmp_error_from_string(const gchar *str);
void
cwmp_error_convert_errno(GError **error, gint errsv);

G_END_DECLS
