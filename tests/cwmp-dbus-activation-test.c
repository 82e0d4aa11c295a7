/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * D-Bus activation: a private bus with the service file of data/tests starts
 * the built cwmpd on the first call to org.cwmpd.Agent1, which answers it;
 * Stop makes it leave the bus.
 */

#include "config.h"

#include <gio/gio.h>

static gboolean
activation_test_timeout_cb(gpointer user_data)
{
	gboolean *expired = user_data;
	*expired = TRUE;
	return G_SOURCE_REMOVE;
}

static void
activation_test_vanished_cb(GDBusConnection *connection, const gchar *name, gpointer user_data)
{
	gboolean *gone = user_data;
	*gone = TRUE;
}

static void
activation_test_appeared_cb(GDBusConnection *connection,
			    const gchar	    *name,
			    const gchar	    *owner,
			    gpointer	     user_data)
{
}

static void
test_activation(void)
{
	g_autoptr(GTestDBus) bus = g_test_dbus_new(G_TEST_DBUS_NONE);
	g_autoptr(GDBusConnection) connection = NULL;
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GVariantIter) values = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *names[] = {"Device.RootDataModelVersion", NULL};
	const gchar *path = NULL;
	const gchar *value = NULL;
	const gchar *type = NULL;
	gboolean     gone = FALSE;
	gboolean     expired = FALSE;
	guint	     watch;
	guint	     timeout;

	g_test_dbus_add_service_dir(bus, g_getenv("CWMP_TEST_SERVICE_DIR"));
	g_test_dbus_up(bus);
	connection = g_dbus_connection_new_for_address_sync(
	    g_test_dbus_get_bus_address(bus),
	    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
		G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
	    NULL, NULL, &error);
	g_assert_no_error(error);

	/* nobody owns the name yet: this call starts cwmpd */
	reply = g_dbus_connection_call_sync(
	    connection, "org.cwmpd.Agent1", "/org/cwmpd/Agent1", "org.cwmpd.Agent1",
	    "GetParameterValues", g_variant_new("(^as)", names), G_VARIANT_TYPE("(a(sss))"),
	    G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);
	g_assert_no_error(error);
	g_variant_get(reply, "(a(sss))", &values);
	g_assert_true(g_variant_iter_next(values, "(&s&s&s)", &path, &value, &type));
	g_assert_cmpstr(path, ==, "Device.RootDataModelVersion");
	g_assert_cmpstr(value, ==, "2.19");
	g_assert_cmpstr(type, ==, "string");
	g_clear_pointer(&reply, g_variant_unref);

	/* Stop: cwmpd leaves the bus */
	watch = g_bus_watch_name_on_connection(
	    connection, "org.cwmpd.Agent1", G_BUS_NAME_WATCHER_FLAGS_NONE,
	    activation_test_appeared_cb, activation_test_vanished_cb, &gone, NULL);
	reply = g_dbus_connection_call_sync(connection, "org.cwmpd.Agent1", "/org/cwmpd/Agent1",
					    "org.cwmpd.Agent1", "Stop", NULL, NULL,
					    G_DBUS_CALL_FLAGS_NO_AUTO_START, 30000, NULL, &error);
	g_assert_no_error(error);
	timeout = g_timeout_add_seconds(30, activation_test_timeout_cb, &expired);
	while (!gone && !expired)
		g_main_context_iteration(NULL, TRUE);
	if (!expired)
		g_source_remove(timeout);
	g_bus_unwatch_name(watch);
	g_assert_true(gone);
	g_clear_object(&connection);
	g_test_dbus_down(bus);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/dbus/activation", test_activation);
	return g_test_run();
}
