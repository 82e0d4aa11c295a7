/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * TR-143 throughput on loopback: the tr143 plugin's HTTP client (the code
 * DownloadDiagnostics and UploadDiagnostics run, in-process here rather
 * than through the daemon) against curl in the same run.
 *   - download: a 1 GB sparse file from nginx, 1 and 4 connections (each
 *     connection fetches the whole file, as TR-143 has it);
 *   - upload: 1 GB PUT per connection to a sink in a forked process.
 * Reports medians of the wall-clock throughput and of the CPU time per GB
 * (getrusage of this process for the plugin, wait4 of the curl processes).
 * Needs nginx and curl; prints why it skipped otherwise.
 */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cwmp-tr143-http-client.h"
#include "cwmp-tr143-test-nginx.h"

#define BENCH_SIZE (1024ULL * 1024 * 1024)
#define BENCH_RUNS 3

static gdouble
bench_median(gdouble *values, guint n)
{
	for (guint i = 1; i < n; i++) {
		for (guint j = i; j > 0 && values[j - 1] > values[j]; j--) {
			gdouble t = values[j];
			values[j] = values[j - 1];
			values[j - 1] = t;
		}
	}
	return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static gdouble
bench_cpu_seconds(const struct rusage *ru)
{
	return ru->ru_utime.tv_sec + ru->ru_stime.tv_sec +
	       (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

static void
bench_sink_connection(gint fd)
{
	static gchar buffer[1 << 20];
	gsize	     used = 0;

	for (;;) {
		gchar  *end;
		gchar  *length;
		guint64 remaining;
		gssize	n = recv(fd, buffer + used, 65536 - used - 1, 0);
		if (n <= 0)
			return;
		used += (gsize) n;
		buffer[used] = '\0';
		end = strstr(buffer, "\r\n\r\n");
		if (end == NULL)
			continue;
		length = strcasestr(buffer, "Content-Length:");
		if (length == NULL)
			return;
		remaining = g_ascii_strtoull(length + 15, NULL, 10);
		remaining -= used - (gsize) (end + 4 - buffer);
		while (remaining > 0) {
			n = recv(fd, buffer, MIN(remaining, sizeof(buffer)), MSG_TRUNC);
			if (n <= 0)
				return;
			remaining -= (guint64) n;
		}
		(void) send(fd, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 44,
			    MSG_NOSIGNAL);
		used = 0;
	}
}

static pid_t
bench_sink_start(guint16 *port)
{
	struct sockaddr_in address = {.sin_family = AF_INET};
	socklen_t	   len = sizeof(address);
	gint		   fd = socket(AF_INET, SOCK_STREAM, 0);
	gint		   one = 1;
	pid_t		   pid;

	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	g_assert_cmpint(bind(fd, (struct sockaddr *) &address, sizeof(address)), ==, 0);
	g_assert_cmpint(listen(fd, 16), ==, 0);
	getsockname(fd, (struct sockaddr *) &address, &len);
	*port = ntohs(address.sin_port);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGCHLD, SIG_IGN);
		for (;;) {
			gint client = accept(fd, NULL, NULL);
			if (client < 0)
				continue;
			if (fork() == 0) {
				close(fd);
				bench_sink_connection(client);
				_exit(0);
			}
			close(client);
		}
	}
	close(fd);
	return pid;
}

/* --- curl ----------------------------------------------------------------- */

/* runs @n curls at once; returns the wall time, *@cpu their CPU seconds */
static gdouble
bench_curl(guint n, const gchar *const *argv, gdouble *cpu)
{
	gint64 start = g_get_monotonic_time();
	pid_t  pids[8];

	*cpu = 0;
	for (guint i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			execv("/usr/bin/curl", (gchar **) argv);
			_exit(127);
		}
	}
	for (guint i = 0; i < n; i++) {
		struct rusage ru;
		gint	      status;
		if (wait4(pids[i], &status, 0, &ru) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			g_error("curl failed");
		*cpu += bench_cpu_seconds(&ru);
	}
	return (g_get_monotonic_time() - start) / 1e6;
}

/* --- the plugin's client -------------------------------------------------- */

static gdouble
bench_plugin(CwmpTr143HttpClientParams *params, gdouble *cpu)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpTr143HttpClientResult) result = NULL;
	struct rusage before, after;
	gint64	      start;

	getrusage(RUSAGE_SELF, &before);
	start = g_get_monotonic_time();
	result = cwmp_tr143_http_client_run(params, NULL, NULL, &error);
	if (result == NULL || g_strcmp0(result->state, "Complete") != 0)
		g_error("test failed: %s", result != NULL ? result->message : error->message);
	getrusage(RUSAGE_SELF, &after);
	/* every byte went through: the body of each connection at least */
	if (result->total.test_bytes < params->connections * BENCH_SIZE)
		g_error("only %" G_GUINT64_FORMAT " bytes", result->total.test_bytes);
	*cpu = bench_cpu_seconds(&after) - bench_cpu_seconds(&before);
	return (g_get_monotonic_time() - start) / 1e6;
}

static void
bench_report(const gchar *what,
	     guint	  connections,
	     gdouble	 *ours_s,
	     gdouble	 *ours_cpu,
	     gdouble	 *curl_s,
	     gdouble	 *curl_cpu)
{
	gdouble gb = connections * (gdouble) BENCH_SIZE / 1e9;
	gdouble ratio[BENCH_RUNS];
	gdouble ours_rate, curl_rate, ours_cpu_gb, curl_cpu_gb;

	for (guint i = 0; i < BENCH_RUNS; i++)
		ratio[i] = curl_s[i] / ours_s[i];
	ours_rate = gb * 8 / bench_median(ours_s, BENCH_RUNS);
	curl_rate = gb * 8 / bench_median(curl_s, BENCH_RUNS);
	ours_cpu_gb = bench_median(ours_cpu, BENCH_RUNS) / gb;
	curl_cpu_gb = bench_median(curl_cpu, BENCH_RUNS) / gb;
	g_print("%s, %u connection%s (%u runs): cwmpd %.2f Gbit/s, curl %.2f Gbit/s, ratio "
		"%.2f (median of the per-run ratios); CPU per GB: cwmpd %.3f s, curl %.3f s\n",
		what, connections, connections > 1 ? "s" : "", BENCH_RUNS, ours_rate, curl_rate,
		bench_median(ratio, BENCH_RUNS), ours_cpu_gb, curl_cpu_gb);
}

int
main(int argc, char **argv)
{
	g_autofree gchar   *dir = NULL;
	g_autofree gchar   *file = NULL;
	g_autofree gchar   *url = NULL;
	g_autofree gchar   *put_url = NULL;
	g_autofree gchar   *length = NULL;
	CwmpTr143TestNginx *nginx = NULL;
	guint16		    sink_port;
	pid_t		    sink;
	FILE		   *f;

	if (!g_file_test("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE) ||
	    !g_file_test("/usr/bin/curl", G_FILE_TEST_IS_EXECUTABLE)) {
		g_print("tr143 bench skipped: needs /usr/sbin/nginx and /usr/bin/curl\n");
		return 0;
	}
	dir = g_dir_make_tmp("cwmp-tr143-bench-XXXXXX", NULL);
	file = g_build_filename(dir, "big.bin", NULL);
	f = fopen(file, "w");
	g_assert_nonnull(f);
	g_assert_cmpint(ftruncate(fileno(f), BENCH_SIZE), ==, 0);
	fclose(f);
	nginx = cwmp_tr143_test_nginx_start(dir);
	g_assert_nonnull(nginx);
	sink = bench_sink_start(&sink_port);
	url = cwmp_tr143_test_nginx_url(nginx, "/big.bin");
	put_url = g_strdup_printf("http://127.0.0.1:%u/sink", sink_port);
	length = g_strdup_printf("%llu", BENCH_SIZE);
	g_print("tr143: plugin HTTP client in-process vs curl, nginx (sendfile) and a sink on "
		"loopback, 1 GB per connection\n");

	for (guint upload = 0; upload <= 1; upload++) {
		for (guint c = 1; c <= 4; c += 3) {
			gdouble			  ours_s[BENCH_RUNS], ours_cpu[BENCH_RUNS];
			gdouble			  curl_s[BENCH_RUNS], curl_cpu[BENCH_RUNS];
			CwmpTr143HttpClientParams params = {
			    .upload = upload,
			    .url = upload ? put_url : url,
			    .counters_ifname = (gchar *) "lo",
			    .connections = c,
			    .file_length = BENCH_SIZE,
			    .timeout_ms = 30000,
			};
			const gchar *curl_down[] = {"curl", "-s", "-o", "/dev/null", url, NULL};
			const gchar *curl_up[] = {"curl",    "-s", "-o", "/dev/null", "-H",
						  "Expect:", "-T", file, put_url,     NULL};
			for (guint r = 0; r < BENCH_RUNS; r++) {
				ours_s[r] = bench_plugin(&params, &ours_cpu[r]);
				curl_s[r] =
				    bench_curl(c, upload ? curl_up : curl_down, &curl_cpu[r]);
			}
			bench_report(upload ? "upload" : "download", c, ours_s, ours_cpu, curl_s,
				     curl_cpu);
		}
	}
	kill(sink, SIGKILL);
	waitpid(sink, NULL, 0);
	g_clear_pointer(&nginx, cwmp_tr143_test_nginx_stop);
	cwmp_tr143_test_rm_rf(dir);
	return 0;
}
