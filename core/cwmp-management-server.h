/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-config.h"
#include "cwmp-dm.h"
#include "cwmp-scheduler.h"

G_BEGIN_DECLS

/*
 * CwmpManagementServer is the core's own Device.ManagementServer.: the
 * parameters the CWMP engine uses, registered with the data model under the
 * owner "core" and kept in the data model's store ("dm.state"). Values never
 * set read as the factory defaults: the configuration ([acs] url, username,
 * password; [connection-request] username, password) or the built-in
 * defaults below. Changes have side effects, emitted as signals from the
 * transaction's commit and applied to an attached CwmpScheduler:
 *
 *   URL                                 "bootstrap-needed" (0 BOOTSTRAP is queued)
 *   PeriodicInform{Enable,Interval,Time} "periodic-changed" (rescheduled)
 *   HeartbeatPolicy.*                   "heartbeat-changed" (rescheduled)
 *   CWMPRetry*, DefaultActive...Throttle applied to the scheduler
 *   Username, Password                  "acs-credentials-changed"
 *   ConnectionRequest{Username,Password} "cr-credentials-changed"
 *
 * ParameterKey is readOnly to the ACS (9008); the RPC layer sets it with
 * cwmp_management_server_set_parameter_key() after a successful
 * SetParameterValues, AddObject or DeleteObject. ConnectionRequestURL is set
 * by the connection-request server. AliasBasedAddressing comes from
 * [data-model] alias-based-addressing.
 */

#define CWMP_TYPE_MANAGEMENT_SERVER (cwmp_management_server_get_type())
G_DECLARE_FINAL_TYPE(CwmpManagementServer, cwmp_management_server, CWMP, MANAGEMENT_SERVER, GObject)

#define CWMP_MANAGEMENT_SERVER_OWNER "core"

#define CWMP_MANAGEMENT_SERVER_DEFAULT_PERIODIC_INTERVAL  86400
#define CWMP_MANAGEMENT_SERVER_DEFAULT_HEARTBEAT_INTERVAL 86400

CwmpManagementServer *
cwmp_management_server_new(CwmpDm *dm, CwmpConfig *config);
gboolean
cwmp_management_server_register(CwmpManagementServer *self, GError **error);
gboolean
cwmp_management_server_start(CwmpManagementServer *self, GError **error);
void
cwmp_management_server_set_scheduler(CwmpManagementServer *self, CwmpScheduler *scheduler);
void
cwmp_management_server_apply_to_scheduler(CwmpManagementServer *self, CwmpScheduler *scheduler);

gchar *
cwmp_management_server_get_url(CwmpManagementServer *self);
gchar *
cwmp_management_server_get_username(CwmpManagementServer *self);
gchar *
cwmp_management_server_get_password(CwmpManagementServer *self);
gchar *
cwmp_management_server_get_cr_username(CwmpManagementServer *self);
gchar *
cwmp_management_server_get_cr_password(CwmpManagementServer *self);
gchar *
cwmp_management_server_get_parameter_key(CwmpManagementServer *self);
gboolean
cwmp_management_server_set_parameter_key(CwmpManagementServer *self,
					 const gchar	      *parameter_key,
					 GError		     **error);
const gchar *
cwmp_management_server_get_connection_request_url(CwmpManagementServer *self);
void
cwmp_management_server_set_connection_request_url(CwmpManagementServer *self, const gchar *url);

void
cwmp_management_server_get_periodic(CwmpManagementServer *self,
				    gboolean		 *enable,
				    guint32		 *interval,
				    gint64		 *reference);
void
cwmp_management_server_get_heartbeat(CwmpManagementServer *self,
				     gboolean		  *enable,
				     guint32		  *interval,
				     gint64		  *initiation_time);
void
cwmp_management_server_get_retry_policy(CwmpManagementServer *self,
					guint32		     *min_wait,
					guint32		     *multiplier);
guint32
cwmp_management_server_get_active_notification_throttle(CwmpManagementServer *self);
GPtrArray *
cwmp_management_server_get_inform_parameters(CwmpManagementServer *self,
					     const gchar *const	  *event_codes);

G_END_DECLS
