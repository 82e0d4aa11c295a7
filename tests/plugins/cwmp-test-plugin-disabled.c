/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* listed in [plugins] disabled by the test: its module must never be opened,
 * which the constructor would notice */

#include "config.h"

#include "cwmpd-plugin.h"

#include <stdlib.h>

static void __attribute__((constructor)) cwmp_test_plugin_disabled_ctor(void)
{
	if (g_getenv("CWMP_TEST_DISABLED_MUST_NOT_OPEN") != NULL)
		abort();
}

static gboolean
cwmp_test_plugin_disabled_register(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INTERNAL, "must never be called");
	return FALSE;
}

CWMP_PLUGIN_DEFINE(disabled, .version = "1.0", .register_dm = cwmp_test_plugin_disabled_register)
