/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-config.h"
#include "cwmp-cr-server.h"
#include "cwmp-dm.h"
#include "cwmp-event-queue.h"
#include "cwmp-host.h"
#include "cwmp-management-server.h"
#include "cwmp-rpc-handler.h"
#include "cwmp-scheduler.h"
#include "cwmp-transfer-queue.h"

G_BEGIN_DECLS

/*
 * CwmpEngine is the CWMP side of one agent: Device.ManagementServer., the
 * event queue, the scheduler, the connection-request server and the ACS
 * sessions. It decides what a start is (a device boot, or only a restart of
 * cwmpd, by the kernel's boot id), builds each Inform, runs one session at a
 * time, and after a session runs what the ACS asked for (reboot, factory
 * reset) through the configured hooks.
 */

#define CWMP_TYPE_ENGINE (cwmp_engine_get_type())
G_DECLARE_FINAL_TYPE(CwmpEngine, cwmp_engine, CWMP, ENGINE, GObject)

CwmpEngine *
cwmp_engine_new(CwmpConfig *config, CwmpDm *dm, const gchar *state_directory);
void
cwmp_engine_set_host(CwmpEngine *self, CwmpHost *host);
CwmpHost *
cwmp_engine_get_host(CwmpEngine *self);
gboolean
cwmp_engine_register(CwmpEngine *self, GError **error);
gboolean
cwmp_engine_start(CwmpEngine *self, GError **error);
void
cwmp_engine_stop(CwmpEngine *self);

CwmpManagementServer *
cwmp_engine_get_management_server(CwmpEngine *self);
CwmpEventQueue *
cwmp_engine_get_event_queue(CwmpEngine *self);
CwmpScheduler *
cwmp_engine_get_scheduler(CwmpEngine *self);
CwmpCrServer *
cwmp_engine_get_cr_server(CwmpEngine *self);
CwmpTransferQueue *
cwmp_engine_get_transfer_queue(CwmpEngine *self);
CwmpRpcHandler *
cwmp_engine_get_rpc_handler(CwmpEngine *self);
gboolean
cwmp_engine_is_in_session(CwmpEngine *self);
void
cwmp_engine_queue_get_rpc_methods(CwmpEngine *self);
GStrv
cwmp_engine_dup_acs_methods(CwmpEngine *self);
guint
cwmp_engine_get_sessions_succeeded(CwmpEngine *self);
guint
cwmp_engine_get_sessions_failed(CwmpEngine *self);

G_END_DECLS
