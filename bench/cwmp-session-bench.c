/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Issue 3's figures:
 * 1. GetParameterValues of 10,000 parameters through the RPC handler (parse
 *    the request, walk the data model, stream the response): median time,
 *    and how much the process's peak memory grows for one answer.
 * 2. A full BOOT session of the real cwmpd against the ACS simulator in this
 *    process (Inform, GetParameterValues Device., SetParameterValues of 10
 *    parameters, empty POST): wall time from the Inform to the end, and
 *    cwmpd's CPU time for it (from /proc/PID/stat).
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cwmp-acs-sim.h"
#include "cwmp-bench-utils.h"
#include "cwmp-dm.h"
#include "cwmp-event-queue.h"
#include "cwmp-management-server.h"
#include "cwmp-rpc-handler.h"
#include "cwmp-scheduler.h"
#include "cwmp-soap-message.h"
#include "cwmp-test-utils.h"

#define BENCH_RUNS 21

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
bench_gpv_10k(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("cwmp-session-bench-XXXXXX", &error);
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(CwmpDm) dm = cwmp_dm_new(cwmp_schema_get_default());
	g_autoptr(CwmpManagementServer) ms = NULL;
	g_autoptr(CwmpEventQueue) events = NULL;
	g_autoptr(CwmpScheduler) scheduler = NULL;
	g_autoptr(CwmpRpcHandler) handler = NULL;
	g_autoptr(CwmpRpc) rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES);
	g_autoptr(CwmpSoapMessage) request = NULL;
	const gchar *names[] = {"Device.X_000000_Bench.", NULL};
	double	     ms_runs[BENCH_RUNS];
	gsize	     bytes = 0;
	gint64	     rss, hwm;

	cwmp_bench_utils_register(dm);
	ms = cwmp_management_server_new(dm, config);
	if (!cwmp_management_server_register(ms, &error) || !cwmp_dm_freeze(dm, &error))
		g_error("freeze: %s", error->message);
	events = cwmp_event_queue_new(dir);
	scheduler = cwmp_scheduler_new(events, dir);
	cwmp_scheduler_set_use_timers(scheduler, FALSE);
	if (!cwmp_event_queue_load(events, &error) || !cwmp_scheduler_load(scheduler, &error) ||
	    !cwmp_management_server_start(ms, &error))
		g_error("start: %s", error->message);
	cwmp_bench_utils_fill(dm);
	handler = cwmp_rpc_handler_new(dm, ms, events, scheduler);
	g_strfreev(rpc->parameter_names.parameter_names);
	rpc->parameter_names.parameter_names = g_strdupv((gchar **) names);
	request = cwmp_soap_message_new(CWMP_SOAP_VERSION_1_2, "bench", rpc);

	/* warm up, then reset the peak (clear_refs 5) so it measures one answer */
	{
		g_autoptr(GBytes) warm = cwmp_rpc_handler_handle(handler, request);
		bytes = g_bytes_get_size(warm);
	}
	rss = bench_status_kib("VmRSS:");
	g_file_set_contents("/proc/self/clear_refs", "5", 1, NULL);
	for (guint r = 0; r < BENCH_RUNS; r++) {
		gint64 t0 = g_get_monotonic_time();
		g_autoptr(GBytes) response = cwmp_rpc_handler_handle(handler, request);
		ms_runs[r] = (double) (g_get_monotonic_time() - t0) / 1000.0;
		if (g_bytes_get_size(response) != bytes)
			g_error("the answer changed size");
	}
	hwm = bench_status_kib("VmHWM:");
	printf("gpv: GetParameterValues of %u parameters through the RPC handler -> %zu bytes of "
	       "XML; median %.1f ms over %u runs\n",
	       CWMP_BENCH_UTILS_INSTANCES * CWMP_BENCH_UTILS_PARAMS, bytes,
	       cwmp_bench_utils_median(ms_runs, BENCH_RUNS), BENCH_RUNS);
	printf("gpv: peak RSS grew by %" G_GINT64_FORMAT " KiB over the RSS before the answers "
	       "(%" G_GINT64_FORMAT " KiB)\n",
	       hwm - rss, rss);
	g_clear_object(&handler);
	g_clear_object(&scheduler);
	g_clear_object(&events);
	g_clear_object(&ms);
	cwmp_test_utils_rm_rf(dir, NULL);
}

typedef struct {
	GPid	 pid;
	gint64	 t_inform;
	gint64	 t_end;
	guint64	 cpu_inform;
	guint64	 cpu_end;
	gboolean done;
} BenchSession;

/* CPU time of a process in ns: schedstat when the kernel has it, else
 * utime + stime in clock ticks */
static guint64
bench_cpu_ticks(GPid pid);

static guint64
bench_cpu_ns(GPid pid)
{
	g_autofree gchar *file = g_strdup_printf("/proc/%d/schedstat", (gint) pid);
	g_autofree gchar *text = NULL;
	if (g_file_get_contents(file, &text, NULL, NULL))
		return g_ascii_strtoull(text, NULL, 10);
	return bench_cpu_ticks(pid) * (1000000000ull / (guint64) sysconf(_SC_CLK_TCK));
}

static guint64
bench_cpu_ticks(GPid pid)
{
	g_autofree gchar *file = g_strdup_printf("/proc/%d/stat", (gint) pid);
	g_autofree gchar *text = NULL;
	g_auto(GStrv) fields = NULL;
	const gchar *close_paren;
	if (!g_file_get_contents(file, &text, NULL, NULL))
		return 0;
	close_paren = strrchr(text, ')');
	if (close_paren == NULL)
		return 0;
	fields = g_strsplit(close_paren + 2, " ", -1);
	/* after "pid (comm) ": state is field 0, utime 11, stime 12 */
	if (g_strv_length(fields) < 13)
		return 0;
	return g_ascii_strtoull(fields[11], NULL, 10) + g_ascii_strtoull(fields[12], NULL, 10);
}

static void
bench_session_started_cb(CwmpAcsSim *sim, guint number, gpointer user_data)
{
	BenchSession *b = user_data;
	if (number != 1)
		return;
	b->t_inform = g_get_monotonic_time();
	b->cpu_inform = bench_cpu_ns(b->pid);
}

static void
bench_session_finished_cb(CwmpAcsSim *sim, guint number, gboolean completed, gpointer user_data)
{
	BenchSession *b = user_data;
	if (number != 1)
		return;
	b->t_end = g_get_monotonic_time();
	b->done = TRUE;
}

static gboolean
bench_timeout_cb(gpointer user_data)
{
	g_error("the BOOT session did not finish within 60 s");
	return G_SOURCE_REMOVE;
}

static void
bench_boot_session(const gchar *cwmpd, const gchar *plugindir)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("cwmp-session-bench-XXXXXX", &error);
	g_autofree gchar *conf = g_build_filename(dir, "cwmpd.conf", NULL);
	g_autofree gchar *url = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(CwmpAcsSim) sim = cwmp_acs_sim_new();
	g_autoptr(CwmpRpc) spv = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_VALUES);
	CwmpRpc	    *gpv = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES);
	const gchar *names[] = {"Device.", NULL};
	const gchar *argv[] = {cwmpd, "--config", conf, NULL};
	g_auto(GStrv) envp = g_get_environ();
	BenchSession b = {0};
	guint	     timeout_id;
	gint	     null_fd;

	g_strfreev(gpv->parameter_names.parameter_names);
	gpv->parameter_names.parameter_names = g_strdupv((gchar **) names);
	/* 10 writable parameters that exist in every cwmpd */
	{
		const gchar *const params[][3] = {
		    {"Device.ManagementServer.PeriodicInformInterval", "3600", "unsignedInt"},
		    {"Device.ManagementServer.PeriodicInformEnable", "true", "boolean"},
		    {"Device.ManagementServer.CWMPRetryMinimumWaitInterval", "10", "unsignedInt"},
		    {"Device.ManagementServer.CWMPRetryIntervalMultiplier", "2500", "unsignedInt"},
		    {"Device.ManagementServer.DefaultActiveNotificationThrottle", "5",
		     "unsignedInt"},
		    {"Device.ManagementServer.ConnectionRequestUsername", "bench-cr", "string"},
		    {"Device.ManagementServer.ConnectionRequestPassword", "bench-secret", "string"},
		    {"Device.ManagementServer.Username", "", "string"},
		    {"Device.DeviceInfo.ProvisioningCode", "BENCH.1", "string"},
		    {"Device.Time.LocalTimeZone", "CET-1CEST,M3.5.0,M10.5.0/3", "string"},
		};
		for (guint i = 0; i < G_N_ELEMENTS(params); i++)
			g_ptr_array_add(
			    spv->set_parameter_values.parameter_list,
			    cwmp_rpc_param_value_new(params[i][0], params[i][1],
						     cwmp_type_from_string(params[i][2])));
		g_free(spv->set_parameter_values.parameter_key);
		spv->set_parameter_values.parameter_key = g_strdup("bench");
	}
	cwmp_acs_sim_queue_rpc(sim, gpv);
	cwmp_acs_sim_queue_rpc(sim, cwmp_rpc_ref(spv));
	if (!cwmp_acs_sim_start(sim, "127.0.0.1", 0, &error))
		g_error("simulator: %s", error->message);
	url = cwmp_acs_sim_get_url(sim);
	text = g_strdup_printf("[acs]\nurl=%s\n[connection-request]\naddress=127.0.0.1\nport=0\n"
			       "[state]\ndirectory=%s/state\n[device]\noui=00A0C9\n",
			       url, dir);
	g_assert_true(g_file_set_contents(conf, text, -1, NULL));
	envp = g_environ_setenv(envp, "CWMP_PLUGIN_DIR", plugindir, TRUE);
	null_fd = g_open("/dev/null", O_WRONLY, 0);
	g_signal_connect(sim, "session-started", G_CALLBACK(bench_session_started_cb), &b);
	g_signal_connect(sim, "session-finished", G_CALLBACK(bench_session_finished_cb), &b);
	if (!g_spawn_async_with_fds(NULL, (gchar **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
				    NULL, &b.pid, -1, null_fd, null_fd, &error))
		g_error("spawn: %s", error->message);
	close(null_fd);
	timeout_id = g_timeout_add_seconds(60, bench_timeout_cb, NULL);
	while (!b.done)
		g_main_context_iteration(NULL, TRUE);
	g_source_remove(timeout_id);
	/* cwmpd's share ends when it has read the ACS's empty answer */
	g_usleep(100000);
	b.cpu_end = bench_cpu_ns(b.pid);
	kill(b.pid, SIGTERM);
	waitpid(b.pid, NULL, 0);
	g_spawn_close_pid(b.pid);
	printf("session: BOOT session (Inform, GetParameterValues Device., SetParameterValues of "
	       "10 parameters, empty POST): wall %.1f ms from the Inform to the ACS's last answer; "
	       "cwmpd CPU %.1f ms\n",
	       (double) (b.t_end - b.t_inform) / 1000.0, (double) (b.cpu_end - b.cpu_inform) / 1e6);
	cwmp_acs_sim_stop(sim);
	cwmp_test_utils_rm_rf(dir, NULL);
}

int
main(int argc, char **argv)
{
	bench_gpv_10k();
	bench_boot_session(CWMP_BENCH_CWMPD, CWMP_BENCH_TR181_DIR);
	return 0;
}
