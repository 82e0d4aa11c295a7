/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * A 1 GiB download over loopback from lighttpd: the cwmpd daemon (Download
 * RPCs from the simulator, the firmware hook `true`) against curl on the same
 * file in the same run. Throughput comes from the StartTime and CompleteTime
 * of each TransferComplete; cwmpd's peak RSS growth is VmHWM of the daemon
 * after the downloads minus VmHWM before the first one.
 *
 * CWMP_BENCH_TRANSFER_MIB=N changes the size (default 1024).
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "cwmp-bench-utils.h"
#include "cwmp-rpc.h"
#include "cwmp-test-daemon.h"
#include "cwmp-test-httpd.h"

#define RUNS 3

static guint64
bench_vm_hwm_kib(GPid pid)
{
	g_autofree gchar *file = g_strdup_printf("/proc/%d/status", (gint) pid);
	g_autofree gchar *text = NULL;
	const gchar	 *line;

	if (!g_file_get_contents(file, &text, NULL, NULL))
		return 0;
	line = strstr(text, "VmHWM:");
	return line != NULL ? g_ascii_strtoull(line + 6, NULL, 10) : 0;
}

static gboolean
bench_cond_completes(CwmpTestDaemon *d, gconstpointer n)
{
	GPtrArray *records = cwmp_acs_sim_get_records(d->sim);
	guint	   count = 0;
	for (guint i = 0; i < records->len; i++) {
		CwmpAcsSimRecord *r = g_ptr_array_index(records, i);
		if (r->request != NULL && r->request->method == CWMP_RPC_TRANSFER_COMPLETE)
			count++;
	}
	return count >= GPOINTER_TO_UINT(n);
}

static double
bench_curl(const gchar *url, const gchar *out)
{
	g_autoptr(GError) error = NULL;
	const gchar *argv[] = {"curl", "-s", "-f", "-o", out, url, NULL};
	gint	     status = 0;
	gint64	     t0 = g_get_monotonic_time();

	if (!g_spawn_sync(NULL, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
			  &status, &error) ||
	    !g_spawn_check_wait_status(status, &error))
		g_error("curl: %s", error->message);
	return (double) (g_get_monotonic_time() - t0) / 1e6;
}

int
main(int argc, char **argv)
{
	g_autoptr(CwmpTestDaemon) d = NULL;
	g_autoptr(CwmpTestHttpd) httpd = NULL;
	g_autofree gchar *skip = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *file = NULL;
	g_autofree gchar *curl_out = NULL;
	g_autofree gchar *config = NULL;
	g_autofree gchar *curl_path = g_find_program_in_path("curl");
	const gchar	 *mib_env = g_getenv("CWMP_BENCH_TRANSFER_MIB");
	guint64		  mib = mib_env != NULL ? g_ascii_strtoull(mib_env, NULL, 10) : 1024;
	guint64		  size = mib * 1024 * 1024;
	double		  curl_s[RUNS], cwmpd_s[RUNS];
	guint64		  hwm_before, hwm_after;
	gint		  fd;

	g_test_init(&argc, &argv, NULL);
	if (curl_path == NULL) {
		printf("transfer: skipped: curl is not installed\n");
		return 0;
	}
	d = cwmp_test_daemon_new("cwmp-transfer-bench-XXXXXX");
	httpd = cwmp_test_httpd_new(d->dir, &skip);
	if (httpd == NULL) {
		printf("transfer: skipped: %s\n", skip);
		return 0;
	}
	/* a sparse file: the server's reads cost little, the client's work is
	 * what is measured */
	file = g_build_filename(httpd->root, "image.bin", NULL);
	fd = g_open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(ftruncate(fd, (off_t) size), ==, 0);
	close(fd);
	cwmp_test_httpd_start(httpd);
	url = cwmp_test_httpd_url(httpd, "image.bin");
	curl_out = g_build_filename(d->dir, "curl.out", NULL);

	for (guint i = 0; i < RUNS; i++) {
		curl_s[i] = bench_curl(url, curl_out);
		g_unlink(curl_out);
	}

	cwmp_test_daemon_start_sim(d);
	for (guint i = 0; i < RUNS; i++) {
		CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_DOWNLOAD);
		rpc->download.command_key = g_strdup_printf("bench-%u", i);
		rpc->download.file_type = g_strdup("1 Firmware Upgrade Image");
		rpc->download.url = g_strdup(url);
		rpc->download.file_size = (guint) MIN(size, G_MAXUINT);
		rpc->download.username = g_strdup("");
		rpc->download.password = g_strdup("");
		rpc->download.target_file_name = g_strdup("");
		/* the first waits, so VmHWM can be read before any byte moves */
		rpc->download.delay_seconds = i == 0 ? 2 : 0;
		cwmp_acs_sim_queue_rpc(d->sim, rpc);
	}
	config = g_strdup("[hooks]\nfirmware-upgrade=true\n[transfers]\nfirmware-needs-reboot="
			  "false\n");
	cwmp_test_daemon_write_config(d, config);
	cwmp_test_daemon_start(d);
	cwmp_test_daemon_wait(d, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(1),
			      "the BOOT session");
	hwm_before = bench_vm_hwm_kib(d->pid);
	{
		gint64 deadline = g_get_monotonic_time() + 600 * G_USEC_PER_SEC;
		while (!bench_cond_completes(d, GUINT_TO_POINTER(RUNS)) &&
		       g_get_monotonic_time() < deadline)
			g_main_context_iteration(NULL, TRUE);
		if (!bench_cond_completes(d, GUINT_TO_POINTER(RUNS)))
			g_error("the downloads did not finish within 600 s");
	}
	hwm_after = bench_vm_hwm_kib(d->pid);
	{
		GPtrArray *records = cwmp_acs_sim_get_records(d->sim);
		guint	   n = 0;
		for (guint i = 0; i < records->len && n < RUNS; i++) {
			CwmpAcsSimRecord	*r = g_ptr_array_index(records, i);
			CwmpRpcTransferComplete *tc;
			if (r->request == NULL || r->request->method != CWMP_RPC_TRANSFER_COMPLETE)
				continue;
			tc = &r->request->transfer_complete;
			if (tc->fault_struct.fault_code != 0)
				g_error("download %s failed: %u %s", tc->command_key,
					tc->fault_struct.fault_code, tc->fault_struct.fault_string);
			cwmpd_s[n++] =
			    (double) g_date_time_difference(tc->complete_time, tc->start_time) /
			    1e6;
		}
	}
	{
		double curl_med = cwmp_bench_utils_median(curl_s, RUNS);
		double cwmpd_med = cwmp_bench_utils_median(cwmpd_s, RUNS);
		double mb = (double) size / 1e6;
		printf("transfer: %" G_GUINT64_FORMAT " MiB over loopback from lighttpd, median of "
		       "%d: curl %.0f MB/s (%.2f s), cwmpd %.0f MB/s (%.2f s), ratio %.2f; "
		       "cwmpd peak RSS growth %" G_GUINT64_FORMAT " KiB (VmHWM %" G_GUINT64_FORMAT
		       " -> %" G_GUINT64_FORMAT " KiB)\n",
		       mib, RUNS, mb / curl_med, curl_med, mb / cwmpd_med, cwmpd_med,
		       curl_med / cwmpd_med, hwm_after - hwm_before, hwm_before, hwm_after);
	}
	return 0;
}
