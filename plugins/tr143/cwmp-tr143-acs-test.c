/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * End to end: the cwmpd binary with the tr143 plugin against the ACS
 * simulator. In the BOOTSTRAP session the ACS sets DownloadURL (an nginx
 * started here) and DiagnosticsState=Requested in one SetParameterValues;
 * the test runs after that session; the next session carries
 * "8 DIAGNOSTICS COMPLETE" and the ACS reads the results there.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cwmp-acs-sim.h"
#include "cwmp-rpc.h"
#include "cwmp-test-utils.h"
#include "cwmp-tr143-test-nginx.h"

#define TEST_DL	       "Device.IP.Diagnostics.DownloadDiagnostics."
#define TEST_FILE_SIZE (4 * 1024 * 1024 + 7)
#define TEST_WAIT_CAP  60

typedef struct {
	gchar		   *dir;
	gchar		   *log_file;
	CwmpAcsSim	   *sim;
	GSubprocess	   *cwmpd;
	CwmpTr143TestNginx *nginx;
} Fixture;

static void
test_child_setup(gpointer data)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
test_spawn(const gchar *log_file, GError **error, const gchar *const *argv)
{
	g_autoptr(GSubprocessLauncher) launcher =
	    g_subprocess_launcher_new(log_file != NULL ? G_SUBPROCESS_FLAGS_NONE
						       : G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
							     G_SUBPROCESS_FLAGS_STDERR_SILENCE);
	g_subprocess_launcher_set_child_setup(launcher, test_child_setup, NULL, NULL);
	if (log_file != NULL) {
		g_subprocess_launcher_set_stdout_file_path(launcher, log_file);
		g_subprocess_launcher_set_stderr_file_path(launcher, log_file);
		g_subprocess_launcher_setenv(launcher, "G_MESSAGES_DEBUG",
					     "CwmpCore CwmpPluginTr143", TRUE);
	}
	return g_subprocess_launcher_spawnv(launcher, argv, error);
}

/* nginx serving www/file.bin, TEST_FILE_SIZE zero bytes */
static gboolean
test_start_nginx(Fixture *fx)
{
	g_autofree gchar *www = g_build_filename(fx->dir, "www", NULL);
	g_autofree gchar *file = g_build_filename(www, "file.bin", NULL);
	g_autofree gchar *data = g_malloc0(TEST_FILE_SIZE);

	if (!g_file_test("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
		return FALSE;
	g_assert_cmpint(g_mkdir(www, 0755), ==, 0);
	g_assert_true(g_file_set_contents(file, data, TEST_FILE_SIZE, NULL));
	fx->nginx = cwmp_tr143_test_nginx_start(www);
	g_assert_nonnull(fx->nginx);
	return TRUE;
}

static void
test_start_cwmpd(Fixture *fx)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = cwmp_acs_sim_get_url(fx->sim);
	g_autofree gchar *config_file = g_build_filename(fx->dir, "cwmpd.conf", NULL);
	g_autofree gchar *state_dir = g_build_filename(fx->dir, "state", NULL);
	g_autofree gchar *text = g_strdup_printf("[acs]\nurl=%s\nretry-minimum-wait-interval=1\n"
						 "periodic-inform-enable=false\nsession-timeout="
						 "10\n"
						 "[connection-request]\naddress=127.0.0.1\nport=0\n"
						 "advertised-host=127.0.0.1\n"
						 "[state]\ndirectory=%s\n"
						 "[device]\nmanufacturer=Example "
						 "Networks\noui=00A0C9\n"
						 "product-class=TestBox\nserial-number=TR143\n",
						 url, state_dir);
	const gchar	 *cwmpd = g_getenv("CWMPD_BINARY");
	const gchar	 *argv[] = {cwmpd, "--config", config_file, NULL};

	g_assert_nonnull(cwmpd);
	g_assert_true(g_file_set_contents(config_file, text, -1, NULL));
	fx->cwmpd = test_spawn(fx->log_file, &error, argv);
	g_assert_no_error(error);
}

static gboolean
test_flag_cb(gpointer user_data)
{
	*(gboolean *) user_data = TRUE;
	return G_SOURCE_REMOVE;
}

static void
test_wait_sessions(Fixture *fx, guint n)
{
	gboolean expired = FALSE;
	guint	 id = g_timeout_add_seconds(TEST_WAIT_CAP, test_flag_cb, &expired);

	while (cwmp_acs_sim_get_n_completed_sessions(fx->sim) < n && !expired)
		g_main_context_iteration(NULL, TRUE);
	if (!expired)
		g_source_remove(id);
	if (cwmp_acs_sim_get_n_completed_sessions(fx->sim) < n) {
		g_autofree gchar *log = NULL;
		g_file_get_contents(fx->log_file, &log, NULL, NULL);
		g_error("timed out waiting for %u sessions; cwmpd log:\n%s", n,
			log != NULL ? log : "");
	}
}

static gboolean
test_has_event(CwmpRpc *inform, const gchar *code)
{
	for (guint i = 0; i < inform->inform.event->len; i++) {
		CwmpRpcEvent *event = g_ptr_array_index(inform->inform.event, i);
		if (g_strcmp0(event->event_code, code) == 0)
			return TRUE;
	}
	return FALSE;
}

static const gchar *
test_gpv_value(CwmpRpc *response, const gchar *name)
{
	g_assert_cmpint(response->method, ==, CWMP_RPC_GET_PARAMETER_VALUES_RESPONSE);
	for (guint i = 0; i < response->parameter_value_list.parameter_list->len; i++) {
		CwmpRpcParamValue *pv =
		    g_ptr_array_index(response->parameter_value_list.parameter_list, i);
		if (g_strcmp0(pv->name, name) == 0)
			return pv->value;
	}
	return NULL;
}

static void
test_download(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar    *url = NULL;
	CwmpRpc		    *spv = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_VALUES);
	CwmpRpc		    *gpv = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES);
	const gchar	    *names[] = {TEST_DL, NULL};
	GPtrArray	    *sessions;
	GPtrArray	    *results;
	CwmpAcsSimRpcResult *spv_result = NULL, *gpv_result = NULL;
	CwmpAcsSimSession   *second;

	if (!test_start_nginx(fx)) {
		g_test_skip("nginx is not installed");
		cwmp_rpc_unref(spv);
		cwmp_rpc_unref(gpv);
		return;
	}
	url = cwmp_tr143_test_nginx_url(fx->nginx, "/file.bin");
	g_ptr_array_add(spv->set_parameter_values.parameter_list,
			cwmp_rpc_param_value_new(TEST_DL "DownloadURL", url, CWMP_TYPE_STRING));
	g_ptr_array_add(
	    spv->set_parameter_values.parameter_list,
	    cwmp_rpc_param_value_new(TEST_DL "DiagnosticsState", "Requested", CWMP_TYPE_STRING));
	g_free(spv->set_parameter_values.parameter_key);
	spv->set_parameter_values.parameter_key = g_strdup("diag-1");
	g_strfreev(gpv->parameter_names.parameter_names);
	gpv->parameter_names.parameter_names = g_strdupv((gchar **) names);

	cwmp_acs_sim_queue_rpc(fx->sim, spv);
	cwmp_acs_sim_queue_wait_inform(fx->sim, "8 DIAGNOSTICS COMPLETE");
	cwmp_acs_sim_queue_rpc(fx->sim, gpv);
	g_assert_true(cwmp_acs_sim_start(fx->sim, "127.0.0.1", 0, &error));
	g_assert_no_error(error);
	test_start_cwmpd(fx);
	test_wait_sessions(fx, 2);

	sessions = cwmp_acs_sim_get_sessions(fx->sim);
	g_assert_cmpuint(sessions->len, >=, 2);
	g_assert_true(test_has_event(((CwmpAcsSimSession *) g_ptr_array_index(sessions, 0))->inform,
				     "0 BOOTSTRAP"));
	second = g_ptr_array_index(sessions, 1);
	g_assert_true(test_has_event(second->inform, "8 DIAGNOSTICS COMPLETE"));

	results = cwmp_acs_sim_get_rpc_results(fx->sim);
	for (guint i = 0; i < results->len; i++) {
		CwmpAcsSimRpcResult *r = g_ptr_array_index(results, i);
		if (r->request->method == CWMP_RPC_SET_PARAMETER_VALUES)
			spv_result = r;
		if (r->request->method == CWMP_RPC_GET_PARAMETER_VALUES)
			gpv_result = r;
	}
	g_assert_nonnull(spv_result);
	g_assert_nonnull(spv_result->response);
	g_assert_cmpint(spv_result->response->method, ==, CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE);
	g_assert_nonnull(gpv_result);
	g_assert_nonnull(gpv_result->response);
	g_assert_cmpuint(gpv_result->session, ==, second->number);
	g_assert_cmpstr(test_gpv_value(gpv_result->response, TEST_DL "DiagnosticsState"), ==,
			"Complete");
	g_assert_cmpuint(g_ascii_strtoull(test_gpv_value(gpv_result->response, TEST_DL "TestBytesRe"
										       "ceived"),
					  NULL, 10),
			 >, TEST_FILE_SIZE);
	g_assert_cmpstr(test_gpv_value(gpv_result->response, TEST_DL "IPAddressUsed"), ==,
			"127.0.0.1");
	g_assert_true(
	    g_str_has_prefix(test_gpv_value(gpv_result->response, TEST_DL "EOMTime"), "20"));
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	fx->dir = cwmp_test_utils_mkdtemp("cwmp-tr143-acs-test-XXXXXX");
	fx->log_file = g_build_filename(fx->dir, "cwmpd.log", NULL);
	fx->sim = cwmp_acs_sim_new();
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	if (fx->cwmpd != NULL) {
		g_subprocess_send_signal(fx->cwmpd, SIGTERM);
		g_subprocess_wait(fx->cwmpd, NULL, NULL);
		g_clear_object(&fx->cwmpd);
	}
	g_clear_pointer(&fx->nginx, cwmp_tr143_test_nginx_stop);
	cwmp_acs_sim_stop(fx->sim);
	g_clear_object(&fx->sim);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
	g_free(fx->log_file);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/tr143/acs/download", Fixture, NULL, fixture_setup, test_download,
		   fixture_teardown);
	return g_test_run();
}
