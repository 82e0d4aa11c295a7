/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* the real cwmpd binary ($CWMPD_BINARY), spawned so it can be killed with
 * SIGKILL, against the ACS simulator running in the test process; every wait
 * spins the main loop until a condition holds, with a cap */

#pragma once

#include <glib.h>

#include "cwmp-acs-sim.h"

G_BEGIN_DECLS

#define CWMP_TEST_DAEMON_WAIT_CAP 30

typedef struct {
	gchar	   *dir;
	gchar	   *state_dir;
	gchar	   *config_file;
	gchar	   *boot_id_file;
	gchar	   *log_file;
	CwmpAcsSim *sim;
	GPid	    pid;
	gboolean    running;
	gint	    exit_status;
	guint	    child_watch;
} CwmpTestDaemon;

typedef gboolean (*CwmpTestDaemonCond)(CwmpTestDaemon *daemon, gconstpointer data);

CwmpTestDaemon *
cwmp_test_daemon_new(const gchar *tmpl);
void
cwmp_test_daemon_free(CwmpTestDaemon *self);
void
cwmp_test_daemon_start_sim(CwmpTestDaemon *self);
/* the test configuration: the simulator's URL, fast retries, hooks that
 * touch files in dir, then @extra (more groups) */
void
cwmp_test_daemon_write_config(CwmpTestDaemon *self, const gchar *extra);
void
cwmp_test_daemon_set_boot_id(CwmpTestDaemon *self, const gchar *boot_id);
void
cwmp_test_daemon_start(CwmpTestDaemon *self);
void
cwmp_test_daemon_stop(CwmpTestDaemon *self, gint sig);
void
cwmp_test_daemon_wait(CwmpTestDaemon	*self,
		      CwmpTestDaemonCond cond,
		      gconstpointer	 data,
		      const gchar	*what);
/* conditions */
gboolean
cwmp_test_daemon_cond_sessions(CwmpTestDaemon *self, gconstpointer n);
gboolean
cwmp_test_daemon_cond_cpe_sessions(CwmpTestDaemon *self, gconstpointer n);
gboolean
cwmp_test_daemon_cond_log(CwmpTestDaemon *self, gconstpointer text);
gboolean
cwmp_test_daemon_cond_file(CwmpTestDaemon *self, gconstpointer path);
gboolean
cwmp_test_daemon_cond_exited(CwmpTestDaemon *self, gconstpointer unused);
/* how often @text is in cwmpd's log */
guint
cwmp_test_daemon_count_log(CwmpTestDaemon *self, const gchar *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTestDaemon, cwmp_test_daemon_free)

G_END_DECLS
