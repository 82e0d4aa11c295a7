/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* exports an entry point under another plugin's name, so the loader finds
 * no cwmp_plugin_nosymbol_get_info; also the check-exports negative test */

#include "config.h"

#include "cwmpd-plugin.h"

static gboolean
cwmp_test_plugin_nosymbol_register(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INTERNAL, "must never be called");
	return FALSE;
}

CWMP_PLUGIN_DEFINE(somebody_else,
		   .version = "1.0",
		   .register_dm = cwmp_test_plugin_nosymbol_register)

G_MODULE_EXPORT int
cwmp_test_plugin_nosymbol_extra(void);

G_MODULE_EXPORT int
cwmp_test_plugin_nosymbol_extra(void)
{
	return 1;
}
