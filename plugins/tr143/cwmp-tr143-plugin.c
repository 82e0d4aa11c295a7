/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* the tr143 plugin: TR-143 diagnostics under Device.IP.Diagnostics. and
 * Device.DNS.Diagnostics. */

#include "config.h"

#include "cwmp-tr143-diag.h"
#include "cwmp-tr143-machine.h"

CwmpTr143Plugin *
cwmp_tr143_plugin_new(CwmpPluginContext *ctx)
{
	CwmpTr143Plugin *self = g_new0(CwmpTr143Plugin, 1);
	self->ctx = ctx;
	self->host = ctx != NULL ? g_object_ref(cwmp_plugin_context_get_host(ctx)) : NULL;
	self->diags = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_tr143_diag_free);
	self->machines = g_ptr_array_new();
	return self;
}

void
cwmp_tr143_plugin_free(CwmpTr143Plugin *self)
{
	if (self == NULL)
		return;
	/* the modules were stopped: their machines are gone */
	g_ptr_array_unref(self->diags);
	g_warn_if_fail(self->machines->len == 0);
	g_ptr_array_unref(self->machines);
	g_clear_object(&self->host);
	g_free(self);
}

/**
 * cwmp_tr143_plugin_get_config:
 * @self: the plugin
 * @key: a key of the [tr143] group
 *
 * Returns: (nullable): the stripped value, %NULL when unset or empty
 */
gchar *
cwmp_tr143_plugin_get_config(CwmpTr143Plugin *self, const gchar *key)
{
	g_autofree gchar *value = NULL;

	if (self->ctx == NULL)
		return NULL;
	value = cwmp_plugin_context_get_config(self->ctx, CWMP_TR143_CONFIG_GROUP, key);
	if (value == NULL || g_strstrip(value)[0] == '\0')
		return NULL;
	return g_steal_pointer(&value);
}

/* registration order: parents before children across modules */
static const CwmpTr143Module *const cwmp_tr143_plugin_modules[] = {
    &cwmp_tr143_capabilities_module,	 &cwmp_tr143_http_module,
    &cwmp_tr143_udpecho_module,		 &cwmp_tr143_ping_module,
    &cwmp_tr143_traceroute_module,	 &cwmp_tr143_nslookup_module,
    &cwmp_tr143_server_selection_module, NULL,
};

GPtrArray *
cwmp_tr143_plugin_list_objects(void)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; cwmp_tr143_plugin_modules[i] != NULL; i++) {
		const CwmpDmObjectDef *const *objects = cwmp_tr143_plugin_modules[i]->objects;
		for (guint j = 0; objects != NULL && objects[j] != NULL; j++)
			g_ptr_array_add(out, (gpointer) objects[j]);
	}
	return out;
}

/**
 * cwmp_tr143_plugin_start_module:
 *
 * Starts one module: its own @start, or the diagnostic of its @diag.
 */
gboolean
cwmp_tr143_plugin_start_module(CwmpTr143Plugin *self, const CwmpTr143Module *module, GError **error)
{
	CwmpTr143Diag *diag;

	if (module->diag == NULL)
		return module->start == NULL || module->start(self, error);
	diag = cwmp_tr143_diag_new(module->diag, self);
	if (!cwmp_tr143_diag_load(diag, error)) {
		cwmp_tr143_diag_free(diag);
		return FALSE;
	}
	g_ptr_array_add(self->diags, diag);
	return TRUE;
}

void
cwmp_tr143_plugin_stop_module(CwmpTr143Plugin *self, const CwmpTr143Module *module)
{
	if (module->diag == NULL) {
		if (module->stop != NULL)
			module->stop(self);
		return;
	}
	for (guint i = 0; i < self->diags->len; i++) {
		if (cwmp_tr143_diag_get_desc(g_ptr_array_index(self->diags, i)) == module->diag) {
			g_ptr_array_remove_index(self->diags, i);
			return;
		}
	}
}

gboolean
cwmp_tr143_plugin_start_modules(CwmpTr143Plugin *self, GError **error)
{
	for (guint i = 0; cwmp_tr143_plugin_modules[i] != NULL; i++) {
		const CwmpTr143Module *module = cwmp_tr143_plugin_modules[i];
		if (!cwmp_tr143_plugin_start_module(self, module, error)) {
			g_prefix_error(error, "%s: ", module->name);
			for (guint j = i; j > 0; j--)
				cwmp_tr143_plugin_stop_module(self,
							      cwmp_tr143_plugin_modules[j - 1]);
			return FALSE;
		}
	}
	return TRUE;
}

void
cwmp_tr143_plugin_stop_modules(CwmpTr143Plugin *self)
{
	guint n = 0;
	while (cwmp_tr143_plugin_modules[n] != NULL)
		n++;
	for (guint i = n; i > 0; i--)
		cwmp_tr143_plugin_stop_module(self, cwmp_tr143_plugin_modules[i - 1]);
}

/**
 * cwmp_tr143_plugin_find_machine:
 * @object: a diagnostic's object or a row of one of its tables
 *
 * Returns: (nullable): the machine of the diagnostic @object belongs to
 */
CwmpTr143Machine *
cwmp_tr143_plugin_find_machine(CwmpTr143Plugin *self, CwmpDmObject *object)
{
	g_autofree gchar *path = cwmp_dm_object_dup_path(object);

	for (guint i = 0; i < self->machines->len; i++) {
		CwmpTr143Machine *machine = g_ptr_array_index(self->machines, i);
		if (g_str_has_prefix(path, cwmp_tr143_machine_get_path(machine)))
			return machine;
	}
	return NULL;
}

/* the modules see a transaction once it is committed: a diagnostic starts
 * only when every parameter of the SetParameterValues is in place */
static gboolean
cwmp_tr143_plugin_commit_cb(const CwmpDmChange *changes,
			    guint		n_changes,
			    gpointer		user_data,
			    GError	      **error)
{
	CwmpTr143Plugin *self = user_data;
	for (guint i = 0; i < self->machines->len; i++)
		cwmp_tr143_machine_commit(g_ptr_array_index(self->machines, i), changes, n_changes);
	for (guint i = 0; cwmp_tr143_plugin_modules[i] != NULL; i++) {
		if (cwmp_tr143_plugin_modules[i]->commit != NULL)
			cwmp_tr143_plugin_modules[i]->commit(self, changes, n_changes);
	}
	return TRUE;
}

static const CwmpDmTxnHooks cwmp_tr143_plugin_txn_hooks = {
    .commit = cwmp_tr143_plugin_commit_cb,
};

/**
 * cwmp_tr143_plugin_register:
 * @self: the plugin
 * @registry: the registry of the register callback
 * @modules: (nullable): %NULL-terminated modules to register, %NULL for all
 *
 * Adds the modules' objects and the transaction hooks (tests register a
 * subset of the modules this way).
 */
gboolean
cwmp_tr143_plugin_register(CwmpTr143Plugin		*self,
			   CwmpDmRegistry		*registry,
			   const CwmpTr143Module *const *modules,
			   GError		       **error)
{
	if (modules == NULL)
		modules = cwmp_tr143_plugin_modules;
	for (guint i = 0; modules[i] != NULL; i++) {
		if (modules[i]->objects != NULL &&
		    !cwmp_dm_registry_add_objects(registry, modules[i]->objects, self, error))
			return FALSE;
	}
	cwmp_dm_registry_set_txn_hooks(registry, &cwmp_tr143_plugin_txn_hooks, self);
	return TRUE;
}

static gboolean
cwmp_tr143_plugin_register_dm(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	CwmpTr143Plugin *self = cwmp_tr143_plugin_new(ctx);

	cwmp_plugin_context_set_data(ctx, self, (GDestroyNotify) cwmp_tr143_plugin_free);
	return cwmp_tr143_plugin_register(self, registry, NULL, error);
}

static gboolean
cwmp_tr143_plugin_start(CwmpPluginContext *ctx, GError **error)
{
	return cwmp_tr143_plugin_start_modules(cwmp_plugin_context_get_data(ctx), error);
}

static void
cwmp_tr143_plugin_stop(CwmpPluginContext *ctx)
{
	CwmpTr143Plugin *self = cwmp_plugin_context_get_data(ctx);
	if (self != NULL)
		cwmp_tr143_plugin_stop_modules(self);
	cwmp_plugin_context_set_data(ctx, NULL, NULL);
}

CWMP_PLUGIN_DEFINE(tr143,
		   .version = PACKAGE_VERSION,
		   .description = "TR-143 diagnostics: throughput, UDP echo, ping, traceroute, DNS",
		   .license = "LGPL-2.1-or-later",
		   .origin = "https://github.com/cwmpd/cwmpd",
		   .register_dm = cwmp_tr143_plugin_register_dm,
		   .start = cwmp_tr143_plugin_start,
		   .stop = cwmp_tr143_plugin_stop)
