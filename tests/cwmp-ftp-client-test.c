/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-ftp-client.h"
#include "cwmp-test-ftpd.h"
#include "cwmp-test-utils.h"

/*
 * The FTP client against pyftpdlib (tests/cwmp-test-ftpd.py) for the real
 * protocol, and against a scripted server in this file for what a real
 * server does not do: garbage, over-long replies, a foreign address in 227,
 * silence.
 */

static gboolean
cwmp_ftp_client_test_valgrind(void)
{
	return g_getenv("CWMP_UNDER_VALGRIND") != NULL;
}

/* a timeout in ms, longer under valgrind */
static guint
cwmp_ftp_client_test_ms(guint ms)
{
	return cwmp_ftp_client_test_valgrind() ? ms * 10 : ms;
}

/* @size pseudo-random bytes, the same for a seed */
static GBytes *
cwmp_ftp_client_test_make_data(gsize size, guint32 seed)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
	guint8 *data = g_malloc(size);

	for (gsize i = 0; i < size; i++)
		data[i] = (guint8) (g_rand_int(rand) >> 24);
	return g_bytes_new_take(data, size);
}

static gchar *
cwmp_ftp_client_test_write_file(const gchar *root, const gchar *name, GBytes *bytes)
{
	g_autofree gchar *path = g_build_filename(root, name, NULL);
	g_autoptr(GError) error = NULL;

	g_file_set_contents(path, g_bytes_get_data(bytes, NULL), (gssize) g_bytes_get_size(bytes),
			    &error);
	g_assert_no_error(error);
	return g_steal_pointer(&path);
}

static void
cwmp_ftp_client_test_mkdir(const gchar *root, const gchar *name)
{
	g_autofree gchar *path = g_build_filename(root, name, NULL);

	g_assert_cmpint(g_mkdir(path, 0755), ==, 0);
}

/* one transfer, run to the end on the default main context */

typedef struct {
	GAsyncResult *result;
	guint	      progress_calls;
	guint64	      progress_done;
	guint64	      progress_total;
	GCancellable *cancel; /* cancelled once @act_at bytes are done */
	CwmpTestFtpd *kill;   /* killed once @act_at bytes are done */
	guint64	      act_at;
	gboolean      acted;
} CwmpFtpClientTestRun;

static void
cwmp_ftp_client_test_progress_cb(guint64 done, guint64 total, gpointer user_data)
{
	CwmpFtpClientTestRun *run = user_data;

	g_assert_cmpuint(done, >=, run->progress_done);
	run->progress_calls++;
	run->progress_done = done;
	run->progress_total = total;
	if (run->act_at > 0 && done >= run->act_at && !run->acted) {
		run->acted = TRUE;
		if (run->cancel != NULL)
			g_cancellable_cancel(run->cancel);
		if (run->kill != NULL)
			cwmp_test_ftpd_kill(run->kill);
	}
}

static void
cwmp_ftp_client_test_done_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpFtpClientTestRun *run = user_data;

	g_assert_null(run->result);
	run->result = g_object_ref(result);
}

static void
cwmp_ftp_client_test_wait(CwmpFtpClientTestRun *run)
{
	while (run->result == NULL)
		g_main_context_iteration(NULL, TRUE);
}

static gboolean
cwmp_ftp_client_test_download(CwmpFtpClientTestRun *run,
			      const gchar	   *url,
			      const gchar	   *username,
			      const gchar	   *password,
			      guint64		    offset,
			      GOutputStream	   *output,
			      guint64		    max_size,
			      guint64		   *total,
			      GError		  **error)
{
	gboolean ok;

	run->progress_calls = 0;
	run->progress_done = 0;
	cwmp_ftp_download_async(url, username, password, offset, output, max_size,
				cwmp_ftp_client_test_progress_cb, run, run->cancel,
				cwmp_ftp_client_test_done_cb, run);
	cwmp_ftp_client_test_wait(run);
	ok = cwmp_ftp_download_finish(run->result, total, error);
	g_clear_object(&run->result);
	return ok;
}

static gboolean
cwmp_ftp_client_test_upload(CwmpFtpClientTestRun *run,
			    const gchar		 *url,
			    const gchar		 *username,
			    const gchar		 *password,
			    GBytes		 *bytes,
			    guint64		  size,
			    GError		**error)
{
	g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes(bytes);
	gboolean ok;

	run->progress_calls = 0;
	run->progress_done = 0;
	cwmp_ftp_upload_async(url, username, password, input, size,
			      cwmp_ftp_client_test_progress_cb, run, run->cancel,
			      cwmp_ftp_client_test_done_cb, run);
	cwmp_ftp_client_test_wait(run);
	ok = cwmp_ftp_upload_finish(run->result, error);
	g_clear_object(&run->result);
	return ok;
}

/* a download into memory: its bytes, or NULL with @error */
static GBytes *
cwmp_ftp_client_test_download_bytes(const gchar *url,
				    const gchar *username,
				    const gchar *password,
				    GError     **error)
{
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	CwmpFtpClientTestRun run = {0};
	guint64		     total = 0;

	if (!cwmp_ftp_client_test_download(&run, url, username, password, 0, output, 0, &total,
					   error))
		return NULL;
	g_output_stream_close(output, NULL, NULL);
	g_assert_cmpuint(total, ==,
			 g_memory_output_stream_get_data_size(G_MEMORY_OUTPUT_STREAM(output)));
	/* the last report is the whole file */
	g_assert_cmpuint(run.progress_calls, >=, 1);
	g_assert_cmpuint(run.progress_done, ==, total);
	if (run.progress_total != G_MAXUINT64)
		g_assert_cmpuint(run.progress_total, ==, total);
	return g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(output));
}

static GBytes *
cwmp_ftp_client_test_memory_bytes(GOutputStream *output)
{
	g_output_stream_close(output, NULL, NULL);
	return g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(output));
}

/* a test folder and a pyftpdlib server on it */

typedef struct {
	gchar	     *root;
	CwmpTestFtpd *ftpd;
} CwmpFtpClientTestServer;

static gboolean
cwmp_ftp_client_test_server_start(CwmpFtpClientTestServer *server, CwmpTestFtpdOptions *options)
{
	g_autoptr(GError) error = NULL;

	if (cwmp_test_ftpd_skip_reason() != NULL) {
		g_test_skip(cwmp_test_ftpd_skip_reason());
		return FALSE;
	}
	server->root = cwmp_test_utils_mkdtemp("cwmp-ftp-test-XXXXXX");
	options->root = server->root;
	server->ftpd = cwmp_test_ftpd_start(options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(server->ftpd);
	return TRUE;
}

static void
cwmp_ftp_client_test_server_stop(CwmpFtpClientTestServer *server)
{
	g_autoptr(GError) error = NULL;

	g_clear_pointer(&server->ftpd, cwmp_test_ftpd_stop);
	if (server->root != NULL) {
		cwmp_test_utils_rm_rf(server->root, &error);
		g_assert_no_error(error);
		g_clear_pointer(&server->root, g_free);
	}
}

/* download, anonymous and with a user */

static void
cwmp_ftp_client_test_download_anonymous(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(300 * 1024 + 7, 1);
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *path = NULL;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	path = cwmp_ftp_client_test_write_file(server.root, "firmware.bin", data);
	url = cwmp_test_ftpd_get_url(server.ftpd, "firmware.bin");
	got = cwmp_ftp_client_test_download_bytes(url, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(got, data));

	/* a file in a folder, and a name with a space, percent-encoded */
	g_clear_pointer(&got, g_bytes_unref);
	g_clear_pointer(&url, g_free);
	cwmp_ftp_client_test_mkdir(server.root, "pub");
	g_free(cwmp_ftp_client_test_write_file(server.root, "pub/my file.cfg", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "pub/my%20file.cfg;type=i");
	got = cwmp_ftp_client_test_download_bytes(url, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(got, data));

	/* an empty file */
	g_clear_pointer(&got, g_bytes_unref);
	g_clear_pointer(&url, g_free);
	g_clear_pointer(&data, g_bytes_unref);
	data = g_bytes_new_static("", 0);
	g_free(cwmp_ftp_client_test_write_file(server.root, "empty", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "empty");
	got = cwmp_ftp_client_test_download_bytes(url, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_bytes_get_size(got), ==, 0);
	cwmp_ftp_client_test_server_stop(&server);
}

static void
cwmp_ftp_client_test_download_credentials(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.username = "acs", .password = "s3cr:t@"};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(100 * 1024, 2);
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "config.xml", data));

	/* from the arguments */
	url = cwmp_test_ftpd_get_url(server.ftpd, "config.xml");
	got = cwmp_ftp_client_test_download_bytes(url, "acs", "s3cr:t@", &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(got, data));
	g_clear_pointer(&got, g_bytes_unref);

	/* from the URL, percent-encoded */
	g_free(url);
	url = g_strdup_printf("ftp://acs:s3cr%%3At%%40@127.0.0.1:%u/config.xml",
			      cwmp_test_ftpd_get_port(server.ftpd));
	got = cwmp_ftp_client_test_download_bytes(url, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(got, data));
	g_clear_pointer(&got, g_bytes_unref);

	/* the arguments win over the URL */
	g_free(url);
	url = g_strdup_printf("ftp://nobody:wrong@127.0.0.1:%u/config.xml",
			      cwmp_test_ftpd_get_port(server.ftpd));
	got = cwmp_ftp_client_test_download_bytes(url, "acs", "s3cr:t@", &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(got, data));
	g_clear_pointer(&got, g_bytes_unref);

	/* no anonymous login on this server */
	g_free(url);
	url = cwmp_test_ftpd_get_url(server.ftpd, "config.xml");
	got = cwmp_ftp_client_test_download_bytes(url, NULL, NULL, &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_TRANSFER_AUTH_FAILURE);
	g_assert_null(got);
	cwmp_ftp_client_test_server_stop(&server);
}

static void
cwmp_ftp_client_test_download_wrong_password(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.username = "acs", .password = "right"};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(1000, 3);
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "f", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "f");
	got = cwmp_ftp_client_test_download_bytes(url, "acs", "wrong", &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_TRANSFER_AUTH_FAILURE);
	g_assert_nonnull(strstr(error->message, "530"));
	g_assert_null(strstr(error->message, "wrong"));
	g_assert_null(got);
	cwmp_ftp_client_test_server_stop(&server);
}

static void
cwmp_ftp_client_test_download_missing(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE};
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	url = cwmp_test_ftpd_get_url(server.ftpd, "no-such-file");
	got = cwmp_ftp_client_test_download_bytes(url, NULL, NULL, &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_ACCESS_FILE_FAILURE);
	g_assert_nonnull(strstr(error->message, "550"));
	g_assert_null(got);
	cwmp_ftp_client_test_server_stop(&server);
}

/* the server dies mid-transfer: 9017, and the bytes so far stay */
static void
cwmp_ftp_client_test_download_killed(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE, .throttle = 256 * 1024};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(4 * 1024 * 1024, 4);
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpFtpClientTestRun run = {0};

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "big", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "big");
	run.kill = server.ftpd;
	run.act_at = 64 * 1024;
	g_assert_false(
	    cwmp_ftp_client_test_download(&run, url, NULL, NULL, 0, output, 0, NULL, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE);
	g_assert_true(run.acted);
	got = cwmp_ftp_client_test_memory_bytes(output);
	g_assert_cmpuint(g_bytes_get_size(got), >=, run.act_at);
	g_assert_cmpuint(g_bytes_get_size(got), <, g_bytes_get_size(data));
	g_assert_cmpmem(g_bytes_get_data(got, NULL), g_bytes_get_size(got),
			g_bytes_get_data(data, NULL), g_bytes_get_size(got));
	cwmp_ftp_client_test_server_stop(&server);
}

/* resume at an offset: the output holds the first bytes already */
static void
cwmp_ftp_client_test_download_resume(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(500 * 1024 + 3, 5);
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpFtpClientTestRun run = {0};
	const gsize	     offset = 123457;
	guint64		     total = 0;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "image", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "image");
	g_assert_true(g_output_stream_write_all(output, g_bytes_get_data(data, NULL), offset, NULL,
						NULL, &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_ftp_client_test_download(&run, url, NULL, NULL, offset, output, 0,
						    &total, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(total, ==, g_bytes_get_size(data));
	g_assert_cmpuint(run.progress_done, ==, g_bytes_get_size(data));
	got = cwmp_ftp_client_test_memory_bytes(output);
	g_assert_true(g_bytes_equal(got, data));

	/* an offset past the end of the file */
	g_clear_object(&output);
	output = g_memory_output_stream_new_resizable();
	g_assert_false(cwmp_ftp_client_test_download(
	    &run, url, NULL, NULL, g_bytes_get_size(data) + 1, output, 0, NULL, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE);
	cwmp_ftp_client_test_server_stop(&server);
}

/* a server that refuses REST: the caller can tell (and start over) */
static void
cwmp_ftp_client_test_download_resume_refused(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE, .no_rest = TRUE};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(10000, 6);
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpFtpClientTestRun run = {0};

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "image", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "image");
	g_assert_false(
	    cwmp_ftp_client_test_download(&run, url, NULL, NULL, 100, output, 0, NULL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
	g_assert_cmpuint(g_memory_output_stream_get_data_size(G_MEMORY_OUTPUT_STREAM(output)), ==,
			 0);
	cwmp_ftp_client_test_server_stop(&server);
}

/* max_size: refused from SIZE before the transfer */
static void
cwmp_ftp_client_test_download_max_size(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(100000, 7);
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpFtpClientTestRun run = {0};
	guint64		     total = 0;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "f", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "f");
	g_assert_false(
	    cwmp_ftp_client_test_download(&run, url, NULL, NULL, 0, output, 99999, NULL, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED);
	g_assert_cmpuint(g_memory_output_stream_get_data_size(G_MEMORY_OUTPUT_STREAM(output)), ==,
			 0);
	g_clear_error(&error);

	/* exactly at the limit is fine */
	g_assert_true(cwmp_ftp_client_test_download(&run, url, NULL, NULL, 0, output, 100000,
						    &total, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(total, ==, 100000);
	cwmp_ftp_client_test_server_stop(&server);
}

static void
cwmp_ftp_client_test_download_cancel(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE, .throttle = 256 * 1024};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(4 * 1024 * 1024, 8);
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	g_autoptr(GCancellable) cancellable = g_cancellable_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpFtpClientTestRun run = {0};
	gsize		     size;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "big", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "big");
	run.cancel = cancellable;
	run.act_at = 64 * 1024;
	g_assert_false(
	    cwmp_ftp_client_test_download(&run, url, NULL, NULL, 0, output, 0, NULL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_assert_true(run.acted);
	size = g_memory_output_stream_get_data_size(G_MEMORY_OUTPUT_STREAM(output));
	g_assert_cmpuint(size, >=, run.act_at);
	g_assert_cmpuint(size, <, g_bytes_get_size(data));
	g_clear_error(&error);

	/* cancelled before it starts */
	g_assert_false(
	    cwmp_ftp_client_test_download(&run, url, NULL, NULL, 0, output, 0, NULL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	cwmp_ftp_client_test_server_stop(&server);
}

/* a full disk: the G_IO_ERROR of the output stays, with a prefix */
static void
cwmp_ftp_client_test_download_disk_full(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.anonymous = TRUE};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(10000, 12);
	g_autoptr(GOutputStream) output = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpFtpClientTestRun run = {0};
	gint		     fd;

	fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		g_test_skip("no /dev/full here");
		return;
	}
	output = g_unix_output_stream_new(fd, TRUE);
	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	g_free(cwmp_ftp_client_test_write_file(server.root, "f", data));
	url = cwmp_test_ftpd_get_url(server.ftpd, "f");
	g_assert_false(
	    cwmp_ftp_client_test_download(&run, url, NULL, NULL, 0, output, 0, NULL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
	g_assert_true(g_str_has_prefix(error->message, "cannot write the downloaded file: "));
	cwmp_ftp_client_test_server_stop(&server);
}

/* 64 MiB (4 MiB under valgrind) into a file, checked by its SHA-256 */
static void
cwmp_ftp_client_test_download_big(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.username = "acs", .password = "pw"};
	gsize size = cwmp_ftp_client_test_valgrind() ? 4 * 1024 * 1024 : 64 * 1024 * 1024;
	g_autoptr(GChecksum) sent = g_checksum_new(G_CHECKSUM_SHA256);
	g_autoptr(GChecksum) received = g_checksum_new(G_CHECKSUM_SHA256);
	g_autoptr(GBytes) block = NULL;
	g_autoptr(GFile) file = NULL;
	g_autoptr(GFileOutputStream) output = NULL;
	g_autoptr(GFileOutputStream) source = NULL;
	g_autoptr(GFileInputStream) input = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	g_autofree gchar    *path = NULL;
	g_autofree guint8   *buffer = g_malloc(65536);
	CwmpFtpClientTestRun run = {0};
	guint64		     total = 0;
	gssize		     n;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;

	/* 1 MiB blocks, each one shifted so that no two are equal */
	path = g_build_filename(server.root, "big.img", NULL);
	file = g_file_new_for_path(path);
	source = g_file_replace(file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
	g_assert_no_error(error);
	block = cwmp_ftp_client_test_make_data(1024 * 1024 + 1, 9);
	for (gsize i = 0; i < size / (1024 * 1024); i++) {
		const guint8 *p = (const guint8 *) g_bytes_get_data(block, NULL) + (i % 2);

		g_assert_true(g_output_stream_write_all(G_OUTPUT_STREAM(source), p, 1024 * 1024,
							NULL, NULL, &error));
		g_assert_no_error(error);
		g_checksum_update(sent, p, 1024 * 1024);
	}
	g_assert_true(g_output_stream_close(G_OUTPUT_STREAM(source), NULL, &error));
	g_assert_no_error(error);
	g_clear_object(&file);

	g_free(path);
	path = g_build_filename(server.root, "received.img", NULL);
	file = g_file_new_for_path(path);
	output = g_file_replace(file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
	g_assert_no_error(error);
	url = cwmp_test_ftpd_get_url(server.ftpd, "big.img");
	g_assert_true(cwmp_ftp_client_test_download(&run, url, "acs", "pw", 0,
						    G_OUTPUT_STREAM(output), size, &total, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(total, ==, size);
	g_assert_true(g_output_stream_close(G_OUTPUT_STREAM(output), NULL, &error));
	g_assert_no_error(error);

	input = g_file_read(file, NULL, &error);
	g_assert_no_error(error);
	while ((n = g_input_stream_read(G_INPUT_STREAM(input), buffer, 65536, NULL, &error)) > 0)
		g_checksum_update(received, buffer, (gsize) n);
	g_assert_no_error(error);
	g_assert_cmpstr(g_checksum_get_string(received), ==, g_checksum_get_string(sent));
	cwmp_ftp_client_test_server_stop(&server);
}

/* uploads */

static void
cwmp_ftp_client_test_upload_credentials(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.username = "cpe", .password = "up", .writable = TRUE};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(300 * 1024 + 11, 10);
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	g_autofree gchar    *path = NULL;
	g_autofree gchar    *contents = NULL;
	CwmpFtpClientTestRun run = {0};
	gsize		     len = 0;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	cwmp_ftp_client_test_mkdir(server.root, "logs");
	url = cwmp_test_ftpd_get_url(server.ftpd, "logs/cpe-log.txt");
	g_assert_true(cwmp_ftp_client_test_upload(&run, url, "cpe", "up", data,
						  g_bytes_get_size(data), &error));
	g_assert_no_error(error);
	g_assert_cmpuint(run.progress_done, ==, g_bytes_get_size(data));
	g_assert_cmpuint(run.progress_total, ==, g_bytes_get_size(data));
	path = g_build_filename(server.root, "logs", "cpe-log.txt", NULL);
	g_assert_true(g_file_get_contents(path, &contents, &len, &error));
	g_assert_no_error(error);
	g_assert_cmpmem(contents, len, g_bytes_get_data(data, NULL), g_bytes_get_size(data));

	/* only @size bytes of a longer input; an empty file */
	g_clear_pointer(&contents, g_free);
	g_assert_true(cwmp_ftp_client_test_upload(&run, url, "cpe", "up", data, 1000, &error));
	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(path, &contents, &len, &error));
	g_assert_cmpmem(contents, len, g_bytes_get_data(data, NULL), 1000);
	g_clear_pointer(&contents, g_free);
	g_assert_true(cwmp_ftp_client_test_upload(&run, url, "cpe", "up", data, 0, &error));
	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(path, &contents, &len, &error));
	g_assert_cmpuint(len, ==, 0);

	/* an input shorter than the size */
	g_assert_false(cwmp_ftp_client_test_upload(&run, url, "cpe", "up", data,
						   g_bytes_get_size(data) + 1, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_UPLOAD_FAILURE);
	cwmp_ftp_client_test_server_stop(&server);
}

static void
cwmp_ftp_client_test_upload_refused(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {.username = "cpe", .password = "up", .anonymous = TRUE};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(1000, 11);
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	g_autofree gchar    *path = NULL;
	CwmpFtpClientTestRun run = {0};

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	url = cwmp_test_ftpd_get_url(server.ftpd, "upload.bin");
	/* a read-only account */
	g_assert_false(cwmp_ftp_client_test_upload(&run, url, "cpe", "up", data, 1000, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_ACCESS_FILE_FAILURE);
	g_clear_error(&error);
	/* anonymous */
	g_assert_false(cwmp_ftp_client_test_upload(&run, url, NULL, NULL, data, 1000, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_ACCESS_FILE_FAILURE);
	g_clear_error(&error);
	/* a wrong password */
	g_assert_false(cwmp_ftp_client_test_upload(&run, url, "cpe", "down", data, 1000, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_TRANSFER_AUTH_FAILURE);
	path = g_build_filename(server.root, "upload.bin", NULL);
	g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
	cwmp_ftp_client_test_server_stop(&server);
}

/* the server dies while the file goes up */
static void
cwmp_ftp_client_test_upload_killed(void)
{
	CwmpFtpClientTestServer server = {0};
	CwmpTestFtpdOptions	options = {
		.username = "cpe", .password = "up", .writable = TRUE, .throttle = 256 * 1024};
	g_autoptr(GBytes) data = cwmp_ftp_client_test_make_data(16 * 1024 * 1024, 13);
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	g_autofree gchar    *path = NULL;
	g_autofree gchar    *contents = NULL;
	CwmpFtpClientTestRun run = {0};
	gsize		     len = 0;

	if (!cwmp_ftp_client_test_server_start(&server, &options))
		return;
	url = cwmp_test_ftpd_get_url(server.ftpd, "up.bin");
	run.kill = server.ftpd;
	run.act_at = 64 * 1024;
	g_assert_false(cwmp_ftp_client_test_upload(&run, url, "cpe", "up", data,
						   g_bytes_get_size(data), &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_UPLOAD_FAILURE);
	g_assert_true(run.acted);
	path = g_build_filename(server.root, "up.bin", NULL);
	if (g_file_get_contents(path, &contents, &len, NULL))
		g_assert_cmpuint(len, <, g_bytes_get_size(data));
	cwmp_ftp_client_test_server_stop(&server);
}

/* no server on the port */
static void
cwmp_ftp_client_test_unreachable(void)
{
	g_autoptr(GSocket) socket = NULL;
	g_autoptr(GSocketAddress) any = NULL;
	g_autoptr(GSocketAddress) bound = NULL;
	g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	g_autoptr(GBytes) one = g_bytes_new_static("x", 1);
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpFtpClientTestRun run = {0};

	/* a port that was free a moment ago, bound and not listening */
	socket =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
	g_assert_no_error(error);
	any = g_inet_socket_address_new(loopback, 0);
	g_assert_true(g_socket_bind(socket, any, FALSE, &error));
	g_assert_no_error(error);
	bound = g_socket_get_local_address(socket, &error);
	g_assert_no_error(error);
	url = g_strdup_printf("ftp://127.0.0.1:%u/file",
			      g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound)));
	g_assert_false(
	    cwmp_ftp_client_test_download(&run, url, NULL, NULL, 0, output, 0, NULL, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_CONTACT_SERVER_FAILURE);
	g_clear_error(&error);
	g_assert_false(cwmp_ftp_client_test_upload(&run, url, NULL, NULL, one, 1, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_CONTACT_SERVER_FAILURE);
}

/* bad URLs and command injection, refused before any connection */
static void
cwmp_ftp_client_test_bad_arguments(void)
{
	struct {
		const gchar *url;
		const gchar *username;
		const gchar *password;
		gint	     fault;
	} cases[] = {
	    {"ftp://127.0.0.1:1/a%0d%0aDELE%20b", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/a%0aDELE%20b", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/a\r\nDELE b", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://u%0d%0aDELE%20x:p@127.0.0.1:1/a", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://u:p%0aDELE%20x@127.0.0.1:1/a", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/a", "user\r\nDELE x", "p", CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/a", "user", "p\nDELE x", CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/a%00b", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/dir/", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp:///file", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:0/file", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:1/file?x=1", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"ftp://127.0.0.1:99999/file", NULL, NULL, CWMP_FAULT_INVALID_ARGUMENTS},
	    {"not a url", NULL, NULL, CWMP_FAULT_UNSUPPORTED_PROTOCOL},
	    {"http://127.0.0.1:1/file", NULL, NULL, CWMP_FAULT_UNSUPPORTED_PROTOCOL},
	    {"tftp://127.0.0.1:1/file", NULL, NULL, CWMP_FAULT_UNSUPPORTED_PROTOCOL},
	};

	g_autoptr(GBytes) one = g_bytes_new_static("x", 1);

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
		g_autoptr(GError) error = NULL;
		CwmpFtpClientTestRun run = {0};

		g_test_message("URL %s", cases[i].url);
		g_assert_false(cwmp_ftp_client_test_download(&run, cases[i].url, cases[i].username,
							     cases[i].password, 0, output, 0, NULL,
							     &error));
		g_assert_error(error, CWMP_FAULT, cases[i].fault);
		g_clear_error(&error);
		g_assert_false(cwmp_ftp_client_test_upload(&run, cases[i].url, cases[i].username,
							   cases[i].password, one, 1, &error));
		g_assert_error(error, CWMP_FAULT, cases[i].fault);
		g_assert_cmpuint(run.progress_calls, ==, 0);
	}
}

/* the reply parser on its own */
static void
cwmp_ftp_client_test_reply_parser(void)
{
	struct {
		const gchar *input;
		guint	     code; /* 0: an error */
		const gchar *text;
		gsize	     consumed;
	} cases[] = {
	    {"220 ready\r\n", 220, "ready", 11},
	    {"220\r\n", 220, "", 5},
	    {"230 ok\n", 230, "ok", 7},
	    {"220-welcome\r\n line two\r\n220 end\r\n150 next\r\n", 220, "welcome line two end",
	     33},
	    {"220-a\r\n220-b\r\n220 c\r\n", 220, "a b c", 21},
	    {"211-a\r\n999 not the end\r\n211 end\r\n", 211, "a 999 not the end end", 33},
	    {"227 x\x01y\r\n", 227, "x?y", 9},
	    {"hello\r\n", 0, NULL, 0},
	    {"22 x\r\n", 0, NULL, 0},
	    {"620 x\r\n", 0, NULL, 0},
	    {"220x\r\n", 0, NULL, 0},
	    {"\r\n", 0, NULL, 0},
	    {"220 a\0b\r\n", 0, NULL, 0},
	};
	g_autoptr(CwmpFtpClientReply) reply = cwmp_ftp_client_reply_new();
	g_autoptr(GString) lines = g_string_new("220-many\r\n");
	g_autofree gchar *line = g_strnfill(CWMP_FTP_CLIENT_MAX_LINE + 1, 'a');
	g_autoptr(GError) error = NULL;
	gsize	 consumed = 0;
	gboolean complete = FALSE;

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		gsize len = strlen(cases[i].input);

		/* the NUL case: its length is up to the newline */
		if (i == G_N_ELEMENTS(cases) - 1)
			len = 9;
		cwmp_ftp_client_reply_reset(reply);
		complete = FALSE;
		if (cases[i].code == 0) {
			g_assert_false(
			    cwmp_ftp_client_reply_feed(reply, (const guint8 *) cases[i].input, len,
						       &consumed, &complete, &error));
			g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
			g_clear_error(&error);
			continue;
		}
		/* byte by byte gives the same as all at once */
		for (gsize j = 0; j < len && !complete; j++) {
			g_assert_true(
			    cwmp_ftp_client_reply_feed(reply, (const guint8 *) cases[i].input + j,
						       1, &consumed, &complete, &error));
			g_assert_no_error(error);
			g_assert_cmpuint(consumed, ==, 1);
			if (complete)
				g_assert_cmpuint(j + 1, ==, cases[i].consumed);
		}
		g_assert_true(complete);
		cwmp_ftp_client_reply_reset(reply);
		g_assert_true(cwmp_ftp_client_reply_feed(reply, (const guint8 *) cases[i].input,
							 len, &consumed, &complete, &error));
		g_assert_true(complete);
		g_assert_cmpuint(consumed, ==, cases[i].consumed);
		g_assert_cmpuint(cwmp_ftp_client_reply_get_code(reply), ==, cases[i].code);
		g_assert_cmpstr(cwmp_ftp_client_reply_get_text(reply), ==, cases[i].text);
	}

	/* a line of the longest length is fine, one more byte is not */
	cwmp_ftp_client_reply_reset(reply);
	line[0] = '2';
	line[1] = '2';
	line[2] = '0';
	line[3] = ' ';
	g_assert_true(cwmp_ftp_client_reply_feed(
	    reply, (const guint8 *) line, CWMP_FTP_CLIENT_MAX_LINE, &consumed, &complete, &error));
	g_assert_false(complete);
	g_assert_true(cwmp_ftp_client_reply_feed(reply, (const guint8 *) "\r\n", 2, &consumed,
						 &complete, &error));
	g_assert_true(complete);
	g_assert_cmpuint(strlen(cwmp_ftp_client_reply_get_text(reply)), <=, 512);
	cwmp_ftp_client_reply_reset(reply);
	g_assert_false(cwmp_ftp_client_reply_feed(reply, (const guint8 *) line,
						  CWMP_FTP_CLIENT_MAX_LINE + 1, &consumed,
						  &complete, &error) &&
		       cwmp_ftp_client_reply_feed(reply, (const guint8 *) "x", 1, &consumed,
						  &complete, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);

	/* too many lines */
	for (guint i = 0; i < CWMP_FTP_CLIENT_MAX_LINES; i++)
		g_string_append(lines, "more\r\n");
	g_string_append(lines, "220 end\r\n");
	cwmp_ftp_client_reply_reset(reply);
	g_assert_false(cwmp_ftp_client_reply_feed(reply, (const guint8 *) lines->str, lines->len,
						  &consumed, &complete, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
}

/* a scripted server: GSocketService on loopback, one session at a time */

typedef struct {
	const gchar *greeting; /* raw bytes on connect; NULL: silence */
	gssize	     greeting_len;
	/* verb, raw reply: "{p}" becomes "p1,p2" and "{e}" the port of the
	 * data listener; "" is no reply at all; a verb not listed gets 502 */
	const gchar *const *replies;
	const gchar	   *data; /* sent after a 150 to RETR, then 226 */
	gboolean	    data_hang;
} CwmpFtpClientTestScript;

typedef struct {
	const CwmpFtpClientTestScript *script;
	GSocketService		      *control_service;
	GSocketService		      *data_service;
	guint16			       port;
	guint16			       data_port;
	GSocketConnection	      *control;
	GDataInputStream	      *control_in;
	GSocketConnection	      *data;
	gboolean		       retr_pending;
	gboolean		       reading;
	GPtrArray		      *commands;
	GCancellable		      *cancellable;
} CwmpFtpClientTestFake;

static void
cwmp_ftp_client_test_fake_send(CwmpFtpClientTestFake *fake, const gchar *text, gssize len)
{
	GOutputStream *stream = g_io_stream_get_output_stream(G_IO_STREAM(fake->control));

	/* the client may have gone already */
	g_output_stream_write_all(stream, text, len < 0 ? strlen(text) : (gsize) len, NULL, NULL,
				  NULL);
}

static void
cwmp_ftp_client_test_fake_send_data(CwmpFtpClientTestFake *fake)
{
	GOutputStream *stream;

	fake->retr_pending = FALSE;
	if (fake->script->data_hang)
		return;
	stream = g_io_stream_get_output_stream(G_IO_STREAM(fake->data));
	g_output_stream_write_all(stream, fake->script->data, strlen(fake->script->data), NULL,
				  NULL, NULL);
	g_io_stream_close(G_IO_STREAM(fake->data), NULL, NULL);
	cwmp_ftp_client_test_fake_send(fake, "226 done\r\n", -1);
}

static void
cwmp_ftp_client_test_fake_read_cb(GObject *source, GAsyncResult *result, gpointer user_data);

static void
cwmp_ftp_client_test_fake_read(CwmpFtpClientTestFake *fake)
{
	fake->reading = TRUE;
	g_data_input_stream_read_line_async(fake->control_in, G_PRIORITY_DEFAULT, fake->cancellable,
					    cwmp_ftp_client_test_fake_read_cb, fake);
}

static void
cwmp_ftp_client_test_fake_read_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpFtpClientTestFake *fake = user_data;
	g_autofree gchar      *line = NULL;
	g_autofree gchar      *verb = NULL;
	g_autoptr(GString) reply = NULL;
	const gchar *found = "502 not implemented\r\n";

	fake->reading = FALSE;
	line =
	    g_data_input_stream_read_line_finish(G_DATA_INPUT_STREAM(source), result, NULL, NULL);
	if (line == NULL)
		return;
	g_strchomp(line);
	g_ptr_array_add(fake->commands, g_strdup(line));
	verb = g_ascii_strup(line, strcspn(line, " "));
	if (g_strcmp0(verb, "QUIT") == 0)
		found = "221 bye\r\n";
	for (guint i = 0; fake->script->replies[i] != NULL; i += 2) {
		if (g_strcmp0(fake->script->replies[i], verb) == 0) {
			found = fake->script->replies[i + 1];
			break;
		}
	}
	reply = g_string_new(found);
	{
		g_autofree gchar *p =
		    g_strdup_printf("%u,%u", fake->data_port >> 8, fake->data_port & 0xff);
		g_autofree gchar *e = g_strdup_printf("%u", fake->data_port);
		g_string_replace(reply, "{p}", p, 0);
		g_string_replace(reply, "{e}", e, 0);
	}
	if (reply->len > 0)
		cwmp_ftp_client_test_fake_send(fake, reply->str, (gssize) reply->len);
	if (g_strcmp0(verb, "RETR") == 0 && g_str_has_prefix(reply->str, "150")) {
		fake->retr_pending = TRUE;
		if (fake->data != NULL)
			cwmp_ftp_client_test_fake_send_data(fake);
	}
	cwmp_ftp_client_test_fake_read(fake);
}

static gboolean
cwmp_ftp_client_test_fake_incoming_cb(GSocketService	*service,
				      GSocketConnection *connection,
				      GObject		*source_object,
				      gpointer		 user_data)
{
	CwmpFtpClientTestFake *fake = user_data;

	if (service == fake->data_service) {
		g_clear_object(&fake->data);
		fake->data = g_object_ref(connection);
		if (fake->retr_pending)
			cwmp_ftp_client_test_fake_send_data(fake);
		return TRUE;
	}
	g_clear_object(&fake->control);
	g_clear_object(&fake->control_in);
	fake->control = g_object_ref(connection);
	fake->control_in =
	    g_data_input_stream_new(g_io_stream_get_input_stream(G_IO_STREAM(connection)));
	if (fake->script->greeting != NULL)
		cwmp_ftp_client_test_fake_send(fake, fake->script->greeting,
					       fake->script->greeting_len);
	cwmp_ftp_client_test_fake_read(fake);
	return TRUE;
}

static GSocketService *
cwmp_ftp_client_test_fake_listen(CwmpFtpClientTestFake *fake, GInetAddress *address, guint16 *port)
{
	g_autoptr(GSocketService) service = g_socket_service_new();
	g_autoptr(GSocketAddress) any = g_inet_socket_address_new(address, 0);
	g_autoptr(GSocketAddress) bound = NULL;
	g_autoptr(GError) error = NULL;

	g_socket_listener_add_address(G_SOCKET_LISTENER(service), any, G_SOCKET_TYPE_STREAM,
				      G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
	if (error != NULL)
		return NULL;
	*port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
	g_signal_connect(service, "incoming", G_CALLBACK(cwmp_ftp_client_test_fake_incoming_cb),
			 fake);
	g_socket_service_start(service);
	return g_steal_pointer(&service);
}

static CwmpFtpClientTestFake *
cwmp_ftp_client_test_fake_new(const CwmpFtpClientTestScript *script, GSocketFamily family)
{
	CwmpFtpClientTestFake *fake = g_new0(CwmpFtpClientTestFake, 1);
	g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback(family);

	fake->script = script;
	fake->commands = g_ptr_array_new_with_free_func(g_free);
	fake->cancellable = g_cancellable_new();
	fake->control_service = cwmp_ftp_client_test_fake_listen(fake, loopback, &fake->port);
	fake->data_service = cwmp_ftp_client_test_fake_listen(fake, loopback, &fake->data_port);
	return fake;
}

static void
cwmp_ftp_client_test_fake_free(CwmpFtpClientTestFake *fake)
{
	g_cancellable_cancel(fake->cancellable);
	if (fake->control_service != NULL)
		g_socket_service_stop(fake->control_service);
	if (fake->data_service != NULL)
		g_socket_service_stop(fake->data_service);
	if (fake->control != NULL)
		g_io_stream_close(G_IO_STREAM(fake->control), NULL, NULL);
	if (fake->data != NULL)
		g_io_stream_close(G_IO_STREAM(fake->data), NULL, NULL);
	/* the callback of the cancelled read still refers to @fake */
	while (fake->reading)
		g_main_context_iteration(NULL, TRUE);
	g_clear_object(&fake->control_in);
	g_clear_object(&fake->control);
	g_clear_object(&fake->data);
	g_clear_object(&fake->control_service);
	g_clear_object(&fake->data_service);
	g_clear_object(&fake->cancellable);
	g_ptr_array_unref(fake->commands);
	g_free(fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpFtpClientTestFake, cwmp_ftp_client_test_fake_free)

static gboolean
cwmp_ftp_client_test_fake_saw(CwmpFtpClientTestFake *fake, const gchar *command)
{
	for (guint i = 0; i < fake->commands->len; i++) {
		if (g_strcmp0(g_ptr_array_index(fake->commands, i), command) == 0)
			return TRUE;
	}
	return FALSE;
}

static const gchar *const cwmp_ftp_client_test_login[] = {
    "USER", "331 password\r\n", "PASS", "230 in\r\n", "TYPE", "200 binary\r\n", NULL,
};

/* a download from @script: the bytes (NULL on error) */
static GBytes *
cwmp_ftp_client_test_fake_download(CwmpFtpClientTestFake *fake, guint64 max_size, GError **error)
{
	g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable();
	g_autofree gchar    *url = g_strdup_printf("ftp://localhost:%u/file", fake->port);
	CwmpFtpClientTestRun run = {0};

	if (!cwmp_ftp_client_test_download(&run, url, "u", "p", 0, output, max_size, NULL, error))
		return NULL;
	return cwmp_ftp_client_test_memory_bytes(output);
}

static void
cwmp_ftp_client_test_fake_timeouts(void)
{
	cwmp_ftp_client_set_timeouts(cwmp_ftp_client_test_ms(3000), cwmp_ftp_client_test_ms(1000),
				     cwmp_ftp_client_test_ms(1000));
}

/* 227 names another host: the data connection goes to the control peer */
static void
cwmp_ftp_client_test_fake_pasv_foreign(void)
{
	const gchar *const replies[] = {
	    "USER", "331 password\r\n", "PASS", "230 in\r\n",
	    "TYPE", "200 binary\r\n",	"SIZE", "213 11\r\n",
	    "EPSV", "500 what\r\n",	"PASV", "227 Entering Passive Mode (192,0,2,1,{p}).\r\n",
	    "RETR", "150 here\r\n",	NULL};
	CwmpFtpClientTestScript script = {
	    .greeting = "220-multi\r\n line\r\n220 hello\r\n",
	    .greeting_len = -1,
	    .replies = replies,
	    .data = "hello world",
	};
	g_autoptr(CwmpFtpClientTestFake) fake = NULL;
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;

	cwmp_ftp_client_test_fake_timeouts();
	fake = cwmp_ftp_client_test_fake_new(&script, G_SOCKET_FAMILY_IPV4);
	got = cwmp_ftp_client_test_fake_download(fake, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpmem(g_bytes_get_data(got, NULL), g_bytes_get_size(got), "hello world", 11);
	g_assert_true(cwmp_ftp_client_test_fake_saw(fake, "PASV"));
	g_assert_true(cwmp_ftp_client_test_fake_saw(fake, "TYPE I"));
	g_assert_true(cwmp_ftp_client_test_fake_saw(fake, "RETR file"));
	cwmp_ftp_client_set_timeouts(0, 0, 0);
}

/* EPSV over IPv6, the host in brackets */
static void
cwmp_ftp_client_test_fake_ipv6(void)
{
	const gchar *const	replies[] = {"USER", "230 no password needed\r\n",
					     "TYPE", "200 binary\r\n",
					     "SIZE", "550 no size\r\n",
					     "EPSV", "229 Extended (!!!{e}!)\r\n",
					     "RETR", "150 here\r\n",
					     NULL};
	CwmpFtpClientTestScript script = {
	    .greeting = "220 hello\r\n",
	    .greeting_len = -1,
	    .replies = replies,
	    .data = "over ipv6",
	};
	g_autoptr(CwmpFtpClientTestFake) fake = NULL;
	g_autoptr(GBytes) got = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;

	fake = cwmp_ftp_client_test_fake_new(&script, G_SOCKET_FAMILY_IPV6);
	if (fake->control_service == NULL || fake->data_service == NULL) {
		g_test_skip("no IPv6 loopback here");
		return;
	}
	url = g_strdup_printf("ftp://[::1]:%u/dir/file", fake->port);
	got = cwmp_ftp_client_test_download_bytes(url, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpmem(g_bytes_get_data(got, NULL), g_bytes_get_size(got), "over ipv6", 9);
	g_assert_true(cwmp_ftp_client_test_fake_saw(fake, "USER anonymous"));
	g_assert_true(cwmp_ftp_client_test_fake_saw(fake, "RETR dir/file"));
}

/* replies that are not FTP, too long, too many, or never come */
static void
cwmp_ftp_client_test_fake_garbage(void)
{
	const gchar *const retr_hang[] = {"USER", "331 password\r\n",  "PASS", "230 in\r\n",
					  "TYPE", "200 binary\r\n",    "SIZE", "502 no\r\n",
					  "EPSV", "229 (|||{e}|)\r\n", "RETR", "150 here\r\n",
					  NULL};
	const gchar *const bad_epsv[] = {"USER", "331 password\r\n", "PASS", "230 in\r\n",
					 "TYPE", "200 binary\r\n",   "SIZE", "213 3\r\n",
					 "EPSV", "229 (|||0|)\r\n",  NULL};
	const gchar *const bad_pasv[] = {"USER", "331 password\r\n",
					 "PASS", "230 in\r\n",
					 "TYPE", "200 binary\r\n",
					 "SIZE", "213 3\r\n",
					 "PASV", "227 Entering Passive Mode (1,2,3,4,999,1)\r\n",
					 NULL};
	const gchar *const bad_size[] = {"USER", "331 password\r\n", "PASS", "230 in\r\n",
					 "TYPE", "200 binary\r\n",   "SIZE", "213 -5\r\n",
					 NULL};
	const gchar *const user_hang[] = {"USER", "", NULL};
	const gchar *const short_data[] = {"USER", "331 password\r\n",	"PASS", "230 in\r\n",
					   "TYPE", "200 binary\r\n",	"SIZE", "213 100\r\n",
					   "EPSV", "229 (|||{e}|)\r\n", "RETR", "150 here\r\n",
					   NULL};
	const gchar *const long_size[] = {"USER", "331 password\r\n",  "PASS", "230 in\r\n",
					  "TYPE", "200 binary\r\n",    "SIZE", "213 999\r\n",
					  "EPSV", "229 (|||{e}|)\r\n", "RETR", "150 here\r\n",
					  NULL};
	const gchar *const no_size[] = {"USER", "331 password\r\n",  "PASS", "230 in\r\n",
					"TYPE", "200 binary\r\n",    "SIZE", "502 no\r\n",
					"EPSV", "229 (|||{e}|)\r\n", "RETR", "150 here\r\n",
					NULL};
	g_autofree gchar  *overlong = g_strnfill(20000, 'a');
	g_autoptr(GString) many = g_string_new("220-many\r\n");
	g_autofree gchar *long_data = g_strnfill(1000, 'x');
	struct {
		const gchar	   *name;
		const gchar	   *greeting;
		gssize		    greeting_len;
		const gchar *const *replies;
		const gchar	   *data;
		gboolean	    data_hang;
		guint64		    max_size;
		gint		    fault;
	} cases[] = {
	    {"not ftp", "HTTP/1.1 400 Bad Request\r\n\r\n", -1, cwmp_ftp_client_test_login, NULL,
	     FALSE, 0, CWMP_FAULT_CONTACT_SERVER_FAILURE},
	    {"over-long line", overlong, -1, cwmp_ftp_client_test_login, NULL, FALSE, 0,
	     CWMP_FAULT_CONTACT_SERVER_FAILURE},
	    {"too many lines", NULL, -1, cwmp_ftp_client_test_login, NULL, FALSE, 0,
	     CWMP_FAULT_CONTACT_SERVER_FAILURE},
	    {"NUL byte", "220 he\0llo\r\n", 12, cwmp_ftp_client_test_login, NULL, FALSE, 0,
	     CWMP_FAULT_CONTACT_SERVER_FAILURE},
	    {"refused", "421 too many users\r\n", -1, cwmp_ftp_client_test_login, NULL, FALSE, 0,
	     CWMP_FAULT_CONTACT_SERVER_FAILURE},
	    {"silent", NULL, 0, cwmp_ftp_client_test_login, NULL, FALSE, 0,
	     CWMP_FAULT_CONTACT_SERVER_FAILURE},
	    {"no reply to USER", "220 hi\r\n", -1, user_hang, NULL, FALSE, 0,
	     CWMP_FAULT_DOWNLOAD_FAILURE},
	    {"no data", "220 hi\r\n", -1, retr_hang, NULL, TRUE, 0,
	     CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE},
	    {"bad EPSV", "220 hi\r\n", -1, bad_epsv, NULL, FALSE, 0, CWMP_FAULT_DOWNLOAD_FAILURE},
	    {"bad PASV", "220 hi\r\n", -1, bad_pasv, NULL, FALSE, 0, CWMP_FAULT_DOWNLOAD_FAILURE},
	    {"bad SIZE", "220 hi\r\n", -1, bad_size, NULL, FALSE, 0, CWMP_FAULT_DOWNLOAD_FAILURE},
	    {"short", "220 hi\r\n", -1, short_data, "hello", FALSE, 0,
	     CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE},
	    {"more than SIZE", "220 hi\r\n", -1, long_size, long_data, FALSE, 0,
	     CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE},
	    {"over max_size", "220 hi\r\n", -1, no_size, long_data, FALSE, 999,
	     CWMP_FAULT_RESOURCES_EXCEEDED},
	    {"over max_size no more", "220 hi\r\n", -1, no_size, long_data, FALSE, 1000, 0},
	};

	for (guint i = 0; i < CWMP_FTP_CLIENT_MAX_LINES + 10; i++)
		g_string_append(many, "line\r\n");
	g_string_append(many, "220 end\r\n");
	cases[2].greeting = many->str;

	cwmp_ftp_client_test_fake_timeouts();
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		CwmpFtpClientTestScript script = {
		    .greeting = cases[i].greeting,
		    .greeting_len = cases[i].greeting_len,
		    .replies = cases[i].replies,
		    .data = cases[i].data,
		    .data_hang = cases[i].data_hang,
		};
		g_autoptr(CwmpFtpClientTestFake) fake =
		    cwmp_ftp_client_test_fake_new(&script, G_SOCKET_FAMILY_IPV4);
		g_autoptr(GBytes) got = NULL;
		g_autoptr(GError) error = NULL;

		g_test_message("fake server: %s", cases[i].name);
		got = cwmp_ftp_client_test_fake_download(fake, cases[i].max_size, &error);
		if (cases[i].fault == 0) {
			g_assert_no_error(error);
			g_assert_cmpuint(g_bytes_get_size(got), ==, strlen(cases[i].data));
			continue;
		}
		g_assert_error(error, CWMP_FAULT, cases[i].fault);
		g_assert_null(got);
	}
	cwmp_ftp_client_set_timeouts(0, 0, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/cw/ftp-client/reply-parser", cwmp_ftp_client_test_reply_parser);
	g_test_add_func("/cw/ftp-client/bad-arguments", cwmp_ftp_client_test_bad_arguments);
	g_test_add_func("/cw/ftp-client/unreachable", cwmp_ftp_client_test_unreachable);
	g_test_add_func("/cw/ftp-client/download/anonymous",
			cwmp_ftp_client_test_download_anonymous);
	g_test_add_func("/cw/ftp-client/download/credentials",
			cwmp_ftp_client_test_download_credentials);
	g_test_add_func("/cw/ftp-client/download/wrong-password",
			cwmp_ftp_client_test_download_wrong_password);
	g_test_add_func("/cw/ftp-client/download/missing", cwmp_ftp_client_test_download_missing);
	g_test_add_func("/cw/ftp-client/download/server-killed",
			cwmp_ftp_client_test_download_killed);
	g_test_add_func("/cw/ftp-client/download/resume", cwmp_ftp_client_test_download_resume);
	g_test_add_func("/cw/ftp-client/download/resume-refused",
			cwmp_ftp_client_test_download_resume_refused);
	g_test_add_func("/cw/ftp-client/download/max-size", cwmp_ftp_client_test_download_max_size);
	g_test_add_func("/cw/ftp-client/download/cancel", cwmp_ftp_client_test_download_cancel);
	g_test_add_func("/cw/ftp-client/download/disk-full",
			cwmp_ftp_client_test_download_disk_full);
	g_test_add_func("/cw/ftp-client/download/big", cwmp_ftp_client_test_download_big);
	g_test_add_func("/cw/ftp-client/upload/credentials",
			cwmp_ftp_client_test_upload_credentials);
	g_test_add_func("/cw/ftp-client/upload/refused", cwmp_ftp_client_test_upload_refused);
	g_test_add_func("/cw/ftp-client/upload/server-killed", cwmp_ftp_client_test_upload_killed);
	g_test_add_func("/cw/ftp-client/fake/pasv-foreign-address",
			cwmp_ftp_client_test_fake_pasv_foreign);
	g_test_add_func("/cw/ftp-client/fake/ipv6", cwmp_ftp_client_test_fake_ipv6);
	g_test_add_func("/cw/ftp-client/fake/garbage", cwmp_ftp_client_test_fake_garbage);
	return g_test_run();
}
