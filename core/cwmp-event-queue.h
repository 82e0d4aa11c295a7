/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-event.h"

G_BEGIN_DECLS

/*
 * CwmpEventQueue holds the events not yet delivered to the ACS, in the order
 * they happened, in the state file "events.state". Every change is written
 * (atomically, through CwmpStore) before the call returns, so an event is on
 * disk before anything that caused it is acknowledged, and a kill -9 at any
 * point leaves either the old or the new complete file. A damaged file is
 * reported as CWMP_ERROR_CORRUPT and never silently reset: the queue refuses
 * changes until it was loaded, or the file was moved aside with
 * cwmp_event_queue_quarantine().
 *
 * Life of an event: cwmp_event_queue_add() when it happens;
 * cwmp_event_queue_list() for the EventStruct of the next Inform;
 * cwmp_event_queue_delivered() after the InformResponse (removes the events
 * that Inform carried, except those that wait for a TransferComplete or
 * similar); cwmp_event_queue_acknowledge() when that later RPC was
 * accepted; cwmp_event_queue_session_failed() when the session failed;
 * cwmp_event_queue_drop_on_reboot() once at the first start after a reboot.
 */

#define CWMP_TYPE_EVENT_QUEUE (cwmp_event_queue_get_type())
G_DECLARE_FINAL_TYPE(CwmpEventQueue, cwmp_event_queue, CWMP, EVENT_QUEUE, GObject)

#define CWMP_EVENT_QUEUE_STORE_NAME "events.state"
#define CWMP_EVENT_QUEUE_STORE_KIND "events"

/* cwmp-1-x.xsd: Inform's Event is EventStruct[0:64] */
#define CWMP_EVENT_QUEUE_INFORM_MAX 64

CwmpEventQueue *
cwmp_event_queue_new(const gchar *state_directory);
gboolean
cwmp_event_queue_load(CwmpEventQueue *self, GError **error);
gboolean
cwmp_event_queue_quarantine(CwmpEventQueue *self, gchar **new_name, GError **error);
gboolean
cwmp_event_queue_is_loaded(CwmpEventQueue *self);
const gchar *
cwmp_event_queue_get_filename(CwmpEventQueue *self);

gboolean
cwmp_event_queue_add(CwmpEventQueue *self,
		     const gchar    *code,
		     const gchar    *command_key,
		     GError	   **error);
gboolean
cwmp_event_queue_add_event(CwmpEventQueue *self, CwmpEvent *event, GError **error);
GPtrArray *
cwmp_event_queue_list(CwmpEventQueue *self);
GPtrArray *
cwmp_event_queue_get_all(CwmpEventQueue *self);
guint
cwmp_event_queue_get_length(CwmpEventQueue *self);
gboolean
cwmp_event_queue_contains(CwmpEventQueue *self, const gchar *code, const gchar *command_key);
guint
cwmp_event_queue_count(CwmpEventQueue *self, const gchar *code);

gboolean
cwmp_event_queue_delivered(CwmpEventQueue *self, GPtrArray *sent, GError **error);
gboolean
cwmp_event_queue_acknowledge(CwmpEventQueue *self,
			     CwmpEventAck    ack,
			     const gchar    *command_key,
			     GError	   **error);
gboolean
cwmp_event_queue_session_failed(CwmpEventQueue *self, GError **error);
gboolean
cwmp_event_queue_drop_on_reboot(CwmpEventQueue *self, GError **error);
gboolean
cwmp_event_queue_clear(CwmpEventQueue *self, GError **error);

G_END_DECLS
