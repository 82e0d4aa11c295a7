/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include "cwmpd-plugin.h"

G_BEGIN_DECLS

#define CWMP_TR143_CONFIG_GROUP "tr143"

/**
 * CwmpTr143Plugin:
 * @ctx: the plugin context
 * @host: the agent's host: 8 DIAGNOSTICS COMPLETE, "after the session"
 *
 * The plugin's state, one per agent, attached to the context. Each module
 * keeps its own state in the member named after it.
 */
typedef struct _CwmpTr143Plugin CwmpTr143Plugin;
struct _CwmpTr143Plugin {
	CwmpPluginContext *ctx;
	CwmpHost	  *host;
	gpointer	   http;	     /* cwmp-tr143-http.c */
	gpointer	   udpecho;	     /* cwmp-tr143-udpecho.c */
	gpointer	   ping;	     /* cwmp-tr143-ping.c */
	gpointer	   traceroute;	     /* cwmp-tr143-traceroute.c */
	gpointer	   nslookup;	     /* cwmp-tr143-nslookup.c */
	gpointer	   server_selection; /* cwmp-tr143-server-selection.c */
};

/**
 * CwmpTr143Module:
 * @name: for messages
 * @objects: what it registers, %NULL-terminated, tables before their children
 * @start: (nullable): runs after the tree is frozen
 * @stop: (nullable): cancels running tests and releases what start made
 *
 * One diagnostic of the plugin, one source file each.
 */
typedef struct {
	const gchar		     *name;
	const CwmpDmObjectDef *const *objects;
	gboolean (*start)(CwmpTr143Plugin *self, GError **error);
	void (*stop)(CwmpTr143Plugin *self);
} CwmpTr143Module;

extern const CwmpTr143Module cwmp_tr143_capabilities_module;
extern const CwmpTr143Module cwmp_tr143_http_module;
extern const CwmpTr143Module cwmp_tr143_udpecho_module;
extern const CwmpTr143Module cwmp_tr143_ping_module;
extern const CwmpTr143Module cwmp_tr143_traceroute_module;
extern const CwmpTr143Module cwmp_tr143_nslookup_module;
extern const CwmpTr143Module cwmp_tr143_server_selection_module;

/* cwmp-tr143-plugin.c */
CwmpTr143Plugin *
cwmp_tr143_plugin_new(CwmpPluginContext *ctx);
void
cwmp_tr143_plugin_free(CwmpTr143Plugin *self);
gchar *
cwmp_tr143_plugin_get_config(CwmpTr143Plugin *self, const gchar *key);
GPtrArray *
cwmp_tr143_plugin_list_objects(void);
gboolean
cwmp_tr143_plugin_start_modules(CwmpTr143Plugin *self, GError **error);
void
cwmp_tr143_plugin_stop_modules(CwmpTr143Plugin *self);

G_END_DECLS
