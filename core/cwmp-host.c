/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-error.h"
#include "cwmp-event.h"
#include "cwmp-host.h"

typedef struct {
	guint	       id;
	GSourceFunc    func;
	gpointer       data;
	GDestroyNotify destroy;
} CwmpHostCall;

typedef struct {
	gchar *code;
	gchar *command_key;
} CwmpHostEvent;

typedef struct {
	const CwmpFileTypeHandler *handler;
	gpointer		   user_data;
} CwmpHostFileType;

struct _CwmpHost {
	GObject		  parent_instance;
	CwmpHostEventFunc event_func;
	gpointer	  event_data;
	GPtrArray	 *pending_events; /* CwmpHostEvent, until the engine is there */
	GPtrArray	 *calls;	  /* CwmpHostCall, run when no session runs */
	GArray		 *file_types;	  /* CwmpHostFileType */
	guint		  next_call_id;
	guint		  flush_id;
	gboolean	  in_session;
};

G_DEFINE_TYPE(CwmpHost, cwmp_host, G_TYPE_OBJECT)

enum { SIGNAL_SESSION_STARTED, SIGNAL_SESSION_ENDED, SIGNAL_LAST };
static guint signals[SIGNAL_LAST] = {0};

static void
cwmp_host_call_free(CwmpHostCall *call)
{
	if (call->destroy != NULL)
		call->destroy(call->data);
	g_free(call);
}

static void
cwmp_host_event_free(CwmpHostEvent *event)
{
	g_free(event->code);
	g_free(event->command_key);
	g_free(event);
}

CwmpHost *
cwmp_host_new(void)
{
	return g_object_new(CWMP_TYPE_HOST, NULL);
}

/**
 * cwmp_host_queue_event:
 * @self: the host
 * @code: an event code of TR-069 table 7, for example "8 DIAGNOSTICS COMPLETE"
 * @command_key: (nullable): the CommandKey for an M event
 * @error: a #GError, or %NULL
 *
 * Queues @code for the next Inform (persisted with the other events) and asks
 * for a session. Before the engine runs the event waits in the host.
 *
 * Returns: %FALSE when @code is not a known event code or the event queue
 *   cannot be saved
 *
 * Since: 1.0
 */
gboolean
cwmp_host_queue_event(CwmpHost *self, const gchar *code, const gchar *command_key, GError **error)
{
	CwmpHostEvent *event;

	g_return_val_if_fail(CWMP_IS_HOST(self), FALSE);
	g_return_val_if_fail(code != NULL, FALSE);

	if (!cwmp_event_code_lookup(code, NULL, NULL, error))
		return FALSE;
	if (self->event_func != NULL)
		return self->event_func(code, command_key, self->event_data, error);
	event = g_new0(CwmpHostEvent, 1);
	event->code = g_strdup(code);
	event->command_key = g_strdup(command_key);
	g_ptr_array_add(self->pending_events, event);
	return TRUE;
}

/**
 * cwmp_host_is_in_session:
 * @self: the host
 *
 * Returns: whether a session with the ACS runs now
 *
 * Since: 1.0
 */
gboolean
cwmp_host_is_in_session(CwmpHost *self)
{
	g_return_val_if_fail(CWMP_IS_HOST(self), FALSE);
	return self->in_session;
}

static gboolean
cwmp_host_flush_cb(gpointer user_data)
{
	CwmpHost *self = CWMP_HOST(user_data);
	g_autoptr(GPtrArray) calls = NULL;

	self->flush_id = 0;
	if (self->in_session)
		return G_SOURCE_REMOVE;
	/* a call may add calls: those run on the next round */
	calls = g_steal_pointer(&self->calls);
	self->calls = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_host_call_free);
	for (guint i = 0; i < calls->len; i++) {
		CwmpHostCall *call = g_ptr_array_index(calls, i);
		call->func(call->data);
	}
	return G_SOURCE_REMOVE;
}

static void
cwmp_host_schedule_flush(CwmpHost *self)
{
	if (self->flush_id != 0 || self->in_session || self->calls->len == 0)
		return;
	self->flush_id = g_idle_add_full(G_PRIORITY_DEFAULT, cwmp_host_flush_cb, g_object_ref(self),
					 g_object_unref);
}

/**
 * cwmp_host_call_when_idle:
 * @self: the host
 * @func: called once, from the main loop, when no session runs; its return
 *   value is ignored
 * @data: passed to @func
 * @destroy: (nullable): frees @data after the call or the cancellation
 *
 * Defers work that TR-069 starts "after the session ends" (a diagnostic set
 * to Requested, a transfer): @func runs from the main loop as soon as no
 * session is in progress, never from inside the caller.
 *
 * Returns: an id for cwmp_host_cancel_call(), never 0
 *
 * Since: 1.0
 */
guint
cwmp_host_call_when_idle(CwmpHost *self, GSourceFunc func, gpointer data, GDestroyNotify destroy)
{
	CwmpHostCall *call;

	g_return_val_if_fail(CWMP_IS_HOST(self), 0);
	g_return_val_if_fail(func != NULL, 0);

	call = g_new0(CwmpHostCall, 1);
	call->id = ++self->next_call_id;
	if (call->id == 0)
		call->id = ++self->next_call_id;
	call->func = func;
	call->data = data;
	call->destroy = destroy;
	g_ptr_array_add(self->calls, call);
	cwmp_host_schedule_flush(self);
	return call->id;
}

/**
 * cwmp_host_cancel_call:
 * @self: the host
 * @id: what cwmp_host_call_when_idle() returned
 *
 * Drops a call that has not run yet (its data is destroyed). Unknown ids and
 * calls that already ran are ignored.
 *
 * Since: 1.0
 */
void
cwmp_host_cancel_call(CwmpHost *self, guint id)
{
	g_return_if_fail(CWMP_IS_HOST(self));
	for (guint i = 0; i < self->calls->len; i++) {
		CwmpHostCall *call = g_ptr_array_index(self->calls, i);
		if (call->id == id) {
			g_ptr_array_remove_index(self->calls, i);
			return;
		}
	}
}

/* "3 Vendor Configuration File 2" -> prefix "3 Vendor Configuration File", 2 */
static gboolean
cwmp_host_split_instance(const gchar *file_type, gsize *prefix_length, guint *instance)
{
	const gchar *space = strrchr(file_type, ' ');
	guint64	     value = 0;

	if (space == NULL || space[1] == '\0' ||
	    !g_ascii_string_to_unsigned(space + 1, 10, 1, G_MAXUINT, &value, NULL))
		return FALSE;
	*prefix_length = (gsize) (space - file_type);
	*instance = (guint) value;
	return TRUE;
}

/**
 * cwmp_host_add_file_type:
 * @self: the host
 * @handler: (transfer none): a handler that lives as long as the plugin
 *   (usually a static const)
 * @user_data: passed to the handler's callbacks
 * @error: a #GError, or %NULL
 *
 * Claims a FileType for Download or Upload. A plugin's handler replaces the
 * core's default for the same type; two plugins cannot claim the same type.
 *
 * Returns: %FALSE (CWMP_ERROR_EXISTS) when another plugin has the type,
 *   CWMP_ERROR_INVALID_DATA when the handler lacks the callback its
 *   direction needs
 *
 * Since: 1.0
 */
gboolean
cwmp_host_add_file_type(CwmpHost		  *self,
			const CwmpFileTypeHandler *handler,
			gpointer		   user_data,
			GError			 **error)
{
	CwmpHostFileType entry = {handler, user_data};

	g_return_val_if_fail(CWMP_IS_HOST(self), FALSE);
	g_return_val_if_fail(handler != NULL, FALSE);

	if (handler->file_type == NULL || handler->file_type[0] == '\0' ||
	    (handler->direction == CWMP_TRANSFER_DOWNLOAD && handler->apply == NULL) ||
	    (handler->direction == CWMP_TRANSFER_UPLOAD && handler->collect == NULL)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "file type handler '%s' lacks its name or its %s callback",
			    handler->file_type != NULL ? handler->file_type : "",
			    handler->direction == CWMP_TRANSFER_DOWNLOAD ? "apply" : "collect");
		return FALSE;
	}
	for (guint i = 0; i < self->file_types->len; i++) {
		CwmpHostFileType *other = &g_array_index(self->file_types, CwmpHostFileType, i);
		if (other->handler->direction == handler->direction &&
		    g_strcmp0(other->handler->file_type, handler->file_type) == 0) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS,
				    "file type '%s' is already claimed", handler->file_type);
			return FALSE;
		}
	}
	g_array_append_val(self->file_types, entry);
	return TRUE;
}

/**
 * cwmp_host_remove_file_type:
 * @self: the host
 * @handler: a handler given to cwmp_host_add_file_type()
 *
 * Gives the type back (a plugin that stops).
 *
 * Since: 1.0
 */
void
cwmp_host_remove_file_type(CwmpHost *self, const CwmpFileTypeHandler *handler)
{
	g_return_if_fail(CWMP_IS_HOST(self));
	for (guint i = 0; i < self->file_types->len; i++) {
		if (g_array_index(self->file_types, CwmpHostFileType, i).handler == handler) {
			g_array_remove_index(self->file_types, i);
			return;
		}
	}
}

/**
 * cwmp_host_lookup_file_type:
 * @self: the host
 * @direction: download or upload
 * @file_type: the FileType of the RPC
 * @instance: (out) (optional): the instance of a "... <i>" type, else 0
 * @user_data: (out) (optional): the handler's user data
 *
 * Returns: (nullable): the handler of @file_type, or %NULL when none claims it
 */
const CwmpFileTypeHandler *
cwmp_host_lookup_file_type(CwmpHost		*self,
			   CwmpTransferDirection direction,
			   const gchar		*file_type,
			   guint		*instance,
			   gpointer		*user_data)
{
	gsize	 prefix_length = 0;
	guint	 number = 0;
	gboolean has_instance;

	g_return_val_if_fail(CWMP_IS_HOST(self), NULL);
	g_return_val_if_fail(file_type != NULL, NULL);

	has_instance = cwmp_host_split_instance(file_type, &prefix_length, &number);
	for (guint i = 0; i < self->file_types->len; i++) {
		CwmpHostFileType *entry = &g_array_index(self->file_types, CwmpHostFileType, i);
		const CwmpFileTypeHandler *handler = entry->handler;
		gboolean		   match;

		if (handler->direction != direction)
			continue;
		if (handler->takes_instance)
			match = has_instance && strlen(handler->file_type) == prefix_length &&
				strncmp(handler->file_type, file_type, prefix_length) == 0;
		else
			match = g_strcmp0(handler->file_type, file_type) == 0;
		if (!match)
			continue;
		if (instance != NULL)
			*instance = handler->takes_instance ? number : 0;
		if (user_data != NULL)
			*user_data = entry->user_data;
		return handler;
	}
	return NULL;
}

/**
 * cwmp_host_dup_file_types:
 * @self: the host
 * @direction: download or upload
 *
 * Returns: (transfer full): the claimed FileTypes of @direction, "<i>" types
 *   written with a trailing " <i>"
 */
GStrv
cwmp_host_dup_file_types(CwmpHost *self, CwmpTransferDirection direction)
{
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();

	g_return_val_if_fail(CWMP_IS_HOST(self), NULL);
	for (guint i = 0; i < self->file_types->len; i++) {
		const CwmpFileTypeHandler *handler =
		    g_array_index(self->file_types, CwmpHostFileType, i).handler;
		if (handler->direction != direction)
			continue;
		if (handler->takes_instance) {
			g_autofree gchar *name = g_strconcat(handler->file_type, " <i>", NULL);
			g_strv_builder_add(builder, name);
		} else
			g_strv_builder_add(builder, handler->file_type);
	}
	return g_strv_builder_end(builder);
}

/**
 * cwmp_host_set_event_func:
 * @self: the host
 * @func: (nullable): queues an event and asks for a session; %NULL detaches
 * @user_data: passed to @func
 *
 * The engine installs its event queue here when it starts; events that
 * plugins queued before are handed over now, in order.
 */
void
cwmp_host_set_event_func(CwmpHost *self, CwmpHostEventFunc func, gpointer user_data)
{
	g_return_if_fail(CWMP_IS_HOST(self));
	self->event_func = func;
	self->event_data = user_data;
	if (func == NULL)
		return;
	for (guint i = 0; i < self->pending_events->len; i++) {
		CwmpHostEvent *event = g_ptr_array_index(self->pending_events, i);
		g_autoptr(GError) error = NULL;
		if (!func(event->code, event->command_key, user_data, &error))
			g_warning("event %s queued by a plugin before the start is lost: %s",
				  event->code, error->message);
	}
	g_ptr_array_set_size(self->pending_events, 0);
}

/**
 * cwmp_host_set_session_active:
 * @self: the host
 * @active: whether a session with the ACS runs
 *
 * The engine reports each session start and end; the end runs the calls of
 * cwmp_host_call_when_idle() that waited for it.
 */
void
cwmp_host_set_session_active(CwmpHost *self, gboolean active)
{
	g_return_if_fail(CWMP_IS_HOST(self));
	if (self->in_session == active)
		return;
	self->in_session = active;
	if (active) {
		g_clear_handle_id(&self->flush_id, g_source_remove);
		g_signal_emit(self, signals[SIGNAL_SESSION_STARTED], 0);
	} else {
		g_signal_emit(self, signals[SIGNAL_SESSION_ENDED], 0);
		cwmp_host_schedule_flush(self);
	}
}

static void
cwmp_host_dispose(GObject *object)
{
	CwmpHost *self = CWMP_HOST(object);
	g_clear_handle_id(&self->flush_id, g_source_remove);
	if (self->calls != NULL)
		g_ptr_array_set_size(self->calls, 0);
	G_OBJECT_CLASS(cwmp_host_parent_class)->dispose(object);
}

static void
cwmp_host_finalize(GObject *object)
{
	CwmpHost *self = CWMP_HOST(object);
	g_ptr_array_unref(self->calls);
	g_ptr_array_unref(self->pending_events);
	g_array_unref(self->file_types);
	G_OBJECT_CLASS(cwmp_host_parent_class)->finalize(object);
}

static void
cwmp_host_class_init(CwmpHostClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_host_dispose;
	object_class->finalize = cwmp_host_finalize;
	/**
	 * CwmpHost::session-started:
	 *
	 * A session with the ACS begins.
	 */
	signals[SIGNAL_SESSION_STARTED] =
	    g_signal_new("session-started", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
	/**
	 * CwmpHost::session-ended:
	 *
	 * The session with the ACS is over (successful or not).
	 */
	signals[SIGNAL_SESSION_ENDED] =
	    g_signal_new("session-ended", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
}

static void
cwmp_host_init(CwmpHost *self)
{
	self->calls = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_host_call_free);
	self->pending_events =
	    g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_host_event_free);
	self->file_types = g_array_new(FALSE, FALSE, sizeof(CwmpHostFileType));
}
