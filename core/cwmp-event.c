/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-error.h"
#include "cwmp-event.h"

struct _CwmpEvent {
	GObject	     parent_instance;
	gchar	    *code;
	gchar	    *command_key;
	guint32	     flags;
	CwmpEventAck ack;
	gint	     number;
};

G_DEFINE_TYPE(CwmpEvent, cwmp_event, G_TYPE_OBJECT)

#define KEEP_BOTH (CWMP_EVENT_FLAG_KEEP_ON_FAILURE | CWMP_EVENT_FLAG_KEEP_ON_REBOOT)

typedef struct {
	const gchar *code;
	guint32	     flags;
	CwmpEventAck ack;
} CwmpEventRule;

/*
 * TR-069 Amendment 6, table 7 (event codes, single or multiple) and section
 * 3.7.1.5 (which events are retried and which are discarded). Every
 * undelivered event is retried after a failed session (3.2.1.1: the retried
 * Inform carries the events not yet delivered, with RetryCount > 0). Across
 * a reboot only the events whose cause cannot happen again are kept; the
 * others are either replaced by the new boot (1 BOOT), re-detected (4 VALUE
 * CHANGE: the data model keeps its notification baseline on disk and reports
 * the change again) or tied to a schedule that restarts (2 PERIODIC,
 * 14 HEARTBEAT) or to a request that has lapsed (6 CONNECTION REQUEST).
 */
static const CwmpEventRule cwmp_event_rules[] = {
    /* first contact with this ACS: kept until an InformResponse, across
     * reboots, or the ACS would never provision the device */
    {CWMP_EVENT_BOOTSTRAP, KEEP_BOTH, CWMP_EVENT_ACK_INFORM},
    /* the new start adds its own 1 BOOT, so the old one is dropped */
    {CWMP_EVENT_BOOT, CWMP_EVENT_FLAG_KEEP_ON_FAILURE, CWMP_EVENT_ACK_INFORM},
    /* the periodic schedule restarts after a reboot: not retained */
    {CWMP_EVENT_PERIODIC, CWMP_EVENT_FLAG_KEEP_ON_FAILURE, CWMP_EVENT_ACK_INFORM},
    /* paired with M ScheduleInform; the ACS asked for it: kept */
    {CWMP_EVENT_SCHEDULED, KEEP_BOTH, CWMP_EVENT_ACK_INFORM},
    /* re-detected after the reboot from the stored baseline */
    {CWMP_EVENT_VALUE_CHANGE, CWMP_EVENT_FLAG_KEEP_ON_FAILURE, CWMP_EVENT_ACK_INFORM},
    {CWMP_EVENT_KICKED, KEEP_BOTH, CWMP_EVENT_ACK_INFORM},
    /* the request lapses with the reboot: not retained */
    {CWMP_EVENT_CONNECTION_REQUEST, CWMP_EVENT_FLAG_KEEP_ON_FAILURE, CWMP_EVENT_ACK_INFORM},
    /* stays until every pending TransferComplete was accepted */
    {CWMP_EVENT_TRANSFER_COMPLETE, KEEP_BOTH, CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    /* diagnostics results do not survive a reboot */
    {CWMP_EVENT_DIAGNOSTICS_COMPLETE, CWMP_EVENT_FLAG_KEEP_ON_FAILURE, CWMP_EVENT_ACK_INFORM},
    {CWMP_EVENT_REQUEST_DOWNLOAD, KEEP_BOTH, CWMP_EVENT_ACK_REQUEST_DOWNLOAD},
    {CWMP_EVENT_AUTONOMOUS_TRANSFER_COMPLETE, KEEP_BOTH,
     CWMP_EVENT_ACK_AUTONOMOUS_TRANSFER_COMPLETE},
    {CWMP_EVENT_DU_STATE_CHANGE_COMPLETE, KEEP_BOTH, CWMP_EVENT_ACK_DU_STATE_CHANGE_COMPLETE},
    {CWMP_EVENT_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, KEEP_BOTH,
     CWMP_EVENT_ACK_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE},
    /* a wake-up is about this power cycle only */
    {CWMP_EVENT_WAKEUP, CWMP_EVENT_FLAG_KEEP_ON_FAILURE, CWMP_EVENT_ACK_INFORM},
    /* the heartbeat schedule restarts after a reboot (Annex O) */
    {CWMP_EVENT_HEARTBEAT, CWMP_EVENT_FLAG_KEEP_ON_FAILURE, CWMP_EVENT_ACK_INFORM},
    /* method completions: kept until delivered, across reboots (the
     * M Reboot of a Reboot RPC exists only after the reboot) */
    {CWMP_EVENT_M_REBOOT, KEEP_BOTH | CWMP_EVENT_FLAG_MULTIPLE, CWMP_EVENT_ACK_INFORM},
    {CWMP_EVENT_M_SCHEDULE_INFORM, KEEP_BOTH | CWMP_EVENT_FLAG_MULTIPLE, CWMP_EVENT_ACK_INFORM},
    /* removed with their TransferComplete, not with the InformResponse */
    {CWMP_EVENT_M_DOWNLOAD, KEEP_BOTH | CWMP_EVENT_FLAG_MULTIPLE, CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    {CWMP_EVENT_M_SCHEDULE_DOWNLOAD, KEEP_BOTH | CWMP_EVENT_FLAG_MULTIPLE,
     CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    {CWMP_EVENT_M_UPLOAD, KEEP_BOTH | CWMP_EVENT_FLAG_MULTIPLE, CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    {CWMP_EVENT_M_CHANGE_DU_STATE, KEEP_BOTH | CWMP_EVENT_FLAG_MULTIPLE,
     CWMP_EVENT_ACK_DU_STATE_CHANGE_COMPLETE},
};

static void
cwmp_event_finalize(GObject *object)
{
	CwmpEvent *self = CWMP_EVENT(object);
	g_free(self->code);
	g_free(self->command_key);
	G_OBJECT_CLASS(cwmp_event_parent_class)->finalize(object);
}

static void
cwmp_event_class_init(CwmpEventClass *klass)
{
	G_OBJECT_CLASS(klass)->finalize = cwmp_event_finalize;
}

static void
cwmp_event_init(CwmpEvent *self)
{
	self->number = -1;
}

static gboolean
cwmp_event_is_word_char(gchar c)
{
	return g_ascii_isalnum(c) || c == '_';
}

/*
 * cwmp_event_code_lookup:
 * @code: an event code
 * @flags: (out) (optional): CwmpEventFlags
 * @ack: (out) (optional): what removes it
 * @error: a #GError, or %NULL
 *
 * Classifies an event code. Known codes come from the table above; a vendor
 * method completion "M X_<VENDOR>_<Method>" is multiple and kept like the
 * standard M events; a vendor event "X <OUI> <event>" is single and kept
 * after a failed session but not across a reboot (its meaning is the
 * vendor's; this is the cautious choice). Any other code is refused.
 *
 * Returns: %TRUE for a valid code
 */
gboolean
cwmp_event_code_lookup(const gchar *code, guint32 *flags, CwmpEventAck *ack, GError **error)
{
	guint32	     flags_tmp = 0;
	CwmpEventAck ack_tmp = CWMP_EVENT_ACK_INFORM;
	gsize	     len;

	g_return_val_if_fail(code != NULL, FALSE);
	len = strlen(code);
	if (len == 0 || len > CWMP_EVENT_CODE_MAX_LENGTH || !g_utf8_validate(code, -1, NULL)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "invalid event code \"%s\": empty, too long or not UTF-8", code);
		return FALSE;
	}
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_event_rules); i++) {
		if (g_strcmp0(cwmp_event_rules[i].code, code) == 0) {
			flags_tmp = cwmp_event_rules[i].flags;
			ack_tmp = cwmp_event_rules[i].ack;
			if (flags != NULL)
				*flags = flags_tmp;
			if (ack != NULL)
				*ack = ack_tmp;
			return TRUE;
		}
	}
	if (g_str_has_prefix(code, "M X_")) {
		/* "M X_<VENDOR>_<Method>" */
		const gchar *p = code + 4;
		const gchar *sep = strchr(p, '_');
		gboolean     ok = sep != NULL && sep > p && sep[1] != '\0';
		for (const gchar *q = p; ok && *q != '\0'; q++)
			ok = cwmp_event_is_word_char(*q) || *q == '-';
		if (ok) {
			if (flags != NULL)
				*flags = KEEP_BOTH | CWMP_EVENT_FLAG_MULTIPLE;
			if (ack != NULL)
				*ack = CWMP_EVENT_ACK_INFORM;
			return TRUE;
		}
	} else if (g_str_has_prefix(code, "X ")) {
		/* "X <OUI> <event>": six hex digits, a space, then the event */
		const gchar *p = code + 2;
		gboolean     ok = strlen(p) > 7 && p[6] == ' ' && p[7] != ' ';
		for (guint i = 0; ok && i < 6; i++)
			ok = g_ascii_isxdigit(p[i]) && !g_ascii_islower(p[i]);
		if (ok) {
			if (flags != NULL)
				*flags = CWMP_EVENT_FLAG_KEEP_ON_FAILURE;
			if (ack != NULL)
				*ack = CWMP_EVENT_ACK_INFORM;
			return TRUE;
		}
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA, "unknown event code \"%s\"", code);
	return FALSE;
}

/**
 * cwmp_event_new:
 * @code: an event code, see cwmp_event_code_lookup()
 * @command_key: (nullable): the CommandKey of an "M" event
 * @error: a #GError, or %NULL
 *
 * Makes an event. Only "M" events take a CommandKey; a numbered or vendor
 * event with a non-empty one is refused.
 *
 * Returns: (transfer full): the event, or %NULL with CWMP_ERROR_INVALID_DATA
 */
CwmpEvent *
cwmp_event_new(const gchar *code, const gchar *command_key, GError **error)
{
	CwmpEvent   *self;
	guint32	     flags = 0;
	CwmpEventAck ack = CWMP_EVENT_ACK_INFORM;

	g_return_val_if_fail(code != NULL, NULL);
	if (!cwmp_event_code_lookup(code, &flags, &ack, error))
		return NULL;
	if (command_key == NULL)
		command_key = "";
	if (strlen(command_key) > CWMP_EVENT_COMMAND_KEY_MAX_LENGTH ||
	    !g_utf8_validate(command_key, -1, NULL)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "%s: CommandKey longer than %u bytes or not UTF-8", code,
			    (guint) CWMP_EVENT_COMMAND_KEY_MAX_LENGTH);
		return NULL;
	}
	if ((flags & CWMP_EVENT_FLAG_MULTIPLE) == 0 && command_key[0] != '\0') {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "%s: only M events carry a CommandKey", code);
		return NULL;
	}
	self = g_object_new(CWMP_TYPE_EVENT, NULL);
	self->code = g_strdup(code);
	self->command_key = g_strdup(command_key);
	self->flags = flags;
	self->ack = ack;
	if (g_ascii_isdigit(code[0]))
		self->number = (gint) g_ascii_strtoll(code, NULL, 10);
	return self;
}

const gchar *
cwmp_event_get_code(CwmpEvent *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT(self), NULL);
	return self->code;
}

/* never NULL: "" when the event has none */
const gchar *
cwmp_event_get_command_key(CwmpEvent *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT(self), NULL);
	return self->command_key;
}

guint32
cwmp_event_get_flags(CwmpEvent *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT(self), 0);
	return self->flags;
}

CwmpEventAck
cwmp_event_get_ack(CwmpEvent *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT(self), CWMP_EVENT_ACK_INFORM);
	return self->ack;
}

/* the number of a numbered event ("4 VALUE CHANGE" is 4), or -1 */
gint
cwmp_event_get_number(CwmpEvent *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT(self), -1);
	return self->number;
}

gboolean
cwmp_event_is_multiple(CwmpEvent *self)
{
	g_return_val_if_fail(CWMP_IS_EVENT(self), FALSE);
	return (self->flags & CWMP_EVENT_FLAG_MULTIPLE) != 0;
}

gboolean
cwmp_event_equal(CwmpEvent *self, CwmpEvent *other)
{
	g_return_val_if_fail(CWMP_IS_EVENT(self), FALSE);
	g_return_val_if_fail(CWMP_IS_EVENT(other), FALSE);
	return g_strcmp0(self->code, other->code) == 0 &&
	       g_strcmp0(self->command_key, other->command_key) == 0;
}
