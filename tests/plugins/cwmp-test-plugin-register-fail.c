/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* registers one object, then fails: the loader must remove the object */

#include "config.h"

#include "cwmpd-plugin.h"

static gchar *
cwmp_test_plugin_register_fail_get(CwmpDmObject *object,
				   const gchar	*name,
				   gpointer	 user_data,
				   GError      **error)
{
	return g_strdup("partial");
}

static const CwmpDmParamDef cwmp_test_plugin_register_fail_params[] = {
    {.name = "Value",
     .get = cwmp_test_plugin_register_fail_get,
     .type = CWMP_TYPE_STRING,
     .access = CWMP_ACCESS_READ_ONLY},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_test_plugin_register_fail_object = {
    .path = "Device.X_000000_Partial.",
    .params = cwmp_test_plugin_register_fail_params,
    .access = CWMP_ACCESS_READ_ONLY,
};

static gboolean
cwmp_test_plugin_register_fail_register(CwmpPluginContext *ctx,
					CwmpDmRegistry	  *registry,
					GError		 **error)
{
	if (!cwmp_dm_registry_add_object(registry, &cwmp_test_plugin_register_fail_object, NULL,
					 error))
		return FALSE;
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_NOT_FOUND,
			    "no backend for Device.X_000000_Partial.");
	return FALSE;
}

CWMP_PLUGIN_DEFINE(register_fail,
		   .version = "1.0",
		   .description = "loader test: register fails half-way",
		   .register_dm = cwmp_test_plugin_register_fail_register)
