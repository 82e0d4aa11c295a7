/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The FTP client (core/cwmp-ftp-client.c) against pyftpdlib on loopback:
 * 1. download of a 256 MiB file to /dev/null: median throughput, next to
 *    curl's on the same server when /usr/bin/curl is there;
 * 2. upload of 256 MiB: median throughput;
 * 3. how much the process's peak memory grew over all of it (the client
 *    streams through a fixed 64 KiB buffer).
 * pyftpdlib is Python: its side may well be the limit.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-bench-utils.h"
#include "cwmp-ftp-client.h"
#include "cwmp-test-ftpd.h"
#include "cwmp-test-utils.h"

#define BENCH_RUNS 5
#define BENCH_SIZE (256 * 1024 * 1024)

static gint64
bench_status_kib(const gchar *field)
{
	g_autofree gchar *status = NULL;
	const gchar	 *line;

	if (!g_file_get_contents("/proc/self/status", &status, NULL, NULL))
		return -1;
	line = strstr(status, field);
	return line != NULL ? g_ascii_strtoll(line + strlen(field) + 1, NULL, 10) : -1;
}

static void
bench_done_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GAsyncResult **out = user_data;

	*out = g_object_ref(result);
}

static double
bench_download(const gchar *url)
{
	g_autoptr(GOutputStream) output = NULL;
	g_autoptr(GAsyncResult) result = NULL;
	g_autoptr(GError) error = NULL;
	guint64 total = 0;
	gint64	start;
	gint	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	g_assert_cmpint(fd, >=, 0);
	output = g_unix_output_stream_new(fd, TRUE);
	start = g_get_monotonic_time();
	cwmp_ftp_download_async(url, "bench", "bench", 0, output, 0, NULL, NULL, NULL,
				bench_done_cb, &result);
	while (result == NULL)
		g_main_context_iteration(NULL, TRUE);
	if (!cwmp_ftp_download_finish(result, &total, &error))
		g_error("download failed: %s", error->message);
	g_assert_cmpuint(total, ==, BENCH_SIZE);
	return (double) BENCH_SIZE / (1024.0 * 1024.0) /
	       ((double) (g_get_monotonic_time() - start) / G_USEC_PER_SEC);
}

static double
bench_upload(const gchar *url, const gchar *path)
{
	g_autoptr(GFile) file = g_file_new_for_path(path);
	g_autoptr(GFileInputStream) input = NULL;
	g_autoptr(GAsyncResult) result = NULL;
	g_autoptr(GError) error = NULL;
	gint64 start;

	input = g_file_read(file, NULL, &error);
	g_assert_no_error(error);
	start = g_get_monotonic_time();
	cwmp_ftp_upload_async(url, "bench", "bench", G_INPUT_STREAM(input), BENCH_SIZE, NULL, NULL,
			      NULL, bench_done_cb, &result);
	while (result == NULL)
		g_main_context_iteration(NULL, TRUE);
	if (!cwmp_ftp_upload_finish(result, &error))
		g_error("upload failed: %s", error->message);
	return (double) BENCH_SIZE / (1024.0 * 1024.0) /
	       ((double) (g_get_monotonic_time() - start) / G_USEC_PER_SEC);
}

static double
bench_curl(const gchar *url)
{
	const gchar *argv[] = {"/usr/bin/curl", "-s", "-o", "/dev/null", "-u",
			       "bench:bench",	url,  NULL};
	gint64	     start = g_get_monotonic_time();
	gint	     status = 0;
	g_autoptr(GError) error = NULL;

	if (!g_spawn_sync(NULL, (gchar **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
			  &status, &error) ||
	    !g_spawn_check_wait_status(status, &error))
		g_error("curl failed: %s", error->message);
	return (double) BENCH_SIZE / (1024.0 * 1024.0) /
	       ((double) (g_get_monotonic_time() - start) / G_USEC_PER_SEC);
}

int
main(int argc, char **argv)
{
	g_autofree gchar *root = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *up_url = NULL;
	g_autoptr(CwmpTestFtpd) ftpd = NULL;
	g_autoptr(GError) error = NULL;
	CwmpTestFtpdOptions options = {.username = "bench", .password = "bench", .writable = TRUE};
	double		    down[BENCH_RUNS];
	double		    up[BENCH_RUNS];
	double		    curl[BENCH_RUNS];
	gboolean	    have_curl = g_file_test("/usr/bin/curl", G_FILE_TEST_IS_EXECUTABLE);
	gint64		    hwm_before;
	gint		    fd;

	g_test_init(&argc, &argv, NULL);
	if (cwmp_test_ftpd_skip_reason() != NULL) {
		printf("ftp: skipped: %s\n", cwmp_test_ftpd_skip_reason());
		return 0;
	}
	root = cwmp_test_utils_mkdtemp("cwmp-ftp-bench-XXXXXX");
	options.root = root;
	ftpd = cwmp_test_ftpd_start(&options, &error);
	g_assert_no_error(error);

	/* a sparse file: the disk is not what is measured */
	path = g_build_filename(root, "image.bin", NULL);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(ftruncate(fd, BENCH_SIZE), ==, 0);
	close(fd);
	url = cwmp_test_ftpd_get_url(ftpd, "image.bin");
	up_url = cwmp_test_ftpd_get_url(ftpd, "uploaded.bin");

	hwm_before = bench_status_kib("VmHWM:");
	for (guint i = 0; i < BENCH_RUNS; i++) {
		down[i] = bench_download(url);
		up[i] = bench_upload(up_url, path);
		if (have_curl)
			curl[i] = bench_curl(url);
	}
	printf("ftp: download of %u MiB from pyftpdlib on loopback: median %.0f MiB/s (%u runs)\n",
	       BENCH_SIZE / (1024 * 1024), cwmp_bench_utils_median(down, BENCH_RUNS), BENCH_RUNS);
	if (have_curl)
		printf("ftp: curl on the same file and server: median %.0f MiB/s (%u runs)\n",
		       cwmp_bench_utils_median(curl, BENCH_RUNS), BENCH_RUNS);
	printf("ftp: upload of %u MiB to pyftpdlib on loopback: median %.0f MiB/s (%u runs)\n",
	       BENCH_SIZE / (1024 * 1024), cwmp_bench_utils_median(up, BENCH_RUNS), BENCH_RUNS);
	printf("ftp: peak memory (VmHWM) growth over all transfers: %" G_GINT64_FORMAT " KiB\n",
	       bench_status_kib("VmHWM:") - hwm_before);

	cwmp_test_ftpd_stop(g_steal_pointer(&ftpd));
	cwmp_test_utils_rm_rf(root, NULL);
	return 0;
}
