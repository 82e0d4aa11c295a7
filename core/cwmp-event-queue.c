/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-error.h"
#include "cwmp-event-queue.h"
#include "cwmp-store.h"

/*
 * The file holds one 'e' record per queued event: the code and the
 * CommandKey. Every change builds the new list, writes it whole, and only
 * then replaces the list in memory, so memory never runs ahead of the disk.
 */

struct _CwmpEventQueue {
	GObject	   parent_instance;
	CwmpStore *store;
	GPtrArray *events; /* CwmpEvent, oldest first */
	gboolean   loaded;
};

G_DEFINE_TYPE(CwmpEventQueue, cwmp_event_queue, G_TYPE_OBJECT)

static void
cwmp_event_queue_finalize(GObject *object)
{
	CwmpEventQueue *self = CWMP_EVENT_QUEUE(object);
	g_ptr_array_unref(self->events);
	g_clear_object(&self->store);
	G_OBJECT_CLASS(cwmp_event_queue_parent_class)->finalize(object);
}

static void
cwmp_event_queue_class_init(CwmpEventQueueClass *klass)
{
	G_OBJECT_CLASS(klass)->finalize = cwmp_event_queue_finalize;
}

static void
cwmp_event_queue_init(CwmpEventQueue *self)
{
	self->events = g_ptr_array_new_with_free_func(g_object_unref);
}

/**
 * cwmp_event_queue_new:
 * @state_directory: the agent's state directory
 *
 * Makes a queue backed by "events.state" in @state_directory. Call
 * cwmp_event_queue_load() before anything else.
 *
 * Returns: (transfer full): a new queue
 */
CwmpEventQueue *
cwmp_event_queue_new(const gchar *state_directory)
{
	CwmpEventQueue *self;
	g_return_val_if_fail(state_directory != NULL, NULL);
	self = g_object_new(CWMP_TYPE_EVENT_QUEUE, NULL);
	self->store = cwmp_store_new(state_directory, CWMP_EVENT_QUEUE_STORE_NAME,
				     CWMP_EVENT_QUEUE_STORE_KIND);
	return self;
}

const gchar *
cwmp_event_queue_get_filename(CwmpEventQueue *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), NULL);
	return cwmp_store_get_filename(self->store);
}

gboolean
cwmp_event_queue_is_loaded(CwmpEventQueue *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	return self->loaded;
}

/* at most one of each single event; M events repeat */
static gboolean
cwmp_event_queue_has_single(GPtrArray *events, CwmpEvent *event)
{
	if (cwmp_event_is_multiple(event))
		return FALSE;
	for (guint i = 0; i < events->len; i++) {
		CwmpEvent *other = g_ptr_array_index(events, i);
		if (g_strcmp0(cwmp_event_get_code(other), cwmp_event_get_code(event)) == 0)
			return TRUE;
	}
	return FALSE;
}

static gboolean
cwmp_event_queue_load_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	GPtrArray *events = user_data;
	g_autoptr(CwmpEvent) event = NULL;
	g_autoptr(GError) error_local = NULL;

	if (record->tag != 'e' || record->n_fields != 2) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT,
			    "unexpected record '%c' with %u fields", record->tag, record->n_fields);
		return FALSE;
	}
	event = cwmp_event_new(record->fields[0], record->fields[1], &error_local);
	if (event == NULL) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "bad event record: %s",
			    error_local->message);
		return FALSE;
	}
	if (!cwmp_event_queue_has_single(events, event))
		g_ptr_array_add(events, g_steal_pointer(&event));
	return TRUE;
}

/**
 * cwmp_event_queue_load:
 * @self: a queue
 * @error: a #GError, or %NULL
 *
 * Reads the queued events. A missing file is an empty queue. A damaged one
 * gives CWMP_ERROR_CORRUPT and leaves the queue unloaded, and the file
 * untouched, so nothing overwrites it by accident.
 *
 * Returns: %TRUE on success
 */
gboolean
cwmp_event_queue_load(CwmpEventQueue *self, GError **error)
{
	g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func(g_object_unref);

	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	if (!cwmp_store_read(self->store, cwmp_event_queue_load_cb, events, error)) {
		g_prefix_error_literal(error, "failed to load the event queue: ");
		return FALSE;
	}
	g_ptr_array_unref(self->events);
	self->events = g_steal_pointer(&events);
	self->loaded = TRUE;
	return TRUE;
}

/**
 * cwmp_event_queue_quarantine:
 * @self: a queue
 * @new_name: (out) (optional): where the file went
 * @error: a #GError, or %NULL
 *
 * Moves a damaged events file aside (see cwmp_store_quarantine()) and
 * starts with an empty, loaded queue.
 *
 * Returns: %TRUE on success
 */
gboolean
cwmp_event_queue_quarantine(CwmpEventQueue *self, gchar **new_name, GError **error)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	if (!cwmp_store_quarantine(self->store, new_name, error))
		return FALSE;
	g_ptr_array_set_size(self->events, 0);
	self->loaded = TRUE;
	return TRUE;
}

static gboolean
cwmp_event_queue_check_loaded(CwmpEventQueue *self, GError **error)
{
	if (self->loaded)
		return TRUE;
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_INTERNAL, "the event queue %s is not loaded",
		    cwmp_store_get_filename(self->store));
	return FALSE;
}

/* writes @events, then makes them the queue; on failure nothing changes */
static gboolean
cwmp_event_queue_replace(CwmpEventQueue *self, GPtrArray *events, GError **error)
{
	g_autoptr(CwmpStoreWriter) writer = NULL;

	writer = cwmp_store_writer_new(self->store, error);
	if (writer == NULL)
		return FALSE;
	for (guint i = 0; i < events->len; i++) {
		CwmpEvent *event = g_ptr_array_index(events, i);
		if (!cwmp_store_writer_add2(writer, 'e', cwmp_event_get_code(event),
					    cwmp_event_get_command_key(event), error))
			return FALSE;
	}
	if (!cwmp_store_writer_commit(writer, error)) {
		g_prefix_error_literal(error, "failed to save the event queue: ");
		return FALSE;
	}
	g_ptr_array_unref(self->events);
	self->events = g_ptr_array_ref(events);
	return TRUE;
}

static GPtrArray *
cwmp_event_queue_copy(CwmpEventQueue *self)
{
	GPtrArray *copy = g_ptr_array_new_full(self->events->len + 1, g_object_unref);
	for (guint i = 0; i < self->events->len; i++)
		g_ptr_array_add(copy, g_object_ref(g_ptr_array_index(self->events, i)));
	return copy;
}

/**
 * cwmp_event_queue_add_event:
 * @self: a loaded queue
 * @event: the event
 * @error: a #GError, or %NULL
 *
 * Queues @event and writes the queue before returning. A single event that
 * is already queued is not added again (TR-069 table 7: single events appear
 * at most once per Inform); an M event is always added, even with the
 * CommandKey of one already queued, since each completed method is reported.
 *
 * Returns: %TRUE when the event is queued and on disk
 */
gboolean
cwmp_event_queue_add_event(CwmpEventQueue *self, CwmpEvent *event, GError **error)
{
	g_autoptr(GPtrArray) events = NULL;

	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	g_return_val_if_fail(CWMP_IS_EVENT(event), FALSE);
	if (!cwmp_event_queue_check_loaded(self, error))
		return FALSE;
	if (cwmp_event_queue_has_single(self->events, event))
		return TRUE;
	events = cwmp_event_queue_copy(self);
	g_ptr_array_add(events, g_object_ref(event));
	return cwmp_event_queue_replace(self, events, error);
}

/**
 * cwmp_event_queue_add:
 * @self: a loaded queue
 * @code: the event code
 * @command_key: (nullable): the CommandKey of an M event
 * @error: a #GError, or %NULL
 *
 * Like cwmp_event_queue_add_event() for a new event; an invalid code or
 * CommandKey gives CWMP_ERROR_INVALID_DATA.
 *
 * Returns: %TRUE when the event is queued and on disk
 */
gboolean
cwmp_event_queue_add(CwmpEventQueue *self,
		     const gchar    *code,
		     const gchar    *command_key,
		     GError	   **error)
{
	g_autoptr(CwmpEvent) event = NULL;
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	event = cwmp_event_new(code, command_key, error);
	if (event == NULL)
		return FALSE;
	return cwmp_event_queue_add_event(self, event, error);
}

/**
 * cwmp_event_queue_list:
 * @self: a queue
 *
 * The events for the next Inform, oldest first, at most
 * %CWMP_EVENT_QUEUE_INFORM_MAX. Pass the array to
 * cwmp_event_queue_delivered() after the InformResponse: events added in
 * the meantime stay queued.
 *
 * Returns: (transfer container) (element-type CwmpEvent): the events
 */
GPtrArray *
cwmp_event_queue_list(CwmpEventQueue *self)
{
	GPtrArray *out;
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), NULL);
	out = g_ptr_array_new_with_free_func(g_object_unref);
	for (guint i = 0; i < self->events->len && i < CWMP_EVENT_QUEUE_INFORM_MAX; i++)
		g_ptr_array_add(out, g_object_ref(g_ptr_array_index(self->events, i)));
	return out;
}

/**
 * cwmp_event_queue_get_all:
 * @self: a queue
 *
 * Returns: (transfer container) (element-type CwmpEvent): every queued event
 */
GPtrArray *
cwmp_event_queue_get_all(CwmpEventQueue *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), NULL);
	return cwmp_event_queue_copy(self);
}

guint
cwmp_event_queue_get_length(CwmpEventQueue *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), 0);
	return self->events->len;
}

/* whether @code is queued; with @command_key, with that CommandKey */
gboolean
cwmp_event_queue_contains(CwmpEventQueue *self, const gchar *code, const gchar *command_key)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	g_return_val_if_fail(code != NULL, FALSE);
	for (guint i = 0; i < self->events->len; i++) {
		CwmpEvent *event = g_ptr_array_index(self->events, i);
		if (g_strcmp0(cwmp_event_get_code(event), code) != 0)
			continue;
		if (command_key == NULL ||
		    g_strcmp0(cwmp_event_get_command_key(event), command_key) == 0)
			return TRUE;
	}
	return FALSE;
}

/* how many events of @code are queued */
guint
cwmp_event_queue_count(CwmpEventQueue *self, const gchar *code)
{
	guint n = 0;
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), 0);
	for (guint i = 0; i < self->events->len; i++) {
		if (g_strcmp0(cwmp_event_get_code(g_ptr_array_index(self->events, i)), code) == 0)
			n++;
	}
	return n;
}

/* keeps the events for which @keep says so; writes only when something goes */
static gboolean
cwmp_event_queue_filter(CwmpEventQueue *self,
			gboolean (*keep)(CwmpEvent *event, gpointer user_data),
			gpointer user_data,
			GError **error)
{
	g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func(g_object_unref);

	if (!cwmp_event_queue_check_loaded(self, error))
		return FALSE;
	for (guint i = 0; i < self->events->len; i++) {
		CwmpEvent *event = g_ptr_array_index(self->events, i);
		if (keep(event, user_data))
			g_ptr_array_add(events, g_object_ref(event));
	}
	if (events->len == self->events->len)
		return TRUE;
	return cwmp_event_queue_replace(self, events, error);
}

static gboolean
cwmp_event_queue_keep_undelivered_cb(CwmpEvent *event, gpointer user_data)
{
	GPtrArray *sent = user_data;
	/* the ones waiting for a TransferComplete and the like stay */
	if (cwmp_event_get_ack(event) != CWMP_EVENT_ACK_INFORM)
		return TRUE;
	return !g_ptr_array_find(sent, event, NULL);
}

/**
 * cwmp_event_queue_delivered:
 * @self: a queue
 * @sent: (element-type CwmpEvent): what cwmp_event_queue_list() gave for the
 *   Inform that got its InformResponse
 * @error: a #GError, or %NULL
 *
 * Removes the events the ACS now has. Events removed by a later
 * acknowledgement (7 TRANSFER COMPLETE with its M Download, M Upload, M
 * ScheduleDownload; 11 DU STATE CHANGE COMPLETE with M ChangeDUState; 9, 10
 * and 12) stay queued and go into every Inform until then (TR-069 3.7.1.5).
 *
 * Returns: %TRUE when the new queue is on disk
 */
gboolean
cwmp_event_queue_delivered(CwmpEventQueue *self, GPtrArray *sent, GError **error)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	g_return_val_if_fail(sent != NULL, FALSE);
	return cwmp_event_queue_filter(self, cwmp_event_queue_keep_undelivered_cb, sent, error);
}

/**
 * cwmp_event_queue_acknowledge:
 * @self: a queue
 * @ack: which ACS response arrived, not %CWMP_EVENT_ACK_INFORM
 * @command_key: (nullable): the CommandKey of the completed method, for the
 *   classes that have M events
 * @error: a #GError, or %NULL
 *
 * Removes the oldest M event of the class @ack with @command_key, then,
 * when no M event of the class is left, the numbered event of the class
 * ("7 TRANSFER COMPLETE" stays while any TransferComplete is pending).
 * A class without M events (9, 10, 12) loses its numbered event at once.
 *
 * Returns: %TRUE when the new queue is on disk; CWMP_ERROR_NOT_FOUND when
 *   @command_key matches no queued M event of the class
 */
gboolean
cwmp_event_queue_acknowledge(CwmpEventQueue *self,
			     CwmpEventAck    ack,
			     const gchar    *command_key,
			     GError	   **error)
{
	g_autoptr(GPtrArray) events = NULL;
	gboolean m_left = FALSE;
	gboolean found = FALSE;
	gboolean has_m = FALSE;

	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	g_return_val_if_fail(ack != CWMP_EVENT_ACK_INFORM, FALSE);
	if (!cwmp_event_queue_check_loaded(self, error))
		return FALSE;

	events = cwmp_event_queue_copy(self);
	for (guint i = 0; i < events->len; i++) {
		CwmpEvent *event = g_ptr_array_index(events, i);
		if (cwmp_event_get_ack(event) != ack || !cwmp_event_is_multiple(event))
			continue;
		has_m = TRUE;
		if (!found && (command_key == NULL ||
			       g_strcmp0(cwmp_event_get_command_key(event), command_key) == 0)) {
			g_ptr_array_remove_index(events, i);
			i--;
			found = TRUE;
			continue;
		}
		m_left = TRUE;
	}
	if (has_m && !found) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_NOT_FOUND,
			    "no queued event waits for this response with CommandKey \"%s\"",
			    command_key != NULL ? command_key : "");
		return FALSE;
	}
	if (!m_left) {
		for (guint i = events->len; i > 0; i--) {
			CwmpEvent *event = g_ptr_array_index(events, i - 1);
			if (cwmp_event_get_ack(event) == ack)
				g_ptr_array_remove_index(events, i - 1);
		}
	}
	if (events->len == self->events->len)
		return TRUE;
	return cwmp_event_queue_replace(self, events, error);
}

static gboolean
cwmp_event_queue_keep_flag_cb(CwmpEvent *event, gpointer user_data)
{
	return (cwmp_event_get_flags(event) & GPOINTER_TO_UINT(user_data)) != 0;
}

/**
 * cwmp_event_queue_session_failed:
 * @self: a queue
 * @error: a #GError, or %NULL
 *
 * A session ended without InformResponse: the events without
 * %CWMP_EVENT_FLAG_KEEP_ON_FAILURE go; the rest wait for the retry.
 *
 * Returns: %TRUE when the new queue is on disk
 */
gboolean
cwmp_event_queue_session_failed(CwmpEventQueue *self, GError **error)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	return cwmp_event_queue_filter(self, cwmp_event_queue_keep_flag_cb,
				       GUINT_TO_POINTER(CWMP_EVENT_FLAG_KEEP_ON_FAILURE), error);
}

/**
 * cwmp_event_queue_drop_on_reboot:
 * @self: a loaded queue
 * @error: a #GError, or %NULL
 *
 * The device rebooted (not just the daemon restarted): the events without
 * %CWMP_EVENT_FLAG_KEEP_ON_REBOOT go. Call before adding this boot's
 * 1 BOOT.
 *
 * Returns: %TRUE when the new queue is on disk
 */
gboolean
cwmp_event_queue_drop_on_reboot(CwmpEventQueue *self, GError **error)
{
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	return cwmp_event_queue_filter(self, cwmp_event_queue_keep_flag_cb,
				       GUINT_TO_POINTER(CWMP_EVENT_FLAG_KEEP_ON_REBOOT), error);
}

/**
 * cwmp_event_queue_clear:
 * @self: a loaded queue
 * @error: a #GError, or %NULL
 *
 * Empties the queue (factory reset).
 *
 * Returns: %TRUE when the empty queue is on disk
 */
gboolean
cwmp_event_queue_clear(CwmpEventQueue *self, GError **error)
{
	g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func(g_object_unref);
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(self), FALSE);
	if (!cwmp_event_queue_check_loaded(self, error))
		return FALSE;
	return cwmp_event_queue_replace(self, events, error);
}
