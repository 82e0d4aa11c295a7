/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-event.h"
#include "cwmp-ftp-client.h"
#include "cwmp-store.h"
#include "cwmp-transfer-http.h"
#include "cwmp-transfer-queue.h"

/* TR-069 A.3.2.8: URL up to 256 characters, CommandKey 32 */
#define CWMP_TRANSFER_URL_MAX	      256
#define CWMP_TRANSFER_COMMAND_KEY_MAX 32

struct _CwmpTransferQueue {
	GObject		parent_instance;
	CwmpConfig     *config;
	CwmpDm	       *dm;
	CwmpHost       *host;
	CwmpScheduler  *scheduler;
	CwmpEventQueue *events;
	CwmpStore      *store;
	gchar	       *state_directory;
	gchar	       *boot_id;
	GPtrArray      *transfers; /* CwmpTransfer, in acceptance order */
	guint64		next_id;
	SoupSession    *http;
	CwmpTransfer   *running; /* the one transfer that runs, or NULL */
	GCancellable   *cancellable;
	guint		timer_id;
	guint		idle_call_id;
	guint		max_queued;
	guint		max_attempts;
	gboolean	started;
	gboolean	loaded;
};

G_DEFINE_TYPE(CwmpTransferQueue, cwmp_transfer_queue, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, SIGNAL_PROGRESS, SIGNAL_REBOOT_WANTED, SIGNAL_LAST };
static guint signals[SIGNAL_LAST] = {0};

static void
cwmp_transfer_queue_schedule(CwmpTransferQueue *self);
static gboolean
cwmp_transfer_queue_is_ftp(const CwmpTransfer *t);
static void
cwmp_transfer_queue_ftp_upload(CwmpTransferQueue *self, CwmpTransfer *t);

CwmpTransferQueue *
cwmp_transfer_queue_new(CwmpConfig     *config,
			CwmpDm	       *dm,
			CwmpHost       *host,
			CwmpScheduler  *scheduler,
			CwmpEventQueue *events,
			const gchar    *state_directory,
			const gchar    *boot_id)
{
	CwmpTransferQueue *self = g_object_new(CWMP_TYPE_TRANSFER_QUEUE, NULL);
	self->config = g_object_ref(config);
	self->dm = g_object_ref(dm);
	self->host = g_object_ref(host);
	self->scheduler = g_object_ref(scheduler);
	self->events = g_object_ref(events);
	self->state_directory = g_strdup(state_directory);
	self->boot_id = g_strdup(boot_id);
	self->store = cwmp_store_new(state_directory, CWMP_TRANSFER_QUEUE_STORE_NAME,
				     CWMP_TRANSFER_QUEUE_STORE_KIND);
	self->max_queued = (guint) cwmp_config_get_integer(config, "transfers", "max-queued");
	self->max_attempts = (guint) cwmp_config_get_integer(config, "transfers", "max-attempts");
	return self;
}

/* --- persistence --------------------------------------------------------- */

static gboolean
cwmp_transfer_queue_save(CwmpTransferQueue *self, GError **error)
{
	g_autoptr(CwmpStoreWriter) writer = cwmp_store_writer_new(self->store, error);
	gchar next[32];

	if (writer == NULL)
		return FALSE;
	g_snprintf(next, sizeof(next), "%" G_GUINT64_FORMAT, self->next_id);
	if (!cwmp_store_writer_add1(writer, 'n', next, error))
		return FALSE;
	for (guint i = 0; i < self->transfers->len; i++) {
		if (!cwmp_transfer_write(g_ptr_array_index(self->transfers, i), writer, error))
			return FALSE;
	}
	return cwmp_store_writer_commit(writer, error);
}

/* a save that fails while a transfer runs is logged: the transfer goes on,
 * and the next save writes the whole queue again */
static void
cwmp_transfer_queue_save_or_warn(CwmpTransferQueue *self)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_transfer_queue_save(self, &error))
		g_warning("cannot save the transfer queue: %s", error->message);
}

typedef struct {
	CwmpTransferQueue *self;
	CwmpTransfer	  *current;
} CwmpTransferQueueReader;

static gboolean
cwmp_transfer_queue_finish_read(CwmpTransferQueueReader *reader, GError **error)
{
	CwmpTransfer *t = g_steal_pointer(&reader->current);
	if (t == NULL)
		return TRUE;
	if (!cwmp_transfer_check(t, error)) {
		cwmp_transfer_free(t);
		return FALSE;
	}
	g_ptr_array_add(reader->self->transfers, t);
	reader->self->next_id = MAX(reader->self->next_id, t->id);
	return TRUE;
}

static gboolean
cwmp_transfer_queue_read_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	CwmpTransferQueueReader *reader = user_data;
	guint64			 value = 0;

	switch (record->tag) {
	case 'n':
		if (record->n_fields != 1 || !g_ascii_string_to_unsigned(record->fields[0], 10, 0,
									 G_MAXUINT64, &value, NULL))
			break;
		reader->self->next_id = MAX(reader->self->next_id, value);
		return TRUE;
	case 'T':
		if (!cwmp_transfer_queue_finish_read(reader, error))
			return FALSE;
		if (record->n_fields != 1 || !g_ascii_string_to_unsigned(record->fields[0], 10, 1,
									 G_MAXUINT64, &value, NULL))
			break;
		reader->current = cwmp_transfer_new(CWMP_TRANSFER_KIND_DOWNLOAD);
		reader->current->id = value;
		return TRUE;
	case 'v':
		if (record->n_fields != 2 || reader->current == NULL)
			break;
		return cwmp_transfer_set_field(reader->current, record->fields[0],
					       record->fields[1], error);
	default:
		/* written by a newer cwmpd */
		return TRUE;
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "record '%c' is malformed", record->tag);
	return FALSE;
}

static gchar *
cwmp_transfer_queue_file(CwmpTransferQueue *self, const CwmpTransfer *t)
{
	g_autofree gchar *name =
	    g_strdup_printf("transfer-%" G_GUINT64_FORMAT ".%s", t->id,
			    t->kind == CWMP_TRANSFER_KIND_UPLOAD ? "upload" : "part");
	return g_build_filename(self->state_directory, name, NULL);
}

static void
cwmp_transfer_queue_remove_file(CwmpTransferQueue *self, const CwmpTransfer *t)
{
	g_autofree gchar *file = cwmp_transfer_queue_file(self, t);
	if (g_unlink(file) != 0 && errno != ENOENT)
		g_warning("cannot remove %s: %s", file, g_strerror(errno));
}

static const gchar *
cwmp_transfer_queue_complete_event(const CwmpTransfer *t)
{
	return t->autonomous ? CWMP_EVENT_AUTONOMOUS_TRANSFER_COMPLETE
			     : CWMP_EVENT_TRANSFER_COMPLETE;
}

/* the events of a finished transfer: "M Download" (or its kind) with the
 * CommandKey, and 7 TRANSFER COMPLETE; 10 AUTONOMOUS TRANSFER COMPLETE for
 * a transfer the ACS did not ask for */
static gboolean
cwmp_transfer_queue_add_events(CwmpTransferQueue *self, const CwmpTransfer *t, GError **error)
{
	if (!t->autonomous &&
	    !cwmp_scheduler_add_event(self->scheduler, cwmp_transfer_kind_to_event(t->kind),
				      t->command_key, error))
		return FALSE;
	return cwmp_scheduler_add_event(self->scheduler, cwmp_transfer_queue_complete_event(t),
					NULL, error);
}

/* after a crash the queue and the events may disagree: a finished transfer
 * whose events were not written yet gets them; an M event whose transfer was
 * already acknowledged (the crash came between the two files) goes */
static gboolean
cwmp_transfer_queue_reconcile(CwmpTransferQueue *self, GError **error)
{
	g_autoptr(GPtrArray) events = cwmp_event_queue_get_all(self->events);
	/* "M event code|CommandKey" -> finished transfers not matched by an event yet */
	g_autoptr(GHashTable) unmatched =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	gboolean any_done = FALSE;
	gboolean any_autonomous = FALSE;

	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(self->transfers, i);
		gchar	     *group;

		if (t->phase != CWMP_TRANSFER_PHASE_DONE)
			continue;
		if (t->autonomous) {
			any_autonomous = TRUE;
			continue;
		}
		any_done = TRUE;
		group =
		    g_strconcat(cwmp_transfer_kind_to_event(t->kind), "|", t->command_key, NULL);
		g_hash_table_insert(
		    unmatched, group,
		    GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(unmatched, group)) + 1));
	}
	/* each M event stands for one finished transfer; one left over belongs to
	 * a transfer whose TransferComplete was already acknowledged */
	for (guint i = 0; i < events->len; i++) {
		CwmpEvent	 *event = g_ptr_array_index(events, i);
		const gchar	 *code = cwmp_event_get_code(event);
		const gchar	 *key = cwmp_event_get_command_key(event);
		g_autofree gchar *group = NULL;
		guint		  n;

		if (g_strcmp0(code, CWMP_EVENT_M_DOWNLOAD) != 0 &&
		    g_strcmp0(code, CWMP_EVENT_M_SCHEDULE_DOWNLOAD) != 0 &&
		    g_strcmp0(code, CWMP_EVENT_M_UPLOAD) != 0)
			continue;
		group = g_strconcat(code, "|", key != NULL ? key : "", NULL);
		n = GPOINTER_TO_UINT(g_hash_table_lookup(unmatched, group));
		if (n > 0) {
			g_hash_table_insert(unmatched, g_steal_pointer(&group),
					    GUINT_TO_POINTER(n - 1));
			continue;
		}
		g_message("dropping %s '%s': its TransferComplete was acknowledged", code,
			  key != NULL ? key : "");
		if (!cwmp_event_queue_acknowledge(self->events, CWMP_EVENT_ACK_TRANSFER_COMPLETE,
						  key, error))
			return FALSE;
	}
	/* a finished transfer without its event gets it back */
	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer	 *t = g_ptr_array_index(self->transfers, i);
		g_autofree gchar *group = NULL;
		guint		  n;

		if (t->phase != CWMP_TRANSFER_PHASE_DONE || t->autonomous)
			continue;
		group =
		    g_strconcat(cwmp_transfer_kind_to_event(t->kind), "|", t->command_key, NULL);
		n = GPOINTER_TO_UINT(g_hash_table_lookup(unmatched, group));
		if (n == 0)
			continue;
		g_hash_table_insert(unmatched, g_steal_pointer(&group), GUINT_TO_POINTER(n - 1));
		if (!cwmp_transfer_queue_add_events(self, t, error))
			return FALSE;
	}
	if (any_done && cwmp_event_queue_count(self->events, CWMP_EVENT_TRANSFER_COMPLETE) == 0 &&
	    !cwmp_scheduler_add_event(self->scheduler, CWMP_EVENT_TRANSFER_COMPLETE, NULL, error))
		return FALSE;
	if (any_autonomous &&
	    cwmp_event_queue_count(self->events, CWMP_EVENT_AUTONOMOUS_TRANSFER_COMPLETE) == 0 &&
	    !cwmp_scheduler_add_event(self->scheduler, CWMP_EVENT_AUTONOMOUS_TRANSFER_COMPLETE,
				      NULL, error))
		return FALSE;
	return TRUE;
}

/**
 * cwmp_transfer_queue_load:
 * @self: a queue
 * @error: a #GError, or %NULL
 *
 * Reads transfers.state. A damaged file is moved aside (with a warning) and
 * the queue starts empty; a transfer applied before a reboot that has now
 * happened is a success; finished transfers get their events back if a
 * crash lost them.
 *
 * Returns: %FALSE when the queue or the events cannot be saved
 */
gboolean
cwmp_transfer_queue_load(CwmpTransferQueue *self, GError **error)
{
	CwmpTransferQueueReader reader = {self, NULL};
	g_autoptr(GError) error_local = NULL;
	gboolean ok;

	g_return_val_if_fail(CWMP_IS_TRANSFER_QUEUE(self), FALSE);

	ok = cwmp_store_read(self->store, cwmp_transfer_queue_read_cb, &reader, &error_local) &&
	     cwmp_transfer_queue_finish_read(&reader, &error_local);
	g_clear_pointer(&reader.current, cwmp_transfer_free);
	if (!ok) {
		g_autofree gchar *moved = NULL;
		if (!cwmp_store_quarantine(self->store, &moved, error))
			return FALSE;
		g_warning("%s is damaged (%s); moved it to %s: the queued transfers are lost",
			  cwmp_store_get_filename(self->store), error_local->message, moved);
		g_ptr_array_set_size(self->transfers, 0);
	}
	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(self->transfers, i);
		if (t->phase == CWMP_TRANSFER_PHASE_REBOOTING &&
		    g_strcmp0(t->boot_id, self->boot_id) != 0) {
			/* the reboot that makes the file take effect happened */
			g_message("transfer %" G_GUINT64_FORMAT " ('%s'): applied, the device "
				  "rebooted: success",
				  t->id, t->command_key);
			cwmp_transfer_set_result(t, 0, NULL);
			t->start_time = t->start_time != 0 ? t->start_time : t->complete_time;
		}
	}
	self->loaded = TRUE;
	if (!cwmp_transfer_queue_save(self, error))
		return FALSE;
	return cwmp_transfer_queue_reconcile(self, error);
}

/* --- running ------------------------------------------------------------- */

static CwmpTransfer *
cwmp_transfer_queue_find(CwmpTransferQueue *self, guint64 id)
{
	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(self->transfers, i);
		if (t->id == id)
			return t;
	}
	return NULL;
}

static void
cwmp_transfer_queue_changed(CwmpTransferQueue *self, CwmpTransfer *t)
{
	g_signal_emit(self, signals[SIGNAL_CHANGED], 0, t->id);
}

/* autonomous results are reported only as ManagementServer.
 * AutonomousTransferCompletePolicy asks */
static gboolean
cwmp_transfer_queue_policy_reports(CwmpTransferQueue *self, const CwmpTransfer *t)
{
	const gchar	 *base = "Device.ManagementServer.AutonomousTransferCompletePolicy.";
	g_autofree gchar *enable = NULL, *transfer = NULL, *result = NULL, *files = NULL;
	g_autofree gchar *path = NULL;

	path = g_strconcat(base, "Enable", NULL);
	enable = cwmp_dm_get_value(self->dm, path, NULL);
	if (enable == NULL || !(g_str_equal(enable, "true") || g_str_equal(enable, "1")))
		return FALSE;
	g_free(path);
	path = g_strconcat(base, "TransferTypeFilter", NULL);
	transfer = cwmp_dm_get_value(self->dm, path, NULL);
	if (transfer != NULL && !g_str_equal(transfer, "Both") &&
	    !g_str_equal(transfer, cwmp_transfer_get_direction(t) == CWMP_TRANSFER_UPLOAD ? "Upload"
											  : "Downlo"
											    "ad"))
		return FALSE;
	g_free(path);
	path = g_strconcat(base, "ResultTypeFilter", NULL);
	result = cwmp_dm_get_value(self->dm, path, NULL);
	if (result != NULL && !g_str_equal(result, "Both") &&
	    !g_str_equal(result, t->fault_code == 0 ? "Success" : "Failure"))
		return FALSE;
	g_free(path);
	path = g_strconcat(base, "FileTypeFilter", NULL);
	files = cwmp_dm_get_value(self->dm, path, NULL);
	if (files != NULL && files[0] != '\0') {
		g_auto(GStrv) list = g_strsplit(files, ",", -1);
		for (guint i = 0; list[i] != NULL; i++) {
			if (g_str_equal(g_strstrip(list[i]), t->file_type))
				return TRUE;
		}
		return FALSE;
	}
	return TRUE;
}

/* the transfer ends: result saved, then its events queued (a crash between
 * the two is repaired by cwmp_transfer_queue_reconcile()) */
static void
cwmp_transfer_queue_finish(CwmpTransferQueue *self,
			   CwmpTransfer	     *t,
			   guint	      fault_code,
			   const gchar	     *fault_string)
{
	g_autoptr(GError) error = NULL;

	cwmp_transfer_set_result(t, fault_code, fault_string);
	cwmp_transfer_queue_remove_file(self, t);
	if (fault_code == 0)
		g_message("transfer %" G_GUINT64_FORMAT " (%s '%s'): done", t->id,
			  cwmp_transfer_kind_to_string(t->kind), t->command_key);
	else
		g_message("transfer %" G_GUINT64_FORMAT " (%s '%s'): fault %u: %s", t->id,
			  cwmp_transfer_kind_to_string(t->kind), t->command_key, fault_code,
			  fault_string);
	if (t->autonomous && !cwmp_transfer_queue_policy_reports(self, t)) {
		guint64 id = t->id;
		/* nobody to tell: gone at once */
		g_ptr_array_remove(self->transfers, t);
		cwmp_transfer_queue_save_or_warn(self);
		g_signal_emit(self, signals[SIGNAL_CHANGED], 0, id);
		return;
	}
	cwmp_transfer_queue_save_or_warn(self);
	if (!cwmp_transfer_queue_add_events(self, t, &error))
		g_warning("transfer %" G_GUINT64_FORMAT ": cannot queue its events: %s (retried "
			  "at the next start)",
			  t->id, error->message);
	cwmp_transfer_queue_changed(self, t);
}

static void
cwmp_transfer_queue_fail(CwmpTransferQueue *self, CwmpTransfer *t, const GError *error)
{
	guint code;

	if (error->domain == CWMP_FAULT)
		code = (guint) error->code;
	else
		code = cwmp_transfer_get_direction(t) == CWMP_TRANSFER_UPLOAD
			   ? CWMP_FAULT_UPLOAD_FAILURE
			   : CWMP_FAULT_DOWNLOAD_FAILURE;
	cwmp_transfer_queue_finish(self, t, code, error->message);
}

/* ScheduleDownload: the window the transfer is in now, or the next one */
static const CwmpTransferWindow *
cwmp_transfer_queue_window(const CwmpTransfer *t, gint64 now, gint64 *start, gint64 *end)
{
	for (guint i = 0; i < t->n_windows; i++) {
		const CwmpTransferWindow *w = &t->windows[i];
		gint64			  s = t->accepted + w->start;
		gint64			  e = t->accepted + w->end;
		/* a window that needs the user's confirmation cannot be used: no
		 * user interface */
		if (g_str_has_prefix(w->mode, "4 "))
			continue;
		if (now < e) {
			*start = s;
			*end = e;
			return w;
		}
	}
	return NULL;
}

static void
cwmp_transfer_queue_progress_cb(guint64 done, guint64 total, gpointer user_data)
{
	CwmpTransferQueue *self = CWMP_TRANSFER_QUEUE(user_data);
	if (self->running == NULL)
		return;
	self->running->bytes_done = done;
	self->running->bytes_total = total;
	g_signal_emit(self, signals[SIGNAL_PROGRESS], 0, self->running->id, done, total);
}

typedef struct {
	const CwmpFileTypeHandler *handler;
	gpointer		   handler_data;
	CwmpFileTransferInfo	   info;
	gchar			  *path;
	gchar			  *file_type;
	gchar			  *target_file_name;
	gchar			  *command_key;
	gboolean		   needs_reboot;
} CwmpTransferQueueWork;

static void
cwmp_transfer_queue_work_free(CwmpTransferQueueWork *work)
{
	g_free(work->path);
	g_free(work->file_type);
	g_free(work->target_file_name);
	g_free(work->command_key);
	g_free(work);
}

/* the handler's callbacks, in a worker thread */
static void
cwmp_transfer_queue_work_thread(GTask	     *task,
				gpointer      source,
				gpointer      task_data,
				GCancellable *cancellable)
{
	CwmpTransferQueueWork *work = task_data;
	GError		      *error = NULL;
	gboolean	       ok;

	if (work->handler->direction == CWMP_TRANSFER_UPLOAD) {
		ok = work->handler->collect(&work->info, work->handler_data, &error);
	} else {
		ok = work->handler->verify == NULL ||
		     work->handler->verify(&work->info, work->handler_data, &error);
		if (ok)
			ok = work->handler->apply(&work->info, work->handler_data,
						  &work->needs_reboot, &error);
	}
	if (!ok && error == NULL)
		error = g_error_new(CWMP_FAULT,
				    work->handler->direction == CWMP_TRANSFER_UPLOAD
					? CWMP_FAULT_UPLOAD_FAILURE
					: CWMP_FAULT_DOWNLOAD_FAILURE,
				    "the handler of '%s' failed without a reason", work->file_type);
	if (!ok)
		g_task_return_error(task, error);
	else
		g_task_return_boolean(task, TRUE);
}

static void
cwmp_transfer_queue_run_handler(CwmpTransferQueue  *self,
				CwmpTransfer	   *t,
				GAsyncReadyCallback callback,
				GError		  **error)
{
	CwmpTransferQueueWork *work = g_new0(CwmpTransferQueueWork, 1);
	g_autoptr(GTask) task = NULL;
	guint	 instance = 0;
	GStatBuf st;

	work->handler = cwmp_host_lookup_file_type(self->host, cwmp_transfer_get_direction(t),
						   t->file_type, &instance, &work->handler_data);
	if (work->handler == NULL) {
		cwmp_transfer_queue_work_free(work);
		g_set_error(error, CWMP_FAULT,
			    cwmp_transfer_get_direction(t) == CWMP_TRANSFER_UPLOAD
				? CWMP_FAULT_UPLOAD_FAILURE
				: CWMP_FAULT_DOWNLOAD_FAILURE,
			    "FileType '%s' is no longer supported", t->file_type);
		return;
	}
	work->path = cwmp_transfer_queue_file(self, t);
	work->file_type = g_strdup(t->file_type);
	work->target_file_name = g_strdup(t->target_file_name != NULL ? t->target_file_name : "");
	work->command_key = g_strdup(t->command_key);
	work->info.path = work->path;
	work->info.file_type = work->file_type;
	work->info.instance = instance;
	work->info.target_file_name = work->target_file_name;
	work->info.command_key = work->command_key;
	work->info.size = g_stat(work->path, &st) == 0 ? (guint64) st.st_size : 0;
	task = g_task_new(self, self->cancellable, callback, g_object_ref(self));
	g_task_set_task_data(task, work, (GDestroyNotify) cwmp_transfer_queue_work_free);
	g_task_run_in_thread(task, cwmp_transfer_queue_work_thread);
}

/* the transfer an asynchronous step belongs to, or NULL when that step is
 * stale: its transfer was cancelled or the queue stopped, and another
 * transfer may run by now. Every step is started with self->cancellable,
 * which is new for each run. */
static CwmpTransfer *
cwmp_transfer_queue_current(CwmpTransferQueue *self, GAsyncResult *result)
{
	if (self->running == NULL || self->cancellable == NULL || !G_IS_TASK(result) ||
	    g_task_get_cancellable(G_TASK(result)) != self->cancellable)
		return NULL;
	return self->running;
}

static void
cwmp_transfer_queue_done_running(CwmpTransferQueue *self)
{
	self->running = NULL;
	g_clear_object(&self->cancellable);
	cwmp_transfer_queue_schedule(self);
}

static void
cwmp_transfer_queue_applied_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpTransferQueue) self = CWMP_TRANSFER_QUEUE(user_data);
	CwmpTransferQueueWork *work = g_task_get_task_data(G_TASK(result));
	CwmpTransfer	      *t = cwmp_transfer_queue_current(self, result);
	g_autoptr(GError) error = NULL;

	if (t == NULL)
		return;
	if (!g_task_propagate_boolean(G_TASK(result), &error)) {
		cwmp_transfer_queue_fail(self, t, error);
	} else if (work->needs_reboot) {
		/* success is known after the reboot (cwmp_transfer_queue_load) */
		t->phase = CWMP_TRANSFER_PHASE_REBOOTING;
		g_free(t->boot_id);
		t->boot_id = g_strdup(self->boot_id);
		cwmp_transfer_queue_remove_file(self, t);
		cwmp_transfer_queue_save_or_warn(self);
		cwmp_transfer_queue_changed(self, t);
		g_message("transfer %" G_GUINT64_FORMAT " ('%s'): applied; it takes effect after "
			  "a reboot",
			  t->id, t->command_key);
		g_signal_emit(self, signals[SIGNAL_REBOOT_WANTED], 0);
	} else {
		cwmp_transfer_queue_finish(self, t, 0, NULL);
	}
	cwmp_transfer_queue_done_running(self);
}

static void
cwmp_transfer_queue_apply(CwmpTransferQueue *self, CwmpTransfer *t)
{
	g_autoptr(GError) error = NULL;

	t->phase = CWMP_TRANSFER_PHASE_APPLYING;
	cwmp_transfer_queue_save_or_warn(self);
	g_message("transfer %" G_GUINT64_FORMAT " ('%s'): applying the file (%s)", t->id,
		  t->command_key, t->file_type);
	cwmp_transfer_queue_changed(self, t);
	cwmp_transfer_queue_run_handler(self, t, cwmp_transfer_queue_applied_cb, &error);
	if (error != NULL) {
		cwmp_transfer_queue_fail(self, t, error);
		cwmp_transfer_queue_done_running(self);
	}
}

/* a ScheduleDownload failure with retries and windows left tries again */
static gboolean
cwmp_transfer_queue_retry(CwmpTransferQueue *self, CwmpTransfer *t, const GError *error)
{
	gint64			  now = g_get_real_time() / G_USEC_PER_SEC;
	gint64			  start = 0, end = 0;
	const CwmpTransferWindow *w;

	if (t->kind != CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD ||
	    g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
		return FALSE;
	w = cwmp_transfer_queue_window(t, now, &start, &end);
	if (w == NULL)
		return FALSE;
	if (w->max_retries >= 0 && t->attempts > (guint) w->max_retries)
		return FALSE;
	/* back off a little inside the window */
	t->due = MAX(start, now + MIN(60, (gint64) 5 * t->attempts));
	if (t->due >= end)
		return FALSE;
	g_message("transfer %" G_GUINT64_FORMAT " ('%s'): %s; retrying at +%" G_GINT64_FORMAT " s",
		  t->id, t->command_key, error->message, t->due - now);
	t->phase = CWMP_TRANSFER_PHASE_WAITING;
	cwmp_transfer_queue_remove_file(self, t);
	cwmp_transfer_queue_save_or_warn(self);
	cwmp_transfer_queue_changed(self, t);
	return TRUE;
}

static void
cwmp_transfer_queue_fetched(CwmpTransferQueue *self, CwmpTransfer *t, guint64 size);

static void
cwmp_transfer_queue_downloaded_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpTransferQueue) self = CWMP_TRANSFER_QUEUE(user_data);
	CwmpTransfer *t = cwmp_transfer_queue_current(self, result);
	g_autoptr(GError) error = NULL;
	guint64 size = 0;

	if (!cwmp_transfer_http_download_finish(result, &size, &error)) {
		if (t == NULL)
			return;
		if (!cwmp_transfer_queue_retry(self, t, error))
			cwmp_transfer_queue_fail(self, t, error);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	if (t == NULL)
		return;
	cwmp_transfer_queue_fetched(self, t, size);
}

/* the whole file is here: its size checked, then the handler */
static void
cwmp_transfer_queue_fetched(CwmpTransferQueue *self, CwmpTransfer *t, guint64 size)
{
	t->bytes_done = size;
	t->bytes_total = size;
	if (t->file_size > 0 && size != t->file_size) {
		g_autoptr(GError) mismatch = g_error_new(CWMP_FAULT, CWMP_FAULT_FILE_CORRUPTED,
							 "received %" G_GUINT64_FORMAT " bytes, "
							 "FileSize "
							 "announced "
							 "%" G_GUINT64_FORMAT,
							 size, t->file_size);
		cwmp_transfer_queue_fail(self, t, mismatch);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	cwmp_transfer_queue_apply(self, t);
}

static void
cwmp_transfer_queue_uploaded_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpTransferQueue) self = CWMP_TRANSFER_QUEUE(user_data);
	CwmpTransfer *t = cwmp_transfer_queue_current(self, result);
	g_autoptr(GError) error = NULL;

	if (t == NULL)
		return;
	if (!cwmp_transfer_http_upload_finish(result, &error)) {
		cwmp_transfer_queue_fail(self, t, error);
	} else {
		cwmp_transfer_queue_finish(self, t, 0, NULL);
	}
	cwmp_transfer_queue_done_running(self);
}

static gboolean
cwmp_transfer_queue_ensure_http(CwmpTransferQueue *self, GError **error)
{
	g_autofree gchar *ca_file = NULL;
	if (self->http != NULL)
		return TRUE;
	ca_file = cwmp_config_get_string(self->config, "transfers", "ca-file");
	self->http = cwmp_transfer_http_session_new(
	    ca_file, (guint) cwmp_config_get_integer(self->config, "transfers", "timeout"), error);
	return self->http != NULL;
}

static void
cwmp_transfer_queue_collected_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpTransferQueue) self = CWMP_TRANSFER_QUEUE(user_data);
	CwmpTransfer *t = cwmp_transfer_queue_current(self, result);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *file = NULL;

	if (t == NULL)
		return;
	if (!g_task_propagate_boolean(G_TASK(result), &error)) {
		cwmp_transfer_queue_fail(self, t, error);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	if (cwmp_transfer_queue_is_ftp(t)) {
		cwmp_transfer_queue_ftp_upload(self, t);
		return;
	}
	file = cwmp_transfer_queue_file(self, t);
	cwmp_transfer_http_upload_async(self->http, t->url, t->username, t->password, file,
					cwmp_transfer_queue_progress_cb, self, self->cancellable,
					cwmp_transfer_queue_uploaded_cb, g_object_ref(self));
}

static gboolean
cwmp_transfer_queue_is_ftp(const CwmpTransfer *t)
{
	return g_ascii_strncasecmp(t->url, "ftp://", 6) == 0;
}

static void
cwmp_transfer_queue_ftp_progress_cb(guint64 done, guint64 total, gpointer user_data)
{
	cwmp_transfer_queue_progress_cb(done, total == G_MAXUINT64 ? 0 : total, user_data);
}

typedef struct {
	CwmpTransferQueue *self;
	GOutputStream	  *output;
	gboolean	   restarted; /* REST refused: sent again from the start */
} CwmpTransferQueueFtp;

static void
cwmp_transfer_queue_ftp_free(CwmpTransferQueueFtp *ftp)
{
	g_clear_object(&ftp->output);
	g_object_unref(ftp->self);
	g_free(ftp);
}

static void
cwmp_transfer_queue_ftp_download(CwmpTransferQueue *self, CwmpTransfer *t, gboolean from_start);

static void
cwmp_transfer_queue_ftp_downloaded_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpTransferQueueFtp *ftp = user_data;
	CwmpTransferQueue    *self = ftp->self;
	CwmpTransfer	     *t = cwmp_transfer_queue_current(self, result);
	g_autoptr(GError) error = NULL;
	guint64	 size = 0;
	gboolean ok = cwmp_ftp_download_finish(result, &size, &error);

	/* the file is complete on disk before it is applied */
	if (ok && !g_output_stream_close(ftp->output, NULL, &error))
		ok = FALSE;
	if (!ok && g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) && t != NULL &&
	    !ftp->restarted) {
		/* the server cannot resume: the whole file again */
		g_message("transfer %" G_GUINT64_FORMAT ": the FTP server cannot resume (%s); "
			  "starting over",
			  t->id, error->message);
		cwmp_transfer_queue_ftp_free(ftp);
		cwmp_transfer_queue_ftp_download(self, t, TRUE);
		return;
	}
	cwmp_transfer_queue_ftp_free(g_steal_pointer(&ftp));
	if (t == NULL)
		return;
	if (!ok) {
		if (error->domain != CWMP_FAULT) {
			g_autofree gchar *message = g_strdup(error->message);
			g_clear_error(&error);
			error = g_error_new(CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE,
					    "cannot store the file: %s", message);
		}
		if (!cwmp_transfer_queue_retry(self, t, error))
			cwmp_transfer_queue_fail(self, t, error);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	cwmp_transfer_queue_fetched(self, t, size);
}

static void
cwmp_transfer_queue_ftp_download(CwmpTransferQueue *self, CwmpTransfer *t, gboolean from_start)
{
	g_autofree gchar *file = cwmp_transfer_queue_file(self, t);
	g_autoptr(GFile) gfile = g_file_new_for_path(file);
	g_autoptr(GError) error = NULL;
	CwmpTransferQueueFtp *ftp;
	GFileOutputStream    *output;
	GStatBuf	      st;
	guint64		      offset = 0;

	if (!from_start && g_stat(file, &st) == 0)
		offset = (guint64) st.st_size;
	output = offset > 0
		     ? g_file_append_to(gfile, G_FILE_CREATE_PRIVATE, NULL, &error)
		     : g_file_replace(gfile, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
	if (output == NULL) {
		g_autoptr(GError) fault = g_error_new(CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE,
						      "cannot store the file: %s", error->message);
		cwmp_transfer_queue_fail(self, t, fault);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	ftp = g_new0(CwmpTransferQueueFtp, 1);
	ftp->self = g_object_ref(self);
	ftp->output = G_OUTPUT_STREAM(output);
	ftp->restarted = from_start;
	cwmp_ftp_download_async(t->url, t->username, t->password, offset, ftp->output,
				t->file_size > offset ? t->file_size - offset : 0,
				cwmp_transfer_queue_ftp_progress_cb, self, self->cancellable,
				cwmp_transfer_queue_ftp_downloaded_cb, ftp);
}

static void
cwmp_transfer_queue_ftp_uploaded_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(CwmpTransferQueue) self = CWMP_TRANSFER_QUEUE(user_data);
	CwmpTransfer *t = cwmp_transfer_queue_current(self, result);
	g_autoptr(GError) error = NULL;

	if (t == NULL)
		return;
	if (!cwmp_ftp_upload_finish(result, &error)) {
		if (error->domain != CWMP_FAULT) {
			error->domain = CWMP_FAULT;
			error->code = CWMP_FAULT_UPLOAD_FAILURE;
		}
		cwmp_transfer_queue_fail(self, t, error);
	} else {
		cwmp_transfer_queue_finish(self, t, 0, NULL);
	}
	cwmp_transfer_queue_done_running(self);
}

static void
cwmp_transfer_queue_ftp_upload(CwmpTransferQueue *self, CwmpTransfer *t)
{
	g_autofree gchar *file = cwmp_transfer_queue_file(self, t);
	g_autoptr(GFile) gfile = g_file_new_for_path(file);
	g_autoptr(GFileInputStream) input = NULL;
	g_autoptr(GFileInfo) info = NULL;
	g_autoptr(GError) error = NULL;

	input = g_file_read(gfile, NULL, &error);
	if (input != NULL)
		info = g_file_input_stream_query_info(input, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL,
						      &error);
	if (info == NULL) {
		g_autoptr(GError) fault =
		    g_error_new(CWMP_FAULT, CWMP_FAULT_UPLOAD_FAILURE,
				"cannot read the file to upload: %s", error->message);
		cwmp_transfer_queue_fail(self, t, fault);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	cwmp_ftp_upload_async(t->url, t->username, t->password, G_INPUT_STREAM(input),
			      (guint64) g_file_info_get_size(info),
			      cwmp_transfer_queue_ftp_progress_cb, self, self->cancellable,
			      cwmp_transfer_queue_ftp_uploaded_cb, g_object_ref(self));
}

/* bytes free where the file goes; G_MAXUINT64 when unknown */
static guint64
cwmp_transfer_queue_free_space(CwmpTransferQueue *self)
{
	g_autoptr(GFile) dir = g_file_new_for_path(self->state_directory);
	g_autoptr(GFileInfo) info =
	    g_file_query_filesystem_info(dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
	if (info == NULL || !g_file_info_has_attribute(info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
		return G_MAXUINT64;
	return g_file_info_get_attribute_uint64(info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
}

static void
cwmp_transfer_queue_run(CwmpTransferQueue *self, CwmpTransfer *t)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *file = NULL;
	CwmpTransferPhase resume_phase = t->phase;

	self->running = t;
	self->cancellable = g_cancellable_new();
	t->attempts++;
	if (t->start_time == 0)
		t->start_time = g_get_real_time();
	if (t->attempts > self->max_attempts && t->kind != CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD) {
		g_set_error(&error, CWMP_FAULT,
			    cwmp_transfer_get_direction(t) == CWMP_TRANSFER_UPLOAD
				? CWMP_FAULT_UPLOAD_FAILURE
				: CWMP_FAULT_DOWNLOAD_FAILURE,
			    "the transfer was interrupted %u times", t->attempts - 1);
		cwmp_transfer_queue_fail(self, t, error);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	if (resume_phase == CWMP_TRANSFER_PHASE_APPLYING) {
		/* killed while the handler ran: the whole file is still here */
		g_message("transfer %" G_GUINT64_FORMAT " ('%s'): applying again after an "
			  "interruption",
			  t->id, t->command_key);
		cwmp_transfer_queue_apply(self, t);
		return;
	}
	if (!cwmp_transfer_queue_ensure_http(self, &error)) {
		g_prefix_error_literal(&error, "transfer settings: ");
		error->domain = CWMP_FAULT;
		error->code = CWMP_FAULT_INTERNAL_ERROR;
		cwmp_transfer_queue_fail(self, t, error);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	t->phase = CWMP_TRANSFER_PHASE_FETCHING;
	cwmp_transfer_queue_save_or_warn(self);
	cwmp_transfer_queue_changed(self, t);
	file = cwmp_transfer_queue_file(self, t);
	g_message("transfer %" G_GUINT64_FORMAT " (%s '%s'): %s %s (attempt %u)", t->id,
		  cwmp_transfer_kind_to_string(t->kind), t->command_key,
		  resume_phase == CWMP_TRANSFER_PHASE_FETCHING ? "resuming" : "starting", t->url,
		  t->attempts);
	if (t->kind == CWMP_TRANSFER_KIND_UPLOAD) {
		cwmp_transfer_queue_run_handler(self, t, cwmp_transfer_queue_collected_cb, &error);
		if (error != NULL) {
			cwmp_transfer_queue_fail(self, t, error);
			cwmp_transfer_queue_done_running(self);
		}
		return;
	}
	if (resume_phase != CWMP_TRANSFER_PHASE_FETCHING)
		(void) g_unlink(file);
	if (t->file_size > 0 && t->file_size > cwmp_transfer_queue_free_space(self)) {
		g_set_error(&error, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE,
			    "not enough space for %" G_GUINT64_FORMAT " bytes in %s", t->file_size,
			    self->state_directory);
		cwmp_transfer_queue_fail(self, t, error);
		cwmp_transfer_queue_done_running(self);
		return;
	}
	if (cwmp_transfer_queue_is_ftp(t)) {
		cwmp_transfer_queue_ftp_download(self, t, FALSE);
		return;
	}
	cwmp_transfer_http_download_async(self->http, t->url, t->username, t->password, file,
					  t->file_size, cwmp_transfer_queue_progress_cb, self,
					  self->cancellable, cwmp_transfer_queue_downloaded_cb,
					  g_object_ref(self));
}

/* the next transfer to run: the earliest due, resumed ones first */
static CwmpTransfer *
cwmp_transfer_queue_next(CwmpTransferQueue *self, gint64 *due)
{
	CwmpTransfer *best = NULL;
	gint64	      best_due = G_MAXINT64;
	gint64	      now = g_get_real_time() / G_USEC_PER_SEC;

	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(self->transfers, i);
		gint64	      when;

		switch (t->phase) {
		case CWMP_TRANSFER_PHASE_FETCHING:
		case CWMP_TRANSFER_PHASE_APPLYING:
			when = 0;
			break;
		case CWMP_TRANSFER_PHASE_WAITING:
			when = t->due;
			if (t->kind == CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD) {
				gint64 start = 0, end = 0;
				if (cwmp_transfer_queue_window(t, MAX(now, t->due), &start, &end) ==
				    NULL) {
					/* every window is over */
					when = 0;
				} else {
					when = MAX(t->due, start);
				}
			}
			break;
		default:
			continue;
		}
		if (when < best_due) {
			best = t;
			best_due = when;
		}
	}
	*due = best_due;
	return best;
}

static gboolean
cwmp_transfer_queue_idle_cb(gpointer user_data)
{
	CwmpTransferQueue *self = CWMP_TRANSFER_QUEUE(user_data);
	CwmpTransfer	  *t;
	gint64		   due = 0;
	gint64		   now = g_get_real_time() / G_USEC_PER_SEC;

	self->idle_call_id = 0;
	if (!self->started || self->running != NULL)
		return G_SOURCE_REMOVE;
	t = cwmp_transfer_queue_next(self, &due);
	if (t == NULL || due > now) {
		cwmp_transfer_queue_schedule(self);
		return G_SOURCE_REMOVE;
	}
	if (t->kind == CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD &&
	    t->phase == CWMP_TRANSFER_PHASE_WAITING) {
		gint64 start = 0, end = 0;
		if (cwmp_transfer_queue_window(t, now, &start, &end) == NULL) {
			cwmp_transfer_queue_finish(self, t, CWMP_FAULT_WINDOW_EXPIRED,
						   "no time window could be used");
			cwmp_transfer_queue_schedule(self);
			return G_SOURCE_REMOVE;
		}
	}
	cwmp_transfer_queue_run(self, t);
	return G_SOURCE_REMOVE;
}

static gboolean
cwmp_transfer_queue_timer_cb(gpointer user_data)
{
	CwmpTransferQueue *self = CWMP_TRANSFER_QUEUE(user_data);
	self->timer_id = 0;
	cwmp_transfer_queue_schedule(self);
	return G_SOURCE_REMOVE;
}

/* the next transfer starts when it is due and no session runs (TR-069: a
 * transfer never starts inside the session that asked for it) */
static void
cwmp_transfer_queue_schedule(CwmpTransferQueue *self)
{
	CwmpTransfer *t;
	gint64	      due = 0;
	gint64	      now = g_get_real_time() / G_USEC_PER_SEC;

	g_clear_handle_id(&self->timer_id, g_source_remove);
	if (!self->started || self->running != NULL || self->idle_call_id != 0)
		return;
	t = cwmp_transfer_queue_next(self, &due);
	if (t == NULL)
		return;
	if (due <= now) {
		self->idle_call_id =
		    cwmp_host_call_when_idle(self->host, cwmp_transfer_queue_idle_cb, self, NULL);
		return;
	}
	self->timer_id = g_timeout_add_seconds((guint) MIN(due - now, 86400),
					       cwmp_transfer_queue_timer_cb, self);
}

void
cwmp_transfer_queue_start(CwmpTransferQueue *self)
{
	g_return_if_fail(CWMP_IS_TRANSFER_QUEUE(self));
	g_return_if_fail(self->loaded);
	self->started = TRUE;
	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(self->transfers, i);
		/* applied, and cwmpd restarted before the device rebooted */
		if (t->phase == CWMP_TRANSFER_PHASE_REBOOTING) {
			g_signal_emit(self, signals[SIGNAL_REBOOT_WANTED], 0);
			break;
		}
	}
	cwmp_transfer_queue_schedule(self);
}

void
cwmp_transfer_queue_stop(CwmpTransferQueue *self)
{
	g_return_if_fail(CWMP_IS_TRANSFER_QUEUE(self));
	self->started = FALSE;
	g_clear_handle_id(&self->timer_id, g_source_remove);
	if (self->idle_call_id != 0) {
		cwmp_host_cancel_call(self->host, self->idle_call_id);
		self->idle_call_id = 0;
	}
	/* a running transfer stays FETCHING in the file and resumes next start */
	if (self->cancellable != NULL)
		g_cancellable_cancel(self->cancellable);
	self->running = NULL;
}

/* --- TransferComplete ---------------------------------------------------- */

typedef struct {
	CwmpTransferQueue *self;
	guint64		   id;
} CwmpTransferQueueAck;

static void
cwmp_transfer_queue_ack_free(CwmpTransferQueueAck *ack)
{
	g_object_unref(ack->self);
	g_free(ack);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTransferQueueAck, cwmp_transfer_queue_ack_free)

static void
cwmp_transfer_queue_complete_cb(CwmpSession	*session,
				CwmpRpc		*request,
				CwmpSoapMessage *response,
				const GError	*error,
				gpointer	 user_data)
{
	g_autoptr(CwmpTransferQueueAck) ack = user_data;
	CwmpTransferQueue *self = ack->self;
	CwmpTransfer	  *t = cwmp_transfer_queue_find(self, ack->id);
	CwmpRpcMethod	   expected = cwmp_rpc_method_get_response(request->method);
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *key = NULL;
	gboolean	  autonomous;

	if (t == NULL)
		return;
	if (response == NULL || response->rpc == NULL || response->rpc->method != expected) {
		/* not acknowledged: the events stay, and the next session calls again */
		g_message("%s for transfer %" G_GUINT64_FORMAT ": %s",
			  cwmp_rpc_method_to_string(request->method), t->id,
			  error != NULL ? error->message : "answered with a fault");
		return;
	}
	key = g_strdup(t->command_key);
	autonomous = t->autonomous;
	/* the transfer goes first: a crash before the events are updated leaves
	 * an event without a transfer, which the next start drops, rather than
	 * a transfer without events, which would be reported twice */
	cwmp_transfer_queue_remove_file(self, t);
	g_ptr_array_remove(self->transfers, t);
	if (!cwmp_transfer_queue_save(self, &error_local)) {
		g_warning("cannot save the transfer queue: %s", error_local->message);
		g_clear_error(&error_local);
	}
	if (!cwmp_event_queue_acknowledge(self->events,
					  autonomous ? CWMP_EVENT_ACK_AUTONOMOUS_TRANSFER_COMPLETE
						     : CWMP_EVENT_ACK_TRANSFER_COMPLETE,
					  autonomous ? NULL : key, &error_local) &&
	    !g_error_matches(error_local, CWMP_ERROR, CWMP_ERROR_NOT_FOUND))
		g_warning("cannot update the events: %s", error_local->message);
	g_message("%s '%s' acknowledged", cwmp_rpc_method_to_string(request->method), key);
	g_signal_emit(self, signals[SIGNAL_CHANGED], 0, ack->id);
}

static GDateTime *
cwmp_transfer_queue_time(gint64 usec)
{
	g_autoptr(GDateTime) seconds = NULL;
	if (usec == 0)
		return NULL;
	seconds = g_date_time_new_from_unix_utc(usec / G_USEC_PER_SEC);
	return seconds != NULL ? g_date_time_add(seconds, usec % G_USEC_PER_SEC) : NULL;
}

/**
 * cwmp_transfer_queue_add_session_requests:
 * @self: a queue
 * @session: a session about to run
 *
 * One TransferComplete (or AutonomousTransferComplete) per finished
 * transfer, in the order they finished.
 */
void
cwmp_transfer_queue_add_session_requests(CwmpTransferQueue *self, CwmpSession *session)
{
	g_return_if_fail(CWMP_IS_TRANSFER_QUEUE(self));
	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer	     *t = g_ptr_array_index(self->transfers, i);
		CwmpTransferQueueAck *ack;
		g_autoptr(CwmpRpc) rpc = NULL;

		if (t->phase != CWMP_TRANSFER_PHASE_DONE)
			continue;
		if (t->autonomous) {
			CwmpRpcAutonomousTransferComplete *atc;
			rpc = cwmp_rpc_new(CWMP_RPC_AUTONOMOUS_TRANSFER_COMPLETE);
			atc = &rpc->autonomous_transfer_complete;
			atc->announce_url = g_strdup("");
			atc->transfer_url = g_strdup(t->url);
			atc->is_download = cwmp_transfer_get_direction(t) == CWMP_TRANSFER_DOWNLOAD;
			atc->file_type = g_strdup(t->file_type);
			atc->file_size = (guint) MIN(t->bytes_total, G_MAXUINT);
			atc->target_file_name =
			    g_strdup(t->target_file_name != NULL ? t->target_file_name : "");
			atc->fault_struct.fault_code = t->fault_code;
			atc->fault_struct.fault_string = g_strdup(t->fault_string);
			atc->start_time = cwmp_transfer_queue_time(t->start_time);
			atc->complete_time = cwmp_transfer_queue_time(t->complete_time);
		} else {
			CwmpRpcTransferComplete *tc;
			rpc = cwmp_rpc_new(CWMP_RPC_TRANSFER_COMPLETE);
			tc = &rpc->transfer_complete;
			tc->command_key = g_strdup(t->command_key);
			tc->fault_struct.fault_code = t->fault_code;
			tc->fault_struct.fault_string = g_strdup(t->fault_string);
			tc->start_time = cwmp_transfer_queue_time(t->start_time);
			tc->complete_time = cwmp_transfer_queue_time(t->complete_time);
		}
		ack = g_new0(CwmpTransferQueueAck, 1);
		ack->self = g_object_ref(self);
		ack->id = t->id;
		cwmp_session_add_cpe_request(session, rpc, cwmp_transfer_queue_complete_cb, ack);
	}
}

/* --- the RPCs ------------------------------------------------------------ */

static gboolean
cwmp_transfer_queue_check_url(const gchar *url, GError **error)
{
	g_autoptr(GUri) uri = NULL;
	const gchar *scheme;

	if (url == NULL || url[0] == '\0' || strlen(url) > CWMP_TRANSFER_URL_MAX) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "URL empty or longer than %d characters", CWMP_TRANSFER_URL_MAX);
		return FALSE;
	}
	uri = g_uri_parse(url, G_URI_FLAGS_ENCODED, NULL);
	if (uri == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, "invalid URL '%s'",
			    url);
		return FALSE;
	}
	scheme = g_uri_get_scheme(uri);
	if (g_ascii_strcasecmp(scheme, "file") == 0) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_UNSUPPORTED_PROTOCOL,
				    "file: URLs are refused: the ACS cannot name local files");
		return FALSE;
	}
	if (g_ascii_strcasecmp(scheme, "http") != 0 && g_ascii_strcasecmp(scheme, "https") != 0 &&
	    g_ascii_strcasecmp(scheme, "ftp") != 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_UNSUPPORTED_PROTOCOL,
			    "unsupported transfer protocol '%s' (http, https and ftp are)", scheme);
		return FALSE;
	}
	if (g_uri_get_host(uri) == NULL || g_uri_get_host(uri)[0] == '\0') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, "URL '%s' has no host",
			    url);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_transfer_queue_check_common(CwmpTransferQueue    *self,
				 CwmpTransferDirection direction,
				 const gchar	      *command_key,
				 const gchar	      *file_type,
				 const gchar	      *url,
				 GError		     **error)
{
	if (command_key != NULL && strlen(command_key) > CWMP_TRANSFER_COMMAND_KEY_MAX) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "CommandKey longer than %d characters", CWMP_TRANSFER_COMMAND_KEY_MAX);
		return FALSE;
	}
	if (!cwmp_transfer_queue_check_url(url, error))
		return FALSE;
	if (file_type == NULL ||
	    cwmp_host_lookup_file_type(self->host, direction, file_type, NULL, NULL) == NULL) {
		/* the transfer could not succeed: refused now, as a transfer failure */
		g_set_error(error, CWMP_FAULT,
			    direction == CWMP_TRANSFER_UPLOAD ? CWMP_FAULT_UPLOAD_FAILURE
							      : CWMP_FAULT_DOWNLOAD_FAILURE,
			    "FileType '%s' is not supported by this CPE",
			    file_type != NULL ? file_type : "");
		return FALSE;
	}
	if (self->transfers->len >= self->max_queued) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED,
			    "%u transfers are queued already", self->transfers->len);
		return FALSE;
	}
	return TRUE;
}

/* a new transfer with what every kind has, once the RPC's arguments passed */
static CwmpTransfer *
cwmp_transfer_queue_prepare(CwmpTransferQueue *self,
			    CwmpTransferKind   kind,
			    const gchar	      *command_key,
			    const gchar	      *file_type,
			    const gchar	      *url,
			    const gchar	      *username,
			    const gchar	      *password,
			    GError	     **error)
{
	CwmpTransfer *t;

	if (!cwmp_transfer_queue_check_common(
		self,
		kind == CWMP_TRANSFER_KIND_UPLOAD ? CWMP_TRANSFER_UPLOAD : CWMP_TRANSFER_DOWNLOAD,
		command_key, file_type, url, error))
		return NULL;
	t = cwmp_transfer_new(kind);
	t->command_key = g_strdup(command_key != NULL ? command_key : "");
	t->file_type = g_strdup(file_type);
	t->url = g_strdup(url);
	t->username = g_strdup(username);
	t->password = g_strdup(password);
	t->accepted = g_get_real_time() / G_USEC_PER_SEC;
	t->due = t->accepted;
	return t;
}

/* accepted: on disk before the RPC is answered */
static gboolean
cwmp_transfer_queue_accept(CwmpTransferQueue *self, CwmpTransfer *t, GError **error)
{
	t->id = ++self->next_id;
	g_ptr_array_add(self->transfers, t);
	if (!cwmp_transfer_queue_save(self, error)) {
		g_ptr_array_remove(self->transfers, t);
		g_prefix_error_literal(error, "cannot queue the transfer: ");
		(*error)->domain = CWMP_FAULT;
		(*error)->code = CWMP_FAULT_INTERNAL_ERROR;
		return FALSE;
	}
	g_message("transfer %" G_GUINT64_FORMAT " queued: %s '%s' %s of %s", t->id,
		  cwmp_transfer_kind_to_string(t->kind), t->command_key, t->file_type, t->url);
	cwmp_transfer_queue_changed(self, t);
	cwmp_transfer_queue_schedule(self);
	return TRUE;
}

static CwmpRpc *
cwmp_transfer_queue_transfer_response(CwmpRpcMethod method)
{
	/* Status 1: the transfer runs after the session; TransferComplete tells */
	CwmpRpc *response = cwmp_rpc_new(method);
	if (method != CWMP_RPC_SCHEDULE_DOWNLOAD_RESPONSE)
		response->transfer_response.status = 1;
	return response;
}

static CwmpRpc *
cwmp_transfer_queue_download_rpc(CwmpRpcHandler	 *handler,
				 CwmpSoapMessage *request,
				 gpointer	  user_data,
				 GError		**error)
{
	CwmpTransferQueue     *self = CWMP_TRANSFER_QUEUE(user_data);
	const CwmpRpcDownload *d = &request->rpc->download;
	CwmpTransfer	      *t;

	t = cwmp_transfer_queue_prepare(self, CWMP_TRANSFER_KIND_DOWNLOAD, d->command_key,
					d->file_type, d->url, d->username, d->password, error);
	if (t == NULL)
		return NULL;
	t->file_size = d->file_size;
	t->target_file_name = g_strdup(d->target_file_name);
	t->due = t->accepted + d->delay_seconds;
	if (!cwmp_transfer_queue_accept(self, t, error)) {
		cwmp_transfer_free(t);
		return NULL;
	}
	return cwmp_transfer_queue_transfer_response(CWMP_RPC_DOWNLOAD_RESPONSE);
}

static const gchar *const cwmp_transfer_queue_window_modes[] = {
    "1 At Any Time", "2 Immediately", "3 When Idle", "4 Confirmation Needed", NULL};

static CwmpRpc *
cwmp_transfer_queue_schedule_download_rpc(CwmpRpcHandler  *handler,
					  CwmpSoapMessage *request,
					  gpointer	   user_data,
					  GError	 **error)
{
	CwmpTransferQueue	      *self = CWMP_TRANSFER_QUEUE(user_data);
	const CwmpRpcScheduleDownload *d = &request->rpc->schedule_download;
	g_autoptr(CwmpTransfer) t = NULL;
	guint n = d->time_window_list != NULL ? d->time_window_list->len : 0;

	if (n < 1 || n > CWMP_TRANSFER_MAX_WINDOWS) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "TimeWindowList must have 1 or 2 windows, not %u", n);
		return NULL;
	}
	t = cwmp_transfer_queue_prepare(self, CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD, d->command_key,
					d->file_type, d->url, d->username, d->password, error);
	if (t == NULL)
		return NULL;
	for (guint i = 0; i < n; i++) {
		const CwmpRpcTimeWindow *w = g_ptr_array_index(d->time_window_list, i);
		CwmpTransferWindow	*tw;
		if (w->window_end <= w->window_start ||
		    (i > 0 && w->window_start < t->windows[i - 1].end)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "time window %u ends before it starts or overlaps the first",
				    i + 1);
			return NULL;
		}
		if (w->window_mode == NULL ||
		    !g_strv_contains(cwmp_transfer_queue_window_modes, w->window_mode)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "time window %u: unknown WindowMode '%s'", i + 1,
				    w->window_mode != NULL ? w->window_mode : "");
			return NULL;
		}
		if (w->max_retries < -1) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "time window %u: MaxRetries %d", i + 1, w->max_retries);
			return NULL;
		}
		tw = &t->windows[t->n_windows++];
		tw->start = w->window_start;
		tw->end = w->window_end;
		tw->mode = g_strdup(w->window_mode);
		tw->user_message = g_strdup(w->user_message);
		tw->max_retries = w->max_retries;
	}
	t->file_size = d->file_size;
	t->target_file_name = g_strdup(d->target_file_name);
	t->due = t->accepted + t->windows[0].start;
	if (!cwmp_transfer_queue_accept(self, t, error))
		return NULL;
	g_steal_pointer(&t);
	return cwmp_transfer_queue_transfer_response(CWMP_RPC_SCHEDULE_DOWNLOAD_RESPONSE);
}

static CwmpRpc *
cwmp_transfer_queue_upload_rpc(CwmpRpcHandler  *handler,
			       CwmpSoapMessage *request,
			       gpointer		user_data,
			       GError	      **error)
{
	CwmpTransferQueue   *self = CWMP_TRANSFER_QUEUE(user_data);
	const CwmpRpcUpload *u = &request->rpc->upload;
	CwmpTransfer	    *t;

	t = cwmp_transfer_queue_prepare(self, CWMP_TRANSFER_KIND_UPLOAD, u->command_key,
					u->file_type, u->url, u->username, u->password, error);
	if (t == NULL)
		return NULL;
	t->due = t->accepted + u->delay_seconds;
	if (!cwmp_transfer_queue_accept(self, t, error)) {
		cwmp_transfer_free(t);
		return NULL;
	}
	return cwmp_transfer_queue_transfer_response(CWMP_RPC_UPLOAD_RESPONSE);
}

static CwmpRpc *
cwmp_transfer_queue_get_queued_rpc(CwmpRpcHandler  *handler,
				   CwmpSoapMessage *request,
				   gpointer	    user_data,
				   GError	  **error)
{
	CwmpTransferQueue *self = CWMP_TRANSFER_QUEUE(user_data);
	gboolean	   all = request->rpc->method == CWMP_RPC_GET_ALL_QUEUED_TRANSFERS;
	CwmpRpc		  *response = cwmp_rpc_new(all ? CWMP_RPC_GET_ALL_QUEUED_TRANSFERS_RESPONSE
						       : CWMP_RPC_GET_QUEUED_TRANSFERS_RESPONSE);

	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(self->transfers, i);
		if (all) {
			CwmpRpcAllQueuedTransfer *item = g_new0(CwmpRpcAllQueuedTransfer, 1);
			item->command_key = g_strdup(t->autonomous ? "" : t->command_key);
			item->state = cwmp_transfer_get_state(t);
			item->is_download =
			    cwmp_transfer_get_direction(t) == CWMP_TRANSFER_DOWNLOAD;
			item->file_type = g_strdup(t->file_type);
			item->file_size = (guint) MIN(MAX(t->file_size, t->bytes_total), G_MAXUINT);
			item->target_file_name =
			    g_strdup(t->target_file_name != NULL ? t->target_file_name : "");
			g_ptr_array_add(response->all_queued_transfer_list.transfer_list, item);
		} else if (!t->autonomous) {
			CwmpRpcQueuedTransfer *item = g_new0(CwmpRpcQueuedTransfer, 1);
			item->command_key = g_strdup(t->command_key);
			item->state = cwmp_transfer_get_state(t);
			g_ptr_array_add(response->queued_transfer_list.transfer_list, item);
		}
	}
	return response;
}

/**
 * cwmp_transfer_queue_cancel:
 * @self: a queue
 * @command_key: the CommandKey of the transfers to cancel
 * @error: a #GError, or %NULL
 *
 * CancelTransfer: transfers not started and transfers moving bytes are
 * dropped without a TransferComplete; one being applied, waiting for its
 * reboot or finished cannot be cancelled any more (9021).
 *
 * Returns: %FALSE with 9003 when no transfer has @command_key, 9021 when one
 *   is past the point of no return (nothing is cancelled then)
 */
gboolean
cwmp_transfer_queue_cancel(CwmpTransferQueue *self, const gchar *command_key, GError **error)
{
	g_autoptr(GPtrArray) matches = g_ptr_array_new();

	g_return_val_if_fail(CWMP_IS_TRANSFER_QUEUE(self), FALSE);
	for (guint i = 0; i < self->transfers->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(self->transfers, i);
		if (t->autonomous || g_strcmp0(t->command_key, command_key) != 0)
			continue;
		if (t->phase != CWMP_TRANSFER_PHASE_WAITING &&
		    t->phase != CWMP_TRANSFER_PHASE_FETCHING) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_CANCEL_NOT_PERMITTED,
				    "transfer '%s' is %s: too late to cancel", command_key,
				    cwmp_transfer_phase_to_string(t->phase));
			return FALSE;
		}
		g_ptr_array_add(matches, t);
	}
	if (matches->len == 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "no queued transfer has the CommandKey '%s'", command_key);
		return FALSE;
	}
	for (guint i = 0; i < matches->len; i++) {
		CwmpTransfer *t = g_ptr_array_index(matches, i);
		guint64	      id = t->id;
		if (self->running == t) {
			g_cancellable_cancel(self->cancellable);
			self->running = NULL;
			g_clear_object(&self->cancellable);
		}
		cwmp_transfer_queue_remove_file(self, t);
		g_ptr_array_remove(self->transfers, t);
		g_message("transfer %" G_GUINT64_FORMAT " ('%s') cancelled", id, command_key);
		g_signal_emit(self, signals[SIGNAL_CHANGED], 0, id);
	}
	if (!cwmp_transfer_queue_save(self, error)) {
		g_prefix_error_literal(error, "cancelled, but the queue was not saved: ");
		return FALSE;
	}
	cwmp_transfer_queue_schedule(self);
	return TRUE;
}

static CwmpRpc *
cwmp_transfer_queue_cancel_rpc(CwmpRpcHandler  *handler,
			       CwmpSoapMessage *request,
			       gpointer		user_data,
			       GError	      **error)
{
	CwmpTransferQueue *self = CWMP_TRANSFER_QUEUE(user_data);
	g_autoptr(GError) error_local = NULL;

	if (!cwmp_transfer_queue_cancel(self, request->rpc->command_key.command_key,
					&error_local)) {
		if (error_local->domain != CWMP_FAULT) {
			error_local->domain = CWMP_FAULT;
			error_local->code = CWMP_FAULT_INTERNAL_ERROR;
		}
		g_propagate_error(error, g_steal_pointer(&error_local));
		return NULL;
	}
	return cwmp_rpc_new(CWMP_RPC_CANCEL_TRANSFER_RESPONSE);
}

/**
 * cwmp_transfer_queue_register_methods:
 * @self: a queue
 * @rpc: the engine's RPC handler
 * @error: a #GError, or %NULL
 *
 * Puts the transfer RPCs in the handler's table, so GetRPCMethods lists
 * them.
 */
gboolean
cwmp_transfer_queue_register_methods(CwmpTransferQueue *self, CwmpRpcHandler *rpc, GError **error)
{
	static const struct {
		CwmpRpcMethod	   method;
		CwmpRpcHandlerFunc func;
	} methods[] = {
	    {CWMP_RPC_DOWNLOAD, cwmp_transfer_queue_download_rpc},
	    {CWMP_RPC_SCHEDULE_DOWNLOAD, cwmp_transfer_queue_schedule_download_rpc},
	    {CWMP_RPC_UPLOAD, cwmp_transfer_queue_upload_rpc},
	    {CWMP_RPC_GET_QUEUED_TRANSFERS, cwmp_transfer_queue_get_queued_rpc},
	    {CWMP_RPC_GET_ALL_QUEUED_TRANSFERS, cwmp_transfer_queue_get_queued_rpc},
	    {CWMP_RPC_CANCEL_TRANSFER, cwmp_transfer_queue_cancel_rpc},
	};

	g_return_val_if_fail(CWMP_IS_TRANSFER_QUEUE(self), FALSE);
	for (guint i = 0; i < G_N_ELEMENTS(methods); i++) {
		if (!cwmp_rpc_handler_register_method(rpc, methods[i].method, methods[i].func,
						      g_object_ref(self), g_object_unref, error))
			return FALSE;
	}
	return TRUE;
}

/* --- local use ----------------------------------------------------------- */

GPtrArray *
cwmp_transfer_queue_get_transfers(CwmpTransferQueue *self)
{
	g_return_val_if_fail(CWMP_IS_TRANSFER_QUEUE(self), NULL);
	return self->transfers;
}

const CwmpTransfer *
cwmp_transfer_queue_lookup(CwmpTransferQueue *self, guint64 id)
{
	g_return_val_if_fail(CWMP_IS_TRANSFER_QUEUE(self), NULL);
	return cwmp_transfer_queue_find(self, id);
}

/**
 * cwmp_transfer_queue_add_autonomous:
 * @self: a queue
 * @direction: download or upload
 * @file_type: a claimed FileType
 * @url: where from or to
 * @username: (nullable): credentials for the file server
 * @password: (nullable): its password
 * @error: a #GError, or %NULL
 *
 * A transfer the device starts on its own (asked for over D-Bus): it runs
 * like the ACS's, and its result is reported with
 * AutonomousTransferComplete when ManagementServer.
 * AutonomousTransferCompletePolicy asks for it.
 *
 * Returns: the id of the transfer, 0 on error
 */
guint64
cwmp_transfer_queue_add_autonomous(CwmpTransferQueue	*self,
				   CwmpTransferDirection direction,
				   const gchar		*file_type,
				   const gchar		*url,
				   const gchar		*username,
				   const gchar		*password,
				   GError	       **error)
{
	CwmpTransfer *t;

	g_return_val_if_fail(CWMP_IS_TRANSFER_QUEUE(self), 0);
	t = cwmp_transfer_queue_prepare(self,
					direction == CWMP_TRANSFER_UPLOAD
					    ? CWMP_TRANSFER_KIND_UPLOAD
					    : CWMP_TRANSFER_KIND_DOWNLOAD,
					NULL, file_type, url, username, password, error);
	if (t == NULL)
		return 0;
	t->autonomous = TRUE;
	if (!cwmp_transfer_queue_accept(self, t, error)) {
		cwmp_transfer_free(t);
		return 0;
	}
	return t->id;
}

static void
cwmp_transfer_queue_dispose(GObject *object)
{
	CwmpTransferQueue *self = CWMP_TRANSFER_QUEUE(object);
	if (self->host != NULL)
		cwmp_transfer_queue_stop(self);
	g_clear_object(&self->http);
	g_clear_object(&self->store);
	g_clear_object(&self->events);
	g_clear_object(&self->scheduler);
	g_clear_object(&self->host);
	g_clear_object(&self->dm);
	g_clear_object(&self->config);
	G_OBJECT_CLASS(cwmp_transfer_queue_parent_class)->dispose(object);
}

static void
cwmp_transfer_queue_finalize(GObject *object)
{
	CwmpTransferQueue *self = CWMP_TRANSFER_QUEUE(object);
	g_ptr_array_unref(self->transfers);
	g_free(self->state_directory);
	g_free(self->boot_id);
	G_OBJECT_CLASS(cwmp_transfer_queue_parent_class)->finalize(object);
}

static void
cwmp_transfer_queue_class_init(CwmpTransferQueueClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_transfer_queue_dispose;
	object_class->finalize = cwmp_transfer_queue_finalize;
	/**
	 * CwmpTransferQueue::changed:
	 * @id: the transfer that was queued, changed phase, ended or went away
	 */
	signals[SIGNAL_CHANGED] =
	    g_signal_new("changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
			 NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);
	/**
	 * CwmpTransferQueue::progress:
	 * @id: the running transfer
	 * @done: bytes so far
	 * @total: expected bytes, 0 unknown
	 */
	signals[SIGNAL_PROGRESS] =
	    g_signal_new("progress", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
			 NULL, G_TYPE_NONE, 3, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_UINT64);
	/**
	 * CwmpTransferQueue::reboot-wanted:
	 *
	 * A file was applied that takes effect after a reboot.
	 */
	signals[SIGNAL_REBOOT_WANTED] =
	    g_signal_new("reboot-wanted", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
}

static void
cwmp_transfer_queue_init(CwmpTransferQueue *self)
{
	self->transfers = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_transfer_free);
}
