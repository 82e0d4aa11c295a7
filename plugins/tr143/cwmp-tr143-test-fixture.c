/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-private.h"
#include "cwmp-host.h"
#include "cwmp-plugin-context-private.h"
#include "cwmp-tr143-test-fixture.h"

/* --- a stand-in for Device.IP.Interface.{i}. of the tr181 plugin ---------- */

static gboolean
cwmp_tr143_test_ip_enumerate(CwmpDmObject	*parent,
			     const gchar	*table,
			     CwmpDmInstanceList *list,
			     gpointer		 user_data,
			     GError	       **error)
{
	cwmp_dm_instance_list_add(list, "lo", NULL, NULL);
	return TRUE;
}

static gchar *
cwmp_tr143_test_ip_get_name(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error)
{
	return g_strdup(cwmp_dm_object_get_key(object));
}

static const CwmpDmParamDef cwmp_tr143_test_ip_params[] = {
    {.name = "Name", .get = cwmp_tr143_test_ip_get_name},
    {NULL},
};
static const CwmpDmObjectDef cwmp_tr143_test_ip_object = {
    .path = "Device.IP.Interface.{i}.",
    .params = cwmp_tr143_test_ip_params,
    .enumerate = cwmp_tr143_test_ip_enumerate,
};
static const CwmpDmObjectDef *const cwmp_tr143_test_ip_objects[] = {
    &cwmp_tr143_test_ip_object,
    NULL,
};

/* --- the loopback fixture ------------------------------------------------- */

static gboolean
cwmp_tr143_test_fixture_event_cb(const gchar *code,
				 const gchar *command_key,
				 gpointer     user_data,
				 GError	    **error)
{
	CwmpTr143TestFixture *fx = user_data;
	g_assert_cmpstr(code, ==, "8 DIAGNOSTICS COMPLETE");
	fx->events++;
	return TRUE;
}

/**
 * cwmp_tr143_test_fixture_start:
 * @timeout_ms: the plugin's HTTP timeout, 0 for its default
 *
 * Starts fx->modules on fx->directory; after a stop, this is a restart.
 */
void
cwmp_tr143_test_fixture_start(CwmpTr143TestFixture *fx, guint timeout_ms)
{
	g_autoptr(GError) error = NULL;
	CwmpDmRegistry *registry;

	fx->config = cwmp_config_new();
	fx->dm = cwmp_dm_new(cwmp_schema_get_default());
	fx->store = cwmp_store_new(fx->directory, "dm.state", "dm");
	cwmp_dm_set_store(fx->dm, fx->store);
	fx->host = cwmp_host_new();
	cwmp_host_set_event_func(fx->host, cwmp_tr143_test_fixture_event_cb, fx);
	fx->ctx = cwmp_plugin_context_new(fx->dm, fx->config, "tr143", fx->directory);
	cwmp_plugin_context_set_host(fx->ctx, fx->host);
	fx->plugin = cwmp_tr143_plugin_new(fx->ctx);
	fx->plugin->http_timeout_ms = timeout_ms;
	registry = cwmp_dm_registry_new(fx->dm, "fake-tr181");
	if (!cwmp_dm_registry_add_objects(registry, cwmp_tr143_test_ip_objects, NULL, &error))
		g_error("register: %s", error->message);
	cwmp_dm_registry_free(registry);
	registry = cwmp_dm_registry_new(fx->dm, "tr143");
	if (!cwmp_tr143_plugin_register(fx->plugin, registry, fx->modules, &error))
		g_error("register: %s", error->message);
	cwmp_dm_registry_free(registry);
	if (!cwmp_dm_freeze(fx->dm, &error))
		g_error("freeze: %s", error->message);
	for (guint i = 0; fx->modules[i] != NULL; i++) {
		if (!cwmp_tr143_plugin_start_module(fx->plugin, fx->modules[i], &error))
			g_error("start: %s", error->message);
	}
}

void
cwmp_tr143_test_fixture_stop(CwmpTr143TestFixture *fx)
{
	for (guint i = 0; fx->modules[i] != NULL; i++)
		cwmp_tr143_plugin_stop_module(fx->plugin, fx->modules[i]);
	cwmp_dm_unregister_owner(fx->dm, "tr143");
	cwmp_dm_unregister_owner(fx->dm, "fake-tr181");
	g_clear_pointer(&fx->plugin, cwmp_tr143_plugin_free);
	g_clear_pointer(&fx->ctx, cwmp_plugin_context_free);
	g_clear_object(&fx->host);
	g_clear_object(&fx->dm);
	g_clear_object(&fx->store);
	g_clear_object(&fx->config);
}

/**
 * cwmp_tr143_test_fixture_setup:
 * @modules: (transfer none): static, %NULL-terminated
 * @name: for the name of the temporary state directory
 *
 * A new state directory and the modules started with a 1.5 s HTTP timeout.
 */
void
cwmp_tr143_test_fixture_setup(CwmpTr143TestFixture	   *fx,
			      const CwmpTr143Module *const *modules,
			      const gchar		   *name)
{
	g_autofree gchar *template = g_strdup_printf("cwmp-tr143-%s-XXXXXX", name);

	fx->directory = g_dir_make_tmp(template, NULL);
	g_assert_nonnull(fx->directory);
	fx->modules = modules;
	cwmp_tr143_test_fixture_start(fx, 1500);
}

void
cwmp_tr143_test_fixture_teardown(CwmpTr143TestFixture *fx)
{
	cwmp_tr143_test_fixture_stop(fx);
	cwmp_tr143_test_rm_rf(fx->directory);
	g_clear_pointer(&fx->directory, g_free);
}

/**
 * cwmp_tr143_test_fixture_set:
 * @...: path, value pairs, %NULL-terminated: one SetParameterValues
 *
 * Returns: 0, or the fault of the transaction (the first parameter fault)
 */
gint
cwmp_tr143_test_fixture_set(CwmpTr143TestFixture *fx, ...)
{
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(fx->dm);
	g_autoptr(GError) error = NULL;
	gboolean     ok = TRUE;
	va_list	     args;
	const gchar *path;
	GPtrArray   *faults;

	va_start(args, fx);
	while ((path = va_arg(args, const gchar *)) != NULL) {
		const gchar *value = va_arg(args, const gchar *);
		if (!cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_NONE))
			ok = FALSE;
	}
	va_end(args);
	if (ok && cwmp_dm_txn_commit(txn, &error))
		return 0;
	if (error != NULL)
		return cwmp_error_to_fault(error);
	faults = cwmp_dm_txn_get_faults(txn);
	g_assert_true(faults != NULL && faults->len > 0);
	return ((CwmpDmFault *) g_ptr_array_index(faults, 0))->code;
}

/* the state of @object once it left Requested; a test error after 120 s */
gchar *
cwmp_tr143_test_fixture_wait(CwmpTr143TestFixture *fx, const gchar *object)
{
	gchar *state = cwmp_tr143_test_wait_state(fx->dm, object, CWMP_TR143_TEST_WAIT_MS);
	if (state == NULL)
		g_error("%s: the diagnostic did not finish in time", object);
	return state;
}

/* --- for every tr143 test ------------------------------------------------- */

gchar *
cwmp_tr143_test_get(CwmpDm *dm, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	gchar *value = cwmp_dm_get_value(dm, path, &error);
	if (value == NULL)
		g_error("%s: %s", path, error->message);
	return value;
}

guint64
cwmp_tr143_test_get_uint(CwmpDm *dm, const gchar *path)
{
	g_autofree gchar *value = cwmp_tr143_test_get(dm, path);
	guint64		  out = 0;
	if (!g_ascii_string_to_unsigned(value, 10, 0, G_MAXUINT64, &out, NULL))
		g_error("%s: '%s' is not an unsigned number", path, value);
	return out;
}

/* a result time in microseconds since the epoch; it must have six decimals */
gint64
cwmp_tr143_test_get_time(CwmpDm *dm, const gchar *path)
{
	g_autofree gchar *value = cwmp_tr143_test_get(dm, path);
	g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601(value, NULL);
	g_assert_nonnull(dt);
	/* microseconds, as TR-181 asks */
	g_assert_cmpuint(strlen(value), ==, strlen("2026-01-01T00:00:00.000000Z"));
	return g_date_time_to_unix(dt) * G_USEC_PER_SEC + g_date_time_get_microsecond(dt);
}

static gboolean
cwmp_tr143_test_timeout_cb(gpointer user_data)
{
	*(gboolean *) user_data = TRUE;
	return G_SOURCE_REMOVE;
}

/**
 * cwmp_tr143_test_wait_state:
 * @object: "Device.IP.Diagnostics.IPPing." and the like
 *
 * Runs the main loop until the object's DiagnosticsState leaves Requested.
 *
 * Returns: (transfer full) (nullable): the state then, %NULL when it did not
 *   within @timeout_ms
 */
gchar *
cwmp_tr143_test_wait_state(CwmpDm *dm, const gchar *object, guint timeout_ms)
{
	g_autofree gchar *path = g_strconcat(object, "DiagnosticsState", NULL);
	gboolean	  expired = FALSE;
	guint		  id = g_timeout_add(timeout_ms, cwmp_tr143_test_timeout_cb, &expired);

	while (!expired) {
		g_autofree gchar *state = cwmp_tr143_test_get(dm, path);
		if (g_strcmp0(state, "Requested") != 0) {
			g_source_remove(id);
			return g_steal_pointer(&state);
		}
		g_main_context_iteration(NULL, TRUE);
	}
	return NULL;
}

/* runs the main loop for @ms */
void
cwmp_tr143_test_spin(guint ms)
{
	gboolean expired = FALSE;
	g_timeout_add(ms, cwmp_tr143_test_timeout_cb, &expired);
	while (!expired)
		g_main_context_iteration(NULL, TRUE);
}

/**
 * cwmp_tr143_test_run:
 * @format: a command line, printf-style
 *
 * Runs a command (ip, tc, sysctl); its output goes to the test messages
 * only, never to the TAP stream.
 *
 * Returns: whether it ran and exited with 0
 */
gboolean
cwmp_tr143_test_run(const gchar *format, ...)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) argv = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *command = NULL;
	gint		  status = 0;
	va_list		  ap;

	va_start(ap, format);
	command = g_strdup_vprintf(format, ap);
	va_end(ap);
	g_test_message("%s", command);
	if (!g_shell_parse_argv(command, NULL, &argv, &error) ||
	    !g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
			  NULL, NULL, &err, &status, &error)) {
		g_test_message("%s: %s", command, error->message);
		return FALSE;
	}
	if (!g_spawn_check_wait_status(status, NULL)) {
		g_test_message("%s: %s", command, err);
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_tr143_test_damage_state:
 * @directory: a state directory, the plugin stopped
 * @name: a state file in it, tr143-ping.state and the like
 *
 * Writes garbage over the state file and expects the warning the plugin
 * gives when it reads it at the next start.
 */
void
cwmp_tr143_test_damage_state(const gchar *directory, const gchar *name)
{
	g_autofree gchar *file = g_build_filename(directory, name, NULL);
	g_autofree gchar *pattern = g_strdup_printf("*%s*", name);

	g_assert_true(g_file_set_contents(file, "garbage\n", -1, NULL));
	g_test_expect_message(G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, pattern);
}

/* whether the state file @name was set aside in @directory (a damaged one) */
gboolean
cwmp_tr143_test_state_set_aside(const gchar *directory, const gchar *name)
{
	g_autofree gchar *prefix = g_strconcat(name, ".corrupt-", NULL);
	g_autoptr(GDir) dir = g_dir_open(directory, 0, NULL);
	const gchar *entry;

	g_assert_nonnull(dir);
	while ((entry = g_dir_read_name(dir)) != NULL) {
		if (g_str_has_prefix(entry, prefix))
			return TRUE;
	}
	return FALSE;
}
