/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-config.h"
#include "cwmp-dm.h"
#include "cwmp-host.h"
#include "cwmp-rpc-handler.h"
#include "cwmp-scheduler.h"
#include "cwmp-session.h"
#include "cwmp-transfer.h"

G_BEGIN_DECLS

/*
 * CwmpTransferQueue runs the file transfers: it answers Download,
 * ScheduleDownload, Upload, GetQueuedTransfers, GetAllQueuedTransfers and
 * CancelTransfer, keeps every accepted transfer in transfers.state (written
 * before the RPC is answered and at every change of phase), runs one at a
 * time outside the sessions, hands the file to the FileType's handler, and
 * calls TransferComplete or AutonomousTransferComplete until the ACS
 * acknowledges it. Events "M Download" etc. and "7 TRANSFER COMPLETE" go to
 * the event queue when the transfer ends and leave it with the
 * acknowledgement.
 */

#define CWMP_TYPE_TRANSFER_QUEUE (cwmp_transfer_queue_get_type())
G_DECLARE_FINAL_TYPE(CwmpTransferQueue, cwmp_transfer_queue, CWMP, TRANSFER_QUEUE, GObject)

#define CWMP_TRANSFER_QUEUE_STORE_NAME "transfers.state"
#define CWMP_TRANSFER_QUEUE_STORE_KIND "transfers"

CwmpTransferQueue *
cwmp_transfer_queue_new(CwmpConfig     *config,
			CwmpDm	       *dm,
			CwmpHost       *host,
			CwmpScheduler  *scheduler,
			CwmpEventQueue *events,
			const gchar    *state_directory,
			const gchar    *boot_id);
gboolean
cwmp_transfer_queue_load(CwmpTransferQueue *self, GError **error);
gboolean
cwmp_transfer_queue_register_methods(CwmpTransferQueue *self, CwmpRpcHandler *rpc, GError **error);
void
cwmp_transfer_queue_start(CwmpTransferQueue *self);
void
cwmp_transfer_queue_stop(CwmpTransferQueue *self);
void
cwmp_transfer_queue_add_session_requests(CwmpTransferQueue *self, CwmpSession *session);

GPtrArray *
cwmp_transfer_queue_get_transfers(CwmpTransferQueue *self);
const CwmpTransfer *
cwmp_transfer_queue_lookup(CwmpTransferQueue *self, guint64 id);
guint64
cwmp_transfer_queue_add_autonomous(CwmpTransferQueue	*self,
				   CwmpTransferDirection direction,
				   const gchar		*file_type,
				   const gchar		*url,
				   const gchar		*username,
				   const gchar		*password,
				   GError	       **error);
gboolean
cwmp_transfer_queue_cancel(CwmpTransferQueue *self, const gchar *command_key, GError **error);

G_END_DECLS
