/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The session summary in the log: the lines of cwmpd -v (the real binary,
 * spawned, against the ACS simulator in this process) in their order, the
 * default level without the details, and the journal fields of the records
 * (an agent run in this process under a writer that keeps them).
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cwmp-acs-sim.h"
#include "cwmp-agent.h"
#include "cwmp-rpc.h"
#include "cwmp-test-utils.h"

#define WAIT_CAP_SECONDS 30

/* --- the records, as a journal would get them ------------------------------ */

/* GHashTable of field name -> value, for each record with CWMP_SESSION_ID */
static GPtrArray *log_test_records;

static GLogWriterOutput
log_test_writer(GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer data)
{
	g_autoptr(GHashTable) record = NULL;

	record = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (gsize i = 0; i < n_fields; i++) {
		if (fields[i].length < 0)
			g_hash_table_insert(record, g_strdup(fields[i].key),
					    g_strdup(fields[i].value));
		else
			g_hash_table_insert(record, g_strdup(fields[i].key),
					    g_strndup(fields[i].value, (gsize) fields[i].length));
	}
	if (log_test_records != NULL && g_hash_table_contains(record, "CWMP_SESSION_ID"))
		g_ptr_array_add(log_test_records, g_steal_pointer(&record));
	return g_log_writer_default(log_level, fields, n_fields, data);
}

/* the first record whose MESSAGE starts with @prefix, at or after *@from */
static GHashTable *
log_test_find(const gchar *prefix, guint *from)
{
	for (guint i = *from; i < log_test_records->len; i++) {
		GHashTable  *record = g_ptr_array_index(log_test_records, i);
		const gchar *message = g_hash_table_lookup(record, "MESSAGE");

		if (message != NULL && g_str_has_prefix(message, prefix)) {
			*from = i + 1;
			return record;
		}
	}
	g_error("no record \"%s...\" after record %u", prefix, *from);
	return NULL;
}

/* the event codes of the first Inform, in either order */
static gboolean
log_test_events_ok(const gchar *events)
{
	const gchar *expected[] = {"0 BOOTSTRAP,1 BOOT", "1 BOOT,0 BOOTSTRAP"};

	for (guint i = 0; i < G_N_ELEMENTS(expected); i++) {
		if (g_strcmp0(events, expected[i]) == 0)
			return TRUE;
	}
	return FALSE;
}

/* --- cwmpd against the simulator ------------------------------------------- */

typedef struct {
	gchar	   *dir;
	gchar	   *config_file;
	gchar	   *log_file;
	CwmpAcsSim *sim;
	GPid	    pid;
	gboolean    running;
	guint	    child_watch;
} Fixture;

static void
log_test_child_exited_cb(GPid pid, gint status, gpointer user_data)
{
	Fixture *fx = user_data;

	fx->running = FALSE;
	fx->child_watch = 0;
	g_spawn_close_pid(pid);
}

static gboolean
log_test_tick_cb(gpointer user_data)
{
	return G_SOURCE_CONTINUE;
}

static gchar *
log_test_read_log(Fixture *fx)
{
	gchar *log = NULL;

	if (!g_file_get_contents(fx->log_file, &log, NULL, NULL))
		return g_strdup("");
	return log;
}

/* spins the main loop until @cond holds, with a cap */
static void
log_test_wait(Fixture *fx, gboolean (*cond)(Fixture *fx), const gchar *what)
{
	gboolean expired = FALSE;
	guint	 id = g_timeout_add_seconds(WAIT_CAP_SECONDS, cwmp_test_utils_flag_cb, &expired);
	/* the log is a file: look again often */
	guint tick = g_timeout_add(20, log_test_tick_cb, NULL);

	while (!cond(fx) && !expired)
		g_main_context_iteration(NULL, TRUE);
	g_source_remove(tick);
	if (!expired)
		g_source_remove(id);
	if (!cond(fx)) {
		g_autofree gchar *log = log_test_read_log(fx);
		g_error("timed out waiting for %s; cwmpd log:\n%s", what, log);
	}
}

static gboolean
log_test_cond_session_ended(Fixture *fx)
{
	g_autofree gchar *log = log_test_read_log(fx);

	return strstr(log, "session 1 ended: ") != NULL;
}

static gboolean
log_test_cond_exited(Fixture *fx)
{
	return !fx->running;
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	fx->dir = cwmp_test_utils_mkdtemp("cwmp-log-test-XXXXXX");
	fx->config_file = g_build_filename(fx->dir, "cwmpd.conf", NULL);
	fx->log_file = g_build_filename(fx->dir, "cwmpd.log", NULL);
	fx->sim = cwmp_acs_sim_new();
	g_assert_true(cwmp_acs_sim_start(fx->sim, "127.0.0.1", 0, &error));
	g_assert_no_error(error);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	if (fx->running) {
		kill(fx->pid, SIGTERM);
		log_test_wait(fx, log_test_cond_exited, "cwmpd to exit");
	}
	if (g_test_failed()) {
		g_autofree gchar *log = log_test_read_log(fx);
		g_printerr("cwmpd log:\n%s\n", log);
	}
	cwmp_acs_sim_stop(fx->sim);
	g_clear_object(&fx->sim);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
	g_free(fx->config_file);
	g_free(fx->log_file);
}

static gchar *
log_test_config(Fixture *fx)
{
	g_autofree gchar *url = cwmp_acs_sim_get_url(fx->sim);

	return g_strdup_printf("[acs]\n"
			       "url=%s\n"
			       "session-timeout=5\n"
			       "periodic-inform-enable=false\n"
			       "[connection-request]\n"
			       "address=127.0.0.1\n"
			       "port=0\n"
			       "[state]\n"
			       "directory=%s/state\n"
			       "[log]\n"
			       "level=message\n",
			       url, fx->dir);
}

static CwmpRpc *
log_test_gpv(const gchar *name)
{
	CwmpRpc	    *rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES);
	const gchar *names[] = {name, NULL};

	g_strfreev(rpc->parameter_names.parameter_names);
	rpc->parameter_names.parameter_names = g_strdupv((gchar **) names);
	return rpc;
}

/* one session with a GetParameterValues answered and one refused (9005) */
static void
log_test_queue_rpcs(Fixture *fx)
{
	cwmp_acs_sim_queue_rpc(fx->sim, log_test_gpv("Device.ManagementServer.URL"));
	cwmp_acs_sim_queue_rpc(fx->sim, log_test_gpv("Device.NoSuchObject.Param"));
}

static void
log_test_run_cwmpd(Fixture *fx, const gchar *verbose)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *config = log_test_config(fx);
	g_auto(GStrv) envp = g_get_environ();
	const gchar *argv[] = {g_getenv("CWMPD_BINARY"), "--config", fx->config_file, verbose,
			       NULL};
	gint	     log_fd;

	g_assert_nonnull(argv[0]);
	g_assert_true(g_file_set_contents(fx->config_file, config, -1, &error));
	g_assert_no_error(error);
	/* the levels come from the configuration and -v alone */
	envp = g_environ_unsetenv(envp, "G_MESSAGES_DEBUG");
	log_fd = g_open(fx->log_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	g_assert_cmpint(log_fd, >=, 0);
	if (!g_spawn_async_with_fds(NULL, (gchar **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
				    NULL, &fx->pid, -1, log_fd, log_fd, &error))
		g_error("spawn cwmpd: %s", error->message);
	close(log_fd);
	fx->running = TRUE;
	fx->child_watch = g_child_watch_add(fx->pid, log_test_child_exited_cb, fx);
	log_test_wait(fx, log_test_cond_session_ended, "the end of the first session");
	kill(fx->pid, SIGTERM);
	log_test_wait(fx, log_test_cond_exited, "cwmpd to exit");
}

/* each line in this order, each after the one before */
static void
log_test_assert_in_order(const gchar *log, const gchar *const *lines)
{
	const gchar *p = log;

	for (guint i = 0; lines[i] != NULL; i++) {
		const gchar *found = strstr(p, lines[i]);

		if (found == NULL)
			g_error("\"%s\" missing (or out of order) in the log:\n%s", lines[i], log);
		p = found + strlen(lines[i]);
	}
}

/* -v: the whole summary, in order */
static void
test_verbose_summary(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *url = cwmp_acs_sim_get_url(fx->sim);
	g_autofree gchar *started = g_strdup_printf("session 1 started with %s (", url);
	g_autofree gchar *log = NULL;
	const gchar	 *lines[] = {
		 started,
		 "Inform sent: events ",
		 "InformResponse (CWMP 1.",
		 "empty POST",
		 "ACS request GetParameterValues: answered",
		 "ACS request GetParameterValues: fault 9005",
		 "session end: ",
		 "session 1 ended: success: done: 2 ACS requests answered; ",
		 NULL,
	     };

	log_test_queue_rpcs(fx);
	cwmp_acs_sim_set_end_status(fx->sim, 204);
	log_test_run_cwmpd(fx, "-v");
	log = log_test_read_log(fx);
	log_test_assert_in_order(log, lines);
	g_assert_true(strstr(log, "Inform sent: events 1 BOOT,0 BOOTSTRAP\n") != NULL ||
		      strstr(log, "Inform sent: events 0 BOOTSTRAP,1 BOOT\n") != NULL);
	g_assert_nonnull(strstr(log, "session end: 204\n"));
	/* periodic informs are off: nothing is due after a success */
	g_assert_nonnull(strstr(log, "answered; no next session scheduled\n"));
	/* info, not debug */
	g_assert_null(strstr(log, "Inform to "));
	g_assert_cmpuint(cwmp_acs_sim_get_n_completed_sessions(fx->sim), ==, 1);
}

/* [log] level=message: the start and the end, not the details */
static void
test_default_level(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *log = NULL;
	const gchar	 *lines[] = {"session 1 started with ", "session 1 ended: success: ", NULL};

	log_test_queue_rpcs(fx);
	log_test_run_cwmpd(fx, NULL);
	log = log_test_read_log(fx);
	log_test_assert_in_order(log, lines);
	g_assert_null(strstr(log, "Inform sent"));
	g_assert_null(strstr(log, "ACS request GetParameterValues"));
	g_assert_null(strstr(log, "empty POST"));
}

/* -vv: debug too */
static void
test_debug_level(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *log = NULL;
	const gchar	 *lines[] = {"Inform to ", "Inform sent: ", "session end: empty answer",
				     "session 1 ended: ", NULL};

	log_test_run_cwmpd(fx, "-vv");
	log = log_test_read_log(fx);
	log_test_assert_in_order(log, lines);
}

/* the journal fields: an agent in this process, its records kept by the
 * writer of this test */
static void
test_fields(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *config_text = log_test_config(fx);
	g_autofree gchar *url = cwmp_acs_sim_get_url(fx->sim);
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(CwmpAgent) agent = NULL;
	g_autofree gchar *plugin_dir = g_build_filename(fx->dir, "plugins", NULL);
	const gchar	 *with_session[] = {"Inform sent: ", "InformResponse (",
					    "empty POST",    "ACS request GetParameterValues: ",
					    "session end: ", "session 1 ended: "};
	GHashTable	 *record;
	GHashTable	 *first;
	guint		  from = 0;
	gboolean	  expired = FALSE;
	guint		  expired_id;

	log_test_queue_rpcs(fx);
	g_assert_true(g_file_set_contents(fx->config_file, config_text, -1, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_config_load_with_dropins(config, fx->config_file, &error));
	g_assert_no_error(error);
	g_assert_cmpint(g_mkdir(plugin_dir, 0755), ==, 0);
	g_assert_true(cwmp_config_set_string(config, "plugins", "directory", plugin_dir, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_agent_set_log_level("info", &error));
	g_assert_no_error(error);

	log_test_records = g_ptr_array_new_with_free_func((GDestroyNotify) g_hash_table_unref);
	agent = cwmp_agent_new(config);
	g_assert_true(cwmp_agent_start(agent, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_agent_start_engine(agent, &error));
	g_assert_no_error(error);
	expired_id = g_timeout_add_seconds(WAIT_CAP_SECONDS, cwmp_test_utils_flag_cb, &expired);
	while (cwmp_engine_get_sessions_succeeded(cwmp_agent_get_engine(agent)) +
		       cwmp_engine_get_sessions_failed(cwmp_agent_get_engine(agent)) ==
		   0 &&
	       !expired)
		g_main_context_iteration(NULL, TRUE);
	g_assert_false(expired);
	g_source_remove(expired_id);
	cwmp_agent_stop(agent);
	g_assert_cmpuint(cwmp_engine_get_sessions_succeeded(cwmp_agent_get_engine(agent)), ==, 1);

	/* the start, with the three fields */
	first = record = log_test_find("session 1 started with ", &from);
	g_assert_cmpstr(g_hash_table_lookup(record, "CWMP_SESSION_ID"), ==, "1");
	g_assert_cmpstr(g_hash_table_lookup(record, "CWMP_ACS_URL"), ==, url);
	g_assert_true(log_test_events_ok(g_hash_table_lookup(record, "CWMP_EVENTS")));
	g_assert_cmpstr(g_hash_table_lookup(record, "GLIB_DOMAIN"), ==, "CwmpCore");
	/* the journal's priority: 5 (notice) for a message, 6 for info */
	g_assert_cmpstr(g_hash_table_lookup(record, "PRIORITY"), ==, "5");
	/* the rest of the summary, in order, with the same fields */
	for (guint i = 0; i < G_N_ELEMENTS(with_session); i++) {
		record = log_test_find(with_session[i], &from);
		g_assert_cmpstr(g_hash_table_lookup(record, "CWMP_SESSION_ID"), ==, "1");
		g_assert_cmpstr(g_hash_table_lookup(record, "CWMP_ACS_URL"), ==, url);
		g_assert_cmpstr(g_hash_table_lookup(record, "CWMP_EVENTS"), ==,
				g_hash_table_lookup(first, "CWMP_EVENTS"));
	}
	g_clear_pointer(&log_test_records, g_ptr_array_unref);
	g_assert_true(cwmp_agent_set_log_level("message", NULL));
}

int
main(int argc, char *argv[])
{
	/* once per process, before anything is logged */
	g_log_set_writer_func(log_test_writer, NULL, NULL);
	g_test_init(&argc, &argv, NULL);
	g_test_add("/cwmp/log/verbose-summary", Fixture, NULL, fixture_setup, test_verbose_summary,
		   fixture_teardown);
	g_test_add("/cwmp/log/default-level", Fixture, NULL, fixture_setup, test_default_level,
		   fixture_teardown);
	g_test_add("/cwmp/log/debug-level", Fixture, NULL, fixture_setup, test_debug_level,
		   fixture_teardown);
	g_test_add("/cwmp/log/fields", Fixture, NULL, fixture_setup, test_fields, fixture_teardown);
	return g_test_run();
}
