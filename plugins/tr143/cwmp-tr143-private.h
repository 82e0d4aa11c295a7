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
 * The plugin's state, one per agent, attached to the context. The HTTP and
 * UDP echo modules keep theirs in the member named after them, the modules
 * made of a CwmpTr143DiagDesc in @diags; every diagnostic has its
 * CwmpTr143Machine in @machines, which see each committed transaction.
 */
typedef struct _CwmpTr143Plugin CwmpTr143Plugin;
struct _CwmpTr143Plugin {
	CwmpPluginContext *ctx;
	CwmpHost	  *host;
	gpointer	   http;     /* cwmp-tr143-http.c */
	gpointer	   udpecho;  /* cwmp-tr143-udpecho.c */
	GPtrArray	  *diags;    /* CwmpTr143Diag, cwmp-tr143-diag.c */
	GPtrArray	  *machines; /* CwmpTr143Machine, not owned */
	guint		   http_timeout_ms;
};

typedef struct _CwmpTr143DiagDesc CwmpTr143DiagDesc;
typedef struct _CwmpTr143Machine  CwmpTr143Machine;

/**
 * CwmpTr143Module:
 * @name: for messages
 * @objects: what it registers, %NULL-terminated, tables before their children
 * @start: (nullable): runs after the tree is frozen
 * @stop: (nullable): cancels running tests and releases what start made
 * @diag: (nullable): a diagnostic kept as text by cwmp-tr143-diag.c, which
 *   the plugin starts and stops itself (instead of @start and @stop)
 *
 * One diagnostic of the plugin, one source file each.
 */
typedef struct {
	const gchar		     *name;
	const CwmpDmObjectDef *const *objects;
	gboolean (*start)(CwmpTr143Plugin *self, GError **error);
	void (*stop)(CwmpTr143Plugin *self);
	/* (nullable): after a committed transaction (and after the machines saw it) */
	void (*commit)(CwmpTr143Plugin *self, const CwmpDmChange *changes, guint n_changes);
	const CwmpTr143DiagDesc *diag;
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
cwmp_tr143_plugin_register(CwmpTr143Plugin		*self,
			   CwmpDmRegistry		*registry,
			   const CwmpTr143Module *const *modules,
			   GError		       **error);
gboolean
cwmp_tr143_plugin_start_modules(CwmpTr143Plugin *self, GError **error);
void
cwmp_tr143_plugin_stop_modules(CwmpTr143Plugin *self);
gboolean
cwmp_tr143_plugin_start_module(CwmpTr143Plugin	     *self,
			       const CwmpTr143Module *module,
			       GError		    **error);
void
cwmp_tr143_plugin_stop_module(CwmpTr143Plugin *self, const CwmpTr143Module *module);
CwmpTr143Machine *
cwmp_tr143_plugin_find_machine(CwmpTr143Plugin *self, CwmpDmObject *object);

/* capabilities each diagnostic module reports (family: G_SOCKET_FAMILY_IPV4
 * or _IPV6); the modules not built yet have no definition and are wired at
 * merge (cwmp-tr143-capabilities.c uses weak references) */
gboolean
cwmp_tr143_ping_is_supported(gint family);
gboolean
cwmp_tr143_traceroute_is_supported(gint family);
gboolean
cwmp_tr143_server_selection_is_supported(gint family);
gboolean
cwmp_tr143_http_is_supported(gint family);
gboolean
cwmp_tr143_udpecho_is_supported(gint family);

/* cwmp-tr143-util.c: shared by the diagnostics */
gchar *
cwmp_tr143_util_format_time(gint64 usec);
gchar *
cwmp_tr143_util_resolve_interface(CwmpTr143Plugin *self, const gchar *reference, GError **error);
gchar *
cwmp_tr143_util_get_default_interface(gint family);
gboolean
cwmp_tr143_util_read_counters(const gchar *ifname, guint64 *rx_bytes, guint64 *tx_bytes);
gboolean
cwmp_tr143_util_validate_interface(const gchar *reference, GError **error);
CwmpStore *
cwmp_tr143_util_new_store(CwmpTr143Plugin *self, const gchar *name);
gboolean
cwmp_tr143_util_parse_uint(const gchar *value, guint min, guint max, guint *out, GError **error);
gboolean
cwmp_tr143_util_validate_protocol_version(const gchar *value, GError **error);
gint
cwmp_tr143_util_protocol_family(const gchar *protocol_version);
void
cwmp_tr143_util_add_rows(CwmpDmInstanceList *list, guint n);
guint
cwmp_tr143_util_row_index(CwmpDmObject *row);

G_END_DECLS
