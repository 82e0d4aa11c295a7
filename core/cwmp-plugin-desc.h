/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>
#include <gmodule.h>

#include "cwmp-dm.h"
#include "cwmp-host.h"

G_BEGIN_DECLS

/**
 * CWMP_PLUGIN_ABI_MAJOR:
 *
 * Bumped on any change to a struct layout or a callback signature of the SDK.
 * A plugin loads only when its major equals the core's.
 */
#define CWMP_PLUGIN_ABI_MAJOR 1

/**
 * CWMP_PLUGIN_ABI_MINOR:
 *
 * Bumped when SDK functions are added. A plugin loads only when its minor is
 * not newer than the core's. Every change is logged in core/PLUGIN-ABI.md.
 */
#define CWMP_PLUGIN_ABI_MINOR 0

/**
 * CwmpPluginContext:
 *
 * What the core hands to a plugin's callbacks: the agent's data model and the
 * plugin's configuration. One per agent and plugin; there is no global state.
 */
typedef struct _CwmpPluginContext CwmpPluginContext;

CwmpDm *
cwmp_plugin_context_get_dm(CwmpPluginContext *ctx);
const gchar *
cwmp_plugin_context_get_name(CwmpPluginContext *ctx);
gchar *
cwmp_plugin_context_get_config(CwmpPluginContext *ctx, const gchar *group, const gchar *key);
const gchar *
cwmp_plugin_context_get_state_directory(CwmpPluginContext *ctx);
gpointer
cwmp_plugin_context_get_data(CwmpPluginContext *ctx);
CwmpHost *
cwmp_plugin_context_get_host(CwmpPluginContext *ctx);
void
cwmp_plugin_context_set_data(CwmpPluginContext *ctx, gpointer data, GDestroyNotify destroy);

/**
 * CwmpPluginDesc:
 * @abi_major: %CWMP_PLUGIN_ABI_MAJOR at build time; always first
 * @abi_minor: %CWMP_PLUGIN_ABI_MINOR at build time
 * @size: sizeof(CwmpPluginDesc) at build time
 * @name: the plugin name; must equal the file's libcwmp-plugin-<name>.so
 * @version: the plugin's own version
 * @description: one line
 * @license: SPDX identifier
 * @origin: vendor URL or OUI
 * @load: optional, early configuration only
 * @register_dm: required; may only add to the registry, which is valid only
 *   during the call
 * @start: optional; runs once the tree is frozen and persisted instances are
 *   restored
 * @stop: optional; releases everything
 *
 * The descriptor a plugin exports through CWMP_PLUGIN_DEFINE().
 */
typedef struct {
	guint32	     abi_major;
	guint32	     abi_minor;
	guint32	     size;
	const gchar *name;
	const gchar *version;
	const gchar *description;
	const gchar *license;
	const gchar *origin;
	gboolean (*load)(CwmpPluginContext *ctx, GError **error);
	gboolean (*register_dm)(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error);
	gboolean (*start)(CwmpPluginContext *ctx, GError **error);
	void (*stop)(CwmpPluginContext *ctx);
	/*< private >*/
	gpointer reserved[8];
} CwmpPluginDesc;

typedef const CwmpPluginDesc *(*CwmpPluginGetInfoFunc)(void);

/**
 * CWMP_PLUGIN_DEFINE:
 * @name: the plugin name, a C identifier (the file is libcwmp-plugin-<name>.so)
 * @...: designated initialisers for the other CwmpPluginDesc fields
 *
 * Writes the plugin's one exported function, cwmp_plugin_<name>_get_info().
 */
#define CWMP_PLUGIN_DEFINE(plugin_name, ...)                                                       \
	G_MODULE_EXPORT const CwmpPluginDesc *cwmp_plugin_##plugin_name##_get_info(void);          \
	G_MODULE_EXPORT const CwmpPluginDesc *cwmp_plugin_##plugin_name##_get_info(void)           \
	{                                                                                          \
		static const CwmpPluginDesc desc = {.abi_major = CWMP_PLUGIN_ABI_MAJOR,            \
						    .abi_minor = CWMP_PLUGIN_ABI_MINOR,            \
						    .size = sizeof(CwmpPluginDesc),                \
						    .name = #plugin_name,                          \
						    __VA_ARGS__};                                  \
		return &desc;                                                                      \
	}

G_END_DECLS
