/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cwmp-plugin-context-private.h"
#include "cwmp-tr143-ip-test-agent.h"
#include "cwmp-tr143-test-fixture.h"
#include "cwmp-tr181-test-netns.h"

const CwmpPluginDesc *
cwmp_plugin_tr181_get_info(void);
const CwmpPluginDesc *
cwmp_plugin_tr143_get_info(void);

static gboolean
cwmp_tr143_test_agent_event_cb(const gchar *code,
			       const gchar *command_key,
			       gpointer	    user_data,
			       GError	  **error)
{
	CwmpTr143TestAgent *agent = user_data;
	g_test_message("event %s", code);
	g_ptr_array_add(agent->events, g_strdup(code));
	return TRUE;
}

static CwmpPluginContext *
cwmp_tr143_test_agent_register(CwmpTr143TestAgent *agent, const CwmpPluginDesc *desc)
{
	CwmpPluginContext *ctx =
	    cwmp_plugin_context_new(agent->dm, agent->config, desc->name, agent->directory);
	CwmpDmRegistry *registry;
	g_autoptr(GError) error = NULL;

	cwmp_plugin_context_set_host(ctx, agent->host);
	if (desc->load != NULL && !desc->load(ctx, &error))
		g_error("%s: load: %s", desc->name, error->message);
	registry = cwmp_dm_registry_new(agent->dm, desc->name);
	if (!desc->register_dm(ctx, registry, &error))
		g_error("%s: register_dm: %s", desc->name, error->message);
	cwmp_dm_registry_free(registry);
	return ctx;
}

/**
 * cwmp_tr143_test_agent_start:
 * @directory: (nullable): the state directory; the same one again is a restart
 */
void
cwmp_tr143_test_agent_start(CwmpTr143TestAgent *agent, const gchar *directory)
{
	g_autofree gchar *conf =
	    g_test_build_filename(G_TEST_DIST, "..", "tr181", "tests", "cwmpd.conf", NULL);
	g_autoptr(GError) error = NULL;

	g_assert_null(agent->dm);
	agent->directory = directory != NULL ? g_strdup(directory)
					     : g_dir_make_tmp("cwmp-tr143-XXXXXX", NULL);
	g_assert_nonnull(agent->directory);
	agent->config = cwmp_config_new();
	/* the device identity the tr181 plugin wants */
	if (!cwmp_config_load_file(agent->config, conf, &error))
		g_error("%s: %s", conf, error->message);
	agent->dm = cwmp_dm_new(cwmp_schema_get_default());
	agent->store = cwmp_store_new(agent->directory, "dm.state", "dm");
	cwmp_dm_set_store(agent->dm, agent->store);
	agent->host = cwmp_host_new();
	agent->events = g_ptr_array_new_with_free_func(g_free);
	cwmp_host_set_event_func(agent->host, cwmp_tr143_test_agent_event_cb, agent);
	agent->ctx181 = cwmp_tr143_test_agent_register(agent, cwmp_plugin_tr181_get_info());
	agent->ctx143 = cwmp_tr143_test_agent_register(agent, cwmp_plugin_tr143_get_info());
	if (!cwmp_dm_freeze(agent->dm, &error))
		g_error("freeze: %s", error->message);
	if (!cwmp_plugin_tr181_get_info()->start(agent->ctx181, &error))
		g_error("tr181: start: %s", error->message);
	if (!cwmp_plugin_tr143_get_info()->start(agent->ctx143, &error))
		g_error("tr143: start: %s", error->message);
}

void
cwmp_tr143_test_agent_stop(CwmpTr143TestAgent *agent, gboolean remove_directory)
{
	g_autoptr(GError) error = NULL;

	g_assert_nonnull(agent->dm);
	if (!cwmp_dm_save(agent->dm, &error))
		g_error("save: %s", error->message);
	cwmp_plugin_tr143_get_info()->stop(agent->ctx143);
	cwmp_plugin_tr181_get_info()->stop(agent->ctx181);
	cwmp_dm_unregister_owner(agent->dm, "tr143");
	cwmp_dm_unregister_owner(agent->dm, "tr181");
	g_clear_pointer(&agent->ctx143, cwmp_plugin_context_free);
	g_clear_pointer(&agent->ctx181, cwmp_plugin_context_free);
	g_clear_object(&agent->dm);
	g_clear_object(&agent->store);
	g_clear_object(&agent->config);
	g_clear_object(&agent->host);
	g_clear_pointer(&agent->events, g_ptr_array_unref);
	if (remove_directory)
		cwmp_tr181_test_rm_rf(agent->directory);
	g_clear_pointer(&agent->directory, g_free);
	cwmp_tr181_test_netns_drain();
}

gchar *
cwmp_tr143_test_agent_get(CwmpTr143TestAgent *agent, const gchar *path)
{
	return cwmp_tr143_test_get(agent->dm, path);
}

guint64
cwmp_tr143_test_agent_get_uint(CwmpTr143TestAgent *agent, const gchar *path)
{
	return cwmp_tr143_test_get_uint(agent->dm, path);
}

/**
 * cwmp_tr143_test_agent_set:
 * @expected_fault: 0 for success, else the CWMP fault code one parameter must get
 * @...: path, value pairs, %NULL-terminated: one SetParameterValues
 */
void
cwmp_tr143_test_agent_set(CwmpTr143TestAgent *agent, gint expected_fault, ...)
{
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(agent->dm);
	g_autoptr(GError) error = NULL;
	gboolean     ok = TRUE;
	GPtrArray   *faults;
	va_list	     ap;
	const gchar *path;

	va_start(ap, expected_fault);
	while ((path = va_arg(ap, const gchar *)) != NULL) {
		const gchar *value = va_arg(ap, const gchar *);
		g_test_message("set %s = %s", path, value);
		ok = cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_NONE) && ok;
	}
	va_end(ap);
	if (ok)
		ok = cwmp_dm_txn_commit(txn, &error);
	faults = cwmp_dm_txn_get_faults(txn);
	for (guint i = 0; faults != NULL && i < faults->len; i++) {
		CwmpDmFault *fault = g_ptr_array_index(faults, i);
		g_test_message("fault %s: %d %s", fault->path, fault->code, fault->message);
		if (expected_fault != 0 && fault->code == expected_fault)
			return;
	}
	/* a failure in the commit phase is the transaction's own error */
	if (expected_fault != 0 && !ok && g_error_matches(error, CWMP_FAULT, expected_fault)) {
		g_test_message("commit failed: %s", error->message);
		return;
	}
	if (expected_fault == 0 && !ok)
		g_error("SetParameterValues failed: %s", error != NULL ? error->message : "faults");
	if (expected_fault != 0)
		g_error("SetParameterValues: expected fault %d, got %s", expected_fault,
			ok ? "success" : (error != NULL ? error->message : "other faults"));
}

/* runs the main loop for @ms */
void
cwmp_tr143_test_agent_spin(guint ms)
{
	cwmp_tr143_test_spin(ms);
}

/**
 * cwmp_tr143_test_agent_wait_done:
 * @object: "Device.IP.Diagnostics.IPPing." and the like
 *
 * Runs the main loop until the object's DiagnosticsState leaves Requested.
 *
 * Returns: whether it did within @timeout_ms
 */
gboolean
cwmp_tr143_test_agent_wait_done(CwmpTr143TestAgent *agent, const gchar *object, guint timeout_ms)
{
	g_autofree gchar *state = cwmp_tr143_test_wait_state(agent->dm, object, timeout_ms);
	return state != NULL;
}

/* Returns: the instance of Device.IP.Interface. named @ifname, or -1 */
gint
cwmp_tr143_test_agent_find_interface(CwmpTr143TestAgent *agent, const gchar *ifname)
{
	for (guint i = 1; i < 64; i++) {
		g_autofree gchar *path = g_strdup_printf("Device.IP.Interface.%u.Name", i);
		g_autofree gchar *name = cwmp_dm_get_value(agent->dm, path, NULL);
		if (g_strcmp0(name, ifname) == 0)
			return (gint) i;
	}
	return -1;
}
