/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The FTP client of DownloadDiagnostics and UploadDiagnostics on loopback:
 * downloads and uploads against a real pyftpdlib server (tests/cwmp-test-ftpd),
 * the error states it can provoke (wrong login, missing file or folder,
 * read-only account, server killed mid-transfer), and a scripted fake server
 * in a thread for the replies pyftpdlib never gives (USER, TYPE or PASV
 * refused, a short file, silence, garbage, a stalled data connection), the
 * DSCP byte of both connections and the EPSV fallback.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-test-ftpd.h"
#include "cwmp-tr143-ftp-client.h"

#define TEST_FILE_SIZE	 (3 * 1024 * 1024 + 17)
#define TEST_UPLOAD_SIZE (2 * 1024 * 1024 + 5)
#define TEST_USER	 "tester"
#define TEST_PASSWORD	 "secret"
/* the most control reply bytes a RETR brings with it (150 and 226) */
#define TEST_REPLY_SLACK 512

typedef struct {
	gchar	     *root;
	CwmpTestFtpd *ftpd;
} TestFixture;

/* --- running the client ---------------------------------------------------- */

typedef struct {
	gboolean		   done;
	CwmpTr143HttpClientResult *result;
	GError			  *error;
} TestRun;

static void
test_run_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	TestRun *run = user_data;
	run->result = cwmp_tr143_ftp_client_run_finish(result, &run->error);
	run->done = TRUE;
}

static CwmpTr143HttpClientParams *
test_params(const gchar *url, gboolean upload)
{
	CwmpTr143HttpClientParams *params = g_new0(CwmpTr143HttpClientParams, 1);
	params->url = g_strdup(url);
	params->upload = upload;
	params->connections = 1;
	params->file_length = TEST_UPLOAD_SIZE;
	params->max_increments = 100;
	params->timeout_ms = 10000;
	return params;
}

static CwmpTr143HttpClientResult *
test_run(const CwmpTr143HttpClientParams *params,
	 guint64			 *progress,
	 GCancellable			 *cancellable,
	 GError				**error)
{
	TestRun run = {0};
	guint64 local = 0;

	cwmp_tr143_ftp_client_run_async(params, progress != NULL ? progress : &local, cancellable,
					test_run_cb, &run);
	while (!run.done)
		g_main_context_iteration(NULL, TRUE);
	if (run.error != NULL)
		g_propagate_error(error, run.error);
	return run.result;
}

/* runs and expects @state */
static CwmpTr143HttpClientResult *
test_run_expect(const CwmpTr143HttpClientParams *params, const gchar *state)
{
	g_autoptr(GError) error = NULL;
	CwmpTr143HttpClientResult *result = test_run(params, NULL, NULL, &error);

	g_assert_no_error(error);
	g_assert_nonnull(result);
	if (g_strcmp0(result->state, state) != 0)
		g_test_message("%s: %s (%s)", params->url, result->state, result->message);
	g_assert_cmpstr(result->state, ==, state);
	return result;
}

static void
test_check_order(const CwmpTr143HttpClientTimes *times)
{
	g_assert_cmpint(times->tcp_request, >, 0);
	g_assert_cmpint(times->tcp_request, <=, times->tcp_response);
	g_assert_cmpint(times->tcp_response, <=, times->rom);
	g_assert_cmpint(times->rom, <=, times->bom);
	g_assert_cmpint(times->bom, <=, times->eom);
}

/* --- the pyftpdlib server -------------------------------------------------- */

static gboolean
test_fixture_start(TestFixture *fx, const CwmpTestFtpdOptions *extra)
{
	g_autoptr(GError) error = NULL;
	CwmpTestFtpdOptions options = {0};

	if (cwmp_test_ftpd_skip_reason() != NULL) {
		g_test_skip(cwmp_test_ftpd_skip_reason());
		return FALSE;
	}
	if (extra != NULL)
		options = *extra;
	options.root = fx->root;
	if (options.username == NULL) {
		options.username = TEST_USER;
		options.password = TEST_PASSWORD;
	}
	fx->ftpd = cwmp_test_ftpd_start(&options, &error);
	g_assert_no_error(error);
	return TRUE;
}

static void
test_fixture_setup(TestFixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *sub = NULL;
	g_autofree gchar *file = NULL;
	g_autofree gchar *big = NULL;
	g_autofree gchar *contents = g_malloc(TEST_FILE_SIZE);

	fx->root = g_dir_make_tmp("cwmp-tr143-ftp-XXXXXX", &error);
	g_assert_no_error(error);
	for (gsize i = 0; i < TEST_FILE_SIZE; i++)
		contents[i] = (gchar) (i * 7);
	file = g_build_filename(fx->root, "file.bin", NULL);
	g_assert_true(g_file_set_contents(file, contents, TEST_FILE_SIZE, NULL));
	sub = g_build_filename(fx->root, "sub", NULL);
	g_assert_cmpint(g_mkdir(sub, 0755), ==, 0);
	g_clear_pointer(&file, g_free);
	file = g_build_filename(sub, "inner.bin", NULL);
	g_assert_true(g_file_set_contents(file, contents, 1000, NULL));
	/* 12 MB, for the throttled tests */
	big = g_build_filename(fx->root, "big.bin", NULL);
	{
		FILE *f = fopen(big, "wb");
		g_assert_nonnull(f);
		for (guint i = 0; i < 4; i++)
			g_assert_cmpuint(fwrite(contents, 1, 3 * 1024 * 1024, f), ==,
					 3 * 1024 * 1024);
		fclose(f);
	}
}

static void
test_rm_rf(const gchar *path)
{
	g_autoptr(GFile) file = g_file_new_for_path(path);
	g_autoptr(GFileEnumerator) children = g_file_enumerate_children(
	    file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
	GFileInfo *info;

	while (children != NULL &&
	       (info = g_file_enumerator_next_file(children, NULL, NULL)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, g_file_info_get_name(info), NULL);
		if (g_file_info_get_file_type(info) == G_FILE_TYPE_DIRECTORY)
			test_rm_rf(child);
		else
			(void) g_unlink(child);
		g_object_unref(info);
	}
	(void) g_rmdir(path);
}

static void
test_fixture_teardown(TestFixture *fx, gconstpointer data)
{
	g_clear_pointer(&fx->ftpd, cwmp_test_ftpd_stop);
	test_rm_rf(fx->root);
	g_free(fx->root);
}

static gchar *
test_url(TestFixture *fx, const gchar *login, const gchar *path)
{
	g_autofree gchar *plain = cwmp_test_ftpd_get_url(fx->ftpd, path);
	if (login == NULL)
		return g_steal_pointer(&plain);
	/* ftp://127.0.0.1... -> ftp://login@127.0.0.1... */
	return g_strdup_printf("ftp://%s@%s", login, plain + strlen("ftp://"));
}

/* --- downloads and uploads ------------------------------------------------- */

static void
test_download(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	guint64 progress = 0;
	g_autoptr(GError) error = NULL;

	if (!test_fixture_start(fx, NULL))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "file.bin");
	params = test_params(url, FALSE);
	params->counters_ifname = g_strdup("lo");
	result = test_run(params, &progress, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(result->state, ==, "Complete");
	g_assert_cmpstr(result->ip_address_used, ==, "127.0.0.1");
	/* the data and the 150 and 226 replies */
	g_assert_cmpuint(result->total.test_bytes, >, TEST_FILE_SIZE);
	g_assert_cmpuint(result->total.test_bytes, <, TEST_FILE_SIZE + TEST_REPLY_SLACK);
	g_assert_cmpuint(progress, ==, result->total.test_bytes);
	g_assert_cmpuint(result->connections->len, ==, 1);
	test_check_order(&result->total);
	test_check_order(&g_array_index(result->connections, CwmpTr143HttpClientTimes, 0));
	g_assert_cmpuint(result->increments->len, ==, 0);
	/* TotalBytesReceived: lo between BOM and EOM (the first segments came
	 * before the BOM reading): most of the data at least */
	g_assert_cmpuint(result->total.total_rx, >=, TEST_FILE_SIZE / 2);
}

static void
test_download_folder(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;

	if (!test_fixture_start(fx, &(CwmpTestFtpdOptions){.anonymous = TRUE}))
		return;
	/* anonymous, CWD sub */
	url = test_url(fx, NULL, "sub/inner.bin");
	params = test_params(url, FALSE);
	result = test_run_expect(params, "Complete");
	g_assert_cmpuint(result->total.test_bytes, >, 1000);
	g_assert_cmpuint(result->total.test_bytes, <, 1000 + TEST_REPLY_SLACK);
	test_check_order(&result->total);
}

static void
test_download_connections(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	guint64 sum = 0;

	if (!test_fixture_start(fx, NULL))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "file.bin");
	params = test_params(url, FALSE);
	params->connections = 2;
	result = test_run_expect(params, "Complete");
	g_assert_cmpuint(result->connections->len, ==, 2);
	for (guint i = 0; i < 2; i++) {
		CwmpTr143HttpClientTimes *times =
		    &g_array_index(result->connections, CwmpTr143HttpClientTimes, i);
		test_check_order(times);
		g_assert_cmpuint(times->test_bytes, >, TEST_FILE_SIZE);
		g_assert_cmpuint(times->test_bytes, <, TEST_FILE_SIZE + TEST_REPLY_SLACK);
		sum += times->test_bytes;
		/* the totals: earliest starts, latest end */
		g_assert_cmpint(result->total.rom, <=, times->rom);
		g_assert_cmpint(result->total.eom, >=, times->eom);
	}
	g_assert_cmpuint(result->total.test_bytes, ==, sum);
	test_check_order(&result->total);
	/* a figure for the log, not a check: pyftpdlib is the bottleneck */
	g_test_message("2 connections: %" G_GUINT64_FORMAT " bytes in %" G_GINT64_FORMAT " us",
		       result->total.test_bytes, result->total.eom - result->total.bom);
}

static void
test_download_time_based(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	guint64 sum = 0;
	gint64	start, elapsed;

	/* 12 MB at 256 KB/s: far longer than the 2 s test */
	if (!test_fixture_start(fx, &(CwmpTestFtpdOptions){.throttle = 256 * 1024}))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "big.bin");
	params = test_params(url, FALSE);
	params->duration = 2;
	params->interval = 1;
	start = g_get_monotonic_time();
	result = test_run_expect(params, "Complete");
	elapsed = g_get_monotonic_time() - start;
	test_check_order(&result->total);
	g_assert_cmpuint(result->total.test_bytes, >, 0);
	g_assert_cmpuint(result->total.test_bytes, <, 12 * 1024 * 1024);
	/* cut at the end of the duration, not at the end of the file (48 s);
	 * EOM is the last byte, and the throttled server sends in bursts */
	g_assert_cmpint(elapsed, >=, 2 * G_USEC_PER_SEC);
	g_assert_cmpint(elapsed, <, 30 * G_USEC_PER_SEC);
	g_assert_cmpuint(result->increments->len, ==, 2);
	for (guint i = 0; i < result->increments->len; i++) {
		CwmpTr143HttpClientIncrement *inc =
		    &g_array_index(result->increments, CwmpTr143HttpClientIncrement, i);
		g_assert_cmpint(inc->start, <, inc->end);
		sum += inc->test_bytes;
	}
	g_assert_cmpuint(sum, <=, result->total.test_bytes);
	g_assert_cmpuint(sum, >, 0);
}

static void
test_download_time_based_repeat(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;

	/* a 1000-byte file: the 1 s test fetches it again and again */
	if (!test_fixture_start(fx, NULL))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "sub/inner.bin");
	params = test_params(url, FALSE);
	params->duration = 1;
	result = test_run_expect(params, "Complete");
	test_check_order(&result->total);
	g_assert_cmpuint(result->total.test_bytes, >, 3 * 1000);
}

static gchar *
test_read_file(TestFixture *fx, const gchar *name, gsize *length)
{
	g_autofree gchar *path = g_build_filename(fx->root, name, NULL);
	gchar		 *contents = NULL;
	g_assert_true(g_file_get_contents(path, &contents, length, NULL));
	return contents;
}

static void
test_upload(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autofree gchar *stored = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	gsize length = 0;

	if (!test_fixture_start(fx, &(CwmpTestFtpdOptions){.writable = TRUE}))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "sub/up.bin");
	params = test_params(url, TRUE);
	result = test_run_expect(params, "Complete");
	/* the STOR command and the data */
	g_assert_cmpuint(result->total.test_bytes, ==,
			 TEST_UPLOAD_SIZE + strlen("STOR up.bin\r\n"));
	test_check_order(&result->total);
	stored = test_read_file(fx, "sub/up.bin", &length);
	g_assert_cmpuint(length, ==, TEST_UPLOAD_SIZE);
}

static void
test_upload_time_based(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autofree gchar *stored = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	gsize  length = 0;
	gint64 start;

	if (!test_fixture_start(fx, &(CwmpTestFtpdOptions){.writable = TRUE}))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "timed.bin");
	params = test_params(url, TRUE);
	params->duration = 1;
	params->interval = 1;
	start = g_get_real_time();
	result = test_run_expect(params, "Complete");
	test_check_order(&result->total);
	/* the 226 comes after the end of the 1 s test (generous for clock slew) */
	g_assert_cmpint(result->total.eom - start, >=, G_USEC_PER_SEC * 9 / 10);
	stored = test_read_file(fx, "timed.bin", &length);
	g_assert_cmpuint(length, >, 0);
	g_assert_cmpuint(result->total.test_bytes, ==, length + strlen("STOR timed.bin\r\n"));
	g_assert_cmpuint(result->increments->len, ==, 1);
}

/* --- error states from pyftpdlib ------------------------------------------- */

static void
test_errors_login(TestFixture *fx, gconstpointer data)
{
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	g_autofree gchar *url = NULL;

	if (!test_fixture_start(fx, NULL))
		return;
	url = test_url(fx, TEST_USER ":wrong", "file.bin");
	params = test_params(url, FALSE);
	result = test_run_expect(params, "Error_LoginFailed");
	g_assert_nonnull(strstr(result->message, "PASS"));
	g_clear_pointer(&result, cwmp_tr143_http_client_result_free);
	g_clear_pointer(&params, cwmp_tr143_http_client_params_free);
	g_clear_pointer(&url, g_free);

	/* pyftpdlib asks any user for a password, then refuses the login */
	url = test_url(fx, "nobody:" TEST_PASSWORD, "file.bin");
	params = test_params(url, FALSE);
	result = test_run_expect(params, "Error_LoginFailed");
	g_clear_pointer(&result, cwmp_tr143_http_client_result_free);
	g_clear_pointer(&params, cwmp_tr143_http_client_params_free);
	g_clear_pointer(&url, g_free);

	/* no anonymous account */
	url = test_url(fx, NULL, "file.bin");
	params = test_params(url, FALSE);
	result = test_run_expect(params, "Error_LoginFailed");
}

static void
test_errors_files(TestFixture *fx, gconstpointer data)
{
	const struct {
		gboolean     upload;
		const gchar *path;
		const gchar *state;
	} cases[] = {
	    {FALSE, "missing.bin", "Error_TransferFailed"},
	    {FALSE, "nowhere/file.bin", "Error_TransferFailed"},
	    {TRUE, "nowhere/up.bin", "Error_NoCWD"},
	    {FALSE, "", "Error_Other"},
	    {FALSE, "sub/", "Error_Other"},
	};

	if (!test_fixture_start(fx, &(CwmpTestFtpdOptions){.writable = TRUE}))
		return;
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *url = test_url(fx, TEST_USER ":" TEST_PASSWORD, cases[i].path);
		g_autoptr(CwmpTr143HttpClientParams) params = test_params(url, cases[i].upload);
		g_autoptr(CwmpTr143HttpClientResult) result =
		    test_run_expect(params, cases[i].state);
		g_assert_nonnull(result->message);
	}
}

static void
test_errors_no_stor(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;

	/* a read-only account */
	if (!test_fixture_start(fx, NULL))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "up.bin");
	params = test_params(url, TRUE);
	result = test_run_expect(params, "Error_NoSTOR");
	g_assert_nonnull(strstr(result->message, "STOR"));
}

static void
test_errors_connect(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;

	/* a port nobody listens on any more */
	if (!test_fixture_start(fx, NULL))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, "file.bin");
	cwmp_test_ftpd_kill(fx->ftpd);
	params = test_params(url, FALSE);
	result = test_run_expect(params, "Error_InitConnectionFailed");
	g_clear_pointer(&result, cwmp_tr143_http_client_result_free);
	g_clear_pointer(&params, cwmp_tr143_http_client_params_free);

	params = test_params("ftp://no-such-host.invalid/file.bin", FALSE);
	result = test_run_expect(params, "Error_CannotResolveHostName");
	g_clear_pointer(&result, cwmp_tr143_http_client_result_free);
	g_clear_pointer(&params, cwmp_tr143_http_client_params_free);

	params = test_params("http://127.0.0.1/file.bin", FALSE);
	result = test_run_expect(params, "Error_Other");
	g_clear_pointer(&result, cwmp_tr143_http_client_result_free);
	g_clear_pointer(&params, cwmp_tr143_http_client_params_free);

	/* CR/LF would smuggle a command */
	params = test_params("ftp://127.0.0.1/a%0D%0ADELE%20x", FALSE);
	result = test_run_expect(params, "Error_Other");
}

typedef struct {
	CwmpTestFtpd *ftpd;
	guint64	     *progress;
	GCancellable *cancellable;
	gboolean      fired;
} TestKill;

/* kills the server (or cancels) once data flows */
static gboolean
test_kill_cb(gpointer data)
{
	TestKill *kill = data;

	if (__atomic_load_n(kill->progress, __ATOMIC_RELAXED) < 64 * 1024)
		return G_SOURCE_CONTINUE;
	if (kill->ftpd != NULL)
		cwmp_test_ftpd_kill(kill->ftpd);
	if (kill->cancellable != NULL)
		g_cancellable_cancel(kill->cancellable);
	kill->fired = TRUE;
	return G_SOURCE_REMOVE;
}

static void
test_errors_killed(TestFixture *fx, gconstpointer data)
{
	gboolean	  upload = GPOINTER_TO_INT(data);
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	g_autoptr(GError) error = NULL;
	guint64	 progress = 0;
	TestKill kill = {.progress = &progress};

	if (!test_fixture_start(fx,
				&(CwmpTestFtpdOptions){.throttle = 256 * 1024, .writable = TRUE}))
		return;
	kill.ftpd = fx->ftpd;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, upload ? "killed.bin" : "big.bin");
	params = test_params(url, upload);
	params->file_length = 64 * 1024 * 1024;
	g_timeout_add(20, test_kill_cb, &kill);
	result = test_run(params, &progress, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(kill.fired);
	g_test_message("%s", result->message);
	g_assert_cmpstr(result->state, ==,
			upload ? "Error_NoTransferComplete" : "Error_TransferFailed");
}

static void
test_cancel(TestFixture *fx, gconstpointer data)
{
	gboolean	  upload = GPOINTER_TO_INT(data);
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	g_autoptr(GCancellable) cancellable = g_cancellable_new();
	g_autoptr(GError) error = NULL;
	guint64	 progress = 0;
	TestKill kill = {.progress = &progress, .cancellable = cancellable};

	if (!test_fixture_start(fx,
				&(CwmpTestFtpdOptions){.throttle = 256 * 1024, .writable = TRUE}))
		return;
	url = test_url(fx, TEST_USER ":" TEST_PASSWORD, upload ? "cancel.bin" : "big.bin");
	params = test_params(url, upload);
	params->file_length = 64 * 1024 * 1024;
	params->connections = 2;
	g_timeout_add(20, test_kill_cb, &kill);
	result = test_run(params, &progress, cancellable, &error);
	g_assert_true(kill.fired);
	g_assert_null(result);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- a scripted server for the replies pyftpdlib does not give ------------- */

typedef enum {
	FAKE_SINK,	   /* a working server that stores nothing */
	FAKE_EPSV_SINK,	   /* PASV refused, EPSV works */
	FAKE_REFUSE_USER,  /* 530 to USER */
	FAKE_REFUSE_TYPE,  /* 504 to TYPE I */
	FAKE_REFUSE_PASV,  /* 502 to PASV and EPSV */
	FAKE_BAD_PASV,	   /* 227 without an address */
	FAKE_SHORT,	   /* SIZE 1000, sends 500 bytes and 226 */
	FAKE_SILENT,	   /* no reply to USER */
	FAKE_CLOSE,	   /* closes before the greeting */
	FAKE_GARBAGE,	   /* a greeting that is no reply */
	FAKE_REFUSE_GREET, /* 421 as the greeting */
	FAKE_STALL,	   /* RETR: 100 bytes, then nothing */
	FAKE_NO_226,	   /* STOR: reads the data, then 451 */
} FakeMode;

typedef struct {
	FakeMode      mode;
	GSocketFamily family;
	GSocket	     *listener;
	guint16	      port;
	GThread	     *thread;
	GCancellable *cancellable;
	gint	      control_tos; /* TOS byte of the control and data packets */
	gint	      data_tos;
	guint64	      stored;
} FakeServer;

/* the TOS byte of the last packet received (IP_RECVTOS on the listener makes
 * Linux keep it for IP_PKTOPTIONS), or -1 */
static gint
fake_get_tos(GSocket *socket)
{
	guint8		control[256];
	socklen_t	len = sizeof(control);
	struct msghdr	msg = {0};
	struct cmsghdr *cmsg;

	if (getsockopt(g_socket_get_fd(socket), SOL_IP, IP_PKTOPTIONS, control, &len) < 0)
		return -1;
	msg.msg_control = control;
	msg.msg_controllen = len;
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
		if (cmsg->cmsg_level == SOL_IP && cmsg->cmsg_type == IP_TOS)
			return *(guint8 *) CMSG_DATA(cmsg);
	}
	return -1;
}

static GSocket *
fake_listen(GSocketFamily family, guint16 *port)
{
	g_autoptr(GSocket) socket =
	    g_socket_new(family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
	g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback(family);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(loopback, 0);
	g_autoptr(GSocketAddress) bound = NULL;

	g_assert_nonnull(socket);
	if (family == G_SOCKET_FAMILY_IPV4)
		g_assert_true(g_socket_set_option(socket, SOL_IP, IP_RECVTOS, 1, NULL));
	g_assert_true(g_socket_bind(socket, address, TRUE, NULL));
	g_assert_true(g_socket_listen(socket, NULL));
	bound = g_socket_get_local_address(socket, NULL);
	*port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
	return g_steal_pointer(&socket);
}

static void
fake_send(GSocket *socket, const gchar *text)
{
	g_autofree gchar *line = g_strdup_printf("%s\r\n", text);
	(void) g_socket_send(socket, line, strlen(line), NULL, NULL);
}

static gboolean
fake_read_line(GSocket *socket, GString *line, GCancellable *cancellable)
{
	gchar c;
	g_string_truncate(line, 0);
	for (;;) {
		gssize n = g_socket_receive(socket, &c, 1, cancellable, NULL);
		if (n <= 0)
			return FALSE;
		if (c == '\n')
			return TRUE;
		if (c != '\r')
			g_string_append_c(line, c);
	}
}

/* the data connection of one RETR or STOR */
static void
fake_transfer(FakeServer *server, GSocket *control, GSocket *data_listener, gboolean store)
{
	g_autoptr(GSocket) data = g_socket_accept(data_listener, server->cancellable, NULL);
	gchar buffer[65536];

	if (data == NULL)
		return;
	fake_send(control, "150 Here it comes.");
	if (store) {
		gssize n;
		while ((n = g_socket_receive(data, buffer, sizeof(buffer), server->cancellable,
					     NULL)) > 0)
			server->stored += (guint64) n;
		server->data_tos = fake_get_tos(data);
		g_socket_close(data, NULL);
		fake_send(control, server->mode == FAKE_NO_226 ? "451 Disk full." : "226 Stored.");
		return;
	}
	memset(buffer, 'x', sizeof(buffer));
	if (server->mode == FAKE_STALL) {
		(void) g_socket_send(data, buffer, 100, NULL, NULL);
		/* hold both connections until the test ends */
		(void) g_socket_condition_timed_wait(control, G_IO_IN, 30 * G_USEC_PER_SEC,
						     server->cancellable, NULL);
		return;
	}
	(void) g_socket_send(data, buffer, 500, NULL, NULL);
	g_socket_close(data, NULL);
	fake_send(control, "226 Done.");
}

static void
fake_session(FakeServer *server, GSocket *control)
{
	g_autoptr(GString) line = g_string_new(NULL);
	g_autoptr(GSocket) data_listener = NULL;

	switch (server->mode) {
	case FAKE_CLOSE:
		return;
	case FAKE_GARBAGE:
		fake_send(control, "hello there");
		break;
	case FAKE_REFUSE_GREET:
		fake_send(control, "421 Too many users.");
		break;
	default:
		fake_send(control, "220-Scripted server\r\n220 ready.");
		break;
	}
	while (fake_read_line(control, line, server->cancellable)) {
		gchar  *verb = g_ascii_strup(line->str, MIN(line->len, 4));
		guint16 port = 0;

		if (strncmp(verb, "USER", 4) == 0) {
			if (server->mode == FAKE_REFUSE_USER)
				fake_send(control, "530 Not you.");
			else if (server->mode != FAKE_SILENT)
				fake_send(control, "331 Password?");
		} else if (strncmp(verb, "PASS", 4) == 0) {
			fake_send(control, "230 In.");
		} else if (strncmp(verb, "TYPE", 4) == 0) {
			fake_send(control, server->mode == FAKE_REFUSE_TYPE ? "504 No binary."
									    : "200 Binary.");
		} else if (strncmp(verb, "SIZE", 4) == 0) {
			fake_send(control,
				  server->mode == FAKE_SHORT ? "213 1000" : "550 No size.");
		} else if (strncmp(verb, "PASV", 4) == 0) {
			if (server->mode == FAKE_REFUSE_PASV || server->mode == FAKE_EPSV_SINK) {
				fake_send(control, "502 No PASV.");
			} else if (server->mode == FAKE_BAD_PASV) {
				fake_send(control, "227 Entering Passive Mode.");
			} else {
				g_autofree gchar *reply = NULL;
				g_clear_object(&data_listener);
				data_listener = fake_listen(server->family, &port);
				reply = g_strdup_printf("227 Entering Passive Mode "
							"(127,0,0,1,%u,%u).",
							port >> 8, port & 0xff);
				fake_send(control, reply);
			}
		} else if (strncmp(verb, "EPSV", 4) == 0) {
			if (server->mode != FAKE_EPSV_SINK) {
				fake_send(control, "502 No EPSV.");
			} else {
				g_autofree gchar *reply = NULL;
				g_clear_object(&data_listener);
				data_listener = fake_listen(server->family, &port);
				reply = g_strdup_printf("229 Extended Passive Mode (|||%u|)", port);
				fake_send(control, reply);
			}
		} else if (strncmp(verb, "RETR", 4) == 0 || strncmp(verb, "STOR", 4) == 0) {
			server->control_tos = fake_get_tos(control);
			if (data_listener == NULL)
				fake_send(control, "425 Use PASV first.");
			else
				fake_transfer(server, control, data_listener, verb[0] == 'S');
		} else if (strncmp(verb, "QUIT", 4) == 0) {
			fake_send(control, "221 Bye.");
			g_free(verb);
			return;
		} else {
			fake_send(control, "502 Unknown command.");
		}
		g_free(verb);
	}
}

static gpointer
fake_thread(gpointer data)
{
	FakeServer *server = data;
	for (;;) {
		g_autoptr(GSocket) control =
		    g_socket_accept(server->listener, server->cancellable, NULL);
		if (control == NULL)
			return NULL;
		fake_session(server, control);
		g_socket_close(control, NULL);
	}
}

static FakeServer *
fake_start_family(FakeMode mode, GSocketFamily family)
{
	FakeServer *server = g_new0(FakeServer, 1);
	server->mode = mode;
	server->family = family;
	server->control_tos = -1;
	server->data_tos = -1;
	server->cancellable = g_cancellable_new();
	server->listener = fake_listen(family, &server->port);
	server->thread = g_thread_new("fake-ftpd", fake_thread, server);
	return server;
}

static FakeServer *
fake_start(FakeMode mode)
{
	return fake_start_family(mode, G_SOCKET_FAMILY_IPV4);
}

static void
fake_stop(FakeServer *server)
{
	g_cancellable_cancel(server->cancellable);
	g_thread_join(server->thread);
	g_object_unref(server->listener);
	g_object_unref(server->cancellable);
	g_free(server);
}

static gchar *
fake_url(FakeServer *server)
{
	return g_strdup_printf("ftp://someone:pw@127.0.0.1:%u/dir-less.bin", server->port);
}

static void
test_fake_errors(TestFixture *fx, gconstpointer data)
{
	const struct {
		FakeMode     mode;
		gboolean     upload;
		const gchar *state;
	} cases[] = {
	    {FAKE_REFUSE_USER, FALSE, "Error_PasswordRequestFailed"},
	    {FAKE_REFUSE_TYPE, TRUE, "Error_NoTransferMode"},
	    {FAKE_REFUSE_PASV, FALSE, "Error_NoPASV"},
	    {FAKE_REFUSE_PASV, TRUE, "Error_NoPASV"},
	    {FAKE_BAD_PASV, FALSE, "Error_NoPASV"},
	    {FAKE_SHORT, FALSE, "Error_IncorrectSize"},
	    {FAKE_SILENT, FALSE, "Error_Timeout"},
	    {FAKE_STALL, FALSE, "Error_Timeout"},
	    {FAKE_CLOSE, FALSE, "Error_NoResponse"},
	    {FAKE_GARBAGE, FALSE, "Error_Other"},
	    {FAKE_REFUSE_GREET, TRUE, "Error_InitConnectionFailed"},
	    {FAKE_NO_226, TRUE, "Error_NoTransferComplete"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		FakeServer	 *server = fake_start(cases[i].mode);
		g_autofree gchar *url = fake_url(server);
		g_autoptr(CwmpTr143HttpClientParams) params = test_params(url, cases[i].upload);
		g_autoptr(CwmpTr143HttpClientResult) result = NULL;

		params->timeout_ms = 500;
		params->file_length = 1000;
		result = test_run_expect(params, cases[i].state);
		g_assert_nonnull(result->message);
		fake_stop(server);
	}
}

static void
test_fake_dscp(TestFixture *fx, gconstpointer data)
{
	FakeMode	  mode = GPOINTER_TO_INT(data);
	FakeServer	 *server = fake_start(mode);
	g_autofree gchar *url = fake_url(server);
	g_autoptr(CwmpTr143HttpClientParams) params = test_params(url, TRUE);
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;

	params->dscp = 46;
	params->file_length = 100000;
	result = test_run_expect(params, "Complete");
	test_check_order(&result->total);
	g_assert_cmpuint(server->stored, ==, 100000);
	g_assert_cmpint(server->control_tos >> 2, ==, 46);
	g_assert_cmpint(server->data_tos >> 2, ==, 46);
	fake_stop(server);
}

static gboolean
test_has_ipv6_loopback(void)
{
	g_autoptr(GSocket) socket =
	    g_socket_new(G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
	g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV6);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(loopback, 0);

	return socket != NULL && g_socket_bind(socket, address, TRUE, NULL);
}

static void
test_fake_ipv6(TestFixture *fx, gconstpointer data)
{
	FakeServer	 *server = NULL;
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;

	if (!test_has_ipv6_loopback()) {
		g_test_skip("no IPv6 loopback");
		return;
	}
	/* IPv6 goes straight to EPSV (this server refuses PASV) */
	server = fake_start_family(FAKE_EPSV_SINK, G_SOCKET_FAMILY_IPV6);
	url = g_strdup_printf("ftp://[::1]:%u/v6.bin", server->port);
	params = test_params(url, TRUE);
	params->file_length = 70000;
	params->dscp = 10;
	result = test_run_expect(params, "Complete");
	g_assert_cmpstr(result->ip_address_used, ==, "::1");
	g_assert_cmpuint(server->stored, ==, 70000);
	test_check_order(&result->total);
	g_clear_pointer(&result, cwmp_tr143_http_client_result_free);

	/* an IPv4-only family for an IPv6 literal */
	params->family = G_SOCKET_FAMILY_IPV4;
	result = test_run_expect(params, "Error_CannotResolveHostName");
	fake_stop(server);
}

static void
test_fake_interface(TestFixture *fx, gconstpointer data)
{
	FakeServer	 *server = NULL;
	g_autofree gchar *url = NULL;
	g_autoptr(CwmpTr143HttpClientParams) params = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;

	if (geteuid() != 0) {
		g_test_skip("SO_BINDTODEVICE needs root");
		return;
	}
	server = fake_start(FAKE_SINK);
	url = fake_url(server);
	params = test_params(url, TRUE);
	params->file_length = 5000;
	params->bind_ifname = g_strdup("lo");
	result = test_run_expect(params, "Complete");
	g_assert_cmpuint(server->stored, ==, 5000);
	g_clear_pointer(&result, cwmp_tr143_http_client_result_free);

	/* the binding is really asked for */
	g_free(params->bind_ifname);
	params->bind_ifname = g_strdup("nosuchif0");
	result = test_run_expect(params, "Error_Internal");
	g_assert_nonnull(strstr(result->message, "SO_BINDTODEVICE"));
	fake_stop(server);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

#define TEST_ADD(name, data, func)                                                                 \
	g_test_add("/tr143/ftp/" name, TestFixture, data, test_fixture_setup, func,                \
		   test_fixture_teardown)
	TEST_ADD("download", NULL, test_download);
	TEST_ADD("download-folder", NULL, test_download_folder);
	TEST_ADD("download-connections", NULL, test_download_connections);
	TEST_ADD("download-time-based", NULL, test_download_time_based);
	TEST_ADD("download-time-based-repeat", NULL, test_download_time_based_repeat);
	TEST_ADD("upload", NULL, test_upload);
	TEST_ADD("upload-time-based", NULL, test_upload_time_based);
	TEST_ADD("errors/login", NULL, test_errors_login);
	TEST_ADD("errors/files", NULL, test_errors_files);
	TEST_ADD("errors/no-stor", NULL, test_errors_no_stor);
	TEST_ADD("errors/connect", NULL, test_errors_connect);
	TEST_ADD("errors/killed-download", GINT_TO_POINTER(FALSE), test_errors_killed);
	TEST_ADD("errors/killed-upload", GINT_TO_POINTER(TRUE), test_errors_killed);
	TEST_ADD("cancel-download", GINT_TO_POINTER(FALSE), test_cancel);
	TEST_ADD("cancel-upload", GINT_TO_POINTER(TRUE), test_cancel);
	TEST_ADD("fake/errors", NULL, test_fake_errors);
	TEST_ADD("fake/dscp-pasv", GINT_TO_POINTER(FAKE_SINK), test_fake_dscp);
	TEST_ADD("fake/dscp-epsv", GINT_TO_POINTER(FAKE_EPSV_SINK), test_fake_dscp);
	TEST_ADD("fake/interface", NULL, test_fake_interface);
	TEST_ADD("fake/ipv6", NULL, test_fake_ipv6);
#undef TEST_ADD
	return g_test_run();
}
