/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* the DiagnosticsState machine of every diagnostic: see cwmp-tr143-machine.h */

#include "config.h"

#include "cwmp-tr143-machine.h"

#define CWMP_TR143_MACHINE_EVENT     "8 DIAGNOSTICS COMPLETE"
#define CWMP_TR143_MACHINE_TAG_STATE 'S'

struct _CwmpTr143Machine {
	CwmpTr143Plugin		    *plugin;
	gchar			    *name;
	gchar			    *path;
	const CwmpTr143MachineFuncs *funcs;
	gpointer		     owner;
	gchar			    *state;
	CwmpStore		    *store;
	GCancellable		    *cancellable; /* of the queued or running test */
	guint			     call_id;	  /* cwmp_host_call_when_idle() */
	guint			     idle_id;	  /* no host (unit tests): a plain idle */
};

/**
 * cwmp_tr143_machine_new:
 * @plugin: the plugin: its host, its state directory, its list of machines
 * @name: for messages and the state file, tr143-@name.state
 * @path: the object, "Device.IP.Diagnostics.IPPing." and the like
 * @funcs: (transfer none): static
 * @owner: what the @funcs get
 *
 * The state starts as None; cwmp_tr143_machine_load() reads the last one.
 */
CwmpTr143Machine *
cwmp_tr143_machine_new(CwmpTr143Plugin		   *plugin,
		       const gchar		   *name,
		       const gchar		   *path,
		       const CwmpTr143MachineFuncs *funcs,
		       gpointer			    owner)
{
	CwmpTr143Machine *self = g_new0(CwmpTr143Machine, 1);
	g_autofree gchar *file = g_strdup_printf("tr143-%s.state", name);

	self->plugin = plugin;
	self->name = g_strdup(name);
	self->path = g_strdup(path);
	self->funcs = funcs;
	self->owner = owner;
	self->state = g_strdup("None");
	self->store = cwmp_tr143_util_new_store(plugin, file);
	g_ptr_array_add(plugin->machines, self);
	return self;
}

void
cwmp_tr143_machine_free(CwmpTr143Machine *self)
{
	if (self == NULL)
		return;
	cwmp_tr143_machine_cancel(self);
	g_ptr_array_remove(self->plugin->machines, self);
	g_clear_object(&self->store);
	g_free(self->state);
	g_free(self->path);
	g_free(self->name);
	g_free(self);
}

const gchar *
cwmp_tr143_machine_get_name(CwmpTr143Machine *self)
{
	return self->name;
}

const gchar *
cwmp_tr143_machine_get_path(CwmpTr143Machine *self)
{
	return self->path;
}

gpointer
cwmp_tr143_machine_get_owner(CwmpTr143Machine *self)
{
	return self->owner;
}

CwmpTr143Plugin *
cwmp_tr143_machine_get_plugin(CwmpTr143Machine *self)
{
	return self->plugin;
}

const gchar *
cwmp_tr143_machine_get_state(CwmpTr143Machine *self)
{
	return self->state;
}

/* whether a test was requested and has not ended yet */
gboolean
cwmp_tr143_machine_is_running(CwmpTr143Machine *self)
{
	return self->cancellable != NULL || self->call_id != 0 || self->idle_id != 0;
}

/* --- persistence ---------------------------------------------------------- */

/**
 * cwmp_tr143_machine_save:
 *
 * Writes the state file: the state (None for a test not ended yet: it is not
 * resumed after a restart) and the module's records.
 *
 * Returns: %FALSE with a 9002 fault when the file cannot be written
 */
gboolean
cwmp_tr143_machine_save(CwmpTr143Machine *self, GError **error)
{
	g_autoptr(CwmpStoreWriter) writer = NULL;
	g_autoptr(GError) error_local = NULL;
	const gchar *state = g_strcmp0(self->state, "Requested") == 0 ? "None" : self->state;

	if (self->store == NULL)
		return TRUE;
	writer = cwmp_store_writer_new(self->store, &error_local);
	if (writer == NULL ||
	    !cwmp_store_writer_add1(writer, CWMP_TR143_MACHINE_TAG_STATE, state, &error_local) ||
	    !self->funcs->save(self->owner, writer, &error_local) ||
	    !cwmp_store_writer_commit(writer, &error_local)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s: cannot save %s: %s",
			    self->name, cwmp_store_get_filename(self->store), error_local->message);
		return FALSE;
	}
	return TRUE;
}

void
cwmp_tr143_machine_save_or_warn(CwmpTr143Machine *self)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_tr143_machine_save(self, &error))
		g_warning("%s", error->message);
}

static gboolean
cwmp_tr143_machine_load_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	CwmpTr143Machine *self = user_data;

	if (record->tag != CWMP_TR143_MACHINE_TAG_STATE)
		return self->funcs->load(self->owner, record, error);
	if (record->n_fields != 1) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "bad state record");
		return FALSE;
	}
	/* queued or running when the agent stopped: canceled */
	cwmp_tr143_machine_set_state(
	    self, g_strcmp0(record->fields[0], "Requested") == 0 ? "None" : record->fields[0]);
	return TRUE;
}

/**
 * cwmp_tr143_machine_load:
 *
 * Reads the state file when there is one. A damaged file is set aside and
 * the module starts from None and its defaults.
 *
 * Returns: %FALSE only when a damaged file cannot be set aside
 */
gboolean
cwmp_tr143_machine_load(CwmpTr143Machine *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *aside = NULL;

	if (self->store == NULL || !cwmp_store_exists(self->store))
		return TRUE;
	if (cwmp_store_read(self->store, cwmp_tr143_machine_load_cb, self, &error_local))
		return TRUE;
	g_warning("%s: %s: %s; starting from None", self->name,
		  cwmp_store_get_filename(self->store), error_local->message);
	cwmp_tr143_machine_set_state(self, "None");
	self->funcs->reset(self->owner);
	return cwmp_store_quarantine(self->store, &aside, error);
}

/* --- the state machine ---------------------------------------------------- */

void
cwmp_tr143_machine_set_state(CwmpTr143Machine *self, const gchar *state)
{
	g_free(self->state);
	self->state = g_strdup(state);
}

/* the validate callback of DiagnosticsState: the ACS writes only these two */
gboolean
cwmp_tr143_machine_validate_state(const gchar *value, GError **error)
{
	if (g_strcmp0(value, "Requested") == 0 || g_strcmp0(value, "Canceled") == 0)
		return TRUE;
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
		    "DiagnosticsState can only be set to Requested or Canceled, not '%s'", value);
	return FALSE;
}

/* stops a queued or running test; the state is left to the caller */
void
cwmp_tr143_machine_cancel(CwmpTr143Machine *self)
{
	if (self->call_id != 0 && self->plugin->host != NULL)
		cwmp_host_cancel_call(self->plugin->host, self->call_id);
	self->call_id = 0;
	g_clear_handle_id(&self->idle_id, g_source_remove);
	if (self->cancellable != NULL) {
		g_cancellable_cancel(self->cancellable);
		g_clear_object(&self->cancellable);
	}
}

static gboolean
cwmp_tr143_machine_start_cb(gpointer user_data)
{
	CwmpTr143Machine *self = user_data;

	self->call_id = 0;
	self->idle_id = 0;
	if (g_strcmp0(self->state, "Requested") != 0)
		return G_SOURCE_REMOVE;
	g_debug("%s: starting the test", self->name);
	self->cancellable = g_cancellable_new();
	self->funcs->run(self->owner, self->cancellable);
	return G_SOURCE_REMOVE;
}

/**
 * cwmp_tr143_machine_commit:
 * @changes: a committed transaction
 *
 * Requested in @changes queues a test (after stopping one that was queued
 * or running); Canceled, or any other parameter of the object alone, stops
 * it and sets the state to None.
 *
 * Returns: whether the transaction touched the object
 */
gboolean
cwmp_tr143_machine_commit(CwmpTr143Machine *self, const CwmpDmChange *changes, guint n_changes)
{
	gboolean requested = FALSE, touched = FALSE;

	for (guint i = 0; i < n_changes; i++) {
		g_autofree gchar *path = cwmp_dm_object_dup_path(changes[i].object);
		if (g_strcmp0(path, self->path) != 0)
			continue;
		touched = TRUE;
		if (g_strcmp0(changes[i].name, "DiagnosticsState") == 0 &&
		    g_strcmp0(changes[i].value, "Requested") == 0)
			requested = TRUE;
	}
	if (!touched)
		return FALSE;
	cwmp_tr143_machine_cancel(self);
	if (requested) {
		cwmp_tr143_machine_set_state(self, "Requested");
		if (self->plugin->host != NULL) {
			self->call_id = cwmp_host_call_when_idle(
			    self->plugin->host, cwmp_tr143_machine_start_cb, self, NULL);
		} else {
			self->idle_id = g_idle_add(cwmp_tr143_machine_start_cb, self);
		}
	} else {
		cwmp_tr143_machine_set_state(self, "None");
	}
	cwmp_tr143_machine_save_or_warn(self);
	return TRUE;
}

/**
 * cwmp_tr143_machine_finish:
 * @cancellable: the run's
 * @state: Complete or one of the object's Error values
 *
 * Ends a run: keeps the state and the module's results, queues
 * 8 DIAGNOSTICS COMPLETE. A run that was canceled meanwhile changes nothing.
 *
 * Returns: whether the run was still the current one
 */
gboolean
cwmp_tr143_machine_finish(CwmpTr143Machine *self, GCancellable *cancellable, const gchar *state)
{
	g_autoptr(GError) error = NULL;

	if (cancellable == NULL || cancellable != self->cancellable ||
	    g_cancellable_is_cancelled(cancellable))
		return FALSE;
	g_debug("%s: test ended: %s", self->name, state);
	g_clear_object(&self->cancellable);
	cwmp_tr143_machine_set_state(self, state);
	cwmp_tr143_machine_save_or_warn(self);
	if (self->plugin->host != NULL &&
	    !cwmp_host_queue_event(self->plugin->host, CWMP_TR143_MACHINE_EVENT, NULL, &error))
		g_warning("%s: cannot queue %s: %s", self->name, CWMP_TR143_MACHINE_EVENT,
			  error->message);
	return TRUE;
}
