/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-config.h"
#include "cwmp-dm.h"
#include "cwmp-plugin.h"

G_BEGIN_DECLS

/*
 * CwmpPluginLoader finds, checks and loads the plugins of one agent: the
 * built-ins first, then every libcwmp-plugin-<name>.so of the plugin
 * directory in name order. A plugin that fails stays in the list as a
 * failed CwmpPlugin; the others go on.
 */

#define CWMP_TYPE_PLUGIN_LOADER (cwmp_plugin_loader_get_type())
G_DECLARE_FINAL_TYPE(CwmpPluginLoader, cwmp_plugin_loader, CWMP, PLUGIN_LOADER, GObject)

/* the test-only override of the plugin directory; relaxes the root-owner check */
#define CWMP_PLUGIN_LOADER_ENV_DIRECTORY "CWMP_PLUGIN_DIR"

/* one entry of the table cwmpd is linked with when built with builtin_plugins */
typedef struct {
	const gchar	     *name;
	CwmpPluginGetInfoFunc get_info;
} CwmpPluginBuiltin;

CwmpPluginLoader *
cwmp_plugin_loader_new(CwmpDm *dm, CwmpConfig *config, const gchar *state_directory);
void
cwmp_plugin_loader_set_host(CwmpPluginLoader *self, CwmpHost *host);
void
cwmp_plugin_loader_set_directory(CwmpPluginLoader *self,
				 const gchar	  *directory,
				 gboolean	   require_root_owner);
const gchar *
cwmp_plugin_loader_get_directory(CwmpPluginLoader *self);
void
cwmp_plugin_loader_add_builtin(CwmpPluginLoader	    *self,
			       const gchar	    *name,
			       CwmpPluginGetInfoFunc get_info);
gboolean
cwmp_plugin_loader_load(CwmpPluginLoader *self, GError **error);
void
cwmp_plugin_loader_start(CwmpPluginLoader *self);
void
cwmp_plugin_loader_stop(CwmpPluginLoader *self);
GPtrArray *
cwmp_plugin_loader_get_plugins(CwmpPluginLoader *self);
CwmpPlugin *
cwmp_plugin_loader_find(CwmpPluginLoader *self, const gchar *name);

G_END_DECLS
