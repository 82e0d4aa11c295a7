/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* registers fine, then fails to start: its object must go away */

#include "config.h"

#include "cwmpd-plugin.h"

static gchar *
cwmp_test_plugin_start_fail_get(CwmpDmObject *object,
				const gchar  *name,
				gpointer      user_data,
				GError	    **error)
{
	return g_strdup("registered");
}

static const CwmpDmParamDef cwmp_test_plugin_start_fail_params[] = {
    {.name = "Value",
     .get = cwmp_test_plugin_start_fail_get,
     .type = CWMP_TYPE_STRING,
     .access = CWMP_ACCESS_READ_ONLY},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_test_plugin_start_fail_object = {
    .path = "Device.X_000000_StartFail.",
    .params = cwmp_test_plugin_start_fail_params,
    .access = CWMP_ACCESS_READ_ONLY,
};

static gboolean
cwmp_test_plugin_start_fail_register(CwmpPluginContext *ctx,
				     CwmpDmRegistry    *registry,
				     GError	      **error)
{
	return cwmp_dm_registry_add_object(registry, &cwmp_test_plugin_start_fail_object, NULL,
					   error);
}

static gboolean
cwmp_test_plugin_start_fail_start(CwmpPluginContext *ctx, GError **error)
{
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_IO, "backend daemon is not running");
	return FALSE;
}

CWMP_PLUGIN_DEFINE(start_fail,
		   .version = "1.0",
		   .description = "loader test: start fails",
		   .register_dm = cwmp_test_plugin_start_fail_register,
		   .start = cwmp_test_plugin_start_fail_start)
