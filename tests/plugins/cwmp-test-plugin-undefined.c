/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* needs a function nothing provides: immediate binding must refuse to open it */

#include "config.h"

#include "cwmpd-plugin.h"

/* deliberately defined nowhere */
gboolean
cwmp_test_plugin_undefined_missing_symbol(CwmpDmRegistry *registry, GError **error);

static gboolean
cwmp_test_plugin_undefined_register(CwmpPluginContext *ctx,
				    CwmpDmRegistry    *registry,
				    GError	     **error)
{
	return cwmp_test_plugin_undefined_missing_symbol(registry, error);
}

CWMP_PLUGIN_DEFINE(undefined,
		   .version = "1.0",
		   .description = "loader test: an unresolved symbol",
		   .register_dm = cwmp_test_plugin_undefined_register)
