/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* fixtures shared by the tests in tests/ (and the benchmarks in bench/) */

#pragma once

#include <glib.h>

#include "cwmp-config.h"
#include "cwmp-dm.h"
#include "cwmp-event-queue.h"
#include "cwmp-scheduler.h"
#include "cwmp-soap-version.h"

G_BEGIN_DECLS

/* Device.Users.User.{i}.: a table the core keeps in its store, with no
 * plugin behind it (Enable, Username, Password, UserID) */
extern const CwmpDmObjectDef cwmp_test_utils_users_user;

/* a new folder from @tmpl (ending in XXXXXX) under the temporary directory */
gchar *
cwmp_test_utils_mkdtemp(const gchar *tmpl);

/* removes @path and, for a folder, all it holds (symlinks are not followed);
 * a @path that does not exist is not an error; it keeps going after a
 * failure and reports the first one */
gboolean
cwmp_test_utils_rm_rf(const gchar *path, GError **error);

/* runs whatever is ready in the default main context, without waiting */
void
cwmp_test_utils_iterate(void);

/* a GSourceFunc that sets the gboolean at @user_data, once */
gboolean
cwmp_test_utils_flag_cb(gpointer user_data);

/* a CwmpSchedulerClockFunc reading the gint64 at @user_data */
gint64
cwmp_test_utils_clock_cb(gpointer user_data);

/* a configuration loaded from @data, as if from a file called @name */
CwmpConfig *
cwmp_test_utils_config_new(const gchar *name, const gchar *data);

/* an event queue on @dir, loaded */
CwmpEventQueue *
cwmp_test_utils_event_queue_new(const gchar *dir);

/* a scheduler for @queue on @dir, loaded, that arms no timers and reads the
 * time from the gint64 at @now */
CwmpScheduler *
cwmp_test_utils_scheduler_new(CwmpEventQueue *queue, const gchar *dir, gint64 *now);

/* loads the CWMP SOAP schemas of $CWMP_SCHEMA_DIR/cwmp/ (data/schemas/cwmp/)
 * with the local catalog, so nothing is fetched from the network */
void
cwmp_test_utils_load_soap_schemas(void);

void
cwmp_test_utils_free_soap_schemas(void);

/* the folder of the CWMP SOAP schemas and their local-catalog.xml */
const gchar *
cwmp_test_utils_get_soap_schema_dir(void);

/* asserts that the body (or the cwmp:Fault of a SOAP Fault) of the envelope
 * in @bytes is in @version's namespace, else the envelope's lax wildcard
 * would skip it, and that the envelope validates against @version's schema */
void
cwmp_test_utils_validate_soap(GBytes *bytes, CwmpSoapVersion version);

/* runs certtool (gnutls-bin) in @dir with @argv_tail and, when not NULL,
 * @template as its --template file; TRUE when it exited 0 */
gboolean
cwmp_test_utils_certtool(const gchar *dir, const gchar *const *argv_tail, const gchar *template);

G_END_DECLS
