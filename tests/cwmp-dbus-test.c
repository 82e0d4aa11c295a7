/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The D-Bus service: the real cwmpd spawned with --session-bus on a private
 * bus (GTestDBus), against the ACS simulator running in this process. Every
 * wait spins the main loop until a condition holds, with a cap.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cwmp-acs-sim.h"
#include "cwmp-dbus-daemon.h"
#include "cwmp-test-httpd.h"
#include "cwmp-test-utils.h"

#define WAIT_CAP_SECONDS 30
#define PIC		 "Device.ManagementServer.PeriodicInformInterval"

typedef struct {
	gchar		*dir;
	gchar		*config_file;
	gchar		*log_file;
	GTestDBus	*bus;
	CwmpAcsSim	*sim;
	GDBusConnection *client;
	GPid		 pid;
	gboolean	 running;
	gint		 exit_status;
	guint		 sessions_started;
	guint		 sessions_ended;
	gboolean	 last_success;
	guint		 properties_changed;
	guint		 sub_ids[3];
} Fixture;

/* one private bus for the whole run: GTestDBus cannot come up twice */
static GTestDBus *test_bus;

typedef gboolean (*DbusTestCond)(Fixture *fx, gconstpointer data);

static gboolean
dbus_test_tick_cb(gpointer user_data)
{
	return G_SOURCE_CONTINUE;
}

static gchar *
dbus_test_read_log(Fixture *fx)
{
	gchar *log = NULL;
	if (!g_file_get_contents(fx->log_file, &log, NULL, NULL))
		return g_strdup("");
	return log;
}

static void
dbus_test_wait(Fixture *fx, DbusTestCond cond, gconstpointer data, const gchar *what)
{
	gboolean expired = FALSE;
	guint	 id = g_timeout_add_seconds(WAIT_CAP_SECONDS, cwmp_test_utils_flag_cb, &expired);
	guint	 tick = g_timeout_add(20, dbus_test_tick_cb, NULL);

	while (!cond(fx, data) && !expired)
		g_main_context_iteration(NULL, TRUE);
	g_source_remove(tick);
	if (!expired)
		g_source_remove(id);
	if (!cond(fx, data)) {
		g_autofree gchar *log = dbus_test_read_log(fx);
		g_error("timed out waiting for %s; cwmpd log:\n%s", what, log);
	}
}

static void
dbus_test_child_exited_cb(GPid pid, gint status, gpointer user_data)
{
	Fixture *fx = user_data;
	fx->running = FALSE;
	fx->exit_status = status;
	g_spawn_close_pid(pid);
}

static gboolean
dbus_test_cond_exited(Fixture *fx, gconstpointer data)
{
	return !fx->running;
}

static gboolean
dbus_test_cond_name(Fixture *fx, gconstpointer data)
{
	g_autoptr(GVariant) reply = g_dbus_connection_call_sync(
	    fx->client, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
	    "NameHasOwner", g_variant_new("(s)", CWMP_DBUS_NAME), G_VARIANT_TYPE("(b)"),
	    G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
	gboolean owned = FALSE;
	if (reply != NULL)
		g_variant_get(reply, "(b)", &owned);
	return owned;
}

static gboolean
dbus_test_cond_log(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *log = dbus_test_read_log(fx);
	return strstr(log, data) != NULL;
}

static gboolean
dbus_test_cond_ended(Fixture *fx, gconstpointer data)
{
	return fx->sessions_ended >= GPOINTER_TO_UINT(data);
}

static gboolean
dbus_test_cond_started(Fixture *fx, gconstpointer data)
{
	return fx->sessions_started >= GPOINTER_TO_UINT(data);
}

static gboolean
dbus_test_cond_properties(Fixture *fx, gconstpointer data)
{
	return fx->properties_changed > 0;
}

static void
dbus_test_signal_cb(GDBusConnection *connection,
		    const gchar	    *sender,
		    const gchar	    *path,
		    const gchar	    *iface,
		    const gchar	    *signal,
		    GVariant	    *params,
		    gpointer	     user_data)
{
	Fixture *fx = user_data;
	if (g_strcmp0(signal, "SessionStarted") == 0) {
		fx->sessions_started++;
	} else if (g_strcmp0(signal, "SessionEnded") == 0) {
		g_variant_get(params, "(b&s)", &fx->last_success, NULL);
		fx->sessions_ended++;
	} else if (g_strcmp0(signal, "PropertiesChanged") == 0) {
		fx->properties_changed++;
	}
}

static GDBusConnection *
dbus_test_connect(Fixture *fx)
{
	g_autoptr(GError) error = NULL;
	GDBusConnection *connection = g_dbus_connection_new_for_address_sync(
	    g_test_dbus_get_bus_address(fx->bus),
	    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
		G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
	    NULL, NULL, &error);
	g_assert_no_error(error);
	return connection;
}

static GVariant *
dbus_test_call(GDBusConnection	  *connection,
	       const gchar	  *method,
	       GVariant		  *params,
	       const GVariantType *reply_type,
	       GError		 **error)
{
	return g_dbus_connection_call_sync(connection, CWMP_DBUS_NAME, CWMP_DBUS_PATH,
					   CWMP_DBUS_NAME, method, params, reply_type,
					   G_DBUS_CALL_FLAGS_NONE, 10000, NULL, error);
}

static GVariant *
dbus_test_get_property(Fixture *fx, const gchar *name)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = g_dbus_connection_call_sync(
	    fx->client, CWMP_DBUS_NAME, CWMP_DBUS_PATH, "org.freedesktop.DBus.Properties", "Get",
	    g_variant_new("(ss)", CWMP_DBUS_NAME, name), G_VARIANT_TYPE("(v)"),
	    G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
	GVariant *value = NULL;
	g_assert_no_error(error);
	g_variant_get(reply, "(v)", &value);
	return value;
}

/* the remote error name, and the error decoded into CWMP_FAULT */
static void
dbus_test_assert_fault(GError *error, const gchar *name, gint code)
{
	g_autofree gchar *remote = NULL;
	g_assert_nonnull(error);
	remote = g_dbus_error_get_remote_error(error);
	g_assert_cmpstr(remote, ==, name);
	g_assert_error(error, CWMP_FAULT, code);
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *text = NULL;
	g_auto(GStrv) envp = NULL;
	const gchar *argv[] = {NULL, "--session-bus", "--config", NULL, NULL};
	gint	     log_fd;

	cwmp_dbus_daemon_register_errors();
	fx->dir = cwmp_test_utils_mkdtemp("cwmp-dbus-test-XXXXXX");
	fx->config_file = g_build_filename(fx->dir, "cwmpd.conf", NULL);
	fx->log_file = g_build_filename(fx->dir, "cwmpd.log", NULL);
	fx->sim = cwmp_acs_sim_new();
	g_assert_true(cwmp_acs_sim_start(fx->sim, "127.0.0.1", 0, &error));
	g_assert_no_error(error);
	url = cwmp_acs_sim_get_url(fx->sim);
	text = g_strdup_printf("[acs]\nurl=%s\nretry-minimum-wait-interval=1\n"
			       "retry-interval-multiplier=1000\nsession-timeout=20\n"
			       "periodic-inform-enable=false\n"
			       "[connection-request]\naddress=127.0.0.1\nport=0\n"
			       "username=cr-user\npassword=cr-secret\n"
			       "advertised-host=127.0.0.1\n"
			       "[state]\ndirectory=%s/state\n"
			       "[device]\nmanufacturer=Example Networks\noui=00A0C9\n"
			       "product-class=TestBox\nserial-number=TEST0001\n"
			       "[transfers]\nconfig-file=%s/device.conf\n",
			       url, fx->dir, fx->dir);
	g_assert_true(g_file_set_contents(fx->config_file, text, -1, &error));

	fx->bus = g_object_ref(test_bus);
	fx->client = dbus_test_connect(fx);
	fx->sub_ids[0] = g_dbus_connection_signal_subscribe(
	    fx->client, NULL, CWMP_DBUS_NAME, NULL, CWMP_DBUS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
	    dbus_test_signal_cb, fx, NULL);
	fx->sub_ids[1] = g_dbus_connection_signal_subscribe(
	    fx->client, NULL, "org.freedesktop.DBus.Properties", "PropertiesChanged",
	    CWMP_DBUS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE, dbus_test_signal_cb, fx, NULL);

	argv[0] = g_getenv("CWMPD_BINARY");
	g_assert_nonnull(argv[0]);
	argv[3] = fx->config_file;
	envp = g_get_environ();
	envp = g_environ_setenv(envp, "DBUS_SESSION_BUS_ADDRESS",
				g_test_dbus_get_bus_address(fx->bus), TRUE);
	envp = g_environ_setenv(envp, "G_MESSAGES_DEBUG", "CwmpCore", TRUE);
	log_fd = g_open(fx->log_file, O_WRONLY | O_CREAT | O_APPEND, 0644);
	g_assert_cmpint(log_fd, >=, 0);
	if (!g_spawn_async_with_fds(NULL, (gchar **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
				    NULL, &fx->pid, -1, log_fd, log_fd, &error))
		g_error("spawn cwmpd: %s", error->message);
	close(log_fd);
	fx->running = TRUE;
	g_child_watch_add(fx->pid, dbus_test_child_exited_cb, fx);
	dbus_test_wait(fx, dbus_test_cond_name, NULL, "org.cwmpd.Agent1 on the bus");
	/* the first session (0 BOOTSTRAP, 1 BOOT) is over before a test starts */
	dbus_test_wait(fx, dbus_test_cond_ended, GUINT_TO_POINTER(1), "the first session");
	dbus_test_wait(fx, dbus_test_cond_properties, NULL, "its PropertiesChanged");
	fx->sessions_started = 0;
	fx->sessions_ended = 0;
	fx->properties_changed = 0;
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	if (fx->running) {
		kill(fx->pid, SIGTERM);
		dbus_test_wait(fx, dbus_test_cond_exited, NULL, "cwmpd to exit");
	}
	if (g_test_failed()) {
		g_autofree gchar *log = dbus_test_read_log(fx);
		g_printerr("cwmpd log:\n%s\n", log);
	}
	for (guint i = 0; i < G_N_ELEMENTS(fx->sub_ids); i++) {
		if (fx->sub_ids[i] != 0)
			g_dbus_connection_signal_unsubscribe(fx->client, fx->sub_ids[i]);
	}
	g_dbus_connection_close_sync(fx->client, NULL, NULL);
	g_clear_object(&fx->client);
	g_clear_object(&fx->bus);
	cwmp_acs_sim_stop(fx->sim);
	g_clear_object(&fx->sim);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
	g_free(fx->config_file);
	g_free(fx->log_file);
}

/* reads, properties and the fault names of their errors */
static void
test_dbus_reads(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GVariant) prop = NULL;
	g_autofree gchar *url = cwmp_acs_sim_get_url(fx->sim);
	const gchar	 *paths[] = {"Device.ManagementServer.URL", NULL};
	const gchar	 *bad[] = {"Device.NoSuchThing.", NULL};
	const gchar	 *value = NULL;
	const gchar	 *type = NULL;
	gboolean	  found = FALSE;
	GVariantIter	 *iter = NULL;
	const gchar	 *name;
	gboolean	  writable;

	reply = dbus_test_call(fx->client, "GetParameterValues", g_variant_new("(^as)", paths),
			       G_VARIANT_TYPE("(a(sss))"), &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_variant_n_children(g_variant_get_child_value(reply, 0)), ==, 1);
	g_variant_get_child(reply, 0, "a(sss)", &iter);
	g_assert_true(g_variant_iter_next(iter, "(&s&s&s)", &name, &value, &type));
	g_assert_cmpstr(name, ==, "Device.ManagementServer.URL");
	g_assert_cmpstr(value, ==, url);
	g_assert_cmpstr(type, ==, "string");
	g_variant_iter_free(iter);
	g_clear_pointer(&reply, g_variant_unref);

	prop = dbus_test_get_property(fx, "AcsUrl");
	g_assert_cmpstr(g_variant_get_string(prop, NULL), ==, url);
	g_clear_pointer(&prop, g_variant_unref);
	prop = dbus_test_get_property(fx, "Version");
	g_assert_cmpstr(g_variant_get_string(prop, NULL), ==, PACKAGE_VERSION);
	g_clear_pointer(&prop, g_variant_unref);
	prop = dbus_test_get_property(fx, "BootstrapDone");
	g_assert_true(g_variant_get_boolean(prop));
	g_clear_pointer(&prop, g_variant_unref);
	prop = dbus_test_get_property(fx, "Status");
	g_assert_cmpstr(g_variant_get_string(prop, NULL), ==, "idle");
	g_clear_pointer(&prop, g_variant_unref);
	prop = dbus_test_get_property(fx, "SessionsSucceeded");
	g_assert_cmpuint(g_variant_get_uint32(prop), ==, 1);
	g_clear_pointer(&prop, g_variant_unref);

	reply = dbus_test_call(fx->client, "GetParameterNames",
			       g_variant_new("(sb)", "Device.ManagementServer.", TRUE),
			       G_VARIANT_TYPE("(a(sb))"), &error);
	g_assert_no_error(error);
	g_variant_get_child(reply, 0, "a(sb)", &iter);
	while (g_variant_iter_next(iter, "(&sb)", &name, &writable)) {
		if (g_strcmp0(name, PIC) == 0) {
			g_assert_true(writable);
			found = TRUE;
		}
	}
	g_variant_iter_free(iter);
	g_assert_true(found);
	g_clear_pointer(&reply, g_variant_unref);

	reply = dbus_test_call(fx->client, "GetParameterValues", g_variant_new("(^as)", bad), NULL,
			       &error);
	g_assert_null(reply);
	dbus_test_assert_fault(error, CWMP_DBUS_FAULT_PREFIX "InvalidParameterName",
			       CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	reply = dbus_test_call(fx->client, "GetParameterNames",
			       g_variant_new("(sb)", "Device.NoSuchThing.", FALSE), NULL, &error);
	dbus_test_assert_fault(error, CWMP_DBUS_FAULT_PREFIX "InvalidParameterName",
			       CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	reply = dbus_test_call(fx->client, "GetParameterAttributes", g_variant_new("(^as)", bad),
			       NULL, &error);
	dbus_test_assert_fault(error, CWMP_DBUS_FAULT_PREFIX "InvalidParameterName",
			       CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_clear_error(&error);
	/* AddObject of something that is no table, DeleteObject of no instance */
	reply = dbus_test_call(fx->client, "AddObject", g_variant_new("(s)", "Device.DeviceInfo."),
			       NULL, &error);
	g_assert_null(reply);
	g_assert_true(g_dbus_error_is_remote_error(error));
	g_assert_true(error->domain == CWMP_FAULT);
	g_clear_error(&error);
	reply = dbus_test_call(fx->client, "DeleteObject",
			       g_variant_new("(s)", "Device.NoSuchThing.1."), NULL, &error);
	g_assert_null(reply);
	g_assert_true(error->domain == CWMP_FAULT);
	g_clear_error(&error);
}

/* Inform over D-Bus runs a session: the signals, the properties */
static void
test_dbus_inform(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GVariant) prop = NULL;
	const gchar	  *events[] = {"6 CONNECTION REQUEST", NULL};
	const gchar	  *bad[] = {"99 NO SUCH EVENT", NULL};
	GPtrArray	  *sessions;
	CwmpAcsSimSession *last;
	gboolean	   seen = FALSE;
	guint64		   start = 0;
	guint64		   end = 0;
	const gchar	  *result = NULL;

	reply =
	    dbus_test_call(fx->client, "Inform", g_variant_new("(^asb)", bad, FALSE), NULL, &error);
	dbus_test_assert_fault(error, CWMP_DBUS_FAULT_PREFIX "InvalidArguments",
			       CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);
	fx->properties_changed = 0;
	/* with the GetRPCMethods flag: the session also calls GetRPCMethods on the ACS */
	reply = dbus_test_call(fx->client, "Inform", g_variant_new("(^asb)", events, TRUE),
			       G_VARIANT_TYPE_UNIT, &error);
	g_assert_no_error(error);
	dbus_test_wait(fx, dbus_test_cond_ended, GUINT_TO_POINTER(1), "SessionEnded");
	g_assert_cmpuint(fx->sessions_started, ==, 1);
	g_assert_true(fx->last_success);
	/* the skeleton sends PropertiesChanged from an idle, after the signal */
	dbus_test_wait(fx, dbus_test_cond_properties, NULL, "PropertiesChanged");

	sessions = cwmp_acs_sim_get_sessions(fx->sim);
	g_assert_cmpuint(sessions->len, ==, 2);
	last = g_ptr_array_index(sessions, 1);
	for (guint i = 0; i < last->inform->inform.event->len; i++) {
		CwmpRpcEvent *event = g_ptr_array_index(last->inform->inform.event, i);
		if (g_strcmp0(event->event_code, "6 CONNECTION REQUEST") == 0)
			seen = TRUE;
	}
	g_assert_true(seen);
	seen = FALSE;
	{
		GPtrArray *records = cwmp_acs_sim_get_records(fx->sim);
		for (guint i = 0; i < records->len; i++) {
			CwmpAcsSimRecord *r = g_ptr_array_index(records, i);
			if (r->session == last->number && r->request != NULL &&
			    r->request->method == CWMP_RPC_GET_RPC_METHODS)
				seen = TRUE;
		}
	}
	g_assert_true(seen);

	prop = dbus_test_get_property(fx, "SessionsSucceeded");
	g_assert_cmpuint(g_variant_get_uint32(prop), ==, 2);
	g_clear_pointer(&prop, g_variant_unref);
	prop = dbus_test_get_property(fx, "SessionsTotal");
	g_assert_cmpuint(g_variant_get_uint32(prop), ==, 2);
	g_clear_pointer(&prop, g_variant_unref);
	prop = dbus_test_get_property(fx, "LastSession");
	g_variant_get(prop, "(tt&ss)", &start, &end, &result, NULL);
	g_assert_cmpuint(start, >, 0);
	g_assert_cmpuint(end, >=, start);
	g_assert_cmpstr(result, ==, "success");
}

typedef struct {
	guint  count;
	gchar *path;
	gchar *value;
} ChangedSeen;

static void
dbus_test_changed_cb(GDBusConnection *connection,
		     const gchar     *sender,
		     const gchar     *path,
		     const gchar     *iface,
		     const gchar     *signal,
		     GVariant	     *params,
		     gpointer	      user_data)
{
	ChangedSeen *seen = user_data;
	g_free(seen->path);
	g_free(seen->value);
	g_variant_get(params, "(ss)", &seen->path, &seen->value);
	seen->count++;
}

static gboolean
dbus_test_cond_changed(Fixture *fx, gconstpointer data)
{
	const ChangedSeen *seen = data;
	return seen->count > 0;
}

static guint32
dbus_test_get_notification(Fixture *fx, const gchar *path)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	const gchar  *paths[] = {path, NULL};
	guint32	      notification = G_MAXUINT32;
	GVariantIter *iter = NULL;

	reply = dbus_test_call(fx->client, "GetParameterAttributes", g_variant_new("(^as)", paths),
			       G_VARIANT_TYPE("(a(suas))"), &error);
	g_assert_no_error(error);
	g_variant_get_child(reply, 0, "a(suas)", &iter);
	g_assert_true(g_variant_iter_next(iter, "(&su^a&s)", NULL, &notification, NULL));
	g_variant_iter_free(iter);
	return notification;
}

/* a local set reaches a subscriber on another connection; leaving the bus
 * drops the subscription and the notification it turned on */
static void
test_dbus_subscribe(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GDBusConnection) subscriber = dbus_test_connect(fx);
	g_autofree gchar *left = NULL;
	const gchar	 *paths[] = {PIC, NULL};
	ChangedSeen	  seen = {0};
	ChangedSeen	  other = {0};
	g_autofree gchar *remote = NULL;
	guint		  id;
	guint		  other_id;

	g_assert_cmpuint(dbus_test_get_notification(fx, PIC), ==, 0);
	id = g_dbus_connection_signal_subscribe(
	    subscriber, NULL, CWMP_DBUS_NAME, "ParameterChanged", CWMP_DBUS_PATH, NULL,
	    G_DBUS_SIGNAL_FLAGS_NONE, dbus_test_changed_cb, &seen, NULL);
	/* the setter listens too: the signal is unicast, it must not see it */
	other_id = g_dbus_connection_signal_subscribe(
	    fx->client, NULL, CWMP_DBUS_NAME, "ParameterChanged", CWMP_DBUS_PATH, NULL,
	    G_DBUS_SIGNAL_FLAGS_NONE, dbus_test_changed_cb, &other, NULL);
	reply = dbus_test_call(subscriber, "Subscribe", g_variant_new("(^as)", paths),
			       G_VARIANT_TYPE_UNIT, &error);
	g_assert_no_error(error);
	g_clear_pointer(&reply, g_variant_unref);
	g_assert_cmpuint(dbus_test_get_notification(fx, PIC), ==, 1);

	reply = dbus_test_call(fx->client, "SetParameterValues",
			       g_variant_new_parsed("([(%s, '1234', '')],)", PIC),
			       G_VARIANT_TYPE("(u)"), &error);
	g_assert_no_error(error);
	g_clear_pointer(&reply, g_variant_unref);
	dbus_test_wait(fx, dbus_test_cond_changed, &seen, "ParameterChanged");
	g_assert_cmpstr(seen.path, ==, PIC);
	g_assert_cmpstr(seen.value, ==, "1234");

	/* a bad value: 9003 with the parameter's own fault in the message */
	reply = dbus_test_call(fx->client, "SetParameterValues",
			       g_variant_new_parsed("([(%s, '0', '')],)", PIC), NULL, &error);
	dbus_test_assert_fault(error, CWMP_DBUS_FAULT_PREFIX "InvalidArguments",
			       CWMP_FAULT_INVALID_ARGUMENTS);
	g_dbus_error_strip_remote_error(error);
	g_assert_nonnull(strstr(error->message, PIC));
	g_test_message("the fault: %s", error->message);
	g_assert_nonnull(strstr(error->message, "9007 InvalidParameterValue"));
	g_clear_error(&error);
	/* a type that does not exist */
	reply = dbus_test_call(fx->client, "SetParameterValues",
			       g_variant_new_parsed("([(%s, '5', 'xsd:nonsense')],)", PIC), NULL,
			       &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);

	/* SetParameterAttributes, read back */
	reply = dbus_test_call(fx->client, "SetParameterAttributes",
			       g_variant_new_parsed("([(%s, true, uint32 2, false, @as [])],)",
						    "Device.ManagementServer.PeriodicInformEnable"),
			       G_VARIANT_TYPE_UNIT, &error);
	g_assert_no_error(error);
	g_clear_pointer(&reply, g_variant_unref);
	g_assert_cmpuint(dbus_test_get_notification(fx, "Device.ManagementServer."
							"PeriodicInformEnable"),
			 ==, 2);
	reply = dbus_test_call(fx->client, "SetParameterAttributes",
			       g_variant_new_parsed("([(%s, true, uint32 7, false, @as [])],)",
						    "Device.ManagementServer.PeriodicInformEnable"),
			       NULL, &error);
	dbus_test_assert_fault(error, CWMP_DBUS_FAULT_PREFIX "InvalidParameterValue",
			       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_error(&error);

	/* the subscriber leaves: the daemon drops it and restores the attribute */
	left = g_strdup_printf("subscriber %s left, 0 subscribers remain",
			       g_dbus_connection_get_unique_name(subscriber));
	g_dbus_connection_signal_unsubscribe(subscriber, id);
	g_dbus_connection_close_sync(subscriber, NULL, &error);
	g_assert_no_error(error);
	dbus_test_wait(fx, dbus_test_cond_log, left, "the subscriber to be dropped");
	g_assert_cmpuint(dbus_test_get_notification(fx, PIC), ==, 0);
	g_assert_cmpuint(other.count, ==, 0);
	g_dbus_connection_signal_unsubscribe(fx->client, other_id);
	g_free(seen.path);
	g_free(seen.value);
	g_free(other.path);
	g_free(other.value);
	(void) remote;
}

/* a Subscribe refused for one of its paths leaves no notification on behind
 * it: nobody is subscribed to the paths before the bad one */
static void
test_dbus_subscribe_refused(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	const gchar *paths[] = {PIC, "Device.ManagementServer.NoSuchParameter", NULL};

	g_assert_cmpuint(dbus_test_get_notification(fx, PIC), ==, 0);
	reply = dbus_test_call(fx->client, "Subscribe", g_variant_new("(^as)", paths),
			       G_VARIANT_TYPE_UNIT, &error);
	g_assert_null(reply);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME);
	g_assert_cmpuint(dbus_test_get_notification(fx, PIC), ==, 0);
	g_clear_error(&error);

	/* a reader cannot make the daemon keep an unbounded list: 257 paths at once */
	{
		g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func(g_free);
		for (guint i = 0; i < 257; i++)
			g_ptr_array_add(many, g_strdup_printf("Device.X_%u.", i));
		g_ptr_array_add(many, NULL);
		reply = dbus_test_call(fx->client, "Subscribe",
				       g_variant_new("(^as)", (gchar **) many->pdata),
				       G_VARIANT_TYPE_UNIT, &error);
		g_assert_null(reply);
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED);
	}
}

/* the loop never blocks: a read is answered while the ACS holds a session */
static void
test_dbus_slow_acs(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GVariant) prop = NULL;
	const gchar *events[] = {"6 CONNECTION REQUEST", NULL};
	const gchar *paths[] = {"Device.ManagementServer.", NULL};
	gint64	     t0;
	gint64	     elapsed;

	cwmp_acs_sim_set_misbehave(fx->sim, CWMP_ACS_SIM_MISBEHAVE_SLOW, 1);
	cwmp_acs_sim_set_delay(fx->sim, 15000);
	reply = dbus_test_call(fx->client, "Inform", g_variant_new("(^asb)", events, FALSE),
			       G_VARIANT_TYPE_UNIT, &error);
	g_assert_no_error(error);
	g_clear_pointer(&reply, g_variant_unref);
	dbus_test_wait(fx, dbus_test_cond_started, GUINT_TO_POINTER(1), "SessionStarted");
	/* the ACS answers only in 15 s: cwmpd is waiting on it now */
	prop = dbus_test_get_property(fx, "Status");
	g_assert_cmpstr(g_variant_get_string(prop, NULL), ==, "in-session");
	t0 = g_get_monotonic_time();
	reply = dbus_test_call(fx->client, "GetParameterValues", g_variant_new("(^as)", paths),
			       G_VARIANT_TYPE("(a(sss))"), &error);
	elapsed = g_get_monotonic_time() - t0;
	g_assert_no_error(error);
	g_test_message("GetParameterValues answered in %" G_GINT64_FORMAT " us during the session",
		       elapsed);
	g_assert_cmpint(elapsed, <, 50 * 1000);
	g_assert_cmpuint(fx->sessions_ended, ==, 0);
}

/* one object per plugin through the ObjectManager */
static void
test_dbus_plugins(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GVariant) objects = NULL;
	GVariantIter iter;
	const gchar *path;
	GVariant    *ifaces;
	guint	     n = 0;

	reply = g_dbus_connection_call_sync(
	    fx->client, CWMP_DBUS_NAME, CWMP_DBUS_PATH, "org.freedesktop.DBus.ObjectManager",
	    "GetManagedObjects", NULL, G_VARIANT_TYPE("(a{oa{sa{sv}}})"), G_DBUS_CALL_FLAGS_NONE,
	    10000, NULL, &error);
	g_assert_no_error(error);
	objects = g_variant_get_child_value(reply, 0);
	g_variant_iter_init(&iter, objects);
	while (g_variant_iter_next(&iter, "{&o@a{sa{sv}}}", &path, &ifaces)) {
		g_autoptr(GVariant) props = NULL;
		const gchar *name = NULL;
		const gchar *state = NULL;
		const gchar *file = NULL;

		g_assert_true(g_str_has_prefix(path, CWMP_DBUS_PLUGINS_PATH "/"));
		props = g_variant_lookup_value(ifaces, "org.cwmpd.Plugin1", NULL);
		g_assert_nonnull(props);
		g_assert_true(g_variant_lookup(props, "Name", "&s", &name));
		g_assert_true(g_variant_lookup(props, "State", "&s", &state));
		g_assert_true(g_variant_lookup(props, "File", "&s", &file));
		if (g_strcmp0(name, "tr181") == 0) {
			g_assert_cmpstr(state, ==, "started");
			g_assert_true(g_str_has_suffix(file, ".so"));
			n++;
		}
		g_variant_unref(ifaces);
	}
	g_assert_cmpuint(n, ==, 1);
}

/* Reload answers with what needs a restart; Stop ends cwmpd cleanly */
/* an autonomous transfer started over D-Bus reaches the ACS as
 * AutonomousTransferComplete once the policy asks for it; its object shows
 * the end and goes with the acknowledgement */
static gboolean
dbus_test_cond_atc(Fixture *fx, gconstpointer data)
{
	GPtrArray *records = cwmp_acs_sim_get_records(fx->sim);
	for (guint i = 0; i < records->len; i++) {
		CwmpAcsSimRecord *r = g_ptr_array_index(records, i);
		if (r->request != NULL &&
		    r->request->method == CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE)
			return TRUE;
	}
	return FALSE;
}

/* no Transfer1 object at the path @data any more */
static gboolean
dbus_test_cond_no_object(Fixture *fx, gconstpointer data)
{
	g_autoptr(GVariant) reply = g_dbus_connection_call_sync(
	    fx->client, CWMP_DBUS_NAME, data, "org.freedesktop.DBus.Properties", "GetAll",
	    g_variant_new("(s)", "org.cwmpd.Transfer1"), NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL,
	    NULL);
	return reply == NULL;
}

static void
test_dbus_autonomous_transfer(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(CwmpTestHttpd) httpd = NULL;
	g_autofree gchar			*skip = NULL;
	g_autofree gchar			*url = NULL;
	const gchar				*path = NULL;
	const CwmpRpcAutonomousTransferComplete *atc = NULL;
	GPtrArray				*records;

	httpd = cwmp_test_httpd_new(fx->dir, &skip);
	if (httpd == NULL) {
		g_test_skip(skip);
		return;
	}
	cwmp_test_httpd_start(httpd);
	g_free(cwmp_test_httpd_add_file(httpd, "auto.conf", 4321));
	url = cwmp_test_httpd_url(httpd, "auto.conf");

	/* a direction that does not exist, a type nobody claims */
	reply = dbus_test_call(
	    fx->client, "StartTransfer",
	    g_variant_new("(sssss)", "sideways", "3 Vendor Configuration File", url, "", ""), NULL,
	    &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);
	reply = dbus_test_call(fx->client, "StartTransfer",
			       g_variant_new("(sssss)", "download", "4 Tone File", url, "", ""),
			       NULL, &error);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE);
	g_clear_error(&error);

	/* the policy asks for uploads only: this download is not reported, its
	 * object goes when it ends */
	reply = dbus_test_call(fx->client, "SetParameterValues",
			       g_variant_new_parsed("([('Device.ManagementServer."
						    "AutonomousTransferCompletePolicy.Enable', "
						    "'true', "
						    "''), "
						    "('Device.ManagementServer."
						    "AutonomousTransferCompletePolicy."
						    "TransferTypeFilter', 'Upload', '')],)"),
			       G_VARIANT_TYPE("(u)"), &error);
	g_assert_no_error(error);
	g_clear_pointer(&reply, g_variant_unref);
	reply = dbus_test_call(
	    fx->client, "StartTransfer",
	    g_variant_new("(sssss)", "download", "3 Vendor Configuration File", url, "", ""),
	    G_VARIANT_TYPE("(o)"), &error);
	g_assert_no_error(error);
	g_variant_get(reply, "(&o)", &path);
	g_assert_cmpstr(path, ==, "/org/cwmpd/Agent1/Transfers/1");
	g_clear_pointer(&reply, g_variant_unref);
	dbus_test_wait(fx, dbus_test_cond_log, "transfer 1 (Download ''): done",
		       "the first download");
	dbus_test_wait(fx, dbus_test_cond_no_object, "/org/cwmpd/Agent1/Transfers/1",
		       "its object to go");
	g_assert_false(dbus_test_cond_atc(fx, NULL));

	reply = dbus_test_call(fx->client, "SetParameterValues",
			       g_variant_new_parsed("([('Device.ManagementServer."
						    "AutonomousTransferCompletePolicy."
						    "TransferTypeFilter', 'Both', '')],)"),
			       G_VARIANT_TYPE("(u)"), &error);
	g_assert_no_error(error);
	g_clear_pointer(&reply, g_variant_unref);
	reply = dbus_test_call(
	    fx->client, "StartTransfer",
	    g_variant_new("(sssss)", "download", "3 Vendor Configuration File", url, "", ""),
	    G_VARIANT_TYPE("(o)"), &error);
	g_assert_no_error(error);
	g_variant_get(reply, "(&o)", &path);
	g_assert_cmpstr(path, ==, "/org/cwmpd/Agent1/Transfers/2");
	dbus_test_wait(fx, dbus_test_cond_atc, NULL, "AutonomousTransferComplete");
	records = cwmp_acs_sim_get_records(fx->sim);
	for (guint i = 0; i < records->len; i++) {
		CwmpAcsSimRecord *r = g_ptr_array_index(records, i);
		if (r->request != NULL &&
		    r->request->method == CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE)
			atc = &r->request->autonomous_transfer_complete;
	}
	g_assert_nonnull(atc);
	g_assert_true(atc->is_download);
	g_assert_cmpstr(atc->file_type, ==, "3 Vendor Configuration File");
	g_assert_cmpstr(atc->transfer_url, ==, url);
	g_assert_cmpuint(atc->file_size, ==, 4321);
	g_assert_cmpuint(atc->fault_struct.fault_code, ==, 0);
	{
		GPtrArray	  *sessions = cwmp_acs_sim_get_sessions(fx->sim);
		CwmpAcsSimSession *last = g_ptr_array_index(sessions, sessions->len - 1);
		gboolean	   seen = FALSE;
		for (guint i = 0; i < last->inform->inform.event->len; i++) {
			CwmpRpcEvent *event = g_ptr_array_index(last->inform->inform.event, i);
			seen |=
			    g_strcmp0(event->event_code, "10 AUTONOMOUS TRANSFER COMPLETE") == 0;
		}
		g_assert_true(seen);
	}
}

static void
test_dbus_reload_stop(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply = NULL;

	reply = dbus_test_call(fx->client, "Reload", NULL, G_VARIANT_TYPE("(as)"), &error);
	g_assert_no_error(error);
	g_clear_pointer(&reply, g_variant_unref);
	reply = dbus_test_call(fx->client, "Stop", NULL, G_VARIANT_TYPE_UNIT, &error);
	g_assert_no_error(error);
	dbus_test_wait(fx, dbus_test_cond_exited, NULL, "cwmpd to stop");
	g_assert_true(WIFEXITED(fx->exit_status));
	g_assert_cmpint(WEXITSTATUS(fx->exit_status), ==, 0);
}

/* the decision without polkit: reads for all, the rest for root */
static void
test_dbus_authorisation(void)
{
	const gchar *reads[] = {"GetParameterValues", "GetParameterNames", "GetParameterAttributes",
				"Subscribe"};
	const gchar *writes[] = {"SetParameterValues", "SetParameterAttributes", "AddObject",
				 "DeleteObject"};
	const gchar *controls[] = {"Inform", "Reload", "Stop", "NoSuchMethod"};

	for (guint i = 0; i < G_N_ELEMENTS(reads); i++) {
		g_assert_cmpint(cwmp_dbus_daemon_method_access(reads[i]), ==,
				CWMP_DBUS_ACCESS_READ);
		g_assert_true(
		    cwmp_dbus_daemon_uid_allowed(1000, cwmp_dbus_daemon_method_access(reads[i])));
		g_assert_true(
		    cwmp_dbus_daemon_uid_allowed(0, cwmp_dbus_daemon_method_access(reads[i])));
	}
	for (guint i = 0; i < G_N_ELEMENTS(writes); i++) {
		g_assert_cmpint(cwmp_dbus_daemon_method_access(writes[i]), ==,
				CWMP_DBUS_ACCESS_WRITE);
		g_assert_false(
		    cwmp_dbus_daemon_uid_allowed(1000, cwmp_dbus_daemon_method_access(writes[i])));
		g_assert_true(
		    cwmp_dbus_daemon_uid_allowed(0, cwmp_dbus_daemon_method_access(writes[i])));
	}
	for (guint i = 0; i < G_N_ELEMENTS(controls); i++) {
		g_assert_cmpint(cwmp_dbus_daemon_method_access(controls[i]), ==,
				CWMP_DBUS_ACCESS_CONTROL);
		g_assert_false(
		    cwmp_dbus_daemon_uid_allowed(1, cwmp_dbus_daemon_method_access(controls[i])));
		g_assert_true(
		    cwmp_dbus_daemon_uid_allowed(0, cwmp_dbus_daemon_method_access(controls[i])));
	}
	g_assert_cmpstr(cwmp_dbus_daemon_access_to_action(CWMP_DBUS_ACCESS_WRITE), ==,
			"org.cwmpd.write");
	g_assert_cmpstr(cwmp_fault_to_name(9007), ==, "InvalidParameterValue");
	g_assert_cmpstr(cwmp_fault_to_name(9000), ==, "MethodNotSupported");
	g_assert_null(cwmp_fault_to_name(42));
}

int
main(int argc, char *argv[])
{
	gint ret;

	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/dbus/authorisation", test_dbus_authorisation);
	g_test_add("/cwmp/dbus/reads", Fixture, NULL, fixture_setup, test_dbus_reads,
		   fixture_teardown);
	g_test_add("/cwmp/dbus/inform", Fixture, NULL, fixture_setup, test_dbus_inform,
		   fixture_teardown);
	g_test_add("/cwmp/dbus/subscribe", Fixture, NULL, fixture_setup, test_dbus_subscribe,
		   fixture_teardown);
	g_test_add("/cwmp/dbus/subscribe-refused", Fixture, NULL, fixture_setup,
		   test_dbus_subscribe_refused, fixture_teardown);
	g_test_add("/cwmp/dbus/slow-acs", Fixture, NULL, fixture_setup, test_dbus_slow_acs,
		   fixture_teardown);
	g_test_add("/cwmp/dbus/plugins", Fixture, NULL, fixture_setup, test_dbus_plugins,
		   fixture_teardown);
	g_test_add("/cwmp/dbus/autonomous-transfer", Fixture, NULL, fixture_setup,
		   test_dbus_autonomous_transfer, fixture_teardown);
	g_test_add("/cwmp/dbus/reload-stop", Fixture, NULL, fixture_setup, test_dbus_reload_stop,
		   fixture_teardown);
	test_bus = g_test_dbus_new(G_TEST_DBUS_NONE);
	g_test_dbus_up(test_bus);
	ret = g_test_run();
	g_test_dbus_down(test_bus);
	g_clear_object(&test_bus);
	return ret;
}
