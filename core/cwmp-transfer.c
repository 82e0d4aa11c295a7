/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-error.h"
#include "cwmp-event.h"
#include "cwmp-transfer.h"

CwmpTransfer *
cwmp_transfer_new(CwmpTransferKind kind)
{
	CwmpTransfer *self = g_new0(CwmpTransfer, 1);
	self->kind = kind;
	self->phase = CWMP_TRANSFER_PHASE_WAITING;
	return self;
}

void
cwmp_transfer_free(CwmpTransfer *self)
{
	if (self == NULL)
		return;
	g_free(self->command_key);
	g_free(self->file_type);
	g_free(self->url);
	g_free(self->username);
	g_free(self->password);
	g_free(self->target_file_name);
	g_free(self->boot_id);
	g_free(self->fault_string);
	for (guint i = 0; i < self->n_windows; i++) {
		g_free(self->windows[i].mode);
		g_free(self->windows[i].user_message);
	}
	g_free(self);
}

CwmpTransferDirection
cwmp_transfer_get_direction(const CwmpTransfer *self)
{
	return self->kind == CWMP_TRANSFER_KIND_UPLOAD ? CWMP_TRANSFER_UPLOAD
						       : CWMP_TRANSFER_DOWNLOAD;
}

/* TR-069 A.4.1.1 TransferState: 1 not yet started, 2 in progress, 3 completed */
gint
cwmp_transfer_get_state(const CwmpTransfer *self)
{
	switch (self->phase) {
	case CWMP_TRANSFER_PHASE_WAITING:
		return 1;
	case CWMP_TRANSFER_PHASE_DONE:
		return 3;
	default:
		return 2;
	}
}

const gchar *
cwmp_transfer_kind_to_event(CwmpTransferKind kind)
{
	switch (kind) {
	case CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD:
		return CWMP_EVENT_M_SCHEDULE_DOWNLOAD;
	case CWMP_TRANSFER_KIND_UPLOAD:
		return CWMP_EVENT_M_UPLOAD;
	default:
		return CWMP_EVENT_M_DOWNLOAD;
	}
}

static const gchar *const cwmp_transfer_kinds[] = {"Download", "ScheduleDownload", "Upload"};
static const gchar *const cwmp_transfer_phases[] = {"waiting", "fetching", "applying", "rebooting",
						    "done"};

const gchar *
cwmp_transfer_kind_to_string(CwmpTransferKind kind)
{
	return (guint) kind < G_N_ELEMENTS(cwmp_transfer_kinds) ? cwmp_transfer_kinds[kind] : "?";
}

const gchar *
cwmp_transfer_phase_to_string(CwmpTransferPhase phase)
{
	return (guint) phase < G_N_ELEMENTS(cwmp_transfer_phases) ? cwmp_transfer_phases[phase]
								  : "?";
}

/**
 * cwmp_transfer_set_result:
 * @self: a transfer
 * @fault_code: 0 for success, else a CWMP fault code
 * @fault_string: (nullable): why, for a fault
 *
 * Ends the transfer now: DONE with CompleteTime set (and StartTime, when it
 * never started, so the FaultStruct's times are never unknown in a
 * TransferComplete about a failure).
 */
void
cwmp_transfer_set_result(CwmpTransfer *self, guint fault_code, const gchar *fault_string)
{
	gint64 now = g_get_real_time();

	self->phase = CWMP_TRANSFER_PHASE_DONE;
	self->fault_code = fault_code;
	g_free(self->fault_string);
	self->fault_string = g_strdup(fault_code != 0 && fault_string != NULL ? fault_string : "");
	if (self->start_time == 0)
		self->start_time = now;
	self->complete_time = now;
}

/* --- persistence: a 'T' record with the id, then 'v' name/value records -- */

static gboolean
cwmp_transfer_add(CwmpStoreWriter *writer, const gchar *name, const gchar *value, GError **error)
{
	if (value == NULL)
		return TRUE;
	return cwmp_store_writer_add2(writer, 'v', name, value, error);
}

static gboolean
cwmp_transfer_add_int(CwmpStoreWriter *writer, const gchar *name, gint64 value, GError **error)
{
	gchar text[32];
	g_snprintf(text, sizeof(text), "%" G_GINT64_FORMAT, value);
	return cwmp_transfer_add(writer, name, text, error);
}

static gboolean
cwmp_transfer_add_uint(CwmpStoreWriter *writer, const gchar *name, guint64 value, GError **error)
{
	gchar text[32];
	g_snprintf(text, sizeof(text), "%" G_GUINT64_FORMAT, value);
	return cwmp_transfer_add(writer, name, text, error);
}

gboolean
cwmp_transfer_write(const CwmpTransfer *self, CwmpStoreWriter *writer, GError **error)
{
	gchar id[32];

	g_snprintf(id, sizeof(id), "%" G_GUINT64_FORMAT, self->id);
	if (!cwmp_store_writer_add1(writer, 'T', id, error) ||
	    !cwmp_transfer_add(writer, "kind", cwmp_transfer_kind_to_string(self->kind), error) ||
	    !cwmp_transfer_add(writer, "phase", cwmp_transfer_phase_to_string(self->phase),
			       error) ||
	    !cwmp_transfer_add(writer, "autonomous", self->autonomous ? "1" : "0", error) ||
	    !cwmp_transfer_add(writer, "command-key", self->command_key, error) ||
	    !cwmp_transfer_add(writer, "file-type", self->file_type, error) ||
	    !cwmp_transfer_add(writer, "url", self->url, error) ||
	    !cwmp_transfer_add(writer, "username", self->username, error) ||
	    !cwmp_transfer_add(writer, "password", self->password, error) ||
	    !cwmp_transfer_add_uint(writer, "file-size", self->file_size, error) ||
	    !cwmp_transfer_add(writer, "target-file-name", self->target_file_name, error) ||
	    !cwmp_transfer_add_int(writer, "accepted", self->accepted, error) ||
	    !cwmp_transfer_add_int(writer, "due", self->due, error) ||
	    !cwmp_transfer_add_uint(writer, "attempts", self->attempts, error) ||
	    !cwmp_transfer_add_uint(writer, "bytes-done", self->bytes_done, error) ||
	    !cwmp_transfer_add_uint(writer, "bytes-total", self->bytes_total, error) ||
	    !cwmp_transfer_add(writer, "boot-id", self->boot_id, error) ||
	    !cwmp_transfer_add_int(writer, "start-time", self->start_time, error) ||
	    !cwmp_transfer_add_int(writer, "complete-time", self->complete_time, error) ||
	    !cwmp_transfer_add_uint(writer, "fault-code", self->fault_code, error) ||
	    !cwmp_transfer_add(writer, "fault-string", self->fault_string, error))
		return FALSE;
	for (guint i = 0; i < self->n_windows; i++) {
		const CwmpTransferWindow *w = &self->windows[i];
		g_autofree gchar	 *text =
		    g_strdup_printf("%u %u %d %s", w->start, w->end, w->max_retries, w->mode);
		if (!cwmp_transfer_add(writer, "window", text, error) ||
		    !cwmp_transfer_add(writer, "window-message",
				       w->user_message != NULL ? w->user_message : "", error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_transfer_parse_int(const gchar *name, const gchar *value, gint64 *out, GError **error)
{
	if (!g_ascii_string_to_signed(value, 10, G_MININT64, G_MAXINT64, out, NULL)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "transfer field %s: '%s'", name,
			    value);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_transfer_parse_uint(const gchar *name, const gchar *value, guint64 *out, GError **error)
{
	if (!g_ascii_string_to_unsigned(value, 10, 0, G_MAXUINT64, out, NULL)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "transfer field %s: '%s'", name,
			    value);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_transfer_parse_enum(const gchar	    *name,
			 const gchar	    *value,
			 const gchar *const *names,
			 guint		     n_names,
			 gint		    *out,
			 GError		   **error)
{
	for (guint i = 0; i < n_names; i++) {
		if (g_strcmp0(names[i], value) == 0) {
			*out = (gint) i;
			return TRUE;
		}
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "transfer field %s: '%s'", name, value);
	return FALSE;
}

static gboolean
cwmp_transfer_parse_window(CwmpTransfer *self, const gchar *value, GError **error)
{
	CwmpTransferWindow *w;
	guint64		    start = 0, end = 0;
	gint64		    retries = 0;
	g_auto(GStrv) parts = g_strsplit(value, " ", 4);

	if (self->n_windows >= CWMP_TRANSFER_MAX_WINDOWS || g_strv_length(parts) != 4 ||
	    !g_ascii_string_to_unsigned(parts[0], 10, 0, G_MAXUINT32, &start, NULL) ||
	    !g_ascii_string_to_unsigned(parts[1], 10, 0, G_MAXUINT32, &end, NULL) ||
	    !g_ascii_string_to_signed(parts[2], 10, -1, G_MAXINT32, &retries, NULL)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "transfer window '%s'", value);
		return FALSE;
	}
	w = &self->windows[self->n_windows++];
	w->start = (guint32) start;
	w->end = (guint32) end;
	w->max_retries = (gint32) retries;
	w->mode = g_strdup(parts[3]);
	return TRUE;
}

/**
 * cwmp_transfer_set_field:
 * @self: a transfer being read back
 * @name: a field name written by cwmp_transfer_write()
 * @value: its value
 * @error: a #GError, or %NULL
 *
 * Unknown names are ignored (written by a newer cwmpd).
 *
 * Returns: %FALSE (CWMP_ERROR_CORRUPT) when the value is not valid for @name
 */
gboolean
cwmp_transfer_set_field(CwmpTransfer *self, const gchar *name, const gchar *value, GError **error)
{
	gint64	i64 = 0;
	guint64 u64 = 0;
	gint	e = 0;
	gchar **text = NULL;

	if (g_str_equal(name, "kind")) {
		if (!cwmp_transfer_parse_enum(name, value, cwmp_transfer_kinds,
					      G_N_ELEMENTS(cwmp_transfer_kinds), &e, error))
			return FALSE;
		self->kind = (CwmpTransferKind) e;
		return TRUE;
	}
	if (g_str_equal(name, "phase")) {
		if (!cwmp_transfer_parse_enum(name, value, cwmp_transfer_phases,
					      G_N_ELEMENTS(cwmp_transfer_phases), &e, error))
			return FALSE;
		self->phase = (CwmpTransferPhase) e;
		return TRUE;
	}
	if (g_str_equal(name, "autonomous")) {
		self->autonomous = g_str_equal(value, "1");
		return TRUE;
	}
	if (g_str_equal(name, "window"))
		return cwmp_transfer_parse_window(self, value, error);
	if (g_str_equal(name, "window-message")) {
		if (self->n_windows == 0) {
			g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_CORRUPT,
					    "window message without a window");
			return FALSE;
		}
		g_free(self->windows[self->n_windows - 1].user_message);
		self->windows[self->n_windows - 1].user_message = g_strdup(value);
		return TRUE;
	}
	if (g_str_equal(name, "command-key"))
		text = &self->command_key;
	else if (g_str_equal(name, "file-type"))
		text = &self->file_type;
	else if (g_str_equal(name, "url"))
		text = &self->url;
	else if (g_str_equal(name, "username"))
		text = &self->username;
	else if (g_str_equal(name, "password"))
		text = &self->password;
	else if (g_str_equal(name, "target-file-name"))
		text = &self->target_file_name;
	else if (g_str_equal(name, "boot-id"))
		text = &self->boot_id;
	else if (g_str_equal(name, "fault-string"))
		text = &self->fault_string;
	if (text != NULL) {
		g_free(*text);
		*text = g_strdup(value);
		return TRUE;
	}
	if (g_str_equal(name, "accepted") || g_str_equal(name, "due") ||
	    g_str_equal(name, "start-time") || g_str_equal(name, "complete-time")) {
		if (!cwmp_transfer_parse_int(name, value, &i64, error))
			return FALSE;
		if (g_str_equal(name, "accepted"))
			self->accepted = i64;
		else if (g_str_equal(name, "due"))
			self->due = i64;
		else if (g_str_equal(name, "start-time"))
			self->start_time = i64;
		else
			self->complete_time = i64;
		return TRUE;
	}
	if (g_str_equal(name, "file-size") || g_str_equal(name, "attempts") ||
	    g_str_equal(name, "bytes-done") || g_str_equal(name, "bytes-total") ||
	    g_str_equal(name, "fault-code")) {
		if (!cwmp_transfer_parse_uint(name, value, &u64, error))
			return FALSE;
		if (g_str_equal(name, "file-size"))
			self->file_size = u64;
		else if (g_str_equal(name, "attempts"))
			self->attempts = (guint) MIN(u64, G_MAXUINT);
		else if (g_str_equal(name, "bytes-done"))
			self->bytes_done = u64;
		else if (g_str_equal(name, "bytes-total"))
			self->bytes_total = u64;
		else
			self->fault_code = (guint) MIN(u64, G_MAXUINT);
		return TRUE;
	}
	return TRUE;
}

/**
 * cwmp_transfer_check:
 * @self: a transfer read back
 * @error: a #GError, or %NULL
 *
 * Returns: %FALSE (CWMP_ERROR_CORRUPT) when a field every transfer has is
 *   missing
 */
gboolean
cwmp_transfer_check(const CwmpTransfer *self, GError **error)
{
	if (self->id == 0 || self->command_key == NULL || self->file_type == NULL ||
	    self->url == NULL) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT,
			    "transfer %" G_GUINT64_FORMAT " lacks its id, CommandKey, FileType or "
			    "URL",
			    self->id);
		return FALSE;
	}
	return TRUE;
}
