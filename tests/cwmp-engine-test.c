/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * End to end: the real cwmpd binary (spawned, so it can be killed with
 * SIGKILL) against the ACS simulator running in this process, on loopback.
 * Every wait spins the main loop until a condition holds, with a cap.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cwmp-acs-sim.h"
#include "cwmp-rpc.h"
#include "cwmp-test-daemon.h"
#include "cwmp-test-utils.h"

/* the daemon and the simulator (tests/cwmp-test-daemon.c) */
typedef struct {
	CwmpTestDaemon *d;
} Fixture;

static void
engine_test_wait(Fixture *fx, CwmpTestDaemonCond cond, gconstpointer data, const gchar *what)
{
	cwmp_test_daemon_wait(fx->d, cond, data, what);
}

static gboolean
engine_test_cond_informs(CwmpTestDaemon *d, gconstpointer data)
{
	return cwmp_acs_sim_get_sessions(d->sim)->len >= GPOINTER_TO_UINT(data);
}

static void
engine_test_write_config(Fixture *fx, const gchar *extra)
{
	g_autofree gchar *text =
	    g_strdup_printf("[hooks]\n"
			    "reboot=touch %s/rebooted\n"
			    "factory-reset=touch %s/factory-reset\n"
			    "%s",
			    fx->d->dir, fx->d->dir, extra != NULL ? extra : "");
	cwmp_test_daemon_write_config(fx->d, text);
}

static void
engine_test_set_boot_id(Fixture *fx, const gchar *boot_id)
{
	cwmp_test_daemon_set_boot_id(fx->d, boot_id);
}

static void
engine_test_start_cwmpd(Fixture *fx)
{
	cwmp_test_daemon_start(fx->d);
}

static void
engine_test_stop_cwmpd(Fixture *fx, gint sig)
{
	cwmp_test_daemon_stop(fx->d, sig);
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	fx->d = cwmp_test_daemon_new("cwmp-engine-test-XXXXXX");
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	g_clear_pointer(&fx->d, cwmp_test_daemon_free);
}

static void
engine_test_start_sim(Fixture *fx)
{
	cwmp_test_daemon_start_sim(fx->d);
}

static CwmpAcsSimSession *
engine_test_session(Fixture *fx, guint idx)
{
	GPtrArray *sessions = cwmp_acs_sim_get_sessions(fx->d->sim);
	g_assert_cmpuint(idx, <, sessions->len);
	return g_ptr_array_index(sessions, idx);
}

static gboolean
engine_test_has_event(CwmpRpc *inform, const gchar *code, const gchar *command_key)
{
	for (guint i = 0; i < inform->inform.event->len; i++) {
		CwmpRpcEvent *event = g_ptr_array_index(inform->inform.event, i);
		if (g_strcmp0(event->event_code, code) == 0 &&
		    (command_key == NULL || g_strcmp0(event->command_key, command_key) == 0))
			return TRUE;
	}
	return FALSE;
}

static const gchar *
engine_test_inform_value(CwmpRpc *inform, const gchar *name)
{
	for (guint i = 0; i < inform->inform.parameter_list->len; i++) {
		CwmpRpcParamValue *pv = g_ptr_array_index(inform->inform.parameter_list, i);
		if (g_strcmp0(pv->name, name) == 0)
			return pv->value;
	}
	return NULL;
}

static CwmpRpc *
engine_test_gpv(const gchar *name)
{
	CwmpRpc	    *rpc = cwmp_rpc_new(CWMP_RPC_GET_PARAMETER_VALUES);
	const gchar *names[] = {name, NULL};
	g_strfreev(rpc->parameter_names.parameter_names);
	rpc->parameter_names.parameter_names = g_strdupv((gchar **) names);
	return rpc;
}

static CwmpRpc *
engine_test_spv(const gchar *name, const gchar *value, CwmpType type, const gchar *key)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_SET_PARAMETER_VALUES);
	g_ptr_array_add(rpc->set_parameter_values.parameter_list,
			cwmp_rpc_param_value_new(name, value, type));
	g_free(rpc->set_parameter_values.parameter_key);
	rpc->set_parameter_values.parameter_key = g_strdup(key);
	return rpc;
}

static CwmpAcsSimRpcResult *
engine_test_result(Fixture *fx, guint idx)
{
	GPtrArray *results = cwmp_acs_sim_get_rpc_results(fx->d->sim);
	g_assert_cmpuint(idx, <, results->len);
	return g_ptr_array_index(results, idx);
}

static const gchar *
engine_test_gpv_value(CwmpRpc *response, const gchar *name)
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

/* the classic provisioning flow, then a reboot that keeps what was set */
static void
test_bootstrap_provisioning(Fixture *fx, gconstpointer data)
{
	CwmpAcsSimSession *s;
	CwmpRpc		  *inform;

	engine_test_start_sim(fx);
	cwmp_acs_sim_queue_rpc(fx->d->sim, engine_test_gpv("Device.ManagementServer."
							   "PeriodicInformInterval"));
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       engine_test_spv("Device.ManagementServer.PeriodicInformInterval",
					       "1800", CWMP_TYPE_UNSIGNED_INT, "provision-1"));
	cwmp_acs_sim_queue_rpc(fx->d->sim, engine_test_gpv("Device.ManagementServer.ParameterKey"));
	engine_test_write_config(fx, NULL);
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1),
			 "the first session");
	engine_test_wait(fx, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(1),
			 "cwmpd's end of it");

	s = engine_test_session(fx, 0);
	inform = s->inform;
	g_assert_true(engine_test_has_event(inform, "0 BOOTSTRAP", NULL));
	g_assert_true(engine_test_has_event(inform, "1 BOOT", NULL));
	g_assert_cmpuint(inform->inform.retry_count, ==, 0);
	g_assert_cmpstr(inform->inform.device_id.manufacturer, ==, "Example Networks");
	g_assert_cmpstr(inform->inform.device_id.oui, ==, "00A0C9");
	g_assert_cmpstr(inform->inform.device_id.product_class, ==, "TestBox");
	g_assert_cmpstr(inform->inform.device_id.serial_number, ==, "TEST0001");
	/* the forced-inform parameters */
	g_assert_cmpstr(engine_test_inform_value(inform, "Device.RootDataModelVersion"), ==,
			"2.19");
	g_assert_nonnull(engine_test_inform_value(inform, "Device.DeviceInfo.SoftwareVersion"));
	g_assert_nonnull(engine_test_inform_value(inform, "Device.DeviceInfo.HardwareVersion"));
	g_assert_nonnull(engine_test_inform_value(inform, "Device.DeviceInfo.ProvisioningCode"));
	g_assert_cmpstr(engine_test_inform_value(inform, "Device.ManagementServer.ParameterKey"),
			==, "");
	g_assert_true(g_str_has_prefix(engine_test_inform_value(inform, "Device.ManagementServer."
									"ConnectionRequestURL"),
				       "http://127.0.0.1:"));

	g_assert_cmpstr(engine_test_gpv_value(engine_test_result(fx, 0)->response, "Device."
										   "ManagementServe"
										   "r."
										   "PeriodicInformI"
										   "nterval"),
			==, "86400");
	g_assert_cmpint(engine_test_result(fx, 1)->response->method, ==,
			CWMP_RPC_SET_PARAMETER_VALUES_RESPONSE);
	g_assert_cmpint(engine_test_result(fx, 1)->response->status.status, ==, 0);
	g_assert_cmpstr(engine_test_gpv_value(engine_test_result(fx, 2)->response, "Device."
										   "ManagementServe"
										   "r."
										   "ParameterKey"),
			==, "provision-1");

	/* a device reboot: 1 BOOT only, and the value set by the ACS stayed */
	engine_test_stop_cwmpd(fx, SIGTERM);
	engine_test_set_boot_id(fx, "boot-2");
	cwmp_acs_sim_queue_rpc(fx->d->sim, engine_test_gpv("Device.ManagementServer."
							   "PeriodicInformInterval"));
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(2),
			 "the boot session");
	inform = engine_test_session(fx, 1)->inform;
	g_assert_true(engine_test_has_event(inform, "1 BOOT", NULL));
	g_assert_false(engine_test_has_event(inform, "0 BOOTSTRAP", NULL));
	g_assert_cmpstr(engine_test_gpv_value(engine_test_result(fx, 3)->response, "Device."
										   "ManagementServe"
										   "r."
										   "PeriodicInformI"
										   "nterval"),
			==, "1800");
}

/* each misbehaviour fails the session; the retry carries the same events */
static void
test_misbehave_retry(Fixture *fx, gconstpointer data)
{
	CwmpAcsSimMisbehave mode = GPOINTER_TO_UINT(data);
	CwmpRpc		   *first;
	CwmpRpc		   *retry;

	cwmp_acs_sim_set_misbehave(fx->d->sim, mode, 1);
	if (mode == CWMP_ACS_SIM_MISBEHAVE_SLOW)
		cwmp_acs_sim_set_delay(fx->d->sim, 4000);
	engine_test_start_sim(fx);
	engine_test_write_config(fx, NULL);
	if (mode == CWMP_ACS_SIM_MISBEHAVE_SLOW) {
		/* a session timeout shorter than the ACS's delay */
		g_autofree gchar *text = NULL;
		g_assert_true(g_file_get_contents(fx->d->config_file, &text, NULL, NULL));
		{
			GString *s = g_string_new(text);
			g_string_replace(s, "session-timeout=5", "session-timeout=2", 1);
			g_assert_true(g_file_set_contents(fx->d->config_file, s->str, -1, NULL));
			g_string_free(s, TRUE);
		}
	}
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1),
			 "a completed session");
	g_assert_cmpuint(cwmp_acs_sim_get_sessions(fx->d->sim)->len, >=, 2);
	first = engine_test_session(fx, 0)->inform;
	retry = engine_test_session(fx, 1)->inform;
	g_assert_cmpuint(first->inform.retry_count, ==, 0);
	g_assert_cmpuint(retry->inform.retry_count, ==, 1);
	/* no event lost */
	g_assert_true(engine_test_has_event(retry, "0 BOOTSTRAP", NULL));
	g_assert_true(engine_test_has_event(retry, "1 BOOT", NULL));
	g_assert_true(fx->d->running);
}

/* an ACS that needs more than a plain POST: handled inside the session */
static void
test_acs_quirks(Fixture *fx, gconstpointer data)
{
	CwmpAcsSimMisbehave mode = GPOINTER_TO_UINT(data);

	if (mode == CWMP_ACS_SIM_MISBEHAVE_REDIRECT)
		cwmp_acs_sim_set_redirect(fx->d->sim, 3, 307);
	cwmp_acs_sim_set_misbehave(fx->d->sim, mode, 0);
	engine_test_start_sim(fx);
	cwmp_acs_sim_queue_rpc(fx->d->sim, engine_test_gpv("Device.DeviceInfo.Manufacturer"));
	engine_test_write_config(fx, NULL);
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1),
			 "a completed session");
	/* the first session worked */
	g_assert_cmpuint(engine_test_session(fx, 0)->inform->inform.retry_count, ==, 0);
	g_assert_true(engine_test_session(fx, 0)->completed);
	g_assert_cmpstr(engine_test_gpv_value(engine_test_result(fx, 0)->response, "Device."
										   "DeviceInfo."
										   "Manufacturer"),
			==, "Example Networks");
}

static void
test_digest(Fixture *fx, gconstpointer data)
{
	cwmp_acs_sim_set_auth(fx->d->sim, CWMP_ACS_SIM_AUTH_DIGEST, "cpe", "acs-secret");
	engine_test_start_sim(fx);
	engine_test_write_config(fx, NULL);
	{
		/* credentials for the ACS live in [acs] */
		g_autofree gchar *text = NULL;
		GString		 *s;
		g_assert_true(g_file_get_contents(fx->d->config_file, &text, NULL, NULL));
		s = g_string_new(text);
		g_string_replace(s, "[acs]\n", "[acs]\nusername=cpe\npassword=acs-secret\n", 1);
		g_assert_true(g_file_set_contents(fx->d->config_file, s->str, -1, NULL));
		g_string_free(s, TRUE);
	}
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1),
			 "a digest session");
	g_assert_cmpuint(engine_test_session(fx, 0)->inform->inform.retry_count, ==, 0);
}

/* HTTPS with a CA made here, and a client certificate the ACS requires */
static void
test_mtls(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = g_find_program_in_path("certtool");
	const gchar	 *ca_key[] = {"--generate-privkey", "--outfile", "ca.key", NULL};
	const gchar	 *ca_cert[] = {
		 "--generate-self-signed", "--load-privkey", "ca.key", "--outfile", "ca.pem", NULL};
	const gchar	 *srv_key[] = {"--generate-privkey", "--outfile", "server.key", NULL};
	const gchar	 *srv_cert[] = {"--generate-certificate",
					"--load-privkey",
					"server.key",
					"--load-ca-certificate",
					"ca.pem",
					"--load-ca-privkey",
					"ca.key",
					"--outfile",
					"server.pem",
					NULL};
	const gchar	 *cli_key[] = {"--generate-privkey", "--outfile", "client.key", NULL};
	const gchar	 *cli_cert[] = {"--generate-certificate",
					"--load-privkey",
					"client.key",
					"--load-ca-certificate",
					"ca.pem",
					"--load-ca-privkey",
					"ca.key",
					"--outfile",
					"client.pem",
					NULL};
	g_autofree gchar *ca = g_build_filename(fx->d->dir, "ca.pem", NULL);
	g_autofree gchar *srv = g_build_filename(fx->d->dir, "server.pem", NULL);
	g_autofree gchar *srvk = g_build_filename(fx->d->dir, "server.key", NULL);
	g_autofree gchar *cli = g_build_filename(fx->d->dir, "client.pem", NULL);
	g_autofree gchar *clik = g_build_filename(fx->d->dir, "client.key", NULL);

	if (path == NULL) {
		g_test_skip("certtool (gnutls-bin) is not installed");
		return;
	}
	g_assert_true(cwmp_test_utils_certtool(fx->d->dir, ca_key, NULL));
	g_assert_true(cwmp_test_utils_certtool(fx->d->dir, ca_cert,
					       "cn = cwmpd test "
					       "CA\nca\ncert_signing_key\nexpiration_days = 2\n"));
	g_assert_true(cwmp_test_utils_certtool(fx->d->dir, srv_key, NULL));
	g_assert_true(cwmp_test_utils_certtool(fx->d->dir, srv_cert,
					       "cn = 127.0.0.1\nip_address = 127.0.0.1\ndns_name = "
					       "localhost\ntls_www_server\nexpiration_days = 2\n"));
	g_assert_true(cwmp_test_utils_certtool(fx->d->dir, cli_key, NULL));
	g_assert_true(cwmp_test_utils_certtool(fx->d->dir, cli_cert,
					       "cn = TEST0001\ntls_www_client\nexpiration_days = "
					       "2\n"));

	g_assert_true(cwmp_acs_sim_set_tls(fx->d->sim, srv, srvk, ca, &error));
	g_assert_no_error(error);
	engine_test_start_sim(fx);
	engine_test_write_config(fx, NULL);
	{
		g_autofree gchar *text = NULL;
		g_autofree gchar *tls = g_strdup_printf("[acs]\nca-file=%s\nclient-certificate=%"
							"s\nclient-key=%s\n",
							ca, cli, clik);
		GString		 *s;
		g_assert_true(g_file_get_contents(fx->d->config_file, &text, NULL, NULL));
		s = g_string_new(text);
		g_string_replace(s, "[acs]\n", tls, 1);
		g_assert_true(g_file_set_contents(fx->d->config_file, s->str, -1, NULL));
		g_string_free(s, TRUE);
	}
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1),
			 "an mTLS session");
	g_assert_cmpuint(engine_test_session(fx, 0)->inform->inform.retry_count, ==, 0);
}

/* kill -9 in the middle of a session: nothing pending is lost */
static void
test_kill9(Fixture *fx, gconstpointer data)
{
	CwmpRpc		 *inform;
	CwmpRpc		 *reboot = cwmp_rpc_new(CWMP_RPC_REBOOT);
	g_autofree gchar *rebooted = g_build_filename(fx->d->dir, "rebooted", NULL);
	const gchar	 *cr_url_before;
	const gchar	 *cr_url_after;

	engine_test_start_sim(fx);
	g_free(reboot->command_key.command_key);
	reboot->command_key.command_key = g_strdup("reboot-key-7");
	cwmp_acs_sim_queue_rpc(fx->d->sim, reboot);
	engine_test_write_config(fx, NULL);
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1),
			 "the Reboot session");
	engine_test_wait(fx, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(1),
			 "cwmpd's end of it");
	/* the reboot runs through the hook after the session */
	engine_test_wait(fx, cwmp_test_daemon_cond_file, rebooted, "the reboot hook");
	cr_url_before = engine_test_inform_value(engine_test_session(fx, 0)->inform, "Device."
										     "ManagementSer"
										     "ver."
										     "ConnectionReq"
										     "uestURL");

	/* the device boots; the ACS answers slowly and cwmpd is killed mid-session */
	engine_test_stop_cwmpd(fx, SIGTERM);
	engine_test_set_boot_id(fx, "boot-2");
	cwmp_acs_sim_set_misbehave(fx->d->sim, CWMP_ACS_SIM_MISBEHAVE_SLOW, 1);
	cwmp_acs_sim_set_delay(fx->d->sim, 3000);
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, engine_test_cond_informs, GUINT_TO_POINTER(2), "the boot Inform");
	engine_test_stop_cwmpd(fx, SIGKILL);
	g_assert_true(WIFSIGNALED(fx->d->exit_status));

	/* cwmpd comes back (same boot): the same events, not yet delivered */
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(2),
			 "the session after kill -9");
	inform = engine_test_session(fx, cwmp_acs_sim_get_sessions(fx->d->sim)->len - 1)->inform;
	g_assert_true(engine_test_has_event(inform, "1 BOOT", NULL));
	g_assert_true(engine_test_has_event(inform, "M Reboot", "reboot-key-7"));
	/* the connection-request URL changed with the new port: a value change
	 * of a parameter with forced active notification */
	cr_url_after = engine_test_inform_value(inform, "Device.ManagementServer."
							"ConnectionRequestURL");
	g_assert_cmpstr(cr_url_before, !=, cr_url_after);
	g_assert_true(engine_test_has_event(inform, "4 VALUE CHANGE", NULL));
}

static gboolean
engine_test_cond_cr_records(CwmpTestDaemon *d, gconstpointer data)
{
	GPtrArray *records = cwmp_acs_sim_get_records(d->sim);
	guint	   n = 0;
	for (guint i = 0; i < records->len; i++) {
		CwmpAcsSimRecord *r = g_ptr_array_index(records, i);
		if (r->kind == CWMP_ACS_SIM_RECORD_CONNECTION_REQUEST && r->status != 0)
			n++;
	}
	return n >= GPOINTER_TO_UINT(data);
}

static guint
engine_test_count_cr_status(Fixture *fx, guint status)
{
	GPtrArray *records = cwmp_acs_sim_get_records(fx->d->sim);
	guint	   n = 0;
	for (guint i = 0; i < records->len; i++) {
		CwmpAcsSimRecord *r = g_ptr_array_index(records, i);
		if (r->kind == CWMP_ACS_SIM_RECORD_CONNECTION_REQUEST && r->status == status)
			n++;
	}
	return n;
}

static void
test_connection_request(Fixture *fx, gconstpointer data)
{
	CwmpRpc *inform;

	engine_test_start_sim(fx);
	engine_test_write_config(fx, NULL);
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1),
			 "the boot session");
	engine_test_wait(fx, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(1),
			 "cwmpd's end of it");

	/* wrong credentials: refused, no session */
	cwmp_acs_sim_set_cr_credentials(fx->d->sim, "cr-user", "wrong");
	cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
	engine_test_wait(fx, engine_test_cond_cr_records, GUINT_TO_POINTER(1), "the refused CR");
	g_assert_cmpuint(engine_test_count_cr_status(fx, 401), ==, 1);

	/* the right ones: a session with 6 CONNECTION REQUEST */
	cwmp_acs_sim_set_cr_credentials(fx->d->sim, "cr-user", "cr-secret");
	cwmp_acs_sim_queue_rpc(fx->d->sim, engine_test_gpv("Device.DeviceInfo.ProductClass"));
	cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(2), "the CR session");
	inform = engine_test_session(fx, 1)->inform;
	g_assert_true(engine_test_has_event(inform, "6 CONNECTION REQUEST", NULL));
	g_assert_cmpuint(engine_test_count_cr_status(fx, 200), ==, 1);

	/* a flood: the burst is 3 (one used), the rest get 503; cwmpd stays responsive */
	for (guint i = 0; i < 20; i++)
		cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
	engine_test_wait(fx, engine_test_cond_cr_records, GUINT_TO_POINTER(22),
			 "the flood answers");
	g_assert_cmpuint(engine_test_count_cr_status(fx, 200), ==, 3);
	g_assert_cmpuint(engine_test_count_cr_status(fx, 503), ==, 18);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(3),
			 "the session after the flood");
	g_assert_true(fx->d->running);
}

static void
test_factory_reset(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *reset = g_build_filename(fx->d->dir, "factory-reset", NULL);
	CwmpRpc		 *inform;

	engine_test_start_sim(fx);
	cwmp_acs_sim_queue_rpc(fx->d->sim, engine_test_spv("Device.ManagementServer."
							   "PeriodicInformInterval",
							   "600", CWMP_TYPE_UNSIGNED_INT, "k"));
	cwmp_acs_sim_queue_rpc(fx->d->sim, cwmp_rpc_new(CWMP_RPC_FACTORY_RESET));
	engine_test_write_config(fx, NULL);
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(1), "the session");
	engine_test_wait(fx, cwmp_test_daemon_cond_file, reset, "the factory-reset hook");
	/* cwmpd exits after a factory reset, to start again from scratch */
	engine_test_wait(fx, cwmp_test_daemon_cond_exited, NULL, "cwmpd to exit after the reset");

	engine_test_set_boot_id(fx, "boot-2");
	cwmp_acs_sim_queue_rpc(fx->d->sim, engine_test_gpv("Device.ManagementServer."
							   "PeriodicInformInterval"));
	engine_test_start_cwmpd(fx);
	engine_test_wait(fx, cwmp_test_daemon_cond_sessions, GUINT_TO_POINTER(2),
			 "the session after the reset");
	inform = engine_test_session(fx, 1)->inform;
	g_assert_true(engine_test_has_event(inform, "0 BOOTSTRAP", NULL));
	g_assert_true(engine_test_has_event(inform, "1 BOOT", NULL));
	g_assert_cmpstr(engine_test_gpv_value(engine_test_result(fx, 2)->response, "Device."
										   "ManagementServe"
										   "r."
										   "PeriodicInformI"
										   "nterval"),
			==, "86400");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(path, func, data)                                                                      \
	g_test_add(path, Fixture, GUINT_TO_POINTER(data), fixture_setup, func, fixture_teardown)
	ADD("/cwmp/engine/bootstrap-provisioning", test_bootstrap_provisioning, 0);
	ADD("/cwmp/engine/digest", test_digest, 0);
	ADD("/cwmp/engine/mtls", test_mtls, 0);
	ADD("/cwmp/engine/quirk/cookie", test_acs_quirks, CWMP_ACS_SIM_MISBEHAVE_COOKIE);
	ADD("/cwmp/engine/quirk/redirect-chain", test_acs_quirks, CWMP_ACS_SIM_MISBEHAVE_REDIRECT);
	ADD("/cwmp/engine/retry/500", test_misbehave_retry, CWMP_ACS_SIM_MISBEHAVE_HTTP_500);
	ADD("/cwmp/engine/retry/503", test_misbehave_retry, CWMP_ACS_SIM_MISBEHAVE_HTTP_503);
	ADD("/cwmp/engine/retry/drop", test_misbehave_retry, CWMP_ACS_SIM_MISBEHAVE_DROP);
	ADD("/cwmp/engine/retry/garbage", test_misbehave_retry, CWMP_ACS_SIM_MISBEHAVE_GARBAGE);
	ADD("/cwmp/engine/retry/8005", test_misbehave_retry, CWMP_ACS_SIM_MISBEHAVE_FAULT_8005);
	ADD("/cwmp/engine/retry/slow", test_misbehave_retry, CWMP_ACS_SIM_MISBEHAVE_SLOW);
	ADD("/cwmp/engine/kill9", test_kill9, 0);
	ADD("/cwmp/engine/connection-request", test_connection_request, 0);
	ADD("/cwmp/engine/factory-reset", test_factory_reset, 0);
#undef ADD
	return g_test_run();
}
