/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * CwmpEvent is one Inform EventStruct: an event code ("1 BOOT", "M Reboot",
 * "X 00D09E MyEvent"), the CommandKey it echoes (only "M" events carry one)
 * and the retention class TR-069 gives the code: whether it stays queued
 * after a failed session, whether it survives a reboot, and which
 * acknowledgement removes it. Events are immutable once made.
 */

#define CWMP_TYPE_EVENT (cwmp_event_get_type())
G_DECLARE_FINAL_TYPE(CwmpEvent, cwmp_event, CWMP, EVENT, GObject)

/* EventCode is string(64) and CommandKey string(32) in cwmp-1-x.xsd */
#define CWMP_EVENT_CODE_MAX_LENGTH	  64
#define CWMP_EVENT_COMMAND_KEY_MAX_LENGTH 32

#define CWMP_EVENT_BOOTSTRAP			       "0 BOOTSTRAP"
#define CWMP_EVENT_BOOT				       "1 BOOT"
#define CWMP_EVENT_PERIODIC			       "2 PERIODIC"
#define CWMP_EVENT_SCHEDULED			       "3 SCHEDULED"
#define CWMP_EVENT_VALUE_CHANGE			       "4 VALUE CHANGE"
#define CWMP_EVENT_KICKED			       "5 KICKED"
#define CWMP_EVENT_CONNECTION_REQUEST		       "6 CONNECTION REQUEST"
#define CWMP_EVENT_TRANSFER_COMPLETE		       "7 TRANSFER COMPLETE"
#define CWMP_EVENT_DIAGNOSTICS_COMPLETE		       "8 DIAGNOSTICS COMPLETE"
#define CWMP_EVENT_REQUEST_DOWNLOAD		       "9 REQUEST DOWNLOAD"
#define CWMP_EVENT_AUTONOMOUS_TRANSFER_COMPLETE	       "10 AUTONOMOUS TRANSFER COMPLETE"
#define CWMP_EVENT_DU_STATE_CHANGE_COMPLETE	       "11 DU STATE CHANGE COMPLETE"
#define CWMP_EVENT_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE "12 AUTONOMOUS DU STATE CHANGE COMPLETE"
#define CWMP_EVENT_WAKEUP			       "13 WAKEUP"
#define CWMP_EVENT_HEARTBEAT			       "14 HEARTBEAT"
#define CWMP_EVENT_M_REBOOT			       "M Reboot"
#define CWMP_EVENT_M_SCHEDULE_INFORM		       "M ScheduleInform"
#define CWMP_EVENT_M_DOWNLOAD			       "M Download"
#define CWMP_EVENT_M_SCHEDULE_DOWNLOAD		       "M ScheduleDownload"
#define CWMP_EVENT_M_UPLOAD			       "M Upload"
#define CWMP_EVENT_M_CHANGE_DU_STATE		       "M ChangeDUState"

typedef enum {
	CWMP_EVENT_FLAG_NONE = 0,
	/* an "M" event: one per completed method, each with its own CommandKey;
	 * a numbered or "X" event is single: at most one per Inform */
	CWMP_EVENT_FLAG_MULTIPLE = 1 << 0,
	/* still queued after a session that failed before InformResponse */
	CWMP_EVENT_FLAG_KEEP_ON_FAILURE = 1 << 1,
	/* still queued after the device rebooted */
	CWMP_EVENT_FLAG_KEEP_ON_REBOOT = 1 << 2,
} CwmpEventFlags;

/* what removes the event from the queue */
typedef enum {
	CWMP_EVENT_ACK_INFORM,				    /* InformResponse */
	CWMP_EVENT_ACK_TRANSFER_COMPLETE,		    /* TransferCompleteResponse */
	CWMP_EVENT_ACK_AUTONOMOUS_TRANSFER_COMPLETE,	    /* AutonomousTransferCompleteResponse */
	CWMP_EVENT_ACK_DU_STATE_CHANGE_COMPLETE,	    /* DUStateChangeCompleteResponse */
	CWMP_EVENT_ACK_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, /* Autonomous...Response */
	CWMP_EVENT_ACK_REQUEST_DOWNLOAD,		    /* RequestDownloadResponse */
} CwmpEventAck;

CwmpEvent *
cwmp_event_new(const gchar *code, const gchar *command_key, GError **error);
const gchar *
cwmp_event_get_code(CwmpEvent *self);
const gchar *
cwmp_event_get_command_key(CwmpEvent *self);
guint32
cwmp_event_get_flags(CwmpEvent *self);
CwmpEventAck
cwmp_event_get_ack(CwmpEvent *self);
gint
cwmp_event_get_number(CwmpEvent *self);
gboolean
cwmp_event_is_multiple(CwmpEvent *self);
gboolean
cwmp_event_equal(CwmpEvent *self, CwmpEvent *other);

gboolean
cwmp_event_code_lookup(const gchar *code, guint32 *flags, CwmpEventAck *ack, GError **error);

G_END_DECLS
