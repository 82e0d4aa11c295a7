/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>
#include <gmodule.h>

#include "cwmp-config.h"
#include "cwmp-dm.h"
#include "cwmp-plugin-desc.h"

G_BEGIN_DECLS

/*
 * CwmpPlugin is the core-owned wrapper around one plugin descriptor, loaded
 * from a libcwmp-plugin-<name>.so file or linked in as a built-in. It keeps
 * the module, the descriptor, the plugin's CwmpPluginContext and, when the
 * plugin failed or was disabled, the GError saying why. Failed plugins stay
 * around so they can be listed (cwmpd --list-plugins, D-Bus).
 */

#define CWMP_TYPE_PLUGIN (cwmp_plugin_get_type())
G_DECLARE_FINAL_TYPE(CwmpPlugin, cwmp_plugin, CWMP, PLUGIN, GObject)

typedef enum {
	CWMP_PLUGIN_STATE_LOADED,   /* opened, checked and registered */
	CWMP_PLUGIN_STATE_STARTED,  /* start succeeded (or there was none) */
	CWMP_PLUGIN_STATE_FAILED,   /* see cwmp_plugin_get_error() */
	CWMP_PLUGIN_STATE_DISABLED, /* listed in [plugins] disabled, never opened */
	CWMP_PLUGIN_STATE_STOPPED,  /* stop has run */
} CwmpPluginState;

const gchar *
cwmp_plugin_state_to_string(CwmpPluginState state);

CwmpPlugin *
cwmp_plugin_new(const gchar *name, const gchar *filename);
CwmpPlugin *
cwmp_plugin_new_builtin(const gchar *name, CwmpPluginGetInfoFunc get_info);

const gchar *
cwmp_plugin_get_name(CwmpPlugin *self);
const gchar *
cwmp_plugin_get_version(CwmpPlugin *self);
const gchar *
cwmp_plugin_get_description(CwmpPlugin *self);
const gchar *
cwmp_plugin_get_license(CwmpPlugin *self);
const gchar *
cwmp_plugin_get_origin(CwmpPlugin *self);
const gchar *
cwmp_plugin_get_filename(CwmpPlugin *self);
gboolean
cwmp_plugin_get_builtin(CwmpPlugin *self);
CwmpPluginState
cwmp_plugin_get_state(CwmpPlugin *self);
const GError *
cwmp_plugin_get_error(CwmpPlugin *self);
const CwmpPluginDesc *
cwmp_plugin_get_desc(CwmpPlugin *self);
CwmpPluginContext *
cwmp_plugin_get_context(CwmpPlugin *self);

void
cwmp_plugin_set_disabled(CwmpPlugin *self);
void
cwmp_plugin_set_failed(CwmpPlugin *self, GError *error);

void
cwmp_plugin_set_host(CwmpPlugin *self, CwmpHost *host);
gboolean
cwmp_plugin_open(CwmpPlugin *self, GError **error);
gboolean
cwmp_plugin_register(CwmpPlugin	 *self,
		     CwmpDm	 *dm,
		     CwmpConfig	 *config,
		     const gchar *state_directory,
		     GError	**error);
gboolean
cwmp_plugin_start(CwmpPlugin *self, GError **error);
void
cwmp_plugin_stop(CwmpPlugin *self);

G_END_DECLS
