/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-agent.h"

G_BEGIN_DECLS

/*
 * CwmpDbusDaemon exports one CwmpAgent on a D-Bus connection: the
 * org.cwmpd.Agent1 interface at /org/cwmpd/Agent1 (data/org.cwmpd.Agent1.xml),
 * one org.cwmpd.Plugin1 object per plugin under /org/cwmpd/Agent1/Plugins/
 * listed by the ObjectManager of /org/cwmpd/Agent1, and the bus name
 * org.cwmpd.Agent1.
 *
 * Every method answers from the main loop without blocking it: reads go
 * straight to the data model; writes and control wait for the asynchronous
 * authorisation check (polkit when built with it, else the caller's uid
 * from the bus) and answer from its callback.
 *
 * Subscribe(paths) sends ParameterChanged to the subscriber's connection
 * only (a unicast signal) for a change under one of its paths: every change
 * made through SetParameterValues, and every change the data model reports
 * ("value-changed"). The data model reports only parameters with a
 * Notification attribute, so Subscribe turns passive notification on for
 * the subscribed parameters that had none, and turns it off again when the
 * last subscriber covering them leaves the bus (unless something else
 * changed it meanwhile). The ACS can see the passive attribute meanwhile.
 */

#define CWMP_TYPE_DBUS_DAEMON (cwmp_dbus_daemon_get_type())
G_DECLARE_FINAL_TYPE(CwmpDbusDaemon, cwmp_dbus_daemon, CWMP, DBUS_DAEMON, GObject)

#define CWMP_DBUS_NAME		 "org.cwmpd.Agent1"
#define CWMP_DBUS_PATH		 "/org/cwmpd/Agent1"
#define CWMP_DBUS_PLUGINS_PATH	 "/org/cwmpd/Agent1/Plugins"
#define CWMP_DBUS_TRANSFERS_PATH "/org/cwmpd/Agent1/Transfers"
#define CWMP_DBUS_ERROR_PREFIX	 "org.cwmpd.Agent1.Error."
#define CWMP_DBUS_FAULT_PREFIX	 "org.cwmpd.Agent1.Error.Fault."
#define CWMP_DBUS_ACTION_READ	 "org.cwmpd.read"
#define CWMP_DBUS_ACTION_WRITE	 "org.cwmpd.write"
#define CWMP_DBUS_ACTION_CONTROL "org.cwmpd.control"

/* what a method does, for the authorisation */
typedef enum {
	CWMP_DBUS_ACCESS_READ,
	CWMP_DBUS_ACCESS_WRITE,
	CWMP_DBUS_ACCESS_CONTROL,
} CwmpDbusAccess;

/* maps CWMP_FAULT and CWMP_ERROR codes to D-Bus error names, once per process */
void
cwmp_dbus_daemon_register_errors(void);

/* the authorisation decision without polkit, pure */
CwmpDbusAccess
cwmp_dbus_daemon_method_access(const gchar *method);
gboolean
cwmp_dbus_daemon_uid_allowed(guint32 uid, CwmpDbusAccess access);
const gchar *
cwmp_dbus_daemon_access_to_action(CwmpDbusAccess access);

CwmpDbusDaemon *
cwmp_dbus_daemon_new(CwmpAgent *agent, const gchar *config_file);
gboolean
cwmp_dbus_daemon_start(CwmpDbusDaemon *self, GDBusConnection *connection, GError **error);
void
cwmp_dbus_daemon_stop(CwmpDbusDaemon *self);
guint
cwmp_dbus_daemon_get_n_subscribers(CwmpDbusDaemon *self);

G_END_DECLS
