/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.: which diagnostics work, per address family. Each
 * value comes from the module that implements the test (its
 * cwmp_tr143_<module>_is_supported()), so a module that is not built or not
 * able to run reports false. The ping, traceroute and server-selection
 * functions are written on another branch: until it is merged they are weak
 * references and read false.
 */

#include "config.h"

#include <gio/gio.h>

#include "cwmp-tr143-private.h"

#pragma weak cwmp_tr143_ping_is_supported
#pragma weak cwmp_tr143_traceroute_is_supported
#pragma weak cwmp_tr143_server_selection_is_supported

typedef gboolean (*CwmpTr143CapabilitiesFunc)(gint family);

typedef struct {
	const gchar		 *name;
	CwmpTr143CapabilitiesFunc func;
	gint			  family;
} CwmpTr143CapabilitiesEntry;

static const CwmpTr143CapabilitiesEntry cwmp_tr143_capabilities_entries[] = {
    {"IPv4PingSupported", cwmp_tr143_ping_is_supported, G_SOCKET_FAMILY_IPV4},
    {"IPv6PingSupported", cwmp_tr143_ping_is_supported, G_SOCKET_FAMILY_IPV6},
    {"IPv4TraceRouteSupported", cwmp_tr143_traceroute_is_supported, G_SOCKET_FAMILY_IPV4},
    {"IPv6TraceRouteSupported", cwmp_tr143_traceroute_is_supported, G_SOCKET_FAMILY_IPV6},
    {"IPv4DownloadDiagnosticsSupported", cwmp_tr143_http_is_supported, G_SOCKET_FAMILY_IPV4},
    {"IPv6DownloadDiagnosticsSupported", cwmp_tr143_http_is_supported, G_SOCKET_FAMILY_IPV6},
    {"IPv4UploadDiagnosticsSupported", cwmp_tr143_http_is_supported, G_SOCKET_FAMILY_IPV4},
    {"IPv6UploadDiagnosticsSupported", cwmp_tr143_http_is_supported, G_SOCKET_FAMILY_IPV6},
    {"IPv4UDPEchoDiagnosticsSupported", cwmp_tr143_udpecho_is_supported, G_SOCKET_FAMILY_IPV4},
    {"IPv6UDPEchoDiagnosticsSupported", cwmp_tr143_udpecho_is_supported, G_SOCKET_FAMILY_IPV6},
    /* IP Layer Capacity (TR-471) is not implemented */
    {"IPLayerCapacitySupported", NULL, 0},
    {"IPv4ServerSelectionDiagnosticsSupported", cwmp_tr143_server_selection_is_supported,
     G_SOCKET_FAMILY_IPV4},
    {"IPv6ServerSelectionDiagnosticsSupported", cwmp_tr143_server_selection_is_supported,
     G_SOCKET_FAMILY_IPV6},
};

static gchar *
cwmp_tr143_capabilities_get(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_tr143_capabilities_entries); i++) {
		const CwmpTr143CapabilitiesEntry *entry = &cwmp_tr143_capabilities_entries[i];
		if (g_strcmp0(entry->name, name) != 0)
			continue;
		return g_strdup(entry->func != NULL && entry->func(entry->family) ? "true"
										  : "false");
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "unknown parameter %s",
		    name);
	return NULL;
}

#define CWMP_TR143_CAPABILITIES_PARAM(n)                                                           \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_capabilities_get,                                     \
	}

static const CwmpDmParamDef cwmp_tr143_capabilities_params[] = {
    CWMP_TR143_CAPABILITIES_PARAM("IPv4PingSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv6PingSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv4TraceRouteSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv6TraceRouteSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv4DownloadDiagnosticsSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv6DownloadDiagnosticsSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv4UploadDiagnosticsSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv6UploadDiagnosticsSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv4UDPEchoDiagnosticsSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv6UDPEchoDiagnosticsSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPLayerCapacitySupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv4ServerSelectionDiagnosticsSupported"),
    CWMP_TR143_CAPABILITIES_PARAM("IPv6ServerSelectionDiagnosticsSupported"),
    {NULL},
};

static const CwmpDmObjectDef cwmp_tr143_capabilities_object = {
    .path = "Device.IP.Diagnostics.",
    .params = cwmp_tr143_capabilities_params,
};

static const CwmpDmObjectDef *const cwmp_tr143_capabilities_objects[] = {
    &cwmp_tr143_capabilities_object,
    NULL,
};

const CwmpTr143Module cwmp_tr143_capabilities_module = {
    .name = "capabilities",
    .objects = cwmp_tr143_capabilities_objects,
};
