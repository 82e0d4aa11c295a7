/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* a well-behaved plugin: one vendor object whose Phase parameter reads back
 * which callbacks have run, so the loader test can see the phases */

#include "config.h"

#include "cwmpd-plugin.h"

typedef struct {
	const gchar *phase;
	guint	     ticks;
} CwmpTestPluginGood;

static gchar *
cwmp_test_plugin_good_get_phase(CwmpDmObject *object,
				const gchar  *name,
				gpointer      user_data,
				GError	    **error)
{
	CwmpTestPluginGood *self = cwmp_plugin_context_get_data(user_data);
	return g_strdup(self->phase);
}

static gchar *
cwmp_test_plugin_good_get_name(CwmpDmObject *object,
			       const gchar  *name,
			       gpointer	     user_data,
			       GError	   **error)
{
	return g_strdup(cwmp_plugin_context_get_name(user_data));
}

static gchar *
cwmp_test_plugin_good_get_answer(CwmpDmObject *object,
				 const gchar  *name,
				 gpointer      user_data,
				 GError	     **error)
{
	return g_strdup("42");
}

/* a value that changes at every read, for the agent's polling */
static gchar *
cwmp_test_plugin_good_get_ticks(CwmpDmObject *object,
				const gchar  *name,
				gpointer      user_data,
				GError	    **error)
{
	CwmpTestPluginGood *self = cwmp_plugin_context_get_data(user_data);
	return g_strdup_printf("%u", ++self->ticks);
}

static const CwmpDmParamDef cwmp_test_plugin_good_params[] = {
    {.name = "Ticks",
     .get = cwmp_test_plugin_good_get_ticks,
     .type = CWMP_TYPE_UNSIGNED_INT,
     .access = CWMP_ACCESS_READ_ONLY},
    {.name = "Phase",
     .get = cwmp_test_plugin_good_get_phase,
     .type = CWMP_TYPE_STRING,
     .access = CWMP_ACCESS_READ_ONLY},
    {.name = "PluginName",
     .get = cwmp_test_plugin_good_get_name,
     .type = CWMP_TYPE_STRING,
     .access = CWMP_ACCESS_READ_ONLY},
    {.name = "Answer",
     .get = cwmp_test_plugin_good_get_answer,
     .type = CWMP_TYPE_UNSIGNED_INT,
     .access = CWMP_ACCESS_READ_ONLY},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_test_plugin_good_object = {
    .path = "Device.X_000000_Test.",
    .params = cwmp_test_plugin_good_params,
    .access = CWMP_ACCESS_READ_ONLY,
};

static gboolean
cwmp_test_plugin_good_load(CwmpPluginContext *ctx, GError **error)
{
	CwmpTestPluginGood *self = g_new0(CwmpTestPluginGood, 1);
	self->phase = "loaded";
	cwmp_plugin_context_set_data(ctx, self, g_free);
	return TRUE;
}

static gboolean
cwmp_test_plugin_good_register(CwmpPluginContext *ctx, CwmpDmRegistry *registry, GError **error)
{
	CwmpTestPluginGood *self = cwmp_plugin_context_get_data(ctx);
	self->phase = "registered";
	return cwmp_dm_registry_add_object(registry, &cwmp_test_plugin_good_object, ctx, error);
}

static gboolean
cwmp_test_plugin_good_start(CwmpPluginContext *ctx, GError **error)
{
	CwmpTestPluginGood *self = cwmp_plugin_context_get_data(ctx);
	self->phase = "started";
	return TRUE;
}

static void
cwmp_test_plugin_good_stop(CwmpPluginContext *ctx)
{
	CwmpTestPluginGood *self = cwmp_plugin_context_get_data(ctx);
	self->phase = "stopped";
}

CWMP_PLUGIN_DEFINE(good,
		   .version = "1.2.3",
		   .description = "loader test: a plugin that works",
		   .license = "LGPL-2.1-or-later",
		   .origin = "000000",
		   .load = cwmp_test_plugin_good_load,
		   .register_dm = cwmp_test_plugin_good_register,
		   .start = cwmp_test_plugin_good_start,
		   .stop = cwmp_test_plugin_good_stop)
