/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include "cwmp-config.h"
#include "cwmp-host.h"
#include "cwmp-plugin-desc.h"

G_BEGIN_DECLS

/* for the loader and for plugin self-tests that call a descriptor directly */
CwmpPluginContext *
cwmp_plugin_context_new(CwmpDm	    *dm,
			CwmpConfig  *config,
			const gchar *name,
			const gchar *state_directory);
void
cwmp_plugin_context_free(CwmpPluginContext *ctx);
void
cwmp_plugin_context_set_host(CwmpPluginContext *ctx, CwmpHost *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpPluginContext, cwmp_plugin_context_free)

G_END_DECLS
