/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

#include "cwmp-host.h"
#include "cwmp-store.h"

G_BEGIN_DECLS

/*
 * CwmpTransfer is one file transfer the queue keeps: what the ACS asked for
 * (Download, ScheduleDownload, Upload) or what a local client started (an
 * autonomous transfer), where it stands and how it ended. Every field is
 * persisted in transfers.state, so a transfer survives kill -9 and reboots.
 */

typedef enum {
	CWMP_TRANSFER_KIND_DOWNLOAD,
	CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD,
	CWMP_TRANSFER_KIND_UPLOAD,
} CwmpTransferKind;

/* where a transfer stands; GetQueuedTransfers maps them to TR-069's 1/2/3 */
typedef enum {
	CWMP_TRANSFER_PHASE_WAITING,   /* 1: DelaySeconds or a time window not reached */
	CWMP_TRANSFER_PHASE_FETCHING,  /* 2: bytes moving */
	CWMP_TRANSFER_PHASE_APPLYING,  /* 2: the file-type handler runs */
	CWMP_TRANSFER_PHASE_REBOOTING, /* 2: applied, takes effect after a reboot */
	CWMP_TRANSFER_PHASE_DONE,      /* 3: result known, TransferComplete pending */
} CwmpTransferPhase;

#define CWMP_TRANSFER_MAX_WINDOWS 2

typedef struct {
	guint32 start; /* seconds after the RPC was accepted */
	guint32 end;
	gchar  *mode; /* "1 At Any Time", "2 Immediately", "3 When Idle", "4 Confirmation Needed" */
	gchar  *user_message;
	gint32	max_retries; /* -1 unlimited */
} CwmpTransferWindow;

typedef struct {
	guint64		   id;
	CwmpTransferKind   kind;
	gboolean	   autonomous; /* not asked for by the ACS */
	CwmpTransferPhase  phase;
	gchar		  *command_key;
	gchar		  *file_type;
	gchar		  *url;
	gchar		  *username;
	gchar		  *password;
	guint64		   file_size; /* FileSize of the RPC, 0 unknown */
	gchar		  *target_file_name;
	gint64		   accepted; /* unix time the RPC was accepted */
	gint64		   due;	     /* unix time it may start */
	CwmpTransferWindow windows[CWMP_TRANSFER_MAX_WINDOWS];
	guint		   n_windows;
	guint		   attempts; /* starts so far (restarts after a crash count) */
	guint64		   bytes_done;
	guint64		   bytes_total; /* 0 unknown */
	gchar		  *boot_id;	/* REBOOTING: the boot the file was applied in */
	gint64		   start_time;	/* unix microseconds, 0 unknown */
	gint64		   complete_time;
	guint		   fault_code; /* 0 success */
	gchar		  *fault_string;
} CwmpTransfer;

CwmpTransfer *
cwmp_transfer_new(CwmpTransferKind kind);
void
cwmp_transfer_free(CwmpTransfer *self);
CwmpTransferDirection
cwmp_transfer_get_direction(const CwmpTransfer *self);
gint
cwmp_transfer_get_state(const CwmpTransfer *self);
const gchar *
cwmp_transfer_kind_to_event(CwmpTransferKind kind);
const gchar *
cwmp_transfer_kind_to_string(CwmpTransferKind kind);
const gchar *
cwmp_transfer_phase_to_string(CwmpTransferPhase phase);
void
cwmp_transfer_set_result(CwmpTransfer *self, guint fault_code, const gchar *fault_string);

gboolean
cwmp_transfer_write(const CwmpTransfer *self, CwmpStoreWriter *writer, GError **error);
gboolean
cwmp_transfer_set_field(CwmpTransfer *self, const gchar *name, const gchar *value, GError **error);
gboolean
cwmp_transfer_check(const CwmpTransfer *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTransfer, cwmp_transfer_free)

G_END_DECLS
