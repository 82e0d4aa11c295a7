/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * cwmpctl: its formatting and parsing (ctl/cwmp-ctl-format.c, the fault-name
 * table) as units, then the cwmpctl binary against the real cwmpd on a
 * private session bus (GTestDBus), every command in both output modes and
 * every exit code. cwmpd runs without an ACS URL, so no session starts.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-ctl-fault.h"
#include "cwmp-ctl-format.h"
#include "cwmp-dbus-daemon.h"
#include "cwmp-error.h"
#include "cwmp-test-httpd.h"
#include "cwmp-test-utils.h"

#define WAIT_CAP_SECONDS 30

/* what to kill when the test aborts (a failed assertion): the private bus's
 * dbus-daemon and cwmpd would otherwise outlive it, holding the test's
 * stdout, and meson would wait for its timeout */
static volatile pid_t ctl_test_abort_pids[2];

static void
ctl_test_abort_handler(int sig)
{
	for (guint i = 0; i < G_N_ELEMENTS(ctl_test_abort_pids); i++) {
		if (ctl_test_abort_pids[i] > 0)
			kill(ctl_test_abort_pids[i], SIGKILL);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* units */

static void
test_table(void)
{
	g_autoptr(CwmpCtlFormatTable) table = cwmp_ctl_format_table_new("NAME", "VALUE", NULL);
	g_autofree gchar *text = NULL;

	cwmp_ctl_format_table_add_row(table, "Device.A", "1", NULL);
	cwmp_ctl_format_table_add_row(table, "Device.LongerName", "two\nlines", NULL);
	cwmp_ctl_format_table_add_row(table, "Device.Ünï", NULL);
	text = cwmp_ctl_format_table_to_string(table);
	g_assert_cmpstr(text, ==,
			"NAME               VALUE\n"
			"Device.A           1\n"
			"Device.LongerName  two\\nlines\n"
			"Device.Ünï\n");
}

static void
test_escape(void)
{
	g_autofree gchar *plain = cwmp_ctl_format_escape("a b");
	g_autofree gchar *ctrl = cwmp_ctl_format_escape("a\tb\x1b[0m\\");
	g_autofree gchar *bad = cwmp_ctl_format_escape("a\xff");
	g_autofree gchar *null = cwmp_ctl_format_escape(NULL);

	g_assert_cmpstr(plain, ==, "a b");
	g_assert_cmpstr(ctrl, ==, "a\\tb\\x1b[0m\\\\");
	g_assert_cmpstr(bad, ==, "a\xef\xbf\xbd");
	g_assert_cmpstr(null, ==, "");
}

static void
test_time(void)
{
	g_autofree gchar *t = cwmp_ctl_format_time(1700000000ull * G_USEC_PER_SEC + 999999);
	g_assert_cmpstr(t, ==, "2023-11-14T22:13:20Z");
	g_assert_null(cwmp_ctl_format_time(0));
}

static void
test_assignment_one(const gchar *arg, const gchar *path, const gchar *value, const gchar *type)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *p = NULL;
	g_autofree gchar *v = NULL;
	g_autofree gchar *t = NULL;

	g_assert_true(cwmp_ctl_format_parse_assignment(arg, &p, &v, &t, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(p, ==, path);
	g_assert_cmpstr(v, ==, value);
	g_assert_cmpstr(t, ==, type);
}

static void
test_assignment(void)
{
	const gchar *bad[] = {"Device.A", "=1", "Device.A.=1", NULL};

	test_assignment_one("Device.A=1", "Device.A", "1", "");
	test_assignment_one("Device.A=1:unsignedInt", "Device.A", "1", "unsignedInt");
	test_assignment_one("Device.A=1:xsd:int", "Device.A", "1", "int");
	test_assignment_one("Device.A=", "Device.A", "", "");
	test_assignment_one("Device.A=:string", "Device.A", "", "string");
	test_assignment_one("Device.U=http://acs:7547/x", "Device.U", "http://acs:7547/x", "");
	test_assignment_one("Device.A=a:string:string", "Device.A", "a:string", "string");
	test_assignment_one("Device.A=x=y:bool", "Device.A", "x=y:bool", "");
	for (guint i = 0; bad[i] != NULL; i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *p = NULL;
		g_autofree gchar *v = NULL;
		g_autofree gchar *t = NULL;
		g_assert_false(cwmp_ctl_format_parse_assignment(bad[i], &p, &v, &t, &error));
		g_assert_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
		g_assert_null(p);
	}
}

static void
test_attributes(void)
{
	const gchar	   *ok1[] = {"notification=2", NULL};
	const gchar	   *ok2[] = {"access=Subscriber, X", "notification=0", NULL};
	const gchar	   *ok3[] = {"access=", NULL};
	const gchar *const *bad[] = {
	    (const gchar *[]){NULL},
	    (const gchar *[]){"notification=7", NULL},
	    (const gchar *[]){"notification=x", NULL},
	    (const gchar *[]){"notification=1", "notification=2", NULL},
	    (const gchar *[]){"access=A", "access=B", NULL},
	    (const gchar *[]){"colour=red", NULL},
	    NULL,
	};
	gboolean nchange = FALSE;
	gboolean achange = FALSE;
	guint	 notification = 99;
	GStrv	 access = NULL;

	g_assert_true(cwmp_ctl_format_parse_attributes(ok1, &nchange, &notification, &achange,
						       &access, NULL));
	g_assert_true(nchange);
	g_assert_cmpuint(notification, ==, 2);
	g_assert_false(achange);
	g_assert_cmpuint(g_strv_length(access), ==, 0);
	g_clear_pointer(&access, g_strfreev);

	g_assert_true(cwmp_ctl_format_parse_attributes(ok2, &nchange, &notification, &achange,
						       &access, NULL));
	g_assert_true(nchange);
	g_assert_cmpuint(notification, ==, 0);
	g_assert_true(achange);
	g_assert_cmpuint(g_strv_length(access), ==, 2);
	g_assert_cmpstr(access[0], ==, "Subscriber");
	g_assert_cmpstr(access[1], ==, "X");
	g_clear_pointer(&access, g_strfreev);

	g_assert_true(cwmp_ctl_format_parse_attributes(ok3, &nchange, &notification, &achange,
						       &access, NULL));
	g_assert_false(nchange);
	g_assert_true(achange);
	g_assert_cmpuint(g_strv_length(access), ==, 0);
	g_clear_pointer(&access, g_strfreev);

	for (guint i = 0; bad[i] != NULL; i++) {
		g_autoptr(GError) error = NULL;
		g_assert_false(cwmp_ctl_format_parse_attributes(bad[i], &nchange, &notification,
								&achange, &access, &error));
		g_assert_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
		g_assert_null(access);
	}
}

/* cwmpctl reads fault codes back from the names the daemon registers */
static void
test_fault_names(void)
{
	for (gint code = 8000; code <= 9899; code++) {
		const gchar *name = cwmp_fault_to_name(code);
		if (name != NULL)
			g_assert_cmpint(cwmp_fault_from_name(name), ==, code);
	}
	g_assert_cmpint(cwmp_fault_from_name("Vendor9801"), ==, 9801);
	g_assert_cmpint(cwmp_fault_from_name("Vendor19801"), ==, 0);
	g_assert_cmpint(cwmp_fault_from_name("Nonsense"), ==, 0);
	g_assert_cmpint(cwmp_fault_from_name(""), ==, 0);
	g_assert_cmpint(cwmp_fault_from_name(NULL), ==, 0);
}

static void
test_fault_dbus_error(void)
{
	g_autoptr(GError) fault = g_dbus_error_new_for_dbus_error("org.cwmpd.Agent1.Error.Fault."
								  "InvalidParameterName",
								  "no such parameter");
	g_autoptr(GError) other =
	    g_dbus_error_new_for_dbus_error("org.cwmpd.Agent1.Error.NotFound", "gone");
	g_autoptr(GError) local = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_FAILED, "x");
	g_autofree gchar *name = NULL;
	g_autofree gchar *message = NULL;
	gint		  code = 0;

	g_assert_true(cwmp_ctl_fault_from_dbus_error(fault, &code, &name, &message));
	g_assert_cmpint(code, ==, 9005);
	g_assert_cmpstr(name, ==, "InvalidParameterName");
	g_assert_cmpstr(message, ==, "no such parameter");
	g_assert_false(cwmp_ctl_fault_from_dbus_error(other, NULL, NULL, NULL));
	g_assert_false(cwmp_ctl_fault_from_dbus_error(local, NULL, NULL, NULL));
}

/* cwmpctl against cwmpd on a private bus */

typedef struct {
	GTestDBus	*bus;
	GDBusConnection *connection;
	gchar		*dir;
	gchar		*config_file;
	gchar		*log_file;
	GPid		 pid;
	gboolean	 running;
	guint		 child_watch;
	gboolean	 name_owned;
	guint		 name_watch;
} Fixture;

typedef struct {
	gint   status; /* the exit code, or -1 when killed by a signal */
	gchar *out;
	gchar *err;
} CtlResult;

static void
ctl_result_clear(CtlResult *result)
{
	g_free(result->out);
	g_free(result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CtlResult, ctl_result_clear)

static const gchar *
ctl_test_env(const gchar *name)
{
	const gchar *value = g_getenv(name);
	if (value == NULL)
		g_error("%s is not set (run the test through meson)", name);
	return value;
}

static void
ctl_test_child_exited_cb(GPid pid, gint status, gpointer user_data)
{
	Fixture *fx = user_data;
	fx->running = FALSE;
	fx->child_watch = 0;
	ctl_test_abort_pids[1] = 0;
	g_spawn_close_pid(pid);
}

static void
ctl_test_name_appeared_cb(GDBusConnection *connection,
			  const gchar	  *name,
			  const gchar	  *owner,
			  gpointer	   user_data)
{
	Fixture *fx = user_data;
	fx->name_owned = TRUE;
}

static void
ctl_test_name_vanished_cb(GDBusConnection *connection, const gchar *name, gpointer user_data)
{
	Fixture *fx = user_data;
	fx->name_owned = FALSE;
}

typedef gboolean (*CtlTestCond)(Fixture *fx, gpointer data);

static void
ctl_test_wait(Fixture *fx, CtlTestCond cond, gpointer data, const gchar *what)
{
	gboolean expired = FALSE;
	guint	 id = g_timeout_add_seconds(WAIT_CAP_SECONDS, cwmp_test_utils_flag_cb, &expired);

	while (!cond(fx, data) && !expired)
		g_main_context_iteration(NULL, TRUE);
	if (!expired)
		g_source_remove(id);
	if (!cond(fx, data)) {
		g_autofree gchar *log = NULL;
		g_file_get_contents(fx->log_file, &log, NULL, NULL);
		g_error("timed out waiting for %s; cwmpd log:\n%s", what, log != NULL ? log : "");
	}
}

static gboolean
ctl_test_cond_owned(Fixture *fx, gpointer data)
{
	return fx->name_owned || !fx->running;
}

static gboolean
ctl_test_cond_exited(Fixture *fx, gpointer data)
{
	return !fx->running;
}

static void
ctl_test_start_cwmpd(Fixture *fx)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) envp = g_get_environ();
	const gchar *argv[] = {ctl_test_env("CWMPD_BINARY"), "--session-bus", "--config",
			       fx->config_file, NULL};
	gint	     log_fd;

	envp = g_environ_setenv(envp, "CWMP_PLUGIN_DIR", ctl_test_env("CWMP_PLUGIN_DIR"), TRUE);
	log_fd = g_open(fx->log_file, O_WRONLY | O_CREAT | O_APPEND, 0644);
	g_assert_cmpint(log_fd, >=, 0);
	if (!g_spawn_async_with_fds(NULL, (gchar **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
				    NULL, &fx->pid, -1, log_fd, log_fd, &error))
		g_error("spawn cwmpd: %s", error->message);
	close(log_fd);
	fx->running = TRUE;
	ctl_test_abort_pids[1] = fx->pid;
	fx->child_watch = g_child_watch_add(fx->pid, ctl_test_child_exited_cb, fx);
	ctl_test_wait(fx, ctl_test_cond_owned, NULL, "cwmpd on the bus");
	if (!fx->running) {
		g_autofree gchar *log = NULL;
		g_file_get_contents(fx->log_file, &log, NULL, NULL);
		g_error("cwmpd exited at start:\n%s", log != NULL ? log : "");
	}
}

static void
ctl_test_stop_cwmpd(Fixture *fx)
{
	if (!fx->running)
		return;
	kill(fx->pid, SIGTERM);
	ctl_test_wait(fx, ctl_test_cond_exited, NULL, "cwmpd to exit");
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *state_dir = NULL;
	g_autofree gchar *text = NULL;
	gboolean	  start = GPOINTER_TO_INT(data);
	g_autoptr(GVariant) bus_pid = NULL;

	fx->dir = cwmp_test_utils_mkdtemp("cwmp-ctl-test-XXXXXX");
	fx->config_file = g_build_filename(fx->dir, "cwmpd.conf", NULL);
	fx->log_file = g_build_filename(fx->dir, "cwmpd.log", NULL);
	state_dir = g_build_filename(fx->dir, "state", NULL);
	text = g_strdup_printf("[connection-request]\n"
			       "address=127.0.0.1\n"
			       "port=0\n"
			       "[state]\n"
			       "directory=%s\n"
			       "[device]\n"
			       "manufacturer=Example Networks\n"
			       "oui=00A0C9\n"
			       "product-class=TestBox\n"
			       "serial-number=CTL0001\n"
			       "[transfers]\n"
			       "config-file=%s/device.conf\n",
			       state_dir, fx->dir);
	g_assert_true(g_file_set_contents(fx->config_file, text, -1, &error));
	g_assert_no_error(error);

	fx->bus = g_test_dbus_new(G_TEST_DBUS_NONE);
	g_test_dbus_up(fx->bus);
	fx->connection = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &error);
	g_assert_no_error(error);
	bus_pid = g_dbus_connection_call_sync(
	    fx->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
	    "GetConnectionUnixProcessID", g_variant_new("(s)", "org.freedesktop.DBus"),
	    G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
	if (bus_pid != NULL) {
		guint32 pid = 0;
		g_variant_get(bus_pid, "(u)", &pid);
		ctl_test_abort_pids[0] = (pid_t) pid;
	}
	fx->name_watch = g_bus_watch_name_on_connection(
	    fx->connection, "org.cwmpd.Agent1", G_BUS_NAME_WATCHER_FLAGS_NONE,
	    ctl_test_name_appeared_cb, ctl_test_name_vanished_cb, fx, NULL);
	if (start)
		ctl_test_start_cwmpd(fx);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	ctl_test_stop_cwmpd(fx);
	if (g_test_failed()) {
		g_autofree gchar *log = NULL;
		g_file_get_contents(fx->log_file, &log, NULL, NULL);
		g_printerr("cwmpd log:\n%s\n", log != NULL ? log : "");
	}
	g_bus_unwatch_name(fx->name_watch);
	g_dbus_connection_close_sync(fx->connection, NULL, NULL);
	g_clear_object(&fx->connection);
	g_test_dbus_down(fx->bus);
	g_clear_object(&fx->bus);
	ctl_test_abort_pids[0] = 0;
	if (g_getenv("CWMP_TEST_KEEP") == NULL)
		cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
	g_free(fx->config_file);
	g_free(fx->log_file);
}

/* runs cwmpctl --session with @args */
static void
ctl_runv(CtlResult *result, const gchar *const *args)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autoptr(GSubprocess) proc = NULL;
	g_autofree gchar *joined = g_strjoinv(" ", (gchar **) args);

	g_ptr_array_add(argv, (gpointer) ctl_test_env("CWMPCTL_BINARY"));
	g_ptr_array_add(argv, (gpointer) "--session");
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer) args[i]);
	g_ptr_array_add(argv, NULL);
	proc = g_subprocess_newv((const gchar *const *) argv->pdata,
				 G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
				 &error);
	g_assert_no_error(error);
	g_subprocess_communicate_utf8(proc, NULL, NULL, &result->out, &result->err, &error);
	g_assert_no_error(error);
	result->status = g_subprocess_get_if_exited(proc) ? g_subprocess_get_exit_status(proc) : -1;
	g_test_message("cwmpctl %s -> %d\nstdout: %s\nstderr: %s", joined, result->status,
		       result->out, result->err);
}

/* runs cwmpctl --session with the NULL-terminated arguments */
static void
ctl_run(CtlResult *result, const gchar *first_arg, ...)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	va_list args;

	va_start(args, first_arg);
	for (const gchar *a = first_arg; a != NULL; a = va_arg(args, const gchar *))
		g_ptr_array_add(argv, (gpointer) a);
	va_end(args);
	g_ptr_array_add(argv, NULL);
	ctl_runv(result, (const gchar *const *) argv->pdata);
}

/* the object at the root of @text, which must be JSON */
static JsonObject *
ctl_parse_json(JsonParser *parser, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	JsonNode *root;

	json_parser_load_from_data(parser, text, -1, &error);
	g_assert_no_error(error);
	root = json_parser_get_root(parser);
	g_assert_nonnull(root);
	g_assert_true(JSON_NODE_HOLDS_OBJECT(root));
	return json_node_get_object(root);
}

static void
ctl_assert_ok(CtlResult *r)
{
	if (r->status != 0)
		g_error("cwmpctl failed (%d): %s", r->status, r->err);
}

static void
test_status(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) table = {0};
	g_auto(CtlResult) json = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *obj;
	JsonObject *last;
	JsonObject *sessions;

	ctl_run(&table, "status", NULL);
	ctl_assert_ok(&table);
	g_assert_nonnull(strstr(table.out, "Status:"));
	g_assert_nonnull(strstr(table.out, "idle"));
	g_assert_nonnull(strstr(table.out, "ACS URL:"));
	g_assert_nonnull(strstr(table.out, "Last session:    never"));
	g_assert_nonnull(strstr(table.out, "0 succeeded, 0 failed, 0 total"));
	g_assert_nonnull(strstr(table.out, PACKAGE_VERSION));

	ctl_run(&json, "--json", "status", NULL);
	ctl_assert_ok(&json);
	obj = ctl_parse_json(parser, json.out);
	g_assert_cmpstr(json_object_get_string_member(obj, "status"), ==, "idle");
	g_assert_cmpstr(json_object_get_string_member(obj, "acs_url"), ==, "");
	g_assert_cmpstr(json_object_get_string_member(obj, "version"), ==, PACKAGE_VERSION);
	g_assert_false(json_object_get_boolean_member(obj, "bootstrap_done"));
	last = json_object_get_object_member(obj, "last_session");
	g_assert_nonnull(last);
	g_assert_true(json_object_get_null_member(last, "start"));
	g_assert_cmpint(json_object_get_int_member(last, "start_usec"), ==, 0);
	g_assert_true(json_object_has_member(last, "result"));
	g_assert_true(json_object_has_member(obj, "next_session"));
	sessions = json_object_get_object_member(obj, "sessions");
	g_assert_cmpint(json_object_get_int_member(sessions, "succeeded"), ==, 0);
	g_assert_cmpint(json_object_get_int_member(sessions, "failed"), ==, 0);
	g_assert_cmpint(json_object_get_int_member(sessions, "total"), ==, 0);
}

static void
test_get_set(Fixture *fx, gconstpointer data)
{
	const gchar *path = "Device.ManagementServer.PeriodicInformInterval";
	g_auto(CtlResult) get1 = {0};
	g_auto(CtlResult) set1 = {0};
	g_auto(CtlResult) set2 = {0};
	g_auto(CtlResult) get2 = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *obj;
	JsonArray  *params;
	JsonObject *p;

	ctl_run(&get1, "get", "Device.DeviceInfo.Manufacturer", path, NULL);
	ctl_assert_ok(&get1);
	g_assert_true(g_str_has_prefix(get1.out, "PARAMETER"));
	g_assert_nonnull(strstr(get1.out, "Device.DeviceInfo.Manufacturer"));
	g_assert_nonnull(strstr(get1.out, "Example Networks"));
	g_assert_nonnull(strstr(get1.out, "unsignedInt"));

	ctl_run(&set1, "set", "Device.ManagementServer.PeriodicInformInterval=1234", NULL);
	ctl_assert_ok(&set1);
	g_assert_nonnull(strstr(set1.out, "1234"));
	g_assert_nonnull(strstr(set1.out, "Status: 0"));

	ctl_run(&set2, "--json", "set",
		"Device.ManagementServer.PeriodicInformInterval=4321:unsignedInt", NULL);
	ctl_assert_ok(&set2);
	obj = ctl_parse_json(parser, set2.out);
	g_assert_cmpint(json_object_get_int_member(obj, "status"), ==, 0);
	params = json_object_get_array_member(obj, "parameters");
	g_assert_cmpuint(json_array_get_length(params), ==, 1);
	p = json_array_get_object_element(params, 0);
	g_assert_cmpstr(json_object_get_string_member(p, "path"), ==, path);
	g_assert_cmpstr(json_object_get_string_member(p, "value"), ==, "4321");
	g_assert_cmpstr(json_object_get_string_member(p, "type"), ==, "unsignedInt");

	ctl_run(&get2, "--json", "get", path, NULL);
	ctl_assert_ok(&get2);
	obj = ctl_parse_json(parser, get2.out);
	params = json_object_get_array_member(obj, "parameters");
	g_assert_cmpuint(json_array_get_length(params), ==, 1);
	p = json_array_get_object_element(params, 0);
	g_assert_cmpstr(json_object_get_string_member(p, "path"), ==, path);
	g_assert_cmpstr(json_object_get_string_member(p, "value"), ==, "4321");
	g_assert_cmpstr(json_object_get_string_member(p, "type"), ==, "unsignedInt");
}

static void
test_add_del(Fixture *fx, gconstpointer data)
{
	const gchar *table_path = "Device.ManagementServer.InformParameter.";
	g_auto(CtlResult) add1 = {0};
	g_auto(CtlResult) add2 = {0};
	g_auto(CtlResult) del1 = {0};
	g_auto(CtlResult) del2 = {0};
	g_auto(CtlResult) del3 = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autofree gchar *object2 = NULL;
	g_autofree gchar *expected = NULL;
	JsonObject	 *obj;
	gint64		  instance;

	ctl_run(&add1, "add", table_path, NULL);
	ctl_assert_ok(&add1);
	g_assert_true(g_str_has_prefix(add1.out, "Added Device.ManagementServer.InformParameter."));

	ctl_run(&add2, "--json", "add", table_path, NULL);
	ctl_assert_ok(&add2);
	obj = ctl_parse_json(parser, add2.out);
	instance = json_object_get_int_member(obj, "instance");
	g_assert_cmpint(instance, >, 0);
	object2 = g_strdup_printf("%s%" G_GINT64_FORMAT ".", table_path, instance);
	g_assert_cmpstr(json_object_get_string_member(obj, "object"), ==, object2);
	/* the first one is in the table output too, with its own number */
	g_assert_null(strstr(add1.out, object2));

	ctl_run(&del1, "del", object2, NULL);
	ctl_assert_ok(&del1);
	expected = g_strdup_printf("Deleted %s\n", object2);
	g_assert_cmpstr(del1.out, ==, expected);

	/* gone: deleting it again is a fault */
	ctl_run(&del2, "--json", "del", object2, NULL);
	g_assert_cmpint(del2.status, ==, 1);
	g_assert_nonnull(strstr(del2.err, "cwmpctl: fault 9005 InvalidParameterName: "));

	ctl_run(&del3, "--json", "del", g_strstrip(add1.out + strlen("Added ")), NULL);
	ctl_assert_ok(&del3);
	obj = ctl_parse_json(parser, del3.out);
	g_assert_true(json_object_get_boolean_member(obj, "deleted"));
	g_assert_true(g_str_has_prefix(json_object_get_string_member(obj, "object"), table_path));
}

static void
test_names(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) table = {0};
	g_auto(CtlResult) json = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *obj;
	JsonArray  *names;
	gboolean    found = FALSE;

	ctl_run(&table, "names", "Device.ManagementServer.", "--next-level", NULL);
	ctl_assert_ok(&table);
	g_assert_true(g_str_has_prefix(table.out, "NAME"));
	g_assert_nonnull(strstr(table.out, "Device.ManagementServer.PeriodicInformInterval"));
	g_assert_nonnull(strstr(table.out, "Device.ManagementServer.InformParameter."));
	/* next level only: nothing two levels down */
	g_assert_null(strstr(table.out, "Device.ManagementServer.InformParameter.1."));

	ctl_run(&json, "--json", "names", "Device.DeviceInfo.", NULL);
	ctl_assert_ok(&json);
	obj = ctl_parse_json(parser, json.out);
	names = json_object_get_array_member(obj, "names");
	g_assert_cmpuint(json_array_get_length(names), >, 1);
	for (guint i = 0; i < json_array_get_length(names); i++) {
		JsonObject *n = json_array_get_object_element(names, i);
		g_assert_true(g_str_has_prefix(json_object_get_string_member(n, "path"), "Device."
											 "DeviceInf"
											 "o."));
		if (g_strcmp0(json_object_get_string_member(n, "path"), "Device.DeviceInfo."
									"Manufacturer") == 0) {
			g_assert_false(json_object_get_boolean_member(n, "writable"));
			found = TRUE;
		}
	}
	g_assert_true(found);
}

static void
test_attrs(Fixture *fx, gconstpointer data)
{
	const gchar *path = "Device.ManagementServer.PeriodicInformInterval";
	g_auto(CtlResult) set_table = {0};
	g_auto(CtlResult) set_json = {0};
	g_auto(CtlResult) get_table = {0};
	g_auto(CtlResult) get_json = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *obj;
	JsonArray  *attrs;
	JsonObject *a;
	JsonArray  *access;

	ctl_run(&set_table, "set-attr", path, "notification=1", NULL);
	ctl_assert_ok(&set_table);
	g_assert_nonnull(strstr(set_table.out, path));

	ctl_run(&get_table, "attrs", path, NULL);
	ctl_assert_ok(&get_table);
	g_assert_true(g_str_has_prefix(get_table.out, "PARAMETER"));
	g_assert_nonnull(strstr(get_table.out, path));
	g_assert_nonnull(strstr(get_table.out, "  1"));

	ctl_run(&set_json, "--json", "set-attr", path, "notification=2", "access=Subscriber", NULL);
	ctl_assert_ok(&set_json);
	obj = ctl_parse_json(parser, set_json.out);
	g_assert_cmpint(json_object_get_int_member(obj, "notification"), ==, 2);
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(obj, "access_list")),
			 ==, 1);

	ctl_run(&get_json, "--json", "attrs", path, NULL);
	ctl_assert_ok(&get_json);
	obj = ctl_parse_json(parser, get_json.out);
	attrs = json_object_get_array_member(obj, "attributes");
	g_assert_cmpuint(json_array_get_length(attrs), ==, 1);
	a = json_array_get_object_element(attrs, 0);
	g_assert_cmpstr(json_object_get_string_member(a, "path"), ==, path);
	g_assert_cmpint(json_object_get_int_member(a, "notification"), ==, 2);
	access = json_object_get_array_member(a, "access_list");
	g_assert_cmpuint(json_array_get_length(access), ==, 1);
	g_assert_cmpstr(json_array_get_string_element(access, 0), ==, "Subscriber");
}

static void
test_plugins(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) table = {0};
	g_auto(CtlResult) json = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *obj;
	JsonArray  *plugins;
	JsonObject *p;

	ctl_run(&table, "plugins", NULL);
	ctl_assert_ok(&table);
	g_assert_true(g_str_has_prefix(table.out, "NAME"));
	g_assert_nonnull(strstr(table.out, "tr181"));
	g_assert_nonnull(strstr(table.out, "started"));

	ctl_run(&json, "--json", "plugins", NULL);
	ctl_assert_ok(&json);
	obj = ctl_parse_json(parser, json.out);
	plugins = json_object_get_array_member(obj, "plugins");
	/* every plugin of the build: tr143 and tr181, in load (name) order */
	g_assert_cmpuint(json_array_get_length(plugins), ==, 2);
	p = json_array_get_object_element(plugins, 0);
	g_assert_cmpstr(json_object_get_string_member(p, "name"), ==, "tr143");
	g_assert_cmpstr(json_object_get_string_member(p, "state"), ==, "started");
	p = json_array_get_object_element(plugins, 1);
	g_assert_cmpstr(json_object_get_string_member(p, "name"), ==, "tr181");
	g_assert_cmpstr(json_object_get_string_member(p, "state"), ==, "started");
	g_assert_cmpstr(json_object_get_string_member(p, "error"), ==, "");
	g_assert_true(g_str_has_suffix(json_object_get_string_member(p, "file"), ".so"));
	g_assert_cmpstr(json_object_get_string_member(p, "object_path"), ==,
			"/org/cwmpd/Agent1/Plugins/tr181");
}

static void
test_inform_reload(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) inform_table = {0};
	g_auto(CtlResult) inform_json = {0};
	g_auto(CtlResult) inform_grm = {0};
	g_auto(CtlResult) reload_table = {0};
	g_auto(CtlResult) reload_json = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *obj;
	JsonArray  *events;

	ctl_run(&inform_table, "inform", "6 CONNECTION REQUEST", NULL);
	ctl_assert_ok(&inform_table);
	g_assert_cmpstr(inform_table.out, ==, "Inform requested with 6 CONNECTION REQUEST\n");

	ctl_run(&inform_json, "--json", "inform", "8 DIAGNOSTICS COMPLETE", NULL);
	ctl_assert_ok(&inform_json);
	obj = ctl_parse_json(parser, inform_json.out);
	g_assert_false(json_object_get_boolean_member(obj, "get_rpc_methods"));
	events = json_object_get_array_member(obj, "events");
	g_assert_cmpuint(json_array_get_length(events), ==, 1);
	g_assert_cmpstr(json_array_get_string_element(events, 0), ==, "8 DIAGNOSTICS COMPLETE");

	/* the next session also calls GetRPCMethods on the ACS */
	ctl_run(&inform_grm, "--json", "inform", "--get-rpc-methods", NULL);
	ctl_assert_ok(&inform_grm);
	obj = ctl_parse_json(parser, inform_grm.out);
	g_assert_true(json_object_get_boolean_member(obj, "get_rpc_methods"));

	ctl_run(&reload_table, "reload", NULL);
	ctl_assert_ok(&reload_table);
	g_assert_true(g_str_has_prefix(reload_table.out, "Reloaded; "));

	ctl_run(&reload_json, "--json", "reload", NULL);
	ctl_assert_ok(&reload_json);
	obj = ctl_parse_json(parser, reload_json.out);
	g_assert_nonnull(json_object_get_array_member(obj, "needs_restart"));
}

static void
test_fault(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) table = {0};
	g_auto(CtlResult) json = {0};
	g_auto(CtlResult) set = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *obj;
	JsonObject *fault;

	ctl_run(&table, "get", "Device.NoSuchThing", NULL);
	g_assert_cmpint(table.status, ==, 1);
	g_assert_true(g_str_has_prefix(table.err, "cwmpctl: fault 9005 InvalidParameterName: "));
	g_assert_cmpstr(table.out, ==, "");

	ctl_run(&json, "--json", "get", "Device.NoSuchThing", NULL);
	g_assert_cmpint(json.status, ==, 1);
	obj = ctl_parse_json(parser, json.out);
	fault = json_object_get_object_member(obj, "fault");
	g_assert_cmpint(json_object_get_int_member(fault, "code"), ==, 9005);
	g_assert_cmpstr(json_object_get_string_member(fault, "name"), ==, "InvalidParameterName");

	/* a bad value: the transaction's fault */
	ctl_run(&set, "set", "Device.ManagementServer.PeriodicInformInterval=lots", NULL);
	g_assert_cmpint(set.status, ==, 1);
	g_assert_true(g_str_has_prefix(set.err, "cwmpctl: fault 90"));
}

static void
test_usage(Fixture *fx, gconstpointer data)
{
	/* every one of these is wrong before any D-Bus call: no daemon needed */
	const gchar *const cases[][4] = {
	    {NULL},
	    {"frobnicate", NULL},
	    {"--no-such-option", "status", NULL},
	    {"get", NULL},
	    {"status", "extra", NULL},
	    {"set", "Device.A", NULL},
	    {"add", "Device.NotAnObject", NULL},
	    {"del", "Device.X.1", NULL},
	    {"set-attr", "Device.A", "notification=9", NULL},
	    {"get", "--next-level", "Device.", NULL},
	    {"status", "--get-rpc-methods", NULL},
	    {"--timeout", "0", "status", NULL},
	    {"inform", "CONNECTION REQUEST", NULL},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_auto(CtlResult) r = {0};
		ctl_runv(&r, cases[i]);
		g_assert_cmpint(r.status, ==, 2);
		g_assert_true(g_str_has_prefix(r.err, "cwmpctl: "));
		g_assert_nonnull(strstr(r.err, "--help"));
	}
}

static void
test_not_running(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) r = {0};
	g_auto(CtlResult) json = {0};
	g_autoptr(GError) error = NULL;
	g_autoptr(GSubprocess) proc = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	const gchar	 *argv[] = {ctl_test_env("CWMPCTL_BINARY"), "--session", "status", NULL};
	g_autoptr(GSubprocessLauncher) launcher = NULL;

	/* the bus is there, cwmpd is not */
	ctl_run(&r, "status", NULL);
	g_assert_cmpint(r.status, ==, 3);
	g_assert_nonnull(strstr(r.err, "cwmpd is not running"));
	ctl_run(&json, "--json", "get", "Device.", NULL);
	g_assert_cmpint(json.status, ==, 3);

	/* no bus at all */
	launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
					     G_SUBPROCESS_FLAGS_STDERR_PIPE);
	g_subprocess_launcher_setenv(launcher, "DBUS_SESSION_BUS_ADDRESS",
				     "unix:path=/nonexistent/cwmp-ctl-test-bus", TRUE);
	proc = g_subprocess_launcher_spawnv(launcher, argv, &error);
	g_assert_no_error(error);
	g_subprocess_communicate_utf8(proc, NULL, NULL, &out, &err, &error);
	g_assert_no_error(error);
	g_assert_cmpint(g_subprocess_get_exit_status(proc), ==, 3);
	g_assert_nonnull(strstr(err, "cannot connect to the session bus"));
}

/* monitor: a line per event; reads stdout of a running cwmpctl monitor */

typedef struct {
	GDataInputStream *out;
	GDataInputStream *err;
} MonitorStreams;

static gchar *
ctl_monitor_read_line(GDataInputStream *stream)
{
	g_autoptr(GError) error = NULL;
	gchar *line = g_data_input_stream_read_line_utf8(stream, NULL, NULL, &error);
	g_assert_no_error(error);
	return line;
}

static void
test_monitor_mode(Fixture *fx, gboolean json)
{
	const gchar *path = "Device.ManagementServer.PeriodicInformInterval";
	g_autoptr(GError) error = NULL;
	g_autoptr(GSubprocess) proc = NULL;
	g_autoptr(GDataInputStream) out = NULL;
	g_autoptr(GDataInputStream) err = NULL;
	g_autofree gchar *ready = NULL;
	g_autofree gchar *line = NULL;
	g_autofree gchar *value = g_strdup_printf("%s=%d", path, json ? 777 : 888);
	g_auto(CtlResult) set = {0};
	const gchar *argv[] = {ctl_test_env("CWMPCTL_BINARY"),
			       "--session",
			       json ? "--json" : "--session",
			       "monitor",
			       path,
			       NULL};

	proc = g_subprocess_newv(
	    argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
	g_assert_no_error(error);
	out = g_data_input_stream_new(g_subprocess_get_stdout_pipe(proc));
	err = g_data_input_stream_new(g_subprocess_get_stderr_pipe(proc));
	/* it says so on stderr once it has subscribed */
	ready = ctl_monitor_read_line(err);
	g_assert_nonnull(ready);
	g_assert_true(g_str_has_prefix(ready, "cwmpctl: monitoring org.cwmpd.Agent1"));

	ctl_run(&set, "set", value, NULL);
	ctl_assert_ok(&set);
	/* property changes (NextSession) may come first: skip them */
	for (guint i = 0; i < 20; i++) {
		g_clear_pointer(&line, g_free);
		line = ctl_monitor_read_line(out);
		g_assert_nonnull(line);
		g_test_message("monitor: %s", line);
		if (strstr(line, "parameter-changed") != NULL)
			break;
		g_assert_nonnull(strstr(line, "property-changed"));
	}
	if (json) {
		g_autoptr(JsonParser) parser = json_parser_new();
		JsonObject *obj = ctl_parse_json(parser, line);
		g_assert_cmpstr(json_object_get_string_member(obj, "event"), ==,
				"parameter-changed");
		g_assert_cmpstr(json_object_get_string_member(obj, "path"), ==, path);
		g_assert_cmpstr(json_object_get_string_member(obj, "value"), ==, "777");
		g_assert_nonnull(json_object_get_string_member(obj, "time"));
	} else {
		g_autofree gchar *expected = g_strdup_printf("parameter-changed %s = 888", path);
		g_assert_nonnull(strstr(line, expected));
	}

	if (json) {
		/* Ctrl-C: exit 0 */
		g_subprocess_send_signal(proc, SIGINT);
		g_subprocess_wait(proc, NULL, &error);
		g_assert_no_error(error);
		g_assert_true(g_subprocess_get_if_exited(proc));
		g_assert_cmpint(g_subprocess_get_exit_status(proc), ==, 0);
	} else {
		/* the daemon goes away: exit 3 */
		g_autofree gchar *gone = NULL;
		ctl_test_stop_cwmpd(fx);
		g_subprocess_wait(proc, NULL, &error);
		g_assert_no_error(error);
		g_assert_true(g_subprocess_get_if_exited(proc));
		g_assert_cmpint(g_subprocess_get_exit_status(proc), ==, 3);
		gone = ctl_monitor_read_line(err);
		g_assert_nonnull(gone);
		g_assert_nonnull(strstr(gone, "cwmpd left the session bus"));
	}
}

static void
test_monitor_table(Fixture *fx, gconstpointer data)
{
	test_monitor_mode(fx, FALSE);
}

static void
test_monitor_json(Fixture *fx, gconstpointer data)
{
	test_monitor_mode(fx, TRUE);
}

/* the bash completion: commands, options, and paths from "cwmpctl names" */
static gchar *
ctl_complete(const gchar *words)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new(
	    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
	g_autoptr(GSubprocess) proc = NULL;
	g_autofree gchar *ctl_dir = g_path_get_dirname(ctl_test_env("CWMPCTL_BINARY"));
	g_autofree gchar *path = g_strdup_printf("%s:%s", ctl_dir, g_getenv("PATH"));
	g_autofree gchar *script = g_strdup_printf("source '%s'\n"
						   "COMP_WORDS=(%s)\n"
						   "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
						   "_cwmpctl\n"
						   "echo \"${COMPREPLY[*]}\"\n",
						   ctl_test_env("CWMPCTL_COMPLETION"), words);
	const gchar	 *argv[] = {"bash", "--norc", "--noprofile", "-c", script, NULL};
	gchar		 *out = NULL;
	g_autofree gchar *err = NULL;

	g_subprocess_launcher_setenv(launcher, "PATH", path, TRUE);
	g_subprocess_launcher_setenv(launcher, "DBUS_SYSTEM_BUS_ADDRESS",
				     "unix:path=/nonexistent/cwmp-ctl-test-system-bus", TRUE);
	proc = g_subprocess_launcher_spawnv(launcher, argv, &error);
	g_assert_no_error(error);
	g_subprocess_communicate_utf8(proc, NULL, NULL, &out, &err, &error);
	g_assert_no_error(error);
	g_assert_cmpint(g_subprocess_get_exit_status(proc), ==, 0);
	/* completion must stay quiet, whatever cwmpctl says */
	g_assert_cmpstr(err, ==, "");
	g_strchomp(out);
	g_test_message("complete %s -> [%s]", words, out);
	return out;
}

static void
test_bash_completion(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *commands = ctl_complete("cwmpctl ''");
	g_autofree gchar *commands_se = ctl_complete("cwmpctl se");
	g_autofree gchar *options = ctl_complete("cwmpctl --session names --");
	g_autofree gchar *object = ctl_complete("cwmpctl --session get Device.DeviceI");
	g_autofree gchar *params = ctl_complete("cwmpctl --session attrs Device.DeviceInfo.Manuf");
	g_autofree gchar *attr = ctl_complete("cwmpctl --session set-attr Device.A no");
	g_autofree gchar *diag = ctl_complete("cwmpctl diag u");
	g_autofree gchar *diag_option = ctl_complete("cwmpctl diag upload le");
	/* the system bus has no cwmpd here: nothing, and nothing printed */
	g_autofree gchar *quiet = ctl_complete("cwmpctl get Device.DeviceI");

	g_assert_cmpstr(commands, ==,
			"status inform get set add del names attrs set-attr plugins monitor "
			"reload transfers transfer diag");
	g_assert_cmpstr(commands_se, ==, "set set-attr");
	g_assert_nonnull(strstr(options, "--json"));
	g_assert_nonnull(strstr(options, "--next-level"));
	g_assert_cmpstr(object, ==, "Device.DeviceInfo.");
	g_assert_cmpstr(params, ==,
			"Device.DeviceInfo.Manufacturer Device.DeviceInfo.ManufacturerOUI");
	g_assert_cmpstr(attr, ==, "notification=");
	g_assert_cmpstr(diag, ==, "upload udpecho");
	g_assert_cmpstr(diag_option, ==, "length=");
	g_assert_cmpstr(quiet, ==, "");
}

/* transfers: an autonomous download from lighttpd, followed to its end */
static void
test_transfers(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) empty = {0};
	g_auto(CtlResult) policy = {0};
	g_auto(CtlResult) start = {0};
	g_auto(CtlResult) follow = {0};
	g_auto(CtlResult) table = {0};
	g_auto(CtlResult) unclaimed = {0};
	g_auto(CtlResult) usage = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(CwmpTestHttpd) httpd = NULL;
	g_autofree gchar *skip = NULL;
	g_autofree gchar *url = NULL;
	g_auto(GStrv) lines = NULL;
	JsonObject *obj;
	guint	    progress_lines = 0;

	httpd = cwmp_test_httpd_new(fx->dir, &skip);
	if (httpd == NULL) {
		g_test_skip(skip);
		return;
	}
	cwmp_test_httpd_set_rate_limit(httpd, 512);
	cwmp_test_httpd_start(httpd);
	g_free(cwmp_test_httpd_add_file(httpd, "conf.bin", 2 * 1024 * 1024));
	url = cwmp_test_httpd_url(httpd, "conf.bin");

	ctl_run(&empty, "--json", "transfers", NULL);
	ctl_assert_ok(&empty);
	obj = ctl_parse_json(parser, empty.out);
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(obj, "transfers")), ==,
			 0);
	/* kept until an ACS hears of it, so the end can be seen */
	ctl_run(&policy, "set",
		"Device.ManagementServer.AutonomousTransferCompletePolicy.Enable=true", NULL);
	ctl_assert_ok(&policy);
	ctl_run(&start, "transfer", "download", "3 Vendor Configuration File", url, NULL);
	ctl_assert_ok(&start);
	g_assert_cmpstr(start.out, ==, "transfer 1 queued: /org/cwmpd/Agent1/Transfers/1\n");

	ctl_run(&follow, "--json", "transfers", "--follow", NULL);
	ctl_assert_ok(&follow);
	lines = g_strsplit(g_strstrip(follow.out), "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		obj = ctl_parse_json(parser, lines[i]);
		g_assert_cmpint(json_object_get_int_member(obj, "id"), ==, 1);
		if (g_strcmp0(json_object_get_string_member(obj, "state"), "fetching") == 0)
			progress_lines++;
		if (lines[i + 1] == NULL) {
			g_assert_cmpstr(json_object_get_string_member(obj, "state"), ==, "done");
			g_assert_cmpint(json_object_get_int_member(obj, "fault_code"), ==, 0);
			g_assert_cmpint(json_object_get_int_member(obj, "bytes_done"), ==,
					2 * 1024 * 1024);
			g_assert_true(json_object_get_boolean_member(obj, "autonomous"));
		}
	}
	/* 4 s at 512 KiB/s: the bytes were seen moving */
	g_assert_cmpuint(progress_lines, >=, 2);

	ctl_run(&table, "transfers", NULL);
	ctl_assert_ok(&table);
	g_assert_true(g_str_has_prefix(table.out, "ID"));
	g_assert_nonnull(strstr(table.out, "Download (autonomous)"));
	g_assert_nonnull(strstr(table.out, "success"));

	ctl_run(&unclaimed, "transfer", "download", "2 Web Content", url, NULL);
	g_assert_cmpint(unclaimed.status, ==, 1);
	g_assert_nonnull(strstr(unclaimed.err, "not supported"));
	ctl_run(&usage, "transfer", "sideways", "2 Web Content", url, NULL);
	g_assert_cmpint(usage.status, ==, 2);
}

static guint16
ctl_test_free_udp_port(void)
{
	g_autoptr(GSocket) socket =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(lo, 0);
	g_autoptr(GSocketAddress) bound = NULL;

	g_assert_true(g_socket_bind(socket, address, TRUE, NULL));
	bound = g_socket_get_local_address(socket, NULL);
	return g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
}

/* diag: the UDP echo client of the tr143 plugin against its own server */
static void
test_diag(Fixture *fx, gconstpointer data)
{
	g_auto(CtlResult) bad_kind = {0};
	g_auto(CtlResult) bad_arg = {0};
	g_auto(CtlResult) bad_option = {0};
	g_auto(CtlResult) enable = {0};
	g_auto(CtlResult) json = {0};
	g_auto(CtlResult) table = {0};
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autofree gchar *port = g_strdup_printf("%u", ctl_test_free_udp_port());
	g_autofree gchar *udp_port =
	    g_strconcat("Device.IP.Diagnostics.UDPEchoConfig.UDPPort=", port, NULL);
	g_autofree gchar *port_arg = g_strconcat("port=", port, NULL);
	JsonObject	 *obj;
	JsonObject	 *results;

	ctl_run(&bad_kind, "diag", "bogus", NULL);
	g_assert_cmpint(bad_kind.status, ==, 2);
	ctl_run(&bad_arg, "diag", "udpecho", "nonsense", NULL);
	g_assert_cmpint(bad_arg.status, ==, 2);
	ctl_run(&bad_option, "diag", "udpecho", "url=x", NULL);
	g_assert_cmpint(bad_option.status, ==, 2);

	ctl_run(&enable, "set", udp_port,
		"Device.IP.Diagnostics.UDPEchoConfig.EchoPlusEnabled=true",
		"Device.IP.Diagnostics.UDPEchoConfig.Enable=true", NULL);
	if (enable.status != 0) {
		g_test_skip("the tr143 plugin is not loaded");
		return;
	}
	ctl_run(&json, "--json", "diag", "udpecho", "host=127.0.0.1", port_arg, "count=3",
		"interval=10", "per-packet=true", NULL);
	ctl_assert_ok(&json);
	obj = ctl_parse_json(parser, json.out);
	g_assert_cmpstr(json_object_get_string_member(obj, "state"), ==, "Complete");
	results = json_object_get_object_member(obj, "results");
	g_assert_cmpstr(json_object_get_string_member(results, "SuccessCount"), ==, "3");
	g_assert_cmpstr(json_object_get_string_member(results, "FailureCount"), ==, "0");
	g_assert_cmpstr(json_object_get_string_member(results, "IndividualPacketResult.3."
							       "TestRespSN"),
			==, "3");

	/* a test ending in an error state: its results, exit status 1 */
	ctl_run(&table, "diag", "udpecho", "host=no-such-host.invalid", NULL);
	g_assert_cmpint(table.status, ==, 1);
	g_assert_true(g_str_has_prefix(table.out, "RESULT"));
	g_assert_nonnull(strstr(table.out, "Error_CannotResolveHostName"));
}

static void
ctl_test_add(const gchar *name, gboolean start, void (*func)(Fixture *, gconstpointer))
{
	g_test_add(name, Fixture, GINT_TO_POINTER(start), fixture_setup, func, fixture_teardown);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	signal(SIGABRT, ctl_test_abort_handler);
	signal(SIGTRAP, ctl_test_abort_handler);

	g_test_add_func("/cwmp/ctl/table", test_table);
	g_test_add_func("/cwmp/ctl/escape", test_escape);
	g_test_add_func("/cwmp/ctl/time", test_time);
	g_test_add_func("/cwmp/ctl/assignment", test_assignment);
	g_test_add_func("/cwmp/ctl/attributes", test_attributes);
	g_test_add_func("/cwmp/ctl/fault-names", test_fault_names);
	g_test_add_func("/cwmp/ctl/fault-dbus-error", test_fault_dbus_error);
	ctl_test_add("/cwmp/ctl/diag", TRUE, test_diag);

	ctl_test_add("/cwmp/ctl/exit/usage", FALSE, test_usage);
	ctl_test_add("/cwmp/ctl/exit/not-running", FALSE, test_not_running);
	ctl_test_add("/cwmp/ctl/exit/fault", TRUE, test_fault);
	ctl_test_add("/cwmp/ctl/status", TRUE, test_status);
	ctl_test_add("/cwmp/ctl/get-set", TRUE, test_get_set);
	ctl_test_add("/cwmp/ctl/add-del", TRUE, test_add_del);
	ctl_test_add("/cwmp/ctl/names", TRUE, test_names);
	ctl_test_add("/cwmp/ctl/attrs", TRUE, test_attrs);
	ctl_test_add("/cwmp/ctl/plugins", TRUE, test_plugins);
	ctl_test_add("/cwmp/ctl/inform-reload", TRUE, test_inform_reload);
	ctl_test_add("/cwmp/ctl/monitor/table", TRUE, test_monitor_table);
	ctl_test_add("/cwmp/ctl/monitor/json", TRUE, test_monitor_json);
	ctl_test_add("/cwmp/ctl/bash-completion", TRUE, test_bash_completion);
	ctl_test_add("/cwmp/ctl/transfers", TRUE, test_transfers);
	return g_test_run();
}
