/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* built for a future ABI major: must be refused before any other field is read */

#include "config.h"

#include "cwmpd-plugin.h"

static gboolean
cwmp_test_plugin_abi_major_register(CwmpPluginContext *ctx,
				    CwmpDmRegistry    *registry,
				    GError	     **error)
{
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INTERNAL, "must never be called");
	return FALSE;
}

G_MODULE_EXPORT const CwmpPluginDesc *
cwmp_plugin_abi_major_get_info(void);

G_MODULE_EXPORT const CwmpPluginDesc *
cwmp_plugin_abi_major_get_info(void)
{
	static const CwmpPluginDesc desc = {
	    .abi_major = CWMP_PLUGIN_ABI_MAJOR + 1,
	    .abi_minor = 0,
	    .size = sizeof(CwmpPluginDesc),
	    .name = "abi_major",
	    .version = "1.0",
	    .register_dm = cwmp_test_plugin_abi_major_register,
	};
	return &desc;
}
