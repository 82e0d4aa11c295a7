/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cwmp-test-ftpd.h"

#define CWMP_TEST_FTPD_PYTHON "/usr/bin/python3"

struct _CwmpTestFtpd {
	GSubprocess *process;
	guint16	     port;
};

const gchar *
cwmp_test_ftpd_skip_reason(void)
{
	static gsize	    once = 0;
	static const gchar *reason = NULL;

	if (g_once_init_enter(&once)) {
		const gchar *argv[] = {CWMP_TEST_FTPD_PYTHON, "-c", "import pyftpdlib", NULL};
		gint	     status = 0;

		if (!g_file_test(CWMP_TEST_FTPD_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
			reason = CWMP_TEST_FTPD_PYTHON " is missing";
		else if (!g_spawn_sync(NULL, (gchar **) argv, NULL,
				       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
				       NULL, NULL, NULL, NULL, &status, NULL) ||
			 !g_spawn_check_wait_status(status, NULL))
			reason = CWMP_TEST_FTPD_PYTHON " cannot import pyftpdlib "
						       "(Debian package python3-pyftpdlib)";
		g_once_init_leave(&once, 1);
	}
	return reason;
}

static void
cwmp_test_ftpd_read_line_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask  *task = user_data;
	GError *error = NULL;
	gchar  *line;

	line =
	    g_data_input_stream_read_line_finish(G_DATA_INPUT_STREAM(source), result, NULL, &error);
	if (line == NULL && error == NULL)
		error = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CLOSED,
					    "the FTP server exited before it listened");
	if (error != NULL)
		g_task_return_error(task, error);
	else
		g_task_return_pointer(task, line, g_free);
	g_object_unref(task);
}

static gboolean
cwmp_test_ftpd_timeout_cb(gpointer user_data)
{
	g_cancellable_cancel(G_CANCELLABLE(user_data));
	return G_SOURCE_REMOVE;
}

static void
cwmp_test_ftpd_done_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GAsyncResult **out = user_data;

	*out = g_object_ref(result);
	g_main_context_wakeup(NULL);
}

CwmpTestFtpd *
cwmp_test_ftpd_start(const CwmpTestFtpdOptions *options, GError **error)
{
	g_autoptr(CwmpTestFtpd) ftpd = g_new0(CwmpTestFtpd, 1);
	g_autofree gchar *script = NULL;
	g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GDataInputStream) stdout_data = NULL;
	g_autoptr(GCancellable) cancellable = g_cancellable_new();
	g_autoptr(GAsyncResult) result = NULL;
	g_autoptr(GTask) task = NULL;
	g_autofree gchar *line = NULL;
	guint64		  port = 0;
	guint		  timeout_id;

	g_return_val_if_fail(options != NULL && options->root != NULL, NULL);

	script = g_test_build_filename(G_TEST_DIST, "cwmp-test-ftpd.py", NULL);
	g_ptr_array_add(argv, g_strdup(CWMP_TEST_FTPD_PYTHON));
	g_ptr_array_add(argv, g_strdup(script));
	g_ptr_array_add(argv, g_strdup("--root"));
	g_ptr_array_add(argv, g_strdup(options->root));
	if (options->username != NULL) {
		g_ptr_array_add(argv, g_strdup("--user"));
		g_ptr_array_add(argv, g_strdup(options->username));
		g_ptr_array_add(argv, g_strdup("--password"));
		g_ptr_array_add(argv, g_strdup(options->password != NULL ? options->password : ""));
	}
	if (options->writable)
		g_ptr_array_add(argv, g_strdup("--writable"));
	if (options->anonymous)
		g_ptr_array_add(argv, g_strdup("--anonymous"));
	if (options->no_rest)
		g_ptr_array_add(argv, g_strdup("--no-rest"));
	if (options->throttle > 0) {
		g_ptr_array_add(argv, g_strdup("--throttle"));
		g_ptr_array_add(argv, g_strdup_printf("%" G_GUINT64_FORMAT, options->throttle));
	}
	g_ptr_array_add(argv, NULL);

	/* stdin is a pipe the server watches: it exits when we go */
	ftpd->process = g_subprocess_newv(
	    (const gchar *const *) argv->pdata,
	    G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
	if (ftpd->process == NULL)
		return NULL;

	/* wait for "PORT <n>", at most 30 s */
	stdout_data = g_data_input_stream_new(g_subprocess_get_stdout_pipe(ftpd->process));
	task = g_task_new(NULL, NULL, cwmp_test_ftpd_done_cb, &result);
	g_data_input_stream_read_line_async(stdout_data, G_PRIORITY_DEFAULT, cancellable,
					    cwmp_test_ftpd_read_line_cb, g_object_ref(task));
	timeout_id = g_timeout_add_seconds(30, cwmp_test_ftpd_timeout_cb, cancellable);
	g_clear_object(&task);
	while (result == NULL)
		g_main_context_iteration(NULL, TRUE);
	g_source_remove(timeout_id);
	line = g_task_propagate_pointer(G_TASK(result), error);
	if (line == NULL) {
		g_prefix_error_literal(error, "cannot start the FTP server: ");
		return NULL;
	}
	if (!g_str_has_prefix(line, "PORT ")) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
			    "unexpected line from the FTP server: \"%s\"", line);
		return NULL;
	}
	if (!g_ascii_string_to_unsigned(line + 5, 10, 1, 65535, &port, error)) {
		g_prefix_error_literal(error, "bad port from the FTP server: ");
		return NULL;
	}
	ftpd->port = (guint16) port;
	return g_steal_pointer(&ftpd);
}

guint16
cwmp_test_ftpd_get_port(CwmpTestFtpd *ftpd)
{
	return ftpd->port;
}

gchar *
cwmp_test_ftpd_get_url(CwmpTestFtpd *ftpd, const gchar *path)
{
	return g_strdup_printf("ftp://127.0.0.1:%u/%s", ftpd->port, path);
}

void
cwmp_test_ftpd_kill(CwmpTestFtpd *ftpd)
{
	if (ftpd->process == NULL)
		return;
	g_subprocess_force_exit(ftpd->process);
	g_subprocess_wait(ftpd->process, NULL, NULL);
	g_clear_object(&ftpd->process);
}

void
cwmp_test_ftpd_stop(CwmpTestFtpd *ftpd)
{
	if (ftpd == NULL)
		return;
	cwmp_test_ftpd_kill(ftpd);
	g_free(ftpd);
}
