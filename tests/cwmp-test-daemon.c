/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cwmp-test-daemon.h"
#include "cwmp-test-utils.h"

CwmpTestDaemon *
cwmp_test_daemon_new(const gchar *tmpl)
{
	CwmpTestDaemon *self = g_new0(CwmpTestDaemon, 1);
	self->dir = cwmp_test_utils_mkdtemp(tmpl);
	self->state_dir = g_build_filename(self->dir, "state", NULL);
	self->config_file = g_build_filename(self->dir, "cwmpd.conf", NULL);
	self->boot_id_file = g_build_filename(self->dir, "boot_id", NULL);
	self->log_file = g_build_filename(self->dir, "cwmpd.log", NULL);
	cwmp_test_daemon_set_boot_id(self, "boot-1");
	self->sim = cwmp_acs_sim_new();
	return self;
}

void
cwmp_test_daemon_free(CwmpTestDaemon *self)
{
	if (self == NULL)
		return;
	cwmp_test_daemon_stop(self, SIGTERM);
	/* in a test that failed (a benchmark has no test: nothing to say) */
	if (g_test_get_path() != NULL && g_test_failed()) {
		g_autofree gchar *log = NULL;
		g_file_get_contents(self->log_file, &log, NULL, NULL);
		g_printerr("cwmpd log:\n%s\n", log != NULL ? log : "");
	}
	cwmp_acs_sim_stop(self->sim);
	g_clear_object(&self->sim);
	/* CWMP_TEST_KEEP=1 keeps the state, configuration and cwmpd log */
	if (g_getenv("CWMP_TEST_KEEP") == NULL)
		cwmp_test_utils_rm_rf(self->dir, NULL);
	else
		g_test_message("kept %s", self->dir);
	g_free(self->dir);
	g_free(self->state_dir);
	g_free(self->config_file);
	g_free(self->boot_id_file);
	g_free(self->log_file);
	g_free(self);
}

void
cwmp_test_daemon_start_sim(CwmpTestDaemon *self)
{
	g_autoptr(GError) error = NULL;
	cwmp_acs_sim_set_cr_credentials(self->sim, "cr-user", "cr-secret");
	g_assert_true(cwmp_acs_sim_start(self->sim, "127.0.0.1", 0, &error));
	g_assert_no_error(error);
}

void
cwmp_test_daemon_write_config(CwmpTestDaemon *self, const gchar *extra)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = cwmp_acs_sim_get_url(self->sim);
	g_autofree gchar *text = g_strdup_printf("[acs]\n"
						 "url=%s\n"
						 "retry-minimum-wait-interval=1\n"
						 "retry-interval-multiplier=1000\n"
						 "session-timeout=5\n"
						 "periodic-inform-enable=false\n"
						 "[connection-request]\n"
						 "address=127.0.0.1\n"
						 "port=0\n"
						 "username=cr-user\n"
						 "password=cr-secret\n"
						 "advertised-host=127.0.0.1\n"
						 "[state]\n"
						 "directory=%s\n"
						 "[device]\n"
						 "manufacturer=Example Networks\n"
						 "oui=00A0C9\n"
						 "product-class=TestBox\n"
						 "serial-number=TEST0001\n"
						 "[data-model]\n"
						 "poll-interval=1\n"
						 "%s",
						 url, self->state_dir, extra != NULL ? extra : "");
	g_assert_true(g_file_set_contents(self->config_file, text, -1, &error));
	g_assert_no_error(error);
}

void
cwmp_test_daemon_set_boot_id(CwmpTestDaemon *self, const gchar *boot_id)
{
	g_assert_true(g_file_set_contents(self->boot_id_file, boot_id, -1, NULL));
}

static void
cwmp_test_daemon_exited_cb(GPid pid, gint status, gpointer user_data)
{
	CwmpTestDaemon *self = user_data;
	self->running = FALSE;
	self->exit_status = status;
	self->child_watch = 0;
	g_spawn_close_pid(pid);
}

/* cwmpd never outlives a test that aborts */
static void
cwmp_test_daemon_child_setup(gpointer user_data)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

void
cwmp_test_daemon_start(CwmpTestDaemon *self)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) envp = g_get_environ();
	const gchar *binary = g_getenv("CWMPD_BINARY");
	const gchar *argv[] = {binary, "--config", self->config_file, NULL};
	gint	     log_fd;

	g_assert_nonnull(binary);
	g_assert_false(self->running);
	envp = g_environ_setenv(envp, "CWMP_BOOT_ID_FILE", self->boot_id_file, TRUE);
	envp = g_environ_setenv(envp, "G_MESSAGES_DEBUG", "CwmpCore", TRUE);
	log_fd = g_open(self->log_file, O_WRONLY | O_CREAT | O_APPEND, 0644);
	g_assert_cmpint(log_fd, >=, 0);
	if (!g_spawn_async_with_fds(NULL, (gchar **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
				    cwmp_test_daemon_child_setup, NULL, &self->pid, -1, log_fd,
				    log_fd, &error))
		g_error("spawn cwmpd: %s", error->message);
	close(log_fd);
	self->running = TRUE;
	self->child_watch = g_child_watch_add(self->pid, cwmp_test_daemon_exited_cb, self);
}

void
cwmp_test_daemon_stop(CwmpTestDaemon *self, gint sig)
{
	if (!self->running)
		return;
	kill(self->pid, sig);
	cwmp_test_daemon_wait(self, cwmp_test_daemon_cond_exited, NULL, "cwmpd to exit");
}

static gboolean
cwmp_test_daemon_tick_cb(gpointer user_data)
{
	return G_SOURCE_CONTINUE;
}

void
cwmp_test_daemon_wait(CwmpTestDaemon	*self,
		      CwmpTestDaemonCond cond,
		      gconstpointer	 data,
		      const gchar	*what)
{
	gboolean expired = FALSE;
	gint64	 t0 = g_get_monotonic_time();
	guint	 id =
	    g_timeout_add_seconds(CWMP_TEST_DAEMON_WAIT_CAP, cwmp_test_utils_flag_cb, &expired);
	/* some conditions are files (the log, a hook's mark): look again often */
	guint tick = g_timeout_add(20, cwmp_test_daemon_tick_cb, NULL);

	while (!cond(self, data) && !expired)
		g_main_context_iteration(NULL, TRUE);
	g_source_remove(tick);
	if (!expired)
		g_source_remove(id);
	g_test_message("waited %.2f s for %s", (g_get_monotonic_time() - t0) / 1e6, what);
	if (!cond(self, data)) {
		g_autofree gchar *log = NULL;
		g_file_get_contents(self->log_file, &log, NULL, NULL);
		g_error("timed out waiting for %s; cwmpd log:\n%s", what, log != NULL ? log : "");
	}
}

gboolean
cwmp_test_daemon_cond_sessions(CwmpTestDaemon *self, gconstpointer n)
{
	return cwmp_acs_sim_get_n_completed_sessions(self->sim) >= GPOINTER_TO_UINT(n);
}

guint
cwmp_test_daemon_count_log(CwmpTestDaemon *self, const gchar *text)
{
	g_autofree gchar *log = NULL;
	guint		  n = 0;

	if (!g_file_get_contents(self->log_file, &log, NULL, NULL))
		return 0;
	for (const gchar *p = log; (p = strstr(p, text)) != NULL; p++)
		n++;
	return n;
}

/* cwmpd's own view: the session is over only once it has read the ACS's
 * empty answer (the simulator counts it as sent before that) */
gboolean
cwmp_test_daemon_cond_cpe_sessions(CwmpTestDaemon *self, gconstpointer n)
{
	return cwmp_test_daemon_count_log(self, " done: ") >= GPOINTER_TO_UINT(n);
}

gboolean
cwmp_test_daemon_cond_log(CwmpTestDaemon *self, gconstpointer text)
{
	return cwmp_test_daemon_count_log(self, text) > 0;
}

gboolean
cwmp_test_daemon_cond_file(CwmpTestDaemon *self, gconstpointer path)
{
	return g_file_test(path, G_FILE_TEST_EXISTS);
}

gboolean
cwmp_test_daemon_cond_exited(CwmpTestDaemon *self, gconstpointer unused)
{
	return !self->running;
}
