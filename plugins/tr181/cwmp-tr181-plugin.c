/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* the tr181 plugin: the running Linux system as Device:2 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <string.h>

#include "cwmp-tr181-private.h"

/**
 * cwmp_tr181_plugin_new:
 * @ctx: (nullable): the plugin context; %NULL in unit tests
 * @sysroot: the directory below which system files are read, "/" on a device
 *
 * Returns: (transfer full): the per-agent state
 */
CwmpTr181Plugin *
cwmp_tr181_plugin_new(CwmpPluginContext *ctx, const gchar *sysroot)
{
	CwmpTr181Plugin *self = g_new0(CwmpTr181Plugin, 1);
	self->ctx = ctx;
	self->sysroot = g_strdup(sysroot);
	return self;
}

void
cwmp_tr181_plugin_free(CwmpTr181Plugin *self)
{
	if (self == NULL)
		return;
	g_free(self->sysroot);
	g_free(self);
}

/**
 * cwmp_tr181_plugin_get_config:
 * @self: the plugin state
 * @key: a key of the [device] group
 *
 * Returns: (transfer full) (nullable): the configured value without
 *   surrounding white space, or %NULL when it is unset or empty
 */
gchar *
cwmp_tr181_plugin_get_config(CwmpTr181Plugin *self, const gchar *key)
{
	g_autofree gchar *value = NULL;

	if (self->ctx == NULL)
		return NULL;
	value = cwmp_plugin_context_get_config(self->ctx, CWMP_TR181_CONFIG_GROUP, key);
	if (value == NULL || g_strstrip(value)[0] == '\0')
		return NULL;
	return g_steal_pointer(&value);
}

/**
 * cwmp_tr181_plugin_build_filename:
 * @self: the plugin state
 * @relpath: a system file name without its leading slash ("proc/uptime")
 *
 * Returns: (transfer full): the file name below the plugin's system root
 */
gchar *
cwmp_tr181_plugin_build_filename(CwmpTr181Plugin *self, const gchar *relpath)
{
	return g_build_filename(self->sysroot, relpath, NULL);
}

static gchar *
cwmp_tr181_plugin_get_root_data_model_version(CwmpDmObject *object,
					      const gchar  *name,
					      gpointer	    user_data,
					      GError	  **error)
{
	const CwmpSchema *schema = cwmp_dm_get_schema(cwmp_dm_object_get_dm(object));
	const gchar	 *version = cwmp_schema_get_root_version(schema);
	const gchar	 *colon;

	if (version == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "the schema names no root data-model version");
		return NULL;
	}
	/* "Device:2.19" in the schema, "2.19" on the wire */
	colon = strchr(version, ':');
	return g_strdup(colon != NULL ? colon + 1 : version);
}

static const CwmpDmParamDef cwmp_tr181_plugin_root_params[] = {
    {.name = "RootDataModelVersion", .get = cwmp_tr181_plugin_get_root_data_model_version},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_plugin_root_object = {
    .path = "Device.",
    .params = cwmp_tr181_plugin_root_params,
};

static const CwmpDmObjectDef *const cwmp_tr181_plugin_root_objects[] = {
    &cwmp_tr181_plugin_root_object,
    NULL,
};

static const CwmpTr181Module cwmp_tr181_plugin_root_module = {
    .name = "root",
    .objects = cwmp_tr181_plugin_root_objects,
};

/* registration order: parents before children across modules */
static const CwmpTr181Module *const cwmp_tr181_plugin_modules[] = {
    &cwmp_tr181_plugin_root_module,
    &cwmp_tr181_device_info_module,
    &cwmp_tr181_device_info_extra_module,
    &cwmp_tr181_time_module,
    &cwmp_tr181_ethernet_module,
    &cwmp_tr181_ip_module,
    &cwmp_tr181_ip_address_module,
    &cwmp_tr181_routing_module,
    &cwmp_tr181_dns_module,
    &cwmp_tr181_hosts_module,
    &cwmp_tr181_interface_stack_module,
    NULL,
};

/**
 * cwmp_tr181_plugin_list_objects:
 *
 * Returns: (transfer container): every object the plugin registers, in order
 */
GPtrArray *
cwmp_tr181_plugin_list_objects(void)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; cwmp_tr181_plugin_modules[i] != NULL; i++) {
		const CwmpDmObjectDef *const *objects = cwmp_tr181_plugin_modules[i]->objects;
		for (guint j = 0; objects != NULL && objects[j] != NULL; j++)
			g_ptr_array_add(out, (gpointer) objects[j]);
	}
	return out;
}

/**
 * cwmp_tr181_plugin_start_modules:
 * @self: the plugin state, with @netlink set
 *
 * Runs every module's start; on failure stops the ones already started.
 */
gboolean
cwmp_tr181_plugin_start_modules(CwmpTr181Plugin *self, GError **error)
{
	for (guint i = 0; cwmp_tr181_plugin_modules[i] != NULL; i++) {
		const CwmpTr181Module *module = cwmp_tr181_plugin_modules[i];
		if (module->start == NULL)
			continue;
		if (!module->start(self, error)) {
			g_prefix_error(error, "%s: ", module->name);
			for (guint j = i; j > 0; j--) {
				const CwmpTr181Module *done = cwmp_tr181_plugin_modules[j - 1];
				if (done->stop != NULL)
					done->stop(self);
			}
			return FALSE;
		}
	}
	return TRUE;
}

void
cwmp_tr181_plugin_stop_modules(CwmpTr181Plugin *self)
{
	guint n = 0;
	while (cwmp_tr181_plugin_modules[n] != NULL)
		n++;
	for (guint i = n; i > 0; i--) {
		const CwmpTr181Module *module = cwmp_tr181_plugin_modules[i - 1];
		if (module->stop != NULL)
			module->stop(self);
	}
}

static gboolean
cwmp_tr181_plugin_load(CwmpPluginContext *ctx, GError **error)
{
	g_autofree gchar *oui = cwmp_plugin_context_get_config(ctx, CWMP_TR181_CONFIG_GROUP, "oui");

	/* a malformed OUI would fault every Inform: refuse it while starting up */
	if (oui != NULL && g_strstrip(oui)[0] != '\0' &&
	    !cwmp_tr181_device_info_check_oui(oui, error))
		return FALSE;
	return TRUE;
}

static gboolean
cwmp_tr181_plugin_register_dm(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	CwmpTr181Plugin *self = cwmp_tr181_plugin_new(ctx, "/");

	g_autoptr(GPtrArray) objects = cwmp_tr181_plugin_list_objects();

	cwmp_plugin_context_set_data(ctx, self, (GDestroyNotify) cwmp_tr181_plugin_free);
	for (guint i = 0; i < objects->len; i++) {
		if (!cwmp_dm_registry_add_object(registry, g_ptr_array_index(objects, i), self,
						 error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_tr181_plugin_start(CwmpPluginContext *ctx, GError **error)
{
	CwmpTr181Plugin	 *self = cwmp_plugin_context_get_data(ctx);
	g_autofree gchar *oui = cwmp_tr181_plugin_get_config(self, "oui");

	/* not fatal: the device is still manageable, but every ACS will see the same OUI */
	if (oui == NULL || g_strcmp0(oui, "000000") == 0)
		g_warning("[%s] oui is not set: the DeviceId carries the placeholder 000000",
			  CWMP_TR181_CONFIG_GROUP);
	self->netlink = cwmp_tr181_netlink_new(error);
	if (self->netlink == NULL)
		return FALSE;
	return cwmp_tr181_plugin_start_modules(self, error);
}

static void
cwmp_tr181_plugin_stop(CwmpPluginContext *ctx)
{
	CwmpTr181Plugin *self = cwmp_plugin_context_get_data(ctx);

	if (self != NULL) {
		cwmp_tr181_plugin_stop_modules(self);
		g_clear_pointer(&self->netlink, cwmp_tr181_netlink_free);
	}
	/* the core unregisters our objects right after, so nothing uses the state */
	cwmp_plugin_context_set_data(ctx, NULL, NULL);
}

CWMP_PLUGIN_DEFINE(tr181,
		   .version = PACKAGE_VERSION,
		   .description = "Device:2 identity, time and status of the running Linux system",
		   .license = "LGPL-2.1-or-later",
		   .origin = "https://github.com/cwmpd/cwmpd",
		   .load = cwmp_tr181_plugin_load,
		   .register_dm = cwmp_tr181_plugin_register_dm,
		   .start = cwmp_tr181_plugin_start,
		   .stop = cwmp_tr181_plugin_stop)
