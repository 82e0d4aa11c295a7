/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* the file says "mismatch", the descriptor says "other" */

#include "config.h"

#include "cwmpd-plugin.h"

static gboolean
cwmp_test_plugin_mismatch_register(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INTERNAL, "must never be called");
	return FALSE;
}

G_MODULE_EXPORT const CwmpPluginDesc *
cwmp_plugin_mismatch_get_info(void);

G_MODULE_EXPORT const CwmpPluginDesc *
cwmp_plugin_mismatch_get_info(void)
{
	static const CwmpPluginDesc desc = {
	    .abi_major = CWMP_PLUGIN_ABI_MAJOR,
	    .abi_minor = CWMP_PLUGIN_ABI_MINOR,
	    .size = sizeof(CwmpPluginDesc),
	    .name = "other",
	    .version = "1.0",
	    .register_dm = cwmp_test_plugin_mismatch_register,
	};
	return &desc;
}
