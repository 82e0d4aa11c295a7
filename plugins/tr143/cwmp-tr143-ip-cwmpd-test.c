/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * End to end: the cwmpd binary against the cwmp-acs-sim executable on
 * loopback. The ACS sets the IPPing parameters and DiagnosticsState
 * Requested in one SetParameterValues; the ping runs after that session;
 * the next session carries "8 DIAGNOSTICS COMPLETE" and the ACS reads the
 * results. (The ACS simulator library is built after the plugins, so the
 * test drives its executable with a script and reads its JSON log.)
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "cwmp-tr181-test-netns.h"

#define WAIT_CAP_MS 60000
#define DIAG_EVENT  "8 DIAGNOSTICS COMPLETE"

typedef struct {
	gboolean done;
	gboolean expired;
} Waiter;

static void
wait_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	Waiter *waiter = user_data;
	g_subprocess_wait_finish(G_SUBPROCESS(source), result, NULL);
	waiter->done = TRUE;
}

static gboolean
expire_cb(gpointer user_data)
{
	((Waiter *) user_data)->expired = TRUE;
	return G_SOURCE_REMOVE;
}

/* whether @process exited within @ms */
static gboolean
wait_process(GSubprocess *process, guint ms)
{
	Waiter waiter = {FALSE, FALSE};
	guint  id = g_timeout_add(ms, expire_cb, &waiter);

	g_subprocess_wait_async(process, NULL, wait_cb, &waiter);
	while (!waiter.done && !waiter.expired)
		g_main_context_iteration(NULL, TRUE);
	if (!waiter.expired)
		g_source_remove(id);
	return waiter.done;
}

static gchar *
read_file_or_empty(const gchar *path)
{
	gchar *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return g_strdup("");
	return text;
}

typedef struct {
	gboolean spv_ok;
	gboolean diag_event;
	guint	 diag_event_session;
	guint	 spv_session;
	gchar	*state;
	gchar	*success;
	gchar	*failure;
	gchar	*average;
} Seen;

static void
scan_rpc(Seen *seen, JsonObject *record, const gchar *member)
{
	JsonNode    *node = json_object_get_member(record, member);
	JsonObject  *rpc;
	const gchar *method;
	guint	     session = (guint) json_object_get_int_member(record, "session");

	if (node == NULL || JSON_NODE_HOLDS_NULL(node))
		return;
	rpc = json_node_get_object(node);
	method = json_object_get_string_member_with_default(rpc, "method", "");
	if (g_strcmp0(method, "SetParameterValuesResponse") == 0) {
		seen->spv_ok = TRUE;
		seen->spv_session = session;
	}
	if (g_strcmp0(method, "Inform") == 0 && json_object_has_member(rpc, "events")) {
		JsonArray *events = json_object_get_array_member(rpc, "events");
		for (guint i = 0; i < json_array_get_length(events); i++) {
			JsonObject  *event = json_array_get_object_element(events, i);
			const gchar *code = json_object_get_string_member(event, "code");
			if (g_strcmp0(code, DIAG_EVENT) == 0) {
				seen->diag_event = TRUE;
				seen->diag_event_session = session;
			}
		}
	}
	if (g_strcmp0(method, "GetParameterValuesResponse") == 0 &&
	    json_object_has_member(rpc, "values")) {
		JsonObject *values = json_object_get_object_member(rpc, "values");
#define TAKE(field, name)                                                                          \
	if (json_object_has_member(values, "Device.IP.Diagnostics.IPPing." name))                  \
		seen->field = g_strdup(json_object_get_string_member(values, "Device.IP."          \
									     "Diagnostics."        \
									     "IPPing." name));
		TAKE(state, "DiagnosticsState");
		TAKE(success, "SuccessCount");
		TAKE(failure, "FailureCount");
		TAKE(average, "AverageResponseTimeDetailed");
#undef TAKE
	}
}

static void
test_cwmpd_ipping(void)
{
	const gchar *cwmpd = g_getenv("CWMPD_BINARY");
	const gchar *acs_sim = g_getenv("CWMP_ACS_SIM_BINARY");
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("cwmp-tr143-cwmpd-XXXXXX", &error);
	g_autofree gchar *script = g_build_filename(dir, "ping.script", NULL);
	g_autofree gchar *url_file = g_build_filename(dir, "url", NULL);
	g_autofree gchar *json_log = g_build_filename(dir, "acs.json", NULL);
	g_autofree gchar *conf = g_build_filename(dir, "cwmpd.conf", NULL);
	g_autofree gchar *state = g_build_filename(dir, "state", NULL);
	g_autofree gchar *log = g_build_filename(dir, "cwmpd.log", NULL);
	g_autofree gchar *url = NULL;
	g_autofree gchar *config = NULL;
	g_autofree gchar *records = NULL;
	g_auto(GStrv) lines = NULL;
	g_autoptr(GSubprocess) sim = NULL;
	g_autoptr(GSubprocess) agent = NULL;
	g_autoptr(GSubprocessLauncher) launcher = NULL;
	Seen seen = {0};

	if (cwmpd == NULL || acs_sim == NULL || !g_file_test(cwmpd, G_FILE_TEST_IS_EXECUTABLE) ||
	    !g_file_test(acs_sim, G_FILE_TEST_IS_EXECUTABLE)) {
		g_test_skip("CWMPD_BINARY and CWMP_ACS_SIM_BINARY must name the built programs");
		return;
	}
	g_assert_no_error(error);
	g_assert_true(g_file_set_contents(script,
					  "SetParameterValues "
					  "Device.IP.Diagnostics.IPPing.Host=127.0.0.1 "
					  "Device.IP.Diagnostics.IPPing.NumberOfRepetitions=3:"
					  "unsignedInt "
					  "Device.IP.Diagnostics.IPPing.Timeout=2000:unsignedInt "
					  "Device.IP.Diagnostics.IPPing.DiagnosticsState=Requested "
					  "ping-1\n"
					  "WaitInform \"8 DIAGNOSTICS COMPLETE\"\n"
					  "GetParameterValues Device.IP.Diagnostics.IPPing.\n"
					  "Exit\n",
					  -1, &error));
	sim = g_subprocess_new(G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, acs_sim, "--quiet",
			       "--url-file", url_file, "--json-log", json_log, "--script", script,
			       NULL);
	g_assert_no_error(error);
	for (guint i = 0; i < 250 && !g_file_test(url_file, G_FILE_TEST_EXISTS); i++)
		g_usleep(20000);
	g_assert_true(g_file_get_contents(url_file, &url, NULL, &error));
	g_strstrip(url);
	config = g_strdup_printf("[acs]\nurl=%s\nretry-minimum-wait-interval=1\n"
				 "periodic-inform-enable=false\n"
				 "[connection-request]\naddress=127.0.0.1\nport=0\n"
				 "username=cr\npassword=cr-secret\n"
				 "[state]\ndirectory=%s\n"
				 "[device]\nmanufacturer=Example Networks\noui=00A0C9\n"
				 "product-class=TestBox\nserial-number=TR143PING\n",
				 url, state);
	g_assert_true(g_file_set_contents(conf, config, -1, &error));

	launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_NONE);
	g_subprocess_launcher_set_stdout_file_path(launcher, log);
	g_subprocess_launcher_set_stderr_file_path(launcher, log);
	g_subprocess_launcher_setenv(launcher, "G_MESSAGES_DEBUG", "CwmpPluginTr143", TRUE);
	agent = g_subprocess_launcher_spawn(launcher, &error, cwmpd, "--config", conf, NULL);
	g_assert_no_error(error);

	/* the simulator exits once it has read the results */
	if (!wait_process(sim, WAIT_CAP_MS)) {
		g_autofree gchar *text = read_file_or_empty(log);
		g_subprocess_force_exit(sim);
		g_subprocess_force_exit(agent);
		g_error("the ACS did not finish its script; cwmpd log:\n%s", text);
	}
	g_subprocess_send_signal(agent, SIGTERM);
	if (!wait_process(agent, 10000))
		g_subprocess_force_exit(agent);
	g_assert_true(g_subprocess_get_if_exited(sim));
	g_assert_cmpint(g_subprocess_get_exit_status(sim), ==, 0);

	g_assert_true(g_file_get_contents(json_log, &records, NULL, &error));
	lines = g_strsplit(records, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		g_autoptr(JsonParser) parser = json_parser_new();
		JsonObject *record;
		if (lines[i][0] == '\0')
			continue;
		g_assert_true(json_parser_load_from_data(parser, lines[i], -1, &error));
		record = json_node_get_object(json_parser_get_root(parser));
		scan_rpc(&seen, record, "request");
		scan_rpc(&seen, record, "response");
	}
	g_test_message("SetParameterValues in session %u, 8 DIAGNOSTICS COMPLETE in session %u: "
		       "%s, %s of 3 answered, average %s us",
		       seen.spv_session, seen.diag_event_session, seen.state, seen.success,
		       seen.average);
	g_assert_true(seen.spv_ok);
	g_assert_true(seen.diag_event);
	/* the ping ran after the session that asked for it */
	g_assert_cmpuint(seen.diag_event_session, >, seen.spv_session);
	g_assert_cmpstr(seen.state, ==, "Complete");
	g_assert_cmpstr(seen.success, ==, "3");
	g_assert_cmpstr(seen.failure, ==, "0");
	g_assert_nonnull(seen.average);
	g_assert_cmpuint(g_ascii_strtoull(seen.average, NULL, 10), >, 0);
	g_free(seen.state);
	g_free(seen.success);
	g_free(seen.failure);
	g_free(seen.average);
	cwmp_tr181_test_rm_rf(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/tr143/cwmpd/ipping", test_cwmpd_ipping);
	return g_test_run();
}
