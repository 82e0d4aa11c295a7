/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* file libcwmp-plugin-dash-name.so, symbol cwmp_plugin_dash_name_get_info */

#include "config.h"

#include "cwmpd-plugin.h"

static gboolean
cwmp_test_plugin_dash_name_register(CwmpPluginContext *ctx,
				    CwmpDmRegistry    *registry,
				    GError	     **error)
{
	return TRUE;
}

CWMP_PLUGIN_DEFINE(dash_name,
		   .version = "0.1",
		   .description = "loader test: '-' in the file name",
		   .register_dm = cwmp_test_plugin_dash_name_register)
