/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-host.h"
#include "cwmp-plugin-context-private.h"

struct _CwmpPluginContext {
	CwmpDm	      *dm;
	CwmpConfig    *config; /* nullable */
	gchar	      *name;
	gchar	      *state_directory; /* nullable */
	CwmpHost      *host;		/* the agent's, or one of its own */
	gpointer       data;
	GDestroyNotify data_destroy;
};

/**
 * cwmp_plugin_context_new:
 * @dm: the agent's data model
 * @config: (nullable): the agent's configuration
 * @name: the plugin name
 * @state_directory: (nullable): the agent's state directory
 *
 * Creates the context a plugin's callbacks get. Only the core and plugin
 * self-tests create contexts.
 *
 * Returns: (transfer full): a new context, free with cwmp_plugin_context_free()
 */
CwmpPluginContext *
cwmp_plugin_context_new(CwmpDm	    *dm,
			CwmpConfig  *config,
			const gchar *name,
			const gchar *state_directory)
{
	CwmpPluginContext *ctx;

	g_return_val_if_fail(CWMP_IS_DM(dm), NULL);
	g_return_val_if_fail(config == NULL || CWMP_IS_CONFIG(config), NULL);
	g_return_val_if_fail(name != NULL, NULL);

	ctx = g_new0(CwmpPluginContext, 1);
	ctx->dm = g_object_ref(dm);
	ctx->config = config != NULL ? g_object_ref(config) : NULL;
	ctx->name = g_strdup(name);
	ctx->state_directory = g_strdup(state_directory);
	return ctx;
}

/**
 * cwmp_plugin_context_free:
 * @ctx: (nullable): a context
 *
 * Frees the context; the data set with cwmp_plugin_context_set_data() is
 * released with its destroy function first.
 */
void
cwmp_plugin_context_free(CwmpPluginContext *ctx)
{
	if (ctx == NULL)
		return;
	if (ctx->data_destroy != NULL && ctx->data != NULL)
		ctx->data_destroy(ctx->data);
	g_clear_object(&ctx->dm);
	g_clear_object(&ctx->config);
	g_clear_object(&ctx->host);
	g_free(ctx->name);
	g_free(ctx->state_directory);
	g_free(ctx);
}

/**
 * cwmp_plugin_context_get_dm:
 * @ctx: a context
 *
 * Returns: (transfer none): the agent's data model
 *
 * Since: 1.0
 */
CwmpDm *
cwmp_plugin_context_get_dm(CwmpPluginContext *ctx)
{
	g_return_val_if_fail(ctx != NULL, NULL);
	return ctx->dm;
}

/**
 * cwmp_plugin_context_get_name:
 * @ctx: a context
 *
 * Returns: the plugin's name, as in its descriptor
 *
 * Since: 1.0
 */
const gchar *
cwmp_plugin_context_get_name(CwmpPluginContext *ctx)
{
	g_return_val_if_fail(ctx != NULL, NULL);
	return ctx->name;
}

/**
 * cwmp_plugin_context_get_config:
 * @ctx: a context
 * @group: (nullable): a group of cwmpd.conf, or %NULL for the group named
 *   after the plugin
 * @key: a key of that group
 *
 * Reads a configuration value, with the built-in default when the file does
 * not set it.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when there is none
 *
 * Since: 1.0
 */
gchar *
cwmp_plugin_context_get_config(CwmpPluginContext *ctx, const gchar *group, const gchar *key)
{
	g_return_val_if_fail(ctx != NULL, NULL);
	g_return_val_if_fail(key != NULL, NULL);
	if (ctx->config == NULL)
		return NULL;
	return cwmp_config_get_string(ctx->config, group != NULL ? group : ctx->name, key);
}

/**
 * cwmp_plugin_context_get_state_directory:
 * @ctx: a context
 *
 * The agent's state directory. A plugin that keeps files there names them
 * after itself ("<name>.state", "<name>-*.state") and writes them with
 * #CwmpStore.
 *
 * Returns: (nullable): the directory, or %NULL when the agent has none
 *
 * Since: 1.0
 */
const gchar *
cwmp_plugin_context_get_state_directory(CwmpPluginContext *ctx)
{
	g_return_val_if_fail(ctx != NULL, NULL);
	return ctx->state_directory;
}

/**
 * cwmp_plugin_context_get_data:
 * @ctx: a context
 *
 * Returns: (transfer none) (nullable): what the plugin set with
 *   cwmp_plugin_context_set_data()
 *
 * Since: 1.0
 */
gpointer
cwmp_plugin_context_get_data(CwmpPluginContext *ctx)
{
	g_return_val_if_fail(ctx != NULL, NULL);
	return ctx->data;
}

/**
 * cwmp_plugin_context_set_data:
 * @ctx: a context
 * @data: (nullable): the plugin's private data
 * @destroy: (nullable): frees @data when it is replaced or the context goes
 *
 * Attaches the plugin's own state to its context, so the plugin needs no
 * global variables.
 *
 * Since: 1.0
 */
void
cwmp_plugin_context_set_data(CwmpPluginContext *ctx, gpointer data, GDestroyNotify destroy)
{
	g_return_if_fail(ctx != NULL);
	if (ctx->data_destroy != NULL && ctx->data != NULL && ctx->data != data)
		ctx->data_destroy(ctx->data);
	ctx->data = data;
	ctx->data_destroy = destroy;
}

/**
 * cwmp_plugin_context_get_host:
 * @ctx: a context
 *
 * The agent's services beyond the data model: events, the session state and
 * file types for transfers (see #CwmpHost). A context made outside an agent
 * (a plugin's own tests) has a host of its own, whose events wait unsent.
 *
 * Returns: (transfer none): the host
 *
 * Since: 1.0
 */
CwmpHost *
cwmp_plugin_context_get_host(CwmpPluginContext *ctx)
{
	g_return_val_if_fail(ctx != NULL, NULL);
	if (ctx->host == NULL)
		ctx->host = cwmp_host_new();
	return ctx->host;
}

/* the agent's host, set before the plugin's load and register_dm run */
void
cwmp_plugin_context_set_host(CwmpPluginContext *ctx, CwmpHost *host)
{
	g_return_if_fail(ctx != NULL);
	g_return_if_fail(host == NULL || CWMP_IS_HOST(host));
	g_set_object(&ctx->host, host);
}
