/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * File transfers end to end: the cwmpd binary against the ACS simulator,
 * files from a real lighttpd (Basic, Digest, TLS, ranges, a rate limit to
 * catch a transfer in the middle), uploads to a libsoup server of the test.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cwmp-rpc.h"
#include "cwmp-test-daemon.h"
#include "cwmp-test-ftpd.h"
#include "cwmp-test-httpd.h"
#include "cwmp-test-utils.h"
#include "cwmp-transfer-http.h"

#define CONFIG_TYPE   "3 Vendor Configuration File"
#define FIRMWARE_TYPE "1 Firmware Upgrade Image"

typedef struct {
	CwmpTestDaemon *d;
	CwmpTestHttpd  *httpd;
	gchar	       *installed; /* [transfers] config-file */
	gchar	       *extra;	   /* more configuration */
} Fixture;

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *skip = NULL;

	fx->d = cwmp_test_daemon_new("cwmp-transfer-test-XXXXXX");
	fx->httpd = cwmp_test_httpd_new(fx->d->dir, &skip);
	if (fx->httpd == NULL) {
		g_test_skip(skip);
		return;
	}
	fx->installed = g_build_filename(fx->d->dir, "device.conf", NULL);
	cwmp_test_daemon_start_sim(fx->d);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	g_clear_pointer(&fx->d, cwmp_test_daemon_free);
	g_clear_pointer(&fx->httpd, cwmp_test_httpd_free);
	g_free(fx->installed);
	g_free(fx->extra);
}

/* cwmpd with the config-file handler, a firmware hook that copies the image
 * next to the state and notes its SoftwareVersion, and @extra */
static void
transfer_test_start(Fixture *fx, const gchar *extra)
{
	g_autofree gchar *config = g_strdup_printf("[hooks]\n"
						   "reboot=touch %s/rebooted\n"
						   "firmware-upgrade=sh -c 'sleep ${FW_SLEEP:-0}; "
						   "cp \"$1\" %s/firmware.img && "
						   "echo \"$CWMPD_TARGET_FILE_NAME\" > %s/target "
						   "&& "
						   "printf \"VERSION_ID=%%s\\n\" \"$(head -c 8 "
						   "\"$1\" | od -An -tx1 | tr -d \" \\n\")\" "
						   "> %s/os-release' hook\n"
						   "[transfers]\n"
						   "config-file=%s\n"
						   "timeout=5\n"
						   "%s",
						   fx->d->dir, fx->d->dir, fx->d->dir, fx->d->dir,
						   fx->installed, extra != NULL ? extra : "");
	cwmp_test_daemon_write_config(fx->d, config);
	cwmp_test_daemon_start(fx->d);
}

static CwmpRpc *
transfer_test_download(const gchar *key, const gchar *type, const gchar *url, guint size)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_DOWNLOAD);
	rpc->download.command_key = g_strdup(key);
	rpc->download.file_type = g_strdup(type);
	rpc->download.url = g_strdup(url);
	rpc->download.file_size = size;
	rpc->download.username = g_strdup("");
	rpc->download.password = g_strdup("");
	rpc->download.target_file_name = g_strdup("");
	return rpc;
}

static void
transfer_test_set_credentials(CwmpRpc *rpc, const gchar *username, const gchar *password)
{
	g_free(rpc->download.username);
	g_free(rpc->download.password);
	rpc->download.username = g_strdup(username);
	rpc->download.password = g_strdup(password);
}

/* the TransferComplete requests the simulator got, in order */
static GPtrArray *
transfer_test_completes(Fixture *fx)
{
	GPtrArray *records = cwmp_acs_sim_get_records(fx->d->sim);
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; i < records->len; i++) {
		CwmpAcsSimRecord *r = g_ptr_array_index(records, i);
		if (r->request != NULL &&
		    (r->request->method == CWMP_RPC_TRANSFER_COMPLETE ||
		     r->request->method == CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE))
			g_ptr_array_add(out, r->request);
	}
	return out;
}

static gboolean
transfer_test_cond_completes(CwmpTestDaemon *d, gconstpointer n)
{
	Fixture fx = {.d = d};
	g_autoptr(GPtrArray) completes = transfer_test_completes(&fx);
	return completes->len >= GPOINTER_TO_UINT(n);
}

/* waits for @n TransferCompletes and for cwmpd to end that session, then
 * returns the last */
static CwmpRpc *
transfer_test_wait_complete(Fixture *fx, guint n)
{
	g_autoptr(GPtrArray) completes = NULL;
	cwmp_test_daemon_wait(fx->d, transfer_test_cond_completes, GUINT_TO_POINTER(n),
			      "TransferComplete");
	completes = transfer_test_completes(fx);
	return g_ptr_array_index(completes, completes->len - 1);
}

static CwmpAcsSimRpcResult *
transfer_test_result(Fixture *fx, guint idx)
{
	GPtrArray *results = cwmp_acs_sim_get_rpc_results(fx->d->sim);
	g_assert_cmpuint(idx, <, results->len);
	return g_ptr_array_index(results, idx);
}

static gboolean
transfer_test_cond_result(CwmpTestDaemon *d, gconstpointer idx)
{
	GPtrArray *results = cwmp_acs_sim_get_rpc_results(d->sim);
	guint	   i = GPOINTER_TO_UINT(idx);
	return results->len > i &&
	       ((CwmpAcsSimRpcResult *) g_ptr_array_index(results, i))->response != NULL;
}

/* the answer to the @idx-th RPC the simulator sent */
static CwmpRpc *
transfer_test_wait_result(Fixture *fx, guint idx)
{
	cwmp_test_daemon_wait(fx->d, transfer_test_cond_result, GUINT_TO_POINTER(idx),
			      "the answer to an RPC");
	return transfer_test_result(fx, idx)->response;
}

static gboolean
transfer_test_inform_has(CwmpRpc *inform, const gchar *code, const gchar *key)
{
	for (guint i = 0; i < inform->inform.event->len; i++) {
		CwmpRpcEvent *event = g_ptr_array_index(inform->inform.event, i);
		if (g_strcmp0(event->event_code, code) == 0 &&
		    (key == NULL || g_strcmp0(event->command_key, key) == 0))
			return TRUE;
	}
	return FALSE;
}

static gboolean
transfer_test_any_inform_has(Fixture *fx, const gchar *code, const gchar *key)
{
	GPtrArray *sessions = cwmp_acs_sim_get_sessions(fx->d->sim);
	for (guint i = 0; i < sessions->len; i++) {
		CwmpAcsSimSession *session = g_ptr_array_index(sessions, i);
		if (transfer_test_inform_has(session->inform, code, key))
			return TRUE;
	}
	return FALSE;
}

/* the Inform of the session that carried the last TransferComplete */
static CwmpRpc *
transfer_test_last_inform(Fixture *fx)
{
	GPtrArray *sessions = cwmp_acs_sim_get_sessions(fx->d->sim);
	return ((CwmpAcsSimSession *) g_ptr_array_index(sessions, sessions->len - 1))->inform;
}

static gchar *
transfer_test_file_sha256(const gchar *path)
{
	g_autofree gchar *data = NULL;
	gsize		  length = 0;
	if (!g_file_get_contents(path, &data, &length, NULL))
		return NULL;
	return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/* a configuration file from lighttpd, then the TransferComplete with the
 * events the ACS expects, once */
static void
test_download_http(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *sum = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *got = NULL;
	CwmpRpc		 *tc;
	CwmpRpc		 *inform;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_start(fx->httpd);
	sum = cwmp_test_httpd_add_file(fx->httpd, "device.conf", 300000);
	url = cwmp_test_httpd_url(fx->httpd, "device.conf");
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_download("cfg-1", CONFIG_TYPE, url, 300000));
	cwmp_acs_sim_queue_rpc(fx->d->sim, cwmp_rpc_new(CWMP_RPC_GET_RPC_METHODS));
	transfer_test_start(fx, NULL);

	g_assert_cmpint(transfer_test_wait_result(fx, 0)->method, ==, CWMP_RPC_DOWNLOAD_RESPONSE);
	g_assert_cmpint(transfer_test_result(fx, 0)->response->transfer_response.status, ==, 1);
	/* GetRPCMethods lists the transfer methods now that they work */
	{
		CwmpRpc	    *methods = transfer_test_wait_result(fx, 1);
		GStrv	     list = methods->get_rpc_methods_response.method_list;
		const gchar *want[] = {
		    "Download",		  "ScheduleDownload",	   "Upload",
		    "GetQueuedTransfers", "GetAllQueuedTransfers", "CancelTransfer"};
		for (guint i = 0; i < G_N_ELEMENTS(want); i++)
			g_assert_true(g_strv_contains((const gchar *const *) list, want[i]));
	}
	tc = transfer_test_wait_complete(fx, 1);
	g_assert_cmpstr(tc->transfer_complete.command_key, ==, "cfg-1");
	g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==, 0);
	g_assert_nonnull(tc->transfer_complete.start_time);
	g_assert_nonnull(tc->transfer_complete.complete_time);
	g_assert_cmpint(g_date_time_compare(tc->transfer_complete.start_time,
					    tc->transfer_complete.complete_time),
			<=, 0);
	inform = transfer_test_last_inform(fx);
	g_assert_true(transfer_test_inform_has(inform, "7 TRANSFER COMPLETE", NULL));
	g_assert_true(transfer_test_inform_has(inform, "M Download", "cfg-1"));
	got = transfer_test_file_sha256(fx->installed);
	g_assert_cmpstr(got, ==, sum);

	/* acknowledged: a later session carries neither the events nor a call */
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(2),
			      "the TransferComplete session to end");
	cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(3),
			      "a session after the acknowledgement");
	inform = transfer_test_last_inform(fx);
	g_assert_false(transfer_test_inform_has(inform, "7 TRANSFER COMPLETE", NULL));
	g_assert_false(transfer_test_inform_has(inform, "M Download", NULL));
	g_assert_true(transfer_test_cond_completes(fx->d, GUINT_TO_POINTER(1)));
	g_assert_false(transfer_test_cond_completes(fx->d, GUINT_TO_POINTER(2)));
}

/* Basic and Digest with the RPC's credentials; wrong ones are 9012 */
static void
test_download_auth(Fixture *fx, gconstpointer data)
{
	/* the last one through a redirect (301 from /moved/) */
	const gchar *paths[] = {"basic/a.conf", "digest/b.conf", "digest/c.conf", "digest/d.conf"};
	const gchar *passwords[] = {CWMP_TEST_HTTPD_PASSWORD, CWMP_TEST_HTTPD_PASSWORD, "wrong",
				    CWMP_TEST_HTTPD_PASSWORD};
	const guint  faults[] = {0, 0, 9012, 0};

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_start(fx->httpd);
	for (guint i = 0; i < G_N_ELEMENTS(paths); i++) {
		g_autofree gchar *moved = g_strconcat("moved/", paths[i], NULL);
		g_autofree gchar *url = cwmp_test_httpd_url(fx->httpd, i == 3 ? moved : paths[i]);
		g_autofree gchar *key = g_strdup_printf("auth-%u", i);
		CwmpRpc		 *rpc = transfer_test_download(key, CONFIG_TYPE, url, 0);

		g_free(cwmp_test_httpd_add_file(fx->httpd, paths[i], 1000 + i));
		transfer_test_set_credentials(rpc, CWMP_TEST_HTTPD_USER, passwords[i]);
		cwmp_acs_sim_queue_rpc(fx->d->sim, rpc);
	}
	transfer_test_start(fx, NULL);
	transfer_test_wait_complete(fx, G_N_ELEMENTS(paths));
	{
		g_autoptr(GPtrArray) completes = transfer_test_completes(fx);
		for (guint i = 0; i < completes->len; i++) {
			CwmpRpc		 *tc = g_ptr_array_index(completes, i);
			g_autofree gchar *key = g_strdup_printf("auth-%u", i);
			g_assert_cmpstr(tc->transfer_complete.command_key, ==, key);
			g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==,
					 faults[i]);
		}
	}
}

/* refused at once (the RPC's fault) or failed later (TransferComplete) */
static void
test_download_faults(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *missing = NULL;
	g_autofree gchar *sized = NULL;
	g_autofree gchar *closed = NULL;
	struct {
		const gchar *url;
		const gchar *type;
		guint	     size;
		guint	     rpc_fault; /* 0: accepted */
	} cases[] = {
	    {"file:///etc/passwd", CONFIG_TYPE, 0, 9013},
	    {"gopher://127.0.0.1/x", CONFIG_TYPE, 0, 9013},
	    {"http://", CONFIG_TYPE, 0, 9003},
	    {NULL, "2 Web Content", 0, 9010}, /* nobody claims it */
	    {NULL, CONFIG_TYPE, 0, 0},	      /* 404: 9016 */
	    {NULL, CONFIG_TYPE, 10, 0},	      /* wrong FileSize: 9018 */
	    {NULL, CONFIG_TYPE, 0, 0},	      /* nobody listening: 9015 */
	};
	const guint later[] = {9016, 9018, 9015};

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_start(fx->httpd);
	g_free(cwmp_test_httpd_add_file(fx->httpd, "sized.conf", 5000));
	missing = cwmp_test_httpd_url(fx->httpd, "no-such-file");
	sized = cwmp_test_httpd_url(fx->httpd, "sized.conf");
	closed = g_strdup("http://127.0.0.1:1/x.conf");
	cases[3].url = sized;
	cases[4].url = missing;
	cases[5].url = sized;
	cases[6].url = closed;
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *key = g_strdup_printf("f-%u", i);
		cwmp_acs_sim_queue_rpc(
		    fx->d->sim,
		    transfer_test_download(key, cases[i].type, cases[i].url, cases[i].size));
	}
	transfer_test_start(fx, NULL);
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		CwmpRpc *response = transfer_test_wait_result(fx, i);
		if (cases[i].rpc_fault == 0) {
			g_assert_cmpint(response->method, ==, CWMP_RPC_DOWNLOAD_RESPONSE);
		} else {
			g_assert_cmpint(response->method, ==, CWMP_RPC_FAULT);
			g_assert_cmpuint(response->fault.fault_code, ==, cases[i].rpc_fault);
		}
	}
	transfer_test_wait_complete(fx, G_N_ELEMENTS(later));
	{
		g_autoptr(GPtrArray) completes = transfer_test_completes(fx);
		for (guint i = 0; i < completes->len; i++) {
			CwmpRpc *tc = g_ptr_array_index(completes, i);
			g_test_message("%s: %u %s", tc->transfer_complete.command_key,
				       tc->transfer_complete.fault_struct.fault_code,
				       tc->transfer_complete.fault_struct.fault_string);
			g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==,
					 later[i]);
			g_assert_cmpstr(tc->transfer_complete.fault_struct.fault_string, !=, "");
		}
	}
	/* nothing was installed */
	g_assert_false(g_file_test(fx->installed, G_FILE_TEST_EXISTS));
}

/* the server dies in the middle: 9017, and nothing is installed */
static void
test_download_server_gone(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autofree gchar *part = NULL;
	CwmpRpc		 *tc;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_set_rate_limit(fx->httpd, 256);
	cwmp_test_httpd_start(fx->httpd);
	g_free(cwmp_test_httpd_add_file(fx->httpd, "big.conf", 4 * 1024 * 1024));
	url = cwmp_test_httpd_url(fx->httpd, "big.conf");
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_download("gone", CONFIG_TYPE, url, 0));
	transfer_test_start(fx, NULL);
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_log, "starting http",
			      "the download to start");
	part = g_build_filename(fx->d->state_dir, "transfer-1.part", NULL);
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_file, part, "the first bytes");
	cwmp_test_httpd_kill(fx->httpd);
	tc = transfer_test_wait_complete(fx, 1);
	g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==, 9017);
	g_assert_false(g_file_test(fx->installed, G_FILE_TEST_EXISTS));
	g_assert_false(g_file_test(part, G_FILE_TEST_EXISTS));
}

/* https with a test CA: trusted through [transfers] ca-file; the same
 * server without it is refused (9015) */
static void
test_download_https(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *certtool = g_find_program_in_path("certtool");
	g_autofree gchar *url = NULL;
	g_autofree gchar *extra = NULL;
	g_autofree gchar *ca = NULL;
	const gchar	 *dir;

	if (fx->httpd == NULL)
		return;
	if (certtool == NULL) {
		g_test_skip("certtool (gnutls-bin) is not installed");
		return;
	}
	dir = fx->d->dir;
	g_assert_true(cwmp_test_utils_certtool(
	    dir, (const gchar *[]){"--generate-privkey", "--outfile", "ca.key", NULL}, NULL));
	g_assert_true(
	    cwmp_test_utils_certtool(dir,
				     (const gchar *[]){"--generate-self-signed", "--load-privkey",
						       "ca.key", "--outfile", "ca.pem", NULL},
				     "cn = cwmpd test CA\nca\ncert_signing_key\nexpiration_days = "
				     "2\n"));
	g_assert_true(cwmp_test_utils_certtool(
	    dir, (const gchar *[]){"--generate-privkey", "--outfile", "server.key", NULL}, NULL));
	g_assert_true(cwmp_test_utils_certtool(
	    dir,
	    (const gchar *[]){"--generate-certificate", "--load-privkey", "server.key",
			      "--load-ca-certificate", "ca.pem", "--load-ca-privkey", "ca.key",
			      "--outfile", "server.pem", NULL},
	    "cn = 127.0.0.1\nip_address = 127.0.0.1\ntls_www_server\nencryption_key\n"
	    "signing_key\nexpiration_days = 2\n"));
	{
		g_autofree gchar *cert = g_build_filename(dir, "server.pem", NULL);
		g_autofree gchar *key = g_build_filename(dir, "server.key", NULL);
		cwmp_test_httpd_set_tls(fx->httpd, cert, key);
	}
	cwmp_test_httpd_start(fx->httpd);
	g_free(cwmp_test_httpd_add_file(fx->httpd, "tls.conf", 20000));
	url = cwmp_test_httpd_url(fx->httpd, "tls.conf");
	g_assert_true(g_str_has_prefix(url, "https://"));
	ca = g_build_filename(dir, "ca.pem", NULL);
	extra = g_strdup_printf("ca-file=%s\n", ca);
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_download("tls-ok", CONFIG_TYPE, url, 0));
	transfer_test_start(fx, extra);
	g_assert_cmpuint(
	    transfer_test_wait_complete(fx, 1)->transfer_complete.fault_struct.fault_code, ==, 0);
	g_assert_true(g_file_test(fx->installed, G_FILE_TEST_EXISTS));

	/* without the CA the certificate is unknown */
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(2),
			      "the session to end");
	cwmp_test_daemon_stop(fx->d, SIGTERM);
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_download("tls-no-ca", CONFIG_TYPE, url, 0));
	cwmp_test_daemon_set_boot_id(fx->d, "boot-2");
	transfer_test_start(fx, NULL);
	g_assert_cmpuint(
	    transfer_test_wait_complete(fx, 2)->transfer_complete.fault_struct.fault_code, ==,
	    9015);
}

static CwmpRpc *
transfer_test_cancel(const gchar *key)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_CANCEL_TRANSFER);
	rpc->command_key.command_key = g_strdup(key);
	return rpc;
}

/* the state GetQueuedTransfers gives for @key, 0 when it is not listed */
static gint
transfer_test_queued_state(CwmpRpc *response, const gchar *key)
{
	g_assert_cmpint(response->method, ==, CWMP_RPC_GET_QUEUED_TRANSFERS_RESPONSE);
	for (guint i = 0; i < response->queued_transfer_list.transfer_list->len; i++) {
		CwmpRpcQueuedTransfer *t =
		    g_ptr_array_index(response->queued_transfer_list.transfer_list, i);
		if (g_strcmp0(t->command_key, key) == 0)
			return t->state;
	}
	return 0;
}

static guint64
transfer_test_file_size(const gchar *path)
{
	GStatBuf st;
	return g_stat(path, &st) == 0 ? (guint64) st.st_size : 0;
}

typedef struct {
	const gchar *path;
	guint64	     size;
} TransferTestSize;

static gboolean
transfer_test_cond_size(CwmpTestDaemon *d, gconstpointer data)
{
	const TransferTestSize *want = data;
	return transfer_test_file_size(want->path) >= want->size;
}

/* CancelTransfer in each state: waiting and moving bytes are cancelled (no
 * TransferComplete), being applied is too late (9021), an unknown key 9003 */
static void
test_cancel(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *slow = NULL;
	g_autofree gchar *fw = NULL;
	g_autofree gchar *part = NULL;
	CwmpRpc		 *wait;
	CwmpRpc		 *response;
	CwmpRpc		 *tc;
	TransferTestSize  some;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_set_rate_limit(fx->httpd, 128);
	cwmp_test_httpd_start(fx->httpd);
	g_free(cwmp_test_httpd_add_file(fx->httpd, "slow.conf", 4 * 1024 * 1024));
	g_free(cwmp_test_httpd_add_file(fx->httpd, "fw.img", 30000));
	slow = cwmp_test_httpd_url(fx->httpd, "slow.conf");
	fw = cwmp_test_httpd_url(fx->httpd, "fw.img");
	wait = transfer_test_download("wait", CONFIG_TYPE, slow, 0);
	wait->download.delay_seconds = 3600;
	cwmp_acs_sim_queue_rpc(fx->d->sim, wait);
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_download("moving", CONFIG_TYPE, slow, 0));
	cwmp_acs_sim_queue_wait_inform(fx->d->sim, "6 CONNECTION REQUEST");
	cwmp_acs_sim_queue_rpc(fx->d->sim, cwmp_rpc_new(CWMP_RPC_GET_QUEUED_TRANSFERS));
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_cancel("wait"));
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_cancel("moving"));
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_cancel("no-such-key"));
	cwmp_acs_sim_queue_rpc(fx->d->sim, cwmp_rpc_new(CWMP_RPC_GET_QUEUED_TRANSFERS));
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_download("fw", FIRMWARE_TYPE, fw, 0));
	cwmp_acs_sim_queue_wait_inform(fx->d->sim, "6 CONNECTION REQUEST");
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_cancel("fw"));
	g_setenv("FW_SLEEP", "4", TRUE);
	transfer_test_start(fx, "firmware-needs-reboot=false\n");
	g_unsetenv("FW_SLEEP");

	/* "moving" is moving bytes */
	part = g_build_filename(fx->d->state_dir, "transfer-2.part", NULL);
	some.path = part;
	some.size = 64 * 1024;
	cwmp_test_daemon_wait(fx->d, transfer_test_cond_size, &some, "bytes of 'moving'");
	cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
	response = transfer_test_wait_result(fx, 2);
	g_assert_cmpint(transfer_test_queued_state(response, "wait"), ==, 1);
	g_assert_cmpint(transfer_test_queued_state(response, "moving"), ==, 2);
	g_assert_cmpint(transfer_test_wait_result(fx, 3)->method, ==,
			CWMP_RPC_CANCEL_TRANSFER_RESPONSE);
	g_assert_cmpint(transfer_test_wait_result(fx, 4)->method, ==,
			CWMP_RPC_CANCEL_TRANSFER_RESPONSE);
	response = transfer_test_wait_result(fx, 5);
	g_assert_cmpint(response->method, ==, CWMP_RPC_FAULT);
	g_assert_cmpuint(response->fault.fault_code, ==, 9003);
	response = transfer_test_wait_result(fx, 6);
	g_assert_cmpint(transfer_test_queued_state(response, "wait"), ==, 0);
	g_assert_cmpint(transfer_test_queued_state(response, "moving"), ==, 0);
	g_assert_false(g_file_test(part, G_FILE_TEST_EXISTS));

	/* the firmware hook runs for 4 s: too late to cancel */
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_log, "applying the file",
			      "the firmware to be applied");
	cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
	response = transfer_test_wait_result(fx, 8);
	g_assert_cmpint(response->method, ==, CWMP_RPC_FAULT);
	g_assert_cmpuint(response->fault.fault_code, ==, 9021);
	tc = transfer_test_wait_complete(fx, 1);
	g_assert_cmpstr(tc->transfer_complete.command_key, ==, "fw");
	g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==, 0);
	/* the cancelled ones never report */
	g_assert_false(transfer_test_cond_completes(fx->d, GUINT_TO_POINTER(2)));
}

/* a firmware image: applied, the reboot hook runs after the session, the
 * next boot sends 1 BOOT, M Download and 7 TRANSFER COMPLETE with the new
 * SoftwareVersion; while it waits for the reboot it cannot be cancelled */
static void
test_firmware_reboot(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autofree gchar *rebooted = NULL;
	g_autofree gchar *image = NULL;
	g_autofree gchar *extra = NULL;
	g_autofree gchar *version = NULL;
	g_autofree gchar *sum = NULL;
	g_autofree gchar *got = NULL;
	CwmpRpc		 *response;
	CwmpRpc		 *inform;
	CwmpRpc		 *tc;
	const gchar	 *software = NULL;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_start(fx->httpd);
	sum = cwmp_test_httpd_add_file(fx->httpd, "fw-2.img", 100000);
	url = cwmp_test_httpd_url(fx->httpd, "fw-2.img");
	{
		CwmpRpc *rpc = transfer_test_download("fw-2", FIRMWARE_TYPE, url, 100000);
		g_free(rpc->download.target_file_name);
		rpc->download.target_file_name = g_strdup("bank-b.img");
		cwmp_acs_sim_queue_rpc(fx->d->sim, rpc);
	}
	cwmp_acs_sim_queue_wait_inform(fx->d->sim, "6 CONNECTION REQUEST");
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_cancel("fw-2"));
	cwmp_acs_sim_queue_rpc(fx->d->sim, cwmp_rpc_new(CWMP_RPC_GET_QUEUED_TRANSFERS));
	extra = g_strdup_printf("[device]\nos-release=%s/os-release\n", fx->d->dir);
	{
		/* [device] comes after [transfers] in the file */
		g_autofree gchar *config = g_strdup_printf("%s", extra);
		transfer_test_start(fx, config);
	}
	rebooted = g_build_filename(fx->d->dir, "rebooted", NULL);
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_file, rebooted, "the reboot hook");
	image = g_build_filename(fx->d->dir, "firmware.img", NULL);
	got = transfer_test_file_sha256(image);
	g_assert_cmpstr(got, ==, sum);
	{
		/* the hook was told the TargetFileName */
		g_autofree gchar *target_file = g_build_filename(fx->d->dir, "target", NULL);
		g_autofree gchar *target = NULL;
		g_assert_true(g_file_get_contents(target_file, &target, NULL, NULL));
		g_assert_cmpstr(g_strstrip(target), ==, "bank-b.img");
	}
	/* waiting for its reboot: in progress, not cancellable, no report yet */
	cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
	response = transfer_test_wait_result(fx, 1);
	g_assert_cmpint(response->method, ==, CWMP_RPC_FAULT);
	g_assert_cmpuint(response->fault.fault_code, ==, 9021);
	g_assert_cmpint(transfer_test_queued_state(transfer_test_wait_result(fx, 2), "fw-2"), ==,
			2);
	g_assert_false(transfer_test_cond_completes(fx->d, GUINT_TO_POINTER(1)));

	/* the device reboots */
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_cpe_sessions, GUINT_TO_POINTER(2),
			      "the session to end");
	cwmp_test_daemon_stop(fx->d, SIGTERM);
	cwmp_test_daemon_set_boot_id(fx->d, "boot-2");
	cwmp_test_daemon_start(fx->d);
	tc = transfer_test_wait_complete(fx, 1);
	g_assert_cmpstr(tc->transfer_complete.command_key, ==, "fw-2");
	g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==, 0);
	inform = transfer_test_last_inform(fx);
	g_assert_true(transfer_test_inform_has(inform, "1 BOOT", NULL));
	g_assert_true(transfer_test_inform_has(inform, "M Download", "fw-2"));
	g_assert_true(transfer_test_inform_has(inform, "7 TRANSFER COMPLETE", NULL));
	for (guint i = 0; i < inform->inform.parameter_list->len; i++) {
		CwmpRpcParamValue *pv = g_ptr_array_index(inform->inform.parameter_list, i);
		if (g_strcmp0(pv->name, "Device.DeviceInfo.SoftwareVersion") == 0)
			software = pv->value;
	}
	/* the hook wrote the image's first bytes as its version */
	version = g_strdup("");
	{
		g_autofree gchar *os_release = g_build_filename(fx->d->dir, "os-release", NULL);
		g_autofree gchar *text = NULL;
		g_assert_true(g_file_get_contents(os_release, &text, NULL, NULL));
		g_free(version);
		version = g_strdup(g_strstrip(text) + strlen("VERSION_ID="));
	}
	g_assert_nonnull(software);
	g_assert_nonnull(strstr(software, version));
}

/* a session after the first @data the simulator saw has ended */
static gboolean
transfer_test_cond_later_session(CwmpTestDaemon *d, gconstpointer data)
{
	GPtrArray *sessions = cwmp_acs_sim_get_sessions(d->sim);
	return sessions->len > GPOINTER_TO_UINT(data) &&
	       ((CwmpAcsSimSession *) g_ptr_array_index(sessions, sessions->len - 1))->completed;
}

/* kill -9 at two points of a download: it resumes with a range request and
 * the ACS hears of it once, with the right bytes in place */
static void
test_kill_resume(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	g_autofree gchar *part = NULL;
	g_autofree gchar *sum = NULL;
	g_autofree gchar *got = NULL;
	g_autofree gchar *access = NULL;
	g_autofree gchar *access_file = NULL;
	const guint64	  size = 3 * 1024 * 1024;
	TransferTestSize  at;
	CwmpRpc		 *tc;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_set_rate_limit(fx->httpd, 512);
	cwmp_test_httpd_start(fx->httpd);
	sum = cwmp_test_httpd_add_file(fx->httpd, "resume.conf", size);
	url = cwmp_test_httpd_url(fx->httpd, "resume.conf");
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_download("resume", CONFIG_TYPE, url, (guint) size));
	transfer_test_start(fx, NULL);
	part = g_build_filename(fx->d->state_dir, "transfer-1.part", NULL);
	at.path = part;
	for (guint i = 1; i <= 2; i++) {
		at.size = size * i / 3;
		cwmp_test_daemon_wait(fx->d, transfer_test_cond_size, &at,
				      "the download to progress");
		cwmp_test_daemon_stop(fx->d, SIGKILL);
		g_assert_cmpuint(transfer_test_file_size(part), <, size);
		cwmp_test_daemon_start(fx->d);
	}
	tc = transfer_test_wait_complete(fx, 1);
	g_assert_cmpstr(tc->transfer_complete.command_key, ==, "resume");
	g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==, 0);
	got = transfer_test_file_sha256(fx->installed);
	g_assert_cmpstr(got, ==, sum);
	g_assert_cmpuint(cwmp_test_daemon_count_log(fx->d, "resuming"), ==, 2);
	/* the server's log is complete once it has stopped */
	cwmp_test_httpd_stop(fx->httpd);
	access_file = g_build_filename(fx->httpd->dir, "access.log", NULL);
	g_assert_true(g_file_get_contents(access_file, &access, NULL, NULL));
	g_assert_nonnull(strstr(access, " 206 "));
	g_assert_nonnull(strstr(access, "bytes="));

	/* one more session: still one TransferComplete */
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_log,
			      "TransferComplete 'resume' acknowledged", "the acknowledgement");
	{
		guint seen = cwmp_acs_sim_get_sessions(fx->d->sim)->len;
		cwmp_acs_sim_send_connection_request(fx->d->sim, NULL);
		cwmp_test_daemon_wait(fx->d, transfer_test_cond_later_session,
				      GUINT_TO_POINTER(seen), "a later session");
	}
	g_assert_true(
	    transfer_test_inform_has(transfer_test_last_inform(fx), "6 CONNECTION REQUEST", NULL));
	g_assert_false(transfer_test_cond_completes(fx->d, GUINT_TO_POINTER(2)));
}

/* kill -9 while the handler applies the file: applied again after the
 * restart, reported once */
static void
test_kill_applying(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	CwmpRpc		 *tc;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_start(fx->httpd);
	g_free(cwmp_test_httpd_add_file(fx->httpd, "fw-3.img", 5000));
	url = cwmp_test_httpd_url(fx->httpd, "fw-3.img");
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_download("fw-3", FIRMWARE_TYPE, url, 0));
	g_setenv("FW_SLEEP", "30", TRUE);
	transfer_test_start(fx, "firmware-needs-reboot=false\n");
	cwmp_test_daemon_wait(fx->d, cwmp_test_daemon_cond_log, "applying the file",
			      "the firmware to be applied");
	cwmp_test_daemon_stop(fx->d, SIGKILL);
	g_setenv("FW_SLEEP", "0", TRUE);
	cwmp_test_daemon_start(fx->d);
	g_unsetenv("FW_SLEEP");
	tc = transfer_test_wait_complete(fx, 1);
	g_assert_cmpstr(tc->transfer_complete.command_key, ==, "fw-3");
	g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==, 0);
	g_assert_cmpuint(cwmp_test_daemon_count_log(fx->d, "applying again"), ==, 1);
}

/* --- uploads: a libsoup server of the test takes PUT with Digest --------- */

typedef struct {
	GBytes *body;
	guint	puts;
} UploadSink;

static void
transfer_test_put_cb(SoupServer	       *server,
		     SoupServerMessage *msg,
		     const char	       *path,
		     GHashTable	       *query,
		     gpointer		user_data)
{
	UploadSink	*sink = user_data;
	SoupMessageBody *body = soup_server_message_get_request_body(msg);

	if (g_strcmp0(soup_server_message_get_method(msg), "PUT") != 0) {
		soup_server_message_set_status(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
		return;
	}
	g_clear_pointer(&sink->body, g_bytes_unref);
	sink->body = soup_message_body_flatten(body);
	g_test_message(
	    "PUT %s: %" G_GSIZE_FORMAT " bytes, Content-Length %" G_GOFFSET_FORMAT, path,
	    g_bytes_get_size(sink->body),
	    soup_message_headers_get_content_length(soup_server_message_get_request_headers(msg)));
	sink->puts++;
	soup_server_message_set_status(msg, SOUP_STATUS_CREATED, NULL);
	/* an empty body with its length: the client need not wait for the end */
	soup_server_message_set_response(msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

static gchar *
transfer_test_digest_cb(SoupAuthDomain	  *domain,
			SoupServerMessage *msg,
			const char	  *username,
			gpointer	   user_data)
{
	if (g_strcmp0(username, "up") != 0)
		return NULL;
	return soup_auth_domain_digest_encode_password(username, "upload", "up-secret");
}

static CwmpRpc *
transfer_test_upload(const gchar *key, const gchar *type, const gchar *url, const gchar *password)
{
	CwmpRpc *rpc = cwmp_rpc_new(CWMP_RPC_UPLOAD);
	rpc->upload.command_key = g_strdup(key);
	rpc->upload.file_type = g_strdup(type);
	rpc->upload.url = g_strdup(url);
	rpc->upload.username = g_strdup("up");
	rpc->upload.password = g_strdup(password);
	return rpc;
}

static void
test_upload(Fixture *fx, gconstpointer data)
{
	g_autoptr(SoupServer) server = soup_server_new(NULL, NULL);
	g_autoptr(SoupAuthDomain) domain = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *content = NULL;
	UploadSink	  sink = {NULL, 0};
	GSList		 *uris;
	CwmpRpc		 *response;

	if (fx->httpd == NULL)
		return;
	domain = soup_auth_domain_digest_new("realm", "upload", NULL);
	soup_auth_domain_add_path(domain, "/");
	soup_auth_domain_digest_set_auth_callback(domain, transfer_test_digest_cb, NULL, NULL);
	soup_server_add_auth_domain(server, domain);
	soup_server_add_handler(server, "/", transfer_test_put_cb, &sink, NULL);
	g_assert_true(soup_server_listen_local(server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
	g_assert_no_error(error);
	uris = soup_server_get_uris(server);
	url = g_strdup_printf("http://127.0.0.1:%d/up/config.bin", g_uri_get_port(uris->data));
	g_slist_free_full(uris, (GDestroyNotify) g_uri_unref);

	content = g_strdup("# the device's configuration\nkey=value\n");
	g_assert_true(g_file_set_contents(fx->installed, content, -1, NULL));
	cwmp_acs_sim_queue_rpc(
	    fx->d->sim,
	    transfer_test_upload("up-1", "1 Vendor Configuration File", url, "up-secret"));
	cwmp_acs_sim_queue_rpc(
	    fx->d->sim, transfer_test_upload("up-2", "1 Vendor Configuration File", url, "wrong"));
	/* no log file configured: the type is not supported */
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_upload("up-3", "2 Vendor Log File", url, "up-secret"));
	transfer_test_start(fx, NULL);
	response = transfer_test_wait_result(fx, 2);
	g_assert_cmpint(response->method, ==, CWMP_RPC_FAULT);
	g_assert_cmpuint(response->fault.fault_code, ==, 9011);
	transfer_test_wait_complete(fx, 2);
	{
		g_autoptr(GPtrArray) completes = transfer_test_completes(fx);
		CwmpRpc *ok = g_ptr_array_index(completes, 0);
		CwmpRpc *refused = g_ptr_array_index(completes, 1);
		g_assert_cmpstr(ok->transfer_complete.command_key, ==, "up-1");
		g_assert_cmpuint(ok->transfer_complete.fault_struct.fault_code, ==, 0);
		g_assert_cmpstr(refused->transfer_complete.command_key, ==, "up-2");
		g_assert_cmpuint(refused->transfer_complete.fault_struct.fault_code, ==, 9012);
		g_assert_true(transfer_test_any_inform_has(fx, "M Upload", "up-1"));
		g_assert_true(transfer_test_any_inform_has(fx, "M Upload", "up-2"));
	}
	g_assert_cmpuint(sink.puts, ==, 1);
	g_assert_cmpmem(g_bytes_get_data(sink.body, NULL), g_bytes_get_size(sink.body), content,
			strlen(content));
	g_bytes_unref(sink.body);
}

static CwmpRpc *
transfer_test_schedule(const gchar *key,
		       const gchar *url,
		       guint	    start,
		       guint	    end,
		       const gchar *mode)
{
	CwmpRpc		  *rpc = cwmp_rpc_new(CWMP_RPC_SCHEDULE_DOWNLOAD);
	CwmpRpcTimeWindow *w = g_new0(CwmpRpcTimeWindow, 1);
	rpc->schedule_download.command_key = g_strdup(key);
	rpc->schedule_download.file_type = g_strdup(CONFIG_TYPE);
	rpc->schedule_download.url = g_strdup(url);
	rpc->schedule_download.username = g_strdup("");
	rpc->schedule_download.password = g_strdup("");
	rpc->schedule_download.target_file_name = g_strdup("");
	w->window_start = start;
	w->window_end = end;
	w->window_mode = g_strdup(mode);
	w->user_message = g_strdup("");
	w->max_retries = -1;
	g_ptr_array_add(rpc->schedule_download.time_window_list, w);
	return rpc;
}

/* ScheduleDownload: in its window; a window only the user could confirm
 * cannot be used (9020); windows the wrong way round are refused (9003) */
static void
test_schedule_download(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *url = NULL;
	CwmpRpc		 *response;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_start(fx->httpd);
	g_free(cwmp_test_httpd_add_file(fx->httpd, "sched.conf", 2000));
	url = cwmp_test_httpd_url(fx->httpd, "sched.conf");
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_schedule("s-ok", url, 1, 60, "1 At Any Time"));
	cwmp_acs_sim_queue_rpc(
	    fx->d->sim, transfer_test_schedule("s-confirm", url, 0, 2, "4 Confirmation Needed"));
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_schedule("s-bad", url, 50, 10, "1 At Any Time"));
	transfer_test_start(fx, NULL);
	g_assert_cmpint(transfer_test_wait_result(fx, 0)->method, ==,
			CWMP_RPC_SCHEDULE_DOWNLOAD_RESPONSE);
	response = transfer_test_wait_result(fx, 2);
	g_assert_cmpint(response->method, ==, CWMP_RPC_FAULT);
	g_assert_cmpuint(response->fault.fault_code, ==, 9003);
	transfer_test_wait_complete(fx, 2);
	{
		g_autoptr(GPtrArray) completes = transfer_test_completes(fx);
		for (guint i = 0; i < completes->len; i++) {
			CwmpRpc *tc = g_ptr_array_index(completes, i);
			if (g_strcmp0(tc->transfer_complete.command_key, "s-ok") == 0)
				g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==,
						 0);
			else
				g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==,
						 9020);
		}
	}
	g_assert_true(g_file_test(fx->installed, G_FILE_TEST_EXISTS));
}

/* a full disk: the state on a 1 MiB tmpfs; a FileSize too big is refused at
 * the start, a file of unknown size fails when the disk fills; the state
 * files stay sound and the next transfer works */
static void
test_full_disk(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *big = NULL;
	g_autofree gchar *small = NULL;

	if (fx->httpd == NULL)
		return;
	if (getuid() != 0) {
		g_test_skip("a small tmpfs needs root");
		return;
	}
	g_assert_cmpint(g_mkdir_with_parents(fx->d->state_dir, 0700), ==, 0);
	if (mount("tmpfs", fx->d->state_dir, "tmpfs", 0, "size=1m,mode=0700") != 0) {
		g_test_skip("cannot mount a tmpfs here");
		return;
	}
	cwmp_test_httpd_start(fx->httpd);
	g_free(cwmp_test_httpd_add_file(fx->httpd, "big.conf", 3 * 1024 * 1024));
	g_free(cwmp_test_httpd_add_file(fx->httpd, "small.conf", 1000));
	big = cwmp_test_httpd_url(fx->httpd, "big.conf");
	small = cwmp_test_httpd_url(fx->httpd, "small.conf");
	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_download("known", CONFIG_TYPE, big, 3 * 1024 * 1024));
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_download("unknown", CONFIG_TYPE, big, 0));
	cwmp_acs_sim_queue_rpc(fx->d->sim, transfer_test_download("fits", CONFIG_TYPE, small, 0));
	transfer_test_start(fx, NULL);
	transfer_test_wait_complete(fx, 3);
	{
		g_autoptr(GPtrArray) completes = transfer_test_completes(fx);
		const guint faults[] = {9010, 9010, 0};
		for (guint i = 0; i < completes->len; i++) {
			CwmpRpc *tc = g_ptr_array_index(completes, i);
			g_test_message("%s: %s", tc->transfer_complete.command_key,
				       tc->transfer_complete.fault_struct.fault_string);
			g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==,
					 faults[i]);
		}
	}
	cwmp_test_daemon_stop(fx->d, SIGTERM);
	umount2(fx->d->state_dir, MNT_DETACH);
}

/* FTP (pyftpdlib): anonymous and with the RPC's credentials, a wrong
 * password (9012), an upload stored on the server */
static void
test_ftp(Fixture *fx, gconstpointer data)
{
	CwmpTestFtpdOptions options = {0};
	g_autoptr(CwmpTestFtpd) ftpd = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *root = NULL;
	g_autofree gchar *file = NULL;
	g_autofree gchar *sum = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *up_url = NULL;
	g_autofree gchar *stored = NULL;
	g_autofree gchar *content = NULL;
	const gchar	 *keys[] = {"ftp-anon", "ftp-user", "ftp-wrong", "ftp-up"};
	const guint	  faults[] = {0, 0, 9012, 0};
	CwmpRpc		 *rpc;

	if (fx->httpd == NULL)
		return;
	if (cwmp_test_ftpd_skip_reason() != NULL) {
		g_test_skip(cwmp_test_ftpd_skip_reason());
		return;
	}
	root = g_build_filename(fx->d->dir, "ftp", NULL);
	g_assert_cmpint(g_mkdir_with_parents(root, 0755), ==, 0);
	file = g_build_filename(root, "image.conf", NULL);
	{
		g_autofree guint8 *bytes = g_malloc(200000);
		for (guint i = 0; i < 200000; i++)
			bytes[i] = (guint8) (i * 7 + (i >> 9));
		g_assert_true(g_file_set_contents(file, (const gchar *) bytes, 200000, NULL));
		sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes, 200000);
	}
	options.root = root;
	options.username = "ftpuser";
	options.password = "ftp-secret";
	options.writable = TRUE;
	options.anonymous = TRUE;
	ftpd = cwmp_test_ftpd_start(&options, &error);
	g_assert_no_error(error);
	url = cwmp_test_ftpd_get_url(ftpd, "image.conf");
	up_url = cwmp_test_ftpd_get_url(ftpd, "uploaded.conf");

	cwmp_acs_sim_queue_rpc(fx->d->sim,
			       transfer_test_download(keys[0], CONFIG_TYPE, url, 200000));
	rpc = transfer_test_download(keys[1], CONFIG_TYPE, url, 200000);
	transfer_test_set_credentials(rpc, "ftpuser", "ftp-secret");
	cwmp_acs_sim_queue_rpc(fx->d->sim, rpc);
	rpc = transfer_test_download(keys[2], CONFIG_TYPE, url, 0);
	transfer_test_set_credentials(rpc, "ftpuser", "wrong");
	cwmp_acs_sim_queue_rpc(fx->d->sim, rpc);
	rpc = transfer_test_upload(keys[3], "1 Vendor Configuration File", up_url, "ftp-secret");
	g_free(rpc->upload.username);
	rpc->upload.username = g_strdup("ftpuser");
	cwmp_acs_sim_queue_rpc(fx->d->sim, rpc);
	transfer_test_start(fx, NULL);
	transfer_test_wait_complete(fx, G_N_ELEMENTS(keys));
	{
		g_autoptr(GPtrArray) completes = transfer_test_completes(fx);
		for (guint i = 0; i < completes->len; i++) {
			CwmpRpc *tc = g_ptr_array_index(completes, i);
			g_test_message("%s: %u %s", tc->transfer_complete.command_key,
				       tc->transfer_complete.fault_struct.fault_code,
				       tc->transfer_complete.fault_struct.fault_string);
			g_assert_cmpstr(tc->transfer_complete.command_key, ==, keys[i]);
			g_assert_cmpuint(tc->transfer_complete.fault_struct.fault_code, ==,
					 faults[i]);
		}
	}
	/* the upload sent what the download installed */
	stored = transfer_test_file_sha256(fx->installed);
	g_assert_cmpstr(stored, ==, sum);
	g_free(stored);
	content = g_build_filename(root, "uploaded.conf", NULL);
	stored = transfer_test_file_sha256(content);
	g_assert_cmpstr(stored, ==, sum);
}

static void
transfer_test_done_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	*(GAsyncResult **) user_data = g_object_ref(result);
}

/* the edges of a resume, on the HTTP client itself: a part file that already
 * has every byte (the server answers 416 with the size) is complete as it is;
 * one that is longer than the server's file (it changed) comes again whole */
static void
test_http_resume_edges(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(SoupSession) session = NULL;
	g_autofree gchar *sum = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *part = NULL;
	g_autofree gchar *source = NULL;
	g_autofree gchar *got = NULL;

	if (fx->httpd == NULL)
		return;
	cwmp_test_httpd_start(fx->httpd);
	sum = cwmp_test_httpd_add_file(fx->httpd, "edge.bin", 70000);
	url = cwmp_test_httpd_url(fx->httpd, "edge.bin");
	source = g_build_filename(fx->httpd->root, "edge.bin", NULL);
	part = g_build_filename(fx->d->dir, "edge.part", NULL);
	session = cwmp_transfer_http_session_new(NULL, 10, &error);
	g_assert_no_error(error);

	for (guint round = 0; round < 2; round++) {
		g_autoptr(GAsyncResult) result = NULL;
		g_autofree gchar *contents = NULL;
		gsize		  length = 0;
		guint64		  size = 0;

		g_assert_true(g_file_get_contents(source, &contents, &length, NULL));
		if (round == 0) {
			/* complete already */
			g_assert_true(g_file_set_contents(part, contents, (gssize) length, NULL));
		} else {
			/* longer than the file on the server */
			g_autoptr(GByteArray) longer = g_byte_array_new();
			g_byte_array_append(longer, (const guint8 *) contents, (guint) length);
			g_byte_array_append(longer, (const guint8 *) "trailing bytes", 14);
			g_assert_true(g_file_set_contents(part, (const gchar *) longer->data,
							  (gssize) longer->len, NULL));
		}
		cwmp_transfer_http_download_async(session, url, NULL, NULL, part, 0, NULL, NULL,
						  NULL, transfer_test_done_cb, &result);
		while (result == NULL)
			g_main_context_iteration(NULL, TRUE);
		g_assert_true(cwmp_transfer_http_download_finish(result, &size, &error));
		g_assert_no_error(error);
		g_assert_cmpuint(size, ==, 70000);
		g_free(got);
		got = transfer_test_file_sha256(part);
		g_assert_cmpstr(got, ==, sum);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/transfer/download-http", Fixture, NULL, fixture_setup, test_download_http,
		   fixture_teardown);
	g_test_add("/transfer/download-auth", Fixture, NULL, fixture_setup, test_download_auth,
		   fixture_teardown);
	g_test_add("/transfer/download-faults", Fixture, NULL, fixture_setup, test_download_faults,
		   fixture_teardown);
	g_test_add("/transfer/download-server-gone", Fixture, NULL, fixture_setup,
		   test_download_server_gone, fixture_teardown);
	g_test_add("/transfer/download-https", Fixture, NULL, fixture_setup, test_download_https,
		   fixture_teardown);
	g_test_add("/transfer/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
	g_test_add("/transfer/firmware-reboot", Fixture, NULL, fixture_setup, test_firmware_reboot,
		   fixture_teardown);
	g_test_add("/transfer/kill-resume", Fixture, NULL, fixture_setup, test_kill_resume,
		   fixture_teardown);
	g_test_add("/transfer/kill-applying", Fixture, NULL, fixture_setup, test_kill_applying,
		   fixture_teardown);
	g_test_add("/transfer/upload", Fixture, NULL, fixture_setup, test_upload, fixture_teardown);
	g_test_add("/transfer/schedule-download", Fixture, NULL, fixture_setup,
		   test_schedule_download, fixture_teardown);
	g_test_add("/transfer/full-disk", Fixture, NULL, fixture_setup, test_full_disk,
		   fixture_teardown);
	g_test_add("/transfer/ftp", Fixture, NULL, fixture_setup, test_ftp, fixture_teardown);
	g_test_add("/transfer/http-resume-edges", Fixture, NULL, fixture_setup,
		   test_http_resume_edges, fixture_teardown);
	return g_test_run();
}
